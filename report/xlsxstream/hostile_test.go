package xlsxstream

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// withParts rebuilds a workbook with some parts replaced or added.
func withParts(t testing.TB, data []byte, parts map[string]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	done := map[string]bool{}
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if body, ok := parts[f.Name]; ok {
			w.Write([]byte(body))
			done[f.Name] = true
			continue
		}
		rc, _ := f.Open()
		var part bytes.Buffer
		part.ReadFrom(rc)
		rc.Close()
		w.Write(part.Bytes())
	}
	for name, body := range parts {
		if !done[name] {
			w, _ := zw.Create(name)
			w.Write([]byte(body))
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// nest is n elements, each inside the one before.
func nest(n int) string {
	return strings.Repeat("<a>", n) + strings.Repeat("</a>", n)
}

func sheetOf(data string) string {
	return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + data + `</sheetData></worksheet>`
}

// TestHostileSheets holds the bounds that keep one row or one part from
// taking memory without end: each case was gigabytes before.
func TestHostileSheets(t *testing.T) {
	base := buildXLSX(t, []byte(sheetOf(`<row r="1"><c r="A1"><v>1</v></c></row>`)), []byte(`<sst/>`))
	bigText := strings.Repeat("x", MaxCellBytes-1)
	for _, tc := range []struct {
		name  string
		parts map[string]string
		open  error // from Open
		rows  error // from Rows.Err
		pos   *PosError
	}{
		{name: "a million cells all at A1",
			parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(`<row r="1">` + strings.Repeat(`<c r="A1"><v>1</v></c>`, 1_000_000) + `</row>`)},
			rows:  ErrCellOrder, pos: &PosError{Row: 1, Col: 1}},
		{name: "a cell left of the one before, in the slow path",
			parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(`<row r="3"><c r="C3"><f>1</f><v>1</v></c><c r="B3"><v>2</v></c></row>`)},
			rows:  ErrCellOrder, pos: &PosError{Row: 3, Col: 2}},
		{name: "cells of a megabyte each fill a row",
			parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(`<row r="1">` + strings.Repeat(`<c t="inlineStr"><is><t>`+bigText+`</t></is></c>`, 20) + `</row>`)},
			rows:  ErrRowTooLarge, pos: &PosError{Row: 1}},
		{name: "cells of a megabyte each, as values",
			parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(`<row r="1">` + strings.Repeat(`<c t="str"><v>`+bigText+`</v></c>`, 20) + `</row>`)},
			rows:  ErrRowTooLarge, pos: &PosError{Row: 1}},
		{name: "a sheet nesting a hundred thousand deep",
			parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(`<row r="1">` + nest(100000) + `</row>`)},
			rows:  ErrTooDeep},
		{name: "a workbook part nesting deep",
			parts: map[string]string{"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + nest(100000) + `</workbook>`},
			open:  ErrTooDeep},
		{name: "styles nesting deep",
			parts: map[string]string{"xl/styles.xml": `<styleSheet>` + nest(100000) + `</styleSheet>`},
			open:  ErrTooDeep},
		{name: "relationships nesting deep",
			parts: map[string]string{"xl/_rels/workbook.xml.rels": `<Relationships>` + nest(100000) + `</Relationships>`},
			open:  ErrTooDeep},
		{name: "shared strings nesting deep",
			parts: map[string]string{"xl/sharedStrings.xml": `<sst><si>` + nest(100000) + `</si></sst>`},
			open:  ErrTooDeep},
		{name: "nesting to the bound is read",
			parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(`<row r="1"><c r="A1"><v>1</v></c>` + nest(MaxDepth-3) + `</row>`)}},
		// SPEC 15: a row number that appears twice would be summed twice.
		{name: "a row number twice",
			parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(`<row r="6"><c r="A6"><v>1</v></c></row><row r="7"><c r="A7"><v>1</v></c></row><row r="7"><c r="A7"><v>1</v></c></row>`)},
			rows:  ErrRowOrder, pos: &PosError{Row: 7}},
		{name: "a row number twice, in the slow path",
			parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(`<row r="7"><c r="A7"><f>1</f><v>1</v></c></row><row r="7"/>`)},
			rows:  ErrRowOrder, pos: &PosError{Row: 7}},
		{name: "a row above the one before",
			parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(`<row r="9"><c r="A9"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c></row>`)},
			rows:  ErrRowOrder, pos: &PosError{Row: 3}},
		{name: "rows without numbers follow the one before",
			parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(`<row r="2"><c><v>1</v></c></row><row><c><v>1</v></c></row><row r="4"><c><v>1</v></c></row>`)}},
		{name: "cells that skip columns are read",
			parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(`<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row><row r="2"><c><v>1</v></c><c><v>2</v></c></row>`)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := withParts(t, base, tc.parts)
			wb, err := Open(bytes.NewReader(data), int64(len(data)), DefaultLimits())
			if !errors.Is(err, tc.open) || (err == nil) != (tc.open == nil) {
				t.Fatalf("Open: %v, want %v", err, tc.open)
			}
			if err != nil {
				return
			}
			rows, err := wb.Rows("")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
			}
			err = rows.Err()
			if !errors.Is(err, tc.rows) || (err == nil) != (tc.rows == nil) {
				t.Fatalf("Rows: %v, want %v", err, tc.rows)
			}
			if tc.pos != nil {
				var pe *PosError
				if !errors.As(err, &pe) || pe.Row != tc.pos.Row || pe.Col != tc.pos.Col {
					t.Errorf("error %v, want at row %d column %d", err, tc.pos.Row, tc.pos.Col)
				}
			}
		})
	}
}

