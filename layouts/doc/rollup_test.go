package doc

import (
	"slices"
	"testing"

	"rapport/layouts"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// rollupOf is a roll-up of two units with the figures given, in öre.
func rollupOf(t *testing.T, kind period.Kind) *report.Rollup {
	t.Helper()
	e := period.Entry{Code: "M10", Name: "Månadsrapport oktober", LastMonth: 10, Kind: kind}
	if kind == period.Annual {
		e = period.Entry{Code: "ÅR", Name: "Årsredovisning", LastMonth: 12, Kind: kind}
	}
	var reports []*report.Report
	for i, unit := range []string{"Nämnd A", "Nämnd B"} {
		n := money.Amount(i + 1)
		reports = append(reports, &report.Report{Organisation: "Region X", Unit: unit, Year: 2026, Period: e,
			Economy: report.Economy{PeriodResult: -4_321_987_65 * n, AccumulatedBudgetDeviation: 12_345_67 * n,
				PrognosisBudgetDeviation: -98_765_43 * n, InvestmentPrognosisDeviation: 5_000_00 * n},
			GoalCounts: [4]int{i, 2, 1, 0}})
	}
	ro, err := report.NewRollup(reports)
	if err != nil {
		t.Fatal(err)
	}
	return ro
}

// TestBuildRollup: one column per table 3 row in the kind's names, one
// per assessment word; a row per unit with its own figures and Totalt
// adding them.
func TestBuildRollup(t *testing.T) {
	for _, kind := range []period.Kind{period.Deviation, period.Annual} {
		ro := rollupOf(t, kind)
		d, err := BuildRollup(ro, "2026-11-12", true, "UTKAST")
		if err != nil {
			t.Fatal(err)
		}
		if d.Kind != RollupKind || d.Notice == "" || d.Mark != "UTKAST" {
			t.Errorf("document %+v", d)
		}
		var tb *Table
		for _, b := range d.Blocks {
			if x, ok := b.(Table); ok {
				tb = &x
			}
		}
		if tb == nil {
			t.Fatal("no table")
		}
		labels := layouts.Table3RowsFor(kind)
		if len(tb.Columns) != 1+len(labels)+len(report.Levels) {
			t.Fatalf("%d columns", len(tb.Columns))
		}
		for i, l := range labels {
			if tb.Columns[1+i].Title != l+" (mnkr)" {
				t.Errorf("column %d = %q, want %q", 1+i, tb.Columns[1+i].Title, l)
			}
		}
		if len(tb.Rows) != 3 || tb.Rows[2].Kind != Total || !slices.Equal(tb.Rows[2].Adds, []int{0, 1}) {
			t.Fatalf("rows %+v", tb.Rows)
		}
		for r, row := range append(ro.Units, ro.Total) {
			if tb.Rows[r].Cells[0].Text != row.Unit {
				t.Errorf("row %d is %q, want %q", r, tb.Rows[r].Cells[0].Text, row.Unit)
			}
			for i, a := range row.Figures(kind) {
				if v := tb.Rows[r].Cells[1+i].Value; v == nil || v.Amount != a {
					t.Errorf("%s column %d = %+v, want %d öre", row.Unit, 1+i, v, a)
				}
			}
			for i, l := range report.Levels {
				if v := tb.Rows[r].Cells[1+len(labels)+i].Value; v == nil || int(v.Number) != row.GoalCounts[l] {
					t.Errorf("%s goals %s = %+v, want %d", row.Unit, l, v, row.GoalCounts[l])
				}
			}
		}
	}
	if _, err := BuildRollup(&report.Rollup{}, "", false, ""); err == nil {
		t.Error("a roll-up without units built")
	}
}
