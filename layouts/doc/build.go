package doc

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"rapport/layouts"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// Build turns a computed report into its document tree: the sections that
// layouts.For lists for the report's kind, each with its headings, texts,
// tables and charts. Nothing here measures or draws.
func Build(r *report.Report) (Document, error) {
	return BuildSections(r, layouts.For(r.Period.Kind))
}

// BuildSections is Build with the section list given. A section it has no
// case for is an error, not an empty page: a new SectionID needs its case
// here before any report can show it.
func BuildSections(r *report.Report, sections []layouts.Section) (Document, error) {
	d := Document{
		Organisation: r.Organisation,
		Unit:         r.Unit,
		ReportName:   fmt.Sprintf("%s %d", r.Period.Name, r.Year),
		Months:       monthsCovered(r),
		ReportDate:   r.ReportDate,
		Example:      r.Example,
		Kind:         r.Period.Kind.String(),
	}
	if d.Organisation == "" {
		d.Organisation = "Region Halland"
	}
	if d.Unit == "" {
		d.Unit = "Regionstyrelsen"
	}
	kind, err := kindText(r.Period.Kind)
	if err != nil {
		return Document{}, err
	}
	d.Cover = []Fact{
		{"Organisation", d.Organisation},
		{"Nämnd/styrelse", d.Unit},
		{"Rapport", d.ReportName},
		{"Period", d.Months},
		{"Rapportdatum", swedishDate(d.ReportDate)},
		{"Typ", kind},
	}
	if d.Example {
		d.Notice = "Rapporten bygger på påhittade exempeluppgifter. Siffrorna beskriver inte Region Hallands verkliga ekonomi och får inte användas som beslutsunderlag."
	}
	b := &builder{r: r, unit: d.Unit, council: councilOf(d.Organisation)}
	for i, s := range sections {
		title := s.Title
		if s.Appendix {
			title = "Bilaga: " + title
		}
		// Each section opens a page, so that a board member can find it
		// and print it alone.
		b.add(Heading{Level: 1, Text: title, NewPage: i > 0})
		switch s.ID {
		case layouts.Summary:
			b.summary()
		case layouts.Goals:
			b.goals()
		case layouts.Employees:
			b.employees()
		case layouts.Economy:
			b.economy(true)
		case layouts.Prognosis:
			b.prognosisSummary()
			b.economy(false)
		case layouts.OtherDeviations:
			b.otherDeviations()
		case layouts.Glossary:
			b.glossary()
		case layouts.ReconciliationID:
			b.reconciliation()
		default:
			return Document{}, fmt.Errorf("rapporten kan inte byggas: sektionen %q (%s) saknar innehåll i layouts/doc", s.ID, s.Title)
		}
	}
	d.Blocks = b.blocks
	return d, nil
}

// kindText says on the cover what a report of kind k is.
func kindText(k period.Kind) (string, error) {
	switch k {
	case period.Full:
		return "Uppföljning av hela verksamhetsplanen", nil
	case period.Annual:
		return "Årsredovisning: årets utfall och slutlig bedömning av målen", nil
	case period.Deviation:
		return "Avvikelserapport: ekonomisk prognos, medarbetare och övriga avvikelser", nil
	}
	return "", fmt.Errorf("rapporten kan inte byggas: rapporttypen %d är okänd", int(k))
}

// swedishDate is "12 maj 2026"; text that is not a date is shown as is.
func swedishDate(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		if s == "" {
			return "–"
		}
		return s
	}
	return strconv.Itoa(t.Day()) + " " + period.MonthName(t.Month()) + " " + strconv.Itoa(t.Year())
}

type builder struct {
	r       *report.Report
	unit    string
	council string // "regionfullmäktige" or "kommunfullmäktige"
	blocks  []Block
}

// councilOf names the assembly whose goals the board's goals serve: a
// municipality's is kommunfullmäktige, a region's regionfullmäktige.
func councilOf(organisation string) string {
	if strings.Contains(strings.ToLower(organisation), "kommun") {
		return "kommunfullmäktige"
	}
	return "regionfullmäktige"
}

