package report

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"rapport/report/ledger"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// mustCompute computes a report that must have no errors.
func mustCompute(t *testing.T, in *Inputs, code period.Code, opt ComputeOptions) (*Report, problem.List) {
	t.Helper()
	r, probs := Compute(in, code, opt)
	if probs.HasErrors() {
		t.Fatalf("%s: unexpected errors: %v", code, probs.Errors())
	}
	return r, probs
}

// findProblem is the first problem of a severity whose text holds text.
func findProblem(l problem.List, sev problem.Severity, text string) *problem.Problem {
	for i, p := range l {
		if p.Severity == sev && strings.Contains(p.String(), text) {
			return &l[i]
		}
	}
	return nil
}

// quarterCalendar is a custom Kalender: three quarters and the year.
var quarterCalendar = period.Calendar{
	{Code: "K1", Name: "Kvartal 1", LastMonth: time.March, Kind: period.Deviation},
	{Code: "K2", Name: "Delår", LastMonth: time.June, Kind: period.Full},
	{Code: "K3", Name: "Kvartal 3", LastMonth: time.September, Kind: period.Deviation},
	{Code: "ÅR", Name: "Årsredovisning", LastMonth: time.December, Kind: period.Annual},
}

func TestComputeGoalWordsFitThePeriod(t *testing.T) {
	tests := []struct {
		name  string
		code  period.Code
		level Level
		word  string
	}{
		{"UR1: input 'Delvis uppfyllt' becomes a forecast", "UR1", PartlyMet, "Bedöms delvis uppfyllas"},
		{"M02: input 'Bedöms ej uppfyllas' in the spec's words", "M02", NotMet, "Bedöms inte uppfyllas"},
		{"M10: input 'Uppfyllt' becomes a forecast", "M10", Met, "Bedöms uppfyllas"},
		{"ÅR: outcome words", "ÅR", Met, "Uppfyllt"},
		{"M01: no assessment yet", "M01", NotAssessed, "Ej bedömt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := mustCompute(t, handInputs(), tc.code, ComputeOptions{})
			if g := r.Goals[0]; g.Level != tc.level || g.Word != tc.word {
				t.Errorf("goal 1 = %v %q, want %v %q", g.Level, g.Word, tc.level, tc.word)
			}
		})
	}
	t.Run("goals keep the input's Nr, also an empty one", func(t *testing.T) {
		in := handInputs()
		in.Goals = []Goal{{Nr: "10", BoardGoal: "RS10"}, {Nr: "", CouncilGoal: "Cancer"}, {Nr: "11", BoardGoal: "RS11"}}
		r, _ := mustCompute(t, in, "UR1", ComputeOptions{})
		var nrs []string
		for _, g := range r.Goals {
			nrs = append(nrs, g.Nr)
		}
		if strings.Join(nrs, ",") != "10,,11" {
			t.Errorf("Nr = %q, want 10,,11", nrs)
		}
	})
}

func TestPreviousReport(t *testing.T) {
	tests := []struct {
		name string
		cal  period.Calendar
		code period.Code
		want period.Code // "" = none
	}{
		{"M02 is the year's first", period.DefaultCalendar, "M02", ""},
		{"UR1 after M02", period.DefaultCalendar, "UR1", "M02"},
		{"UR2 after UR1", period.DefaultCalendar, "UR2", "UR1"},
		{"M10 after UR2", period.DefaultCalendar, "M10", "UR2"},
		{"ÅR after M10", period.DefaultCalendar, "ÅR", "M10"},
		{"M05 outside the calendar: UR1 ended before it", period.DefaultCalendar, "M05", "UR1"},
		{"M01 has none", period.DefaultCalendar, "M01", ""},
		{"M12 outside the calendar: M10", period.DefaultCalendar, "M12", "M10"},
		{"custom Kalender: K3 after Delår", quarterCalendar, "K3", "K2"},
		{"custom Kalender: ÅR after K3", quarterCalendar, "ÅR", "K3"},
		{"custom Kalender: M08 after Delår", quarterCalendar, "M08", "K2"},
		{"custom Kalender: K1 is the first", quarterCalendar, "K1", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := handInputs()
			in.Calendar = tc.cal
			r, _ := mustCompute(t, in, tc.code, ComputeOptions{})
			switch {
			case tc.want == "" && r.Previous != nil:
				t.Errorf("previous = %+v, want none", r.Previous)
			case tc.want != "" && (r.Previous == nil || r.Previous.Code != tc.want):
				t.Errorf("previous = %+v, want %s", r.Previous, tc.want)
			case tc.want != "":
				e, _ := tc.cal.Lookup(tc.want)
				if r.Previous.Name != e.Name || r.Previous.Month != mon(2026, int(e.LastMonth)) {
					t.Errorf("previous = %+v, want %+v", r.Previous, e)
				}
			}
		})
	}
}

