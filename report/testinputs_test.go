package report_test

import (
	"context"
	"io/fs"
	"testing"

	"rapport/fixtures"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
	"rapport/report/underlag"
)

// operatingLine turns a line of expected.json into the report's own type.
func operatingLine(e fixtures.ExpectedLine) report.OperatingLine {
	return report.OperatingLine{Line: e.Line, AnnualBudget: e.AnnualBudget, BudgetAcc: e.BudgetAcc, OutcomeAcc: e.OutcomeAcc,
		DeviationAcc: e.DeviationAcc, Prognosis: e.Prognosis, PrognosisDeviation: e.PrognosisDeviation, PriorYearAcc: e.PriorYearAcc}
}

// TestUnseenInputs computes each test input that should give a report and
// compares every figure of tables 3–5 and the reconciliation with the
// generator's own, to the öre.
func TestUnseenInputs(t *testing.T) {
	dirs, err := fs.ReadDir(fixtures.TestInputs, "testinputs")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if fixtures.IsUnitsFolder(d.Name()) {
			continue // one ledger for many units: cmd's TestRegion runs it
		}
		t.Run(d.Name(), func(t *testing.T) {
			folder, _ := fs.Sub(fixtures.TestInputs, "testinputs/"+d.Name())
			want, err := fixtures.LoadExpected(d.Name())
			if err != nil {
				t.Fatal(err)
			}
			in, err := report.Import(context.Background(), report.ImportOptions{Folder: folder, Dir: d.Name(), OpenWorkbook: underlag.OpenWorkbook})
			if err != nil {
				t.Fatal(err)
			}
			code, _ := period.ParseCode(want.Period)
			r, probs := report.Compute(in, code, report.ComputeOptions{})
			all := append(append(problem.List(nil), in.Problems...), probs...)
			if want.ExitCode != 0 {
				if !all.HasErrors() {
					t.Fatalf("broken input gave no errors")
				}
				return
			}
			if all.HasErrors() {
				t.Fatalf("errors: %v", all.Errors())
			}
			if r.Unit != want.Unit || r.Organisation != want.Organisation || r.Year != want.Year {
				t.Errorf("unit %q %q %d, want %q %q %d", r.Unit, r.Organisation, r.Year, want.Unit, want.Organisation, want.Year)
			}
			if len(r.Operating.Lines) != len(want.Operating.Lines) {
				t.Errorf("%d lines, want %d", len(r.Operating.Lines), len(want.Operating.Lines))
			}
			for i, wl := range want.Operating.Lines {
				if i < len(r.Operating.Lines) && !report.EqualLine(r.Operating.Lines[i], operatingLine(wl)) {
					t.Errorf("line %d:\n got  %s\n want %s", i, report.FmtLine(r.Operating.Lines[i]), report.FmtLine(operatingLine(wl)))
				}
			}
			if !report.EqualLine(r.Operating.Net, operatingLine(want.Operating.Net)) {
				t.Errorf("net:\n got  %s\n want %s", report.FmtLine(r.Operating.Net), report.FmtLine(operatingLine(want.Operating.Net)))
			}
			e := r.Economy
			if e.PeriodResult != want.Economy.PeriodResult || e.AccumulatedBudgetDeviation != want.Economy.AccumulatedBudgetDeviation ||
				e.PrognosisBudgetDeviation != want.Economy.PrognosisBudgetDeviation ||
				e.InvestmentPrognosisDeviation != want.Economy.InvestmentPrognosisDeviation {
				t.Errorf("table 3 = %+v, want %+v", e, want.Economy)
			}
			got := map[string]report.InvestmentRow{}
			for _, g := range r.Investment.Groups {
				for _, row := range g.Rows {
					got[row.Name] = row
				}
			}
			for _, wi := range want.Investments {
				g, ok := got[wi.Name]
				if !ok {
					t.Errorf("investment %q missing", wi.Name)
					continue
				}
				if !sameOpt(g.Spent, wi.Spent) || !sameOpt(g.Prognosis, wi.Prognosis) || !sameOpt(g.Deviation, wi.Deviation) {
					t.Errorf("investment %q: spent %v prognosis %v deviation %v; want %v %v %v", wi.Name,
						optStr(g.Spent), optStr(g.Prognosis), optStr(g.Deviation), optStr(wi.Spent), optStr(wi.Prognosis), optStr(wi.Deviation))
				}
			}
			rec, wr := r.Reconciliation, want.Reconciliation
			if rec.RowsRead != wr.RowsRead || rec.RowsSummed != wr.RowsSummed || rec.BlankRows != wr.BlankRows ||
				rec.ErrorRows != wr.ErrorRows || rec.SummaryRows != wr.SummaryRows || rec.LedgerTotal != wr.LedgerTotal {
				t.Errorf("reconciliation counts %+v, want %+v", rec, wr)
			}
			for i, wp := range wr.Lines {
				if i >= len(rec.Lines) || rec.Lines[i].Amount != wp.Amount || rec.Lines[i].Rows != wp.Rows {
					t.Errorf("reconciliation line %d = %+v, want %+v", i, rec.Lines, wp)
				}
			}
			for _, p := range []struct {
				got  report.ReconPart
				want fixtures.ExpectedPart
			}{
				{rec.BalanceSheet, wr.BalanceSheet}, {rec.OtherYears, wr.OtherYears}, {rec.LaterMonths, wr.LaterMonths},
				{rec.Opening, wr.Opening}, {rec.Closing, wr.Closing}, {rec.ClosingIncluded, wr.ClosingIncluded},
			} {
				if p.got.Amount != p.want.Amount || p.got.Rows != p.want.Rows {
					t.Errorf("%s = %d rows %v, want %d rows %v", p.got.Label, p.got.Rows, p.got.Amount, p.want.Rows, p.want.Amount)
				}
			}
			if !rec.Balanced() {
				t.Errorf("reconciliation off by %v", rec.Difference)
			}
		})
	}
}

func sameOpt(a, b *money.Amount) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func optStr(a *money.Amount) string {
	if a == nil {
		return "–"
	}
	return a.FormatKr()
}
