package doc

import (
	"fmt"
	"strconv"
	"strings"

	"rapport/layouts"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// summary opens a full report: the result in a few sentences, goal
// fulfilment in the period's words with the key to the symbols, what
// changed since the previous report, and the material deviations.
func (b *builder) summary() {
	r := b.r
	b.keyFigures()

	b.add(Heading{Level: 2, Text: "Sammanfattning av måluppfyllelse"})
	b.text(Body, "%s", b.goalCountSentence())
	total := 0
	for _, n := range r.GoalCounts {
		total += n
	}
	rows := []Row{}
	for _, l := range report.Levels {
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{
			{Text: l.AssessmentWord(b.kind), Level: levelPtr(l)},
			{Text: levelMeaning(l, b.kind)},
			{Value: countValue(r.GoalCounts[l])},
		}})
	}
	rows = append(rows, Row{Kind: Total, Cells: []Cell{{Text: "Summa mål"}, {}, {Value: countValue(total)}}, Adds: rowIndexes(len(rows))})
	b.add(Table{
		Caption: "Teckenförklaring och antal mål per bedömning",
		Columns: []Column{col("Bedömning", 3.2, Left), col("Betydelse", 6, Left), col("Antal mål", 1.6, Right)},
		Rows:    rows,
	})
	counts := make([]*float64, len(report.Levels))
	cats := make([]string, len(report.Levels))
	for i, l := range report.Levels {
		cats[i] = l.AssessmentWord(b.kind)
		counts[i] = floatPtr(float64(r.GoalCounts[l]))
	}
	b.add(Chart{Kind: StatusChart, Title: "Mål per bedömning", Unit: "antal mål",
		Categories: cats, Levels: append([]report.Level(nil), report.Levels...),
		Series: []Series{{Name: "Antal mål", Values: counts}}, Height: 40})

	if r.Previous != nil {
		b.add(Heading{Level: 2, Text: "Förändringar sedan " + r.Previous.Name})
		var items, first []string
		for _, g := range r.Goals {
			switch {
			case g.Change == report.ChangeBetter || g.Change == report.ChangeWorse:
				items = append(items, fmt.Sprintf("%s: %s %s (var %s).", b.goalLabel(g, 80), g.Change.Symbol(),
					g.Level.AssessmentWord(b.kind), wasIn(g, r.Previous.Name, b.kind)))
			case newlyAssessed(g):
				// Assessed on one side only: a change of assessment
				// without a direction.
				items = append(items, fmt.Sprintf("%s: %s (var %s).", b.goalLabel(g, 80),
					g.Level.AssessmentWord(b.kind), wasIn(g, r.Previous.Name, b.kind)))
			case g.FirstAssessed:
				first = append(first, g.Nr)
			}
		}
		if len(items) == 0 {
			b.text(Body, "Inget mål har ändrat bedömning sedan %s.", r.Previous.Name)
		} else {
			b.text(Body, "%s har ändrat bedömning sedan %s:", capitalize(countWordNoun(len(items), "mål", "mål")), r.Previous.Name)
			b.add(List{Style: Body, Items: items})
		}
		// A first assessment is no change (SPEC 12.5), but the board
		// should know that the goal had none before.
		switch len(first) {
		case 0:
		case 1:
			b.text(Body, "Mål %s har fått sin första bedömning i år.", first[0])
		default:
			b.text(Body, "Mål %s har fått sin första bedömning i år.", joinSwedish(first))
		}
	}

	if items := b.deviationBullets(); len(items) > 0 {
		b.add(Heading{Level: 2, Text: "Avvikelser i korthet"})
		b.add(List{Style: Body, Items: items})
		if r.Materiality > 0 {
			b.text(Small, "Avvikelser mindre än %s mnkr (väsentlighetsgränsen) tas inte upp här; de finns i tabellerna.", r.Materiality.FormatMnkr())
		}
	}
}

// resultSentence is the period's net in words: a net cost when the unit's
// funding is not among its lines and the net is negative, else a result
// (SPEC 7.5). It and prognosisSentence word their figures alike
// ("Nettokostnaden för … är", "Resultatet för … är"), so that a board
// member reads the same word for the same kind of figure.
func (b *builder) resultSentence() string {
	e := b.r.Economy
	span, against := "perioden "+b.months(), "budget för perioden"
	if b.annual() {
		span, against = strconv.Itoa(b.r.Year), "årsbudget"
	}
	noun, shown := b.netNoun(e.PeriodResult)
	definite := map[string]string{"nettokostnad": "Nettokostnaden", "resultat": "Resultatet"}[noun]
	if b.annual() {
		// The year is over: what it came to (SPEC 12.1).
		return fmt.Sprintf("%s för %s blev %s mnkr, %s.", definite, span,
			shown.FormatMnkr(), versusBudget(e.AccumulatedBudgetDeviation, against))
	}
	return fmt.Sprintf("%s för %s är %s mnkr, vilket är %s.", definite, span,
		shown.FormatMnkr(), versusBudget(e.AccumulatedBudgetDeviation, against))
}

