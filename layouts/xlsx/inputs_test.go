package xlsx

import (
	"bytes"
	"context"
	"io/fs"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/fixtures"
	"rapport/layouts"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/underlag"
)

type expected = fixtures.Expected

// erpPartLabels are the reconciliation's rows for periods 00 and 13–15.
var erpPartLabels = [...]string{report.ReconOpeningLabel, report.ReconClosingLabel, report.ReconClosingIncludedLabel}

// TestUnseenInputs runs the test inputs through import, Compute and Render,
// and reads the figures back from the cells (cached values of formulas
// included): against the report, and against the figures the inputs'
// generator computed (SPEC section 3, to the öre). A difference only in the
// second is upstream of the workbook, in import or Compute.
func TestUnseenInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("imports whole ledgers")
	}
	entries, err := fs.ReadDir(fixtures.TestInputs, "testinputs")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if fixtures.IsUnitsFolder(e.Name()) {
			continue // one ledger for many units: cmd's TestRegion runs it
		}
		t.Run(e.Name(), func(t *testing.T) {
			folder, err := fs.Sub(fixtures.TestInputs, "testinputs/"+e.Name())
			if err != nil {
				t.Fatal(err)
			}
			want, err := fixtures.LoadExpected(e.Name())
			if err != nil {
				t.Fatal(err)
			}
			if want.ExitCode != 0 {
				t.Skip("an input with errors renders nothing")
			}
			in, err := report.Import(context.Background(), report.ImportOptions{Folder: folder, Dir: e.Name(), OpenWorkbook: underlag.OpenWorkbook})
			if err != nil {
				t.Fatal(err)
			}
			r, probs := report.Compute(in, period.Code(want.Period), report.ComputeOptions{})
			if probs.HasErrors() || r == nil {
				t.Fatalf("Compute: %v", probs)
			}
			f := open(t, render(t, r))
			checkFormulas(t, f)
			checkFiguresToOre(t, f, r)
			checkExpected(t, f, want, t.Errorf)
		})
	}
}

