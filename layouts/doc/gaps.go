package doc

import (
	"fmt"
	"strings"

	"rapport/report"
)

// The board's edition stands on its own (SPEC 12.3): where a red figure or
// a failed goal has no explanation from the controllers, the document says
// so in one marked sentence with "har inte redovisats", where the
// explanation would have stood.

// GapPhrase is the words every such sentence carries, so that a reader (and
// a test) finds them.
const GapPhrase = "har inte redovisats"

// gapsOf are the report's gaps whose explanation is a text of section s.
func (b *builder) gapsOf(s report.TextSection) []report.Gap {
	var out []report.Gap
	for _, g := range b.r.Gaps {
		if g.Section == s && s != "" {
			out = append(out, g)
		}
	}
	return out
}

// gapOf is the gap of kind k about subject, if the report has one.
func (b *builder) gapOf(k report.GapKind, subject string) (report.Gap, bool) {
	for _, g := range b.r.Gaps {
		if g.Kind == k && g.Subject == subject {
			return g, true
		}
	}
	return report.Gap{}, false
}

// gapSentences adds the marked sentence of each gap of section s.
func (b *builder) gapSentences(s report.TextSection) {
	for _, g := range b.gapsOf(s) {
		b.gapSentence(g)
	}
}

// gapSentence adds one gap's marked sentence.
func (b *builder) gapSentence(g report.Gap) {
	if s := b.gapText(g); s != "" {
		b.add(Paragraph{Style: Alert, Text: s})
	}
}

// gapText words a gap: what is missing, with "har inte redovisats", and
// what it would have explained.
func (b *builder) gapText(g report.Gap) string {
	switch g.Kind {
	case report.GapSummary:
		return "En skriftlig sammanfattning " + GapPhrase + " för perioden."
	case report.GapEvents:
		return "Väsentliga händelser " + GapPhrase + " för perioden."
	case report.GapActions:
		var what []string
		if g.Deviation != 0 {
			// As SPEC 12.3 words it: "Åtgärder har inte redovisats för
			// den negativa budgetavvikelsen på 10,3 mnkr."
			what = append(what, fmt.Sprintf("den negativa budgetavvikelsen på %s mnkr", (-g.Deviation).FormatMnkr()))
		}
		if g.PrognosisDeviation != 0 {
			what = append(what, fmt.Sprintf("den negativa prognosavvikelsen på %s mnkr för helåret", (-g.PrognosisDeviation).FormatMnkr()))
		}
		return "Åtgärder " + GapPhrase + " för " + joinSwedish(what) + "."
	case report.GapIndicator:
		for _, in := range b.r.Indicators {
			if in.Name == g.Subject {
				return fmt.Sprintf("En analys %s för %s, som %s.", GapPhrase, lowerFirst(in.Name), offPhrase(in))
			}
		}
	case report.GapGoal:
		for _, goal := range b.r.Goals {
			if goal.Nr == g.Subject {
				return fmt.Sprintf("En analys %s för bedömningen %s.", GapPhrase, goal.Level.AssessmentWord(b.kind))
			}
		}
	case report.GapLine:
		for _, l := range b.r.Operating.Lines {
			if l.Line != g.Subject {
				continue
			}
			// lineDeviation says "Personalkostnader kostar 0,7 mnkr mer
			// än budget för perioden."; the gap names the line first.
			if rest := strings.TrimSuffix(strings.TrimPrefix(b.lineDeviation(l), l.Line+" "), "."); rest != "" {
				return fmt.Sprintf("En förklaring %s för raden %s, som %s.", GapPhrase, l.Line, rest)
			}
			return fmt.Sprintf("En förklaring %s för avvikelsen på raden %s.", GapPhrase, l.Line)
		}
	case report.GapInvestment:
		if g.Deviation == 0 && g.PrognosisDeviation < 0 {
			// Over the year's budget, not the decided total.
			if b.annual() {
				return fmt.Sprintf("En kommentar %s för %s, som överskred årets budget med %s mnkr.", GapPhrase, g.Subject, (-g.PrognosisDeviation).FormatMnkr())
			}
			return fmt.Sprintf("En kommentar för perioden %s för %s, som väntas överskrida årets budget med %s mnkr.", GapPhrase, g.Subject, (-g.PrognosisDeviation).FormatMnkr())
		}
		total := "–"
		if row, ok := b.investmentNamed(g.Subject); ok {
			total = row.TotalBudget.FormatMnkr()
		}
		if b.annual() {
			return fmt.Sprintf("En kommentar %s för %s, vars beräknade totala kostnad är %s mnkr högre än den beslutade totalbudgeten %s mnkr.",
				GapPhrase, g.Subject, g.Deviation.FormatMnkr(), total)
		}
		return fmt.Sprintf("En kommentar för perioden %s för %s, som väntas kosta %s mnkr mer än den beslutade totalbudgeten %s mnkr.",
			GapPhrase, g.Subject, g.Deviation.FormatMnkr(), total)
	case report.GapPlanFollowUp:
		return "Uppföljningen av planens övriga delar " + GapPhrase + " för perioden; tabellen visar bedömningarna från tidigare rapporter i år."
	}
	return ""
}

// offPhrase is how an indicator misses: "inte når målvärdet", "är sämre
// än referensvärdet".
func offPhrase(in report.IndicatorResult) string {
	if in.Grade == report.GradeWorseThanRef {
		return "är sämre än referensvärdet"
	}
	return "inte når målvärdet"
}

// investmentNamed is the investment row of table 5 with the name.
func (b *builder) investmentNamed(name string) (report.InvestmentRow, bool) {
	for _, g := range b.r.Investment.Groups {
		for _, row := range g.Rows {
			if row.Name == name {
				return row, true
			}
		}
	}
	return report.InvestmentRow{}, false
}

// investmentGaps adds the marked sentence of each investment over its
// decided total without a comment of the period, under table 5 or the
// deviation report's investments.
func (b *builder) investmentGaps() {
	for _, g := range b.r.Gaps {
		if g.Kind == report.GapInvestment {
			b.gapSentence(g)
		}
	}
}

// noAnalysis is what a goal's or a plan item's section says without an
// analysis: the gap's marked sentence for a goal not or partly met, else a
// plain note.
func (b *builder) noAnalysis(nr string) {
	if g, ok := b.gapOf(report.GapGoal, nr); ok && nr != "" {
		b.gapSentence(g)
		return
	}
	b.text(Italic, "Ingen analys har lämnats för perioden.")
}

// overrunText words an investment over its decided total (SPEC 12.4):
// "FVIS väntas kosta 1,5 mnkr mer än den beslutade totalbudgeten 120,0
// mnkr." — in the annual report without a forecast verb.
func (b *builder) overrunText(inv report.InvestmentRow) string {
	if b.annual() {
		return fmt.Sprintf("Den beräknade totala kostnaden för %s är %s mnkr högre än den beslutade totalbudgeten %s mnkr.",
			inv.Name, inv.TotalOverrun.FormatMnkr(), inv.TotalBudget.FormatMnkr())
	}
	return fmt.Sprintf("%s väntas kosta %s mnkr mer än den beslutade totalbudgeten %s mnkr.",
		inv.Name, inv.TotalOverrun.FormatMnkr(), inv.TotalBudget.FormatMnkr())
}
