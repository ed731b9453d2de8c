package report

import (
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// Report is a computed follow-up report: every figure, text and check that
// a layout shows, and nothing about how it is shown. It is a plain value:
// it can be printed as JSON and compared in tests. Money is in the report's
// sign (revenues positive, costs negative) and in öre.
type Report struct {
	Organisation string       `json:"organisation"` // "Region Halland"
	Unit         string       `json:"unit"`         // "Regionstyrelsen"
	Year         int          `json:"year"`
	Period       period.Entry `json:"period"`      // code, name, last month, kind
	Month        period.Month `json:"month"`       // the report's last month
	ReportDate   string       `json:"report_date"` // YYYY-MM-DD, from the data or --date
	// DateGiven is true when ReportDate is --date or Rapportdatum; else
	// it is the period's last day, which the cover never prints as the
	// report's date (SPEC 12.5).
	DateGiven bool `json:"date_given"`
	// CaseNumber, DecisionBody and MeetingDate are Diarienummer,
	// Beslutsinstans and Sammanträdesdatum of Inställningar, for the cover.
	CaseNumber   string `json:"case_number,omitempty"`
	DecisionBody string `json:"decision_body,omitempty"`
	MeetingDate  string `json:"meeting_date,omitempty"`
	Example      bool   `json:"example"` // made from the embedded example data

	Goals      []GoalResult `json:"goals"`       // table 1, in plan order
	GoalCounts [4]int       `json:"goal_counts"` // board goals per Level

	Indicators []IndicatorResult `json:"indicators"`       // table 2
	Economy    Economy           `json:"economy"`          // table 3
	Operating  Operating         `json:"operating"`        // table 4
	Groups     *GroupTable       `json:"groups,omitempty"` // table 4 per group of Grupper (SPEC 14); nil without the sheet
	Investment Investments       `json:"investment"`       // table 5

	Deviations Deviations       `json:"deviations"` // "övriga avvikelser"
	Monthly    []MonthlyOutcome `json:"monthly"`    // outcome per line and month: the audit trail
	Accounts   []AccountMonth   `json:"accounts"`   // the same per account: the trail to the ledger

	// SPEC 7: the controllers' texts for this period only, the plan's
	// other parts, and what changed since the previous report.
	Texts         map[TextSection]string `json:"texts,omitempty"`
	PlanFollowUp  []PlanItemResult       `json:"plan_follow_up,omitempty"`
	Previous      *PreviousReport        `json:"previous,omitempty"` // nil for the year's first calendar period
	PrognosisPath []PrognosisPoint       `json:"prognosis_path,omitempty"`
	// Materiality is Väsentlighet: deviations smaller than this are left
	// out of the summary's bullets and the deviation lists.
	Materiality money.Amount `json:"materiality"`
	// NetIsResult is true when the unit's funding is a line of table 4, so
	// Netto is a result; otherwise a negative Netto is a net cost.
	NetIsResult bool `json:"net_is_result"`

	// Gaps are the red figures and failed goals the controllers gave no
	// explanation for: the board's edition says so where the explanation
	// belongs (SPEC 12.3).
	Gaps []Gap `json:"gaps,omitempty"`

	Reconciliation Reconciliation `json:"reconciliation"`
	Problems       problem.List   `json:"problems"` // warnings that the report carries
}

// Level is how far a goal is met. The zero value is NotAssessed.
type Level int

const (
	NotAssessed Level = iota
	Met
	PartlyMet
	NotMet
)

// Levels lists the levels in the order reports show them.
var Levels = []Level{Met, PartlyMet, NotMet, NotAssessed}

// Word is the level's standard word, as in table 1.
func (l Level) Word() string {
	switch l {
	case Met:
		return "Uppfyllt"
	case PartlyMet:
		return "Delvis uppfyllt"
	case NotMet:
		return "Ej uppfyllt"
	}
	return "Ej bedömt"
}

func (l Level) String() string { return l.Word() }

// Goal is one row of the plan's goal table.
type Goal struct {
	Nr          string `json:"nr"`
	FocusArea   string `json:"focus_area"`   // Fokusområde
	CouncilGoal string `json:"council_goal"` // Regionfullmäktiges mål
	BoardGoal   string `json:"board_goal"`   // Regionstyrelsens mål; empty where the plan has none
}

// GoalResult is a goal with the assessment the report uses.
type GoalResult struct {
	Goal
	Level    Level        `json:"level"`
	Word     string       `json:"word"`     // the assessment as written ("Bedöms delvis uppfyllas")
	Analysis string       `json:"analysis"` // may be long; paragraphs separated by blank lines
	Assessed period.Month `json:"assessed"` // month of the assessment used; zero if none
	// Previous is the level in the previous report (nil when there is no
	// previous report or the goal was not in it); Change compares with it.
	Previous *Level `json:"previous,omitempty"`
	Change   Change `json:"change"`
	// PreviousFrom is the report Previous was assessed in: the latest
	// earlier report of the year that assessed the goal (SPEC 12.5).
	PreviousFrom string `json:"previous_from,omitempty"`
	// FirstAssessed is true for a goal assessed now and in no earlier
	// report of the year: it is no change.
	FirstAssessed bool `json:"first_assessed,omitempty"`
}

// IndicatorDef defines an indicator (table 2 of the plan).
type IndicatorDef struct {
	Name          string   `json:"name"`
	Description   string   `json:"description"`
	Unit          string   `json:"unit"` // "%"
	Target        *float64 `json:"target"`
	Reference     *float64 `json:"reference"`
	LowerIsBetter bool     `json:"lower_is_better"`
	Measure       Measure  `json:"measure"` // Mått: how monthly values become Värde
}

// IndicatorPoint is an indicator's value in a month.
type IndicatorPoint struct {
	Month period.Month `json:"month"`
	Value float64      `json:"value"`
}

// IndicatorDecimals is how many decimals the layouts show an indicator's
// value, target and reference with; the status is judged on the values so
// rounded, so that it agrees with what the reader sees.
const IndicatorDecimals = 1

// IndicatorResult is one row of table 2.
type IndicatorResult struct {
	IndicatorDef
	Value     *float64     `json:"value"`      // at the report month (or latest before it)
	ValueAt   period.Month `json:"value_at"`   // month of Value
	PriorYear *float64     `json:"prior_year"` // same month a year earlier
	// Level is the status judged against the target, else the reference:
	// Met, NotMet, or NotAssessed when value or yardstick is missing.
	// Renderers word it with Level.Word.
	Level Level `json:"level"`
	// Status is Level.Word(), kept for the report's JSON.
	Status    string `json:"status"`
	OffTarget bool   `json:"off_target"`
	// Grade is Status as SPEC 7.4 words it; ValueLabel says what Värde
	// is ("jan–aug" for a mean, the month for the latest value); Trend
	// compares Värde with PriorYear, honouring LowerIsBetter.
	Grade      IndicatorGrade   `json:"grade"`
	ValueLabel string           `json:"value_label"`
	Trend      Change           `json:"trend"`
	Series     []IndicatorPoint `json:"series"`       // this year, months 1…m
	Prior      []IndicatorPoint `json:"prior_series"` // the previous year, all months present
}

// Economy is table 3.
type Economy struct {
	PeriodResult                 money.Amount `json:"period_result"`                  // Periodresultat
	AccumulatedBudgetDeviation   money.Amount `json:"accumulated_budget_deviation"`   // Ackumulerad budgetavvikelse
	PrognosisBudgetDeviation     money.Amount `json:"prognosis_budget_deviation"`     // Prognos budgetavvikelse
	InvestmentPrognosisDeviation money.Amount `json:"investment_prognosis_deviation"` // Prognos investeringsbudgetavvikelse
}

// Operating is table 4, the operating budget.
type Operating struct {
	Lines []OperatingLine `json:"lines"` // Intäkter, Personalkostnader, Övriga driftskostnader, [Finansiella poster], [Ej klassificerat]
	Net   OperatingLine   `json:"net"`   // Netto: the sum over Lines
	// NetBeforeFunding is the sum of the lines other than the funding,
	// with their prior year and change, when the funding comes from the
	// setting alone and so has no prior year (SPEC 12.2): Netto's
	// prior-year and change are then empty. Nil otherwise.
	NetBeforeFunding *OperatingLine `json:"net_before_funding,omitempty"`
	// FundingFromSetting is true when the funding row's outcome is the
	// decided funding × m/12, not a booking.
	FundingFromSetting bool `json:"funding_from_setting,omitempty"`
	// PrognosisMonth is the month whose prognosis is used; zero when the
	// annual budget stands in for a missing prognosis.
	PrognosisMonth period.Month `json:"prognosis_month"`
	// PrognosisIsBudget is true when no prognosis was made at or before the
	// report month, so the annual budget stands in (a warning).
	PrognosisIsBudget bool `json:"prognosis_is_budget"`
	// PrognosisIsOutcome is true for the annual report: prognosis = outcome.
	PrognosisIsOutcome bool `json:"prognosis_is_outcome"`
}

// HasPriorYear reports whether table 4 has a prior year: the ledger holds
// the year before. Netto's own prior year is empty when the funding comes
// from the setting alone (SPEC 12.2), so it cannot tell.
func (o Operating) HasPriorYear() bool {
	if o.Net.PriorYearAcc != nil || o.NetBeforeFunding != nil && o.NetBeforeFunding.PriorYearAcc != nil {
		return true
	}
	for _, l := range o.Lines {
		if l.PriorYearAcc != nil {
			return true
		}
	}
	return false
}

// OperatingLine is one row of table 4.
type OperatingLine struct {
	Line               string        `json:"line"`
	AnnualBudget       money.Amount  `json:"annual_budget"`       // Årsbudget
	BudgetAcc          money.Amount  `json:"budget_acc"`          // Budget ack
	OutcomeAcc         money.Amount  `json:"outcome_acc"`         // Utfall ack
	DeviationAcc       money.Amount  `json:"deviation_acc"`       // Avvikelse ack = Utfall − Budget
	Prognosis          money.Amount  `json:"prognosis"`           // Årsprognos
	PrognosisDeviation money.Amount  `json:"prognosis_deviation"` // Prognosavvikelse = Årsprognos − Årsbudget
	PriorYearAcc       *money.Amount `json:"prior_year_acc"`      // Utfall ack föregående år; nil where the ledger has no earlier year
	// CostDevelopment is Utfall ack / Utfall ack föregående år − 1, in
	// percent; nil without a prior year or when it is zero.
	CostDevelopment *float64 `json:"cost_development,omitempty"`
	Comment         string   `json:"comment,omitempty"` // the prognosis row's Kommentar
	// Funding marks the Regionbidrag/Kommunbidrag row (budget and outcome
	// = funding × m/12).
	Funding bool `json:"funding,omitempty"`
}

// Investments is table 5.
type Investments struct {
	Years  []int             `json:"years"` // the plan-year columns, e.g. 2026, 2027, 2028
	Groups []InvestmentGroup `json:"groups"`
	Total  InvestmentRow     `json:"total"`
}

// InvestmentGroup is a group heading of table 5 with its rows and sum.
type InvestmentGroup struct {
	Name string          `json:"name"` // "Redan beslutade investeringar", "Reinvesteringar"
	Rows []InvestmentRow `json:"rows"`
	Sum  InvestmentRow   `json:"sum"`
}

// InvestmentRow is one investment of table 5 (or a sum of them).
type InvestmentRow struct {
	Name        string         `json:"name"`
	Project     string         `json:"project,omitempty"`
	TotalBudget money.Amount   `json:"total_budget"`
	PlanYears   []money.Amount `json:"plan_years"` // aligned with Investments.Years
	Spent       *money.Amount  `json:"spent"`      // Ackumulerad förbrukning; nil if unknown
	Prognosis   *money.Amount  `json:"prognosis"`  // prognosis for the report year; nil if none
	Deviation   *money.Amount  `json:"deviation"`  // budget for the report year − Prognosis; positive = underspend
	Comment     string         `json:"comment"`
	// SpentFromLedger is true when Spent was summed from the ledger's
	// balance-sheet accounts for the project rather than entered.
	SpentFromLedger bool          `json:"spent_from_ledger"`
	PriorYearsSpent *money.Amount `json:"prior_years_spent,omitempty"` // Utfall tidigare år
	PrognosisTotal  *money.Amount `json:"prognosis_total,omitempty"`   // Prognos total
	// CommentMonth is the period of the row the comment comes from; when
	// it is earlier than the report's month the report shows it.
	CommentMonth period.Month `json:"comment_month"`
	// TotalOverrun is Prognos total − Total budget when the forecast
	// total exceeds the decided total by more than Väsentlighet: a
	// deviation in its own right (SPEC 12.4); nil otherwise.
	TotalOverrun *money.Amount `json:"total_overrun,omitempty"`
}

// Deviations are what a deviation report lists as "övriga avvikelser".
type Deviations struct {
	Goals       []GoalResult      `json:"goals"`       // assessed as not met
	Investments []InvestmentRow   `json:"investments"` // prognosis deviates from budget
	Indicators  []IndicatorResult `json:"indicators"`  // off target
}

// MonthlyOutcome is a report line's outcome per month, in the report's sign:
// the audit trail behind table 4.
type MonthlyOutcome struct {
	Line      string           `json:"line"`
	ThisYear  [12]money.Amount `json:"this_year"`
	PriorYear [12]money.Amount `json:"prior_year"`
}

// AccountMonth is one account's outcome in one month, in the report's sign:
// Report.Accounts holds every non-zero one behind table 4's Utfall ack and
// Utfall ack föregående år (months 1…m of the report year and of the year
// before), ordered by line as in table 4, account, year and month.
type AccountMonth struct {
	Line    string       `json:"line"`
	Account string       `json:"account"`
	Month   period.Month `json:"month"`
	Amount  money.Amount `json:"amount"`
}

// Reconciliation shows that every krona of the ledger is accounted for:
// LedgerTotal = Σ Lines + BalanceSheet + OtherYears + LaterMonths +
// Opening + Closing + Unclassified (+ OtherUnits + NoUnit + Overlap when
// units select their rows of a shared ledger by Ansvar), to the öre, and
// every row too: RowsRead = RowsSummed + BlankRows + ErrorRows +
// SummaryRows. Amounts here are in the ledger's own sign
// (debit positive), so that they add up to the file's total as it stands.
type Reconciliation struct {
	File         string       `json:"file"`
	RowsRead     int          `json:"rows_read"`        // data rows below the header, blank ones included
	RowsSummed   int          `json:"rows_summed"`      // rows whose amount is in LedgerTotal
	BlankRows    int          `json:"blank_rows"`       // skipped: every field empty
	ErrorRows    int          `json:"error_rows"`       // skipped: reported as errors
	SummaryRows  int          `json:"summary_rows"`     // skipped: summary rows (Summa, Delsumma …) that add up
	Sheets       []ReconSheet `json:"sheets,omitempty"` // rows per sheet, when a workbook has several ledger sheets
	LedgerTotal  money.Amount `json:"ledger_total"`     // Σ of every summed row
	Lines        []ReconPart  `json:"lines"`            // report lines, months 1…m of the year
	BalanceSheet ReconPart    `json:"balance_sheet"`    // accounts 1000–2999, months 1…m
	OtherYears   ReconPart    `json:"other_years"`      // earlier (and later) years
	LaterMonths  ReconPart    `json:"later_months"`     // months after the report month, same year
	// Opening is every row of period 00, the opening balance (ingående
	// balans), of any year: never outcome, spend or prior year.
	Opening ReconPart `json:"opening"`
	// Closing is the rows of the report year's closing periods 13–15
	// when the report month is before December: they belong to December
	// and so, like later months, to no line yet. In a December report
	// they are in Lines and BalanceSheet, and ClosingIncluded says how
	// much of those they are; of other years they are in OtherYears.
	Closing         ReconPart `json:"closing"`
	ClosingIncluded ReconPart `json:"closing_included"`
	Unclassified    ReconPart `json:"unclassified"` // accounts in no range (only with --allow-unmapped)
	// When the unit's Ansvar selects its rows (SPEC 6.2), the file's
	// other summed rows: those other units of the run took, those no unit
	// of the run selects ("andra enheters rader"), and those two units
	// select (an error). Nil when the unit takes every row.
	OtherUnits *ReconPart   `json:"other_units,omitempty"`
	NoUnit     *ReconPart   `json:"no_unit,omitempty"`
	Overlap    *ReconPart   `json:"overlap,omitempty"`
	Difference money.Amount `json:"difference"` // LedgerTotal − Σ parts; must be 0
}

// Labels of the reconciliation's parts for the ERP periods of SPEC 6.1.
const (
	ReconOpeningLabel         = "Ingående balans (period 00)"
	ReconClosingLabel         = "Bokslutsperioder 13–15 (hör till december)"
	ReconClosingIncludedLabel = "Bokslutsperioder 13–15 (med i delarna ovan)"
)

// ReconSheet is what one sheet of a ledger workbook gave.
type ReconSheet struct {
	Sheet    string `json:"sheet"`
	RowsRead int    `json:"rows_read"`
}

// ReconPart is one part of the reconciliation.
type ReconPart struct {
	Label  string       `json:"label"`
	Rows   int          `json:"rows"`
	Amount money.Amount `json:"amount"`
}

// Parts lists every part in the order the reconciliation shows them.
func (r Reconciliation) Parts() []ReconPart {
	parts := append([]ReconPart(nil), r.Lines...)
	parts = append(parts, r.BalanceSheet, r.OtherYears, r.LaterMonths)
	// The parts of SPEC 6.1 are shown only when a ledger has such rows, so
	// that the reconciliation of an export without them is as before.
	for _, p := range []ReconPart{r.Opening, r.Closing} {
		if p.Rows != 0 || p.Amount != 0 {
			parts = append(parts, p)
		}
	}
	if r.Unclassified.Rows != 0 || r.Unclassified.Amount != 0 {
		parts = append(parts, r.Unclassified)
	}
	for _, p := range []*ReconPart{r.OtherUnits, r.NoUnit, r.Overlap} {
		if p != nil && (p.Rows != 0 || p.Amount != 0 || p == r.NoUnit) {
			parts = append(parts, *p)
		}
	}
	return parts
}

// Balanced reports whether the parts add up to the ledger total.
func (r Reconciliation) Balanced() bool { return r.Difference == 0 }
