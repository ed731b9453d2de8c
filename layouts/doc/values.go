package doc

import (
	"encoding/json"
	"math"
	"strings"

	"rapport/report/money"
)

// Unit is what a table's figure counts and how it is written.
type Unit string

const (
	// Mnkr is an amount, kept to the öre, shown in millions of kronor
	// with one decimal, rounded half away from zero.
	Mnkr Unit = "mnkr"
	// Kronor is an amount shown in kronor with öre.
	Kronor Unit = "kr"
	// Percent is a change in percent, shown with its sign: "+3,2".
	Percent Unit = "%"
	// Count is a whole number of things: goals, rows.
	Count Unit = "antal"
	// Measure is an indicator's value in its own unit (Suffix), as "5,2 %".
	Measure Unit = "värde"
)

// Value is the figure a table cell shows, before it is written out: every
// output renders the cell from it, so that the PDF, the workbook and the
// JSON cannot disagree.
type Value struct {
	Unit Unit
	// Amount is the figure of a Mnkr or Kronor value, in öre.
	Amount money.Amount
	// Number is the figure of the other units.
	Number   float64
	Decimals int
	// Suffix is a Measure's unit, written after the figure ("%", "dagar").
	Suffix string
}

// MarshalJSON writes a value with its unit, its figure in that unit and,
// for amounts, the exact öre.
func (v Value) MarshalJSON() ([]byte, error) {
	out := struct {
		Unit     Unit          `json:"unit"`
		Ore      *money.Amount `json:"ore,omitempty"`
		Value    float64       `json:"value"`
		Decimals int           `json:"decimals"`
		Suffix   string        `json:"suffix,omitempty"`
		Text     string        `json:"text"`
	}{Unit: v.Unit, Value: v.Float(), Decimals: v.Decimals, Suffix: v.Suffix, Text: v.Format()}
	if v.amount() {
		a := v.Amount
		out.Ore = &a
	}
	return json.Marshal(out)
}

func (v Value) amount() bool { return v.Unit == Mnkr || v.Unit == Kronor }

// Float is the figure in its unit: mnkr for Mnkr, kronor for Kronor, the
// number itself otherwise. It is what a workbook's cell holds.
func (v Value) Float() float64 {
	switch v.Unit {
	case Mnkr:
		return v.Amount.Mnkr()
	case Kronor:
		return v.Amount.Kronor()
	}
	return v.Number
}

// Shown is the figure as it is printed, rounded to its decimals half away
// from zero: what a reader compares.
func (v Value) Shown() float64 {
	switch v.Unit {
	case Mnkr:
		return float64(v.Amount.TenthsOfMnkr()) / 10
	case Kronor:
		return v.Amount.Kronor()
	}
	return money.Round(v.Number, v.Decimals)
}

// Sign is the sign of the figure as printed: a deviation of −0,04 mnkr
// shows 0,0 and is not below zero.
func (v Value) Sign() int {
	var s float64
	if v.Unit == Mnkr {
		s = float64(v.Amount.TenthsOfMnkr())
	} else if v.Unit == Kronor {
		s = float64(v.Amount)
	} else {
		s = money.Round(v.Number, v.Decimals)
	}
	switch {
	case s > 0:
		return 1
	case s < 0:
		return -1
	}
	return 0
}

// Format is the figure written out, Swedish style: "−1 234,5".
func (v Value) Format() string {
	switch v.Unit {
	case Mnkr:
		return v.Amount.FormatMnkr()
	case Kronor:
		return v.Amount.FormatKr()
	case Count:
		return money.FormatNumber(v.Number, 0)
	case Percent:
		return signed(v.Number, v.Decimals)
	}
	s := money.FormatNumber(v.Number, v.Decimals)
	if v.Suffix != "" {
		s += money.NoBreakSpace + v.Suffix
	}
	return s
}

// mnkrValue is an amount shown in mnkr.
func mnkrValue(a money.Amount) *Value { return &Value{Unit: Mnkr, Amount: a, Decimals: 1} }

// optMnkr is an amount that may be absent.
func optMnkr(a *money.Amount) *Value {
	if a == nil {
		return nil
	}
	return mnkrValue(*a)
}

// countValue is a count.
func countValue(n int) *Value { return &Value{Unit: Count, Number: float64(n)} }

// measureValue is an indicator's value in its unit; nil if absent.
func measureValue(v *float64, unit string, decimals int) *Value {
	if v == nil {
		return nil
	}
	return &Value{Unit: Measure, Number: *v, Decimals: decimals, Suffix: unit}
}

// Op is how a derived column is computed from its two operands.
type Op string

const (
	// Difference is a − b.
	Difference Op = "a-b"
	// Change is a / b − 1, in percent: absent where b is zero.
	Change Op = "a/b-1"
)

// Derived is a column computed from two columns of the same row.
type Derived struct {
	Column int `json:"column"`
	Op     Op  `json:"op"`
	A      int `json:"a"`
	B      int `json:"b"`
}

