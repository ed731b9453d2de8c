package underlag

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"strings"
	"testing"

	"rapport/report"
	"rapport/report/problem"
)

// rewritePart returns the zip data with one part changed by fn.
func rewritePart(t testing.TB, data []byte, part string, fn func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == part {
			b, found = fn(b), true
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	if !found {
		t.Fatalf("no part %s", part)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// withPart returns the zip data with one part added.
func withPart(t testing.TB, data []byte, name, body string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		if err := zw.Copy(zf); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, body)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// zipOf builds a zip of the given parts, in order.
func zipOf(t testing.TB, parts ...[2]string) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p[1])
	}
	zw.Close()
	return out.Bytes()
}

// lyingZip declares a part far larger than it is.
func lyingZip(t testing.TB) []byte {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	content := []byte("<workbook/>")
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write(content)
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/workbook.xml", Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE(content), CompressedSize64: uint64(comp.Len()), UncompressedSize64: 1 << 40})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return out.Bytes()
}

// realBomb unpacks to 300 MB of spaces in a sheet.
func realBomb(t testing.TB, base []byte) []byte {
	zr, _ := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.Create(zf.Name)
		if zf.Name == "xl/worksheets/sheet1.xml" {
			i := bytes.Index(b, []byte("<sheetData>"))
			w.Write(b[:i])
			spaces := bytes.Repeat([]byte(" "), 1<<20)
			for k := 0; k < 300; k++ {
				w.Write(spaces)
			}
			w.Write(b[i:])
			continue
		}
		w.Write(b)
	}
	zw.Close()
	return out.Bytes()
}

// manyEmptyRows appends n empty, formatted rows to a sheet, as Excel
// writes them when a format is applied to whole columns.
func manyEmptyRows(t testing.TB, data []byte, part string, n int) []byte {
	return rewritePart(t, data, part, func(b []byte) []byte {
		var sb strings.Builder
		for r := 100; r < 100+n; r++ {
			fmt.Fprintf(&sb, `<row r="%d" spans="1:3"><c r="A%d" s="0"/></row>`, r, r)
		}
		return bytes.Replace(b, []byte("</sheetData>"), []byte(sb.String()+"</sheetData>"), 1)
	})
}

// longRows is a sheet of n rows under the header whose fourth cell holds
// size bytes of text.
func longRows(name string, header []any, n, size int) sheet {
	rows := [][]any{header}
	text := strings.Repeat("a", size)
	for i := 0; i < n; i++ {
		rows = append(rows, []any{"1", "UR1", "Uppfyllt", text})
	}
	return sheet{name, rows}
}

var assessHeader = []any{"Nr", "Period", "Bedömning", "Analys"}

// withElements adds n copies of elem before the end tag closing in part.
func withElements(t testing.TB, data []byte, part, closing, elem string, n int) []byte {
	return rewritePart(t, data, part, func(b []byte) []byte {
		return bytes.Replace(b, []byte(closing), []byte(strings.Repeat(elem, n)+closing), 1)
	})
}