// netNoun is the word for a net figure and the amount to show with it:
// "nettokostnad" and the cost as a positive number for a negative net
// without the funding among the lines, else "resultat" and the net as it
// is (SPEC 7.5).
func (b *builder) netNoun(net money.Amount) (string, money.Amount) {
	if !b.r.NetIsResult && net.TenthsOfMnkr() < 0 {
		return "nettokostnad", -net
	}
	return "resultat", net
}

// prognosisSentence is the year's prognosis in words; the annual report
// has none. When the year's figure is of the other kind than the
// period's (a result for the period, a net cost for the year, as when
// revenues come early in the year), the sentence says so instead of
// switching words unannounced.
func (b *builder) prognosisSentence() string {
	op := b.r.Operating
	switch {
	case b.annual() || op.PrognosisIsOutcome:
		return ""
	case op.PrognosisIsBudget:
		return "Ingen prognos har lämnats för perioden; årsbudgeten står som prognos."
	}
	dev := versusBudget(b.r.Economy.PrognosisBudgetDeviation, "årsbudget")
	noun, shown := b.netNoun(op.Net.Prognosis)
	if period, _ := b.netNoun(b.r.Economy.PeriodResult); period != noun {
		article := map[string]string{"nettokostnad": "en", "resultat": "ett"}[noun]
		return fmt.Sprintf("För helåret är prognosen i stället %s %s på %s mnkr, vilket är %s.", article, noun, shown.FormatMnkr(), dev)
	}
	return fmt.Sprintf("Prognosen för helårets %s är %s mnkr, vilket är %s.", noun, shown.FormatMnkr(), dev)
}

// pathSentence says how the prognosis moved since the previous report
// with one: "Prognosen har förbättrats med 2,7 mnkr sedan
// Uppföljningsrapport 2."
func (b *builder) pathSentence() string {
	cur, prev, ok := b.pathEnds()
	if !ok {
		return ""
	}
	diff := cur.Deviation - prev.Deviation
	if cur.Outcome {
		// The annual report: how well the last prognosis hit (SPEC 12.1).
		switch t := diff.TenthsOfMnkr(); {
		case t > 0:
			return fmt.Sprintf("Utfallet blev %s mnkr bättre än prognosen i %s.", diff.FormatMnkr(), prev.Name)
		case t < 0:
			return fmt.Sprintf("Utfallet blev %s mnkr sämre än prognosen i %s.", (-diff).FormatMnkr(), prev.Name)
		}
		return fmt.Sprintf("Utfallet blev i nivå med prognosen i %s.", prev.Name)
	}
	switch t := diff.TenthsOfMnkr(); {
	case t > 0:
		return fmt.Sprintf("Prognosen har förbättrats med %s mnkr sedan %s.", diff.FormatMnkr(), prev.Name)
	case t < 0:
		return fmt.Sprintf("Prognosen har försämrats med %s mnkr sedan %s.", (-diff).FormatMnkr(), prev.Name)
	}
	return fmt.Sprintf("Prognosen är oförändrad sedan %s.", prev.Name)
}

// pathEnds is this report's point of the prognosis path and the one
// before it (in the annual report the outcome and the last prognosis);
// not ok without an earlier point.
func (b *builder) pathEnds() (cur, prev report.PrognosisPoint, ok bool) {
	path := b.r.PrognosisPath
	if len(path) < 2 {
		return cur, prev, false
	}
	i := len(path) - 1
	for j, p := range path {
		if p.Current {
			i = j
		}
	}
	if i == 0 {
		return cur, prev, false
	}
	return path[i], path[i-1], true
}

// goalCountSentence is "Regionstyrelsen har tolv mål för 2026. Av dem
// bedöms sex uppfyllas, fem delvis uppfyllas och ett inte uppfyllas för
// perioden januari–april 2026." — in the annual report "Av dem är sex
// uppfyllda, …".
func (b *builder) goalCountSentence() string {
	r := b.r
	total := 0
	for _, n := range r.GoalCounts {
		total += n
	}
	if total == 0 {
		return "Inga mål har bedömts för perioden."
	}
	var parts []string
	for _, l := range []report.Level{report.Met, report.PartlyMet, report.NotMet} {
		n := r.GoalCounts[l]
		if n == 0 {
			continue
		}
		parts = append(parts, countWord(n)+" "+levelPhrase(l, n, b.annual()))
	}
	s := fmt.Sprintf("%s har %s mål för %d.", b.unit, countWord(total), r.Year)
	switch {
	case len(parts) == 0:
	case b.annual():
		s += " Av dem är " + joinSwedish(parts) + "."
	default:
		s += " Av dem bedöms " + joinSwedish(parts) + " för perioden " + b.months() + "."
	}
	if n := r.GoalCounts[report.NotAssessed]; n > 0 {
		s += " " + capitalize(countWordNoun(n, "mål", "mål")) + " " + map[bool]string{true: "är inte bedömt", false: "är inte bedömda"}[n == 1] + "."
	}
	return s
}