// Apply computes the derived figure from its operands; nil where an
// operand is absent or the ratio has no value.
func (d Derived) Apply(a, b *Value) *Value {
	if a == nil || b == nil {
		return nil
	}
	switch d.Op {
	case Difference:
		if a.amount() && b.Unit == a.Unit {
			return &Value{Unit: a.Unit, Amount: a.Amount - b.Amount, Decimals: a.Decimals}
		}
		return &Value{Unit: a.Unit, Number: a.Number - b.Number, Decimals: a.Decimals, Suffix: a.Suffix}
	case Change:
		x, y := a.Float(), b.Float()
		if a.amount() {
			// In öre, as the report computes it.
			x, y = float64(a.Amount), float64(b.Amount)
		}
		if y == 0 {
			return nil
		}
		return &Value{Unit: Percent, Number: (x/y - 1) * 100, Decimals: 1}
	}
	return nil
}

// Matches reports whether v is what the derivation gives for a and b: a
// workbook writes the derivation as a formula only then.
func (d Derived) Matches(v, a, b *Value) bool {
	w := d.Apply(a, b)
	if v == nil || w == nil || v.Unit != w.Unit {
		return false
	}
	if v.amount() {
		return v.Amount == w.Amount
	}
	return math.Abs(v.Number-w.Number) <= 1e-9*math.Max(1, math.Abs(v.Number))
}

// CellRef names a cell of one of the plan's tables by table number, row
// and column index.
type CellRef struct {
	Table  int `json:"table"`
	Row    int `json:"row"`
	Column int `json:"column"`
}

// DerivedAt is the derivation of column c, if it is derived.
func (t Table) DerivedAt(c int) (Derived, bool) {
	for _, d := range t.Derived {
		if d.Column == c {
			return d, true
		}
	}
	return Derived{}, false
}

// cell is row r's cell in column c, or nil.
func (t *Table) cell(r, c int) *Cell {
	if r < 0 || r >= len(t.Rows) || c < 0 || c >= len(t.Rows[r].Cells) {
		return nil
	}
	return &t.Rows[r].Cells[c]
}

// finish makes a table's sums and texts follow its values: a sum row's
// figure in each column is the sum of the rows it adds, absent where one
// of them has none; a derived figure on a sum row is computed from the
// row's own operands; every cell with a figure shows it, a figure column
// without one shows "–"; a deviation shown below zero is Bad.
func (t *Table) finish() {
	figureCol := make([]bool, len(t.Columns))
	for _, row := range t.Rows {
		for c, cell := range row.Cells {
			if cell.Value != nil && c < len(figureCol) {
				figureCol[c] = true
			}
		}
	}
	for r := range t.Rows {
		row := &t.Rows[r]
		if len(row.Adds) == 0 {
			continue
		}
		for c := 1; c < len(row.Cells); c++ {
			if _, derived := t.DerivedAt(c); derived || c >= len(figureCol) || !figureCol[c] {
				continue
			}
			row.Cells[c].Value = t.sum(row.Adds, c)
		}
	}
	for _, d := range t.Derived {
		for r := range t.Rows {
			if len(t.Rows[r].Adds) == 0 {
				continue
			}
			if cell, a, b := t.cell(r, d.Column), t.cell(r, d.A), t.cell(r, d.B); cell != nil && a != nil && b != nil {
				cell.Value = d.Apply(a.Value, b.Value)
			}
		}
	}
	for r := range t.Rows {
		row := &t.Rows[r]
		if row.Kind == Group {
			continue
		}
		for c := range row.Cells {
			cell := &row.Cells[c]
			switch {
			case cell.Value != nil:
				cell.Text = cell.Value.Format()
				if c < len(t.Columns) && t.Columns[c].Deviation {
					cell.Bad = cell.Value.Sign() < 0
				}
			case c < len(figureCol) && figureCol[c] && c > 0:
				cell.Text = "–"
				cell.Bad = false
			}
		}
	}
}

// sumLacks reports whether a sum row shows no figure in a column where a
// row it adds has one: the reader is told why.
func (t *Table) sumLacks() bool {
	for _, row := range t.Rows {
		for c := 1; c < len(row.Cells); c++ {
			if row.Cells[c].Value != nil || len(row.Adds) == 0 {
				continue
			}
			for _, m := range row.Adds {
				if cell := t.cell(m, c); cell != nil && cell.Value != nil {
					return true
				}
			}
		}
	}
	return false
}

// sum adds column c of the rows; nil where one of them has no figure.
func (t *Table) sum(rows []int, c int) *Value {
	var out *Value
	for _, r := range rows {
		cell := t.cell(r, c)
		if cell == nil || cell.Value == nil {
			return nil
		}
		v := *cell.Value
		if out == nil {
			out = &v
			continue
		}
		if v.Unit != out.Unit {
			return nil
		}
		out.Amount += v.Amount
		out.Number += v.Number
	}
	return out
}

// signed is a percentage with its sign: "+3,2", "−1,0", "0,0".
func signed(v float64, decimals int) string {
	s := money.FormatNumber(v, decimals)
	if !strings.HasPrefix(s, money.Minus) && strings.Trim(s, "0,") != "" {
		return "+" + s
	}
	return s
}
