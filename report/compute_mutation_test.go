package report

import (
	"testing"
	"time"

	"rapport/report/ledger"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// The tests in this file pin the edges of the figures that a hand-made
// mutation of Compute moved without any other test noticing: the ends of
// the account ranges, the month boundaries of Utfall ack and the prior
// year, the choice of prognosis, the rounding of the periodized budget, the
// signs of table 3 and the reconciliation's own check. Every figure is
// asserted to the öre.

func TestChartLineOfEdges(t *testing.T) {
	const none = ""
	for _, tc := range []struct {
		name    string
		chart   Chart
		account string
		want    string
	}{
		{"Region-Bas 0999 below every range", RegionBas, "0999", none},
		{"Region-Bas 1000 first balance-sheet account", RegionBas, "1000", LineBalanceSheet},
		{"Region-Bas 2999 last balance-sheet account", RegionBas, "2999", LineBalanceSheet},
		{"Region-Bas 3000 first revenue account", RegionBas, "3000", LineRevenue},
		{"Region-Bas 3999 last revenue account", RegionBas, "3999", LineRevenue},
		{"Region-Bas 4000 first personnel account", RegionBas, "4000", LinePersonnel},
		{"Region-Bas 4999 last personnel account", RegionBas, "4999", LinePersonnel},
		{"Region-Bas 5000 first other cost", RegionBas, "5000", LineOther},
		{"Region-Bas 7999 last other cost", RegionBas, "7999", LineOther},
		{"Region-Bas 8000 first financial account", RegionBas, "8000", LineFinancial},
		{"Region-Bas 8999 last financial account", RegionBas, "8999", LineFinancial},
		{"Region-Bas 9000 beyond every range", RegionBas, "9000", none},
		{"Region-Bas sub-account 29999 by its first four digits", RegionBas, "29999", LineBalanceSheet},
		{"Region-Bas sub-account 30000", RegionBas, "30000", LineRevenue},
		{"Region-Bas sub-account 39999", RegionBas, "39999", LineRevenue},
		{"Region-Bas sub-account 40110", RegionBas, "40110", LinePersonnel},
		{"Region-Bas sub-account 49999", RegionBas, "49999", LinePersonnel},
		{"Region-Bas sub-account 89999", RegionBas, "89999", LineFinancial},
		{"Region-Bas sub-account 90000", RegionBas, "90000", none},
		{"three digits are no account", RegionBas, "401", none},
		{"a letter among the first four digits", RegionBas, "40a1", none},
		{"Kommun-Bas 2999 last balance-sheet account", KommunBas, "2999", LineBalanceSheet},
		{"Kommun-Bas 3000 first revenue account", KommunBas, "3000", LineRevenue},
		{"Kommun-Bas 3999 last revenue account", KommunBas, "3999", LineRevenue},
		{"Kommun-Bas 4000 is other cost", KommunBas, "4000", LineOther},
		{"Kommun-Bas 4999 is other cost", KommunBas, "4999", LineOther},
		{"Kommun-Bas 5000 first personnel account", KommunBas, "5000", LinePersonnel},
		{"Kommun-Bas 5999 last personnel account", KommunBas, "5999", LinePersonnel},
		{"Kommun-Bas 6000 is other cost again", KommunBas, "6000", LineOther},
		{"Kommun-Bas 7999 last other cost", KommunBas, "7999", LineOther},
		{"Kommun-Bas 8000 first financial account", KommunBas, "8000", LineFinancial},
		{"Kommun-Bas 8999 last financial account", KommunBas, "8999", LineFinancial},
		{"Kommun-Bas 9000 beyond every range", KommunBas, "9000", none},
		{"Kommun-Bas sub-account 49999", KommunBas, "49999", LineOther},
		{"Kommun-Bas sub-account 50110", KommunBas, "50110", LinePersonnel},
		{"Kommun-Bas sub-account 59999", KommunBas, "59999", LinePersonnel},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.chart.LineOf(tc.account)
			if got != tc.want || ok != (tc.want != none) {
				t.Errorf("%s.LineOf(%q) = %q, %v; want %q, %v", tc.chart.Name, tc.account, got, ok, tc.want, tc.want != none)
			}
		})
	}
}

