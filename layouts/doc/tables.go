package doc

import (
	"fmt"
	"strconv"
	"strings"

	"rapport/layouts"
	"rapport/report"
	"rapport/report/money"
)

// economy is tables 3 and 4 with the lines' comments, the prognosis path
// and a chart of the deviations.
func (b *builder) economy() {
	t4 := b.operatingTable()
	t5, _ := b.investmentTable()
	b.add(b.economyTable(t4, t5), t4)

	var comments []string
	for _, l := range b.r.Operating.Lines {
		if c := strings.TrimSpace(l.Comment); c != "" {
			comments = append(comments, l.Line+": "+c)
		}
	}
	if len(comments) > 0 {
		b.add(Paragraph{Style: Lead, Text: "Kommentarer per rad i driftbudgeten"})
		b.add(List{Style: Body, Items: comments})
	}
	b.groups()
	b.prognosisPath()
	b.netPath()
	b.deviationChart()
}

// deviationCol is a right-aligned column of deviations: a figure below
// zero in it is unfavourable.
func deviationCol(title string, width float64) Column {
	c := col(title, width, Right)
	c.Deviation = true
	return c
}

// table4 says where table 4's figures stand: the columns of outcome and
// the prior year, and the Netto row.
type table4 struct {
	outcome, deviation, prognosisDeviation, prior int // -1 where the kind has none
}

func (b *builder) table4Layout() table4 {
	if b.annual() {
		return table4{outcome: 2, deviation: 3, prognosisDeviation: -1, prior: 4}
	}
	return table4{outcome: 3, deviation: 4, prognosisDeviation: 6, prior: 7}
}

// operatingTable is table 4: a row per line, Netto before the funding
// when the funding is a line of its own (SPEC 12.2), and Netto. Netto adds
// the lines; Avvikelse, Prognosavvikelse and the change against the prior
// year are derived from the row's own figures, so that every output shows
// and computes them alike.
func (b *builder) operatingTable() Table {
	op := b.r.Operating
	at := b.table4Layout()
	names := layouts.Table4ColumnsFor(b.kind)
	cols := []Column{col(names[0], 2.4, Left)}
	for _, t := range names[1:] {
		cols = append(cols, col(t, 1.4, Right))
	}
	var derived []Derived
	if b.annual() {
		derived = append(derived, Derived{Column: at.deviation, Op: Difference, A: at.outcome, B: 1})
	} else {
		derived = append(derived, Derived{Column: at.deviation, Op: Difference, A: at.outcome, B: 2},
			Derived{Column: at.prognosisDeviation, Op: Difference, A: 5, B: 1})
		cols[at.prognosisDeviation].Deviation = true
	}
	cols[at.deviation].Deviation = true
	withDev, hasPrior := false, op.Net.PriorYearAcc != nil
	for _, l := range op.Lines {
		withDev = withDev || l.CostDevelopment != nil
		hasPrior = hasPrior || l.PriorYearAcc != nil
	}
	if withDev {
		cols = append(cols, col(layouts.CostDevelopmentColumn, 1.6, Right))
		derived = append(derived, Derived{Column: len(cols) - 1, Op: Change, A: at.outcome, B: at.prior})
	}
	rows := []Row{}
	var all, before []int
	funding := ""
	for i, l := range op.Lines {
		rows = append(rows, Row{Kind: Plain, Cells: b.operatingCells(l, l.Line, withDev)})
		all = append(all, i)
		if l.Funding {
			funding = l.Line
		} else {
			before = append(before, i)
		}
	}
	var notes []string
	if b.annual() {
		notes = append(notes, "Avvikelse = Utfall − Årsbudget. Positiva avvikelser är bättre än budget; negativa avvikelser är markerade med rött.")
	} else {
		notes = append(notes, "Avvikelse ack = Utfall ack − Budget ack; Prognosavvikelse = Årsprognos − Årsbudget. Positiva avvikelser är bättre än budget; negativa avvikelser är markerade med rött.")
	}
	if n := b.prognosisNote(); n != "" {
		notes = append(notes, n)
	}
	if funding != "" && len(before) > 0 && op.FundingFromSetting {
		// The funding is the setting, not a booking, and has no prior
		// year: Netto after it set beside a prior year before it would
		// compare unlike figures (SPEC 12.2). Where Kontoplan maps the
		// funding, the ledger gives it a prior year and Netto compares.
		label := "Netto före " + lowerFirst(funding)
		rows = append(rows, Row{Kind: Sum, Cells: b.operatingCells(report.OperatingLine{}, label, withDev), Adds: before})
		notes = append(notes, fmt.Sprintf("%s är summan av raderna utom %s, som är det beslutade bidraget och inte en bokföring i huvudboken; %s jämförs därför med föregående år, inte %s.",
			label, lowerFirst(funding), label, layouts.NetLabel))
	}
	rows = append(rows, Row{Kind: Total, Cells: b.operatingCells(op.Net, layouts.NetLabel, withDev), Adds: all})
	if !hasPrior {
		notes = append(notes, "Huvudboken har inga rader för föregående år.")
	}
	if withDev {
		if b.annual() {
			notes = append(notes, "Förändring mot föregående år = Utfall / Utfall föregående år − 1.")
		} else {
			notes = append(notes, "Förändring mot föregående år = Utfall ack / Utfall ack föregående år − 1.")
		}
	}
	t := Table{Number: 4, Caption: layouts.Caption(4, b.unit), Columns: cols, Rows: rows, Small: true,
		Note: strings.Join(notes, " "), Derived: derived}
	t.finish()
	return t
}