// levelPhrase is what follows the count: "uppfyllas" after "bedöms"
// during the year; "uppfyllt"/"uppfyllda" after "är" in the annual report.
func levelPhrase(l report.Level, n int, annual bool) string {
	word := map[report.Level]string{report.Met: "uppfyllas", report.PartlyMet: "delvis uppfyllas", report.NotMet: "inte uppfyllas"}[l]
	if annual {
		part := "uppfyllt"
		if n != 1 {
			part = "uppfyllda"
		}
		word = map[report.Level]string{report.Met: part, report.PartlyMet: "delvis " + part, report.NotMet: "inte " + part}[l]
	}
	return word
}

// deviationBullets are the summary's material deviations, each with its
// direction in words (SPEC 7.7): goals not met, indicators off, lines and
// investments that cost more or less than budget by at least Väsentlighet.
func (b *builder) deviationBullets() []string {
	r := b.r
	var items []string
	for _, g := range r.Deviations.Goals {
		verb := "bedöms inte uppfyllas"
		if b.annual() {
			verb = "är inte uppfyllt"
		}
		items = append(items, fmt.Sprintf("%s %s.", b.goalLabel(g, 90), verb))
	}
	for _, in := range r.Deviations.Indicators {
		items = append(items, indicatorDeviation(in))
	}
	for _, l := range r.Operating.Lines {
		if s := b.lineDeviation(l); s != "" {
			items = append(items, s)
		}
	}
	for _, inv := range b.materialInvestments() {
		items = append(items, b.investmentDeviation(inv))
	}
	return items
}

// material reports whether a deviation is at least Väsentlighet and shows
// as non-zero in the tables.
func (b *builder) material(a money.Amount) bool {
	if a.TenthsOfMnkr() == 0 {
		return false
	}
	if a < 0 {
		a = -a
	}
	return a >= b.r.Materiality
}

// lineDeviation words a line of table 4 that deviates materially: "Personalkostnader
// kostar 2,7 mnkr mer än budget för perioden och väntas kosta 3,5 mnkr
// mer än årsbudget för helåret." Empty when nothing is material.
func (b *builder) lineDeviation(l report.OperatingLine) string {
	if l.Funding {
		return ""
	}
	cost := l.AnnualBudget < 0 || (l.AnnualBudget == 0 && l.OutcomeAcc < 0)
	words := func(dev money.Amount, verb string) string {
		a := dev
		if a < 0 {
			a = -a
		}
		more := dev < 0
		if cost {
			return fmt.Sprintf("%s %s mnkr %s", verb, a.FormatMnkr(), map[bool]string{true: "mer", false: "mindre"}[more])
		}
		return fmt.Sprintf("%s %s mnkr %s", verb, a.FormatMnkr(), map[bool]string{true: "lägre", false: "högre"}[more])
	}
	now, then := "kostar", "väntas kosta"
	if !cost {
		now, then = "är", "väntas bli"
	}
	accMaterial, progMaterial := b.material(l.DeviationAcc), b.material(l.PrognosisDeviation)
	if b.annual() {
		if !accMaterial {
			return ""
		}
		if cost {
			now = "kostade"
		} else {
			now = "blev"
		}
		return fmt.Sprintf("%s %s än årsbudget.", l.Line, words(l.DeviationAcc, now))
	}
	if b.r.Operating.PrognosisIsBudget {
		progMaterial = false
	}
	switch {
	case accMaterial && progMaterial:
		return fmt.Sprintf("%s %s än budget för perioden och %s än årsbudget för helåret.", l.Line, words(l.DeviationAcc, now), words(l.PrognosisDeviation, then))
	case accMaterial:
		return fmt.Sprintf("%s %s än budget för perioden.", l.Line, words(l.DeviationAcc, now))
	case progMaterial:
		return fmt.Sprintf("%s %s än årsbudget för helåret.", l.Line, words(l.PrognosisDeviation, then))
	}
	return ""
}

// materialInvestments are the deviating investments of at least
// Väsentlighet.
func (b *builder) materialInvestments() []report.InvestmentRow {
	var out []report.InvestmentRow
	for _, inv := range b.r.Deviations.Investments {
		if inv.TotalOverrun != nil || inv.Deviation != nil && b.material(*inv.Deviation) {
			out = append(out, inv)
		}
	}
	return out
}

// investmentDeviation: "Investeringen IT utrustning väntas överskrida
// årets budget med 1,4 mnkr." Deviation is budget − prognosis: negative
// is an overrun.
func (b *builder) investmentDeviation(inv report.InvestmentRow) string {
	if inv.TotalOverrun != nil {
		// Over its decided total: never an underspend because the year's
		// spend is under the year's budget (SPEC 12.4).
		return b.overrunText(inv)
	}
	d := *inv.Deviation
	verb := "underskrida"
	if d < 0 {
		verb, d = "överskrida", -d
	}
	if b.annual() {
		return fmt.Sprintf("Investeringen %s %s årets budget med %s mnkr.", inv.Name, map[string]string{"underskrida": "underskred", "överskrida": "överskred"}[verb], d.FormatMnkr())
	}
	return fmt.Sprintf("Investeringen %s väntas %s årets budget med %s mnkr.", inv.Name, verb, d.FormatMnkr())
}

