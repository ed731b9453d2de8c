package xlsx

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"rapport/report/money"
)

// style names a cell style of the workbook; write turns each into an
// excelize style in a fixed order, so that style ids (and bytes) are stable.
type style int

const (
	styleNone style = iota
	styleTitle
	styleSubtitle
	styleHeader    // column header over text
	styleHeaderNum // column header over figures
	styleText
	styleTextWrap
	styleGroup // a group heading of table 5
	styleTextSum
	styleMnkr
	styleMnkrSum
	styleKr
	styleKrSum
	styleInt
	styleIntSum
	styleIndicator
	styleNote
	styleCheck
	styleChange // a change in percent, with its sign
	styleCount  // number of styles; keep last
)

// kind is what a cell holds.
type kind int

const (
	kindText kind = iota + 1
	kindNumber
	kindFormula
)

// cell is one cell of the model. A formula carries its cached result,
// computed from the cells it refers to, because excelize computes none
// when it writes.
type cell struct {
	kind    kind
	text    string  // kindText, or a formula's text result
	num     float64 // kindNumber, or a formula's numeric result at full precision, as other formulas see it
	formula string  // without the leading "="
	isText  bool    // the formula yields text
	style   style
}

// value is a cell's number as a formula sees it: text and blanks count 0.
func (c *cell) value() float64 {
	if c == nil || c.isText || c.kind == kindText {
		return 0
	}
	return c.num
}

// conditional is a range whose figures are shown red when they are
// unfavourable: below zero, or (expr set) when expr holds for the row.
type conditional struct {
	rng  string
	expr string // a formula; empty means "value < 0"
}

// sheet is the model of one worksheet: cells and how the sheet is shown
// and printed. Building the model first lets every formula's cached value
// be computed from the very cells it refers to, and lets column widths be
// measured before anything is written.
type sheet struct {
	name      string
	cells     map[string]*cell
	maxRow    int
	maxCol    int
	headerRow int       // the column header row; rows 1…headerRow freeze and repeat on print
	freezeCol int       // columns 1…freezeCol stay in view
	widths    []float64 // explicit column widths by column number, 0 = measure
	red       []conditional
	table     *table          // an Excel table below the header, streamed from the report
	listTable *excelize.Table // an Excel table over cells already laid out (Tabell 4 per grupp)
}

func newSheet(name string) *sheet {
	return &sheet{name: name, cells: map[string]*cell{}}
}

// ref is the A1 reference of column col, row row (both 1-based).
func ref(col, row int) string {
	name, err := excelize.ColumnNumberToName(col)
	if err != nil {
		// Columns here are at most a few dozen; excelize refuses only
		// numbers outside 1…16384.
		name = "A"
	}
	return name + strconv.Itoa(row)
}

// colName is the letters of column col.
func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

func (s *sheet) put(col, row int, c *cell) {
	s.cells[ref(col, row)] = c
	s.maxRow = max(s.maxRow, row)
	s.maxCol = max(s.maxCol, col)
}

func (s *sheet) get(col, row int) *cell { return s.cells[ref(col, row)] }

// text puts an input's text as text: never a formula, whatever it starts with.
func (s *sheet) text(col, row int, t string, st style) {
	s.put(col, row, &cell{kind: kindText, text: t, style: st})
}

func (s *sheet) number(col, row int, v float64, st style) {
	s.put(col, row, &cell{kind: kindNumber, num: v, style: st})
}

// formula puts a numeric formula with its cached value.
func (s *sheet) formula(col, row int, f expr, st style) {
	s.put(col, row, &cell{kind: kindFormula, formula: f.formula, num: f.value, style: st})
}

// textFormula puts a formula whose result is text.
func (s *sheet) textFormula(col, row int, formula, cached string, st style) {
	s.put(col, row, &cell{kind: kindFormula, formula: formula, text: cached, isText: true, style: st})
}

// expr is a formula under construction with the value it computes.
type expr struct {
	formula string
	value   float64
}

