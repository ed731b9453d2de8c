package xlsx

import (
	"slices"
	"strconv"
	"strings"

	"rapport/layouts"
	"rapport/layouts/doc"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// Sheet names, as SPEC section 4 lists them, and table 1's (SPEC 11: the
// workbook holds tables 1–5 as the PDF does).
const (
	sheetGoals      = "Tabell 1 Mål"
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
	r      *report.Report
	opt    Options
	names  []definedName
	tables []doc.Table     // the document's tables, as the PDF shows them
	placed map[int]*placed // where tables 1–5 stand

	netRow             int            // table 4's Netto row
	netBeforeRow       int            // table 4's Netto före regionbidrag row; 0 without one
	t4Rows             map[string]int // table 4's row of each line
	t4Outcome, t4Prior int            // table 4's columns of the outcome and the prior year; 0 if none
}

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

// auditNetRow is the row of table 4 that the monthly audit trail's sum
// checks against: the lines from the ledger, so Netto före regionbidrag
// where the funding comes from the setting alone.
func (b *builder) auditNetRow() int {
	if b.netBeforeRow != 0 {
		return b.netBeforeRow
	}
	return b.netRow
}

// placed is where a table of the document stands on a sheet: the sheet
// row of each of its rows; its column c is the sheet's column c+1.
type placed struct {
	s    *sheet
	t    doc.Table
	rows []int
}

// figure is the sheet cell of the table's row r, column c, when it holds
// the table's figure.
func (p *placed) figure(r, c int) (col, row int, ok bool) {
	if p == nil || r < 0 || r >= len(p.rows) || c < 0 || c >= len(p.t.Columns) || p.rows[r] == 0 {
		return 0, 0, false
	}
	x := p.s.get(c+1, p.rows[r])
	return c + 1, p.rows[r], x != nil && x.kind != kindText
}

// valueStyle is the cell style of a figure of unit u, in a sum row or not.
func valueStyle(u doc.Unit, sum bool) style {
	switch u {
	case doc.Mnkr:
		if sum {
			return styleMnkrSum
		}
		return styleMnkr
	case doc.Kronor:
		if sum {
			return styleKrSum
		}
		return styleKr
	case doc.Count:
		if sum {
			return styleIntSum
		}
		return styleInt
	case doc.Percent:
		return styleChange
	}
	return styleIndicator
}

// figureColumns are the columns of t that hold figures.
func figureColumns(t doc.Table) []bool {
	fig := make([]bool, len(t.Columns))
	for _, row := range t.Rows {
		for c, cell := range row.Cells {
			if c > 0 && c < len(fig) && cell.Value != nil {
				fig[c] = true
			}
		}
	}
	for _, d := range t.Derived {
		if d.Column > 0 && d.Column < len(fig) {
			fig[d.Column] = true
		}
	}
	// A right-aligned column holds figures, where it has any: its "–"
	// is an empty cell.
	for c, column := range t.Columns {
		fig[c] = fig[c] || (c > 0 && column.Align == doc.Right)
	}
	return fig
}

// writeTable writes table t of the document on s, its header at row
// header and its rows below, the way the PDF shows it: the same words,
// rows and columns, each figure a number in its unit; a derived figure is
// a formula on its row's operands and a sum row's figure a SUM of the
// rows it adds, each with the figure as its cached value; a figure the
// table does not have is an empty cell. A figure that restates one of
// another table (From) refers to that table's cell. The figures of a
// deviation column are red below zero as shown.
func (b *builder) writeTable(s *sheet, t doc.Table, header int) *placed {
	p := &placed{s: s, t: t, rows: make([]int, len(t.Rows))}
	fig := figureColumns(t)
	for c, column := range t.Columns {
		st := styleHeader
		if c > 0 && column.Align == doc.Right {
			st = styleHeaderNum
		}
		s.text(c+1, header, column.Title, st)
	}
	row := header + 1
	for r := range t.Rows {
		p.rows[r] = row
		row++
	}
	for r, tr := range t.Rows {
		row := p.rows[r]
		sum := tr.Kind == doc.Sum || tr.Kind == doc.Total
		if tr.Kind == doc.Group {
			if len(tr.Cells) > 0 {
				s.text(1, row, tr.Cells[0].Text, styleGroup)
			}
			continue
		}
		for c := range t.Columns {
			var cell doc.Cell
			if c < len(tr.Cells) {
				cell = tr.Cells[c]
			}
			if !fig[c] {
				st := styleText
				switch {
				case sum:
					st = styleTextSum
				case c > 0 && t.Columns[c].Title == layouts.CommentColumn:
					st = styleTextWrap
				}
				if cell.Text != "" || sum {
					s.text(c+1, row, cell.Text, st)
				}
				continue
			}
			b.writeFigure(p, r, c, cell, sum)
		}
	}
	// A figure the document marks unfavourable outside a deviation column
	// (a deviation of table 3, an indicator off its target, a prognosis
	// over the decided total) is red as it is in the PDF.
	for r, tr := range t.Rows {
		for c, cell := range tr.Cells {
			if cell.Bad && c < len(t.Columns) && !t.Columns[c].Deviation && tr.Kind != doc.Group {
				s.red = append(s.red, conditional{rng: ref(c+1, p.rows[r]), expr: "TRUE"})
			}
		}
	}
	for c, column := range t.Columns {
		if column.Deviation && len(t.Rows) > 0 {
			top := ref(c+1, header+1)
			s.red = append(s.red, conditional{rng: top + ":" + ref(c+1, row-1), expr: "ROUND(" + top + ",1)<0"})
		}
	}
	return p
}

// writeFigure writes the figure of row r, column c of a placed table.
func (b *builder) writeFigure(p *placed, r, c int, dc doc.Cell, sum bool) {
	s, t, row := p.s, p.t, p.rows[r]
	v := dc.Value
	if v == nil {
		switch {
		case dc.Text != "" && dc.Text != "–":
			s.text(c+1, row, dc.Text, styleText)
		case sum:
			// Empty, with the sum row's rule.
			s.put(c+1, row, &cell{kind: kindText, style: styleMnkrSum})
		}
		return
	}
	st := valueStyle(v.Unit, sum)
	operand := func(i int) *doc.Value {
		if i < len(t.Rows[r].Cells) {
			return t.Rows[r].Cells[i].Value
		}
		return nil
	}
	if d, ok := t.DerivedAt(c); ok && d.Matches(v, operand(d.A), operand(d.B)) {
		a, bb := s.at(d.A+1, row), s.at(d.B+1, row)
		switch d.Op {
		case doc.Difference:
			s.formula(c+1, row, minus(a, bb), st)
			return
		case doc.Change:
			s.formula(c+1, row, expr{formula: a.formula + "/" + bb.formula + "*100-100", value: a.value/bb.value*100 - 100}, st)
			return
		}
	}
	if adds := t.Rows[r].Adds; len(adds) > 0 {
		if _, derived := t.DerivedAt(c); !derived {
			rows := make([]int, len(adds))
			contiguous := true
			for i, m := range adds {
				rows[i] = p.rows[m]
				contiguous = contiguous && (i == 0 || rows[i] == rows[i-1]+1)
			}
			if contiguous {
				s.formula(c+1, row, s.sumCol(c+1, rows[0], rows[len(rows)-1]), st)
			} else {
				s.formula(c+1, row, s.sumCells(c+1, rows), st)
			}
			return
		}
	}
	if f := dc.From; f != nil {
		if src := b.placed[f.Table]; src != nil {
			if col, srow, ok := src.figure(f.Row, f.Column); ok && src.t.Rows[f.Row].Cells[f.Column].Value != nil &&
				*src.t.Rows[f.Row].Cells[f.Column].Value == *v {
				s.formula(c+1, row, src.s.atFrom(col, srow), st)
				return
			}
		}
	}
	s.number(c+1, row, v.Float(), st)
}

// sheetTable writes a table of the plan on a sheet of its own: its caption
// as the title, the subtitle, the table and its note, then the notes only
// a workbook needs. It returns the placed table and the first free row.
func (b *builder) sheetTable(name string, t doc.Table, sub string, extra ...string) (*placed, int) {
	s := newSheet(name)
	s.headerRow = headerRow
	s.text(1, titleRow, t.Caption, styleTitle)
	s.text(1, subtitleRow, sub, styleSubtitle)
	p := b.writeTable(s, t, headerRow)
	last := headerRow + len(t.Rows)
	var notes []string
	if t.Note != "" {
		notes = append(notes, t.Note)
	}
	notes = append(notes, extra...)
	writeNotes(s, last+2, notes)
	if t.Number > 0 {
		b.placed[t.Number] = p
	}
	return p, last + 2 + len(notes) + 1
}

// companion writes a table that goes with a plan's table below it on
// its sheet, from row: its caption as a heading, the table and its note.
// It returns the first free row.
func (b *builder) companion(s *sheet, t doc.Table, row int) int {
	s.text(1, row, t.Caption, styleGroup)
	b.writeTable(s, t, row+1)
	row += 2 + len(t.Rows)
	if t.Note != "" {
		writeNotes(s, row+1, []string{t.Note})
		row += 2
	}
	return row + 1
}

// planTable is table n of the document; ok false if the report has none.
func (b *builder) planTable(n int) (doc.Table, bool) {
	for _, t := range b.tables {
		if t.Number == n {
			return t, true
		}
	}
	return doc.Table{}, false
}

// companions are the document's tables whose caption starts with prefix.
func (b *builder) companions(prefix string) []doc.Table {
	var out []doc.Table
	for _, t := range b.tables {
		if t.Number == 0 && strings.HasPrefix(t.Caption, prefix) {
			out = append(out, t)
		}
	}
	return out
}

// goalsSheet is table 1 with the count of goals per assessment above it.
func (b *builder) goalsSheet() *sheet {
	t, _ := b.planTable(1)
	s, next := b.sheetTable(sheetGoals, t, subtitle(b.r, ""))
	for _, c := range b.companions(goalCountsCaption) {
		next = b.companion(s.s, c, next)
	}
	s.s.widths = make([]float64, 5)
	s.s.widths[1], s.s.widths[2] = 45, 60
	return s.s
}

// goalCountsCaption opens the caption of the goal count table.
const goalCountsCaption = "Teckenförklaring och antal mål"

// employees is table 2, then each indicator's monthly values this year
// and last.
func (b *builder) employees() *sheet {
	t, ok := b.planTable(2)
	if !ok {
		// The PDF says so in a sentence; the sheet keeps its table's
		// caption and columns.
		unit := b.r.Unit
		if unit == "" {
			unit = "Enheten"
		}
		var cols []doc.Column
		for _, c := range append(append([]string(nil), layouts.Table2Columns...), layouts.TrendColumn) {
			cols = append(cols, doc.Column{Title: c, Align: doc.Left})
		}
		t = doc.Table{Number: 2, Caption: layouts.Caption(2, unit), Columns: cols, Note: "Inga indikatorer för medarbetare har rapporterats."}
	}
	p, next := b.sheetTable(sheetEmployees, t, subtitle(b.r, ""))
	s := p.s
	if len(t.Rows) > 0 {
		// Status is red where the value misses its target or reference.
		s.red = append(s.red, conditional{
			rng: ref(6, dataRow) + ":" + ref(6, dataRow+len(t.Rows)-1),
			expr: "OR($F" + strconv.Itoa(dataRow) + "=\"" + report.GradeTargetNotMet.Word() + "\",$F" + strconv.Itoa(dataRow) +
				"=\"" + report.GradeWorseThanRef.Word() + "\")",
		})
	}
	for _, c := range b.companions("Indikatorernas värden per månad") {
		next = b.companion(s, c, next)
	}
	return s
}

// economy is table 3; its figures refer to tables 4 and 5 where those
// show the same figure, so that they stay live.
func (b *builder) economy() *sheet {
	t, _ := b.planTable(3)
	p, _ := b.sheetTable(sheetEconomy, t, subtitle(b.r, "Belopp i mnkr"))
	for r, row := range t.Rows {
		if len(row.Cells) > 0 {
			b.names = append(b.names, definedName{strings.ReplaceAll(row.Cells[0].Text, " ", "_"), absRef(p.s.name, 2, p.rows[r])})
		}
	}
	return p.s
}

// operating is table 4 with the lines' comments beside it, and the
// prognosis path under it.
func (b *builder) operating() *sheet {
	r := b.r
	t, _ := b.planTable(4)
	t = withColumn(t, layouts.CommentColumn, func(i int) string {
		if i < len(r.Operating.Lines) {
			return r.Operating.Lines[i].Comment
		}
		return ""
	})
	p, next := b.sheetTable(sheetOperating, t, subtitle(r, "Belopp i mnkr"),
		"Utfallet per månad finns i bladet Underlag per månad, per konto och månad i bladet Underlag.")
	s := p.s
	b.t4Rows = map[string]int{}
	for i, l := range r.Operating.Lines {
		if i < len(p.rows) {
			b.t4Rows[l.Line] = p.rows[i]
		}
	}
	if len(p.rows) > 0 {
		b.netRow = p.rows[len(p.rows)-1]
	}
	b.netBeforeRow = 0
	for i, row := range t.Rows {
		if row.Kind == doc.Sum && i < len(p.rows) {
			b.netBeforeRow = p.rows[i]
		}
	}
	b.t4Outcome, b.t4Prior = 0, 0
	for c, column := range t.Columns {
		switch column.Title {
		case "Årsbudget":
			b.names = append(b.names, definedName{"Nettobudget", absRef(s.name, c+1, b.netRow)})
		case "Utfall ack", "Utfall":
			b.t4Outcome = c + 1
			b.names = append(b.names, definedName{"Utfall_ack_netto", absRef(s.name, c+1, b.netRow)})
		case "Årsprognos":
			b.names = append(b.names, definedName{"Årsprognos_netto", absRef(s.name, c+1, b.netRow)})
		case "Utfall ack föregående år", "Utfall föregående år":
			b.t4Prior = c + 1
		}
	}
	s.widths = make([]float64, len(t.Columns)+1)
	s.widths[len(t.Columns)] = 50
	// The prognosis path; in the annual report "Årets prognoser och utfall".
	for _, c := range append(b.companions("Prognosens utveckling"), b.companions("Årets prognoser och utfall")...) {
		next = b.companion(s, c, next)
	}
	return s
}

// investments is table 5, with each investment's comment beside it where
// the PDF lists the comments under the table, and the investments whose
// prognosis deviates under it.
func (b *builder) investments() *sheet {
	r := b.r
	t, _ := b.planTable(5)
	comments := map[int]string{}
	i := 0
	for _, g := range r.Investment.Groups {
		i++ // the group's heading
		for _, in := range g.Rows {
			comments[i] = layouts.InvestmentComment(in, r.Month)
			i++
		}
		i++ // the group's sum
	}
	hasComment := false
	for _, c := range t.Columns {
		hasComment = hasComment || c.Title == layouts.CommentColumn
	}
	if !hasComment {
		t = withColumn(t, layouts.CommentColumn, func(i int) string { return comments[i] })
	}
	p, next := b.sheetTable(sheetInvestment, t, subtitle(r, "Belopp i mnkr"))
	s := p.s
	s.widths = make([]float64, len(t.Columns)+1)
	s.widths[len(t.Columns)] = 60
	for _, c := range b.companions("Investeringar vars prognos avviker") {
		next = b.companion(s, c, next)
	}
	return s
}

// withColumn is t with a text column added: the workbook's own, for
// text the PDF puts elsewhere.
func withColumn(t doc.Table, title string, text func(row int) string) doc.Table {
	t.Columns = append(append([]doc.Column(nil), t.Columns...), doc.Column{Title: title, Width: 3, Align: doc.Left})
	rows := make([]doc.Row, len(t.Rows))
	for i, row := range t.Rows {
		row.Cells = append(append([]doc.Cell(nil), row.Cells...), doc.Cell{})
		if row.Kind == doc.Plain {
			for len(row.Cells) < len(t.Columns) {
				row.Cells = append(row.Cells, doc.Cell{})
			}
			row.Cells[len(t.Columns)-1].Text = text(i)
		}
		rows[i] = row
	}
	t.Rows = rows
	return t
}

// sameOre reports whether a cell value in mnkr is the amount to the öre.
func sameOre(v float64, a money.Amount) bool {
	o, err := money.FromFloat(v, money.UnitMnkr)
	return err == nil && o == a
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
