package report

import (
	"strings"
	"testing"
	"time"

	"rapport/report/ledger"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

func kr(v float64) money.Amount {
	a, err := money.FromFloat(v, money.UnitKr)
	if err != nil {
		panic(err)
	}
	return a
}

func mon(y, m int) period.Month { return period.Month{Year: y, Month: time.Month(m)} }

// handInputs is a small unit whose figures are worked out by hand in the
// tests below.
func handInputs() *Inputs {
	b := map[ledger.Key]ledger.Bucket{
		{Account: "3011", Month: mon(2026, 1)}:                {Amount: kr(-100000), Rows: 2},
		{Account: "3011", Month: mon(2026, 4)}:                {Amount: kr(-50000), Rows: 1},
		{Account: "3011", Month: mon(2026, 5)}:                {Amount: kr(-999), Rows: 1},
		{Account: "40110", Month: mon(2026, 2)}:               {Amount: kr(200000.50), Rows: 3},
		{Account: "5010", Month: mon(2026, 3)}:                {Amount: kr(30000), Rows: 1},
		{Account: "1220", Month: mon(2026, 2), Project: "P1"}: {Amount: kr(70000), Rows: 1},
		{Account: "1220", Month: mon(2026, 6), Project: "P1"}: {Amount: kr(5000), Rows: 1},
		{Account: "40110", Month: mon(2025, 3)}:               {Amount: kr(150000), Rows: 1},
		{Account: "40110", Month: mon(2025, 9)}:               {Amount: kr(10000), Rows: 1},
		{Account: "3011", Month: mon(2024, 12)}:               {Amount: kr(-5), Rows: 1},
	}
	l := &ledger.Ledger{File: "huvudbok.csv", Buckets: b, HasProject: true}
	for _, bk := range b {
		l.Total += bk.Amount
		l.RowsSummed += bk.Rows
	}
	l.BlankRows = 2
	l.RowsRead = l.RowsSummed + l.BlankRows
	key := [12]money.Amount{}
	for i := range key {
		key[i] = kr(-210000)
	}
	key[6] = kr(-90000) // July
	key[11] = kr(-60000)
	return &Inputs{
		Settings: Settings{Unit: "Testnämnden", Organisation: "Region Test", Year: 2026},
		Calendar: period.DefaultCalendar,
		Chart:    RegionBas,
		Goals: []Goal{
			{Nr: "1", FocusArea: "F", CouncilGoal: "RF1", BoardGoal: "RS1"},
			{Nr: "2", FocusArea: "F", CouncilGoal: "RF2"},
		},
		Assessments: []Assessment{
			{Nr: "1", Month: mon(2026, 2), Level: NotMet, Word: "Bedöms ej uppfyllas"},
			{Nr: "1", Month: mon(2026, 4), Level: PartlyMet, Word: "Delvis uppfyllt", Analysis: "A"},
			{Nr: "1", Month: mon(2026, 8), Level: Met, Word: "Uppfyllt"},
		},
		Budget: []BudgetLine{
			{Line: LineRevenue, Annual: kr(1200000)},
			{Line: LinePersonnel, Annual: kr(-2400000), Monthly: &key},
			{Line: LineOther, Annual: kr(-360000.01)},
		},
		Prognoses: []Prognosis{
			{Month: mon(2026, 3), Line: LineRevenue, Annual: kr(1300000)},
			{Month: mon(2026, 3), Line: LinePersonnel, Annual: kr(-2500000)},
			{Month: mon(2026, 3), Line: LineOther, Annual: kr(-360000)},
			{Month: mon(2026, 8), Line: LineOther, Annual: kr(-1)},
		},
		Investments: []Investment{
			{Group: "Reinvesteringar", Name: "IT utrustning", Project: "P1", TotalBudget: kr(500000),
				PlanYears: map[int]money.Amount{2026: kr(200000), 2027: kr(300000)},
				Month:     mon(2026, 4), Spent: ptr(kr(70000)), Prognosis: ptr(kr(150000)), Comment: "Enligt plan"},
			{Group: "Reinvesteringar", Name: "IT utrustning", Project: "P1", TotalBudget: kr(500000),
				PlanYears: map[int]money.Amount{2026: kr(200000), 2027: kr(300000)},
				Month:     mon(2026, 8), Spent: ptr(kr(1)), Prognosis: ptr(kr(1)), Comment: "Senare"},
			{Group: "Redan beslutade investeringar", Name: "Bredband", TotalBudget: kr(1000000),
				PlanYears: map[int]money.Amount{2026: kr(400000)}},
		},
		IndicatorDefs: []IndicatorDef{
			{Name: "Sjukfrånvaro", Unit: "%", Target: ptrF(5.2), LowerIsBetter: true},
		},
		IndicatorValue: []IndicatorValue{
			{Name: "Sjukfrånvaro", Month: mon(2025, 3), Value: 6.1},
			{Name: "sjukfrånvaro", Month: mon(2026, 3), Value: 5.6},
			{Name: "Sjukfrånvaro", Month: mon(2026, 6), Value: 4.0},
		},
		Ledger: l,
	}
}

func ptr(a money.Amount) *money.Amount { return &a }
func ptrF(f float64) *float64          { return &f }

func line(t *testing.T, r *Report, name string) OperatingLine {
	t.Helper()
	for _, l := range r.Operating.Lines {
		if l.Line == name {
			return l
		}
	}
	t.Fatalf("no line %q in %+v", name, r.Operating.Lines)
	return OperatingLine{}
}

func TestComputeOperatingBudget(t *testing.T) {
	r, probs := Compute(handInputs(), "UR1", ComputeOptions{})
	if probs.HasErrors() {
		t.Fatalf("unexpected errors: %v", probs.Errors())
	}
	tests := []struct {
		name string
		got  OperatingLine
		want OperatingLine
	}{
		{"revenue: sign flipped, later month left out, budget × 4/12", line(t, r, LineRevenue), OperatingLine{
			Line: LineRevenue, AnnualBudget: kr(1200000), BudgetAcc: kr(400000), OutcomeAcc: kr(150000),
			DeviationAcc: kr(-250000), Prognosis: kr(1300000), PrognosisDeviation: kr(100000), PriorYearAcc: ptr(0)}},
		{"personnel: sub-account, monthly key", line(t, r, LinePersonnel), OperatingLine{
			Line: LinePersonnel, AnnualBudget: kr(-2400000), BudgetAcc: kr(-840000), OutcomeAcc: kr(-200000.50),
			DeviationAcc: kr(639999.50), Prognosis: kr(-2500000), PrognosisDeviation: kr(-100000), PriorYearAcc: ptr(kr(-150000))}},
		{"other: öre budget rounded half away from zero", line(t, r, LineOther), OperatingLine{
			Line: LineOther, AnnualBudget: kr(-360000.01), BudgetAcc: kr(-120000), OutcomeAcc: kr(-30000),
			DeviationAcc: kr(90000), Prognosis: kr(-360000), PrognosisDeviation: kr(0.01), PriorYearAcc: ptr(0)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !equalLine(tc.got, tc.want) {
				t.Errorf("got  %s\nwant %s", fmtLine(tc.got), fmtLine(tc.want))
			}
		})
	}
	if len(r.Operating.Lines) != 3 {
		t.Errorf("Finansiella poster shown though zero: %+v", r.Operating.Lines)
	}
	net := r.Operating.Net
	if net.OutcomeAcc != kr(150000-200000.50-30000) || net.BudgetAcc != kr(400000-840000-120000) {
		t.Errorf("net = %s", fmtLine(net))
	}
	if r.Operating.PrognosisMonth != mon(2026, 3) {
		t.Errorf("prognosis month = %v, want 2026-03 (latest at or before April)", r.Operating.PrognosisMonth)
	}
	if !hasProblem(probs, problem.Warning, "prognosen från mars 2026 används") {
		t.Errorf("no warning about the earlier prognosis: %v", probs)
	}
}

func TestComputePrognosisFallbackAndAnnual(t *testing.T) {
	in := handInputs()
	r, probs := Compute(in, "M02", ComputeOptions{})
	if !r.Operating.PrognosisIsBudget || line(t, r, LineRevenue).Prognosis != kr(1200000) {
		t.Errorf("M02 without prognosis should use the budget: %+v", r.Operating)
	}
	if !hasProblem(probs, problem.Warning, "årsbudgeten används som prognos") {
		t.Errorf("no warning: %v", probs)
	}
	r, _ = Compute(in, "ÅR", ComputeOptions{})
	rev := line(t, r, LineRevenue)
	if !r.Operating.PrognosisIsOutcome || rev.Prognosis != rev.OutcomeAcc || rev.OutcomeAcc != kr(150999) {
		t.Errorf("ÅR: prognosis must equal the year's outcome: %s", fmtLine(rev))
	}
}

func TestComputeReconciliationBalances(t *testing.T) {
	in := handInputs()
	r, _ := Compute(in, "UR1", ComputeOptions{})
	rec := r.Reconciliation
	if !rec.Balanced() {
		t.Fatalf("difference %v", rec.Difference)
	}
	want := map[string]money.Amount{
		LineRevenue: kr(-150000), LinePersonnel: kr(200000.50), LineOther: kr(30000),
	}
	for _, p := range rec.Lines {
		if want[p.Label] != p.Amount {
			t.Errorf("%s = %v, want %v", p.Label, p.Amount, want[p.Label])
		}
	}
	if rec.BalanceSheet.Amount != kr(70000) || rec.LaterMonths.Amount != kr(-999+5000) ||
		rec.OtherYears.Amount != kr(150000+10000-5) {
		t.Errorf("parts: %+v", rec)
	}
	if rec.BlankRows != 2 || rec.RowsRead != rec.RowsSummed+2 {
		t.Errorf("row counts: %+v", rec)
	}
}

func TestComputeUnmappedAccount(t *testing.T) {
	in := handInputs()
	in.Ledger.Buckets[ledger.Key{Account: "9100", Month: mon(2026, 2)}] = ledger.Bucket{Amount: kr(12.5), Rows: 1}
	in.Ledger.Buckets[ledger.Key{Account: "9100", Month: mon(2025, 3)}] = ledger.Bucket{Amount: kr(7), Rows: 1}
	in.Ledger.Total += kr(12.5 + 7)
	_, probs := Compute(in, "UR1", ComputeOptions{})
	if !hasProblem(probs, problem.Error, "kontot finns inte i kontoplanen") {
		t.Fatalf("unmapped account not an error: %v", probs)
	}
	r, probs := Compute(in, "UR1", ComputeOptions{AllowUnmapped: true})
	if probs.HasErrors() {
		t.Fatalf("errors with --allow-unmapped: %v", probs.Errors())
	}
	if l := line(t, r, LineUnclassified); l.OutcomeAcc != kr(-12.5) || l.PriorYearAcc == nil || *l.PriorYearAcc != kr(-7) {
		t.Errorf("Ej klassificerat = %s", fmtLine(l))
	}
	for _, mo := range r.Monthly {
		if mo.Line == LineUnclassified && (mo.ThisYear[1] != kr(-12.5) || mo.PriorYear[2] != kr(-7)) {
			t.Errorf("monthly trail of Ej klassificerat = %+v", mo)
		}
	}
	if r.Reconciliation.Unclassified.Amount != kr(12.5) || !r.Reconciliation.Balanced() {
		t.Errorf("reconciliation: %+v", r.Reconciliation)
	}
}

func TestComputeInvestmentsGoalsIndicators(t *testing.T) {
	r, _ := Compute(handInputs(), "UR1", ComputeOptions{})
	if got := r.Investment.Years; len(got) != 2 || got[0] != 2026 || got[1] != 2027 {
		t.Errorf("years = %v", got)
	}
	if r.Investment.Groups[0].Name != "Redan beslutade investeringar" {
		t.Errorf("group order: %+v", r.Investment.Groups)
	}
	it := r.Investment.Groups[1].Rows[0]
	if !it.SpentFromLedger || *it.Spent != kr(70000) || *it.Deviation != kr(50000) || it.Comment != "Enligt plan" {
		t.Errorf("IT utrustning (April row, spend from ledger through April): %+v", it)
	}
	if r.Economy.InvestmentPrognosisDeviation != kr(50000) {
		t.Errorf("investment deviation = %v (Bredband has no prognosis and adds nothing)", r.Economy.InvestmentPrognosisDeviation)
	}
	if bred := r.Investment.Groups[0].Rows[0]; bred.Deviation != nil || bred.Spent != nil {
		t.Errorf("Bredband has neither spend nor prognosis; its figures must be absent, not 0: %+v", bred)
	}
	if g := r.Goals[0]; g.Level != PartlyMet || g.Analysis != "A" {
		t.Errorf("goal 1 = %+v", g)
	}
	if r.GoalCounts[PartlyMet] != 1 || r.GoalCounts[NotAssessed] != 0 {
		t.Errorf("counts %v: goal 2 has no board goal and is not counted", r.GoalCounts)
	}
	ind := r.Indicators[0]
	if ind.Value == nil || *ind.Value != 5.6 || ind.ValueAt != mon(2026, 3) || *ind.PriorYear != 6.1 || !ind.OffTarget {
		t.Errorf("indicator = %+v", ind)
	}
	if ind.Level != NotMet || ind.Status != NotMet.Word() {
		t.Errorf("indicator level %v, status %q; want NotMet, %q", ind.Level, ind.Status, NotMet.Word())
	}
	// IT utrustning deviates by 50 000 kr, under the default Väsentlighet
	// of 0,5 mnkr: left out of the list. The indicator is not money.
	if len(r.Deviations.Indicators) != 1 || len(r.Deviations.Investments) != 0 {
		t.Errorf("deviations = %+v", r.Deviations)
	}
	if r.Economy.PeriodResult != r.Operating.Net.OutcomeAcc {
		t.Errorf("Periodresultat")
	}
}

// equalLine compares a line's figures in öre; the cost development (a
// ratio of two of them) and the comment are checked where they are tested.
func equalLine(a, b OperatingLine) bool {
	pa, pb := a.PriorYearAcc, b.PriorYearAcc
	a.PriorYearAcc, b.PriorYearAcc = nil, nil
	a.CostDevelopment, b.CostDevelopment = nil, nil
	a.Comment, b.Comment = "", ""
	if a != b || (pa == nil) != (pb == nil) {
		return false
	}
	return pa == nil || *pa == *pb
}

func fmtLine(l OperatingLine) string {
	var b strings.Builder
	for _, a := range []money.Amount{l.AnnualBudget, l.BudgetAcc, l.OutcomeAcc, l.DeviationAcc, l.Prognosis, l.PrognosisDeviation} {
		b.WriteString(a.FormatKr() + " | ")
	}
	if l.PriorYearAcc != nil {
		b.WriteString(l.PriorYearAcc.FormatKr())
	} else {
		b.WriteString("–")
	}
	return l.Line + ": " + b.String()
}

func hasProblem(l problem.List, sev problem.Severity, text string) bool {
	for _, p := range l {
		if p.Severity == sev && strings.Contains(p.String(), text) {
			return true
		}
	}
	return false
}

// TestIndicatorStatus: the Level (and Status word) kept for the layouts
// follows the Grade.
func TestIndicatorStatus(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name      string
		res       IndicatorResult
		want      Level
		offTarget bool
	}{
		{"no value", IndicatorResult{IndicatorDef: IndicatorDef{Target: f(5)}}, NotAssessed, false},
		{"no yardstick", IndicatorResult{Value: f(5)}, NotAssessed, false},
		{"target met", IndicatorResult{IndicatorDef: IndicatorDef{Target: f(5)}, Value: f(6)}, Met, false},
		{"target missed", IndicatorResult{IndicatorDef: IndicatorDef{Target: f(5)}, Value: f(4)}, NotMet, true},
		{"lower is better", IndicatorResult{IndicatorDef: IndicatorDef{Target: f(5), LowerIsBetter: true}, Value: f(4)}, Met, false},
		{"reference when no target", IndicatorResult{IndicatorDef: IndicatorDef{Reference: f(8.5), LowerIsBetter: true}, Value: f(9)}, NotMet, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := indicatorGrade(tc.res)
			if got, off := gradeLevel(g), g.Off(); got != tc.want || off != tc.offTarget {
				t.Errorf("grade %q: level %v, off %v; want %v, %v", g.Word(), got, off, tc.want, tc.offTarget)
			}
		})
	}
}