// indicatorDeviation: "Sjukfrånvaro: målvärdet nås inte (5,3 % mot
// målvärdet 5,2 %)."
func indicatorDeviation(in report.IndicatorResult) string {
	ref := in.Target
	if ref == nil {
		ref = in.Reference
	}
	word := in.Grade.Word()
	if in.Grade == report.GradeNone {
		word = targetWord(in.IndicatorDef) + " nås inte"
	}
	return fmt.Sprintf("%s: %s (%s mot %s %s).", in.Name, lowerFirst(word), valueText(in.Value, in.Unit),
		strings.ToLower(targetWord(in.IndicatorDef)+"t"), valueText(ref, in.Unit))
}

// goalLabel names a goal in a sentence: "Mål 4 (Regionstyrelsen ska …)";
// a council goal without a board goal has no number of its own.
func (b *builder) goalLabel(g report.GoalResult, n int) string {
	if g.BoardGoal == "" || g.Nr == "" {
		return b.councilGoals() + " " + shorten(g.CouncilGoal, n)
	}
	return "Mål " + g.Nr + " (" + shorten(g.BoardGoal, n) + ")"
}

// goals is table 1 with the plan's columns and one subsection per goal.
func (b *builder) goals() {
	r := b.r
	b.text(Body, "%s har %s mål för %d inom %ss fokusområden. Tabell 1 visar bedömningen av varje mål för perioden %s; därefter följer analysen mål för mål.",
		b.unit, countWord(len(boardGoals(r.Goals))), r.Year, b.council, b.months())
	rows := []Row{}
	focus, council := "", ""
	for _, g := range r.Goals {
		if g.FocusArea != focus && g.FocusArea != "" {
			focus, council = g.FocusArea, ""
			rows = append(rows, Row{Kind: Group, Cells: []Cell{{Text: "Fokusområde: " + focus}}})
		}
		// The plan shows a council goal once above the board goals that
		// serve it.
		councilCell := g.CouncilGoal
		if g.CouncilGoal == council {
			councilCell = ""
		}
		council = g.CouncilGoal
		goal := g.BoardGoal
		if g.Nr != "" && goal != "" {
			goal = g.Nr + ". " + goal
		}
		status := Cell{Text: g.Level.AssessmentWord(b.kind), Level: levelPtr(g.Level)}
		if g.BoardGoal == "" {
			goal = "Inget eget mål för " + b.unit
			if g.Level == report.NotAssessed {
				status = Cell{Text: "–"}
			}
		}
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{{Text: councilCell}, {Text: goal}, status, {Text: changeText(g, previousName(r), b.kind)}}})
	}
	note := "Förändring: ingen tidigare rapport i år att jämföra med."
	if r.Previous != nil {
		note = "Förändring jämfört med den senaste rapporten i år som bedömde målet, " + r.Previous.Name + " om inget annat anges: ↑ bättre, ↓ sämre, – oförändrad bedömning."
	}
	if n := len(r.Goals) - len(boardGoals(r.Goals)); n > 0 {
		note += " Mål utan eget mål för " + b.unit + " följs upp av " + b.council + " och räknas inte bland styrelsens mål."
	}
	cols := layouts.Table1ColumnsFor(b.council, b.unit)
	b.add(Table{
		Number:  1,
		Caption: layouts.Caption(1, b.unit),
		Columns: []Column{col(cols[0], 3.4, Left), col(cols[1], 5, Left), col(cols[2], 2.5, Left), col(cols[3], 2.3, Left)},
		Rows:    rows,
		Note:    note,
	})
	for _, g := range r.Goals {
		if g.BoardGoal == "" || g.Nr == "" {
			b.add(Heading{Level: 3, Text: b.councilGoals() + ": " + g.CouncilGoal, Outline: b.councilGoals() + ": " + shorten(g.CouncilGoal, 60)})
		} else {
			b.add(Heading{Level: 3, Text: "Mål " + g.Nr + ". " + g.BoardGoal, Outline: "Mål " + g.Nr + ". " + shorten(g.BoardGoal, 70)})
		}
		meta := ""
		if g.FocusArea != "" {
			meta = "Fokusområde: " + g.FocusArea
		}
		if g.CouncilGoal != "" && g.BoardGoal != "" {
			if meta != "" {
				meta += "\n"
			}
			meta += b.councilGoals() + ": " + g.CouncilGoal
		}
		if meta != "" {
			b.add(Paragraph{Style: Small, Text: meta, KeepWithNext: true})
		}
		if g.BoardGoal == "" {
			b.text(Italic, "Inget eget mål för %s. Målet följs upp av %s.", b.unit, b.council)
			if g.Analysis == "" && g.Level == report.NotAssessed {
				continue
			}
		}
		st := Status{Label: "Bedömning", Level: g.Level, Word: g.Level.AssessmentWord(b.kind)}
		var notes []string
		switch {
		case (g.Change == report.ChangeBetter || g.Change == report.ChangeWorse) && r.Previous != nil:
			notes = append(notes, g.Change.Symbol()+" sedan "+orElse(g.PreviousFrom, r.Previous.Name)+", var "+earlierWord(*g.Previous, b.kind))
		case newlyAssessed(g) && r.Previous != nil:
			notes = append(notes, "i "+g.PreviousFrom+": "+earlierWord(*g.Previous, b.kind))
		case g.FirstAssessed:
			notes = append(notes, "första bedömningen i år")
		}
		if !g.Assessed.IsZero() && g.Assessed != r.Month {
			notes = append(notes, "bedömning från "+g.Assessed.Swedish())
		}
		st.Note = strings.Join(notes, "; ")
		b.add(st)
		if strings.TrimSpace(g.Analysis) == "" {
			b.noAnalysis(g.Nr)
		} else {
			b.text(Body, "%s", strings.TrimSpace(g.Analysis))
		}
	}
}