// boundaryInputs has revenue on account 3999 and personnel on account 4000
// (the edges of their ranges) in every month of the report year, the year
// before, the year before that and the year after, each month with its own
// amount, so that moving any month boundary changes a sum.
func boundaryInputs() *Inputs {
	b := map[ledger.Key]ledger.Bucket{}
	add := func(acc string, y, m int, a money.Amount) {
		b[ledger.Key{Account: acc, Month: mon(y, m)}] = ledger.Bucket{Amount: a, Rows: 1}
	}
	for m := 1; m <= 12; m++ {
		add("3999", 2026, m, -money.Amount(m)*money.Kr)     // revenue is a credit
		add("4000", 2026, m, money.Amount(m)*1000*money.Kr) // a cost is a debit
		add("3999", 2025, m, -money.Amount(m)*100*money.Kr)
		add("3999", 2024, m, -7*money.Kr)
		add("3999", 2027, m, -11*money.Kr)
	}
	l := &ledger.Ledger{File: "huvudbok.csv", Buckets: b}
	for _, bk := range b {
		l.Total += bk.Amount
		l.RowsSummed += bk.Rows
	}
	l.RowsRead = l.RowsSummed
	key := [12]money.Amount{}
	for i := range key {
		key[i] = money.Amount(1) << i * money.Kr // 1, 2, 4, … kr: every prefix sum is unique
	}
	return &Inputs{
		Settings: Settings{Unit: "Gränsnämnden", Organisation: "Region Test", Year: 2026},
		Calendar: period.DefaultCalendar,
		Chart:    RegionBas,
		Budget: []BudgetLine{
			{Line: LineRevenue, Annual: 4095 * money.Kr, Monthly: &key},
			{Line: LinePersonnel, Annual: -120 * money.Kr},
		},
		Ledger: l,
	}
}

// triangle is 1 + 2 + … + m.
func triangle(m int) money.Amount { return money.Amount(m * (m + 1) / 2) }

func TestComputeMonthBoundaries(t *testing.T) {
	for _, tc := range []struct {
		code period.Code
		m    int
	}{
		{"M01", 1}, {"M02", 2}, {"UR1", 4}, {"M11", 11}, {"ÅR", 12},
	} {
		t.Run(string(tc.code), func(t *testing.T) {
			r, probs := Compute(boundaryInputs(), tc.code, ComputeOptions{})
			if probs.HasErrors() {
				t.Fatalf("errors: %v", probs.Errors())
			}
			rev, pers := line(t, r, LineRevenue), line(t, r, LinePersonnel)
			wantRev := triangle(tc.m) * money.Kr
			wantPrior := triangle(tc.m) * 100 * money.Kr
			wantBudget := (money.Amount(1)<<tc.m - 1) * money.Kr
			checks := []struct {
				what      string
				got, want money.Amount
			}{
				{"revenue Utfall ack (months 1…m)", rev.OutcomeAcc, wantRev},
				{"revenue Utfall ack föregående år (months 1…m of the year before)", *rev.PriorYearAcc, wantPrior},
				{"revenue Budget ack (monthly key through m)", rev.BudgetAcc, wantBudget},
				{"revenue Avvikelse ack", rev.DeviationAcc, wantRev - wantBudget},
				{"personnel Utfall ack", pers.OutcomeAcc, -triangle(tc.m) * 1000 * money.Kr},
				{"personnel Budget ack (annual × m/12)", pers.BudgetAcc, -money.Amount(10*tc.m) * money.Kr},
				{"personnel Utfall ack föregående år", *pers.PriorYearAcc, 0},
				{"reconciliation: later months", r.Reconciliation.LaterMonths.Amount,
					-(triangle(12)-triangle(tc.m))*money.Kr + (triangle(12)-triangle(tc.m))*1000*money.Kr},
				{"reconciliation: other years", r.Reconciliation.OtherYears.Amount,
					-(triangle(12)*100 + 12*7 + 12*11) * money.Kr},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s = %d öre, want %d", c.what, c.got, c.want)
				}
			}
			for _, mo := range r.Monthly {
				if mo.Line != LineRevenue {
					continue
				}
				for i := 0; i < 12; i++ {
					var this money.Amount
					if i < tc.m {
						this = money.Amount(i+1) * money.Kr
					}
					if mo.ThisYear[i] != this || mo.PriorYear[i] != money.Amount(i+1)*100*money.Kr {
						t.Errorf("monthly %s: this year %d, year before %d öre; want %d, %d",
							period.ShortMonthName(time.Month(i+1)), mo.ThisYear[i], mo.PriorYear[i], this, money.Amount(i+1)*100*money.Kr)
					}
				}
			}
			var accounts money.Amount
			for _, a := range r.Accounts {
				if a.Line == LineRevenue {
					accounts += a.Amount
				}
			}
			if accounts != wantRev+wantPrior {
				t.Errorf("per-account detail of revenue sums to %d öre, want %d (this year and the year before, months 1…m)", accounts, wantRev+wantPrior)
			}
		})
	}
}

