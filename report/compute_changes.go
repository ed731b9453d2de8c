package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// sheetProblem points p at the sheet of place, or at fallback (one of the
// Sheet constants) in underlag.xlsx when no row of the sheet was read, so
// that the message still tells the controller where to write.
func sheetProblem(place Place, fallback string, p problem.Problem) problem.Problem {
	if place.Sheet != "" {
		p.File, p.Sheet = place.File, place.Sheet
	} else {
		p.File, p.Sheet = UnderlagFile, fallback
	}
	return p
}

// rowProblem points p at the row of place.
func rowProblem(place Place, p problem.Problem) problem.Problem {
	p.File, p.Sheet, p.Row, p.Cell = place.File, place.Sheet, place.Row, rowRef(place.Row)
	return p
}

// firstPlace is the place of the earliest row among places.
func firstPlace(places []Place) Place {
	var best Place
	for _, p := range places {
		if best.Sheet == "" || (p.Sheet != "" && p.Row < best.Row) {
			best = p
		}
	}
	return best
}

// prognosisPlace is where the prognosis in use was read, else where any
// prognosis was read.
func (c *computation) prognosisPlace(rows map[string]Prognosis) Place {
	var places []Place
	for _, p := range rows {
		places = append(places, p.Place)
	}
	if len(places) == 0 {
		for _, p := range c.in.Prognoses {
			places = append(places, p.Place)
		}
	}
	return firstPlace(places)
}

func (c *computation) budgetPlace() Place {
	var places []Place
	for _, b := range c.in.Budget {
		places = append(places, b.Place)
	}
	return firstPlace(places)
}

func (c *computation) textsPlace() Place {
	var places []Place
	for _, t := range c.in.Texts {
		places = append(places, t.Place)
	}
	return firstPlace(places)
}

// costDevelopment is outcome / prior − 1 in percent (SPEC 7.3): the one
// figure of the report that is a ratio, hence a float. It is absent when
// the prior year is zero.
func costDevelopment(outcome, prior money.Amount) *float64 {
	if prior == 0 {
		return nil
	}
	v := (float64(outcome)/float64(prior) - 1) * 100
	return &v
}

// fundingLine adds the unit's funding (SPEC 7.5) to table 4, after the
// lines the ledger feeds and before Ej klassificerat. Budget and outcome
// are the funding × m/12, rounded as a periodised budget is; the funding is
// not a ledger line, so it has no prior year, no monthly trail and no part
// in the reconciliation, which accounts for the ledger alone.
func (c *computation) fundingLine(mapped string) {
	f := c.in.Settings.Funding
	if f == nil {
		return
	}
	if mapped != "" {
		// A line of the chart: summed from the ledger like any other.
		for i := range c.r.Operating.Lines {
			if c.r.Operating.Lines[i].Line == mapped {
				c.r.Operating.Lines[i].Funding = true
				c.r.NetIsResult = true
			}
		}
		return
	}
	c.r.Operating.FundingFromSetting = true
	label := f.Label
	if label == "" {
		label = "Regionbidrag"
	}
	acc := accumulatedBudget(BudgetLine{Annual: f.Annual}, c.month.Month)
	l := OperatingLine{Line: label, AnnualBudget: f.Annual, BudgetAcc: acc, OutcomeAcc: acc,
		Prognosis: f.Annual, Funding: true}
	if c.r.Period.Kind == period.Annual {
		l.Prognosis = l.OutcomeAcc // the same figure: m = 12
	}
	l.PrognosisDeviation = l.Prognosis - l.AnnualBudget
	lines := c.r.Operating.Lines
	at := len(lines)
	if at > 0 && lines[at-1].Line == LineUnclassified {
		at--
	}
	c.r.Operating.Lines = slices.Insert(lines, at, l)
	c.r.NetIsResult = true
}

// mappedFunding is the line of the chart that holds the unit's funding:
// one named as the funding setting (Regionbidrag or Kommunbidrag, any
// case); empty without the setting or such a line.
func (c *computation) mappedFunding() string {
	f := c.in.Settings.Funding
	if f == nil {
		return ""
	}
	label := f.Label
	if label == "" {
		label = "Regionbidrag"
	}
	for _, r := range c.in.Chart.Ranges {
		if strings.EqualFold(strings.TrimSpace(r.Line), label) {
			return r.Line
		}
	}
	return ""
}