func TestGoalChangeSincePreviousReport(t *testing.T) {
	// Goal 1 is assessed NotMet in February, PartlyMet in April, Met in
	// August; goal 2 never.
	tests := []struct {
		name     string
		code     period.Code
		prev     *Level
		change   Change
		prevGoal Change // goal 2
	}{
		{"M02 has no previous report", "M02", nil, ChangeNone, ChangeNone},
		{"UR1: NotMet → PartlyMet is better", "UR1", ptrL(NotMet), ChangeBetter, ChangeSame},
		{"UR2: PartlyMet → Met is better", "UR2", ptrL(PartlyMet), ChangeBetter, ChangeSame},
		{"M10: Met → Met is the same", "M10", ptrL(Met), ChangeSame, ChangeSame},
		{"ÅR: Met in M10 and in the year", "ÅR", ptrL(Met), ChangeSame, ChangeSame},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := mustCompute(t, handInputs(), tc.code, ComputeOptions{})
			g := r.Goals[0]
			if (g.Previous == nil) != (tc.prev == nil) || (g.Previous != nil && *g.Previous != *tc.prev) || g.Change != tc.change {
				t.Errorf("goal 1: previous %v change %v, want %v %v", g.Previous, g.Change, tc.prev, tc.change)
			}
			if r.Goals[1].Change != tc.prevGoal {
				t.Errorf("goal 2 (never assessed): change %v, want %v", r.Goals[1].Change, tc.prevGoal)
			}
		})
	}
	t.Run("M10 worse after a new assessment", func(t *testing.T) {
		in := handInputs()
		in.Assessments = append(in.Assessments, Assessment{Nr: "1", Month: mon(2026, 10), Level: NotMet})
		r, _ := mustCompute(t, in, "M10", ComputeOptions{})
		if g := r.Goals[0]; g.Change != ChangeWorse || *g.Previous != Met || g.Change.Symbol() != "↓" {
			t.Errorf("goal 1 = %+v", g)
		}
	})
}

func ptrL(l Level) *Level { return &l }

func TestLevelChange(t *testing.T) {
	tests := []struct {
		name      string
		prev, now Level
		want      Change
	}{
		{"not met → met", NotMet, Met, ChangeBetter},
		{"met → partly", Met, PartlyMet, ChangeWorse},
		{"partly → partly", PartlyMet, PartlyMet, ChangeSame},
		{"not assessed → met: nothing to compare", NotAssessed, Met, ChangeNone},
		{"met → not assessed: nothing to compare", Met, NotAssessed, ChangeNone},
		{"not assessed on both sides stands still", NotAssessed, NotAssessed, ChangeSame},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := levelChange(tc.prev, tc.now); got != tc.want {
				t.Errorf("levelChange(%v, %v) = %v, want %v", tc.prev, tc.now, got, tc.want)
			}
		})
	}
}

func TestPrognosisPath(t *testing.T) {
	// handInputs: the March prognosis deviates by +0,01 kr (Övriga
	// driftskostnader, budget −360 000,01 against −360 000); the August one
	// gives only Övriga (−1 kr), the other lines stand at budget:
	// −1 − (−360 000,01) = 359 999,01 kr.
	march, august := kr(0.01), kr(359999.01)
	type pt struct {
		code    period.Code
		dev     money.Amount
		current bool
	}
	tests := []struct {
		name string
		cal  period.Calendar
		code period.Code
		want []pt
	}{
		{"M02: no prognosis yet, only now (= budget)", period.DefaultCalendar, "M02", []pt{{"M02", 0, true}}},
		{"UR1: M02 had no prognosis and is left out", period.DefaultCalendar, "UR1", []pt{{"UR1", march, true}}},
		{"UR2: UR1 used March's prognosis", period.DefaultCalendar, "UR2", []pt{{"UR1", march, false}, {"UR2", august, true}}},
		{"M10: UR2's August prognosis", period.DefaultCalendar, "M10", []pt{{"UR1", march, false}, {"UR2", august, false}, {"M10", august, true}}},
		{"ÅR: now is the outcome (150 999 − 200 000,50 − 30 000 against −1 560 000,01)", period.DefaultCalendar, "ÅR",
			[]pt{{"UR1", march, false}, {"UR2", august, false}, {"M10", august, false}, {"ÅR", kr(1480998.51), true}}},
		{"M05 outside the calendar: UR1 before it", period.DefaultCalendar, "M05", []pt{{"UR1", march, false}, {"M05", march, true}}},
		{"custom Kalender: K1 in March, Delår now", quarterCalendar, "K2", []pt{{"K1", march, false}, {"K2", march, true}}},
		{"custom Kalender: K3 after Delår", quarterCalendar, "K3", []pt{{"K1", march, false}, {"K2", march, false}, {"K3", august, true}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := handInputs()
			in.Calendar = tc.cal
			r, _ := mustCompute(t, in, tc.code, ComputeOptions{})
			var got []pt
			for _, p := range r.PrognosisPath {
				got = append(got, pt{p.Code, p.Deviation, p.Current})
				e, _ := tc.cal.Lookup(p.Code)
				if p.Outcome {
					// SPEC 12.1: the annual report's point is the year's outcome.
					e.Name = "Utfall 2026"
				}
				if p.Outcome != (e.Kind == period.Annual) {
					t.Errorf("point %s: outcome %v, want %v", p.Code, p.Outcome, e.Kind == period.Annual)
				}
				if p.Name != e.Name || p.Month != mon(2026, int(e.LastMonth)) {
					t.Errorf("point %s: name %q month %v, want %q %v", p.Code, p.Name, p.Month, e.Name, e.LastMonth)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("path = %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("point %d = %v, want %v", i, got[i], tc.want[i])
				}
			}
			if last := r.PrognosisPath[len(r.PrognosisPath)-1]; last.Deviation != r.Economy.PrognosisBudgetDeviation {
				t.Errorf("now = %v, table 3 says %v", last.Deviation, r.Economy.PrognosisBudgetDeviation)
			}
		})
	}
}

// TestIndicatorGradeWords holds table 2's Status to SPEC 7.4: never a
// goal word, and an indicator without a value says that the value is
// missing rather than that it was judged.
func TestIndicatorGradeWords(t *testing.T) {
	tests := []struct {
		name   string
		grade  IndicatorGrade
		word   string
		judged bool
	}{
		{"target met", GradeTargetMet, "Målvärdet nås", true},
		{"target not met", GradeTargetNotMet, "Målvärdet nås inte", true},
		{"better than reference", GradeBetterThanRef, "Bättre än referensvärdet", true},
		{"worse than reference", GradeWorseThanRef, "Sämre än referensvärdet", true},
		{"a value, nothing to compare with", GradeNone, "Inget mål- eller referensvärde", false},
		{"no value for the period", GradeNoValue, "Värde saknas", false},
	}
	goalWords := map[string]bool{}
	for _, l := range Levels {
		for _, k := range []period.Kind{period.Full, period.Annual} {
			goalWords[l.AssessmentWord(k)] = true
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.grade.Word(); got != tc.word || goalWords[got] {
				t.Errorf("Word() = %q, want %q (and no goal word)", got, tc.word)
			}
			if got := tc.grade.Judged(); got != tc.judged {
				t.Errorf("Judged() = %v, want %v", got, tc.judged)
			}
		})
	}
}