// councilGoals is "Regionfullmäktiges mål", or "Kommunfullmäktiges mål"
// in a municipality: the plan's words for the assembly's goals.
func (b *builder) councilGoals() string { return layouts.Table1ColumnsFor(b.council, b.unit)[0] }

// changeText is table 1's Förändring: "↑ (var Bedöms delvis uppfyllas)".
func changeText(g report.GoalResult, previous string, k period.Kind) string {
	if g.FirstAssessed {
		return "Första bedömningen"
	}
	// The report compared with, when it is not the previous report: the
	// goal was not assessed in that one (SPEC 12.5).
	from := ""
	if g.PreviousFrom != "" && g.PreviousFrom != previous {
		from = " i " + g.PreviousFrom
	}
	switch g.Change {
	case report.ChangeBetter, report.ChangeWorse:
		if g.Previous != nil {
			return g.Change.Symbol() + " (var " + earlierWord(*g.Previous, k) + from + ")"
		}
		return g.Change.Symbol()
	case report.ChangeSame:
		return "–"
	}
	if newlyAssessed(g) {
		// No arrow, but not an empty cell either: the board sees what
		// the goal was assessed as before.
		return "(var " + earlierWord(*g.Previous, k) + from + ")"
	}
	return ""
}

// orElse is s, or alt when s is empty.
func orElse(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// wasIn is the earlier assessment, with its report when that is not the
// previous one: "Bedöms delvis uppfyllas i Månadsrapport februari".
func wasIn(g report.GoalResult, previous string, k period.Kind) string {
	w := earlierWord(*g.Previous, k)
	if g.PreviousFrom != "" && g.PreviousFrom != previous {
		w += " i " + g.PreviousFrom
	}
	return w
}

// earlierWord is an earlier report's assessment as a report of kind k
// quotes it: during the year in that report's own forecast words; in the
// annual report, whose sentences never forecast (SPEC 12.1), by its level.
func earlierWord(l report.Level, k period.Kind) string {
	if k == period.Annual {
		return l.Word()
	}
	return l.AssessmentWord(period.Full)
}

// previousName is the previous report's name, empty without one.
func previousName(r *report.Report) string {
	if r.Previous == nil {
		return ""
	}
	return r.Previous.Name
}

// newlyAssessed reports a board goal assessed in one of this report and
// the previous one but not in the other: its assessment changed, though
// it cannot be said to be better or worse (ChangeNone).
func newlyAssessed(g report.GoalResult) bool {
	return g.Change == report.ChangeNone && g.Previous != nil && *g.Previous != g.Level && g.BoardGoal != ""
}

// planFollowUp follows up the plan's other parts with the goals' words
// and symbols (SPEC 7.2): a table by part, then each activity's analysis.
func (b *builder) planFollowUp() {
	items := b.r.PlanFollowUp
	if len(items) == 0 {
		return
	}
	b.text(Body, "Verksamhetsplanen följs upp i sin helhet. Här redovisas planens övriga delar med samma ord och symboler som målen.")
	if g, ok := b.gapOf(report.GapPlanFollowUp, ""); ok {
		b.gapSentence(g)
	}
	rows := []Row{}
	part := ""
	for _, it := range items {
		if it.Part != part {
			part = it.Part
			rows = append(rows, Row{Kind: Group, Cells: []Cell{{Text: part}}})
		}
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{{Text: it.Activity}, {Text: it.Level.AssessmentWord(b.kind), Level: levelPtr(it.Level)}}})
	}
	// The section's heading already says what is followed up; the
	// caption says what the table holds.
	b.add(Table{Caption: "Bedömning per del och aktivitet",
		Columns: []Column{col("Aktivitet", 7, Left), col("Bedömning", 3, Left)}, Rows: rows})
	for _, it := range items {
		b.add(Heading{Level: 3, Text: it.Part + ": " + it.Activity, Outline: shorten(it.Part+": "+it.Activity, 70)})
		st := Status{Label: "Bedömning", Level: it.Level, Word: it.Level.AssessmentWord(b.kind)}
		if !it.Assessed.IsZero() && it.Assessed != b.r.Month {
			st.Note = "bedömning från " + it.Assessed.Swedish()
		}
		b.add(st)
		if strings.TrimSpace(it.Analysis) == "" {
			b.text(Italic, "Ingen analys har lämnats för perioden.")
		} else {
			b.text(Body, "%s", strings.TrimSpace(it.Analysis))
		}
	}
}