// add appends blocks; every chart gets its text alternative here, so that
// none is added without one.
func (b *builder) add(bl ...Block) {
	for _, x := range bl {
		if c, ok := x.(Chart); ok {
			c.Alt = altText(c)
			x = c
		}
		b.blocks = append(b.blocks, x)
	}
}

func (b *builder) text(style TextStyle, format string, args ...any) {
	b.add(Paragraph{Style: style, Text: fmt.Sprintf(format, args...)})
}

// months is "januari–april 2026": the span this report covers.
func (b *builder) months() string { return monthsCovered(b.r) }

// monthsCovered is "januari–april 2026"; a report without a valid last
// month (a zero value) gets the year alone rather than a panic.
func monthsCovered(r *report.Report) string {
	if r.Period.LastMonth < time.January || r.Period.LastMonth > time.December {
		return strconv.Itoa(r.Year)
	}
	return fmt.Sprintf("%s %d", r.Period.Months(), r.Year)
}

// summary opens a full report: the result in a few sentences, then goal
// fulfilment with the key to the symbols, as the region's reports open.
func (b *builder) summary() {
	r := b.r
	e := r.Economy
	b.text(Body, "%s redovisar för perioden %s ett resultat på %s mnkr, vilket är %s. %s",
		b.unit, b.months(), e.PeriodResult.FormatMnkr(),
		versusBudget(e.AccumulatedBudgetDeviation, "budget för perioden"),
		b.prognosisSentence())

	b.add(Heading{Level: 2, Text: "Sammanfattning av måluppfyllelse"})
	total := 0
	for _, n := range r.GoalCounts {
		total += n
	}
	parts := []string{}
	for _, l := range report.Levels {
		if n := r.GoalCounts[l]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %s", countWord(n), strings.ToLower(l.Word())))
		}
	}
	if total == 0 {
		b.text(Body, "Inga mål har bedömts för perioden.")
	} else {
		b.text(Body, "%s har %s mål för %d. Av dem bedöms %s för perioden %s.",
			b.unit, countWord(total), r.Year, joinSwedish(parts), b.months())
	}
	rows := []Row{}
	for _, l := range report.Levels {
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{
			{Text: l.Word(), Level: levelPtr(l)},
			{Text: levelMeaning(l)},
			{Text: strconv.Itoa(r.GoalCounts[l])},
		}})
	}
	rows = append(rows, Row{Kind: Total, Cells: []Cell{{Text: "Summa mål"}, {}, {Text: strconv.Itoa(total)}}})
	b.add(Table{
		Caption: "Teckenförklaring och antal mål per bedömning",
		Columns: []Column{col("Bedömning", 3.2, Left), col("Betydelse", 6, Left), col("Antal mål", 1.6, Right)},
		Rows:    rows,
	})
	counts := make([]*float64, len(report.Levels))
	cats := make([]string, len(report.Levels))
	for i, l := range report.Levels {
		cats[i] = l.Word()
		counts[i] = floatPtr(float64(r.GoalCounts[l]))
	}
	b.add(Chart{Kind: StatusChart, Title: "Mål per bedömning", Unit: "antal mål",
		Categories: cats, Levels: append([]report.Level(nil), report.Levels...),
		Series: []Series{{Name: "Antal mål", Values: counts}}, Height: 40})

	if dev := r.Deviations; len(dev.Goals)+len(dev.Investments)+len(dev.Indicators) > 0 {
		b.add(Heading{Level: 2, Text: "Avvikelser i korthet"})
		items := []string{}
		for _, g := range dev.Goals {
			title := g.BoardGoal
			if title == "" {
				title = g.CouncilGoal
			}
			items = append(items, fmt.Sprintf("Mål %s bedöms inte uppfyllas: %s.", g.Nr, shorten(title, 90)))
		}
		for _, in := range dev.Indicators {
			items = append(items, fmt.Sprintf("%s ligger utanför %s.", in.Name, strings.ToLower(targetWord(in.IndicatorDef))))
		}
		for _, inv := range dev.Investments {
			items = append(items, fmt.Sprintf("Investeringen %s har en prognos som avviker från budget med %s mnkr.", inv.Name, amountText(inv.Deviation)))
		}
		b.add(List{Style: Body, Items: items})
	}
}

