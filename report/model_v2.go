package report

import (
	"rapport/report/money"
	"rapport/report/period"
)

// This file holds the model of SPEC section 7: what the controllers write
// (Texter, Planuppföljning, comments, funding) and what a report says about
// change since the previous report. The readers fill the input types; Compute
// fills the report types; layouts only read them.

// TextSection is an Avsnitt of the sheet Texter.
type TextSection string

// The sections a controller can write, in the order the template lists them.
const (
	TextSummary         TextSection = "Sammanfattning"       // the written summary, shown first
	TextEvents          TextSection = "Väsentliga händelser" // under the summary
	TextEconomy         TextSection = "Ekonomi"              // analysis under table 4
	TextActions         TextSection = "Åtgärder"             // actions for negative deviations
	TextEmployees       TextSection = "Medarbetare"          // under table 2
	TextInvestments     TextSection = "Investeringar"        // under table 5
	TextRisks           TextSection = "Risker"
	TextInternalControl TextSection = "Intern kontroll"
)

// TextSections lists every Avsnitt, for the template's dropdown and messages.
var TextSections = []TextSection{TextSummary, TextEvents, TextEconomy, TextActions,
	TextEmployees, TextInvestments, TextRisks, TextInternalControl}

// Text is one row of the sheet Texter. A text belongs to its own period
// only: Month is the period's last month, and a report shows only the texts
// whose Month is its own.
type Text struct {
	Month   period.Month
	Section TextSection
	Text    string // paragraphs separated by blank lines
	Place   Place
}

// PlanItem is one row of the sheet Planuppföljning: a part of the plan other
// than the goals (grunduppdrag, the arbetsmiljöplan's activities, the
// efficiency requirement), assessed with the goals' scale.
type PlanItem struct {
	Part     string // Del, e.g. "Arbetsmiljöplan"
	Activity string // Aktivitet
	Month    period.Month
	Level    Level
	Word     string // as written
	Analysis string
	Place    Place
}

// Measure is how an indicator's monthly values become table 2's Värde
// (Mått in Indikatordefinitioner).
type Measure int

const (
	// MeasureDefault means the sheet did not say: Sjukfrånvaro is
	// averaged, anything else takes the latest value.
	MeasureDefault Measure = iota
	MeasureMean            // Medel: mean of January…report month
	MeasureLatest          // Senaste: the latest value at or before the report month
)

// Funding is the unit's annual funding (Regionbidrag or Kommunbidrag in
// Inställningar): table 4 then has a row with Label after Finansiella
// poster, and Netto is a result after funding.
type Funding struct {
	Label  string       // "Regionbidrag" or "Kommunbidrag", as the key was written
	Annual money.Amount // per year, in the report's sign (positive)
	Place  Place
}

// DefaultMateriality is Väsentlighet when Inställningar does not give it:
// 0,5 mnkr.
const DefaultMateriality money.Amount = 50_000_000

// Change is how a goal's or an indicator's level moved against the
// previous report (goals) or the same period last year (indicators).
type Change int

const (
	ChangeNone   Change = iota // nothing to compare with
	ChangeSame                 // –
	ChangeBetter               // ↑
	ChangeWorse                // ↓
)

// Symbol is the arrow table 1 and table 2 show.
func (c Change) Symbol() string {
	switch c {
	case ChangeBetter:
		return "↑"
	case ChangeWorse:
		return "↓"
	case ChangeSame:
		return "–"
	}
	return ""
}

// IndicatorGrade is table 2's Status: against a Målvärde the target is
// reached or not; against a Referensvärde only, the value is better or
// worse than the reference — never a goal word.
type IndicatorGrade int

const (
	GradeNone          IndicatorGrade = iota // a value but neither target nor reference to compare with
	GradeTargetMet                           // "Målvärdet nås"
	GradeTargetNotMet                        // "Målvärdet nås inte"
	GradeBetterThanRef                       // "Bättre än referensvärdet"
	GradeWorseThanRef                        // "Sämre än referensvärdet"
	// GradeNoValue is an indicator without a value for the period: the
	// status says the value is missing, not that it was judged. It comes
	// last so that the JSON numbers of the other grades stay as they were.
	GradeNoValue // "Värde saknas"
	// GradeAtRef is a value equal to its Referensvärde (as shown,
	// rounded): neither better nor worse (SPEC 12.5).
	GradeAtRef // "I nivå med referensvärdet"
)