// indicatorInputs is handInputs with one indicator and its values, read
// from a row of the sheet Indikatorer.
func indicatorInputs(def IndicatorDef, values map[period.Month]float64) *Inputs {
	in := handInputs()
	in.IndicatorDefs = []IndicatorDef{def}
	in.IndicatorValue = nil
	for m, v := range values {
		in.IndicatorValue = append(in.IndicatorValue, IndicatorValue{Name: def.Name, Month: m, Value: v,
			Place: Place{File: UnderlagFile, Sheet: SheetIndValues, Row: 2}})
	}
	return in
}

func TestIndicatorMeasures(t *testing.T) {
	f := ptrF
	type values map[period.Month]float64
	tests := []struct {
		name      string
		code      period.Code
		def       IndicatorDef
		values    values
		value     *float64
		label     string
		valueAt   period.Month
		prior     *float64
		grade     IndicatorGrade
		status    string
		trend     Change
		offTarget bool
	}{
		{"Sjukfrånvaro: mean by default, a month missing, against target",
			"UR2", IndicatorDef{Name: "Sjukfrånvaro", Target: f(5.2), LowerIsBetter: true},
			values{mon(2026, 1): 6.0, mon(2026, 2): 5.0, mon(2026, 4): 5.5, mon(2026, 8): 4.9, mon(2026, 9): 1,
				mon(2025, 1): 6.0, mon(2025, 3): 5.8, mon(2025, 10): 1},
			f(5.35), "jan–aug", mon(2026, 8), f(5.9), GradeTargetNotMet, "Ej uppfyllt", ChangeBetter, true},
		{"Sjukfrånvaro: January missing, the span says so; a mean equal to the target reaches it",
			"UR1", IndicatorDef{Name: "Sjukfrånvaro", Target: f(5.2), LowerIsBetter: true},
			values{mon(2026, 2): 5.0, mon(2026, 3): 5.4, mon(2025, 2): 5.2},
			f(5.2), "feb–mar", mon(2026, 3), f(5.2), GradeTargetMet, "Uppfyllt", ChangeSame, false},
		{"Personalomsättning: latest by default, reference only, better",
			"UR2", IndicatorDef{Name: "Personalomsättning", Reference: f(8.0), LowerIsBetter: true},
			values{mon(2026, 3): 9.0, mon(2026, 6): 7.5, mon(2025, 6): 7.0, mon(2025, 8): 6.0},
			f(7.5), "juni", mon(2026, 6), f(7.0), GradeBetterThanRef, "Uppfyllt", ChangeWorse, false},
		{"reference only, worse: never a goal word in Grade",
			"UR2", IndicatorDef{Name: "Personalomsättning", Reference: f(8.0), LowerIsBetter: true},
			values{mon(2026, 8): 8.5},
			f(8.5), "augusti", mon(2026, 8), nil, GradeWorseThanRef, "Ej uppfyllt", ChangeNone, true},
		{"explicit Senaste on Sjukfrånvaro",
			"UR1", IndicatorDef{Name: "Sjukfrånvaro", Target: f(5.2), LowerIsBetter: true, Measure: MeasureLatest},
			values{mon(2026, 1): 6.0, mon(2026, 4): 5.0},
			f(5.0), "april", mon(2026, 4), nil, GradeTargetMet, "Uppfyllt", ChangeNone, false},
		{"explicit Medel, higher is better, one month",
			"UR1", IndicatorDef{Name: "Nöjdhet", Target: f(80), Measure: MeasureMean},
			values{mon(2026, 3): 75, mon(2025, 3): 70, mon(2025, 1): 90},
			f(75), "mar", mon(2026, 3), f(80), GradeTargetNotMet, "Ej uppfyllt", ChangeWorse, true},
		{"neither target nor reference",
			"UR1", IndicatorDef{Name: "Antal anställda"},
			values{mon(2026, 4): 120, mon(2025, 4): 110},
			f(120), "april", mon(2026, 4), f(110), GradeNone, "Ej bedömt", ChangeBetter, false},
		{"no value this year",
			"UR1", IndicatorDef{Name: "Sjukfrånvaro", Target: f(5.2), LowerIsBetter: true},
			values{mon(2026, 5): 4.0, mon(2025, 3): 5.0},
			nil, "", period.Month{}, nil, GradeNoValue, "Ej bedömt", ChangeNone, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := indicatorInputs(tc.def, tc.values)
			r, _ := mustCompute(t, in, tc.code, ComputeOptions{})
			got := r.Indicators[0]
			if !sameF(got.Value, tc.value) || got.ValueLabel != tc.label || got.ValueAt != tc.valueAt {
				t.Errorf("value %v %q at %v, want %v %q at %v", fv(got.Value), got.ValueLabel, got.ValueAt, fv(tc.value), tc.label, tc.valueAt)
			}
			if !sameF(got.PriorYear, tc.prior) {
				t.Errorf("prior year %v, want %v", fv(got.PriorYear), fv(tc.prior))
			}
			if got.Grade != tc.grade || got.Status != tc.status || got.Trend != tc.trend {
				t.Errorf("grade %q status %q trend %v, want %q %q %v", got.Grade.Word(), got.Status, got.Trend, tc.grade.Word(), tc.status, tc.trend)
			}
			if got.OffTarget != tc.offTarget || got.OffTarget != got.Grade.Off() || (len(r.Deviations.Indicators) == 1) != tc.offTarget {
				t.Errorf("off target %v, deviations %d, want %v", got.OffTarget, len(r.Deviations.Indicators), tc.offTarget)
			}
		})
	}
}