// previousReport finds the latest calendar period of the year that ends
// before the report month (SPEC 7.3). Only calendar periods count: a
// monthly report outside the calendar is nobody's previous report.
func previousReport(cal period.Calendar, m period.Month) *PreviousReport {
	var best *period.Entry
	for i := range cal {
		e := &cal[i]
		if e.LastMonth < m.Month && (best == nil || e.LastMonth > best.LastMonth) {
			best = e
		}
	}
	if best == nil {
		return nil
	}
	return &PreviousReport{Code: best.Code, Name: best.Name, Month: period.Month{Year: m.Year, Month: best.LastMonth}}
}

// prognosisPath is Prognos budgetavvikelse netto at each earlier calendar
// period of the year that has a prognosis of its own (made at or before
// its month; a period that would fall back to the budget is left out), and
// this report's figure last. It runs after economy.
func (c *computation) prognosisPath() {
	cal := slices.Clone(c.in.Calendar)
	slices.SortStableFunc(cal, func(a, b period.Entry) int { return int(a.LastMonth) - int(b.LastMonth) })
	for _, e := range cal {
		if e.LastMonth >= c.month.Month {
			continue
		}
		m := period.Month{Year: c.month.Year, Month: e.LastMonth}
		rows, at := c.prognosisAt(m, false)
		if at.IsZero() {
			continue
		}
		c.r.PrognosisPath = append(c.r.PrognosisPath, PrognosisPoint{Code: e.Code, Name: e.Name, Month: m,
			Deviation: c.prognosisDeviation(rows)})
	}
	cur := PrognosisPoint{Code: c.r.Period.Code, Name: c.r.Period.Name,
		Month: c.month, Deviation: c.r.Economy.PrognosisBudgetDeviation, Current: true}
	if c.r.Period.Kind == period.Annual {
		// The path ends with what the year came to (SPEC 12.1).
		cur.Name, cur.Outcome = fmt.Sprintf("Utfall %d", c.month.Year), true
	}
	c.r.PrognosisPath = append(c.r.PrognosisPath, cur)
}

// prognosisDeviation is Årsprognos netto − Årsbudget netto for a prognosis,
// by the rule table 4 uses: a line the prognosis lacks stands at its
// budget (deviation 0), and only table 4's lines count. The funding line
// deviates by 0 and is left out.
func (c *computation) prognosisDeviation(rows map[string]Prognosis) money.Amount {
	budget := map[string]money.Amount{}
	for _, b := range c.in.Budget {
		if _, dup := budget[b.Line]; !dup {
			budget[b.Line] = b.Annual
		}
	}
	var d money.Amount
	for _, line := range c.lineOrder(nil) {
		if p, ok := rows[line]; ok {
			d += p.Annual - budget[line]
		}
	}
	return d
}

// assessmentAt is a goal's assessment at month m: the one of m, else the
// latest earlier one of the same year (nil if none).
func (c *computation) assessmentAt(nr string, m period.Month) *Assessment {
	var best *Assessment
	for i := range c.in.Assessments {
		a := &c.in.Assessments[i]
		if a.Nr != nr || a.Month.Year != m.Year || a.Month.After(m) {
			continue
		}
		if best == nil || !a.Month.Before(best.Month) {
			best = a
		}
	}
	return best
}

// assessedBefore is the goal's assessment in the latest earlier report of
// the year that assessed it (SPEC 12.5): the latest assessment before the
// report month whose level is not NotAssessed; nil if none.
func (c *computation) assessedBefore(nr string) *Assessment {
	var best *Assessment
	for i := range c.in.Assessments {
		a := &c.in.Assessments[i]
		if a.Nr != nr || a.Month.Year != c.month.Year || !a.Month.Before(c.month) || a.Level == NotAssessed {
			continue
		}
		if best == nil || !a.Month.Before(best.Month) {
			best = a
		}
	}
	return best
}

// reportName names the report of month m: the calendar's period ending
// then ("Uppföljningsrapport 1"), else the month ("mars 2026").
func (c *computation) reportName(m period.Month) string {
	for _, e := range c.in.Calendar {
		if e.LastMonth == m.Month {
			return e.Name
		}
	}
	return m.Swedish()
}

// levelRank orders the assessed levels; NotAssessed has no rank.
func levelRank(l Level) int {
	switch l {
	case Met:
		return 3
	case PartlyMet:
		return 2
	case NotMet:
		return 1
	}
	return 0
}

