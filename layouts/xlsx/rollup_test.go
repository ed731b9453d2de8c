package xlsx

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/layouts/doc"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// TestRenderRollup: the workbook has the one sheet Sammanställning, a row
// per unit with its figures exact to the öre, and Totalt as SUMs whose
// cached values are the units' sums.
func TestRenderRollup(t *testing.T) {
	e := period.Entry{Code: "M10", Name: "Månadsrapport oktober", LastMonth: 10, Kind: period.Deviation}
	var reports []*report.Report
	for i, unit := range []string{"Nämnd A", "Nämnd B", "Nämnd C"} {
		n := money.Amount(i + 1)
		reports = append(reports, &report.Report{Organisation: "Region X", Unit: unit, Year: 2026, Period: e,
			Economy: report.Economy{PeriodResult: -1_234_567_89 * n, AccumulatedBudgetDeviation: 3_33 * n,
				PrognosisBudgetDeviation: -7_00 * n, InvestmentPrognosisDeviation: 1 * n},
			GoalCounts: [4]int{1, i, 2, 0}})
	}
	ro, err := report.NewRollup(reports)
	if err != nil {
		t.Fatal(err)
	}
	d, err := doc.BuildRollup(ro, "2026-11-12", false, "")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := (Options{}).RenderRollup(&buf, ro, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != doc.RollupTitle {
		t.Fatalf("sheets %q", got)
	}
	for r, row := range append(ro.Units, ro.Total) {
		n := strconv.Itoa(dataRow + r)
		if got, _ := f.GetCellValue(doc.RollupTitle, "A"+n); got != row.Unit {
			t.Errorf("A%s = %q, want %q", n, got, row.Unit)
		}
		for i, a := range row.Figures(period.Deviation) {
			cell, _ := excelize.CoordinatesToCellName(2+i, dataRow+r)
			raw, _ := f.GetCellValue(doc.RollupTitle, cell, excelize.Options{RawCellValue: true})
			x, err := strconv.ParseFloat(raw, 64)
			if err != nil || !sameOre(x, a) {
				t.Errorf("%s = %q, want %d öre", cell, raw, a)
			}
			if fm, _ := f.GetCellFormula(doc.RollupTitle, cell); (row.Unit == report.RollupTotal) != strings.HasPrefix(fm, "SUM(") {
				t.Errorf("%s formula %q", cell, fm)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(2+4+1, dataRow+r) // Bedöms delvis uppfyllas
		if got, _ := f.GetCellValue(doc.RollupTitle, cell, excelize.Options{RawCellValue: true}); got != strconv.Itoa(row.GoalCounts[report.PartlyMet]) {
			t.Errorf("%s = %q, want %d", cell, got, row.GoalCounts[report.PartlyMet])
		}
	}
}