func sameF(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return math.Abs(*a-*b) < 1e-9
}

func fv(p *float64) any {
	if p == nil {
		return "nil"
	}
	return *p
}

func TestCostDevelopment(t *testing.T) {
	// UR1: Personalkostnader −200 000,50 against −150 000 the year before;
	// Intäkter and Övriga had nothing the year before.
	r, _ := mustCompute(t, handInputs(), "UR1", ComputeOptions{})
	tests := []struct {
		name string
		got  *float64
		want *float64
	}{
		{"personnel", line(t, r, LinePersonnel).CostDevelopment, ptrF((200000.50/150000 - 1) * 100)},
		{"revenue: zero prior year", line(t, r, LineRevenue).CostDevelopment, nil},
		{"other: zero prior year", line(t, r, LineOther).CostDevelopment, nil},
		{"net: −80 000,50 against −150 000", r.Operating.Net.CostDevelopment, ptrF((80000.50/150000 - 1) * 100)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !sameF(tc.got, tc.want) {
				t.Errorf("cost development %v, want %v", fv(tc.got), fv(tc.want))
			}
		})
	}
	t.Run("no prior year in the ledger", func(t *testing.T) {
		in := handInputs()
		for k := range in.Ledger.Buckets {
			if k.Month.Year != 2026 {
				in.Ledger.Total -= in.Ledger.Buckets[k].Amount
				delete(in.Ledger.Buckets, k)
			}
		}
		r, _ := mustCompute(t, in, "UR1", ComputeOptions{})
		if d := line(t, r, LinePersonnel).CostDevelopment; d != nil || r.Operating.Net.CostDevelopment != nil {
			t.Errorf("cost development without a prior year: %v", fv(d))
		}
	})
}