// checkExpected compares the workbook with expected.json and reports each
// difference with report.
func checkExpected(t *testing.T, f *excelize.File, want *expected, report func(string, ...any)) {
	t.Helper()
	eq := func(sheet, cell string, want *money.Amount, unit money.Unit) {
		t.Helper()
		got, ok := cellOre(t, f, sheet, cell, unit)
		switch {
		case want == nil && ok:
			report("expected.json: %s!%s = %d öre, want empty", sheet, cell, got)
		case want != nil && !ok:
			report("expected.json: %s!%s is empty, want %d öre", sheet, cell, *want)
		case want != nil && got != *want:
			report("expected.json: %s!%s = %d öre, want %d", sheet, cell, got, *want)
		}
	}
	annual := period.Code(want.Period) == "ÅR"
	col := headerColumns(t, f, sheetOperating)
	for _, l := range append(want.Operating.Lines, want.Operating.Net) {
		row := findRow(t, f, sheetOperating, l.Line)
		for h, a := range table4Figures(annual, l.AnnualBudget, l.BudgetAcc, l.OutcomeAcc, l.DeviationAcc, l.Prognosis, l.PrognosisDeviation, l.PriorYearAcc) {
			eq(sheetOperating, ref(col[h], row), a, money.UnitMnkr)
		}
	}
	e := want.Economy
	t3 := []money.Amount{e.PeriodResult, e.AccumulatedBudgetDeviation, e.PrognosisBudgetDeviation, e.InvestmentPrognosisDeviation}
	if annual {
		t3 = []money.Amount{e.PeriodResult, e.PrognosisBudgetDeviation, e.InvestmentPrognosisDeviation}
	}
	for i, a := range t3 {
		eq(sheetEconomy, ref(2, dataRow+i), &a, money.UnitMnkr)
	}
	col = headerColumns(t, f, sheetInvestment)
	for _, in := range want.Investments {
		row := findRow(t, f, sheetInvestment, in.Name)
		if annual {
			eq(sheetInvestment, ref(col["Utfall "+strconv.Itoa(want.Year)], row), in.Prognosis, money.UnitMnkr)
		} else {
			eq(sheetInvestment, ref(col["Ackumulerad förbrukning"], row), in.Spent, money.UnitMnkr)
			eq(sheetInvestment, ref(col["Prognos"], row), in.Prognosis, money.UnitMnkr)
		}
		eq(sheetInvestment, ref(col["Avvikelse"], row), in.Deviation, money.UnitMnkr)
	}
	rec := want.Reconciliation
	for label, n := range map[string]int{"Lästa rader": rec.RowsRead, "Summerade rader": rec.RowsSummed,
		"Tomma rader (hoppade över)": rec.BlankRows, "Felaktiga rader (hoppade över, redovisade som fel)": rec.ErrorRows} {
		row := findRow(t, f, sheetControl, label)
		if got, _ := f.GetCellValue(sheetControl, ref(ctlRows, row), excelize.Options{RawCellValue: true}); got != strconv.Itoa(n) {
			report("expected.json: Kontroll %s = %s, want %d", label, got, n)
		}
	}
	if rec.SummaryRows > 0 {
		row := findRow(t, f, sheetControl, layouts.SummaryRowsLabel)
		if got, _ := f.GetCellValue(sheetControl, ref(ctlRows, row), excelize.Options{RawCellValue: true}); got != strconv.Itoa(rec.SummaryRows) {
			report("expected.json: Kontroll %s = %s, want %d", layouts.SummaryRowsLabel, got, rec.SummaryRows)
		}
	}
	// The parts of SPEC 6.1, each on its own row when the ledger has it.
	for _, p := range []struct {
		label string
		want  fixtures.ExpectedPart
	}{{erpPartLabels[0], rec.Opening}, {erpPartLabels[1], rec.Closing}, {erpPartLabels[2], rec.ClosingIncluded}} {
		if p.want.Rows == 0 {
			continue
		}
		row := findRow(t, f, sheetControl, p.label)
		if got, _ := f.GetCellValue(sheetControl, ref(ctlRows, row), excelize.Options{RawCellValue: true}); got != strconv.Itoa(p.want.Rows) {
			report("expected.json: Kontroll %s = %s rows, want %d", p.label, got, p.want.Rows)
		}
		eq(sheetControl, ref(ctlAmount, row), &p.want.Amount, money.UnitKr)
	}
	eq(sheetControl, ref(ctlAmount, findRow(t, f, sheetControl, "Huvudbokens summa (alla summerade rader)")), &rec.LedgerTotal, money.UnitKr)
	eq(sheetControl, ref(ctlAmount, findRow(t, f, sheetControl, "Summa delar")), &rec.LedgerTotal, money.UnitKr)
	if got, _ := f.GetCellValue(sheetControl, ref(ctlAmount, findRow(t, f, sheetControl, "Kontroll"))); got != "OK" {
		report("Kontroll check cell = %q, want OK", got)
	}
}

// TestExample renders the embedded example for every period it supports,
// and for the annual report (prognosis = outcome):
// the figures are the report's to the öre, every cached value is what its
// formula computes, and two renders give the same bytes.
func TestExample(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the example ledger")
	}
	in, err := report.Import(context.Background(), report.ImportOptions{Folder: fixtures.ExampleFolder(), OpenWorkbook: underlag.OpenWorkbook})
	if err != nil {
		t.Fatal(err)
	}
	probs := in.Problems
	if probs.HasErrors() {
		t.Fatalf("example: %v", probs)
	}
	for _, code := range []period.Code{"M02", "UR1", "UR2", "M10", "ÅR"} {
		t.Run(string(code), func(t *testing.T) {
			r, probs := report.Compute(in, code, report.ComputeOptions{})
			if probs.HasErrors() || r == nil {
				t.Fatalf("Compute: %v", probs)
			}
			data := render(t, r)
			if again := render(t, r); !bytes.Equal(data, again) {
				t.Error("two renders differ")
			}
			f := open(t, data)
			if n := checkFormulas(t, f); n < 50 {
				t.Errorf("only %d formulas", n)
			}
			checkFiguresToOre(t, f, r)
			if got, _ := f.GetCellValue(sheetControl, ref(ctlAmount, findRow(t, f, sheetControl, "Kontroll"))); got != "OK" {
				t.Errorf("Kontroll check cell = %q, want OK", got)
			}
		})
	}
}