// at is a reference to a cell of this sheet.
func (s *sheet) at(col, row int) expr {
	return expr{formula: ref(col, row), value: s.get(col, row).value()}
}

// atFrom is a reference to a cell of s from another sheet.
func (s *sheet) atFrom(col, row int) expr {
	return expr{formula: quoteSheet(s.name) + "!" + ref(col, row), value: s.get(col, row).value()}
}

// sumCol is SUM over column col, rows from…to, added top to bottom as a
// spreadsheet does, so that the cached value is the one it computes.
func (s *sheet) sumCol(col, from, to int) expr {
	var v float64
	for row := from; row <= to; row++ {
		v += s.get(col, row).value()
	}
	return expr{formula: "SUM(" + ref(col, from) + ":" + ref(col, to) + ")", value: v}
}

// sumCells is SUM over the given cells of column col, in order.
func (s *sheet) sumCells(col int, rows []int) expr {
	var v float64
	refs := make([]string, len(rows))
	for i, row := range rows {
		v += s.get(col, row).value()
		refs[i] = ref(col, row)
	}
	return expr{formula: "SUM(" + strings.Join(refs, ",") + ")", value: v}
}

func minus(a, b expr) expr {
	return expr{formula: a.formula + "-" + b.formula, value: a.value - b.value}
}

// roundTo is ROUND(e, n): for the reconciliation's difference in kronor,
// which must show 0,00 rather than float noise as −0,00. Money figures in
// mnkr are not rounded: excelize's ROUND multiplies by an inexact 10^-8,
// so its result would differ from the exact cached value in the 15th digit.
func roundTo(e expr, n int) expr {
	return expr{formula: "ROUND(" + e.formula + "," + strconv.Itoa(n) + ")", value: money.Round(e.value, n)}
}

// round15 rounds to the 15 significant digits that spreadsheets keep, so
// that float noise of a sum (0.30000000000000004) is not written.
func round15(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// quoteSheet quotes a sheet name for use in a reference.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// absRef is an absolute reference to a cell: 'Sheet'!$B$5.
func absRef(sheetName string, col, row int) string {
	return quoteSheet(sheetName) + "!$" + colName(col) + "$" + strconv.Itoa(row)
}

// display is roughly the text a cell shows, for measuring column widths.
func (c *cell) display() string {
	switch {
	case c == nil:
		return ""
	case c.kind == kindText || c.isText:
		return c.text
	}
	switch c.style {
	case styleKr, styleKrSum:
		return money.FormatNumber(c.num, 2)
	case styleInt, styleIntSum:
		return money.FormatNumber(c.num, 0)
	}
	return money.FormatNumber(c.num, 1)
}

// measure sets column widths that fit the text: the widest cell below the
// title rows, a header's longest word (headers wrap), within limits.
func (s *sheet) measure() []float64 {
	w := make([]float64, s.maxCol+1)
	for col := 1; col <= s.maxCol; col++ {
		if col < len(s.widths) && s.widths[col] > 0 {
			w[col] = s.widths[col]
			continue
		}
		width := 8.0
		if h := s.get(col, s.headerRow); h != nil && h.style == styleHeaderNum {
			width = 12 // figure columns alike, wide enough for 12 345,6
		}
		for row := s.headerRow; row <= s.maxRow; row++ {
			c := s.get(col, row)
			if c == nil {
				continue
			}
			n := 0
			switch {
			case row == s.headerRow:
				for _, word := range strings.Fields(c.display()) {
					n = max(n, utf8.RuneCountInString(word))
				}
				n = max(n, (utf8.RuneCountInString(c.display())+1)/2)
			case c.style == styleNote:
				continue // notes run across the empty cells beside them
			default:
				n = utf8.RuneCountInString(c.display())
			}
			if c.style == styleGroup || c.style == styleTextSum || c.style == styleMnkrSum ||
				c.style == styleKrSum || c.style == styleIntSum || row == s.headerRow {
				n = n * 11 / 10 // bold is wider
			}
			width = max(width, float64(n)+3)
		}
		w[col] = min(width, 70)
	}
	return w
}
