package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// prognosisAt picks the prognosis made at month m, else the latest earlier
// one of the same year, and returns its rows per line with its month (zero
// when there is none). Only the report's own prognosis (own) reports a line
// given twice; the prognosis path reads earlier ones quietly.
func (c *computation) prognosisAt(m period.Month, own bool) (map[string]Prognosis, period.Month) {
	var best period.Month
	for _, p := range c.in.Prognoses {
		if p.Month.Year == m.Year && !p.Month.After(m) && (best.IsZero() || p.Month.After(best)) {
			best = p.Month
		}
	}
	if best.IsZero() {
		return nil, best
	}
	lines := map[string]Prognosis{}
	for _, p := range c.in.Prognoses {
		if p.Month != best {
			continue
		}
		if _, dup := lines[p.Line]; dup {
			if own {
				c.probs.Add(problem.Problem{Severity: problem.Error, File: p.Place.File, Sheet: p.Place.Sheet,
					Row: p.Place.Row, Cell: rowRef(p.Place.Row), Value: p.Line,
					Message: fmt.Sprintf("prognosen för %s har raden två gånger", best.Swedish()),
					Hint:    "Ta bort den ena raden så att prognosen inte räknas dubbelt"})
			}
			continue
		}
		lines[p.Line] = p
	}
	return lines, best
}

// investmentGroupOrder is the plan's order of table 5's groups; other
// groups follow in the order they first appear.
var investmentGroupOrder = []string{"Redan beslutade investeringar", "Reinvesteringar"}

// investments computes table 5. Each investment is reported from its row of
// the report month, else its latest earlier row; rows without a period
// apply to every report.
func (c *computation) investments() {
	year, inv := c.month.Year, &c.r.Investment
	type key struct{ group, name string }
	chosen := map[key]Investment{}
	var order []key
	years := map[int]bool{}
	for _, in := range c.in.Investments {
		for y := range in.PlanYears {
			years[y] = true
		}
		if !in.Month.IsZero() && in.Month.After(c.month) {
			continue
		}
		k := key{in.Group, in.Name}
		prev, seen := chosen[k]
		if !seen {
			order = append(order, k)
		}
		if !seen || prev.Month.Before(in.Month) || prev.Month == in.Month {
			chosen[k] = in
		}
	}
	for y := range years {
		inv.Years = append(inv.Years, y)
	}
	if len(inv.Years) == 0 {
		inv.Years = []int{year, year + 1, year + 2}
	}
	slices.Sort(inv.Years)

	groups := map[string]*InvestmentGroup{}
	groupNames := slices.Clone(investmentGroupOrder)
	for _, k := range order {
		if !slices.Contains(groupNames, k.group) {
			groupNames = append(groupNames, k.group)
		}
	}
	for _, k := range order {
		src := chosen[k]
		row := c.investmentRow(src, inv.Years)
		g := groups[k.group]
		if g == nil {
			g = &InvestmentGroup{Name: k.group}
			groups[k.group] = g
		}
		g.Rows = append(g.Rows, row)
	}
	inv.Total = InvestmentRow{Name: "Summa investeringar", PlanYears: make([]money.Amount, len(inv.Years))}
	for _, name := range groupNames {
		g := groups[name]
		if g == nil {
			continue
		}
		g.Sum = sumInvestments("Summa "+strings.ToLower(g.Name), g.Rows, len(inv.Years))
		inv.Groups = append(inv.Groups, *g)
	}
	var sums []InvestmentRow
	for _, g := range inv.Groups {
		sums = append(sums, g.Sum)
	}
	inv.Total = sumInvestments("Summa investeringar", sums, len(inv.Years))
}