// operatingCells are a line's cells of table 4 under label.
func (b *builder) operatingCells(l report.OperatingLine, label string, withDev bool) []Cell {
	var vals []*Value
	if b.annual() {
		vals = []*Value{mnkrValue(l.AnnualBudget), mnkrValue(l.OutcomeAcc), mnkrValue(l.PrognosisDeviation), optMnkr(l.PriorYearAcc)}
	} else {
		vals = []*Value{mnkrValue(l.AnnualBudget), mnkrValue(l.BudgetAcc), mnkrValue(l.OutcomeAcc), mnkrValue(l.DeviationAcc),
			mnkrValue(l.Prognosis), mnkrValue(l.PrognosisDeviation), optMnkr(l.PriorYearAcc)}
	}
	if withDev {
		var change *Value
		if l.CostDevelopment != nil {
			change = &Value{Unit: Percent, Number: *l.CostDevelopment, Decimals: 1}
		}
		vals = append(vals, change)
	}
	cells := []Cell{{Text: label}}
	for _, v := range vals {
		cells = append(cells, Cell{Value: v})
	}
	return cells
}

// economyTable is table 3: each figure is the one of table 4's Netto or
// table 5's total that it restates, and says so.
func (b *builder) economyTable(t4, t5 Table) Table {
	e := b.r.Economy
	at := b.table4Layout()
	net := len(t4.Rows) - 1
	invTotal, invDev := len(t5.Rows)-1, -1
	for _, d := range t5.Derived {
		invDev = d.Column
	}
	type figure struct {
		a    money.Amount
		from *CellRef
	}
	ref := func(table, row, column int) *CellRef {
		if row < 0 || column < 0 {
			return nil
		}
		return &CellRef{Table: table, Row: row, Column: column}
	}
	figures := []figure{{e.PeriodResult, ref(4, net, at.outcome)}}
	if b.annual() {
		figures = append(figures, figure{e.PrognosisBudgetDeviation, ref(4, net, at.deviation)})
	} else {
		figures = append(figures, figure{e.AccumulatedBudgetDeviation, ref(4, net, at.deviation)},
			figure{e.PrognosisBudgetDeviation, ref(4, net, at.prognosisDeviation)})
	}
	figures = append(figures, figure{e.InvestmentPrognosisDeviation, ref(5, invTotal, invDev)})
	rows := []Row{}
	for i, label := range layouts.Table3RowsFor(b.kind) {
		if i >= len(figures) {
			break
		}
		f := figures[i]
		// Periodresultat is a level, not a deviation: a board's net cost is
		// negative by nature and is not marked.
		v := mnkrValue(f.a)
		rows = append(rows, Row{Kind: Plain, Cells: []Cell{{Text: label}, {Value: v, From: f.from, Bad: i > 0 && v.Sign() < 0}}})
	}
	note := "Positiva avvikelser är bättre än budget; negativa avvikelser är markerade med rött. Prognos investeringsbudgetavvikelse är positiv när investeringarna förbrukar mindre än budgeterat."
	if b.annual() {
		note = "Positiva avvikelser är bättre än budget; negativa avvikelser är markerade med rött. Investeringsbudgetavvikelsen är positiv när investeringarna förbrukade mindre än budgeterat."
	}
	switch {
	case b.r.NetIsResult:
	case e.PeriodResult.TenthsOfMnkr() < 0:
		note += " Periodresultat är enhetens nettokostnad: " + b.funding() + "et ingår inte i raderna."
	default:
		// A unit whose revenues exceed its costs has no net cost to
		// speak of; the funding is still outside the lines.
		note += " Periodresultat är enhetens netto utan " + b.funding() + ": bidraget ingår inte i raderna."
	}
	return Table{
		Number:  3,
		Caption: layouts.Caption(3, b.unit),
		Columns: []Column{col(layouts.Table3Columns[0], 6, Left), col(layouts.Table3Columns[1]+" (mnkr)", 2, Right)},
		Rows:    rows,
		Note:    note,
	}
}