func TestCheckParts(t *testing.T) {
	base := buildXLSX(t, []byte(sheetOf(`<row r="1"><c r="A1"><v>1</v></c></row>`)), []byte(`<sst/>`))
	for _, tc := range []struct {
		name  string
		parts map[string]string
		want  error
	}{
		{name: "a plain workbook"},
		{name: "a deep sheet", parts: map[string]string{"xl/worksheets/sheet1.xml": sheetOf(nest(9000))}, want: ErrTooDeep},
		{name: "a deep part that no reader here opens", parts: map[string]string{"docProps/app.xml": nest(9000)}, want: ErrTooDeep},
		{name: "a deep workbook part", parts: map[string]string{"xl/workbook.xml": nest(300)}, want: ErrTooDeep},
		{name: "binary parts are not scanned", parts: map[string]string{"xl/media/image1.png": strings.Repeat("<a>", 9000)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := withParts(t, base, tc.parts)
			err := CheckParts(bytes.NewReader(data), int64(len(data)), DefaultLimits())
			if !errors.Is(err, tc.want) || (err == nil) != (tc.want == nil) {
				t.Errorf("CheckParts: %v, want %v", err, tc.want)
			}
		})
	}
	if err := CheckParts(bytes.NewReader([]byte("not a zip")), 9, DefaultLimits()); !errors.Is(err, ErrNotZip) {
		t.Errorf("not a zip: %v", err)
	}
}

func TestSheetList(t *testing.T) {
	base := buildXLSX(t, []byte(sheetOf(`<row r="1"><c r="A1"><v>1</v></c></row>`)), []byte(`<sst/>`))
	list := func(n int) string {
		return `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
			strings.Repeat(`<sheet name="Blad" sheetId="1" r:id="rId1"/>`, n) + `</sheets></workbook>`
	}
	for _, tc := range []struct {
		name   string
		n      int
		sheets int
		err    error
	}{
		{name: "one part listed three times is one sheet", n: 3, sheets: 1},
		{name: "more sheets than the bound", n: MaxSheets + 1, err: ErrTooManySheets},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := withParts(t, base, map[string]string{"xl/workbook.xml": list(tc.n)})
			wb, err := Open(bytes.NewReader(data), int64(len(data)), DefaultLimits())
			if !errors.Is(err, tc.err) || (err == nil) != (tc.err == nil) {
				t.Fatalf("Open: %v, want %v", err, tc.err)
			}
			if err == nil && len(wb.Sheets()) != tc.sheets {
				t.Errorf("sheets %v, want %d", wb.Sheets(), tc.sheets)
			}
		})
	}
}

// TestSharedStringsTooLarge: a shared-strings part over the limit is a
// large real workbook, not a zip bomb, unless it also packs like one; the
// caller then suggests a CSV export rather than talking of bombs.
func TestSharedStringsTooLarge(t *testing.T) {
	var sst strings.Builder
	sst.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&sst, "<si><t>Leverantör %d</t></si>", i*7919)
	}
	sst.WriteString("</sst>")
	data := buildXLSX(t, []byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`), []byte(sst.String()))
	lim := Limits{MaxSheetBytes: 1 << 20, MaxSharedBytes: 1000, MaxPartBytes: 1 << 20, MaxRatio: 1000, RatioFloorBytes: 1 << 20}
	tests := []struct {
		name  string
		ratio int64 // MaxRatio, checked above a floor of 0
		want  error
	}{
		{"text that packs as text does", 1000, ErrSharedTooLarge},
		{"text that packs like a bomb", 2, ErrBomb},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := lim
			l.MaxRatio, l.RatioFloorBytes = tc.ratio, 0
			if _, err := Open(bytes.NewReader(data), int64(len(data)), l); !errors.Is(err, tc.want) {
				t.Errorf("Open: %v, want %v", err, tc.want)
			}
		})
	}
}