func TestFundingLine(t *testing.T) {
	tests := []struct {
		name   string
		code   period.Code
		annual money.Amount
		acc    money.Amount
	}{
		// 100 000 001 öre × 7 / 12 = 58 333 333,92 öre → 58 333 334.
		{"M07: × 7/12 with a remainder, half away from zero", "M07", kr(1000000.01), kr(583333.34)},
		// 100 000 001 × 4 / 12 = 33 333 333,67 → 33 333 334.
		{"UR1: × 4/12", "UR1", kr(1000000.01), kr(333333.34)},
		// 6 öre × 1 / 12 = 0,5 → 1 öre.
		{"M01: exactly half rounds up", "M01", kr(0.06), kr(0.01)},
		{"ÅR: the whole year", "ÅR", kr(1000000.01), kr(1000000.01)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := handInputs()
			// A financial line and an unmapped account, to see the row's place.
			in.Ledger.Buckets[ledger.Key{Account: "8400", Month: mon(2026, 1)}] = ledger.Bucket{Amount: kr(10), Rows: 1}
			in.Ledger.Buckets[ledger.Key{Account: "9100", Month: mon(2026, 1)}] = ledger.Bucket{Amount: kr(3), Rows: 1}
			in.Ledger.Total += kr(13)
			without, _ := mustCompute(t, in, tc.code, ComputeOptions{AllowUnmapped: true})
			in.Settings.Funding = &Funding{Label: "Regionbidrag", Annual: tc.annual, Place: Place{File: UnderlagFile, Sheet: "Inställningar", Row: 4}}
			r, _ := mustCompute(t, in, tc.code, ComputeOptions{AllowUnmapped: true})

			var names []string
			for _, l := range r.Operating.Lines {
				names = append(names, l.Line)
			}
			if got := strings.Join(names, ","); got != "Intäkter,Personalkostnader,Övriga driftskostnader,Finansiella poster,Regionbidrag,Ej klassificerat" {
				t.Errorf("lines = %s", got)
			}
			f := line(t, r, "Regionbidrag")
			prognosis := tc.annual
			want := OperatingLine{Line: "Regionbidrag", AnnualBudget: tc.annual, BudgetAcc: tc.acc, OutcomeAcc: tc.acc,
				Prognosis: prognosis, Funding: true}
			if f != want {
				t.Errorf("funding = %s, want %s", fmtLine(f), fmtLine(want))
			}
			if !r.NetIsResult || without.NetIsResult {
				t.Errorf("NetIsResult = %v (without funding %v)", r.NetIsResult, without.NetIsResult)
			}
			n, n0 := r.Operating.Net, without.Operating.Net
			if n.OutcomeAcc != n0.OutcomeAcc+tc.acc || n.BudgetAcc != n0.BudgetAcc+tc.acc ||
				n.AnnualBudget != n0.AnnualBudget+tc.annual || n.Prognosis != n0.Prognosis+tc.annual {
				t.Errorf("net = %s, without funding %s", fmtLine(n), fmtLine(n0))
			}
			e, e0 := r.Economy, without.Economy
			if e.PeriodResult != n.OutcomeAcc || e.AccumulatedBudgetDeviation != e0.AccumulatedBudgetDeviation ||
				e.PrognosisBudgetDeviation != e0.PrognosisBudgetDeviation {
				t.Errorf("table 3 = %+v, without funding %+v", e, e0)
			}
			if !r.Reconciliation.Balanced() || len(r.Reconciliation.Lines) != len(without.Reconciliation.Lines) {
				t.Errorf("the funding is not a ledger line; reconciliation %+v", r.Reconciliation)
			}
			for _, mo := range r.Monthly {
				if mo.Line == "Regionbidrag" {
					t.Errorf("the funding has no ledger trail: %+v", mo)
				}
			}
			if len(r.PrognosisPath) > 0 && r.PrognosisPath[len(r.PrognosisPath)-1].Deviation != e0.PrognosisBudgetDeviation {
				t.Errorf("the funding moved the prognosis path")
			}
		})
	}
}

func TestMateriality(t *testing.T) {
	// UR1: IT utrustning deviates by 50 000 kr; goal 1 is PartlyMet in
	// UR1 and NotMet in M02; Sjukfrånvaro is off target.
	tests := []struct {
		name        string
		code        period.Code
		setting     *money.Amount
		want        money.Amount
		investments int
		goals       int
		indicators  int
	}{
		{"default 0,5 mnkr leaves 50 000 kr out", "UR1", nil, DefaultMateriality, 0, 0, 1},
		{"exactly the threshold is kept", "UR1", ptr(kr(50000)), kr(50000), 1, 0, 1},
		{"one öre over it is left out", "UR1", ptr(kr(50000.01)), kr(50000.01), 0, 0, 1},
		{"zero keeps every non-zero deviation", "UR1", ptr(0), 0, 1, 0, 1},
		{"a goal not met is not money and is kept", "M02", ptr(kr(1e9)), kr(1e9), 0, 1, 0},
		{"an indicator off target is not money and is kept", "UR1", ptr(kr(1e9)), kr(1e9), 0, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := handInputs()
			in.Settings.Materiality = tc.setting
			r, _ := mustCompute(t, in, tc.code, ComputeOptions{})
			d := r.Deviations
			if r.Materiality != tc.want || len(d.Investments) != tc.investments || len(d.Goals) != tc.goals || len(d.Indicators) != tc.indicators {
				t.Errorf("materiality %v: %d investments, %d goals, %d indicators; want %v, %d, %d, %d",
					r.Materiality, len(d.Investments), len(d.Goals), len(d.Indicators), tc.want, tc.investments, tc.goals, tc.indicators)
			}
		})
	}
}

