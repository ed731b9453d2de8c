package report

import (
	"strings"
	"testing"

	"rapport/report/ledger"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// öre is an amount in öre, for figures worked out by hand to the öre.
func öre(v int64) money.Amount { return money.Amount(v) }

func groupDef(t *testing.T, name, codes string, row int) GroupDef {
	t.Helper()
	sel, err := ledger.ParseSelector(codes)
	if err != nil {
		t.Fatal(err)
	}
	return GroupDef{Name: name, Codes: codes, Select: sel, Place: Place{File: "underlag.xlsx", Sheet: SheetGroups, Row: row, Col: 2}}
}

// groupInputs is a unit whose postings carry Ansvar codes that a text
// comparison would misplace: 9 and 10 in the numeric range 2-10, 0100
// that selects the number 100, a code RK beside a prefix RK1* that
// takes RK10 and RK15 but not RK.
func groupInputs(t *testing.T) *Inputs {
	t.Helper()
	k := func(acc string, y, m int, resp string) ledger.Key {
		return ledger.Key{Account: acc, Month: mon(y, m), Responsibility: resp}
	}
	b := map[ledger.Key]ledger.Bucket{
		k("3011", 2026, 3, "9"):    {Amount: kr(-1000), Rows: 1},
		k("3011", 2026, 2, "10"):   {Amount: kr(-2000), Rows: 1},
		k("4011", 2026, 1, "100"):  {Amount: kr(500), Rows: 1},
		k("5011", 2026, 3, "RK"):   {Amount: kr(300), Rows: 1},
		k("5011", 2026, 3, "RK10"): {Amount: kr(700), Rows: 1},
		k("4011", 2026, 3, "RK15"): {Amount: kr(50.25), Rows: 1},
		k("3011", 2026, 3, ""):     {Amount: kr(-10), Rows: 1},
		k("3011", 2026, 3, "11"):   {Amount: kr(-20), Rows: 1},
		k("4011", 2026, 4, "9"):    {Amount: kr(999), Rows: 1}, // after the report month
		k("3011", 2025, 3, "9"):    {Amount: kr(-5), Rows: 1},  // the year before
	}
	l := &ledger.Ledger{File: "huvudbok.csv", Buckets: b}
	for _, bk := range b {
		l.Total += bk.Amount
		l.RowsSummed += bk.Rows
	}
	l.RowsRead = l.RowsSummed
	return &Inputs{
		Settings: Settings{Unit: "Testnämnden", Organisation: "Region Test", Year: 2026},
		Calendar: period.DefaultCalendar,
		Chart:    RegionBas,
		Groups: &Grouping{Dimension: DimResponsibility, Defs: []GroupDef{
			groupDef(t, "A", "2-10", 2),
			groupDef(t, "B", "0100, RK", 3),
			groupDef(t, "C", "RK1*", 4),
			groupDef(t, "Tom", "ZZ*", 5),
		}},
		Budget: []BudgetLine{
			{Line: LineRevenue, Group: "A", Annual: öre(1000010)},
			{Line: LineRevenue, Group: "B", Annual: öre(1000010)},
			{Line: LinePersonnel, Group: "B", Annual: kr(-6000)},
			{Line: LineOther, Annual: kr(-1200)},
			{Line: LineOther, Group: "C", Annual: kr(-2400)},
		},
		Prognoses: []Prognosis{
			{Month: mon(2026, 2), Line: LineRevenue, Group: "A", Annual: kr(11000), Comment: "Lägre patientavgifter"},
			{Month: mon(2026, 2), Line: LineOther, Group: "C", Annual: kr(-3000), Comment: "Dyrare licenser"},
		},
		Ledger: l,
	}
}

func groupLine(t *testing.T, tb *GroupTable, group, line string) OperatingLine {
	t.Helper()
	for _, g := range tb.Groups {
		if g.Name != group {
			continue
		}
		for _, l := range g.Lines {
			if l.Line == line {
				return l
			}
		}
	}
	t.Fatalf("no line %s of group %s", line, group)
	return OperatingLine{}
}

func TestComputeGroupsByCodesRangesPrefixes(t *testing.T) {
	r, probs := Compute(groupInputs(t), "M03", ComputeOptions{})
	if r == nil || probs.HasErrors() {
		t.Fatalf("errors: %v", probs)
	}
	tb := r.Groups
	if tb == nil || !tb.HasBudget || !tb.HasPrognosis {
		t.Fatalf("groups = %+v", tb)
	}
	var names []string
	for _, g := range tb.Groups {
		names = append(names, g.Name)
	}
	if got := strings.Join(names, ","); got != "A,B,C,Tom,"+GroupUngrouped {
		t.Errorf("groups = %s", got)
	}
	want := []struct {
		group, line                                        string
		outcome, annual, acc, dev, prognosis, prognosisDev money.Amount
		comment                                            string
	}{
		// 10 000,10 kr × 3/12 = 2 500,025 kr: 2 500,03 per group, and
		// the line's Budget ack is the groups' sum, 5 000,06.
		{"A", LineRevenue, kr(3000), öre(1000010), öre(250003), kr(3000) - öre(250003), kr(11000), kr(11000) - öre(1000010), "Lägre patientavgifter"},
		{"B", LineRevenue, 0, öre(1000010), öre(250003), -öre(250003), öre(1000010), 0, ""},
		{GroupUngrouped, LineRevenue, kr(30), 0, 0, kr(30), 0, 0, ""},
		{"B", LinePersonnel, kr(-500), kr(-6000), kr(-1500), kr(1000), kr(-6000), 0, ""},
		{"C", LinePersonnel, kr(-50.25), 0, 0, kr(-50.25), 0, 0, ""},
		{"B", LineOther, kr(-300), 0, 0, kr(-300), 0, 0, ""},
		{"C", LineOther, kr(-700), kr(-2400), kr(-600), kr(-100), kr(-3000), kr(-600), "Dyrare licenser"},
		{GroupUngrouped, LineOther, 0, kr(-1200), kr(-300), kr(300), kr(-1200), 0, ""},
		{"Tom", LineOther, 0, 0, 0, 0, 0, 0, ""},
	}
	for _, w := range want {
		got := groupLine(t, tb, w.group, w.line)
		exp := OperatingLine{Line: w.line, OutcomeAcc: w.outcome, AnnualBudget: w.annual, BudgetAcc: w.acc,
			DeviationAcc: w.dev, Prognosis: w.prognosis, PrognosisDeviation: w.prognosisDev, Comment: w.comment}
		if got != exp {
			t.Errorf("%s %s:\n got %+v\nwant %+v", w.group, w.line, got, exp)
		}
	}
	if l := line(t, r, LineRevenue); l.BudgetAcc != öre(500006) || l.Prognosis != kr(11000)+öre(1000010) {
		t.Errorf("table 4 Intäkter = %+v", l)
	}
	// Σ groups = table 4, line by line, and Netto.
	for j, l := range r.Operating.Lines {
		var sum OperatingLine
		for _, g := range tb.Groups {
			sum.OutcomeAcc += g.Lines[j].OutcomeAcc
			sum.BudgetAcc += g.Lines[j].BudgetAcc
			sum.AnnualBudget += g.Lines[j].AnnualBudget
			sum.Prognosis += g.Lines[j].Prognosis
		}
		if sum.OutcomeAcc != l.OutcomeAcc || sum.BudgetAcc != l.BudgetAcc || sum.AnnualBudget != l.AnnualBudget || sum.Prognosis != l.Prognosis {
			t.Errorf("%s: groups %+v, table 4 %+v", l.Line, sum, l)
		}
	}
	var net money.Amount
	for _, g := range tb.Groups {
		net += g.Net.DeviationAcc
	}
	if net != r.Operating.Net.DeviationAcc {
		t.Errorf("Σ Netto avvikelse = %s, table 4 %s", net.FormatKr(), r.Operating.Net.DeviationAcc.FormatKr())
	}
	if !hasProblem(probs, problem.Warning, "gruppen Tom har inga konteringar") {
		t.Errorf("no warning for the empty group: %v", probs)
	}
}

func TestComputeGroupsOutcomeOnly(t *testing.T) {
	in := groupInputs(t)
	in.Budget = []BudgetLine{
		{Line: LineRevenue, Annual: kr(20000)},
		{Line: LinePersonnel, Annual: kr(-6000)},
		{Line: LineOther, Annual: kr(-3600)},
	}
	for i := range in.Prognoses {
		in.Prognoses[i].Group = ""
	}
	in.Prognoses = in.Prognoses[:1]
	r, probs := Compute(in, "M03", ComputeOptions{})
	if r == nil || probs.HasErrors() {
		t.Fatalf("errors: %v", probs)
	}
	if r.Groups.HasBudget || r.Groups.HasPrognosis {
		t.Errorf("budget per group without a Grupp column: %+v", r.Groups)
	}
	if got := groupLine(t, r.Groups, "A", LineRevenue); got != (OperatingLine{Line: LineRevenue, OutcomeAcc: kr(3000)}) {
		t.Errorf("A Intäkter = %+v", got)
	}
	if got := line(t, r, LineOther).BudgetAcc; got != kr(-900) {
		t.Errorf("table 4 Övriga budget ack = %s", got.FormatKr())
	}
}

func TestComputeGroupsCodeInTwoGroups(t *testing.T) {
	in := groupInputs(t)
	// 9 is in 2-10 and in 5-9; RK10 in RK1* and written in D's Koder.
	in.Groups.Defs = append(in.Groups.Defs, groupDef(t, "D", "5-9, RK10", 6))
	_, probs := Compute(in, "M03", ComputeOptions{})
	var msgs []string
	for _, p := range probs.Errors() {
		msgs = append(msgs, p.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"ansvar 9 tas av både gruppen A (Grupper!B2, Koder 2-10) och gruppen D (Grupper!B6, Koder 5-9, RK10)",
		"ansvar RK10 tas av både gruppen C (Grupper!B4, Koder RK1*) och gruppen D (Grupper!B6",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no error %q in\n%s", want, all)
		}
	}
}

func TestComputeGroupsUnknownGroupInBudget(t *testing.T) {
	in := groupInputs(t)
	in.Budget[2].Group = "Okänd"
	in.Budget[2].Place = Place{File: "underlag.xlsx", Sheet: SheetBudget, Row: 4}
	_, probs := Compute(in, "M03", ComputeOptions{})
	if !hasProblem(probs, problem.Error, "gruppen finns inte i bladet Grupper") {
		t.Errorf("no error for an unknown group: %v", probs)
	}
	for _, p := range probs {
		if strings.Contains(p.Message, "internt fel") {
			t.Errorf("an input error reported as an internal one: %v", p)
		}
	}
}

// TestGroupSumsAsserted: a group table that does not add up to table 4 is
// an internal error, never a warning.
func TestGroupSumsAsserted(t *testing.T) {
	r, _ := Compute(groupInputs(t), "M03", ComputeOptions{})
	r.Groups.Groups[0].Lines[0].BudgetAcc += 1
	var probs problem.List
	c := computation{r: r, probs: &probs}
	c.assertGroupSums(r.Groups)
	if !hasProblem(probs, problem.Error, "internt fel: gruppernas Budget ack för raden Intäkter summerar till") {
		t.Errorf("no internal error: %v", probs)
	}
}

// TestComputeGroupsPrognosisWithoutBudgetColumn: Prognos with a Grupp
// column beside a Driftbudget without one: a line's prognosis is the sum
// of its groups' rows, and the groups show outcome only.
func TestComputeGroupsPrognosisWithoutBudgetColumn(t *testing.T) {
	in := groupInputs(t)
	in.Budget = []BudgetLine{
		{Line: LineRevenue, Annual: kr(20000)},
		{Line: LinePersonnel, Annual: kr(-6000)},
		{Line: LineOther, Annual: kr(-3600)},
	}
	in.Prognoses = append(in.Prognoses, Prognosis{Month: mon(2026, 2), Line: LineRevenue, Group: "B", Annual: kr(500)})
	r, probs := Compute(in, "M03", ComputeOptions{})
	if r == nil || probs.HasErrors() {
		t.Fatalf("errors: %v", probs)
	}
	if got := line(t, r, LineRevenue).Prognosis; got != kr(11500) {
		t.Errorf("Intäkter prognosis %s, want 11 500 kr", got.FormatKr())
	}
	if r.Groups.HasBudget || r.Groups.HasPrognosis {
		t.Errorf("groups with budget: %+v", r.Groups)
	}
}
