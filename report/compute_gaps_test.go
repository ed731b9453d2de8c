package report

import (
	"strings"
	"testing"

	"rapport/report/ledger"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

func hasGap(r *Report, k GapKind, subject string) *Gap {
	for i, g := range r.Gaps {
		if g.Kind == k && g.Subject == subject {
			return &r.Gaps[i]
		}
	}
	return nil
}

// TestGaps: SPEC 12.3, each unexplained red figure or failed goal is a gap
// the board's edition states and a warning naming the sheet and period; an
// explanation removes both.
func TestGaps(t *testing.T) {
	textsAt := func(m period.Month, secs ...TextSection) []Text {
		var out []Text
		for _, s := range secs {
			out = append(out, Text{Month: m, Section: s, Text: "Förklaring.", Place: Place{File: UnderlagFile, Sheet: SheetTexts, Row: 2, Col: 3}})
		}
		return out
	}
	t.Run("negative deviation beyond Väsentlighet without Åtgärder", func(t *testing.T) {
		in := handInputs()
		// Personnel 1,5 mnkr over budget through April.
		in.Ledger.Buckets[ledger.Key{Account: "4010", Month: mon(2026, 4)}] = ledger.Bucket{Amount: kr(1500000), Rows: 1}
		in.Ledger.Total += kr(1500000)
		in.Ledger.RowsSummed++
		in.Ledger.RowsRead++
		r, probs := mustCompute(t, in, "UR1", ComputeOptions{})
		g := hasGap(r, GapActions, "")
		if g == nil || g.Deviation != r.Economy.AccumulatedBudgetDeviation || g.Section != TextActions {
			t.Fatalf("gap = %+v, economy %+v", g, r.Economy)
		}
		if findProblem(probs, problem.Warning, "Texter") == nil || findProblem(probs, problem.Warning, string(TextActions)) == nil {
			t.Errorf("no warning naming Texter and Åtgärder: %v", probs)
		}
		in.Texts = textsAt(mon(2026, 4), TextActions)
		r, _ = mustCompute(t, in, "UR1", ComputeOptions{})
		if hasGap(r, GapActions, "") != nil {
			t.Error("a gap despite the Åtgärder text")
		}
	})
	t.Run("negative deviation under Väsentlighet is no gap", func(t *testing.T) {
		in := handInputs()
		in.Ledger.Buckets[ledger.Key{Account: "4010", Month: mon(2026, 4)}] = ledger.Bucket{Amount: kr(1500000), Rows: 1}
		in.Ledger.Total += kr(1500000)
		in.Ledger.RowsSummed++
		in.Ledger.RowsRead++
		m := kr(10000000)
		in.Settings.Materiality = &m
		r, _ := mustCompute(t, in, "UR1", ComputeOptions{})
		if r.Economy.AccumulatedBudgetDeviation >= 0 {
			t.Fatalf("the test wants a negative deviation: %+v", r.Economy)
		}
		if g := hasGap(r, GapActions, ""); g != nil {
			t.Errorf("gap %+v for deviations %+v under Väsentlighet %v", g, r.Economy, r.Materiality)
		}
	})
	t.Run("indicator off target without Medarbetare", func(t *testing.T) {
		in := handInputs()
		in.IndicatorValue = append(in.IndicatorValue, IndicatorValue{Name: "Sjukfrånvaro", Month: mon(2026, 4), Value: 7})
		r, probs := mustCompute(t, in, "UR1", ComputeOptions{})
		if hasGap(r, GapIndicator, "Sjukfrånvaro") == nil {
			t.Fatalf("no gap for an indicator off target: %+v", r.Gaps)
		}
		p := findProblem(probs, problem.Warning, "saknar text i avsnittet Medarbetare")
		if p == nil || p.Sheet != SheetTexts || p.Value != "UR1" {
			t.Errorf("warning = %+v", p)
		}
		in.Texts = textsAt(mon(2026, 4), TextEmployees)
		if r, _ := mustCompute(t, in, "UR1", ComputeOptions{}); hasGap(r, GapIndicator, "Sjukfrånvaro") != nil {
			t.Error("a gap despite the Medarbetare text")
		}
	})
	t.Run("goal not met without analysis, in a deviation report too", func(t *testing.T) {
		in := handInputs()
		in.Assessments[0].Place = Place{File: UnderlagFile, Sheet: SheetAssess, Row: 5, Col: 4}
		r, probs := mustCompute(t, in, "M02", ComputeOptions{})
		if hasGap(r, GapGoal, "1") == nil {
			t.Fatalf("no gap for goal 1 not met without analysis: %+v", r.Gaps)
		}
		p := findProblem(probs, problem.Warning, "ingen analys")
		if p == nil || p.Sheet != SheetAssess || p.Cell != "D5" {
			t.Errorf("warning = %+v, want one at Målbedömning!D5", p)
		}
		// UR1's assessment is partly met with an analysis: no gap.
		if r, _ := mustCompute(t, in, "UR1", ComputeOptions{}); hasGap(r, GapGoal, "1") != nil {
			t.Error("a gap for a goal with an analysis")
		}
	})
	t.Run("full report without summary; UR2 without events", func(t *testing.T) {
		in := handInputs()
		r, _ := mustCompute(t, in, "UR1", ComputeOptions{})
		if hasGap(r, GapSummary, "") == nil || hasGap(r, GapEvents, "") != nil {
			t.Errorf("UR1 gaps = %+v, want the summary's and not the events'", r.Gaps)
		}
		r, probs := mustCompute(t, in, "UR2", ComputeOptions{})
		if hasGap(r, GapEvents, "") == nil || findProblem(probs, problem.Warning, "Väsentliga händelser") == nil {
			t.Errorf("UR2 gaps = %+v", r.Gaps)
		}
		if r, _ := mustCompute(t, in, "M02", ComputeOptions{}); hasGap(r, GapSummary, "") != nil {
			t.Error("a deviation report has no summary to miss")
		}
		in.Texts = textsAt(mon(2026, 8), TextSummary, TextEvents)
		if r, _ := mustCompute(t, in, "UR2", ComputeOptions{}); hasGap(r, GapEvents, "") != nil || hasGap(r, GapSummary, "") != nil {
			t.Errorf("gaps despite the texts: %+v", r.Gaps)
		}
	})
	t.Run("plan follow-up missing after earlier periods had it", func(t *testing.T) {
		in := handInputs()
		in.PlanItems = []PlanItem{{Part: "Arbetsmiljöplan", Activity: "A", Month: mon(2026, 4), Level: Met,
			Place: Place{File: UnderlagFile, Sheet: SheetPlan, Row: 2}}}
		if r, _ := mustCompute(t, in, "UR1", ComputeOptions{}); hasGap(r, GapPlanFollowUp, "") != nil {
			t.Error("UR1 has its rows")
		}
		r, probs := mustCompute(t, in, "UR2", ComputeOptions{})
		if hasGap(r, GapPlanFollowUp, "") == nil || findProblem(probs, problem.Warning, "inga rader i bladet Planuppföljning") == nil {
			t.Errorf("UR2 gaps = %+v", r.Gaps)
		}
	})
}

// TestInvestmentOverDecidedTotal: SPEC 12.4, a forecast total over the
// decided total by more than Väsentlighet is a deviation though the year's
// spend is under the year's budget; without a comment of the period it is
// a gap (12.3).
func TestInvestmentOverDecidedTotal(t *testing.T) {
	in := handInputs()
	in.Investments = []Investment{{Group: "Redan beslutade investeringar", Name: "FVIS", TotalBudget: kr(120000000),
		PlanYears: map[int]money.Amount{2026: kr(30000000)}, Month: mon(2026, 2), Spent: ptr(kr(2000000)),
		Prognosis: ptr(kr(29000000)), PrognosisTotal: ptr(kr(121500000)), Comment: "Från februari",
		Place: Place{File: UnderlagFile, Sheet: SheetInvest, Row: 3, Col: 9}}}
	r, probs := mustCompute(t, in, "UR1", ComputeOptions{})
	row := r.Investment.Groups[0].Rows[0]
	if row.TotalOverrun == nil || *row.TotalOverrun != kr(1500000) {
		t.Fatalf("TotalOverrun = %v", row.TotalOverrun)
	}
	if *row.Deviation <= 0 {
		t.Fatalf("the test wants a year's underspend, got %v", *row.Deviation)
	}
	if len(r.Deviations.Investments) != 1 {
		t.Errorf("deviations = %+v", r.Deviations.Investments)
	}
	g := hasGap(r, GapInvestment, "FVIS")
	if g == nil || g.Deviation != kr(1500000) {
		t.Fatalf("gap = %+v", g)
	}
	p := findProblem(probs, problem.Warning, "Prognos total överskrider Total budget")
	if p == nil || p.Cell != "I3" || p.Sheet != SheetInvest {
		t.Errorf("warning = %+v", p)
	}
	// A comment of the period explains it; an overrun within
	// Väsentlighet is no deviation.
	in.Investments[0].Month = mon(2026, 4)
	if r, _ := mustCompute(t, in, "UR1", ComputeOptions{}); hasGap(r, GapInvestment, "FVIS") != nil {
		t.Error("a gap despite the period's comment")
	}
	in.Investments[0].PrognosisTotal = ptr(kr(120400000))
	if r, _ := mustCompute(t, in, "UR1", ComputeOptions{}); r.Investment.Groups[0].Rows[0].TotalOverrun != nil {
		t.Error("0,4 mnkr over is within Väsentlighet 0,5")
	}
}

// TestAnnualTexts: SPEC 12.1, a controller's text of the annual report
// that speaks of the future or a forecast is a warning naming its cell.
func TestAnnualTexts(t *testing.T) {
	in := handInputs()
	in.Texts = []Text{
		{Month: mon(2026, 12), Section: TextSummary, Text: "Året slutade bra. Målet bedöms uppfyllt.", Place: Place{File: UnderlagFile, Sheet: SheetTexts, Row: 7, Col: 3}},
		{Month: mon(2026, 12), Section: TextEconomy, Text: "Utfallet blev 2 mnkr bättre än budget.", Place: Place{File: UnderlagFile, Sheet: SheetTexts, Row: 8, Col: 3}},
		{Month: mon(2026, 8), Section: TextEconomy, Text: "Vi väntas klara budget.", Place: Place{File: UnderlagFile, Sheet: SheetTexts, Row: 9, Col: 3}},
	}
	in.Assessments = append(in.Assessments, Assessment{Nr: "1", Month: mon(2026, 12), Level: Met, Analysis: "Arbetet kommer att fortsätta.",
		Place: Place{File: UnderlagFile, Sheet: SheetAssess, Row: 4, Col: 4}})
	_, probs := mustCompute(t, in, "ÅR", ComputeOptions{})
	var cells []string
	for _, p := range probs {
		if strings.Contains(p.Message, "talar om framtiden") {
			cells = append(cells, p.Sheet+"!"+p.Cell+"="+p.Value)
		}
	}
	if got := strings.Join(cells, " "); got != "Målbedömning!D4=kommer att Texter!C7=bedöms" {
		t.Errorf("warnings at %q", got)
	}
	if _, probs := mustCompute(t, in, "UR2", ComputeOptions{}); findProblem(probs, problem.Warning, "talar om framtiden") != nil {
		t.Error("a report during the year may speak of the future")
	}
	for text, want := range map[string]string{"Prognosen höll.": "Prognosen", "Vi kommer\natt se": "kommer att", "utfallet blev": "", "bedömning": ""} {
		if got := ForecastWord(text); got != want {
			t.Errorf("ForecastWord(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestChangeAgainstLatestAssessment: SPEC 12.5, Förändring compares with
// the latest earlier report that assessed the goal; a first assessment is
// no change.
func TestChangeAgainstLatestAssessment(t *testing.T) {
	in := handInputs()
	// Goal 1: not met in M02, nothing in UR1, met in UR2.
	in.Assessments = []Assessment{
		{Nr: "1", Month: mon(2026, 2), Level: NotMet},
		{Nr: "1", Month: mon(2026, 4), Level: NotAssessed},
		{Nr: "1", Month: mon(2026, 8), Level: Met, Analysis: "A"},
	}
	r, _ := mustCompute(t, in, "UR2", ComputeOptions{})
	g := r.Goals[0]
	if g.Change != ChangeBetter || g.Previous == nil || *g.Previous != NotMet || g.PreviousFrom != "Månadsrapport februari" || g.FirstAssessed {
		t.Errorf("goal = %+v", g)
	}
	in.Assessments = []Assessment{{Nr: "1", Month: mon(2026, 8), Level: Met, Analysis: "A"}}
	r, _ = mustCompute(t, in, "UR2", ComputeOptions{})
	if g := r.Goals[0]; !g.FirstAssessed || g.Change != ChangeNone || g.Previous != nil {
		t.Errorf("first assessment = %+v", g)
	}
}

// TestIndicatorAtReference: SPEC 12.5, a value equal to its reference is
// "I nivå med referensvärdet", no deviation.
func TestIndicatorAtReference(t *testing.T) {
	def := IndicatorDef{Name: "Personalomsättning", Unit: "%", Reference: ptrF(8.5), LowerIsBetter: true, Measure: MeasureLatest}
	in := indicatorInputs(def, map[period.Month]float64{mon(2026, 4): 8.5})
	r, _ := mustCompute(t, in, "UR1", ComputeOptions{})
	in0 := r.Indicators[0]
	if in0.Grade != GradeAtRef || in0.Grade.Word() != "I nivå med referensvärdet" || in0.OffTarget || !in0.Grade.Judged() {
		t.Errorf("grade = %v %q off %v", in0.Grade, in0.Grade.Word(), in0.OffTarget)
	}
}

// TestFundingLikeWithLike: SPEC 12.2. From the setting alone, Netto före
// regionbidrag carries the prior year and Netto's is empty; mapped in
// Kontoplan, the funding is a ledger line with its prior year and the
// setting is its budget only.
func TestFundingLikeWithLike(t *testing.T) {
	in := handInputs()
	in.Settings.Funding = &Funding{Label: "Regionbidrag", Annual: kr(1200000)}
	r, _ := mustCompute(t, in, "UR1", ComputeOptions{})
	op := r.Operating
	if !op.FundingFromSetting || op.NetBeforeFunding == nil || op.Net.PriorYearAcc != nil || op.Net.CostDevelopment != nil {
		t.Fatalf("setting: %+v", op)
	}
	nb := op.NetBeforeFunding
	if nb.Line != "Netto före regionbidrag" || nb.PriorYearAcc == nil || nb.OutcomeAcc != op.Net.OutcomeAcc-kr(400000) {
		t.Errorf("Netto före regionbidrag = %s", fmtLine(*nb))
	}

	in = handInputs()
	in.Settings.Funding = &Funding{Label: "Regionbidrag", Annual: kr(1200000)}
	in.Chart = Chart{Name: "Egen", Ranges: append([]AccountRange{{3900, 3999, "Regionbidrag"}}, RegionBas.Ranges...)}
	for _, m := range []period.Month{mon(2025, 2), mon(2026, 2)} {
		in.Ledger.Buckets[ledger.Key{Account: "3910", Month: m}] = ledger.Bucket{Amount: kr(-390000), Rows: 1}
		in.Ledger.Total += kr(-390000)
		in.Ledger.RowsSummed++
		in.Ledger.RowsRead++
	}
	r, probs := mustCompute(t, in, "UR1", ComputeOptions{})
	op = r.Operating
	f := line(t, r, "Regionbidrag")
	if !f.Funding || f.OutcomeAcc != kr(390000) || f.AnnualBudget != kr(1200000) || f.BudgetAcc != kr(400000) ||
		f.PriorYearAcc == nil || *f.PriorYearAcc != kr(390000) {
		t.Errorf("mapped funding = %s", fmtLine(f))
	}
	if op.FundingFromSetting || op.NetBeforeFunding != nil || op.Net.PriorYearAcc == nil || !r.NetIsResult {
		t.Errorf("mapped: %+v", op)
	}
	n := 0
	for _, l := range op.Lines {
		if strings.EqualFold(l.Line, "Regionbidrag") {
			n++
		}
	}
	if n != 1 || !r.Reconciliation.Balanced() {
		t.Errorf("%d funding rows, reconciliation %+v", n, r.Reconciliation)
	}
	if p := findProblem(probs, problem.Warning, "Regionbidrag"); p != nil {
		t.Errorf("unexpected warning %v", p)
	}
}

// TestCoverFacts: SPEC 12.5, the cover's settings travel to the report,
// and the balance day is never taken for a given date.
func TestCoverFacts(t *testing.T) {
	in := handInputs()
	r, _ := mustCompute(t, in, "UR1", ComputeOptions{})
	if r.DateGiven {
		t.Error("no date was given")
	}
	in.Settings.CaseNumber, in.Settings.DecisionBody, in.Settings.MeetingDate = "RS 2026/12", "Regionstyrelsen", "2026-06-09"
	r, _ = mustCompute(t, in, "UR1", ComputeOptions{ReportDate: "2026-05-12"})
	if !r.DateGiven || r.ReportDate != "2026-05-12" || r.CaseNumber != "RS 2026/12" || r.DecisionBody != "Regionstyrelsen" || r.MeetingDate != "2026-06-09" {
		t.Errorf("report = %+v", r)
	}
}

// TestImportWarningsTravel: SPEC 12.5, the inputs' warnings — a shared
// ledger's rows without Ansvar among them — reach the report, and so the
// draft's appendix and the Kontroll sheet, once each.
func TestImportWarningsTravel(t *testing.T) {
	in := handInputs()
	w := problem.Problem{Severity: problem.Warning, File: "huvudbok.csv", Row: 7, Cell: "rad 7",
		Message: "3 rader (12,00 kr) saknar ansvar (tomt Ansvar; den första är denna) och hör därför inte till någon enhet; de räknas som andra enheters rader"}
	in.Problems = problem.List{w, w}
	r, _ := mustCompute(t, in, "UR1", ComputeOptions{})
	n := 0
	for _, p := range r.Problems {
		if p.String() == w.String() {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the ledger's warning is in the report %d times, want once: %v", n, r.Problems)
	}
}

// TestLineAndInvestmentGaps: a red line of table 4 beyond Väsentlighet
// without its Kommentar or the Ekonomi text, and an investment over the
// year's budget without a comment of the period, are gaps too.
func TestLineAndInvestmentGaps(t *testing.T) {
	in := handInputs()
	in.Ledger.Buckets[ledger.Key{Account: "4010", Month: mon(2026, 4)}] = ledger.Bucket{Amount: kr(1500000), Rows: 1}
	in.Ledger.Total += kr(1500000)
	in.Ledger.RowsSummed++
	in.Ledger.RowsRead++
	in.Investments = []Investment{{Group: "Reinvesteringar", Name: "IT utrustning", TotalBudget: kr(24000000),
		PlanYears: map[int]money.Amount{2026: kr(8000000)}, Month: mon(2026, 4), Spent: ptr(kr(3000000)), Prognosis: ptr(kr(9100000))}}
	r, probs := mustCompute(t, in, "UR1", ComputeOptions{})
	g := hasGap(r, GapLine, LinePersonnel)
	if g == nil || g.Deviation != line(t, r, LinePersonnel).DeviationAcc || g.Section != TextEconomy {
		t.Errorf("line gap = %+v", g)
	}
	if findProblem(probs, problem.Warning, "saknar Kommentar i bladet Prognos") == nil {
		t.Error("no warning for the line")
	}
	if g := hasGap(r, GapInvestment, "IT utrustning"); g == nil || g.PrognosisDeviation != kr(-1100000) || g.Deviation != 0 {
		t.Errorf("investment gap = %+v", g)
	}
	in.Texts = []Text{{Month: mon(2026, 4), Section: TextEconomy, Text: "Personalkostnaderna är högre än budget."}}
	in.Investments[0].Comment = "Prisökningar."
	r, _ = mustCompute(t, in, "UR1", ComputeOptions{})
	if hasGap(r, GapLine, LinePersonnel) != nil || hasGap(r, GapInvestment, "IT utrustning") != nil {
		t.Errorf("gaps despite the explanations: %+v", r.Gaps)
	}
}