func TestComputePrognosisChoice(t *testing.T) {
	prognoses := []Prognosis{
		{Month: mon(2025, 12), Line: LineRevenue, Annual: 11 * money.Kr}, // the year before: never used
		{Month: mon(2026, 2), Line: LineRevenue, Annual: 22 * money.Kr},
		{Month: mon(2026, 2), Line: LinePersonnel, Annual: -23 * money.Kr},
		{Month: mon(2026, 3), Line: LineRevenue, Annual: 33 * money.Kr}, // March has no personnel line
		{Month: mon(2026, 5), Line: LineRevenue, Annual: 55 * money.Kr},
		{Month: mon(2026, 5), Line: LinePersonnel, Annual: -56 * money.Kr},
	}
	const budgetRev, budgetPers = 4095 * money.Kr, -120 * money.Kr
	for _, tc := range []struct {
		code           period.Code
		month          period.Month // zero: no prognosis
		isBudget       bool
		rev, pers      money.Amount
		warningAboutIt string
	}{
		{"M01", period.Month{}, true, budgetRev, budgetPers, "årsbudgeten används som prognos"},
		{"M02", mon(2026, 2), false, 22 * money.Kr, -23 * money.Kr, ""},
		{"M03", mon(2026, 3), false, 33 * money.Kr, budgetPers, "prognosen från mars 2026 saknar raden; årsbudgeten används"},
		{"UR1", mon(2026, 3), false, 33 * money.Kr, budgetPers, "ingen prognos för april 2026; prognosen från mars 2026 används"},
		{"M05", mon(2026, 5), false, 55 * money.Kr, -56 * money.Kr, ""},
		{"UR2", mon(2026, 5), false, 55 * money.Kr, -56 * money.Kr, "prognosen från maj 2026 används"},
	} {
		t.Run(string(tc.code), func(t *testing.T) {
			in := boundaryInputs()
			in.Prognoses = prognoses
			r, probs := Compute(in, tc.code, ComputeOptions{})
			if probs.HasErrors() {
				t.Fatalf("errors: %v", probs.Errors())
			}
			if r.Operating.PrognosisMonth != tc.month || r.Operating.PrognosisIsBudget != tc.isBudget {
				t.Errorf("prognosis month %v (is budget %v), want %v (%v)", r.Operating.PrognosisMonth,
					r.Operating.PrognosisIsBudget, tc.month, tc.isBudget)
			}
			rev, pers := line(t, r, LineRevenue), line(t, r, LinePersonnel)
			if rev.Prognosis != tc.rev || pers.Prognosis != tc.pers {
				t.Errorf("Årsprognos revenue %d, personnel %d öre; want %d, %d", rev.Prognosis, pers.Prognosis, tc.rev, tc.pers)
			}
			if rev.PrognosisDeviation != tc.rev-budgetRev || pers.PrognosisDeviation != tc.pers-budgetPers {
				t.Errorf("Prognosavvikelse revenue %d, personnel %d öre; want %d, %d",
					rev.PrognosisDeviation, pers.PrognosisDeviation, tc.rev-budgetRev, tc.pers-budgetPers)
			}
			if tc.warningAboutIt != "" && !hasProblem(probs, problem.Warning, tc.warningAboutIt) {
				t.Errorf("no warning %q: %v", tc.warningAboutIt, probs)
			}
		})
	}
}

