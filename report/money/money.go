// Package money holds the one type for amounts of money: Amount, an exact
// number of öre. It is the only place that parses amounts from text, scales
// them by a unit (kr, tkr, mnkr) and formats them for display in mnkr the
// Swedish way. It knows nothing of files, reports or rendering.
package money

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Amount is an exact amount of money in öre (1 kr = 100 öre). The zero
// value is zero kronor. Arithmetic on Amount is plain integer arithmetic;
// there is no float anywhere on the way from input to total.
type Amount int64

// Öre per unit.
const (
	Ore  Amount = 1
	Kr   Amount = 100
	Tkr  Amount = 1000 * Kr
	Mnkr Amount = 1000 * Tkr
)

// Unit is the scale of a column of amounts: kr, tkr or mnkr.
type Unit int

const (
	UnitKr Unit = iota
	UnitTkr
	UnitMnkr
)

// Scale is the number of öre in one of the unit.
func (u Unit) Scale() Amount {
	switch u {
	case UnitTkr:
		return Tkr
	case UnitMnkr:
		return Mnkr
	}
	return Kr
}

// Decimals is the number of decimals of the unit that make whole öre:
// 2 for kr, 5 for tkr, 8 for mnkr.
func (u Unit) Decimals() int {
	n := 0
	for s := u.Scale(); s > 1; s /= 10 {
		n++
	}
	return n
}

func (u Unit) String() string {
	switch u {
	case UnitTkr:
		return "tkr"
	case UnitMnkr:
		return "mnkr"
	}
	return "kr"
}

// maxAbs keeps every parsed amount far from int64 overflow, so that sums of
// millions of postings cannot wrap: 10^15 kr is beyond any region's books.
const maxAbs = Amount(1e15) * Kr

// ErrNotAmount is returned for text that is not an amount.
var ErrNotAmount = errors.New("inte ett belopp")

// ErrTooLarge is returned for an amount beyond any plausible ledger.
var ErrTooLarge = errors.New("beloppet är orimligt stort")

// Parse reads an amount written in unit u, in Swedish or plain form:
// "1 234 567,89", "1234567.89", "-1 234,5", "−1 234,5" (U+2212, or an en
// dash), with space, no-break space or thin space between thousands,
// "1,234.5" and "1.234,5" (the last separator is the decimal one when both
// occur), an exponent as spreadsheets store numbers ("1.5E+7"), and
// parentheses or a trailing minus for negatives. Fractions of an öre are
// rounded half away from zero.
func Parse(s string, u Unit) (Amount, error) {
	d, ok := parseDecimal(s)
	if !ok {
		return 0, ErrNotAmount
	}
	return d.scale(u.Scale())
}

// FromFloat converts a number read from a spreadsheet cell, in unit u, to
// öre, rounding half away from zero. Spreadsheets store binary floats, so
// 0.1+0.2 arrives as 0.30000000000000004: rounding to öre restores it.
func FromFloat(f float64, u Unit) (Amount, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, ErrNotAmount
	}
	v := f * float64(u.Scale())
	if math.Abs(v) > float64(maxAbs) {
		return 0, ErrTooLarge
	}
	return Amount(math.Round(v)), nil
}

// decimal is a parsed number: mantissa × 10^exp, negated if neg.
type decimal struct {
	mant uint64
	exp  int
	neg  bool
}

func (d decimal) scale(unit Amount) (Amount, error) {
	// value in öre = mant × 10^exp × unit; unit is a power of ten times 100.
	m := d.mant
	exp := d.exp
	for u := int64(unit); u > 1; u /= 10 {
		exp++
	}
	// Normalise to exp == 0, rounding half away from zero when exp < 0.
	for exp > 0 {
		if m > uint64(maxAbs) {
			return 0, ErrTooLarge
		}
		m *= 10
		exp--
	}
	if exp < 0 {
		if exp < -19 {
			m = 0
		} else {
			var div uint64 = 1
			for i := 0; i < -exp; i++ {
				div *= 10
			}
			q, r := m/div, m%div
			if r*2 >= div {
				q++
			}
			m = q
		}
	}
	if m > uint64(maxAbs) {
		return 0, ErrTooLarge
	}
	a := Amount(m)
	if d.neg {
		a = -a
	}
	return a, nil
}

