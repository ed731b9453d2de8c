package money

import (
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		unit Unit
		want Amount
		err  error
	}{
		{"swedish", "1 234 567,89", UnitKr, 123456789, nil},
		{"plain", "1234567.89", UnitKr, 123456789, nil},
		{"negative", "-1 234,5", UnitKr, -123450, nil},
		{"true minus", "−1 234,5", UnitKr, -123450, nil},
		{"en dash as minus", "–1 234,5", UnitKr, -123450, nil},
		{"no-break space", "1\u00a0234,50", UnitKr, 123450, nil},
		{"thin space", "1\u2009234,50", UnitKr, 123450, nil},
		{"narrow no-break space", "1\u202f234", UnitKr, 123400, nil},
		{"comma thousands", "1,234.5", UnitKr, 123450, nil},
		{"dot thousands", "1.234,5", UnitKr, 123450, nil},
		{"dots as thousands only", "1.234.567", UnitKr, 123456700, nil},
		{"exponent", "1.5E+7", UnitKr, 1500000000, nil},
		{"parentheses", "(100)", UnitKr, -10000, nil},
		{"trailing minus", "100-", UnitKr, -10000, nil},
		{"kr suffix", "100 kr", UnitKr, 10000, nil},
		{"tkr", "1,5", UnitTkr, 150000, nil},
		{"mnkr", "-2,25", UnitMnkr, -225000000, nil},
		{"float noise rounds to öre", "0.30000000000000004", UnitKr, 30, nil},
		{"half öre rounds away from zero", "0,005", UnitKr, 1, nil},
		{"negative half öre", "-0,005", UnitKr, -1, nil},
		{"zero", "0", UnitKr, 0, nil},
		{"surrounding space", "  12 ", UnitKr, 1200, nil},
		{"empty", "", UnitKr, 0, ErrNotAmount},
		{"word", "Summa", UnitKr, 0, ErrNotAmount},
		{"two decimal commas", "12,3,4", UnitKr, 0, ErrNotAmount},
		{"double space", "1  234", UnitKr, 0, ErrNotAmount},
		{"lone minus", "-", UnitKr, 0, ErrNotAmount},
		{"too large", "1e20", UnitKr, 0, ErrTooLarge},
		{"too large in mnkr", "99999999999", UnitMnkr, 0, ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.in, tc.unit)
			if err != tc.err || got != tc.want {
				t.Errorf("Parse(%q, %v) = %d, %v; want %d, %v", tc.in, tc.unit, got, err, tc.want, tc.err)
			}
		})
	}
}

func TestFromFloat(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   float64
		unit Unit
		want Amount
	}{
		{"binary noise", 0.1 + 0.2, UnitKr, 30},
		{"tkr", 1.5, UnitTkr, 150000},
		{"negative half", -0.005, UnitKr, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := FromFloat(tc.in, tc.unit); err != nil || got != tc.want {
				t.Errorf("FromFloat(%v) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
}

// FuzzParseAmount checks that Parse never panics, keeps amounts within
// its bound, and reads back what FormatKr writes.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1 234 567,89", "1234567.89", "-1 234,5", "−1 234,5", "1\u00a0234",
		"1,234.5", "1.234,5", "1.5E+7", "(100)", "100-", "100 kr", "0,005", "Summa", "", "1e999", "--1", "(-1)"} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, s string, u uint8) {
		unit := Unit(u % 3)
		a, err := Parse(s, unit)
		if err != nil {
			return
		}
		if a > maxAbs || a < -maxAbs {
			t.Fatalf("Parse(%q) = %d beyond bound", s, a)
		}
		back, err := Parse(a.FormatKr(), UnitKr)
		if err != nil || back != a {
			t.Fatalf("Parse(%q) = %d, FormatKr %q reads back as %d, %v", s, a, a.FormatKr(), back, err)
		}
	})
}

func TestAddChecked(t *testing.T) {
	const top = Amount(math.MaxInt64)
	for _, tc := range []struct {
		name string
		a, b Amount
		want Amount
		ok   bool
	}{
		{"plain", 100, -250, -150, true},
		{"to the top", top - 1, 1, top, true},
		{"past the top", top, 1, 0, false},
		{"past the bottom", -top, -2, 0, false},
		{"zero", top, 0, top, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := tc.a.AddChecked(tc.b)
			if got != tc.want || ok != tc.ok {
				t.Errorf("%d + %d = %d, %v; want %d, %v", tc.a, tc.b, got, ok, tc.want, tc.ok)
			}
		})
	}
}