// TestComputeEconomySigns pins table 3 to the hand-worked figures of
// handInputs, so that a flipped subtraction there shows in report's own
// tests and not only in a layout's.
func TestComputeEconomySigns(t *testing.T) {
	r, _ := Compute(handInputs(), "UR1", ComputeOptions{})
	for _, tc := range []struct {
		name      string
		got, want money.Amount
	}{
		{"Periodresultat = Utfall ack netto", r.Economy.PeriodResult, kr(150000 - 200000.50 - 30000)},
		{"Avvikelse ack = Utfall ack − Budget ack", r.Economy.AccumulatedBudgetDeviation,
			kr(150000-200000.50-30000) - kr(400000-840000-120000)},
		{"Prognosavvikelse = Årsprognos − Årsbudget", r.Economy.PrognosisBudgetDeviation, 1},
		{"Investeringar: Budget − Prognos", r.Economy.InvestmentPrognosisDeviation, kr(200000 - 150000)},
		{"Netto Avvikelse ack", r.Operating.Net.DeviationAcc, kr(-250000 + 639999.50 + 90000)},
		{"Netto Prognosavvikelse", r.Operating.Net.PrognosisDeviation, kr(100000-100000) + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %d öre, want %d", tc.got, tc.want)
			}
		})
	}
}

func TestAccumulatedBudgetRounding(t *testing.T) {
	key := [12]money.Amount{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048}
	for _, tc := range []struct {
		name string
		b    BudgetLine
		m    time.Month
		want money.Amount
	}{
		{"half an öre rounds up", BudgetLine{Annual: 3}, 2, 1},
		{"minus half an öre rounds down", BudgetLine{Annual: -3}, 2, -1},
		{"one and a half öre rounds away from zero, not to even", BudgetLine{Annual: 18}, 1, 2},
		{"two and a half öre rounds away from zero, not to even", BudgetLine{Annual: 30}, 1, 3},
		{"minus two and a half öre", BudgetLine{Annual: -30}, 1, -3},
		{"below half rounds toward zero", BudgetLine{Annual: 5}, 1, 0},
		{"above half rounds away", BudgetLine{Annual: 7}, 1, 1},
		{"negative above half rounds away", BudgetLine{Annual: -7}, 1, -1},
		{"a whole year is the annual budget", BudgetLine{Annual: -360000_01}, 12, -360000_01},
		{"monthly key through January", BudgetLine{Annual: 4095, Monthly: &key}, 1, 1},
		{"monthly key through April", BudgetLine{Annual: 4095, Monthly: &key}, 4, 15},
		{"monthly key through December", BudgetLine{Annual: 4095, Monthly: &key}, 12, 4095},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := accumulatedBudget(tc.b, tc.m); got != tc.want {
				t.Errorf("accumulatedBudget(%d, month %d) = %d öre, want %d", tc.b.Annual, tc.m, got, tc.want)
			}
		})
	}
}