// employees is table 2 with trend, the monthly values as a table, and a
// chart per indicator.
func (b *builder) employees() {
	r := b.r
	if len(r.Indicators) == 0 {
		b.text(Italic, "Inga indikatorer för medarbetare har rapporterats.")
		return
	}
	value, perIndicator := layouts.ValueHeader(r.Indicators)
	rows := []Row{}
	for _, in := range r.Indicators {
		// Only a value measured against a target or a reference gets a
		// symbol: a missing value is not "Ej bedömt" (SPEC 7.4).
		status := Cell{Text: in.Grade.Word()}
		if in.Grade.Judged() {
			status.Level = levelPtr(gradeLevel(in.Grade))
		}
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{
			{Text: in.Name},
			{Value: measureValue(in.Value, in.Unit, report.IndicatorDecimals), Bad: in.Grade.Off()},
			{Value: measureValue(in.PriorYear, in.Unit, report.IndicatorDecimals)},
			{Value: measureValue(in.Target, in.Unit, report.IndicatorDecimals)},
			{Value: measureValue(in.Reference, in.Unit, report.IndicatorDecimals)},
			status,
			{Text: orDash(layouts.TrendText(in.Trend))},
		}})
	}
	var notes []string
	for _, in := range r.Indicators {
		if perIndicator && in.ValueLabel != "" {
			notes = append(notes, fmt.Sprintf("%s: värdet avser %s.", in.Name, in.ValueLabel))
		} else if in.ValueLabel == "" && in.Value != nil && !in.ValueAt.IsZero() && in.ValueAt != r.Month {
			notes = append(notes, fmt.Sprintf("%s avser %s.", in.Name, in.ValueAt.Swedish()))
		}
	}
	notes = append(notes, "Trend jämför värdet med samma period föregående år: ↑ förbättrad, ↓ försämrad.")
	c := layouts.Table2Columns
	b.add(Table{
		Number:  2,
		Caption: layouts.Caption(2, b.unit),
		Columns: []Column{col(c[0], 3, Left), col(value, 1.5, Right), col(c[2], 1.6, Right), col(c[3], 1.4, Right),
			col(c[4], 1.7, Right), col(c[5], 2.7, Left), col(layouts.TrendColumn, 1.9, Left)},
		Rows: rows,
		Note: strings.Join(notes, " "),
	})
	for _, in := range r.Indicators {
		if in.Description != "" {
			b.text(Small, "%s: %s", in.Name, in.Description)
		}
	}
	b.monthlyIndicators()
	for _, in := range r.Indicators {
		b.add(indicatorChart(in, r.Year))
	}
}

// gradeLevel is the symbol of an indicator's grade.
func gradeLevel(g report.IndicatorGrade) report.Level {
	switch g {
	case report.GradeTargetMet, report.GradeBetterThanRef, report.GradeAtRef:
		return report.Met
	case report.GradeTargetNotMet, report.GradeWorseThanRef:
		return report.NotMet
	}
	return report.NotAssessed
}

// monthlyIndicators shows each indicator's monthly values this year and
// the same months last year, so that the values are read, not only seen
// in a chart (SPEC 7.3).
func (b *builder) monthlyIndicators() {
	r := b.r
	last := int(r.Period.LastMonth)
	if last < 1 || last > 12 {
		return
	}
	cols := []Column{col("Indikator och år", 3.2, Left)}
	for m := 1; m <= last; m++ {
		cols = append(cols, col(period.ShortMonthName(monthOf(m-1)), 1, Right))
	}
	values := func(pts []report.IndicatorPoint) []Cell {
		cells := make([]Cell, last)
		for i := range cells {
			cells[i] = Cell{Text: "–"}
		}
		for _, p := range pts {
			if p.Month.Month >= 1 && int(p.Month.Month) <= last {
				v := p.Value
				cells[p.Month.Month-1] = Cell{Value: measureValue(&v, "", 1)}
			}
		}
		return cells
	}
	rows := []Row{}
	unit := ""
	for _, in := range r.Indicators {
		if unit == "" {
			unit = in.Unit
		}
		rows = append(rows,
			Row{Kind: Plain, Cells: append([]Cell{{Text: fmt.Sprintf("%s %d", in.Name, r.Year)}}, values(in.Series)...)},
			Row{Kind: Plain, Cells: append([]Cell{{Text: fmt.Sprintf("%s %d", in.Name, r.Year-1)}}, values(in.Prior)...)})
	}
	caption := "Indikatorernas värden per månad"
	if unit != "" {
		caption += ", " + unitWord(unit)
	}
	b.add(Table{Caption: caption, Columns: cols, Rows: rows, Small: true})
}