func (c *computation) investmentRow(src Investment, years []int) InvestmentRow {
	row := InvestmentRow{Name: src.Name, Project: src.Project, TotalBudget: src.TotalBudget,
		PlanYears: make([]money.Amount, len(years)), Comment: strings.TrimSpace(src.Comment),
		PriorYearsSpent: src.PriorYearsSpent, PrognosisTotal: src.PrognosisTotal, CommentMonth: src.Month}
	for i, y := range years {
		row.PlanYears[i] = src.PlanYears[y]
	}
	place := func(msg, hint string) problem.Problem {
		return rowProblem(src.Place, problem.Problem{Severity: problem.Warning, Value: src.Name, Message: msg, Hint: hint})
	}
	if row.Comment != "" && !src.Month.IsZero() && src.Month.Before(c.month) {
		// The report shows the comment's period beside it (SPEC 7.2).
		c.probs.Add(place(fmt.Sprintf("kommentaren är från %s, en tidigare period än rapportens (%s)",
			src.Month.Swedish(), c.month.Swedish()), "Lägg in en rad för perioden med en aktuell kommentar"))
	}
	row.Spent = src.Spent
	if l := c.in.Ledger; l != nil && l.HasProject && src.Project != "" {
		spent := c.sums.projects[src.Project]
		row.Spent, row.SpentFromLedger = &spent, true
		// An entered figure is as of its own period: compare it only in
		// that period's report.
		if src.Spent != nil && *src.Spent != spent && (src.Month.IsZero() || src.Month == c.month) {
			c.probs.Add(place(fmt.Sprintf("angiven ackumulerad förbrukning %s kr skiljer sig från huvudboken (%s kr för projekt %s); huvudbokens belopp används",
				src.Spent.FormatKr(), spent.FormatKr(), src.Project), "Stäm av förbrukningen mot huvudboken"))
		}
	}
	// underlag.Read already warns about a row without spend, prognosis or
	// comment, at its cell; what only the ledger can tell is said here.
	if row.Spent == nil && src.Project != "" {
		c.probs.Add(place(fmt.Sprintf("ackumulerad förbrukning saknas och huvudboken har ingen projektkolumn att hämta den från (projekt %s)", src.Project),
			"Fyll i Ackumulerad förbrukning eller exportera huvudboken med projekt"))
	}
	row.Prognosis = src.Prognosis
	if c.r.Period.Kind == period.Annual && row.Spent != nil {
		row.Prognosis = row.Spent // the year is over: the outcome is the prognosis
	}
	if row.PrognosisTotal != nil {
		if over := *row.PrognosisTotal - row.TotalBudget; over > c.r.Materiality && over.TenthsOfMnkr() > 0 {
			row.TotalOverrun = &over
		}
	}
	budget, hasBudget := src.PlanYears[c.month.Year]
	switch {
	case !hasBudget:
		// An absent budget is not a zero budget: no deviation is made up.
		c.probs.Add(place(fmt.Sprintf("budget för %d saknas, så avvikelsen mot budget kan inte räknas", c.month.Year),
			fmt.Sprintf("Fyll i kolumnen %d", c.month.Year)))
	case row.Prognosis != nil:
		d := budget - *row.Prognosis
		row.Deviation = &d
	}
	c.investmentGap(src, row)
	return row
}

func sumInvestments(name string, rows []InvestmentRow, nYears int) InvestmentRow {
	s := InvestmentRow{Name: name, PlanYears: make([]money.Amount, nYears)}
	for _, r := range rows {
		s.TotalBudget += r.TotalBudget
		for i := range s.PlanYears {
			s.PlanYears[i] += r.PlanYears[i]
		}
		s.Spent = addOpt(s.Spent, r.Spent)
		s.Prognosis = addOpt(s.Prognosis, r.Prognosis)
		s.Deviation = addOpt(s.Deviation, r.Deviation)
	}
	return s
}

// addOpt adds b to a, where an absent figure stays absent only if both are.
func addOpt(a, b *money.Amount) *money.Amount {
	if b == nil {
		return a
	}
	v := *b
	if a != nil {
		v += *a
	}
	return &v
}