func TestTextsAndPlanFollowUp(t *testing.T) {
	in := handInputs()
	pl := func(row int) Place { return Place{File: UnderlagFile, Sheet: "Texter", Row: row} }
	in.Texts = []Text{
		{Month: mon(2026, 2), Section: TextSummary, Text: "Februari.", Place: pl(2)},
		{Month: mon(2026, 4), Section: TextSummary, Text: " April. ", Place: pl(3)},
		{Month: mon(2026, 4), Section: TextActions, Text: "Första.", Place: pl(4)},
		{Month: mon(2026, 4), Section: TextActions, Text: "Andra.", Place: pl(5)},
		{Month: mon(2026, 8), Section: TextEconomy, Text: "Augusti.", Place: pl(6)},
		{Month: mon(2025, 4), Section: TextRisks, Text: "Förra året.", Place: pl(7)},
	}
	in.PlanItems = []PlanItem{
		{Part: "Arbetsmiljöplan", Activity: "A1", Month: mon(2026, 2), Level: NotMet, Analysis: "feb"},
		{Part: "Arbetsmiljöplan", Activity: "A1", Month: mon(2026, 4), Level: PartlyMet, Analysis: "apr"},
		{Part: "Arbetsmiljöplan", Activity: "A1", Month: mon(2026, 12), Level: Met, Analysis: "dec"},
		{Part: "Grunduppdrag", Activity: "G", Month: mon(2026, 8), Level: Met, Analysis: "aug"},
		{Part: "Gammalt", Activity: "X", Month: mon(2025, 4), Level: Met},
	}
	type item struct {
		key   string
		level Level
		at    period.Month
	}
	tests := []struct {
		name  string
		code  period.Code
		texts map[TextSection]string
		plan  []item
	}{
		{"M02: its own summary; a deviation report has no plan follow-up", "M02",
			map[TextSection]string{TextSummary: "Februari."}, nil},
		{"UR1: April's texts, two rows of a section joined", "UR1",
			map[TextSection]string{TextSummary: "April.", TextActions: "Första.\n\nAndra."},
			[]item{{"Arbetsmiljöplan/A1", PartlyMet, mon(2026, 4)}, {"Grunduppdrag/G", NotAssessed, period.Month{}}}},
		{"UR2: April's texts are not carried over", "UR2",
			map[TextSection]string{TextEconomy: "Augusti."},
			[]item{{"Arbetsmiljöplan/A1", PartlyMet, mon(2026, 4)}, {"Grunduppdrag/G", Met, mon(2026, 8)}}},
		{"M05: no text of its own", "M05", nil, nil},
		{"ÅR: December's assessment", "ÅR", nil,
			[]item{{"Arbetsmiljöplan/A1", Met, mon(2026, 12)}, {"Grunduppdrag/G", Met, mon(2026, 8)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := mustCompute(t, in, tc.code, ComputeOptions{})
			if len(r.Texts) != len(tc.texts) {
				t.Errorf("texts = %q, want %q", r.Texts, tc.texts)
			}
			for s, want := range tc.texts {
				if r.Texts[s] != want {
					t.Errorf("%s = %q, want %q", s, r.Texts[s], want)
				}
			}
			var got []item
			for _, p := range r.PlanFollowUp {
				got = append(got, item{p.Part + "/" + p.Activity, p.Level, p.Assessed})
			}
			if len(got) != len(tc.plan) {
				t.Fatalf("plan follow-up = %v, want %v", got, tc.plan)
			}
			for i := range got {
				if got[i] != tc.plan[i] {
					t.Errorf("item %d = %v, want %v", i, got[i], tc.plan[i])
				}
			}
		})
	}
}

func TestLineComments(t *testing.T) {
	in := handInputs()
	in.Prognoses[0].Comment = " Fler patienter "
	in.Prognoses[3].Comment = "Lägre kostnader"
	tests := []struct {
		name string
		code period.Code
		want map[string]string
	}{
		{"UR1: March's rows", "UR1", map[string]string{LineRevenue: "Fler patienter", LineOther: ""}},
		{"UR2: August's row; revenue falls back to budget and has no comment", "UR2",
			map[string]string{LineRevenue: "", LineOther: "Lägre kostnader"}},
		{"ÅR: the outcome, no prognosis row", "ÅR", map[string]string{LineRevenue: "", LineOther: ""}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := mustCompute(t, in, tc.code, ComputeOptions{})
			for l, want := range tc.want {
				if got := line(t, r, l).Comment; got != want {
					t.Errorf("%s: comment %q, want %q", l, got, want)
				}
			}
		})
	}
}

func TestInvestmentComments(t *testing.T) {
	in := handInputs()
	in.Investments[0].PriorYearsSpent = ptr(kr(12345.67))
	in.Investments[0].PrognosisTotal = ptr(kr(480000))
	in.Investments[0].Place = Place{File: UnderlagFile, Sheet: "Investeringar", Row: 7}
	tests := []struct {
		name    string
		code    period.Code
		month   period.Month
		comment string
		warn    bool
	}{
		{"UR1: April's own row", "UR1", mon(2026, 4), "Enligt plan", false},
		{"M05: April's comment is from an earlier period", "M05", mon(2026, 4), "Enligt plan", true},
		{"UR2: August's row", "UR2", mon(2026, 8), "Senare", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, probs := mustCompute(t, in, tc.code, ComputeOptions{})
			it := r.Investment.Groups[1].Rows[0]
			if it.CommentMonth != tc.month || it.Comment != tc.comment {
				t.Errorf("comment %q from %v, want %q from %v", it.Comment, it.CommentMonth, tc.comment, tc.month)
			}
			if tc.month == mon(2026, 4) && (it.PriorYearsSpent == nil || *it.PriorYearsSpent != kr(12345.67) ||
				it.PrognosisTotal == nil || *it.PrognosisTotal != kr(480000)) {
				t.Errorf("prior years / prognosis total not copied: %+v", it)
			}
			p := findProblem(probs, problem.Warning, "kommentaren är från april 2026")
			if (p != nil) != tc.warn {
				t.Fatalf("warning = %v, want %v", p, tc.warn)
			}
			if p != nil && (p.Sheet != "Investeringar" || p.Row != 7 || p.Cell != "rad 7") {
				t.Errorf("warning place = %s", p.Place())
			}
		})
	}
}