func (b *builder) prognosisSentence() string {
	op := b.r.Operating
	switch {
	case op.PrognosisIsOutcome:
		return "Årets utfall är också årets prognos."
	case op.PrognosisIsBudget:
		return "Ingen prognos har lämnats för perioden; årsbudgeten står som prognos."
	}
	return fmt.Sprintf("Prognosen för helåret är %s mnkr, vilket är %s.",
		op.Net.Prognosis.FormatMnkr(), versusBudget(b.r.Economy.PrognosisBudgetDeviation, "årsbudget"))
}

// goals is table 1 and one subsection per goal.
func (b *builder) goals() {
	r := b.r
	b.text(Body, "%s har %s mål för %d inom %ss fokusområden. Tabell 1 visar bedömningen av varje mål för perioden %s; därefter följer analysen mål för mål.",
		b.unit, countWord(len(boardGoals(r.Goals))), r.Year, b.council, b.months())
	rows := []Row{}
	focus := ""
	for _, g := range r.Goals {
		if g.FocusArea != focus && g.FocusArea != "" {
			focus = g.FocusArea
			rows = append(rows, Row{Kind: Group, Cells: []Cell{{Text: focus}}})
		}
		goal := g.BoardGoal
		status := Cell{Text: g.Level.Word(), Level: levelPtr(g.Level)}
		if g.BoardGoal == "" {
			goal = g.CouncilGoal + " (" + b.council + "s mål). Inget eget mål för " + b.unit + "."
			if g.Level == report.NotAssessed {
				status = Cell{Text: "–"}
			}
		}
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{{Text: g.Nr}, {Text: goal}, status}})
	}
	b.add(Table{
		Caption: layouts.Caption(1, b.unit),
		Columns: []Column{col("Nr", 0.7, Left), col("Mål", 8, Left), col("Bedömning", 3, Left)},
		Rows:    rows,
	})
	for _, g := range r.Goals {
		title := g.BoardGoal
		if title == "" {
			title = g.CouncilGoal
		}
		b.add(Heading{Level: 3, Text: "Mål " + g.Nr + ". " + title, Outline: "Mål " + g.Nr + ". " + shorten(title, 70)})
		meta := ""
		if g.FocusArea != "" {
			meta = "Fokusområde: " + g.FocusArea
		}
		if g.CouncilGoal != "" {
			if meta != "" {
				meta += "\n"
			}
			meta += strings.ToUpper(b.council[:1]) + b.council[1:] + "s mål: " + g.CouncilGoal
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
		st := Status{Label: "Bedömning", Level: g.Level, Word: g.Word}
		if st.Word == "" {
			st.Word = g.Level.Word()
		}
		if !g.Assessed.IsZero() && g.Assessed != r.Month {
			st.Note = "bedömning från " + g.Assessed.Swedish()
		}
		b.add(st)
		if strings.TrimSpace(g.Analysis) == "" {
			b.text(Italic, "Ingen analys har lämnats för perioden.")
		} else {
			b.text(Body, "%s", strings.TrimSpace(g.Analysis))
		}
	}
}

func boardGoals(gs []report.GoalResult) []report.GoalResult {
	var out []report.GoalResult
	for _, g := range gs {
		if g.BoardGoal != "" {
			out = append(out, g)
		}
	}
	return out
}