// economy computes table 3 from tables 4 and 5.
func (c *computation) economy() {
	r := c.r
	net := r.Operating.Net
	r.Economy = Economy{
		PeriodResult:               net.OutcomeAcc,
		AccumulatedBudgetDeviation: net.OutcomeAcc - net.BudgetAcc,
		PrognosisBudgetDeviation:   net.Prognosis - net.AnnualBudget,
	}
	if r.Investment.Total.Deviation != nil {
		r.Economy.InvestmentPrognosisDeviation = *r.Investment.Total.Deviation
	}
}

// goals pairs each goal with its assessment: the one of the report month,
// else the latest earlier one of the year; words it for the kind of report
// (SPEC 7.1) whatever synonym the input used; and compares it with the
// level the previous report used (SPEC 7.3). Goals keep the input's Nr.
func (c *computation) goals() {
	r := c.r
	var places []Place
	for _, a := range c.in.Assessments {
		places = append(places, a.Place)
	}
	sheet := firstPlace(places)
	for _, g := range c.in.Goals {
		res := GoalResult{Goal: g}
		best := c.assessmentAt(g.Nr, c.month)
		if best != nil {
			res.Level, res.Analysis, res.Assessed = best.Level, best.Analysis, best.Month
		}
		res.Word = res.Level.AssessmentWord(r.Period.Kind)
		if r.Previous != nil {
			// SPEC 12.5: against the latest earlier report of the year
			// that assessed the goal, not one that left it out.
			switch a := c.assessedBefore(g.Nr); {
			case a != nil:
				prev := a.Level
				res.Previous, res.Change, res.PreviousFrom = &prev, levelChange(prev, res.Level), c.reportName(a.Month)
			case res.Level != NotAssessed && g.BoardGoal != "":
				res.FirstAssessed = true // no change: there was nothing to change from
			default:
				prev := NotAssessed
				res.Previous, res.Change = &prev, ChangeSame
			}
		}
		if g.BoardGoal != "" {
			r.GoalCounts[res.Level]++
			if r.Period.Kind.IsFull() {
				switch {
				case best == nil || best.Level == NotAssessed:
					c.probs.Add(sheetProblem(sheet, SheetAssess, problem.Problem{Severity: problem.Warning, Value: g.Nr,
						Message: fmt.Sprintf("målet %q saknar bedömning för %s", shorten(g.BoardGoal), c.r.Period.Code),
						Hint:    "Lägg in en bedömning med analys i bladet " + SheetAssess}))
				case best.Month != c.month:
					c.probs.Add(rowProblem(best.Place, problem.Problem{Severity: problem.Warning, Value: g.Nr,
						Message: fmt.Sprintf("målet %q har ingen bedömning för %s; bedömningen från %s används",
							shorten(g.BoardGoal), c.r.Period.Code, best.Month.Swedish()),
						Hint: "Lägg in en bedömning för perioden"}))
				}
			}
		}
		r.Goals = append(r.Goals, res)
	}
}

func shorten(s string) string {
	r := []rune(s)
	if len(r) > 50 {
		return string(r[:50]) + "…"
	}
	return s
}

