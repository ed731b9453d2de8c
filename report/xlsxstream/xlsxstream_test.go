package xlsxstream

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/fixtures/ledgergen"
)

// workbooks made with excelize, each exercising a feature of the format.
func excelizeWorkbooks(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	save := func(name string, f *excelize.File) {
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		out[name] = b.Bytes()
	}

	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Konto")
	f.SetCellValue("Sheet1", "B1", "Belopp & moms <kr>")
	f.SetCellValue("Sheet1", "C1", "Månad")
	f.SetCellValue("Sheet1", "A2", 4010)
	f.SetCellValue("Sheet1", "B2", -1234.5)
	f.SetCellValue("Sheet1", "C2", "2026-04")
	f.SetCellValue("Sheet1", "E7", true)          // sparse, after a gap of rows
	f.SetCellValue("Sheet1", "AA9", "långt bort") // far column
	f.SetCellValue("Sheet1", "B10", 0.1+0.2)
	f.SetCellValue("Sheet1", "B11", "rad ett\nrad två")
	f.SetCellValue("Sheet1", "B12", " mellanslag ")
	f.SetCellFormula("Sheet1", "D2", "B2*2")
	f.SetCellValue("Sheet1", "D3", "_x0041_ bstr")
	save("shared strings", f)

	f = excelize.NewFile()
	f.SetCellRichText("Sheet1", "A1", []excelize.RichTextRun{{Text: "Fet"}, {Text: " och vanlig"}})
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	custom := "yyyy-mm-dd;@"
	cstyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	f.SetCellValue("Sheet1", "B2", 46142)
	f.SetCellStyle("Sheet1", "B2", "B2", style)
	f.SetCellValue("Sheet1", "C2", 46142.5)
	f.SetCellStyle("Sheet1", "C2", "C2", cstyle)
	f.NewSheet("Andra")
	f.SetCellValue("Andra", "A1", "andra bladet")
	save("rich text and dates", f)

	f = excelize.NewFile()
	sw, _ := f.NewStreamWriter("Sheet1")
	sw.SetRow("A1", []any{"Konto", "Belopp", "Datum"})
	for i := 2; i < 300; i++ {
		sw.SetRow("A"+strconv.Itoa(i), []any{4000 + i, float64(i) * 1.25, "text med <tecken> & \"citat\""})
	}
	sw.Flush()
	save("stream writer inline strings", f)

	for _, inline := range []bool{false, true} {
		var b bytes.Buffer
		if err := ledgergen.WriteXLSX(&b, ledgergen.Spec{Rows: 500, Inline: inline, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		name := "ledgergen shared"
		if inline {
			name = "ledgergen inline"
		}
		out[name] = b.Bytes()
	}
	return out
}

func TestAgreesWithExcelize(t *testing.T) {
	files := excelizeWorkbooks(t)
	// and every file of the fuzz seed corpus that excelize can read
	seeds, _ := filepath.Glob("testdata/*.xlsx")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = b
	}
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			want, err := excelizeRows(data, "")
			if err != nil {
				t.Skipf("excelize: %v", err)
			}
			got, err := readAll(t, data, "")
			if err != nil {
				t.Fatal(err)
			}
			if d := diffRows(got, want); d != "" {
				t.Error(d)
			}
		})
	}
}

func TestDates(t *testing.T) {
	data := excelizeWorkbooks(t)["rich text and dates"]
	wb, err := Open(bytes.NewReader(data), int64(len(data)), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.Sheets(); len(got) != 2 || got[1] != "Andra" {
		t.Errorf("sheets %v", got)
	}
	rows, _ := wb.Rows("")
	defer rows.Close()
	dates := 0
	for rows.Next() {
		for _, c := range rows.Cells() {
			if c.Date {
				dates++
			}
		}
	}
	if dates != 2 {
		t.Errorf("%d date cells, want 2", dates)
	}
	rows2, err := wb.Rows("andra")
	if err != nil {
		t.Fatal(err)
	}
	defer rows2.Close()
	if !rows2.Next() || string(rows2.Cells()[0].Value) != "andra bladet" {
		t.Error("second sheet by name not read")
	}
}

func TestIsDateFormat(t *testing.T) {
	for _, tc := range []struct {
		code string
		want bool
	}{
		{"General", false},
		{"yyyy-mm-dd", true},
		{"yyyy-mm-dd;@", true},
		{"[$-41D]d mmmm yyyy", true},
		{"#,##0.00", false},
		{`#,##0 "dagar"`, false},
		{`0\ \d`, false},
		{"[Red]#,##0;[Blue]-#,##0", false},
		{"[h]:mm", true},
		{"hh:mm:ss", true},
		{"0.00E+00", false},
		{`_-* #,##0 kr_-`, false},
		{"mmm-yy", true},
	} {
		t.Run(tc.code, func(t *testing.T) {
			if got := IsDateFormat(tc.code); got != tc.want {
				t.Errorf("IsDateFormat(%q) = %v", tc.code, got)
			}
		})
	}
}