// Word is the grade as table 2 shows it.
func (g IndicatorGrade) Word() string {
	switch g {
	case GradeTargetMet:
		return "Målvärdet nås"
	case GradeTargetNotMet:
		return "Målvärdet nås inte"
	case GradeBetterThanRef:
		return "Bättre än referensvärdet"
	case GradeWorseThanRef:
		return "Sämre än referensvärdet"
	case GradeNoValue:
		return "Värde saknas"
	case GradeAtRef:
		return "I nivå med referensvärdet"
	}
	// A value with nothing to measure it against: no goal word ("Ej
	// bedömt" belongs to goals, SPEC 7.4), but what is missing.
	return "Inget mål- eller referensvärde"
}

// Judged reports whether the grade compares a value with a target or a
// reference: only then do table 2's Status symbol and Trend say anything.
func (g IndicatorGrade) Judged() bool { return g != GradeNone && g != GradeNoValue }

// Off reports whether the grade is a deviation to list.
func (g IndicatorGrade) Off() bool { return g == GradeTargetNotMet || g == GradeWorseThanRef }

// PreviousReport names the report that "change since the last report"
// compares with: the latest earlier calendar period of the same year.
type PreviousReport struct {
	Code  period.Code  `json:"code"`
	Name  string       `json:"name"` // "Uppföljningsrapport 2"
	Month period.Month `json:"month"`
}

// PrognosisPoint is Prognos budgetavvikelse netto at one calendar period of
// the year: the prognosis path.
type PrognosisPoint struct {
	Code      period.Code  `json:"code"`
	Name      string       `json:"name"`
	Month     period.Month `json:"month"`
	Deviation money.Amount `json:"deviation"` // Årsprognos netto − Årsbudget netto
	Current   bool         `json:"current"`   // this report's own period
	// Outcome marks the annual report's point: the year's outcome against
	// the annual budget, named "Utfall 2026", not a prognosis (SPEC 12.1).
	Outcome bool `json:"outcome,omitempty"`
}

// GapKind is what explanation is missing for a red figure or a failed
// goal (SPEC 12.3).
type GapKind string

// The explanations a board's edition can say are missing.
const (
	GapActions      GapKind = "åtgärder"             // a negative deviation beyond Väsentlighet without Åtgärder
	GapLine         GapKind = "rad"                  // a line of table 4 red beyond Väsentlighet without Kommentar or Ekonomi
	GapIndicator    GapKind = "medarbetare"          // an indicator off its target or reference without Medarbetare
	GapGoal         GapKind = "målanalys"            // a goal not or partly met without analysis
	GapInvestment   GapKind = "investering"          // over its decided total, or the year's budget, without a comment of the period
	GapSummary      GapKind = "sammanfattning"       // a full report without Sammanfattning
	GapEvents       GapKind = "väsentliga händelser" // UR2 or ÅR without Väsentliga händelser
	GapPlanFollowUp GapKind = "planuppföljning"      // no Planuppföljning rows of the period where earlier ones had them
)

// Gap is one missing explanation: the board's edition prints one marked
// sentence with "har inte redovisats" where the explanation belongs, and
// the run warns naming the sheet and period to fill.
type Gap struct {
	Kind GapKind `json:"kind"`
	// Section is the Texter section whose text would explain it; empty
	// for a goal's analysis, an investment's comment and Planuppföljning.
	Section TextSection `json:"section,omitempty"`
	// Subject is the goal's Nr, the indicator's or the investment's name.
	Subject string `json:"subject,omitempty"`
	// Deviation is the negative Avvikelse ack netto (GapActions) or the
	// overrun of the decided total (GapInvestment); PrognosisDeviation
	// the negative Prognos budgetavvikelse (GapActions). Zero when not
	// beyond Väsentlighet.
	Deviation          money.Amount `json:"deviation,omitempty"`
	PrognosisDeviation money.Amount `json:"prognosis_deviation,omitempty"`
}

// PlanItemResult is a Planuppföljning row with the assessment the report
// uses (its own period, else the latest earlier one of the year).
type PlanItemResult struct {
	Part     string       `json:"part"`
	Activity string       `json:"activity"`
	Level    Level        `json:"level"`
	Analysis string       `json:"analysis"`
	Assessed period.Month `json:"assessed"`
}

// AssessmentWord is the level as a report of kind k words it (SPEC 7.1):
// during the year a forecast ("Bedöms uppfyllas"), in the annual report the
// outcome ("Uppfyllt").
func (l Level) AssessmentWord(k period.Kind) string {
	if k == period.Annual {
		return l.Word()
	}
	switch l {
	case Met:
		return "Bedöms uppfyllas"
	case PartlyMet:
		return "Bedöms delvis uppfyllas"
	case NotMet:
		return "Bedöms inte uppfyllas"
	}
	return "Ej bedömt"
}
