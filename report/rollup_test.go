package report

import (
	"testing"

	"rapport/report/ledger"
	"rapport/report/period"
)

// TestRollup: each unit's row is its own report's table 3 and goal
// counts; Totalt adds them; unlike periods are refused.
func TestRollup(t *testing.T) {
	var reports []*Report
	for i, code := range []string{"M03", "M03"} {
		in := groupInputs(t)
		in.Settings.Unit = []string{"Nämnd A", "Nämnd B"}[i]
		if i == 1 {
			k := ledger.Key{Account: "3011", Month: mon(2026, 3), Responsibility: "ZZ1"}
			in.Ledger.Buckets[k] = ledger.Bucket{Amount: kr(-123.45), Rows: 1}
			in.Ledger.Total += kr(-123.45)
			in.Ledger.RowsSummed++
			in.Ledger.RowsRead++
		}
		r, probs := Compute(in, period.Code(code), ComputeOptions{})
		if r == nil || probs.HasErrors() {
			t.Fatalf("errors: %v", probs)
		}
		r.GoalCounts = [4]int{i, 1, 2, 3}
		reports = append(reports, r)
	}
	ro, err := NewRollup(reports)
	if err != nil {
		t.Fatal(err)
	}
	if len(ro.Units) != 2 || ro.Units[1].Unit != "Nämnd B" || ro.Units[0].Economy != reports[0].Economy {
		t.Fatalf("rows %+v", ro.Units)
	}
	e0, e1 := reports[0].Economy, reports[1].Economy
	if ro.Total.Unit != RollupTotal || ro.Total.Economy.PeriodResult != e0.PeriodResult+e1.PeriodResult ||
		ro.Total.Economy.AccumulatedBudgetDeviation != e0.AccumulatedBudgetDeviation+e1.AccumulatedBudgetDeviation ||
		ro.Total.GoalCounts != [4]int{1, 2, 4, 6} {
		t.Errorf("total %+v", ro.Total)
	}
	if e1.PeriodResult-e0.PeriodResult != kr(123.45) {
		t.Errorf("unit B's result %s, A's %s", e1.PeriodResult.FormatKr(), e0.PeriodResult.FormatKr())
	}
	if got := ro.Total.Figures(period.Annual); len(got) != 3 {
		t.Errorf("annual figures %v", got)
	}
	reports[1].Period.Code = "UR1"
	if _, err := NewRollup(reports); err == nil {
		t.Error("unlike periods rolled up")
	}
}