func indicatorChart(in report.IndicatorResult, year int) Chart {
	months := make([]string, 12)
	for i := range months {
		months[i] = period.ShortMonthName(monthOf(i))
	}
	series := func(pts []report.IndicatorPoint) []*float64 {
		v := make([]*float64, 12)
		for _, p := range pts {
			if p.Month.Month >= 1 && p.Month.Month <= 12 {
				v[p.Month.Month-1] = floatPtr(p.Value)
			}
		}
		return v
	}
	c := Chart{Kind: LineChart, Title: fmt.Sprintf("%s per månad, %s", in.Name, unitWord(in.Unit)),
		Unit: in.Unit, Categories: months, Height: 62,
		Series: []Series{
			{Name: strconv.Itoa(year), Values: series(in.Series)},
			{Name: strconv.Itoa(year - 1), Values: series(in.Prior)},
		}}
	if in.Target != nil {
		c.RefLines = append(c.RefLines, RefLine{Name: "Målvärde " + valueText(in.Target, in.Unit), Value: *in.Target})
	}
	if in.Reference != nil {
		c.RefLines = append(c.RefLines, RefLine{Name: "Referensvärde " + valueText(in.Reference, in.Unit), Value: *in.Reference})
	}
	return c
}

// prognosisSummary opens a deviation report with the economic prognosis in
// words.
func (b *builder) prognosisSummary() { b.keyFigures() }

// keyFiguresTitle heads the generated sentences on the period's net and
// the prognosis where the controller's written summary comes first.
const keyFiguresTitle = "Ekonomin i siffror"

// keyFigures is the period's net, the year's prognosis and its change
// since the previous report in words. Without a written summary these
// sentences are the summary; after the controller's own summary they
// stand under a heading of their own, so that they read as the key
// figures and not as a second summary that repeats the first (SPEC 7.2).
func (b *builder) keyFigures() {
	if b.led {
		b.add(Heading{Level: 2, Text: keyFiguresTitle})
	}
	b.text(Body, "%s", joinSentences(b.resultSentence(), b.prognosisSentence(), b.pathSentence()))
}

// prognosisPath is the year's Prognos budgetavvikelse at each calendar
// period with a prognosis, as a short table.
func (b *builder) prognosisPath() {
	if _, _, ok := b.pathEnds(); !ok {
		return
	}
	rows := []Row{}
	for _, p := range b.r.PrognosisPath {
		name := p.Name
		if p.Current && !p.Outcome {
			name += " (denna rapport)"
		}
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{{Text: name}, {Value: mnkrValue(p.Deviation)}}})
	}
	caption, column := "Prognosens utveckling under "+strconv.Itoa(b.r.Year), "Prognos budgetavvikelse, mnkr"
	if b.annual() {
		caption, column = "Årets prognoser och utfall "+strconv.Itoa(b.r.Year), "Budgetavvikelse helår, mnkr"
	}
	b.add(Table{Caption: caption,
		Columns: []Column{col("Rapport", 6, Left), deviationCol(column, 3)},
		Rows:    rows, Note: b.pathSentence()})
}

// deviationChart shows each line's deviation from budget around zero,
// where the budget-versus-outcome bars would show nothing: deviations are
// a few per cent of the bars.
func (b *builder) deviationChart() {
	op := b.r.Operating
	if len(op.Lines) == 0 {
		return
	}
	acc := Series{Name: "Avvikelse ack"}
	prog := Series{Name: "Prognosavvikelse"}
	var cats []string
	for _, l := range append(append([]report.OperatingLine(nil), op.Lines...), op.Net) {
		name := l.Line
		if len(cats) == len(op.Lines) {
			name = layouts.NetLabel
		}
		cats = append(cats, name)
		acc.Values = append(acc.Values, floatPtr(l.DeviationAcc.Mnkr()))
		acc.Labels = append(acc.Labels, l.DeviationAcc.FormatMnkr())
		prog.Values = append(prog.Values, floatPtr(l.PrognosisDeviation.Mnkr()))
		prog.Labels = append(prog.Labels, l.PrognosisDeviation.FormatMnkr())
	}
	series := []Series{acc, prog}
	title := "Avvikelse mot budget per rad, mnkr"
	switch {
	case b.annual() || op.PrognosisIsOutcome:
		// The year's outcome against the annual budget: table 4's
		// Avvikelse of the annual report.
		series = []Series{{Name: "Avvikelse mot årsbudget", Values: prog.Values, Labels: prog.Labels}}
	case op.PrognosisIsBudget:
		// With the budget standing in for a prognosis every prognosis
		// deviation is zero: bars of 0,0 would only look like a forecast.
		series = []Series{acc}
	}
	b.add(Chart{Kind: DeviationChart, Title: title, Unit: "mnkr", Categories: cats, Series: series,
		Height: 14 + float64(len(cats)*len(series))*4.2})
}