// indicators computes table 2: each indicator's Värde by its measure
// (SPEC 7.4) over January…report month, the same measure over the same
// months a year before, its grade against target or reference and its
// trend against last year.
func (c *computation) indicators() {
	year := c.month.Year
	for _, def := range c.in.IndicatorDefs {
		res := IndicatorResult{IndicatorDef: def}
		byMonth := map[period.Month]float64{}
		for _, v := range c.in.IndicatorValue {
			if strings.EqualFold(strings.TrimSpace(v.Name), strings.TrimSpace(def.Name)) {
				byMonth[v.Month] = v.Value
			}
		}
		for mo := 1; mo <= 12; mo++ {
			cur := period.Month{Year: year, Month: time.Month(mo)}
			if v, ok := byMonth[cur]; ok && mo <= int(c.month.Month) {
				res.Series = append(res.Series, IndicatorPoint{cur, v})
			}
			prev := period.Month{Year: year - 1, Month: time.Month(mo)}
			if v, ok := byMonth[prev]; ok {
				res.Prior = append(res.Prior, IndicatorPoint{prev, v})
			}
		}
		measure := measureOf(def)
		res.Value, res.ValueAt, res.ValueLabel = measured(byMonth, year, time.January, c.month.Month, measure)
		if res.Value != nil {
			// Last year by the same measure: the mean over January…the
			// same month, or the value of the same month.
			first := time.January
			if measure == MeasureLatest {
				first = res.ValueAt.Month
			}
			res.PriorYear, _, _ = measured(byMonth, year-1, first, res.ValueAt.Month, measure)
		}
		res.Grade = indicatorGrade(res)
		res.Level, res.OffTarget = gradeLevel(res.Grade), res.Grade.Off()
		res.Status = res.Level.Word()
		res.Trend = indicatorTrend(res)
		c.r.Indicators = append(c.r.Indicators, res)
		c.indicatorGaps(def, measure, byMonth)
	}
}

// indicatorGaps warns of the months an indicator's Värde lacks: a mean
// over fewer months than January…report month, or a latest value from an
// earlier month than the report's. The board would otherwise read a
// figure over other months than the period's without a word. An indicator
// without any value this year has an empty Värde, which shows itself.
func (c *computation) indicatorGaps(def IndicatorDef, measure Measure, byMonth map[period.Month]float64) {
	year, last := c.month.Year, c.month.Month
	var missing []string
	found, latest := 0, time.Month(0)
	for mo := time.January; mo <= last; mo++ {
		if _, ok := byMonth[period.Month{Year: year, Month: mo}]; ok {
			found++
			latest = mo
		} else if measure == MeasureMean || mo == last {
			missing = append(missing, period.MonthName(mo))
		}
	}
	if found == 0 || len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("%s saknar värde för %s %d", def.Name, joinSwedish(missing), year)
	if measure == MeasureMean {
		msg += fmt.Sprintf(": Värde är medelvärdet av %d månader i stället för %d", found, int(last))
	} else {
		msg += fmt.Sprintf(": Värde är det senaste, från %s", period.MonthName(latest))
	}
	var places []Place
	for _, v := range c.in.IndicatorValue {
		if strings.EqualFold(strings.TrimSpace(v.Name), strings.TrimSpace(def.Name)) {
			places = append(places, v.Place)
		}
	}
	c.probs.Add(sheetProblem(firstPlace(places), SheetIndValues, problem.Problem{Severity: problem.Warning, Value: def.Name,
		Message: msg, Hint: fmt.Sprintf("Skriv de saknade månadernas värden i bladet %s, om de finns", SheetIndValues)}))
}

// joinSwedish lists words as Swedish does: "februari, mars och april".
func joinSwedish(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " och " + words[len(words)-1]
}

// deviations collects what a deviation report lists as other deviations.
func (c *computation) deviations() {
	r := c.r
	for _, g := range r.Goals {
		if g.Level == NotMet {
			r.Deviations.Goals = append(r.Deviations.Goals, g)
		}
	}
	for _, g := range r.Investment.Groups {
		for _, row := range g.Rows {
			// Money below Väsentlighet is left out; goals and
			// indicators are not money and are always listed.
			// An investment over its decided total is a deviation
			// whatever the year's spend (SPEC 12.4).
			if row.TotalOverrun != nil || row.Deviation != nil && *row.Deviation != 0 && abs(*row.Deviation) >= r.Materiality {
				r.Deviations.Investments = append(r.Deviations.Investments, row)
			}
		}
	}
	for _, ind := range r.Indicators {
		if ind.OffTarget {
			r.Deviations.Indicators = append(r.Deviations.Indicators, ind)
		}
	}
}

func abs(a money.Amount) money.Amount {
	if a < 0 {
		return -a
	}
	return a
}