func TestTextWarnings(t *testing.T) {
	withTexts := func(texts ...Text) func(*Inputs) {
		return func(in *Inputs) { in.Texts = texts }
	}
	placed := func(m period.Month, s TextSection) Text {
		return Text{Month: m, Section: s, Text: "x", Place: Place{File: "mitt underlag.xlsx", Sheet: "Texter (2026)", Row: 3}}
	}
	// A prognosis of Personalkostnader 100 000 kr worse than in March
	// makes the prognosis deviation negative.
	negative := func(in *Inputs) {
		in.Prognoses = append(in.Prognoses, Prognosis{Month: mon(2026, 2), Line: LinePersonnel, Annual: kr(-2600000)})
	}
	tests := []struct {
		name    string
		code    period.Code
		setup   []func(*Inputs)
		summary bool // warning on the missing summary
		actions bool // warning on the missing actions
		sheet   string
	}{
		{"UR1 without any text: the summary is missing", "UR1", nil, true, false, "Texter"},
		{"UR1 with its summary", "UR1", []func(*Inputs){withTexts(placed(mon(2026, 4), TextSummary))}, false, false, ""},
		{"UR1 with only February's summary: still missing, in the sheet read", "UR1",
			[]func(*Inputs){withTexts(placed(mon(2026, 2), TextSummary))}, true, false, "Texter (2026)"},
		{"ÅR without a summary", "ÅR", nil, true, false, "Texter"},
		{"M02 is a deviation report: no summary needed", "M02", nil, false, false, ""},
		{"M02 with a negative prognosis and no actions", "M02", []func(*Inputs){negative}, false, true, "Texter"},
		{"M02 with a negative prognosis and its actions", "M02",
			[]func(*Inputs){negative, withTexts(placed(mon(2026, 2), TextActions))}, false, false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := handInputs()
			for _, f := range tc.setup {
				f(in)
			}
			_, probs := mustCompute(t, in, tc.code, ComputeOptions{})
			s := findProblem(probs, problem.Warning, "saknar text i avsnittet Sammanfattning")
			a := findProblem(probs, problem.Warning, "saknar text i avsnittet Åtgärder")
			if (s != nil) != tc.summary || (a != nil) != tc.actions {
				t.Fatalf("summary warning %v, actions warning %v; want %v, %v", s, a, tc.summary, tc.actions)
			}
			for _, p := range []*problem.Problem{s, a} {
				if p != nil && p.Sheet != tc.sheet {
					t.Errorf("warning in sheet %q, want %q: %s", p.Sheet, tc.sheet, p)
				}
			}
		})
	}
}

