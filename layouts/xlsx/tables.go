package xlsx

import (
	"slices"
	"strconv"
	"time"

	"rapport/layouts"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// Sheet names, as SPEC section 4 lists them.
const (
	sheetEmployees  = "Tabell 2 Medarbetare"
	sheetEconomy    = "Tabell 3 Ekonomi"
	sheetOperating  = "Tabell 4 Driftbudget"
	sheetInvestment = "Tabell 5 Investeringsbudget"
	sheetMonthly    = "Underlag per månad"
	sheetAccounts   = "Underlag"
	sheetControl    = "Kontroll"
)

// Rows of every sheet: the title, a subtitle, a blank row, the column
// header, then the data.
const (
	titleRow    = 1
	subtitleRow = 2
	headerRow   = 4
	dataRow     = headerRow + 1
)

// definedName is a workbook-scope name for a key figure.
type definedName struct {
	name, refersTo string
}

// builder lays out the report's tables in sheet models. It keeps where the
// figures that other sheets refer to ended up.
type builder struct {
	r     *report.Report
	opt   Options
	names []definedName

	netRow         int            // table 4's Netto row
	netBeforeRow   int            // table 4's Netto före regionbidrag row; 0 without one
	t4Rows         map[string]int // table 4's row of each line
	invTotalRow    int            // table 5's total row, 0 if none
	invDevCol      int            // table 5's Avvikelse column
	t4, t5, t3, t2 *sheet
}

// Table 4 columns.
const (
	t4Label = iota + 1
	t4Budget
	t4BudgetAcc
	t4Outcome
	t4Deviation
	t4Prognosis
	t4PrognosisDeviation
	t4Prior
	t4CostDevelopment
	t4Comment
)

// mnkr is the cell value of an amount: mnkr as a float, exact to the öre
// (amount/1e8 is the double nearest the decimal figure).
func mnkr(a money.Amount) float64 { return a.Mnkr() }

// subtitle says whose report it is, which period and when.
func subtitle(r *report.Report, extra string) string {
	s := r.Organisation
	add := func(t string) {
		if t == "" {
			return
		}
		if s != "" {
			s += " · "
		}
		s += t
	}
	add(r.Period.Name + ", " + monthsCovered(r.Month))
	if r.DateGiven {
		// SPEC 12.5: a date only when one was given, never the balance day.
		add("Rapportdatum " + r.ReportDate)
	}
	add(extra)
	if r.Example {
		add("Exempeldata")
	}
	return s
}

// monthsCovered is "januari–april 2026", or "januari 2026".
func monthsCovered(m period.Month) string {
	switch {
	case m.IsZero():
		return ""
	case m.Month < 1 || m.Month > 12:
		return strconv.Itoa(m.Year)
	case m.Month == 1:
		return m.Swedish()
	}
	return period.MonthName(1) + "–" + m.Swedish()
}

// head writes the title, subtitle and column headers. The first column
// and the textCols hold text; the others hold figures and get
// right-aligned headers.
func head(s *sheet, title, sub string, columns []string, textCols ...int) {
	s.headerRow = headerRow
	s.text(1, titleRow, title, styleTitle)
	s.text(1, subtitleRow, sub, styleSubtitle)
	for i, c := range columns {
		st := styleHeaderNum
		if i == 0 || slices.Contains(textCols, i+1) {
			st = styleHeader
		}
		s.text(i+1, headerRow, c, st)
	}
}

// operating lays out table 4. Figures are values; Avvikelse and
// Prognosavvikelse are differences and Netto is a sum, all live formulas.
func (b *builder) operating() *sheet {
	r := b.r
	s := newSheet(sheetOperating)
	cols := append(append([]string(nil), layouts.Table4ColumnsFor(r.Period.Kind)...), layouts.CostDevelopmentColumn, layouts.CommentColumn)
	head(s, layouts.Caption(4, r.Unit), subtitle(r, "Belopp i mnkr"), cols, t4Comment)
	row := dataRow
	hasPrior := r.Operating.Net.PriorYearAcc != nil
	for _, l := range r.Operating.Lines {
		if l.PriorYearAcc != nil {
			hasPrior = true
		}
	}
	for _, l := range r.Operating.Lines {
		s.text(t4Label, row, l.Line, styleText)
		if b.t4Rows == nil {
			b.t4Rows = map[string]int{}
		}
		b.t4Rows[l.Line] = row
		operatingFigures(s, row, l, styleMnkr, r.Operating.PrognosisIsOutcome)
		s.text(t4Comment, row, l.Comment, styleTextWrap)
		row++
	}
	first, last := dataRow, row-1
	net := row
	s.text(t4Label, net, layouts.NetLabel, styleTextSum)
	for _, col := range []int{t4Budget, t4BudgetAcc, t4Outcome, t4Prognosis} {
		s.formula(col, net, b.sumOrZero(s, col, first, last), styleMnkrSum)
	}
	s.formula(t4Deviation, net, minus(s.at(t4Outcome, net), s.at(t4BudgetAcc, net)), styleMnkrSum)
	s.formula(t4PrognosisDeviation, net, minus(s.at(t4Prognosis, net), s.at(t4Budget, net)), styleMnkrSum)
	if hasPrior && r.Operating.NetBeforeFunding == nil {
		s.formula(t4Prior, net, b.sumOrZero(s, t4Prior, first, last), styleMnkrSum)
		if s.get(t4Prior, net).value() != 0 {
			s.formula(t4CostDevelopment, net, costDevelopment(s, net), styleIndicator)
		}
	} else {
		s.put(t4Prior, net, &cell{kind: kindText, style: styleMnkrSum}) // keeps the sum row's rule
	}
	b.netRow = net
	notesAt := net + 2
	if nb := r.Operating.NetBeforeFunding; nb != nil {
		// SPEC 12.2: the lines but the funding from the setting, which
		// has no prior year, under Netto, whose prior year is empty.
		b.netBeforeRow = net + 1
		s.text(t4Label, net+1, nb.Line, styleTextSum)
		operatingFigures(s, net+1, *nb, styleMnkrSum, r.Operating.PrognosisIsOutcome)
		notesAt++
	}
	s.widths = make([]float64, t4Comment+1)
	s.widths[t4Comment] = 50
	s.red = append(s.red,
		conditional{rng: ref(t4Deviation, dataRow) + ":" + ref(t4Deviation, net)},
		conditional{rng: ref(t4PrognosisDeviation, dataRow) + ":" + ref(t4PrognosisDeviation, net)})

	notes := []string{"Avvikelse ack = Utfall ack − Budget ack; Prognosavvikelse = Årsprognos − Årsbudget. Positivt är bättre än budget, negativt visas i rött."}
	switch {
	case r.Operating.PrognosisIsOutcome:
		notes = append(notes, "Årsredovisning: årsprognosen är årets utfall.")
	case r.Operating.PrognosisIsBudget:
		notes = append(notes, "Ingen prognos är gjord för perioden eller tidigare: årsbudgeten står som årsprognos.")
	case !r.Operating.PrognosisMonth.IsZero():
		notes = append(notes, "Årsprognosen är gjord i "+r.Operating.PrognosisMonth.Swedish()+".")
	}
	if !hasPrior {
		notes = append(notes, "Huvudboken har inga rader för föregående år: kolumnen Utfall ack föregående år är tom.")
	}
	notes = append(notes, "Förändring mot föregående år = Utfall ack / Utfall ack föregående år − 1, i procent.",
		"Utfall ack per månad finns i bladet Underlag per månad, per konto och månad i bladet Underlag.")
	writeNotes(s, notesAt, notes)

	for _, n := range []struct {
		name string
		col  int
	}{{"Nettobudget", t4Budget}, {"Utfall_ack_netto", t4Outcome}, {"Årsprognos_netto", t4Prognosis}} {
		b.names = append(b.names, definedName{n.name, absRef(s.name, n.col, net)})
	}
	return s
}

// costDevelopment is Utfall ack / Utfall ack föregående år − 1 in percent,
// as a live formula.
func costDevelopment(s *sheet, row int) expr {
	o, p := s.at(t4Outcome, row), s.at(t4Prior, row)
	return expr{formula: o.formula + "/" + p.formula + "*100-100", value: o.value/p.value*100 - 100}
}

// operatingFigures writes a row of table 4's figures in style st: values,
// with the deviations and the cost development as formulas; in the annual
// report (outcome) Årsprognos refers to Utfall ack where they agree.
func operatingFigures(s *sheet, row int, l report.OperatingLine, st style, outcome bool) {
	s.number(t4Budget, row, mnkr(l.AnnualBudget), st)
	s.number(t4BudgetAcc, row, mnkr(l.BudgetAcc), st)
	s.number(t4Outcome, row, mnkr(l.OutcomeAcc), st)
	s.formula(t4Deviation, row, minus(s.at(t4Outcome, row), s.at(t4BudgetAcc, row)), st)
	if outcome && l.Prognosis == l.OutcomeAcc {
		s.formula(t4Prognosis, row, s.at(t4Outcome, row), st)
	} else {
		s.number(t4Prognosis, row, mnkr(l.Prognosis), st)
	}
	s.formula(t4PrognosisDeviation, row, minus(s.at(t4Prognosis, row), s.at(t4Budget, row)), st)
	if l.PriorYearAcc != nil {
		s.number(t4Prior, row, mnkr(*l.PriorYearAcc), st)
		if l.CostDevelopment != nil && *l.PriorYearAcc != 0 {
			s.formula(t4CostDevelopment, row, costDevelopment(s, row), styleIndicator)
		}
	}
}

// auditNetRow is the row of table 4 that the monthly audit trail's sum
// checks against: the lines from the ledger, so Netto före regionbidrag
// where the funding comes from the setting alone.
func (b *builder) auditNetRow() int {
	if b.netBeforeRow != 0 {
		return b.netBeforeRow
	}
	return b.netRow
}

// sumOrZero is SUM over rows first…last, or a plain 0 when there are no
// rows (a SUM over an upside-down range would count the header).
func (b *builder) sumOrZero(s *sheet, col, first, last int) expr {
	if last < first {
		return expr{formula: "0"}
	}
	return s.sumCol(col, first, last)
}

func writeNotes(s *sheet, row int, notes []string) {
	for i, n := range notes {
		s.text(1, row+i, n, styleNote)
	}
}

// investments lays out table 5: a heading per group, its investments, a
// sum per group and the total, sums and deviations as live formulas.
func (b *builder) investments() *sheet {
	r := b.r
	inv := r.Investment
	s := newSheet(sheetInvestment)
	withTotal := false
	for _, g := range inv.Groups {
		for _, in := range g.Rows {
			withTotal = withTotal || in.PriorYearsSpent != nil || in.PrognosisTotal != nil
		}
	}
	cols := []string{layouts.Table5Columns[0], layouts.Table5Columns[1]}
	extra := 0
	if withTotal {
		cols = append(cols, layouts.PriorYearsSpentColumn, layouts.PrognosisTotalColumn)
		extra = 2
	}
	for _, y := range inv.Years {
		cols = append(cols, strconv.Itoa(y))
	}
	cols = append(cols, layouts.Table5Columns[2:]...)
	head(s, layouts.Caption(5, r.Unit), subtitle(r, "Belopp i mnkr"), cols, len(cols))

	colTotal := 2
	colPriorYears, colPrognosisTotal := 3, 4
	colYear := func(i int) int { return 3 + extra + i }
	colSpent := 3 + extra + len(inv.Years)
	colPrognosis := colSpent + 1
	colDeviation := colSpent + 2
	colComment := colSpent + 3
	reportYearCol := 0
	for i, y := range inv.Years {
		if y == r.Year {
			reportYearCol = colYear(i)
		}
	}
	amountCols := []int{colTotal}
	if withTotal {
		amountCols = append(amountCols, colPriorYears, colPrognosisTotal)
	}
	for i := range inv.Years {
		amountCols = append(amountCols, colYear(i))
	}

	row := dataRow
	var sumRows []int
	var fromLedger []string
	for _, g := range inv.Groups {
		s.text(1, row, g.Name, styleGroup)
		row++
		first := row
		for _, in := range g.Rows {
			s.text(1, row, in.Name, styleText)
			s.number(colTotal, row, mnkr(in.TotalBudget), styleMnkr)
			if withTotal {
				if in.PriorYearsSpent != nil {
					s.number(colPriorYears, row, mnkr(*in.PriorYearsSpent), styleMnkr)
				}
				if in.PrognosisTotal != nil {
					s.number(colPrognosisTotal, row, mnkr(*in.PrognosisTotal), styleMnkr)
				}
			}
			for i, a := range in.PlanYears {
				if i < len(inv.Years) {
					s.number(colYear(i), row, mnkr(a), styleMnkr)
				}
			}
			if in.Spent != nil {
				s.number(colSpent, row, mnkr(*in.Spent), styleMnkr)
				if in.SpentFromLedger {
					fromLedger = append(fromLedger, in.Name)
				}
			}
			if in.Prognosis != nil {
				s.number(colPrognosis, row, mnkr(*in.Prognosis), styleMnkr)
			}
			if in.Deviation != nil {
				if reportYearCol > 0 && in.Prognosis != nil {
					s.formula(colDeviation, row, minus(s.at(reportYearCol, row), s.at(colPrognosis, row)), styleMnkr)
				} else {
					s.number(colDeviation, row, mnkr(*in.Deviation), styleMnkr)
				}
			}
			s.text(colComment, row, layouts.InvestmentComment(in, r.Month), styleTextWrap)
			row++
		}
		last := row - 1
		s.text(1, row, layouts.GroupSumLabel(g.Name), styleTextSum)
		for _, col := range amountCols {
			s.formula(col, row, b.sumOrZero(s, col, first, last), styleMnkrSum)
		}
		for _, c := range []struct {
			col int
			a   *money.Amount
		}{{colSpent, g.Sum.Spent}, {colPrognosis, g.Sum.Prognosis}, {colDeviation, g.Sum.Deviation}} {
			if c.a != nil {
				s.formula(c.col, row, b.sumOrZero(s, c.col, first, last), styleMnkrSum)
			} else {
				s.put(c.col, row, &cell{kind: kindText, style: styleMnkrSum})
			}
		}
		s.put(colComment, row, &cell{kind: kindText, style: styleTextSum})
		sumRows = append(sumRows, row)
		row++
	}
	total := row
	s.text(1, total, layouts.TotalLabel, styleTextSum)
	totalOf := func(col int) expr {
		if len(sumRows) == 0 {
			return expr{formula: "0"}
		}
		return s.sumCells(col, sumRows)
	}
	for _, col := range amountCols {
		s.formula(col, total, totalOf(col), styleMnkrSum)
	}
	for _, c := range []struct {
		col int
		a   *money.Amount
	}{{colSpent, inv.Total.Spent}, {colPrognosis, inv.Total.Prognosis}, {colDeviation, inv.Total.Deviation}} {
		if c.a != nil {
			s.formula(c.col, total, totalOf(c.col), styleMnkrSum)
		} else {
			s.put(c.col, total, &cell{kind: kindText, style: styleMnkrSum})
		}
	}
	s.put(colComment, total, &cell{kind: kindText, style: styleTextSum})
	b.invTotalRow, b.invDevCol = total, colDeviation
	if inv.Total.Deviation == nil {
		b.invTotalRow = 0
	}
	s.red = append(s.red, conditional{rng: ref(colDeviation, dataRow) + ":" + ref(colDeviation, total)})
	s.widths = make([]float64, colComment+1)
	s.widths[colComment] = 60

	notes := []string{"Avvikelse = budget " + strconv.Itoa(r.Year) + " − prognos " + strconv.Itoa(r.Year) +
		"; positivt är lägre utgift än budget, negativt visas i rött."}
	if len(fromLedger) > 0 {
		n := "Ackumulerad förbrukning summerad ur huvudbokens balanskonton per projekt: "
		for i, name := range fromLedger {
			if i > 0 {
				n += ", "
			}
			n += name
		}
		notes = append(notes, n+".")
	}
	writeNotes(s, total+2, notes)
	return s
}

// economy lays out table 3. Its figures are references to tables 4 and 5
// where the cell there holds the report's figure, so that they stay live;
// otherwise the figure itself.
func (b *builder) economy() *sheet {
	r := b.r
	s := newSheet(sheetEconomy)
	head(s, layouts.Caption(3, r.Unit), subtitle(r, "Belopp i mnkr"), layouts.Table3Columns)
	e := r.Economy
	labels := layouts.Table3RowsFor(r.Period.Kind)
	figures := []struct {
		label, name string
		amount      money.Amount
		from        *sheet
		col, row    int
	}{
		{labels[0], "Periodresultat", e.PeriodResult, b.t4, t4Outcome, b.netRow},
		{labels[1], "Ackumulerad_budgetavvikelse", e.AccumulatedBudgetDeviation, b.t4, t4Deviation, b.netRow},
		{labels[2], "Prognos_budgetavvikelse", e.PrognosisBudgetDeviation, b.t4, t4PrognosisDeviation, b.netRow},
		{labels[3], "Prognos_investeringsbudgetavvikelse", e.InvestmentPrognosisDeviation, b.t5, b.invDevCol, b.invTotalRow},
	}
	for i, f := range figures {
		row := dataRow + i
		s.text(1, row, f.label, styleText)
		if f.from != nil && f.row > 0 {
			if x := f.from.atFrom(f.col, f.row); sameOre(x.value, f.amount) {
				s.formula(2, row, x, styleMnkr)
				b.names = append(b.names, definedName{f.name, absRef(s.name, 2, row)})
				continue
			}
		}
		s.number(2, row, mnkr(f.amount), styleMnkr)
		b.names = append(b.names, definedName{f.name, absRef(s.name, 2, row)})
	}
	s.red = append(s.red, conditional{rng: ref(2, dataRow+1) + ":" + ref(2, dataRow+3)})
	writeNotes(s, dataRow+len(figures)+1, []string{
		"Periodresultat = Utfall ack netto; Ackumulerad budgetavvikelse = Utfall ack netto − Budget ack netto (tabell 4).",
		"Prognos budgetavvikelse = Årsprognos netto − Årsbudget netto; Prognos investeringsbudgetavvikelse = Σ (budget " +
			strconv.Itoa(r.Year) + " − prognos) i tabell 5.",
	})
	return s
}

// sameOre reports whether a cell value in mnkr is the amount to the öre.
func sameOre(v float64, a money.Amount) bool {
	o, err := money.FromFloat(v, money.UnitMnkr)
	return err == nil && o == a
}

// employees lays out table 2 with its trend, then each indicator's
// monthly values this year and last.
func (b *builder) employees() *sheet {
	r := b.r
	s := newSheet(sheetEmployees)
	cols := append(append([]string(nil), layouts.Table2Columns...), layouts.TrendColumn)
	value, perIndicator := layouts.ValueHeader(r.Indicators)
	cols[1] = value
	head(s, layouts.Caption(2, r.Unit), subtitle(r, ""), cols, 6, 7)
	var notes []string
	row := dataRow
	for _, in := range r.Indicators {
		label := in.Name
		if in.Unit != "" {
			label += " (" + in.Unit + ")"
		}
		s.text(1, row, label, styleText)
		for i, v := range []*float64{in.Value, in.PriorYear, in.Target, in.Reference} {
			if v != nil {
				s.number(2+i, row, *v, styleIndicator)
			}
		}
		s.text(6, row, in.Grade.Word(), styleText)
		s.text(7, row, layouts.TrendText(in.Trend), styleText)
		if perIndicator && in.ValueLabel != "" {
			notes = append(notes, in.Name+": värdet avser "+in.ValueLabel+".")
		} else if in.ValueLabel == "" && in.Value != nil && !in.ValueAt.IsZero() && in.ValueAt != r.Month {
			notes = append(notes, in.Name+": värdet avser "+in.ValueAt.Swedish()+".")
		}
		if in.Value == nil {
			notes = append(notes, in.Name+": inget värde för perioden.")
		}
		row++
	}
	if row > dataRow {
		s.red = append(s.red, conditional{
			rng: ref(6, dataRow) + ":" + ref(6, row-1),
			expr: "OR($F" + strconv.Itoa(dataRow) + "=\"" + report.GradeTargetNotMet.Word() + "\",$F" + strconv.Itoa(dataRow) +
				"=\"" + report.GradeWorseThanRef.Word() + "\")",
		})
	}
	if len(r.Indicators) == 0 {
		notes = append(notes, "Inga indikatorer finns för perioden.")
	}
	notes = append(notes, "Föregående år avser samma period året innan. Trend jämför värdet med föregående år: ↑ förbättrad, ↓ försämrad.")
	writeNotes(s, row+1, notes)
	row += len(notes) + 2
	last := int(r.Month.Month)
	if len(r.Indicators) > 0 && last >= 1 && last <= 12 {
		s.text(1, row, "Indikatorernas värden per månad", styleGroup)
		row++
		s.text(1, row, "Indikator och år", styleHeader)
		for m := 1; m <= last; m++ {
			s.text(1+m, row, period.ShortMonthName(time.Month(m)), styleHeaderNum)
		}
		row++
		for _, in := range r.Indicators {
			for _, y := range []struct {
				year int
				pts  []report.IndicatorPoint
			}{{r.Year, in.Series}, {r.Year - 1, in.Prior}} {
				s.text(1, row, in.Name+" "+strconv.Itoa(y.year), styleText)
				for _, p := range y.pts {
					if p.Month.Month >= 1 && int(p.Month.Month) <= last {
						s.number(1+int(p.Month.Month), row, p.Value, styleIndicator)
					}
				}
				row++
			}
		}
	}
	return s
}
