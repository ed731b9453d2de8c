package ledger

import (
	"fmt"
	"strings"
	"testing"
)

func TestRowValues(t *testing.T) {
	var r rowValues
	txt := func(s string) value { return value{text: []byte(s)} }
	r.set(1, 4, txt("b"))
	r.set(3, 4, txt("d"))
	r.set(9, 4, txt("j"))
	r.set(16383, 4, txt("xfd"))
	if len(r.dense) != 4 || len(r.far) != 2 {
		t.Fatalf("dense %d, far %d: want 4 and 2", len(r.dense), len(r.far))
	}
	for _, c := range []struct {
		col  int
		want string
	}{{0, ""}, {1, "b"}, {2, ""}, {3, "d"}, {4, ""}, {9, "j"}, {10, ""}, {16383, "xfd"}, {16384, ""}, {-1, ""}} {
		if got := string(r.at(c.col).text); got != c.want {
			t.Errorf("at(%d) = %q, want %q", c.col, got, c.want)
		}
	}
	var seen []string
	all := r.each(func(col int, v value) bool {
		seen = append(seen, fmt.Sprintf("%d:%s", col, v.text))
		return col < 9
	})
	if got := strings.Join(seen, " "); all || got != "0: 1:b 2: 3:d 9:j" {
		t.Errorf("each visited %q (all %v), want 0: 1:b 2: 3:d 9:j, stopped", got, all)
	}
	r.reset()
	if r.at(1).text != nil || r.each(func(int, value) bool { return false }) != true {
		t.Error("reset left values behind")
	}
}

// farCellSheet is a ledger workbook whose header reads columns A–C, with
// rows that hold cells far to the right: postings with a note in column
// XFD, a summary row whose label stands in column XFC, and n rows that
// hold nothing but a number in column XFD.
func farCellSheet(t testing.TB, n int) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>Konto</t></is></c><c r="B1" t="inlineStr"><is><t>Period</t></is></c><c r="C1" t="inlineStr"><is><t>Belopp</t></is></c></row>`)
	b.WriteString(`<row r="2"><c r="A2"><v>4010</v></c><c r="B2" t="inlineStr"><is><t>202603</t></is></c><c r="C2"><v>-100.25</v></c><c r="XFD2" t="inlineStr"><is><t>anteckning</t></is></c></row>`)
	b.WriteString(`<row r="3"><c r="A3"><v>4010</v></c><c r="B3" t="inlineStr"><is><t>202603</t></is></c><c r="C3"><v>-0.75</v></c></row>`)
	b.WriteString(`<row r="4"><c r="C4"><v>-101</v></c><c r="XFC4" t="inlineStr"><is><t>Summa konto 4010</t></is></c></row>`)
	for r := 5; r < 5+n; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, r, r)
	}
	return rawXLSX(t, b.String(), nil, false)
}

// TestFarCells: cells far right of the columns a layout reads are still
// seen where a row is scanned (a summary row's label, a row that is only
// text), and cost one value each.
func TestFarCells(t *testing.T) {
	l := read(t, farCellSheet(t, 3), "huvudbok.xlsx")
	if l.RowsSummed != 2 || l.SummaryRows != 1 || l.BlankRows != 3 || l.Total != -10100 {
		t.Errorf("summed %d, summary rows %d, blank %d, total %d: want 2, 1, 3, -10100 (öre)", l.RowsSummed, l.SummaryRows, l.BlankRows, l.Total)
	}
	if l.Problems.HasErrors() {
		t.Errorf("problems: %v", l.Problems)
	}
}

// BenchmarkFarCells reads 100 000 rows that each hold one cell in column
// XFD: before rows kept their values by column, each such row cost a
// scan of 16 384 columns (a million rows took six minutes).
func BenchmarkFarCells(b *testing.B) {
	data := farCellSheet(b, 100_000)
	for b.Loop() {
		read(b, data, "huvudbok.xlsx")
	}
}