// TestNegativeDeviationWording: the warning on missing actions names
// what is negative, one deviation or both, with the figures that are
// negative only; the annual report speaks of the year, not a prognosis.
func TestNegativeDeviationWording(t *testing.T) {
	kr := func(f float64) money.Amount { return money.Amount(f * 100) }
	tests := []struct {
		name      string
		kind      period.Kind
		acc, prog money.Amount
		want      string
	}{
		{"only the prognosis", period.Full, kr(30633308.12), kr(-3999999.90),
			"prognos budgetavvikelse är negativ (−3 999 999,90 kr)"},
		{"only the accumulated", period.Deviation, kr(-1234.5), kr(2000),
			"ackumulerad budgetavvikelse är negativ (−1 234,50 kr)"},
		{"both", period.Full, kr(-1), kr(-2),
			"ackumulerad budgetavvikelse (−1,00 kr) och prognos budgetavvikelse (−2,00 kr) är negativa"},
		{"neither", period.Full, 0, kr(5), ""},
		{"annual: the year once", period.Annual, kr(-211772.64), kr(-211772.64),
			"budgetavvikelsen för helåret är negativ (−211 772,64 kr)"},
		{"annual: the two differ", period.Annual, kr(-1), kr(-2),
			"ackumulerad budgetavvikelse (−1,00 kr) och budgetavvikelsen för helåret (−2,00 kr) är negativa"},
		{"annual: neither", period.Annual, kr(3), kr(3), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// Thousands are separated by a no-break space (SPEC 8).
			if got := strings.ReplaceAll(negativeDeviations(tc.kind, tc.acc, tc.prog), money.NoBreakSpace, " "); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	// End to end: a negative prognosis alone names the prognosis only.
	in := handInputs()
	in.Prognoses = append(in.Prognoses, Prognosis{Month: mon(2026, 2), Line: LinePersonnel, Annual: kr(-2600000)})
	r, probs := mustCompute(t, in, "M02", ComputeOptions{})
	p := findProblem(probs, problem.Warning, "saknar text i avsnittet Åtgärder")
	if p == nil {
		t.Fatal("no warning on the missing actions")
	}
	want := negativeDeviations(period.Deviation, r.Economy.AccumulatedBudgetDeviation, r.Economy.PrognosisBudgetDeviation)
	if !strings.HasPrefix(p.Message, want+" men ") || (r.Economy.AccumulatedBudgetDeviation >= 0 && strings.Contains(p.Message, "ackumulerad")) {
		t.Errorf("message %q, want it to begin %q", p.Message, want)
	}
}

// TestUnknownBudgetLine: a Driftbudget or Prognos row whose Rad names no
// line of the chart (a typo) is an error at its row, with the known
// names in the hint; it never becomes a line of table 4 of its own.
func TestUnknownBudgetLine(t *testing.T) {
	place := Place{File: UnderlagFile, Sheet: SheetBudget, Row: 4}
	ownChart := Chart{Name: "Egen", Ranges: append(slices.Clone(RegionBas.Ranges), AccountRange{From: 9900, To: 9999, Line: "Övriga intäkter"})}
	tests := []struct {
		name    string
		edit    func(in *Inputs)
		wantErr string // "" for none; else the Value of the expected error
		sheet   string
		row     int
	}{
		{"budget typo", func(in *Inputs) {
			in.Budget[1].Line, in.Budget[1].Place = "Personalkostnadr", place
		}, "Personalkostnadr", SheetBudget, 4},
		{"prognosis typo", func(in *Inputs) {
			in.Prognoses[0].Line, in.Prognoses[0].Place = "Intäkt", Place{File: UnderlagFile, Sheet: SheetPrognosis, Row: 7}
		}, "Intäkt", SheetPrognosis, 7},
		{"a line of the own Kontoplan", func(in *Inputs) {
			in.Chart = ownChart
			in.Budget = append(in.Budget, BudgetLine{Line: "Övriga intäkter", Annual: kr(10), Place: place})
		}, "", "", 0},
		{"the funding label", func(in *Inputs) {
			in.Settings.Funding = &Funding{Label: "Kommunbidrag", Annual: kr(100)}
			in.Prognoses = append(in.Prognoses, Prognosis{Month: mon(2026, 3), Line: "Kommunbidrag", Annual: kr(100)})
		}, "", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := handInputs()
			tc.edit(in)
			r, probs := Compute(in, "UR1", ComputeOptions{})
			if tc.wantErr == "" {
				if probs.HasErrors() {
					t.Fatalf("errors: %v", probs.Errors())
				}
				return
			}
			var got *problem.Problem
			for i, p := range probs {
				if p.Severity == problem.Error && p.Value == tc.wantErr {
					got = &probs[i]
				}
			}
			if got == nil {
				t.Fatalf("no error for %q in %v", tc.wantErr, probs)
			}
			if got.Sheet != tc.sheet || got.Row != tc.row || !strings.Contains(got.Hint, LinePersonnel) || !strings.Contains(got.Hint, LineRevenue) {
				t.Errorf("problem = %+v", *got)
			}
			for _, l := range r.Operating.Lines {
				if l.Line == tc.wantErr {
					t.Errorf("%q became a line of table 4: %+v", l.Line, l)
				}
			}
		})
	}
}

// A Värde over fewer months than the period's is warned of, naming the
// months missing; a complete series and an indicator without any value
// this year (an empty Värde) are not.
func TestIndicatorGapWarnings(t *testing.T) {
	type values map[period.Month]float64
	full := values{mon(2026, 1): 5, mon(2026, 2): 5, mon(2026, 3): 5, mon(2026, 4): 5}
	tests := []struct {
		name   string
		def    IndicatorDef
		values values
		want   string // "" for no warning
	}{
		{"mean, all months", IndicatorDef{Name: "Sjukfrånvaro"}, full, ""},
		{"mean, two months missing", IndicatorDef{Name: "Sjukfrånvaro"},
			values{mon(2026, 1): 5, mon(2026, 4): 5},
			"Sjukfrånvaro saknar värde för februari och mars 2026: Värde är medelvärdet av 2 månader i stället för 4"},
		{"mean, the report month missing", IndicatorDef{Name: "Sjukfrånvaro"},
			values{mon(2026, 1): 5, mon(2026, 2): 5, mon(2026, 3): 5},
			"Sjukfrånvaro saknar värde för april 2026: Värde är medelvärdet av 3 månader i stället för 4"},
		{"latest, earlier months missing", IndicatorDef{Name: "Personalomsättning"},
			values{mon(2026, 4): 8}, ""},
		{"latest, the report month missing", IndicatorDef{Name: "Personalomsättning"},
			values{mon(2026, 1): 8, mon(2026, 2): 8},
			"Personalomsättning saknar värde för april 2026: Värde är det senaste, från februari"},
		{"no value this year", IndicatorDef{Name: "Sjukfrånvaro"},
			values{mon(2025, 4): 5}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := indicatorInputs(tc.def, tc.values)
			_, probs := mustCompute(t, in, "UR1", ComputeOptions{})
			var got []problem.Problem
			for _, p := range probs {
				if p.Sheet == SheetIndValues {
					got = append(got, p)
				}
			}
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("unexpected warnings: %v", got)
			case tc.want != "" && (len(got) != 1 || got[0].Severity != problem.Warning || !strings.Contains(got[0].String(), tc.want)):
				t.Errorf("warnings %v, want one holding %q", got, tc.want)
			}
		})
	}
}