func TestReadUnderlagHostileFiles(t *testing.T) {
	valid := buildWorkbook(t, baseSheets())
	e := problem.Error
	cfb := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	corrupt := append([]byte(nil), valid...)
	for i := len(corrupt) / 3; i < len(corrupt)/3+40; i++ {
		corrupt[i] ^= 0x5A
	}
	bigCell := buildWorkbook(t, with(baseSheets(), sheet{sheetGoals, [][]any{{"Nr", "Regionstyrelsens mål"}, {"1", "PLATSHÅLLARE"}, {"2", "Mål 2"}}}))
	bigCell = rewritePart(t, bigCell, "xl/sharedStrings.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("PLATSHÅLLARE"), bytes.Repeat([]byte("a"), 10<<20), 1)
	})
	cached := buildWorkbook(t, with(baseSheets(), sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR1", "Intäkter", formula("1+1")}}}))
	cached = rewritePart(t, cached, "xl/worksheets/sheet5.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte("<f>1+1</f>"), []byte("<f>1+1</f><v>2</v>"), 1)
	})

	cases := []struct {
		name  string
		data  []byte
		short bool // runs with -short
		more  bool // other errors besides the wanted ones
		want  []want
		check func(t *testing.T, in *report.Inputs)
	}{
		{name: "empty file", data: nil, short: true, want: []want{{e, "", "", "filen är tom"}}},
		{name: "only spaces", data: []byte(" \n "), short: true, want: []want{{e, "", "", "filen är tom"}}},
		{name: "not a zip", data: []byte{0x00, 0x01, 0x02, 0xff, 0x10}, short: true, want: []want{{e, "", "", "inte en Excel-arbetsbok"}}},
		{name: "CSV named .xlsx", data: []byte("Rad;Årsbudget\r\nIntäkter;1 200\r\n"), short: true, want: []want{{e, "", "", "textfil"}}},
		{name: "truncated zip", data: valid[:len(valid)/2], short: true, want: []want{{e, "", "", "skadad eller ofullständig"}}},
		{name: "corrupt zip", data: corrupt, short: true, want: []want{{e, "", "", "skadad eller ofullständig"}}},
		{name: "password-protected workbook", data: append(append(append([]byte(nil), cfb...), make([]byte, 500)...), utf16le("EncryptedPackage")...),
			short: true, want: []want{{e, "", "", "lösenordsskyddad"}}},
		{name: ".xls named .xlsx", data: append(append([]byte(nil), cfb...), utf16le("Workbook")...), short: true, want: []want{{e, "", "", "gammal Excel-fil (.xls)"}}},
		{name: ".ods named .xlsx", data: zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, [2]string{"content.xml", "<x/>"}),
			short: true, want: []want{{e, "", "", "OpenDocument"}}},
		{name: "other zip (a .docx)", data: zipOf(t, [2]string{"word/document.xml", "<x/>"}), short: true, want: []want{{e, "", "", "xl/workbook.xml saknas"}}},
		{name: "zip bomb: lying header", data: lyingZip(t), short: true, want: []want{{e, "", "", "zip-bomb"}}},
		{name: "zip bomb: 300 MB of spaces", data: realBomb(t, valid), want: []want{{e, "", "", "zip-bomb"}}},
		{name: "zip with garbage XML", data: zipOf(t, [2]string{"[Content_Types].xml", "<<<"}, [2]string{"xl/workbook.xml", "<workbook><sheets><sheet"}),
			short: true, want: []want{{e, "", "", ""}}},
		{name: "10 MB cell", data: bigCell, short: true, want: []want{{e, sheetGoals, "B2", "för lång: 10485760 tecken, men högst 32767"}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Goals) != 2 || len(in.Goals[0].BoardGoal) != maxCellText {
					t.Errorf("goal text not capped: %d", len(in.Goals[0].BoardGoal))
				}
			}},
		{name: "sheet nesting 100 000 deep", short: true, want: []want{{e, "", "", "för djup nästling"}},
			data: rewritePart(t, valid, "xl/worksheets/sheet1.xml", func(b []byte) []byte {
				return bytes.Replace(b, []byte("<sheetData>"), []byte("<sheetData>"+strings.Repeat("<a>", 100000)), 1)
			})},
		{name: "workbook part nesting 100 000 deep", short: true, want: []want{{e, "", "", "för djup nästling"}},
			data: rewritePart(t, valid, "xl/workbook.xml", func(b []byte) []byte {
				return bytes.Replace(b, []byte("<sheets>"), []byte(strings.Repeat("<a>", 100000)+"<sheets>"), 1)
			})},
		{name: "5 000 rows", short: true, want: []want{{e, sheetAssess, "", "fler än 5 000 rader"}},
			data: buildWorkbook(t, with(baseSheets(), longRows(sheetAssess, assessHeader, 5000, 1)))},
		{name: "9 MB of text in a sheet", short: true, want: []want{{e, sheetAssess, "", "mer än 8 MB text"}},
			data: buildWorkbook(t, with(baseSheets(), longRows(sheetAssess, assessHeader, 300, 30000)))},
		{name: "9 MB of text in three sheets", short: true, more: true, want: []want{{e, sheetIndValues, "", "tillsammans mer än 8 MB text"}},
			data: buildWorkbook(t, with(baseSheets(), longRows(sheetGoals, []any{"Nr", "Fokusområde", "Regionfullmäktiges mål", "Regionstyrelsens mål"}, 200, 15000),
				longRows(sheetAssess, assessHeader, 200, 15000), longRows(sheetIndValues, []any{"Indikator", "Period", "Värde", "Kommentar"}, 200, 15000)))},
		{name: "100 001 shared strings", short: true, want: []want{{e, "", "", "fler än 100 000 olika texter"}},
			data: withElements(t, valid, "xl/sharedStrings.xml", "</sst>", "<si><t>x</t></si>", maxSharedStrings+1)},
		{name: "100 001 styles", short: true, want: []want{{e, "", "", "xl/styles.xml av arbetsboken har fler än 100 000 XML-element"}},
			data: withElements(t, valid, "xl/styles.xml", "</cellXfs>", `<xf numFmtId="10"/>`, maxWholeElements+1)},
		{name: "5 MB calculation chain", short: true, want: []want{{e, "", "", "xl/calcChain.xml av arbetsboken packas upp till mer än 4 MB"}},
			data: withPart(t, valid, "xl/calcChain.xml", `<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+strings.Repeat(`<c r="A1" i="1"/>`, 5<<20/16)+`</calcChain>`)},
		{name: "formula with cached value", data: cached, short: true, check: func(t *testing.T, in *report.Inputs) {
			if len(in.Prognoses) != 1 || in.Prognoses[0].Annual != 200 {
				t.Errorf("prognoses = %+v", in.Prognoses)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if testing.Short() && !c.short {
				t.Skip("large input")
			}
			in, probs := read(t, c.data, Options{})
			checkProblems(t, probs, c.want, false)
			if c.want == nil && probs.HasErrors() {
				t.Errorf("unexpected errors:\n%s", dump(probs))
			}
			if c.want != nil && !c.more && len(probs.Errors()) != 1 {
				t.Errorf("want exactly one error, got:\n%s", dump(probs))
			}
			for _, p := range probs {
				if strings.Contains(p.String(), "excelize") || strings.Contains(p.String(), "zip:") {
					t.Errorf("internal error text shown to user: %s", p)
				}
			}
			if c.check != nil {
				c.check(t, in)
			}
		})
	}
}

// A sheet with a million formatted empty rows is read without errors and
// the data at its top is still found.
func TestReadUnderlagMillionEmptyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	data := buildWorkbook(t, baseSheets())
	data = manyEmptyRows(t, data, "xl/worksheets/sheet7.xml", 1_000_000) // Indikatorer
	in, probs := read(t, data, Options{})
	if probs.HasErrors() {
		t.Fatalf("errors:\n%s", dump(probs))
	}
	if len(in.IndicatorValue) != 1 {
		t.Errorf("indicator values = %+v", in.IndicatorValue)
	}
}

func TestLastFilledRow(t *testing.T) {
	cases := []struct {
		name string
		xml  string
		want int
	}{
		{"empty sheet", `<worksheet><sheetData/></worksheet>`, 0},
		{"values then empty rows", `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" s="1"/></row><row r="900"/></sheetData>`, 1},
		{"inline string", `<sheetData><row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row><row r="4"/></sheetData>`, 3},
		{"formula without value", `<sheetData><row r="7" spans="1:2"><c r="B7"><f>1+1</f></c></row></sheetData>`, 7},
		{"row without number", `<sheetData><row><c><v>1</v></c></row></sheetData>`, -1},
		{"prefixed tags", `<x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>`, -1},
		{"value without row", `<v>1</v>`, -1},
		{"one byte", `0`, 0},
		{"lone bracket", `<`, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := lastFilledRow([]byte(c.xml)); got != c.want {
				t.Errorf("lastFilledRow = %d, want %d", got, c.want)
			}
		})
	}
}