// TestComputeReconciliationCatchesDifference gives Compute a ledger whose
// total disagrees with its buckets: the check that the parts add up must
// say so rather than trust the parts.
func TestComputeReconciliationCatchesDifference(t *testing.T) {
	in := handInputs()
	in.Ledger.Total += 1
	r, probs := Compute(in, "UR1", ComputeOptions{})
	if r.Reconciliation.Difference != 1 {
		t.Errorf("difference = %d öre, want 1", r.Reconciliation.Difference)
	}
	if !hasProblem(probs, problem.Error, "avstämningen går inte ihop: differens 0,01 kr") {
		t.Errorf("no error about the difference: %v", probs)
	}
}

// TestComputeUnclassifiedInReconciliation checks that Ej klassificerat is a
// part of the reconciliation of its own, with its rows and amount.
func TestComputeUnclassifiedInReconciliation(t *testing.T) {
	in := handInputs()
	in.Ledger.Buckets[ledger.Key{Account: "9100", Month: mon(2026, 2)}] = ledger.Bucket{Amount: kr(12.5), Rows: 3}
	in.Ledger.Total += kr(12.5)
	in.Ledger.RowsSummed += 3
	in.Ledger.RowsRead += 3
	r, probs := Compute(in, "UR1", ComputeOptions{AllowUnmapped: true})
	if probs.HasErrors() {
		t.Fatalf("errors: %v", probs.Errors())
	}
	var found bool
	for _, p := range r.Reconciliation.Parts() {
		if p.Label == LineUnclassified {
			found = true
			if p.Amount != kr(12.5) || p.Rows != 3 {
				t.Errorf("Ej klassificerat = %d öre over %d rows, want 1250 over 3", p.Amount, p.Rows)
			}
		}
	}
	if !found {
		t.Errorf("Ej klassificerat is not among the parts: %+v", r.Reconciliation.Parts())
	}
}

// TestComputeIndicatorYears pins which months feed an indicator: the
// series of the report year through the report month, and the whole year
// before as its prior series.
func TestComputeIndicatorYears(t *testing.T) {
	in := handInputs()
	in.IndicatorValue = append(in.IndicatorValue, IndicatorValue{Name: "Sjukfrånvaro", Month: mon(2024, 3), Value: 9.9})
	r, _ := Compute(in, "UR1", ComputeOptions{})
	ind := r.Indicators[0]
	for _, tc := range []struct {
		name      string
		got, want []IndicatorPoint
	}{
		{"series: the report year through April", ind.Series, []IndicatorPoint{{mon(2026, 3), 5.6}}},
		{"prior: the year before, all of it", ind.Prior, []IndicatorPoint{{mon(2025, 3), 6.1}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.got) != len(tc.want) {
				t.Fatalf("got %v, want %v", tc.got, tc.want)
			}
			for i := range tc.got {
				if tc.got[i] != tc.want[i] {
					t.Errorf("got %v, want %v", tc.got, tc.want)
				}
			}
		})
	}
	if ind.PriorYear == nil || *ind.PriorYear != 6.1 {
		t.Errorf("the same month a year before = %v, want 6.1", ind.PriorYear)
	}
}

// TestComputeAssessmentYear checks that a goal's assessment comes from the
// report year only: December's assessment of the year before does not
// carry into January.
func TestComputeAssessmentYear(t *testing.T) {
	for _, tc := range []struct {
		code period.Code
		want Level
	}{
		{"M01", NotAssessed},
		{"M02", NotMet},
		{"UR1", PartlyMet},
	} {
		t.Run(string(tc.code), func(t *testing.T) {
			in := handInputs()
			in.Assessments = append(in.Assessments, Assessment{Nr: "1", Month: mon(2025, 12), Level: Met, Word: "Uppfyllt"})
			r, _ := Compute(in, tc.code, ComputeOptions{})
			if got := r.Goals[0].Level; got != tc.want {
				t.Errorf("goal 1 in %s = %v, want %v", tc.code, got, tc.want)
			}
		})
	}
}