// employees is table 2 and a chart per indicator.
func (b *builder) employees() {
	r := b.r
	if len(r.Indicators) == 0 {
		b.text(Italic, "Inga indikatorer för medarbetare har rapporterats.")
		return
	}
	rows := []Row{}
	for _, in := range r.Indicators {
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{
			{Text: in.Name},
			{Text: valueText(in.Value, in.Unit), Bad: in.OffTarget},
			{Text: valueText(in.PriorYear, in.Unit)},
			{Text: valueText(in.Target, in.Unit)},
			{Text: valueText(in.Reference, in.Unit)},
			{Text: in.Level.Word(), Level: levelPtr(in.Level)},
		}})
	}
	note := ""
	for _, in := range r.Indicators {
		if in.Value != nil && !in.ValueAt.IsZero() && in.ValueAt != r.Month {
			note += fmt.Sprintf("%s avser %s. ", in.Name, in.ValueAt.Swedish())
		}
	}
	b.add(Table{
		Caption: layouts.Caption(2, b.unit),
		Columns: []Column{col(layouts.Table2Columns[0], 3.4, Left), col(layouts.Table2Columns[1], 1.5, Right),
			col(layouts.Table2Columns[2], 1.7, Right), col(layouts.Table2Columns[3], 1.5, Right),
			col(layouts.Table2Columns[4], 1.8, Right), col(layouts.Table2Columns[5], 2.6, Left)},
		Rows: rows,
		Note: strings.TrimSpace(note),
	})
	for _, in := range r.Indicators {
		if in.Description != "" {
			b.text(Small, "%s: %s", in.Name, in.Description)
		}
	}
	for _, in := range r.Indicators {
		b.add(indicatorChart(in, r.Year))
	}
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
func (b *builder) prognosisSummary() {
	e := b.r.Economy
	b.text(Body, "Resultatet för perioden %s är %s mnkr, vilket är %s. %s",
		b.months(), e.PeriodResult.FormatMnkr(),
		versusBudget(e.AccumulatedBudgetDeviation, "budget för perioden"), b.prognosisSentence())
}

// economy is tables 3 and 4 with the budget chart; full reports add
// table 5.
func (b *builder) economy(full bool) {
	r := b.r
	e := r.Economy
	t3 := []money.Amount{e.PeriodResult, e.AccumulatedBudgetDeviation, e.PrognosisBudgetDeviation, e.InvestmentPrognosisDeviation}
	rows := []Row{}
	for i, label := range layouts.Table3Rows {
		// Periodresultat is a level, not a deviation: a board's net cost is
		// negative by nature and is not marked.
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{{Text: label}, figureCell(t3[i], i > 0)}})
	}
	b.add(Table{
		Caption: layouts.Caption(3, b.unit),
		Columns: []Column{col(layouts.Table3Columns[0], 6, Left), col(layouts.Table3Columns[1]+" (mnkr)", 2, Right)},
		Rows:    rows,
		Note:    "Positiva avvikelser är bättre än budget; negativa avvikelser är markerade med rött. Prognos investeringsbudgetavvikelse är positiv när investeringarna förbrukar mindre än budgeterat.",
	})

	op := r.Operating
	rows = nil
	for _, l := range op.Lines {
		rows = append(rows, operatingRow(l, Plain))
	}
	rows = append(rows, operatingRow(op.Net, Total))
	cols := []Column{col(layouts.Table4Columns[0], 2.4, Left)}
	for _, t := range layouts.Table4Columns[1:] {
		cols = append(cols, col(t, 1.4, Right))
	}
	b.add(Table{Caption: layouts.Caption(4, b.unit), Columns: cols, Rows: rows, Small: true, Note: b.prognosisNote()})

	cats := []string{}
	budget, outcome := Series{Name: "Budget ack"}, Series{Name: "Utfall ack"}
	for _, l := range append(append([]report.OperatingLine(nil), op.Lines...), op.Net) {
		cats = append(cats, l.Line)
		budget.Values = append(budget.Values, floatPtr(l.BudgetAcc.Mnkr()))
		budget.Labels = append(budget.Labels, l.BudgetAcc.FormatMnkr())
		outcome.Values = append(outcome.Values, floatPtr(l.OutcomeAcc.Mnkr()))
		outcome.Labels = append(outcome.Labels, l.OutcomeAcc.FormatMnkr())
	}
	if len(op.Lines) > 0 {
		cats[len(cats)-1] = layouts.NetLabel
		b.add(Chart{Kind: BarChart, Title: "Budget och utfall ackumulerat " + b.months() + ", mnkr", Unit: "mnkr",
			Categories: cats, Height: 70,
			Series: []Series{budget, outcome}})
	}
	if full {
		b.investments()
	}
}

