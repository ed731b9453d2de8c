package xlsx

import (
	"strconv"

	"rapport/layouts"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// monthly lays out Underlag per månad: each report line's outcome per month, this
// year (months 1…m) and the year before (all months), with the
// accumulated sum through month m as a formula, so that every Utfall ack
// of table 4 can be traced to its months.
func (b *builder) monthly() *sheet {
	r := b.r
	s := newSheet(sheetMonthly)
	m := int(r.Month.Month)
	if m < 1 || m > 12 {
		m = 12
	}
	accHeader := "Utfall ack " + period.ShortMonthName(1)
	if m > 1 {
		accHeader += "–" + period.ShortMonthName(period.Month{Month: 1}.Add(m-1).Month)
	}
	cols := []string{"Rad", "År"}
	for mo := 1; mo <= 12; mo++ {
		cols = append(cols, period.ShortMonthName(period.Month{Month: 1}.Add(mo-1).Month))
	}
	cols = append(cols, accHeader, "Tabell 4", "Stämmer")
	head(s, "Underlag per månad: utfall per rad och månad, redovisas i mnkr", subtitle(r, "Utfall i rapportens tecken: intäkter +, kostnader −"), cols, 2, 17)
	s.freezeCol = 2
	const firstMonthCol, accCol, t4Col, checkCol = 3, 15, 16, 17
	// against checks the accumulated outcome of a row against table 4's
	// figure (Utfall ack, or Utfall ack föregående år): the trail must
	// lead to the table.
	against := func(row, t4Row, col int) {
		t4 := b.placed[4]
		if t4 == nil || t4Row == 0 || col == 0 || t4.s.get(col, t4Row) == nil || t4.s.get(col, t4Row).kind == kindText {
			return
		}
		x := t4.s.atFrom(col, t4Row)
		s.formula(t4Col, row, x, styleMnkr)
		d := minus(s.at(accCol, row), s.at(t4Col, row))
		cached := "OK"
		if money.Round(d.value, 8) != 0 {
			cached = "Differens"
		}
		s.textFormula(checkCol, row, "IF(ROUND("+d.formula+",8)=0,\"OK\",\"Differens\")", cached, styleText)
	}

	hasPrior := r.Operating.HasPriorYear()
	type block struct {
		year   int
		months int
		amount func(report.MonthlyOutcome) [12]money.Amount
		t4Col  int
	}
	blocks := []block{{r.Year, m, func(o report.MonthlyOutcome) [12]money.Amount { return o.ThisYear }, b.t4Outcome}}
	if hasPrior {
		blocks = append(blocks, block{r.Year - 1, 12, func(o report.MonthlyOutcome) [12]money.Amount { return o.PriorYear }, b.t4Prior})
	}
	row := dataRow
	for _, bl := range blocks {
		first := row
		for _, o := range r.Monthly {
			s.text(1, row, o.Line, styleText)
			s.number(2, row, float64(bl.year), styleText)
			amounts := bl.amount(o)
			for i := 0; i < bl.months; i++ {
				s.number(firstMonthCol+i, row, mnkr(amounts[i]), styleMnkr)
			}
			s.formula(accCol, row, s.sumRange(row, firstMonthCol, firstMonthCol+m-1), styleMnkr)
			against(row, b.t4Rows[o.Line], bl.t4Col)
			row++
		}
		last := row - 1
		s.text(1, row, layouts.NetLabel, styleTextSum)
		s.number(2, row, float64(bl.year), styleTextSum)
		for i := 0; i < bl.months; i++ {
			s.formula(firstMonthCol+i, row, b.sumOrZero(s, firstMonthCol+i, first, last), styleMnkrSum)
		}
		for i := bl.months; i < 12; i++ {
			s.put(firstMonthCol+i, row, &cell{kind: kindText, style: styleMnkrSum})
		}
		s.formula(accCol, row, s.sumRange(row, firstMonthCol, firstMonthCol+m-1), styleMnkrSum)
		against(row, b.auditNetRow(), bl.t4Col)
		row += 2
	}
	s.red = append(s.red, conditional{rng: ref(checkCol, dataRow) + ":" + ref(checkCol, row),
		expr: ref(checkCol, dataRow) + "=\"Differens\""})
	notes := []string{"Utfall ack är summan av månaderna januari till och med rapportmånaden; för " +
		strconv.Itoa(r.Year) + " är det tabell 4:s Utfall ack och för " + strconv.Itoa(r.Year-1) +
		" tabell 4:s Utfall ack föregående år. Kolumnen Tabell 4 hämtar tabellens belopp och Stämmer jämför dem."}
	writeNotes(s, row, notes)
	return s
}

// sumRange is SUM over columns from…to of one row, added left to right.
func (s *sheet) sumRange(row, from, to int) expr {
	var v float64
	for col := from; col <= to; col++ {
		v += s.get(col, row).value()
	}
	return expr{formula: "SUM(" + ref(from, row) + ":" + ref(to, row) + ")", value: v}
}

// Kontroll columns.
const (
	ctlLabel = iota + 1
	ctlRows
	ctlAmount
)

// control lays out Kontroll: the reconciliation of the ledger in kronor
// with öre, the parts summed by a formula, and a check cell that says OK
// or shows the difference.
func (b *builder) control() *sheet {
	r := b.r
	rec := r.Reconciliation
	s := newSheet(sheetControl)
	head(s, "Kontroll: avstämning mot huvudboken",
		subtitle(r, "Belopp i kronor i huvudbokens tecken: debet +, kredit −"),
		[]string{"Post", "Rader", "Belopp (kr)"})

	row := dataRow
	s.text(ctlLabel, row, "Huvudbok", styleText)
	s.text(ctlRows, row, rec.File, styleText)
	row++
	for _, c := range []struct {
		label string
		n     int
	}{
		{layouts.RowsReadLabel, rec.RowsRead},
		{layouts.RowsSummedLabel, rec.RowsSummed},
		{"Tomma rader (hoppade över)", rec.BlankRows},
		{"Felaktiga rader (hoppade över, redovisade som fel)", rec.ErrorRows},
	} {
		s.text(ctlLabel, row, c.label, styleText)
		s.number(ctlRows, row, float64(c.n), styleInt)
		row++
	}
	if rec.SummaryRows > 0 {
		s.text(ctlLabel, row, layouts.SummaryRowsLabel, styleText)
		s.number(ctlRows, row, float64(rec.SummaryRows), styleInt)
		row++
	}
	// A workbook whose ledger is split over sheets shows what each gave.
	for _, sh := range rec.Sheets {
		s.text(ctlLabel, row, "Blad "+sh.Sheet+": lästa rader", styleText)
		s.number(ctlRows, row, float64(sh.RowsRead), styleInt)
		row++
	}
	row++
	s.text(ctlLabel, row, "Huvudbokens delar", styleGroup)
	row++
	first := row
	for _, p := range rec.Parts() {
		s.text(ctlLabel, row, p.Label, styleText)
		s.number(ctlRows, row, float64(p.Rows), styleInt)
		s.number(ctlAmount, row, p.Amount.Kronor(), styleKr)
		row++
	}
	last := row - 1
	sumRow := row
	s.text(ctlLabel, sumRow, layouts.PartsSumLabel, styleTextSum)
	s.formula(ctlRows, sumRow, b.sumOrZero(s, ctlRows, first, last), styleIntSum)
	s.formula(ctlAmount, sumRow, b.sumOrZero(s, ctlAmount, first, last), styleKrSum)
	row++
	totalRow := row
	s.text(ctlLabel, totalRow, "Huvudbokens summa (alla summerade rader)", styleText)
	s.number(ctlRows, totalRow, float64(rec.RowsSummed), styleInt)
	s.number(ctlAmount, totalRow, rec.LedgerTotal.Kronor(), styleKr)
	row++
	diffRow := row
	s.text(ctlLabel, diffRow, layouts.DifferenceLabel, styleText)
	diff := minus(s.at(ctlAmount, totalRow), s.at(ctlAmount, sumRow))
	s.formula(ctlAmount, diffRow, roundTo(diff, 2), styleKr)
	row++
	s.text(ctlLabel, row, "Kontroll", styleTextSum)
	s.put(ctlRows, row, &cell{kind: kindText, style: styleTextSum})
	d := diff.formula
	check, cached := "IF(ROUND("+d+",2)=0,\"OK\",\"Differens: \"&TEXT("+d+",\"0.00\"))", "OK"
	if v := money.Round(diff.value, 2); v != 0 {
		cached = "Differens: " + strconv.FormatFloat(diff.value, 'f', 2, 64)
	}
	s.textFormula(ctlAmount, row, check, cached, styleCheck)
	s.red = append(s.red, conditional{rng: ref(ctlAmount, row), expr: ref(ctlAmount, row) + "<>\"OK\""})
	row++
	// Outside the parts' sum: a December report's closing periods are
	// inside the lines above, and this says how much of them.
	if c := rec.ClosingIncluded; c.Rows != 0 || c.Amount != 0 {
		s.text(ctlLabel, row, c.Label, styleText)
		s.number(ctlRows, row, float64(c.Rows), styleInt)
		s.number(ctlAmount, row, c.Amount.Kronor(), styleKr)
		row++
	}
	row++
	// The draft appendix's tables "Inlästa rader" and "Huvudbokens total
	// fördelad på delar" hold the figures above, which here are live
	// formulas: written twice they pushed Kontroll onto a second page.

	if len(r.Problems) > 0 {
		s.text(ctlLabel, row, "Varningar som rapporten bär", styleGroup)
		row++
		for _, p := range r.Problems {
			s.text(ctlLabel, row, p.String(), styleNote)
			row++
		}
	}
	s.widths = []float64{0, 0, 24, 20}
	return s
}