// otherDeviations is "övriga avvikelser" of a deviation report: each
// material deviation with its reason.
func (b *builder) otherDeviations() {
	dev := b.r.Deviations
	// "inte" before the verb, as Swedish puts it in a subordinate
	// clause; "Inget mål bedöms inte …" would be a double negative.
	b.add(Heading{Level: 2, Text: "Mål som inte bedöms uppfyllas"})
	if len(dev.Goals) == 0 {
		b.text(Italic, "Inget mål har bedömningen %s för perioden.", report.NotMet.AssessmentWord(b.kind))
	}
	for _, g := range dev.Goals {
		if g.BoardGoal == "" || g.Nr == "" {
			b.add(Heading{Level: 3, Text: b.councilGoals() + ": " + g.CouncilGoal, Outline: b.councilGoals() + ": " + shorten(g.CouncilGoal, 60)})
		} else {
			b.add(Heading{Level: 3, Text: "Mål " + g.Nr + ". " + g.BoardGoal, Outline: "Mål " + g.Nr + ". " + shorten(g.BoardGoal, 70)})
		}
		b.add(Status{Label: "Bedömning", Level: g.Level, Word: g.Level.AssessmentWord(b.kind)})
		if strings.TrimSpace(g.Analysis) == "" {
			b.noAnalysis(g.Nr)
		} else {
			b.text(Body, "%s", strings.TrimSpace(g.Analysis))
		}
	}
	b.add(Heading{Level: 2, Text: "Investeringar med avvikande prognos"})
	invs := b.materialInvestments()
	if len(invs) == 0 {
		b.text(Italic, "Ingen investering har en prognos som avviker väsentligt från budget.")
	} else {
		year := -1
		for i, y := range b.r.Investment.Years {
			if y == b.r.Year {
				year = i
			}
		}
		b.add(List{Style: Body, Items: func() []string {
			var items []string
			for _, inv := range invs {
				items = append(items, b.investmentDeviation(inv))
			}
			return items
		}()})
		overrun := false
		for _, inv := range invs {
			overrun = overrun || inv.TotalOverrun != nil
		}
		rows := []Row{}
		for _, inv := range invs {
			var budget *Value
			if year >= 0 && year < len(inv.PlanYears) {
				budget = mnkrValue(inv.PlanYears[year])
			}
			cells := []Cell{{Text: inv.Name}, {Value: budget}, {Value: optMnkr(inv.Prognosis)}, {Value: optMnkr(inv.Deviation)}}
			if overrun {
				cells = append(cells, Cell{Value: mnkrValue(inv.TotalBudget)}, Cell{Value: optMnkr(inv.PrognosisTotal), Bad: inv.TotalOverrun != nil})
			}
			rows = append(rows, Row{Kind: Plain, Cells: append(cells, Cell{Text: orDash(layouts.InvestmentComment(inv, b.r.Month))})})
		}
		cols := []Column{col("Investering", 2.5, Left), col(fmt.Sprintf("Budget %d", b.r.Year), 1.3, Right), col("Prognos", 1.2, Right),
			deviationCol("Avvikelse", 1.3)}
		note := "Avvikelse = budget − prognos; negativ avvikelse betyder att investeringen väntas kosta mer än budgeterat."
		if overrun {
			// SPEC 12.4: the decided total beside the forecast total.
			cols = append(cols, col(layouts.Table5Columns[1], 1.3, Right), col(layouts.PrognosisTotalColumn, 1.3, Right))
			note += " En Prognos total över Total budget är en avvikelse i sig, hur årets förbrukning än står sig mot årets budget."
		}
		b.add(Table{Caption: "Investeringar vars prognos avviker från budget, mnkr",
			Columns: append(cols, col("Kommentar", 5.2, Left)), Rows: rows, Note: note,
			Derived: []Derived{{Column: 3, Op: Difference, A: 1, B: 2}}})
	}
	b.investmentGaps()
	if b.r.Materiality > 0 {
		b.text(Small, "Avvikelser mindre än %s mnkr (väsentlighetsgränsen) redovisas inte här; de finns i arbetsboken.", b.r.Materiality.FormatMnkr())
	}
	b.add(Heading{Level: 2, Text: "Indikatorer utanför mål- eller referensvärde"})
	if len(dev.Indicators) == 0 {
		b.text(Italic, "Alla indikatorer ligger inom sina mål- och referensvärden.")
	}
	for _, in := range dev.Indicators {
		// The name stands above as a lead-in, and the description is
		// under table 2 of the same report: the paragraph gives the
		// deviation alone, not the name and the plan's yardstick twice.
		text := capitalize(strings.TrimPrefix(indicatorDeviation(in), in.Name+": "))
		if in.PriorYear != nil {
			text += fmt.Sprintf(" Samma period föregående år: %s.", valueText(in.PriorYear, in.Unit))
		}
		b.add(Paragraph{Style: Lead, Text: in.Name})
		b.add(Paragraph{Style: Body, Text: text})
	}
}

// joinSentences joins the non-empty sentences with a space.
func joinSentences(ss ...string) string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, " ")
}

// countWordNoun is "ett mål", "två mål".
func countWordNoun(n int, one, many string) string {
	if n == 1 {
		return countWord(n) + " " + one
	}
	return countWord(n) + " " + many
}

// capitalize upper-cases the first letter, for a sentence's start.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// boardGoals are the goals with a board goal of their own: the ones the
// report counts.
func boardGoals(gs []report.GoalResult) []report.GoalResult {
	var out []report.GoalResult
	for _, g := range gs {
		if g.BoardGoal != "" {
			out = append(out, g)
		}
	}
	return out
}
