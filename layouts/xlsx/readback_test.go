package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/report"
	"rapport/report/money"
)

// sheetParts reads the worksheet parts of a workbook, by part name.
func sheetParts(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[zf.Name] = b
	}
	return parts
}

var (
	dimensionElem = regexp.MustCompile(`<dimension ref="([A-Z0-9:]+)"`)
	cellRef       = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"`)
	colMin        = regexp.MustCompile(`<col min="([0-9]+)"`)
)

// TestDimensionIsUsedRange checks, in the XML as a read-only reader sees
// it, that every sheet states as its used range exactly the box that holds
// its cells: a reader that trusts <dimension> (openpyxl read-only, Power
// Query) then sees every cell.
func TestDimensionIsUsedRange(t *testing.T) {
	for _, tc := range append(cases, struct {
		name string
		r    func() *report.Report
	}{"empty", func() *report.Report { return &report.Report{} }}) {
		t.Run(tc.name, func(t *testing.T) {
			parts := sheetParts(t, render(t, tc.r()))
			if len(parts) != 8 {
				t.Fatalf("%d worksheet parts, want 8", len(parts))
			}
			for name, xml := range parts {
				m := dimensionElem.FindSubmatch(xml)
				if m == nil {
					t.Errorf("%s: no <dimension>", name)
					continue
				}
				maxCol, maxRow := 0, 0
				for _, c := range cellRef.FindAllSubmatch(xml, -1) {
					col, row, err := excelize.CellNameToCoordinates(string(c[1]))
					if err != nil {
						t.Fatal(err)
					}
					maxCol, maxRow = max(maxCol, col), max(maxRow, row)
				}
				if maxRow == 0 {
					t.Errorf("%s: no cells", name)
					continue
				}
				if want := "A1:" + ref(maxCol, maxRow); string(m[1]) != want {
					t.Errorf("%s: <dimension ref=%q>, cells span %s", name, m[1], want)
				}
				// Excel repairs a file whose columns are out of order.
				prev := 0
				for _, c := range colMin.FindAllSubmatch(xml, -1) {
					n, _ := strconv.Atoi(string(c[1]))
					if n <= prev {
						t.Errorf("%s: <col min=%d> after %d", name, n, prev)
					}
					prev = n
				}
			}
		})
	}
}

// TestRowIteratorReadsEveryCell reads the workbook back with excelize's
// streaming row iterator, as a read-only reader does, and finds every cell
// of the sheet models and every row of Underlag's table, and nothing below
// the used range.
func TestRowIteratorReadsEveryCell(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r()
			f := open(t, render(t, r))
			b, err := newBuilder(r, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range b.sheets() {
				want := 0
				for _, c := range s.cells {
					if c.kind != kindText || c.text != "" {
						want++
					}
				}
				if s.table != nil {
					want += len(s.table.rows) * len(accountColumns)
				}
				rows, err := f.Rows(s.name)
				if err != nil {
					t.Fatal(err)
				}
				got, lastRow := 0, 0
				for row := 1; rows.Next(); row++ {
					cols, err := rows.Columns(excelize.Options{RawCellValue: true})
					if err != nil {
						t.Fatal(err)
					}
					for _, v := range cols {
						if v != "" {
							got++
							lastRow = row
						}
					}
				}
				if err := rows.Close(); err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s: the row iterator reads %d cells, the sheet has %d", s.name, got, want)
				}
				dim, err := f.GetSheetDimension(s.name)
				if err != nil {
					t.Fatal(err)
				}
				if _, last, _ := strings.Cut(dim, ":"); lastRow > 0 && !strings.HasSuffix(last, strconv.Itoa(lastRow)) {
					t.Errorf("%s: last row with a value is %d, dimension %s", s.name, lastRow, dim)
				}
			}
		})
	}
}

// TestUnderlagTable checks that Underlag is an Excel table a pivot table
// can use: named, with filter buttons over the header Rad, Konto, År,
// Månad, Belopp (kr), one row per account and month, and amounts that add
// up per line and year to table 4's Utfall ack and Utfall ack föregående
// år, to the öre.
func TestUnderlagTable(t *testing.T) {
	r := sampleReport()
	data := render(t, r)
	f := open(t, data)
	tables, err := f.GetTables(sheetAccounts)
	if err != nil {
		t.Fatal(err)
	}
	wantRange := "A4:E" + strconv.Itoa(headerRow+len(r.Accounts))
	if len(tables) != 1 || tables[0].Name != "Underlag" || tables[0].Range != wantRange {
		t.Fatalf("tables = %+v, want one named Underlag over %s", tables, wantRange)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/tables/") {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			found = bytes.Contains(b, []byte(`<autoFilter ref="`+wantRange+`"`))
		}
	}
	if !found {
		t.Error("the table has no filter buttons (autoFilter)")
	}

	rows, err := f.GetRows(sheetAccounts, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[headerRow-1]; strings.Join(got, "|") != strings.Join(accountColumns, "|") {
		t.Errorf("header = %q", got)
	}
	type key struct {
		line string
		year int
	}
	sums := map[key]money.Amount{}
	n := 0
	for _, row := range rows[headerRow:] {
		if len(row) != 5 {
			t.Fatalf("row %q", row)
		}
		year, err1 := strconv.Atoi(row[2])
		month, err2 := strconv.Atoi(row[3])
		kr, err3 := strconv.ParseFloat(row[4], 64)
		a, err4 := money.FromFloat(kr, money.UnitKr)
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil || month < 1 || month > 4 || a == 0 || row[1] == "" {
			t.Errorf("row %q", row)
		}
		sums[key{row[0], year}] += a
		n++
	}
	if n != len(r.Accounts) {
		t.Errorf("%d rows, want %d", n, len(r.Accounts))
	}
	for _, l := range r.Operating.Lines {
		if got := sums[key{l.Line, r.Year}]; got != l.OutcomeAcc {
			t.Errorf("%s %d: Underlag sums to %d öre, Utfall ack is %d", l.Line, r.Year, got, l.OutcomeAcc)
		}
		if got := sums[key{l.Line, r.Year - 1}]; got != *l.PriorYearAcc {
			t.Errorf("%s %d: Underlag sums to %d öre, Utfall ack föregående år is %d", l.Line, r.Year-1, got, *l.PriorYearAcc)
		}
	}
}

// TestDocumentProperties checks title, organisation and the program and
// its version, dated by the report, not the clock.
func TestDocumentProperties(t *testing.T) {
	for _, c := range []struct {
		name, version, app string
	}{
		{"no version", "", "rapport"},
		{"version", "1.4.0", "rapport 1.4.0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := (Options{Version: c.version}).Render(&buf, sampleReport()); err != nil {
				t.Fatal(err)
			}
			f := open(t, buf.Bytes())
			props, err := f.GetDocProps()
			if err != nil {
				t.Fatal(err)
			}
			if props.Title != "Regionstyrelsen – Uppföljningsrapport 1 2026" || props.Creator != "rapport" ||
				props.Version != c.version || !strings.Contains(props.Description, c.app+" ") ||
				props.Created != "2026-05-12T00:00:00Z" || props.Modified != props.Created {
				t.Errorf("doc props = %+v", props)
			}
			app, err := f.GetAppProps()
			if err != nil || app.Application != c.app || app.Company != "Region Halland" {
				t.Errorf("app props = %+v, %v", app, err)
			}
		})
	}
}
