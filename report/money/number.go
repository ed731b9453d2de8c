package money

import (
	"math"
	"strconv"
	"strings"
)

// This file is the one home of Swedish number formatting and of rounding
// half away from zero: the PDF, the workbook and the report's own
// arithmetic call these rather than writing their own.

// DivRound is a / d rounded half away from zero (d > 0): the rounding of
// the plan's tables, of periodized budgets and of tenths of mnkr.
func DivRound(a, d int64) int64 {
	q, rem := a/d, a%d
	if rem < 0 {
		rem = -rem
	}
	if rem*2 >= d {
		if a < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// Round rounds v to n decimals, half away from zero, on the decimal value
// that v prints as: Round(2.25, 1) is 2.3 and Round(1.005, 2) is 1.01,
// although neither 2.25 nor 1.005 is exact in binary. It is what a
// spreadsheet's ROUND shows and what FormatNumber writes.
//
// A negative v that rounds to zero gives negative zero, as math.Round does,
// so that a spreadsheet's cached value is what it always was; FormatNumber
// shows it without a sign.
func Round(v float64, n int) float64 {
	r, err := strconv.ParseFloat(roundDecimal(v, n), 64)
	if err != nil {
		return v
	}
	return math.Copysign(r, v)
}

// roundDecimal is v with exactly n decimals ("-2.30"), rounded half away
// from zero on v's shortest decimal form.
func roundDecimal(v float64, n int) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	for len(frac) <= n {
		frac += "0"
	}
	digits := []byte(intPart + frac[:n])
	if frac[n] >= '5' {
		i := len(digits) - 1
		for ; i >= 0 && digits[i] == '9'; i-- {
			digits[i] = '0'
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		} else {
			digits[i]++
		}
	}
	out := string(digits[:len(digits)-n])
	if n > 0 {
		out += "." + string(digits[len(digits)-n:])
	}
	if neg && strings.Trim(out, "0.") != "" {
		out = "-" + out
	}
	return out
}

// FormatNumber writes v with n decimals, Swedish style: "−1 184,4" with a
// true minus sign, a decimal comma and no-break spaces between thousands.
// Rounding is half away from zero; a value that rounds to zero has no sign.
func FormatNumber(v float64, n int) string {
	s := roundDecimal(v, n)
	neg := strings.HasPrefix(s, "-")
	intPart, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	out := groupDigits(intPart)
	if frac != "" {
		out += "," + frac
	}
	if neg {
		out = Minus + out
	}
	return out
}

// FormatInt writes a count Swedish style: "1 234 567".
func FormatInt(n int) string {
	if n < 0 {
		return Minus + groupDigits(strconv.FormatUint(uint64(-int64(n)), 10))
	}
	return groupDigits(strconv.Itoa(n))
}

// groupDigits puts a no-break space between each group of three digits of
// a run of decimal digits, so that a figure never breaks a line.
func groupDigits(digits string) string {
	var b strings.Builder
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(NoBreakSpace)
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}