func (b *builder) prognosisNote() string {
	op := b.r.Operating
	switch {
	case b.annual() || op.PrognosisIsOutcome:
		return ""
	case op.PrognosisIsBudget:
		return "Ingen prognos är lämnad för perioden eller tidigare: årsbudgeten står som årsprognos."
	case !op.PrognosisMonth.IsZero() && op.PrognosisMonth != b.r.Month:
		return "Årsprognosen lämnades i " + op.PrognosisMonth.Swedish() + "; ingen senare prognos finns."
	case !op.PrognosisMonth.IsZero():
		return "Årsprognosen lämnades i " + op.PrognosisMonth.Swedish() + "."
	}
	return ""
}

// investments is table 5, and the comments under it when the table has
// no room for them.
func (b *builder) investments() {
	t, inTable := b.investmentTable()
	b.add(t)
	if inTable {
		return
	}
	var comments []string
	for _, g := range b.r.Investment.Groups {
		for _, row := range g.Rows {
			if c := layouts.InvestmentComment(row, b.r.Month); c != "" {
				comments = append(comments, row.Name+": "+c)
			}
		}
	}
	if len(comments) > 0 {
		b.add(Paragraph{Style: Lead, Text: "Kommentarer per investering"})
		b.add(List{Style: Body, Items: comments})
	}
}

// table5 says where table 5's figures stand; -1 where it has no such
// column.
type table5 struct {
	budget, prior, prognosisTotal, firstYear, spent, prognosis, deviation, comment int
}