// parseDecimal parses the number forms accepted by Parse.
func parseDecimal(s string) (decimal, bool) {
	var d decimal
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "kr")
	s = strings.TrimSuffix(s, "kr")
	s = strings.TrimSpace(s)
	if s == "" {
		return d, false
	}
	// Sign: leading -, + or U+2212, trailing -, or (parentheses).
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		d.neg = true
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "+"):
		d.neg = d.neg != (s[0] == '-')
		s = s[1:]
	case strings.HasPrefix(s, "−"), strings.HasPrefix(s, "–"):
		// U+2212, and the en dash that Swedish typesetting uses for it.
		d.neg = !d.neg
		s = s[len("−"):]
	case strings.HasSuffix(s, "-") && len(s) > 1:
		d.neg = !d.neg
		s = s[:len(s)-1]
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return d, false
	}

	// Split off an exponent.
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, ok := parseExponent(s[i+1:])
		if !ok {
			return d, false
		}
		exp = e
		s = s[:i]
	}

	// Which character is the decimal separator: the last of '.' and ','
	// when both occur; a lone ',' is decimal (Swedish); a lone '.' is
	// decimal unless it occurs more than once ("1.234.567").
	lastDot, lastComma := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	decSep := byte(0)
	switch {
	case lastDot >= 0 && lastComma >= 0:
		if lastDot > lastComma {
			decSep = '.'
		} else {
			decSep = ','
		}
	case lastComma >= 0:
		if strings.Count(s, ",") == 1 {
			decSep = ','
		}
	case lastDot >= 0:
		if strings.Count(s, ".") == 1 {
			decSep = '.'
		}
	}

	digits, frac := 0, 0
	seenSep := false
	prevGroup := false
	// Thousands separators must group by three: "12,3,4" is a typo, not
	// 1 234. group counts digits since the last separator; -1 before any.
	group := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			if d.mant > (math.MaxUint64-9)/10 {
				return d, false
			}
			d.mant = d.mant*10 + uint64(r-'0')
			digits++
			if group >= 0 && !seenSep {
				group++
			}
			if seenSep {
				frac++
			}
			prevGroup = false
		case byte(r) == decSep && r < utf8.RuneSelf:
			if seenSep || (group >= 0 && group != 3) {
				return d, false
			}
			seenSep = true
			prevGroup = false
		case isGroupSeparator(r) || (r < utf8.RuneSelf && (byte(r) == '.' || byte(r) == ',' || r == '\'')):
			// A thousands separator: only between digits, before the
			// decimal separator, never twice in a row.
			if seenSep || digits == 0 || prevGroup || (group >= 0 && group != 3) {
				return d, false
			}
			prevGroup = true
			group = 0
		default:
			return d, false
		}
		i += size
	}
	if digits == 0 || prevGroup || (!seenSep && group >= 0 && group != 3) {
		return d, false
	}
	d.exp = exp - frac
	return d, true
}

func isGroupSeparator(r rune) bool {
	switch r {
	case ' ', '\u00a0', '\u2009', '\u202f', '\u2007':
		return true
	}
	return false
}

func parseExponent(s string) (int, bool) {
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || len(s) > 3 {
		return 0, false
	}
	e := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		e = e*10 + int(c-'0')
	}
	if neg {
		e = -e
	}
	return e, true
}

// TenthsOfMnkr rounds a to tenths of a million kronor, half away from zero:
// the precision in which the board's tables show money.
func (a Amount) TenthsOfMnkr() int64 {
	return DivRound(int64(a), int64(Mnkr/10))
}

// Mnkr is a in millions of kronor, for charts and spreadsheet cells: a
// display value, never summed back into money.
func (a Amount) Mnkr() float64 {
	return float64(a) / float64(Mnkr)
}

// Kronor is a in kronor as a float, for spreadsheet cells that hold the exact
// amount (öre precision survives: every öre amount below 2^53 is exact).
func (a Amount) Kronor() float64 {
	return float64(a) / float64(Kr)
}

// Minus is the true minus sign used in Swedish typesetting.
const Minus = "−"

// NoBreakSpace separates thousands so that a figure never breaks a line.
const NoBreakSpace = "\u00a0"

// FormatMnkr formats a in mnkr with one decimal, Swedish style: "−1 234,5"
// with a true minus sign and a no-break space between thousands. Rounding is
// half away from zero, and a figure that rounds to zero shows "0,0" without
// a sign.
func (a Amount) FormatMnkr() string {
	t := a.TenthsOfMnkr()
	neg := t < 0
	if neg {
		t = -t
	}
	s := groupThousands(t/10) + "," + string(rune('0'+t%10))
	if neg {
		return Minus + s
	}
	return s
}

// FormatKr formats a in kronor with two decimals, Swedish style:
// "−1 234 567,89". Used where the reconciliation shows exact figures.
func (a Amount) FormatKr() string {
	v := int64(a)
	neg := v < 0
	if neg {
		v = -v
	}
	ore := v % 100
	s := groupThousands(v/100) + "," + string(rune('0'+ore/10)) + string(rune('0'+ore%10))
	if neg {
		return Minus + s
	}
	return s
}

func groupThousands(v int64) string {
	return groupDigits(strconv.FormatInt(v, 10))
}

// AddChecked returns a+b, or false when the sum does not fit in an
// Amount: every amount is bounded, but a sum of enough of them is not, and
// a wrapped sum is a wrong figure that looks right.
func (a Amount) AddChecked(b Amount) (Amount, bool) {
	s := a + b
	if (s > a) != (b > 0) {
		return 0, false
	}
	return s, true
}

// Abs is the amount without its sign. Every parsed amount is far from
// the one int64 without a positive counterpart.
func (a Amount) Abs() Amount {
	if a < 0 {
		return -a
	}
	return a
}

// Sum adds amounts.
func Sum(as ...Amount) Amount {
	var t Amount
	for _, a := range as {
		t += a
	}
	return t
}

// ParseUnit reads the unit a column header names in its suffix, as people
// write it: "kr", "SEK", "kronor"; "tkr", "tkr.", "tusen kr", "kSEK";
// "mnkr", "Mkr", "mn kr", "miljoner kr", "MSEK". Case and spaces do not
// matter.
func ParseUnit(s string) (Unit, bool) {
	w := strings.ToLower(strings.Join(strings.Fields(s), ""))
	w = strings.TrimSuffix(w, ".")
	switch w {
	case "kr", "sek", "kronor":
		return UnitKr, true
	case "tkr", "tusenkr", "tusenkronor", "ksek", "tsek":
		return UnitTkr, true
	case "mnkr", "mkr", "mnkr.", "miljonerkr", "miljonerkronor", "msek", "mnsek", "mn":
		return UnitMnkr, true
	}
	return UnitKr, false
}
