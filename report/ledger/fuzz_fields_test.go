package ledger

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// FuzzFieldCount holds the field-count rule of SPEC 15 to an oracle: a
// file of postings whose Text may hold the delimiter and whose rows may
// have fields beyond the header's. A wide row (a non-empty field beyond
// the header's) is named in one error and never summed unless every row
// has the same field count, fewer than two joined rows have; then no row
// is an error for its fields. The parallel read must give what the
// sequential one gives.
func FuzzFieldCount(f *testing.F) {
	f.Add("Faktura 4712; 17", []byte{0x00, 0x10, 0x00})
	f.Add("a;b", []byte{0x10, 0x00})
	f.Add("x", []byte{0x20, 0x20, 0x20, 0x60})
	f.Add("", []byte{0x40, 0x00, 0x40})
	f.Add(" ; ", []byte{0x30, 0x10, 0x00, 0x20})
	f.Add("Hyra", []byte{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09})
	f.Add("a;b;c", []byte{0x10, 0x10})
	f.Fuzz(func(t *testing.T, text string, rows []byte) {
		if len(rows) > 200 {
			rows = rows[:200]
		}
		// One line per row, split only at ';': no quote or line end.
		text = strings.Map(func(r rune) rune {
			if r == '"' || r == '\n' || r == '\r' || r == 0 {
				return -1
			}
			return r
		}, text)
		const width = 4
		var b strings.Builder
		b.WriteString("Konto;Period;Text;Belopp\n")
		type line struct{ fields, row int }
		var lines []line
		wideRows, first := 0, 0
		for i, c := range rows {
			txt := "t"
			if c&0x10 != 0 {
				txt = text
			}
			s := fmt.Sprintf("40%02d;2026%02d;%s;%d", c%7, 1+int(c)%12, txt, i+1)
			if c&0x20 != 0 {
				s += ";K"
			}
			if c&0x40 != 0 {
				s += ";"
			}
			fields := strings.Split(s, ";")
			for _, x := range fields[width:] {
				if len(bytes.TrimSpace([]byte(x))) > 0 {
					wideRows++
					if first == 0 {
						first = i + 2
					}
					break
				}
			}
			lines = append(lines, line{max(len(fields), width), i + 2})
			b.WriteString(s + "\n")
		}
		alike := true
		for _, ln := range lines {
			alike = alike && ln.fields == lines[0].fields
		}
		data := []byte(b.String())
		l := read(t, data, "huvudbok.csv")
		var fieldErr []string
		for _, p := range l.Problems {
			if strings.Contains(p.Message, "fält men rubrikraden") || strings.Contains(p.Message, "fler fält än rubrikraden") {
				fieldErr = append(fieldErr, p.String())
				if p.Row != first {
					t.Errorf("the error is at row %d, want the first wide row %d: %s", p.Row, first, p)
				}
			}
		}
		// Rows alike but as wide as two joined rows are no columns
		// without a header (fieldCheck.unheaded).
		switch want := wideRows > 0 && (!alike || lines[0].fields >= 2*width-1); {
		case want && len(fieldErr) != 1:
			t.Fatalf("%d wide rows among rows of differing field counts; want one error, got %v\n%s", wideRows, l.Problems, data)
		case !want && len(fieldErr) > 0:
			t.Fatalf("no field error expected (wide %d, alike %v), got %v\n%s", wideRows, alike, fieldErr, data)
		case want && l.RowsSummed > len(rows)-wideRows:
			t.Fatalf("%d rows summed, but only %d are not wide\n%s", l.RowsSummed, len(rows)-wideRows, data)
		case want && !strings.Contains(fieldErr[0], fmt.Sprintf("rad %d", first)):
			t.Fatalf("the error does not name row %d: %s", first, fieldErr[0])
		}
		if len(rows) == 0 {
			return
		}
		seq, _ := readWith(t, data, 1, nil)
		par, _ := readWith(t, data, 2, nil)
		if !reflect.DeepEqual(seq, par) {
			t.Fatalf("parallel read differs:\n got %d summed, total %d, %v\nwant %d summed, total %d, %v", par.RowsSummed, par.Total, par.Problems, seq.RowsSummed, seq.Total, seq.Problems)
		}
	})
}