// investmentTable is table 5 with Utfall tidigare år and Prognos total
// when the rows give them, and each comment's period when it is an old
// one; inTable tells whether the comments are in it. A group's sum adds
// its investments and the total adds the sums; Avvikelse is derived from
// the report year's budget and the prognosis (the outcome in the annual
// report).
func (b *builder) investmentTable() (t Table, inTable bool) {
	inv := b.r.Investment
	total := false
	for _, g := range inv.Groups {
		for _, row := range g.Rows {
			total = total || row.PriorYearsSpent != nil || row.PrognosisTotal != nil
		}
	}
	at := table5{budget: 1, prior: -1, prognosisTotal: -1, spent: -1, comment: -1}
	cols := []Column{col(layouts.Table5Columns[0], 2.4, Left), col(layouts.Table5Columns[1], 1.1, Right)}
	totals := func() {
		if total {
			at.prior, at.prognosisTotal = len(cols), len(cols)+1
			cols = append(cols, col(layouts.PriorYearsSpentColumn, 1.2, Right), col(layouts.PrognosisTotalColumn, 1.2, Right))
		}
	}
	if !b.annual() {
		totals()
	}
	at.firstYear = len(cols)
	reportYear := -1
	for _, y := range inv.Years {
		if y == b.r.Year {
			reportYear = len(cols)
		}
		cols = append(cols, col(strconv.Itoa(y), 0.95, Right))
	}
	if b.annual() {
		// The year is over: its spend is the outcome, and no prognosis
		// stands beside it (SPEC 12.1).
		at.prognosis = len(cols)
		cols = append(cols, col("Utfall "+strconv.Itoa(b.r.Year), 1.15, Right))
	} else {
		at.spent, at.prognosis = len(cols), len(cols)+1
		cols = append(cols, col(layouts.Table5Columns[2], 1.8, Right), col(layouts.Table5Columns[3], 1.15, Right))
	}
	at.deviation = len(cols)
	cols = append(cols, deviationCol(layouts.Table5Columns[4], 1.05))
	if b.annual() {
		totals()
	}
	// With the forecast-total columns the table has no room for comments
	// that a board member can read: they go in a list under it instead.
	inTable = !total
	if inTable {
		at.comment = len(cols)
		cols = append(cols, col(layouts.Table5Columns[5], 3.4, Left))
	}
	var derived []Derived
	if reportYear >= 0 {
		derived = []Derived{{Column: at.deviation, Op: Difference, A: reportYear, B: at.prognosis}}
	}
	rows := []Row{}
	var sums []int
	var fromLedger []string
	for _, g := range inv.Groups {
		rows = append(rows, Row{Kind: Group, Cells: []Cell{{Text: g.Name}}})
		var members []int
		for _, row := range g.Rows {
			members = append(members, len(rows))
			rows = append(rows, Row{Kind: Plain, Cells: b.investmentCells(row, row.Name, at, len(cols), len(inv.Years))})
			if row.SpentFromLedger && row.Spent != nil {
				fromLedger = append(fromLedger, row.Name)
			}
		}
		sums = append(sums, len(rows))
		rows = append(rows, Row{Kind: Sum, Cells: b.investmentCells(g.Sum, layouts.GroupSumLabel(g.Name), at, len(cols), len(inv.Years)), Adds: members})
	}
	rows = append(rows, Row{Kind: Total, Cells: b.investmentCells(inv.Total, layouts.TotalLabel, at, len(cols), len(inv.Years)), Adds: sums})
	note := fmt.Sprintf("Avvikelse = budget %d − prognos %d; positiv avvikelse betyder lägre förbrukning än budgeterat.", b.r.Year, b.r.Year)
	if b.annual() {
		note = fmt.Sprintf("Avvikelse = budget %d − utfall %d; positiv avvikelse betyder lägre förbrukning än budgeterat.", b.r.Year, b.r.Year)
	}
	if total {
		note += " Prognos total är investeringens beräknade totala kostnad och jämförs med Total budget; Utfall tidigare år är förbrukningen före " + strconv.Itoa(b.r.Year) + ". Kommentarerna står under tabellen."
	}
	if len(fromLedger) > 0 {
		spent := at.spent
		if spent < 0 {
			spent = at.prognosis
		}
		note += fmt.Sprintf(" %s är hämtad ur huvudbokens balanskonton per projekt för %s.", cols[spent].Title, joinSwedish(fromLedger))
	}
	t = Table{Number: 5, Caption: layouts.Caption(5, b.unit), Columns: cols, Rows: rows, Small: true, Derived: derived}
	t.finish()
	if t.sumLacks() {
		note += " En summa visas inte i en kolumn där någon av de rader den summerar saknar belopp."
	}
	t.Note = note
	if at.prognosisTotal >= 0 {
		// Over the decided total: unfavourable whatever the year's spend.
		for i := range t.Rows {
			pt, tb := t.cell(i, at.prognosisTotal), t.cell(i, at.budget)
			if pt != nil && tb != nil && pt.Value != nil && tb.Value != nil {
				pt.Bad = (pt.Value.Amount - tb.Value.Amount).TenthsOfMnkr() > 0
			}
		}
	}
	return t, inTable
}

// investmentCells are an investment's (or a sum's) cells of table 5 under
// label, n of them.
func (b *builder) investmentCells(row report.InvestmentRow, label string, at table5, n, years int) []Cell {
	cells := make([]Cell, n)
	cells[0] = Cell{Text: label}
	cells[at.budget].Value = mnkrValue(row.TotalBudget)
	if at.prior >= 0 {
		cells[at.prior].Value = optMnkr(row.PriorYearsSpent)
		cells[at.prognosisTotal].Value = optMnkr(row.PrognosisTotal)
	}
	for i := 0; i < years; i++ {
		if i < len(row.PlanYears) {
			cells[at.firstYear+i].Value = mnkrValue(row.PlanYears[i])
		}
	}
	if at.spent >= 0 {
		cells[at.spent].Value = optMnkr(row.Spent)
	}
	cells[at.prognosis].Value = optMnkr(row.Prognosis)
	cells[at.deviation].Value = optMnkr(row.Deviation)
	if at.comment >= 0 {
		cells[at.comment].Text = layouts.InvestmentComment(row, b.r.Month)
	}
	return cells
}