func (b *builder) prognosisNote() string {
	op := b.r.Operating
	switch {
	case op.PrognosisIsOutcome:
		return "Årsredovisning: årsprognosen är årets utfall."
	case op.PrognosisIsBudget:
		return "Ingen prognos är lämnad för perioden eller tidigare: årsbudgeten står som årsprognos."
	case !op.PrognosisMonth.IsZero() && op.PrognosisMonth != b.r.Month:
		return "Årsprognosen lämnades i " + op.PrognosisMonth.Swedish() + "; ingen senare prognos finns."
	case !op.PrognosisMonth.IsZero():
		return "Årsprognosen lämnades i " + op.PrognosisMonth.Swedish() + "."
	}
	return ""
}

func operatingRow(l report.OperatingLine, kind RowKind) Row {
	label := l.Line
	if kind == Total {
		label = layouts.NetLabel
	}
	prior := Cell{Text: "–"}
	if l.PriorYearAcc != nil {
		prior = Cell{Text: l.PriorYearAcc.FormatMnkr()}
	}
	return Row{Kind: kind, Cells: []Cell{
		{Text: label},
		{Text: l.AnnualBudget.FormatMnkr()},
		{Text: l.BudgetAcc.FormatMnkr()},
		{Text: l.OutcomeAcc.FormatMnkr()},
		figureCell(l.DeviationAcc, true),
		{Text: l.Prognosis.FormatMnkr()},
		figureCell(l.PrognosisDeviation, true),
		prior,
	}}
}

// figureCell is a figure cell; a deviation below zero is unfavourable.
func figureCell(a money.Amount, deviation bool) Cell {
	return Cell{Text: a.FormatMnkr(), Bad: deviation && a.TenthsOfMnkr() < 0}
}

func (b *builder) investments() {
	inv := b.r.Investment
	cols := []Column{col(layouts.Table5Columns[0], 2.4, Left), col(layouts.Table5Columns[1], 1.1, Right)}
	for _, y := range inv.Years {
		cols = append(cols, col(strconv.Itoa(y), 0.95, Right))
	}
	cols = append(cols, col(layouts.Table5Columns[2], 1.8, Right), col(layouts.Table5Columns[3], 1.15, Right),
		col(layouts.Table5Columns[4], 1.05, Right), col(layouts.Table5Columns[5], 3.7, Left))
	rows := []Row{}
	for _, g := range inv.Groups {
		rows = append(rows, Row{Kind: Group, Cells: []Cell{{Text: g.Name}}})
		for _, row := range g.Rows {
			rows = append(rows, investmentRow(row, Plain, len(inv.Years)))
		}
		sum := g.Sum
		sum.Name = layouts.GroupSumLabel(g.Name)
		rows = append(rows, investmentRow(sum, Sum, len(inv.Years)))
	}
	total := inv.Total
	total.Name = layouts.TotalLabel
	rows = append(rows, investmentRow(total, Total, len(inv.Years)))
	b.add(Table{Caption: layouts.Caption(5, b.unit), Columns: cols, Rows: rows, Small: true,
		Note: fmt.Sprintf("Avvikelse = budget %d − prognos %d; positiv avvikelse betyder lägre förbrukning än budgeterat.", b.r.Year, b.r.Year)})
}

func investmentRow(row report.InvestmentRow, kind RowKind, years int) Row {
	cells := []Cell{{Text: row.Name}, {Text: row.TotalBudget.FormatMnkr()}}
	for i := 0; i < years; i++ {
		if i < len(row.PlanYears) {
			cells = append(cells, Cell{Text: row.PlanYears[i].FormatMnkr()})
		} else {
			cells = append(cells, Cell{Text: "–"})
		}
	}
	dev := Cell{Text: "–"}
	if row.Deviation != nil {
		dev = figureCell(*row.Deviation, true)
	}
	cells = append(cells, Cell{Text: amountText(row.Spent)}, Cell{Text: amountText(row.Prognosis)}, dev, Cell{Text: row.Comment})
	return Row{Kind: kind, Cells: cells}
}

