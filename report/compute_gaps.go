package report

import (
	"fmt"
	"strings"
	"unicode"

	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// This file holds SPEC 12.3's board edition that stands on its own: every
// red figure or failed goal has its explanation or a gap the board's
// edition states, and a warning naming the sheet and period to fill; and
// SPEC 12.1's annual report whose controllers' texts speak of the outcome.

// gaps finds what the controllers left unexplained. It runs after texts,
// goals, indicators, investments and the plan follow-up; investments over
// their decided total add their gaps in investmentRow, where their row is
// known, and come first.
func (c *computation) gaps() {
	r := c.r
	has := func(s TextSection) bool { return strings.TrimSpace(r.Texts[s]) != "" }
	code := string(r.Period.Code)
	place := c.textsPlace()
	textWarning := func(msg, hint string) {
		c.probs.Add(sheetProblem(place, SheetTexts, problem.Problem{Severity: problem.Warning, Value: code, Message: msg, Hint: hint}))
	}
	full := r.Period.Kind.IsFull()
	var gaps []Gap

	// The warnings of a missing summary and missing actions are SPEC 7.2's
	// (textWarnings); the gaps here are what the board reads.
	if full && !has(TextSummary) {
		gaps = append(gaps, Gap{Kind: GapSummary, Section: TextSummary})
	}
	if (r.Period.Kind == period.Annual || r.Period.Code == "UR2") && !has(TextEvents) {
		gaps = append(gaps, Gap{Kind: GapEvents, Section: TextEvents})
		textWarning(fmt.Sprintf("%s saknar text i avsnittet %s; styrelsens utgåva skriver att väsentliga händelser inte har redovisats", r.Period.Name, TextEvents),
			fmt.Sprintf("Skriv periodens väsentliga händelser för %s i bladet %s", code, SheetTexts))
	}
	if !has(TextActions) {
		acc, prog := r.Economy.AccumulatedBudgetDeviation, r.Economy.PrognosisBudgetDeviation
		if r.Period.Kind == period.Annual {
			// The year's outcome is both: it is named once.
			if acc >= 0 {
				acc = prog
			}
			prog = 0
		}
		g := Gap{Kind: GapActions, Section: TextActions}
		if c.beyond(acc) {
			g.Deviation = acc
		}
		if c.beyond(prog) && !r.Operating.PrognosisIsBudget {
			g.PrognosisDeviation = prog
		}
		if g.Deviation != 0 || g.PrognosisDeviation != 0 {
			gaps = append(gaps, g)
		}
	}
	if !has(TextEconomy) {
		// A line's red figure is explained by its Kommentar in Prognos or
		// by the Ekonomi text; without either the board reads so.
		var named []string
		for _, l := range r.Operating.Lines {
			if l.Funding || strings.TrimSpace(l.Comment) != "" {
				continue
			}
			g := Gap{Kind: GapLine, Section: TextEconomy, Subject: l.Line}
			if c.beyond(l.DeviationAcc) {
				g.Deviation = l.DeviationAcc
			}
			if c.beyond(l.PrognosisDeviation) && r.Period.Kind != period.Annual && !r.Operating.PrognosisIsBudget {
				g.PrognosisDeviation = l.PrognosisDeviation
			}
			if g.Deviation != 0 || g.PrognosisDeviation != 0 {
				gaps = append(gaps, g)
				named = append(named, l.Line)
			}
		}
		if len(named) > 0 {
			textWarning(fmt.Sprintf("%s avviker negativt från budget med minst väsentlighetsgränsen, men raden saknar Kommentar i bladet %s och %s saknar text i avsnittet %s; styrelsens utgåva skriver att förklaringen inte har redovisats",
				joinSwedish(named), SheetPrognosis, r.Period.Name, TextEconomy),
				fmt.Sprintf("Förklara avvikelsen i kolumnen Kommentar i bladet %s eller i en text för %s i bladet %s", SheetPrognosis, code, SheetTexts))
		}
	}
	if !has(TextEmployees) {
		var off []string
		for _, in := range r.Indicators {
			if in.Grade.Off() {
				gaps = append(gaps, Gap{Kind: GapIndicator, Section: TextEmployees, Subject: in.Name})
				off = append(off, in.Name+" ("+strings.ToLower(in.Grade.Word())+")")
			}
		}
		if len(off) > 0 {
			textWarning(fmt.Sprintf("%s men %s saknar text i avsnittet %s; styrelsens utgåva skriver att analysen inte har redovisats",
				joinSwedish(off), r.Period.Name, TextEmployees),
				fmt.Sprintf("Skriv en analys av indikatorerna för %s i bladet %s", code, SheetTexts))
		}
	}
	for _, g := range r.Goals {
		if g.BoardGoal == "" || strings.TrimSpace(g.Analysis) != "" {
			continue
		}
		// A deviation report shows only the goals not met.
		if g.Level != NotMet && (g.Level != PartlyMet || !full) {
			continue
		}
		gaps = append(gaps, Gap{Kind: GapGoal, Subject: g.Nr})
		p := problem.Problem{Severity: problem.Warning, Value: g.Nr,
			Message: fmt.Sprintf("målet %q har bedömningen %s för %s men ingen analys; styrelsens utgåva skriver att analysen inte har redovisats",
				shorten(g.BoardGoal), g.Level.AssessmentWord(r.Period.Kind), code),
			Hint: fmt.Sprintf("Skriv analysen i kolumnen Analys i bladet %s för %s", SheetAssess, code)}
		if a := c.assessmentAt(g.Nr, c.month); a != nil {
			p = cellProblem(a.Place, p)
		} else {
			p = sheetProblem(Place{}, SheetAssess, p)
		}
		c.probs.Add(p)
	}
	if full && c.planFollowUpMissing() {
		gaps = append(gaps, Gap{Kind: GapPlanFollowUp})
		var places []Place
		for _, p := range c.in.PlanItems {
			places = append(places, p.Place)
		}
		c.probs.Add(sheetProblem(firstPlace(places), SheetPlan, problem.Problem{Severity: problem.Warning, Value: code,
			Message: fmt.Sprintf("%s har inga rader i bladet %s, fast tidigare perioder i år har det; styrelsens utgåva visar de tidigare bedömningarna och skriver att uppföljningen inte har redovisats",
				r.Period.Name, SheetPlan),
			Hint: fmt.Sprintf("Lägg in periodens bedömningar för %s i bladet %s", code, SheetPlan)}))
	}
	r.Gaps = append(r.Gaps, gaps...)
}

// beyond reports whether a deviation is negative by at least Väsentlighet
// and shows as negative in the tables: a red figure the board must see
// explained.
func (c *computation) beyond(a money.Amount) bool {
	return a < 0 && a.TenthsOfMnkr() < 0 && -a >= c.r.Materiality
}

// planFollowUpMissing reports a report month without Planuppföljning rows
// where earlier months of the year have them.
func (c *computation) planFollowUpMissing() bool {
	earlier, now := false, false
	for _, p := range c.in.PlanItems {
		switch {
		case p.Month == c.month:
			now = true
		case p.Month.Year == c.month.Year && p.Month.Before(c.month):
			earlier = true
		}
	}
	return earlier && !now
}

// investmentGap is SPEC 12.3's gap for an investment whose forecast total
// exceeds its decided total without a comment of the report's period.
//
// An investment over the year's budget by at least Väsentlighet is a red
// figure of table 5 too: without a comment of the period it is a gap of
// the same kind, with PrognosisDeviation the year's (negative) deviation.
func (c *computation) investmentGap(src Investment, row InvestmentRow) {
	if row.Comment != "" && (row.CommentMonth.IsZero() || !row.CommentMonth.Before(c.month)) {
		return
	}
	hint := fmt.Sprintf("Lägg in en rad för %s i bladet %s med en kommentar som förklarar överskridandet", c.r.Period.Code, SheetInvest)
	if row.TotalOverrun != nil {
		c.r.Gaps = append(c.r.Gaps, Gap{Kind: GapInvestment, Subject: row.Name, Deviation: *row.TotalOverrun})
		c.probs.Add(cellProblem(src.Place, problem.Problem{Severity: problem.Warning, Value: row.Name,
			Message: fmt.Sprintf("Prognos total överskrider Total budget med %s kr men investeringen saknar kommentar för %s; styrelsens utgåva skriver att förklaringen inte har redovisats",
				row.TotalOverrun.FormatKr(), c.r.Period.Code),
			Hint: hint}))
		return
	}
	if row.Deviation != nil && c.beyond(*row.Deviation) {
		c.r.Gaps = append(c.r.Gaps, Gap{Kind: GapInvestment, Subject: row.Name, PrognosisDeviation: *row.Deviation})
		c.probs.Add(cellProblem(src.Place, problem.Problem{Severity: problem.Warning, Value: row.Name,
			Message: fmt.Sprintf("investeringen överskrider årets budget med %s kr men saknar kommentar för %s; styrelsens utgåva skriver att förklaringen inte har redovisats",
				(-*row.Deviation).FormatKr(), c.r.Period.Code),
			Hint: hint}))
	}
}

// cellProblem points p at the cell of place, or its row when the column is
// unknown.
func cellProblem(place Place, p problem.Problem) problem.Problem {
	p = rowProblem(place, p)
	if place.Col > 0 && place.Row > 0 {
		p.Cell = problem.CellName(place.Col, place.Row)
	}
	return p
}

// annualTenses warns of a controller's text of the annual report that
// speaks of the future or a forecast (SPEC 12.1), naming its cell: the
// year is over, and the board reads what it came to.
func (c *computation) annualTenses() {
	if c.r.Period.Kind != period.Annual {
		return
	}
	check := func(text string, place Place) {
		w := ForecastWord(text)
		if w == "" {
			return
		}
		c.probs.Add(cellProblem(place, problem.Problem{Severity: problem.Warning, Value: w,
			Message: fmt.Sprintf("texten för %s talar om framtiden eller en prognos, men årsredovisningen redovisar årets utfall", c.r.Period.Code),
			Hint:    "Skriv vad som blev: \"målet är uppfyllt\", \"utfallet blev\", inte \"bedöms\", \"väntas\" eller \"kommer att\""}))
	}
	for _, t := range c.in.Texts {
		if t.Month == c.month {
			check(t.Text, t.Place)
		}
	}
	for _, a := range c.in.Assessments {
		if a.Month == c.month {
			check(a.Analysis, a.Place)
		}
	}
	for _, p := range c.in.PlanItems {
		if p.Month == c.month {
			check(p.Analysis, p.Place)
		}
	}
	for _, in := range c.in.Investments {
		if in.Month == c.month {
			check(in.Comment, in.Place)
		}
	}
}

// ForecastWord is the first word of text that speaks of the future or of a
// forecast — "bedöms", a word beginning with "prognos", "väntas", "kommer
// att" — as it stands in the text; empty when there is none. The annual
// report's texts and sentences have none (SPEC 12.1).
func ForecastWord(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	for i, w := range words {
		l := strings.ToLower(w)
		switch {
		case l == "bedöms" || l == "väntas" || strings.HasPrefix(l, "prognos"):
			return w
		case l == "kommer" && i+1 < len(words) && strings.ToLower(words[i+1]) == "att":
			return w + " " + words[i+1]
		}
	}
	return ""
}
