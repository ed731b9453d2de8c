package xlsxstream

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// readTrace reads every row of sheet XML with a scanner buffer of size
// bytes, the fast paths on or off, into a text that holds everything a
// caller can see: row numbers, every field of every cell, the error.
func readTrace(t testing.TB, wb *Workbook, sheet []byte, size int, fast bool) string {
	t.Helper()
	saved := generalOnly
	generalOnly = !fast
	defer func() { generalOnly = saved }()
	rows := &Rows{wb: wb, sc: newScanner(bytes.NewReader(sheet), size)}
	var b strings.Builder
	for rows.Next() {
		fmt.Fprintf(&b, "row %d:", rows.Row())
		for _, c := range rows.Cells() {
			fmt.Fprintf(&b, " [%d %d %q s%d d%v f%v big%v bad%v]", c.Col, c.Type, c.Value, c.Style, c.Date, c.Formula, c.TooLarge, c.BadIndex)
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "err %v\n", rows.Err())
	return b.String()
}

// commonPieces are cells as writers of large exports write them, which
// the fast row takes; oddPieces are shapes it must decline, or fail on,
// exactly as the general way does. {c} is the column, {r} the row.
var commonPieces = []string{
	`<c r="{c}{r}" s="1"><v>45831</v></c>`,
	`<c r="{c}{r}"><v>4510</v></c>`,
	`<c r="{c}{r}" t="s"><v>1</v></c>`,
	`<c r="{c}{r}" t="inlineStr"><is><t>Verifikation &amp; 7_x0041_</t></is></c>`,
	`<c r="{c}{r}"/>`,
	`<c r="{c}{r}" s="2"></c>`,
	`<c r='{c}{r}' s='1'><v>46000</v></c>`,
	`<c  r="{c}{r}"  s="1" ><v>46001</v></c>`,
	`<c r="{c}{r}" t="s"><v> 0 </v></c>`,
	`<c r="{c}{r}" t="s"><v>99</v></c>`, // an index the workbook lacks
	`<c r="{c}{r}" t="str"><v>rad&#10;två&#13;</v></c>`,
	`<c r="{c}{r}" t="e"><v>#N/A</v></c>`,
	`<c r="{c}{r}"><is><t>ingen inline-typ</t></is></c>`,
	`<c r="{c}{r}"><v>` + strings.Repeat("9", 300) + `</v></c>`,
	`<c t="b"><v>1</v></c>`,
}

var oddPieces = []string{
	`<c r="{c}{r}"><f>1+1</f><v>2</v></c>`,
	`<c r="{c}{r}" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c>`,
	` `,
	"\n",
	`<c r="A{r}"><v>1</v></c>`, // out of order after later columns: an error
	`<c r="{c}1"><v>5</v></c>`, // another row's reference: an error
	`<c r="{c}{r}"><v>1</v><!-- x --></c>`,
	`<c r="{c}{r}"><v><![CDATA[7]]></v></c>`,
}

// genSheet builds a sheet of n rows, mostly of common cells in column
// order, with row tags of several shapes and now and then an odd cell.
func genSheet(rng *rand.Rand, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r := 1; r <= n; r++ {
		switch rng.IntN(10) {
		case 0:
			b.WriteString(`<row>`)
		case 1:
			fmt.Fprintf(&b, `<row r="%d"/>`, r)
			continue
		case 2:
			fmt.Fprintf(&b, `<row r="%d" spans="1:7" x14ac:dyDescent="0.25">`, r)
		default:
			fmt.Fprintf(&b, `<row r="%d">`, r)
		}
		for col := 1; col <= 12; col++ {
			var p string
			switch k := rng.IntN(40); {
			case k == 0:
				p = oddPieces[rng.IntN(len(oddPieces))]
			case k < 28:
				p = commonPieces[rng.IntN(len(commonPieces))]
			default:
				continue
			}
			p = strings.ReplaceAll(p, "{c}", string(rune('A'+col-1)))
			b.WriteString(strings.ReplaceAll(p, "{r}", fmt.Sprint(r)))
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.Bytes()
}

// TestFastRowSameAsGeneral holds the fast row and cell paths to the
// general tokenizer on generated sheets, with buffers from a few bytes
// (every row runs past the buffer) to the size used in production.
func TestFastRowSameAsGeneral(t *testing.T) {
	data := buildXLSX(t, []byte(`<worksheet/>`), []byte(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Konto</t></si><si><t>Belopp</t></si></sst>`))
	wb, err := Open(bytes.NewReader(data), int64(len(data)), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 300; i++ {
		sheet := genSheet(rng, 1+rng.IntN(40))
		want := readTrace(t, wb, sheet, 64<<10, false)
		for _, size := range []int{16, 97, 300, 4096, 512 << 10} {
			if got := readTrace(t, wb, sheet, size, true); got != want {
				t.Fatalf("sheet %d, buffer %d: the fast paths read\n%s\nthe general way\n%s\nsheet: %s", i, size, got, want, sheet)
			}
		}
	}
	// The generator must mostly make rows the fast path takes whole.
	saved := generalOnly
	defer func() { generalOnly = saved }()
	row := `<row r="7">`
	for i, p := range commonPieces[:9] {
		row += strings.ReplaceAll(strings.ReplaceAll(p, "{c}", string(rune('A'+i))), "{r}", "7")
	}
	sheet := []byte(`<worksheet><sheetData>` + row + `</row></sheetData></worksheet>`)
	rows := &Rows{wb: wb, sc: newScanner(bytes.NewReader(sheet), 64<<10)}
	rows.inData = true
	rows.sc.fill()
	rows.sc.pos = bytes.Index(rows.sc.buf[:rows.sc.end], []byte("<row"))
	if rows.fastRow() != fastDone {
		t.Errorf("the fast path declined a common row: %s", sheet[rows.sc.pos:rows.sc.pos+200])
	}
}

// FuzzFastRow holds the fast paths to the general tokenizer on mutated
// sheets, at a buffer that every row runs past and at a large one.
func FuzzFastRow(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s.sheet))
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 8; i++ {
		f.Add(genSheet(rng, 3))
	}
	data := buildXLSX(f, []byte(`<worksheet/>`), []byte(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Konto</t></si><si><t>Belopp</t></si></sst>`))
	wb, err := Open(bytes.NewReader(data), int64(len(data)), DefaultLimits())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, sheet []byte) {
		want := readTrace(t, wb, sheet, 64<<10, false)
		for _, size := range []int{23, 64 << 10} {
			if got := readTrace(t, wb, sheet, size, true); got != want {
				t.Fatalf("buffer %d: the fast paths read\n%s\nthe general way\n%s", size, got, want)
			}
		}
	})
}