// otherDeviations is "övriga avvikelser" of a deviation report: each
// deviation with its reason.
func (b *builder) otherDeviations() {
	dev := b.r.Deviations
	b.add(Heading{Level: 2, Text: "Mål som bedöms inte uppfyllas"})
	if len(dev.Goals) == 0 {
		b.text(Italic, "Inget mål bedöms som ej uppfyllt för perioden.")
	}
	for _, g := range dev.Goals {
		title := g.BoardGoal
		if title == "" {
			title = g.CouncilGoal
		}
		b.add(Heading{Level: 3, Text: "Mål " + g.Nr + ". " + title, Outline: "Mål " + g.Nr + ". " + shorten(title, 70)})
		word := g.Word
		if word == "" {
			word = g.Level.Word()
		}
		b.add(Status{Label: "Bedömning", Level: g.Level, Word: word})
		if strings.TrimSpace(g.Analysis) == "" {
			b.text(Italic, "Ingen analys har lämnats för perioden.")
		} else {
			b.text(Body, "%s", strings.TrimSpace(g.Analysis))
		}
	}
	b.add(Heading{Level: 2, Text: "Investeringar med avvikande prognos"})
	if len(dev.Investments) == 0 {
		b.text(Italic, "Ingen investering har en prognos som avviker från budget.")
	} else {
		year := -1
		for i, y := range b.r.Investment.Years {
			if y == b.r.Year {
				year = i
			}
		}
		rows := []Row{}
		for _, inv := range dev.Investments {
			d := Cell{Text: "–"}
			if inv.Deviation != nil {
				d = figureCell(*inv.Deviation, true)
			}
			budget := "–"
			if year >= 0 && year < len(inv.PlanYears) {
				budget = inv.PlanYears[year].FormatMnkr()
			}
			rows = append(rows, Row{Kind: Plain, Cells: []Cell{{Text: inv.Name}, {Text: budget}, {Text: amountText(inv.Prognosis)}, d, {Text: orDash(inv.Comment)}}})
		}
		b.add(Table{Caption: "Investeringar vars prognos avviker från budget, mnkr",
			Columns: []Column{col("Investering", 2.5, Left), col(fmt.Sprintf("Budget %d", b.r.Year), 1.3, Right), col("Prognos", 1.2, Right),
				col("Avvikelse", 1.3, Right), col("Kommentar", 5.2, Left)},
			Rows: rows, Note: "Avvikelse = budget − prognos; negativ avvikelse betyder att investeringen väntas kosta mer än budgeterat."})
	}
	b.add(Heading{Level: 2, Text: "Indikatorer utanför mål- eller referensvärde"})
	if len(dev.Indicators) == 0 {
		b.text(Italic, "Alla indikatorer ligger inom sina mål- och referensvärden.")
	}
	for _, in := range dev.Indicators {
		ref := in.Target
		if ref == nil {
			ref = in.Reference
		}
		dir := "högre"
		if !in.LowerIsBetter {
			dir = "lägre"
		}
		text := fmt.Sprintf("%s är %s, %s än %s %s.", in.Name, valueText(in.Value, in.Unit), dir,
			strings.ToLower(targetWord(in.IndicatorDef)), valueText(ref, in.Unit))
		if in.PriorYear != nil {
			text += fmt.Sprintf(" Samma månad föregående år: %s.", valueText(in.PriorYear, in.Unit))
		}
		if in.Description != "" {
			text += " " + in.Description
		}
		b.add(Paragraph{Style: Lead, Text: in.Name})
		b.add(Paragraph{Style: Body, Text: text})
	}
}

// glossary is "Ord- och begreppsförklaringar".
func (b *builder) glossary() {
	rows := []Row{}
	for _, t := range glossaryTerms {
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{{Text: t[0]}, {Text: t[1]}}})
	}
	b.add(Table{Columns: []Column{{Title: "Begrepp", Width: 2.6, Align: Left, Strong: true}, {Title: "Förklaring", Width: 7, Align: Left}}, Rows: rows})
}

