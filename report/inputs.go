package report

import (
	"rapport/report/ledger"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// Labels of the reconciliation's parts when a unit's Ansvar selects its
// rows of a shared ledger (SPEC 6.2).
const (
	LabelOtherUnits = "Rader som de andra enheterna i körningen tar"
	LabelNoUnit     = "Andra enheters rader (ansvar som ingen enhet i körningen väljer)"
)

// Report lines of table 4, as the plan names them.
const (
	LineRevenue      = "Intäkter"
	LinePersonnel    = "Personalkostnader"
	LineOther        = "Övriga driftskostnader"
	LineFinancial    = "Finansiella poster"
	LineUnclassified = "Ej klassificerat"
	// LineBalanceSheet marks balance-sheet accounts in a chart: not
	// operating, used for investment spending.
	LineBalanceSheet = "Balansräkning"
)

// OperatingLines are the lines of table 4 in the order they are shown.
var OperatingLines = []string{LineRevenue, LinePersonnel, LineOther, LineFinancial}

// Inputs are everything read from an input folder, before any period is
// chosen. Import fills it; Compute turns it into a Report for one period.
type Inputs struct {
	Settings       Settings
	Calendar       period.Calendar
	Chart          Chart
	Goals          []Goal
	Assessments    []Assessment
	Budget         []BudgetLine
	Prognoses      []Prognosis
	Investments    []Investment
	IndicatorDefs  []IndicatorDef
	IndicatorValue []IndicatorValue
	Texts          []Text     // Texter (SPEC 7.2)
	PlanItems      []PlanItem // Planuppföljning (SPEC 7.2)
	Groups         *Grouping  // Grupper (SPEC 14); nil without the sheet
	Ledger         *ledger.Ledger
	Problems       problem.List
}

// Settings are the key/value rows of the sheet Inställningar, overridden by
// flags.
type Settings struct {
	Unit         string // Enhet; default Regionstyrelsen
	Organisation string // Organisation; default Region Halland
	Year         int    // År: the plan year
	ChartName    string // Kontoplan: Region-Bas (default) or Kommun-Bas
	ReportDate   string // Rapportdatum (YYYY-MM-DD), optional
	// CaseNumber (Diarienummer), DecisionBody (Beslutsinstans) and
	// MeetingDate (Sammanträdesdatum, YYYY-MM-DD) are shown on the cover
	// when given (SPEC 12.5).
	CaseNumber   string
	DecisionBody string
	MeetingDate  string
	Example      bool // Exempeldata: the inputs are example data
	// Funding is Regionbidrag or Kommunbidrag; nil when the unit's funding
	// is not among its lines (Netto is then a net cost).
	Funding *Funding
	// Materiality is Väsentlighet (mnkr in the sheet); nil means
	// DefaultMateriality.
	Materiality *money.Amount
	// Responsibility is Ansvar: the unit's rows in a regional ledger
	// (SPEC 6.2); empty means every row.
	Responsibility ledger.Selector
}

// Place is where a value came from, for warnings raised after import.
type Place struct {
	File  string
	Sheet string
	Row   int
	// Col is the column of the value's cell (1 = A) where a warning names
	// the cell, as for a controller's text; 0 when only the row is known.
	Col int
}

// Assessment is one row of the sheet Målbedömning.
type Assessment struct {
	Nr       string
	Month    period.Month // a period code is resolved to its last month
	Level    Level
	Word     string // as written
	Analysis string
	Place    Place
}

// BudgetLine is one row of the sheet Driftbudget, in the report's sign.
type BudgetLine struct {
	Line    string
	Annual  money.Amount
	Monthly *[12]money.Amount // nil without monthly columns
	Place   Place
	Group   string // Grupp (SPEC 14): the group of Grupper the row budgets; "" without the column
}

// Prognosis is one row of the sheet Prognos: the year-end forecast made at
// Month, in the report's sign.
type Prognosis struct {
	Month   period.Month
	Line    string
	Annual  money.Amount
	Comment string // Kommentar: the reason for the line's deviation
	Place   Place
	Group   string // Grupp (SPEC 14), as in BudgetLine
}

// Investment is one row of the sheet Investeringar.
type Investment struct {
	Group       string
	Name        string
	Project     string
	TotalBudget money.Amount
	PlanYears   map[int]money.Amount // per plan-year column
	Month       period.Month         // the period the row reports; zero if not given
	Spent       *money.Amount        // Ackumulerad förbrukning
	Prognosis   *money.Amount        // Prognos (for the report year)
	Comment     string
	// PriorYearsSpent is Utfall tidigare år (spend before the report
	// year) and PrognosisTotal Prognos total (forecast total cost); nil
	// when the sheet lacks the column or the cell is empty.
	PriorYearsSpent *money.Amount
	PrognosisTotal  *money.Amount
	Place           Place
}

// IndicatorValue is one row of the sheet Indikatorer.
type IndicatorValue struct {
	Name  string
	Month period.Month
	Value float64
	Place Place
}

// Chart maps accounts to report lines by ranges of their first four digits.
type Chart struct {
	Name   string
	Ranges []AccountRange
}

// AccountRange maps accounts From…To (four digits, inclusive) to a line.
type AccountRange struct {
	From, To int
	Line     string
}

// Standard charts of SPEC 2.2.
var (
	RegionBas = Chart{Name: "Region-Bas", Ranges: []AccountRange{
		{1000, 2999, LineBalanceSheet},
		{3000, 3999, LineRevenue},
		{4000, 4999, LinePersonnel},
		{5000, 7999, LineOther},
		{8000, 8999, LineFinancial},
	}}
	KommunBas = Chart{Name: "Kommun-Bas", Ranges: []AccountRange{
		{1000, 2999, LineBalanceSheet},
		{3000, 3999, LineRevenue},
		{4000, 4999, LineOther},
		{5000, 5999, LinePersonnel},
		{6000, 7999, LineOther},
		{8000, 8999, LineFinancial},
	}}
)

// LineOf gives the report line of an account, by its first four digits, and
// whether any range covers it.
func (c Chart) LineOf(account string) (string, bool) {
	n := 0
	digits := 0
	for i := 0; i < len(account) && digits < 4; i++ {
		ch := account[i]
		if ch < '0' || ch > '9' {
			return "", false
		}
		n = n*10 + int(ch-'0')
		digits++
	}
	if digits < 4 {
		return "", false
	}
	for _, r := range c.Ranges {
		if n >= r.From && n <= r.To {
			return r.Line, true
		}
	}
	return "", false
}
