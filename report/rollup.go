package report

import (
	"fmt"

	"rapport/report/money"
	"rapport/report/period"
)

// RollupTotal is the label of the region's row of Sammanställning.
const RollupTotal = "Totalt"

// Rollup is the region's Sammanställning (SPEC 14): one row per unit with
// its table 3 and its goals per assessment, then the region's total. Every
// unit's figures are its own report's, taken as they are.
type Rollup struct {
	Organisation string       `json:"organisation"`
	Year         int          `json:"year"`
	Period       period.Entry `json:"period"`
	Units        []RollupRow  `json:"units"` // in the order of the reports given
	Total        RollupRow    `json:"total"` // Totalt: the units' sums
}

// RollupRow is one unit's row of Sammanställning, or the total.
type RollupRow struct {
	Unit    string  `json:"unit"`
	Economy Economy `json:"economy"` // table 3's figures
	// GoalCounts are the unit's board goals per Level, as table 1
	// counts them.
	GoalCounts [4]int `json:"goal_counts"`
}

// NewRollup sums the units' reports of one period into Sammanställning.
// The reports must be of the same year and period: a roll-up of unlike
// periods would add unlike figures.
func NewRollup(reports []*Report) (*Rollup, error) {
	if len(reports) == 0 {
		return nil, fmt.Errorf("sammanställningen har inga enheter")
	}
	first := reports[0]
	ro := &Rollup{Organisation: first.Organisation, Year: first.Year, Period: first.Period,
		Total: RollupRow{Unit: RollupTotal}}
	for _, r := range reports {
		if r.Year != first.Year || r.Period.Code != first.Period.Code {
			return nil, fmt.Errorf("enheten %s har rapporten %s %d, men %s har %s %d: sammanställningen gäller en period",
				r.Unit, r.Period.Code, r.Year, first.Unit, first.Period.Code, first.Year)
		}
		row := RollupRow{Unit: r.Unit, Economy: r.Economy, GoalCounts: r.GoalCounts}
		ro.Units = append(ro.Units, row)
		t := &ro.Total
		t.Economy.PeriodResult += r.Economy.PeriodResult
		t.Economy.AccumulatedBudgetDeviation += r.Economy.AccumulatedBudgetDeviation
		t.Economy.PrognosisBudgetDeviation += r.Economy.PrognosisBudgetDeviation
		t.Economy.InvestmentPrognosisDeviation += r.Economy.InvestmentPrognosisDeviation
		for i, n := range r.GoalCounts {
			t.GoalCounts[i] += n
		}
	}
	return ro, nil
}

// Figures are a row's table 3 figures in the order of the report kind's
// table 3 (SPEC 12.1: the annual report has the result, the budget
// deviation and the investments' deviation).
func (row RollupRow) Figures(k period.Kind) []money.Amount {
	e := row.Economy
	if k == period.Annual {
		return []money.Amount{e.PeriodResult, e.PrognosisBudgetDeviation, e.InvestmentPrognosisDeviation}
	}
	return []money.Amount{e.PeriodResult, e.AccumulatedBudgetDeviation, e.PrognosisBudgetDeviation, e.InvestmentPrognosisDeviation}
}