var glossaryTerms = [][2]string{
	{"Ackumulerad förbrukning", "Vad en investering har kostat från årets början till och med rapportmånaden."},
	{"Ackumulerad budgetavvikelse", "Utfall ackumulerat minus periodiserad budget för samma månader. Positivt belopp betyder bättre än budget."},
	{"Avvikelserapport", "Kort månadsrapport (efter februari och oktober) som redovisar ekonomisk prognos, medarbetarindikatorer och övriga avvikelser."},
	{"Budget ack", "Periodiserad budget från januari till och med rapportmånaden."},
	{"Mnkr", "Miljoner kronor. Beloppen avrundas till en decimal; summor räknas på oavrundade belopp och kan därför skilja en tiondel från summan av de visade talen."},
	{"Målvärde", "Den nivå som en indikator ska nå enligt verksamhetsplanen, till exempel sjukfrånvaro 5,2 procent."},
	{"Periodiserad budget", "Årsbudgeten fördelad på månader, efter en månadsfördelning eller med en tolftedel per månad."},
	{"Periodresultat", "Periodens resultat, ackumulerat: intäkter minus kostnader från januari till och med rapportmånaden."},
	{"Prognos", "Bedömning av helårets utfall, gjord vid rapporttillfället (årsprognos)."},
	{"Prognosavvikelse", "Årsprognos minus årsbudget. Negativt belopp betyder att året väntas bli sämre än budget."},
	{"Prognos investeringsbudgetavvikelse", "Årets investeringsbudget minus prognosen för årets investeringar. Positivt belopp betyder lägre förbrukning än budgeterat."},
	{"Referensvärde", "Ett jämförelsevärde för en indikator, till exempel Region Hallands personalomsättning 8,5 procent; inte ett mål i sig."},
	{"Utfall", "Bokförda intäkter och kostnader enligt huvudboken. Intäkter visas positiva och kostnader negativa."},
	{"Utfall ack föregående år", "Utfall för samma månader föregående år, för jämförelse."},
	{"Netto", "Summan av raderna i driftbudgeten: intäkter minus kostnader."},
}

// reconciliation shows that every krona of the ledger is accounted for,
// in kronor with öre.
func (b *builder) reconciliation() {
	rc := b.r.Reconciliation
	file := rc.File
	if file == "" {
		file = "huvudboken"
	}
	b.text(Body, "Avstämningen visar att varje krona i %s finns med i rapporten eller är redovisad som en egen del. Beloppen visas i kronor med ören och med huvudbokens tecken (debet positivt, kredit negativt), så att delarna summerar till filens total.", file)
	read := []Row{{Kind: Plain, Cells: []Cell{{Text: layouts.RowsReadLabel}, {Text: money.FormatInt(rc.RowsRead)}}}}
	for _, sh := range rc.Sheets {
		read = append(read, Row{Kind: Plain, Cells: []Cell{{Text: "Blad " + sh.Sheet + ": rader"}, {Text: money.FormatInt(sh.RowsRead)}}})
	}
	b.add(Table{Caption: "Inlästa rader",
		Columns: []Column{col("Rader", 6, Left), col("Antal", 2, Right)},
		Rows: append(read,
			Row{Kind: Plain, Cells: []Cell{{Text: layouts.RowsSummedLabel}, {Text: money.FormatInt(rc.RowsSummed)}}},
			Row{Kind: Plain, Cells: []Cell{{Text: "Hoppade över: tomma rader"}, {Text: money.FormatInt(rc.BlankRows)}}},
			Row{Kind: Plain, Cells: []Cell{{Text: "Hoppade över: rader med fel"}, {Text: money.FormatInt(rc.ErrorRows), Bad: rc.ErrorRows > 0}}},
		)})
	rows := []Row{}
	var sum money.Amount
	sumRows := 0
	for _, p := range rc.Parts() {
		sum += p.Amount
		sumRows += p.Rows
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{{Text: p.Label}, {Text: money.FormatInt(p.Rows)}, {Text: p.Amount.FormatKr()}}})
	}
	rows = append(rows,
		Row{Kind: Sum, Cells: []Cell{{Text: layouts.PartsSumLabel}, {Text: money.FormatInt(sumRows)}, {Text: sum.FormatKr()}}},
		Row{Kind: Total, Cells: []Cell{{Text: "Huvudbokens total"}, {Text: money.FormatInt(rc.RowsSummed)}, {Text: rc.LedgerTotal.FormatKr()}}},
		Row{Kind: Plain, Cells: []Cell{{Text: layouts.DifferenceLabel}, {Text: ""}, {Text: rc.Difference.FormatKr(), Bad: rc.Difference != 0}}},
	)
	b.add(Table{Caption: "Huvudbokens total fördelad på delar, kr",
		Columns: []Column{col("Del", 5, Left), col("Rader", 1.6, Right), col("Belopp, kr", 2.6, Right)},
		Rows:    rows})
	if rc.Balanced() {
		b.text(Body, "Avstämningen går jämnt ut: huvudbokens total är lika med summan av delarna på öret.")
	} else {
		b.text(Alert, "Avstämningen går inte jämnt ut: differensen är %s kr. Rapportens siffror ska inte användas förrän differensen är utredd.", rc.Difference.FormatKr())
	}
	if w := b.r.Problems.Warnings(); len(w) > 0 {
		b.add(Heading{Level: 2, Text: "Varningar i underlaget"})
		items := make([]string, len(w))
		for i, p := range w {
			items[i] = p.String()
		}
		b.add(List{Style: Small, Items: items})
	}
}