// A percent-formatted number cell (0,052 shown as 5,2 %) reads as 5,2; a
// formula without cached value is found on a sheet with a stray cell at
// the last row and column, which excelize would expand to a billion cells.
func TestReadUnderlagCellScan(t *testing.T) {
	data := buildWorkbook(t, with(baseSheets(), sheet{sheetIndValues, [][]any{{"Indikator", "Period", "Värde"},
		{"Sjukfrånvaro", "2026-01", 0.052}, {"Sjukfrånvaro", "2026-02", formula("1/0")}}}))
	data = rewritePart(t, data, "xl/styles.xml", func(b []byte) []byte {
		// add a style with the built-in format 10 (0.00%) as the last xf
		i := bytes.Index(b, []byte("</cellXfs>"))
		return append(append(append([]byte(nil), b[:i]...), []byte(`<xf numFmtId="10" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>`)...), b[i:]...)
	})
	var styles []byte
	rewritePart(t, data, "xl/styles.xml", func(b []byte) []byte { styles = b; return b })
	last := bytes.Count(styles[bytes.Index(styles, []byte("<cellXfs")):bytes.Index(styles, []byte("</cellXfs>"))], []byte("<xf ")) - 1
	data = rewritePart(t, data, "xl/worksheets/sheet7.xml", func(b []byte) []byte {
		b = bytes.Replace(b, []byte(`<c r="C2"`), []byte(fmt.Sprintf(`<c r="C2" s="%d"`, last)), 1)
		return bytes.Replace(b, []byte("</sheetData>"), []byte(`<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`), 1)
	})
	in, probs := read(t, data, Options{})
	checkProblems(t, probs, []want{{problem.Error, sheetIndValues, "C3", `"=1/0" är en formel utan sparat värde`}}, true)
	if len(in.IndicatorValue) != 1 || in.IndicatorValue[0].Value < 5.1999 || in.IndicatorValue[0].Value > 5.2001 {
		t.Errorf("values = %+v", in.IndicatorValue)
	}
}

