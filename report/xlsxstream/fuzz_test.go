package xlsxstream

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// buildXLSX wraps sheet XML and shared-string XML into a workbook.
func buildXLSX(t testing.TB, sheet, sst []byte) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	put := func(name string, body []byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	put("[Content_Types].xml", []byte(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`))
	put("_rels/.rels", []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`))
	put("xl/workbook.xml", []byte(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`))
	put("xl/_rels/workbook.xml.rels", []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`))
	put("xl/styles.xml", []byte(`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>`))
	put("xl/sharedStrings.xml", sst)
	put("xl/worksheets/sheet1.xml", sheet)
	zw.Close()
	return b.Bytes()
}

// fuzzSeeds are sheets and shared strings; prefixed marks a sheet in
// prefixed SpreadsheetML (x:row), as some .NET writers produce, which
// excelize reads as empty and this package reads in full.
var fuzzSeeds = []struct {
	sheet, sst string
	prefixed   bool
}{
	{`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="3"><c r="B3" s="1"><v>46142</v></c><c r="D3" t="inlineStr"><is><r><t>a</t></r><r><rPr/><t>&amp;b</t></r><rPh><t>x</t></rPh></is></c></row></sheetData></worksheet>`,
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Konto</t></si><si><r><t>Bel</t></r><r><t>opp</t></r></si></sst>`, false},
	{`<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c><x:f>1+1</x:f><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
		`<sst/>`, true},
	{`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="A2" t="str"><f>"a"</f><v>a&#10;b&#x41;</v></c><c r="C2"><v>1.5E+3</v></c><c r="D2" t="s"><v>0</v></c></row><!-- kommentar --><row r="4"><c r="A4" t="inlineStr"><is><t><![CDATA[<&>]]></t></is></c></row></sheetData></worksheet>`,
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t xml:space="preserve"> _x0041_ </t></si></sst>`, false},
}

// FuzzSheetXML reads mutated sheet and shared-string XML: never a panic,
// rows in bounds, values within the cell limit.
func FuzzSheetXML(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s.sheet), []byte(s.sst))
	}
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		data := buildXLSX(t, sheet, sst)
		wb, err := Open(bytes.NewReader(data), int64(len(data)), DefaultLimits())
		if err != nil {
			return
		}
		rows, err := wb.Rows("")
		if err != nil {
			return
		}
		defer rows.Close()
		for rows.Next() {
			if r := rows.Row(); r < 1 || r > maxRows {
				t.Fatalf("row %d", r)
			}
			for _, c := range rows.Cells() {
				if c.Col < 1 || c.Col > maxCols || len(c.Value) > MaxCellBytes*8 {
					t.Fatalf("cell col %d, %d bytes", c.Col, len(c.Value))
				}
			}
		}
	})
}

// corpus reads the fuzz corpus kept in testdata: pairs of sheet XML and
// shared strings.
func corpus(t *testing.T) (names []string, pairs [][2][]byte) {
	files, _ := filepath.Glob("testdata/fuzz/FuzzSheetXML/*")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if len(lines) != 3 {
			continue
		}
		var pair [2][]byte
		for i, l := range lines[1:] {
			q, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(l, "[]byte("), ")"))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			pair[i] = []byte(q)
		}
		names = append(names, filepath.Base(f))
		pairs = append(pairs, pair)
	}
	return names, pairs
}

// TestSeedsAgreeWithExcelize holds the fuzz seeds and the fuzz corpus to
// excelize, cell for cell, where excelize can read them.
func TestSeedsAgreeWithExcelize(t *testing.T) {
	names, pairs := corpus(t)
	compared := 0
	defer func() { t.Logf("%d of %d corpus entries compared cell for cell", compared, len(pairs)) }()
	for i, p := range pairs {
		data := buildXLSX(t, p[0], p[1])
		want, err := excelizeRows(data, "")
		if err != nil {
			continue
		}
		got, err := readAll(t, data, "")
		if err != nil {
			t.Logf("%s: excelize reads it, xlsxstream says %v", names[i], err)
			continue
		}
		compared++
		if d := diffRows(got, want); d != "" {
			t.Errorf("%s: %s", names[i], d)
		}
	}
	for i, s := range fuzzSeeds {
		data := buildXLSX(t, []byte(s.sheet), []byte(s.sst))
		want, err := excelizeRows(data, "")
		if err != nil {
			t.Logf("seed %d: excelize: %v", i, err)
			continue
		}
		got, err := readAll(t, data, "")
		if err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
		if s.prefixed {
			if len(want) != 0 || len(got) == 0 {
				t.Errorf("seed %d: prefixed sheet: excelize %q, xlsxstream %q", i, want, got)
			}
			continue
		}
		if d := diffRows(got, want); d != "" {
			t.Errorf("seed %d: %s", i, d)
		}
	}
}