// versusBudget words a deviation: "1,2 mnkr bättre än budget".
func versusBudget(dev money.Amount, what string) string {
	switch t := dev.TenthsOfMnkr(); {
	case t > 0:
		return dev.FormatMnkr() + " mnkr bättre än " + what
	case t < 0:
		return (-dev).FormatMnkr() + " mnkr sämre än " + what
	}
	return "i nivå med " + what
}

func levelMeaning(l report.Level) string {
	switch l {
	case report.Met:
		return "Målet är uppfyllt eller bedöms uppfyllas."
	case report.PartlyMet:
		return "Målet är delvis uppfyllt eller prognosen är osäker."
	case report.NotMet:
		return "Målet är inte uppfyllt eller bedöms inte uppfyllas."
	case report.NotAssessed:
		return "Målet är inte bedömt för perioden."
	}
	panic(fmt.Sprintf("okänd bedömningsnivå %d", int(l)))
}

func targetWord(d report.IndicatorDef) string {
	if d.Target != nil {
		return "Målvärde"
	}
	return "Referensvärde"
}

var smallNumbers = []string{"inga", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"}

// countWord writes small counts in words, as Swedish prose does.
func countWord(n int) string {
	if n >= 0 && n < len(smallNumbers) {
		return smallNumbers[n]
	}
	return strconv.Itoa(n)
}

func joinSwedish(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " och " + parts[len(parts)-1]
}

// col is a table column.
func col(title string, width float64, a Align) Column {
	return Column{Title: title, Width: width, Align: a}
}

// monthOf is the month of a zero-based index, for chart axes.
func monthOf(i int) time.Month { return time.Month(i + 1) }

func levelPtr(l report.Level) *report.Level { return &l }
func floatPtr(f float64) *float64           { return &f }

func amountText(a *money.Amount) string {
	if a == nil {
		return "–"
	}
	return a.FormatMnkr()
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

// valueText is an indicator value in Swedish form: "5,2 %"; "–" if absent.
func valueText(v *float64, unit string) string {
	if v == nil {
		return "–"
	}
	s := money.FormatNumber(*v, 1)
	if unit != "" {
		s += money.NoBreakSpace + unit
	}
	return s
}

func unitWord(unit string) string {
	if unit == "%" {
		return "procent"
	}
	return unit
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := n
	for cut > n/2 && r[cut] != ' ' {
		cut--
	}
	return strings.TrimRight(string(r[:cut]), " ,") + " …"
}