// levelChange compares a goal's level now with the previous report's by
// Met > PartlyMet > NotMet. A goal not assessed on one side cannot be said
// to have moved (ChangeNone); not assessed on both sides it stands still
// (ChangeSame).
func levelChange(prev, now Level) Change {
	rp, rn := levelRank(prev), levelRank(now)
	switch {
	case rp == 0 && rn == 0:
		return ChangeSame
	case rp == 0 || rn == 0:
		return ChangeNone
	case rn > rp:
		return ChangeBetter
	case rn < rp:
		return ChangeWorse
	}
	return ChangeSame
}

// texts gives the report the controllers' texts of its own month: an
// earlier period's text is never carried into a later report. Two rows of
// one section are joined as paragraphs, in sheet order.
func (c *computation) texts() {
	for _, t := range c.in.Texts {
		body := strings.TrimSpace(t.Text)
		if t.Month != c.month || body == "" {
			continue
		}
		if c.r.Texts == nil {
			c.r.Texts = map[TextSection]string{}
		}
		if prev := c.r.Texts[t.Section]; prev != "" {
			body = prev + "\n\n" + body
		}
		c.r.Texts[t.Section] = body
	}
}

// planFollowUp follows up the plan's other parts in full reports and the
// annual report: per (Del, Aktivitet), in sheet order, the assessment of
// the report month, else the latest earlier one of the year, as for goals.
// An item assessed only later in the year is shown as not assessed.
func (c *computation) planFollowUp() {
	if !c.r.Period.Kind.IsFull() {
		return
	}
	type key struct{ part, activity string }
	idx := map[key]int{}
	for _, p := range c.in.PlanItems {
		if p.Month.Year != c.month.Year {
			continue
		}
		k := key{p.Part, p.Activity}
		i, seen := idx[k]
		if !seen {
			i = len(c.r.PlanFollowUp)
			idx[k] = i
			c.r.PlanFollowUp = append(c.r.PlanFollowUp, PlanItemResult{Part: p.Part, Activity: p.Activity})
		}
		res := &c.r.PlanFollowUp[i]
		if p.Month.After(c.month) || p.Month.Before(res.Assessed) {
			continue
		}
		res.Level, res.Analysis, res.Assessed = p.Level, p.Analysis, p.Month
	}
}

// textWarnings are SPEC 7.2's warnings on missing texts: a full report
// without a summary, and a negative deviation without actions.
func (c *computation) textWarnings() {
	r := c.r
	has := func(s TextSection) bool { _, ok := r.Texts[s]; return ok }
	place := c.textsPlace()
	if r.Period.Kind.IsFull() && !has(TextSummary) {
		c.probs.Add(sheetProblem(place, SheetTexts, problem.Problem{Severity: problem.Warning, Value: string(r.Period.Code),
			Message: fmt.Sprintf("%s saknar text i avsnittet %s", r.Period.Name, TextSummary),
			Hint:    fmt.Sprintf("Skriv en sammanfattning för %s i bladet %s", r.Period.Code, SheetTexts)}))
	}
	e := r.Economy
	if negative := negativeDeviations(r.Period.Kind, e.AccumulatedBudgetDeviation, e.PrognosisBudgetDeviation); negative != "" && !has(TextActions) {
		c.probs.Add(sheetProblem(place, SheetTexts, problem.Problem{Severity: problem.Warning, Value: string(r.Period.Code),
			Message: fmt.Sprintf("%s men %s saknar text i avsnittet %s", negative, r.Period.Name, TextActions),
			Hint:    fmt.Sprintf("Beskriv åtgärderna för %s i bladet %s", r.Period.Code, SheetTexts)}))
	}
}

// negativeDeviations names what is negative of table 3's Ackumulerad
// budgetavvikelse and Prognos budgetavvikelse, each with its figure, so
// that the warning never quotes a deviation that is not negative: "prognos
// budgetavvikelse är negativ (−3 999 999,90 kr)". Empty when neither is.
// The annual report has no prognosis: its prognosis deviation is the
// year's outcome against the annual budget, and when the two deviations
// agree to the öre it is named once.
func negativeDeviations(k period.Kind, acc, prog money.Amount) string {
	progLabel := "prognos budgetavvikelse"
	if k == period.Annual {
		if acc == prog {
			if acc < 0 {
				return fmt.Sprintf("budgetavvikelsen för helåret är negativ (%s kr)", acc.FormatKr())
			}
			return ""
		}
		progLabel = "budgetavvikelsen för helåret"
	}
	switch {
	case acc < 0 && prog < 0:
		return fmt.Sprintf("ackumulerad budgetavvikelse (%s kr) och %s (%s kr) är negativa", acc.FormatKr(), progLabel, prog.FormatKr())
	case acc < 0:
		return fmt.Sprintf("ackumulerad budgetavvikelse är negativ (%s kr)", acc.FormatKr())
	case prog < 0:
		return fmt.Sprintf("%s är negativ (%s kr)", progLabel, prog.FormatKr())
	}
	return ""
}

