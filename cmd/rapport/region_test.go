package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"rapport/fixtures"
	"rapport/report"
)

// TestRegion runs the region-wide test input as a controller would, every
// unit folder against the one export (generate --in UNITS --ledger FILE),
// and checks each unit's tables and reconciliation against the figures
// the generator computed from that unit's own postings, to the öre.
func TestRegion(t *testing.T) {
	root := copyTestInput(t, "region-csv", t.TempDir())
	out := t.TempDir()
	code, _, stderr := runCmd(t, "generate", "--in", root, "--ledger", filepath.Join(root, "huvudbok.csv"),
		"--period", "M10", "--format", "json,xlsx,pdf", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, unit := range []string{"kulturnamnden", "servicenamnden"} {
		t.Run(unit, func(t *testing.T) {
			want, err := fixtures.LoadExpected("region-csv/" + unit)
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(out, want.Unit+"_2026_M10.json"))
			if err != nil {
				t.Fatal(err)
			}
			// The tables of the report as data (--format json).
			var r struct {
				Economy        report.Economy        `json:"economy"`
				Operating      report.Operating      `json:"operating"`
				Reconciliation report.Reconciliation `json:"reconciliation"`
			}
			if err := json.Unmarshal(b, &r); err != nil {
				t.Fatal(err)
			}
			for _, f := range []string{".pdf", ".xlsx"} {
				if _, err := os.Stat(filepath.Join(out, want.Unit+"_2026_M10"+f)); err != nil {
					t.Error(err)
				}
			}
			for i, wl := range want.Operating.Lines {
				g := r.Operating.Lines[i]
				if g.Line != wl.Line || g.AnnualBudget != wl.AnnualBudget || g.BudgetAcc != wl.BudgetAcc || g.OutcomeAcc != wl.OutcomeAcc ||
					g.DeviationAcc != wl.DeviationAcc || g.Prognosis != wl.Prognosis || g.PrognosisDeviation != wl.PrognosisDeviation {
					t.Errorf("line %d = %+v, want %+v", i, g, wl)
				}
			}
			if n, w := r.Operating.Net, want.Operating.Net; n.OutcomeAcc != w.OutcomeAcc || n.BudgetAcc != w.BudgetAcc || n.Prognosis != w.Prognosis {
				t.Errorf("net = %+v, want %+v", n, w)
			}
			if e := r.Economy; e.PeriodResult != want.Economy.PeriodResult || e.AccumulatedBudgetDeviation != want.Economy.AccumulatedBudgetDeviation ||
				e.InvestmentPrognosisDeviation != want.Economy.InvestmentPrognosisDeviation {
				t.Errorf("table 3 = %+v, want %+v", e, want.Economy)
			}
			rec, wr := r.Reconciliation, want.Reconciliation
			if rec.RowsRead != wr.RowsRead || rec.RowsSummed != wr.RowsSummed || rec.LedgerTotal != wr.LedgerTotal {
				t.Errorf("reconciliation counts %d/%d/%v, want %d/%d/%v", rec.RowsRead, rec.RowsSummed, rec.LedgerTotal, wr.RowsRead, wr.RowsSummed, wr.LedgerTotal)
			}
			for _, p := range []struct {
				got  *report.ReconPart
				want *fixtures.ExpectedPart
			}{
				{&rec.BalanceSheet, &wr.BalanceSheet}, {&rec.OtherYears, &wr.OtherYears}, {&rec.LaterMonths, &wr.LaterMonths},
				{rec.OtherUnits, wr.OtherUnits}, {rec.NoUnit, wr.NoUnit},
			} {
				if p.got == nil || p.want == nil || p.got.Rows != p.want.Rows || p.got.Amount != p.want.Amount {
					t.Errorf("reconciliation part %+v, want %+v", p.got, p.want)
				}
			}
			if !rec.Balanced() {
				t.Errorf("reconciliation off by %v", rec.Difference)
			}
		})
	}
}
