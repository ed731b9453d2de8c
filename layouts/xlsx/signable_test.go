package xlsx

import (
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/layouts/internal/testreports"
	"rapport/report"
)

// TestSignableColumns reads back what SPEC 7 adds to the workbook: table
// 2's grade words, trend and monthly values, table 4's cost development
// (a live formula with the right cached value) and comments beside the
// lines, table 5's forecast total and an old comment's period.
func TestSignableColumns(t *testing.T) {
	r := testreports.Handmade("UR1")
	f := open(t, render(t, r))
	cell := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	rows := func(sheet string) [][]string {
		t.Helper()
		rs, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	find := func(sheet, text string) (int, int) {
		for i, row := range rows(sheet) {
			for j, c := range row {
				if c == text {
					return i + 1, j + 1
				}
			}
		}
		t.Fatalf("%s has no cell %q", sheet, text)
		return 0, 0
	}
	t.Run("table 2", func(t *testing.T) {
		if got := cell(sheetEmployees, "B4"); got != "Värde jan–apr" {
			t.Errorf("Värde header %q, want %q", got, "Värde jan–apr")
		}
		if got := cell(sheetEmployees, "G4"); got != "Trend" {
			t.Errorf("G4 = %q, want Trend", got)
		}
		for i, in := range r.Indicators {
			row := strconv.Itoa(dataRow + i)
			if got := cell(sheetEmployees, "F"+row); got != in.Grade.Word() {
				t.Errorf("status of %s = %q, want %q", in.Name, got, in.Grade.Word())
			}
			if got := cell(sheetEmployees, "G"+row); !strings.Contains(got, "↑") && !strings.Contains(got, "↓") {
				t.Errorf("trend of %s = %q", in.Name, got)
			}
		}
		row, _ := find(sheetEmployees, "Sjukfrånvaro 2026")
		if got := cell(sheetEmployees, "B"+strconv.Itoa(row)); got == "" {
			t.Error("no January value for Sjukfrånvaro 2026")
		}
		find(sheetEmployees, "Sjukfrånvaro 2025")
	})
	t.Run("table 4", func(t *testing.T) {
		for i, l := range r.Operating.Lines {
			row := strconv.Itoa(dataRow + i)
			if l.Comment != "" {
				if got := cell(sheetOperating, "J"+row); got != l.Comment {
					t.Errorf("comment of %s = %q, want %q", l.Line, got, l.Comment)
				}
			}
			if l.CostDevelopment == nil {
				continue
			}
			formula, err := f.GetCellFormula(sheetOperating, "I"+row)
			if err != nil || formula != "D"+row+"/H"+row+"*100-100" {
				t.Errorf("cost development of %s: formula %q, %v", l.Line, formula, err)
			}
			raw, _ := f.GetCellValue(sheetOperating, "I"+row, excelize.Options{RawCellValue: true})
			v, err := strconv.ParseFloat(raw, 64)
			if err != nil || v-*l.CostDevelopment > 1e-9 || *l.CostDevelopment-v > 1e-9 {
				t.Errorf("cost development of %s cached %q, want %v", l.Line, raw, *l.CostDevelopment)
			}
		}
	})
	t.Run("table 5", func(t *testing.T) {
		find(sheetInvestment, "Prognos total")
		find(sheetInvestment, "Utfall tidigare år")
		var old report.InvestmentRow
		for _, g := range r.Investment.Groups {
			for _, in := range g.Rows {
				if in.CommentMonth.Before(r.Month) {
					old = in
				}
			}
		}
		find(sheetInvestment, old.Comment+" (kommentar från M02)")
	})
}