// materiality is Väsentlighet: the setting, else the default.
func materiality(s Settings) money.Amount {
	if s.Materiality != nil {
		return *s.Materiality
	}
	return DefaultMateriality
}

// isSjukfranvaro tells the indicator whose default measure is the mean.
func isSjukfranvaro(name string) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(name)), "sjukfrånvaro")
}

// measureOf resolves MeasureDefault (SPEC 7.4).
func measureOf(def IndicatorDef) Measure {
	if def.Measure != MeasureDefault {
		return def.Measure
	}
	if isSjukfranvaro(def.Name) {
		return MeasureMean
	}
	return MeasureLatest
}

// roundValue drops the float noise of a mean (5,6 + 4,0 is not exactly
// 9,6) so that a mean equal to a target compares equal.
func roundValue(v float64) float64 { return math.Round(v*1e9) / 1e9 }

// measured is Värde by a measure over months first…last of one year, from
// the values present: the mean of those present, or the latest. It
// returns the value, the month of the latest value used and the label of
// what the value covers.
func measured(byMonth map[period.Month]float64, year int, first, last time.Month, m Measure) (*float64, period.Month, string) {
	var sum float64
	var n int
	var from, to period.Month
	for mo := first; mo <= last; mo++ {
		cur := period.Month{Year: year, Month: mo}
		v, ok := byMonth[cur]
		if !ok {
			continue
		}
		if from.IsZero() {
			from = cur
		}
		to = cur
		sum += v
		n++
	}
	if n == 0 {
		return nil, period.Month{}, ""
	}
	if m == MeasureLatest {
		v := byMonth[to]
		return &v, to, period.MonthName(to.Month)
	}
	v := roundValue(sum / float64(n))
	label := period.ShortMonthName(from.Month)
	if from != to {
		label += "–" + period.ShortMonthName(to.Month)
	}
	return &v, to, label
}

// indicatorGrade is table 2's Status (SPEC 7.4): against the target if
// there is one, else against the reference; a value equal to the target
// reaches it, and one equal to the reference is "I nivå med
// referensvärdet" (SPEC 12.5).
//
// Value and yardstick are compared as the tables show them, rounded to
// IndicatorDecimals: a mean of 5,0333 shown "5,0" reaches a target of 5,0.
func indicatorGrade(res IndicatorResult) IndicatorGrade {
	if res.Value == nil {
		return GradeNoValue
	}
	value := money.Round(*res.Value, IndicatorDecimals)
	atLeast := func(goal float64) bool {
		goal = money.Round(goal, IndicatorDecimals)
		if res.LowerIsBetter {
			return value <= goal
		}
		return value >= goal
	}
	switch {
	case res.Target != nil && atLeast(*res.Target):
		return GradeTargetMet
	case res.Target != nil:
		return GradeTargetNotMet
	case res.Reference != nil && value == money.Round(*res.Reference, IndicatorDecimals):
		return GradeAtRef
	case res.Reference != nil && atLeast(*res.Reference):
		return GradeBetterThanRef
	case res.Reference != nil:
		return GradeWorseThanRef
	}
	return GradeNone
}

// gradeLevel is the indicator's Level (and so its Status word), kept
// consistent with Grade for the layouts that still read it: a reached
// target or a better-than-reference value is Met.
func gradeLevel(g IndicatorGrade) Level {
	switch g {
	case GradeTargetMet, GradeBetterThanRef, GradeAtRef:
		return Met
	case GradeTargetNotMet, GradeWorseThanRef:
		return NotMet
	}
	return NotAssessed
}

// indicatorTrend compares Värde with last year's, honouring LowerIsBetter.
func indicatorTrend(res IndicatorResult) Change {
	if res.Value == nil || res.PriorYear == nil {
		return ChangeNone
	}
	now, before := roundValue(*res.Value), roundValue(*res.PriorYear)
	switch {
	case now == before:
		return ChangeSame
	case (now < before) == res.LowerIsBetter:
		return ChangeBetter
	}
	return ChangeWorse
}