// A formula cell is uncached unless its <v> holds a value: openpyxl writes
// an empty <v></v> beside every formula, which must not read as an empty
// cell (the figure would be dropped without a word).
func TestScanCellsCachedValue(t *testing.T) {
	cases := []struct {
		name     string
		cell     string
		uncached bool
	}{
		{"value", `<c r="C2"><f>B2/12</f><v>34875000</v></c>`, false},
		{"no value", `<c r="C2"><f>B2/12</f></c>`, true},
		{"empty value, as openpyxl writes", `<c r="C2"><f>B2/12</f><v></v></c>`, true},
		{"empty element value", `<c r="C2"><f>B2/12</f><v/></c>`, true},
		{"empty value with attribute", `<c r="C2"><f>B2/12</f><v xml:space="preserve"></v></c>`, true},
		{"empty text result of a text formula", `<c r="C2" t="str"><f>IF(A2="","",A2)</f><v></v></c>`, false},
		{"shared formula child without value", `<c r="C2"><f t="shared" si="0"/></c>`, true},
		{"shared formula child with value", `<c r="C2"><f t="shared" si="0"/><v>3</v></c>`, false},
		{"value zero", `<c r="C2"><f>0</f><v>0</v></c>`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			uncached, _, ok := scanCells([]byte(`<sheetData><row r="2">`+c.cell+`</row></sheetData>`), nil)
			if !ok {
				t.Fatal("scan refused the XML")
			}
			if _, got := uncached["C2"]; got != c.uncached {
				t.Errorf("uncached = %v, want %v", got, c.uncached)
			}
		})
	}
}
