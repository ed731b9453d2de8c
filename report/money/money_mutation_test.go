package money

import "testing"

// The tests in this file pin the rounding and the units at the points where
// a hand-made mutation (truncation, half to even, the sign of a figure that
// rounds to zero, tkr scaled as kr) went unnoticed by the other tests.

func TestFormatMnkrRounding(t *testing.T) {
	const tenth = Mnkr / 10
	for _, tc := range []struct {
		name   string
		in     Amount
		tenths int64
		want   string
	}{
		{"zero", 0, 0, "0,0"},
		{"−1 234,55 mnkr rounds away from zero", -123_455_000_000, -12346, "−1\u00a0234,6"},
		{"1 234,55 mnkr rounds away from zero", 123_455_000_000, 12346, "1\u00a0234,6"},
		{"1 234,549… mnkr rounds down", 123_454_999_999, 12345, "1\u00a0234,5"},
		{"0,05 mnkr rounds up", tenth / 2, 1, "0,1"},
		{"−0,05 mnkr rounds down", -tenth / 2, -1, "−0,1"},
		{"0,25 mnkr away from zero, not to even", 5 * tenth / 2, 3, "0,3"},
		{"−0,25 mnkr away from zero, not to even", -5 * tenth / 2, -3, "−0,3"},
		{"0,09 mnkr is not truncated", 9 * tenth / 10, 1, "0,1"},
		{"−0,09 mnkr is not truncated", -9 * tenth / 10, -1, "−0,1"},
		{"just below 0,05 rounds to zero", tenth/2 - 1, 0, "0,0"},
		{"just above −0,05 rounds to zero without a sign", -tenth/2 + 1, 0, "0,0"},
		{"one öre below zero shows no sign", -1, 0, "0,0"},
		{"999,95 mnkr carries into the thousands", 99_995_000_000, 10000, "1\u00a0000,0"},
		{"a million mnkr", 1_000_000 * Mnkr, 10_000_000, "1\u00a0000\u00a0000,0"},
		{"−12 mnkr", -12 * Mnkr, -120, "−12,0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.TenthsOfMnkr(); got != tc.tenths {
				t.Errorf("TenthsOfMnkr(%d) = %d, want %d", tc.in, got, tc.tenths)
			}
			if got := tc.in.FormatMnkr(); got != tc.want {
				t.Errorf("FormatMnkr(%d) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFormatKr(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   Amount
		want string
	}{
		{"zero", 0, "0,00"},
		{"one öre", 1, "0,01"},
		{"minus one öre", -1, "−0,01"},
		{"ten öre", 10, "0,10"},
		{"öre in both places", 1_234_567_89, "1\u00a0234\u00a0567,89"},
		{"negative, öre in both places", -1_234_567_89, "−1\u00a0234\u00a0567,89"},
		{"exact thousand", 1000 * Kr, "1\u00a0000,00"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.FormatKr(); got != tc.want {
				t.Errorf("FormatKr(%d) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestRoundingHalfAwayFromZero(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
		unit Unit
		want Amount
	}{
		// 12,5 öre, 62,5 öre: half to even would give 12 and 62.
		{"12,5 öre", "0,125", UnitKr, 13},
		{"−12,5 öre", "-0,125", UnitKr, -13},
		{"62,5 öre", "0,625", UnitKr, 63},
		{"half an öre in tkr", "0,000005", UnitTkr, 1},
		{"just below half an öre", "0,0049", UnitKr, 0},
	} {
		t.Run("Parse "+tc.name, func(t *testing.T) {
			if got, err := Parse(tc.in, tc.unit); err != nil || got != tc.want {
				t.Errorf("Parse(%q, %v) = %d, %v; want %d", tc.in, tc.unit, got, err, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		name string
		in   float64
		want Amount
	}{
		// Exact binary fractions, so that the half is a true half.
		{"12,5 öre", 0.125, 13},
		{"−12,5 öre", -0.125, -13},
		{"62,5 öre", 0.625, 63},
		{"37,5 öre", 0.375, 38},
		{"0,99 kr is not truncated", 0.99, 99},
		{"−0,99 kr is not truncated", -0.99, -99},
	} {
		t.Run("FromFloat "+tc.name, func(t *testing.T) {
			if got, err := FromFloat(tc.in, UnitKr); err != nil || got != tc.want {
				t.Errorf("FromFloat(%v) = %d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestUnits(t *testing.T) {
	for _, tc := range []struct {
		name  string
		unit  Unit
		scale Amount
		one   Amount // Parse("1", unit)
	}{
		{"kr", UnitKr, 100, 100},
		{"tkr", UnitTkr, 100_000, 100_000},
		{"mnkr", UnitMnkr, 100_000_000, 100_000_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.unit.Scale(); got != tc.scale {
				t.Errorf("%v.Scale() = %d öre, want %d", tc.unit, got, tc.scale)
			}
			if got, err := Parse("1", tc.unit); err != nil || got != tc.one {
				t.Errorf("Parse(\"1\", %v) = %d, %v; want %d", tc.unit, got, err, tc.one)
			}
			if got, err := FromFloat(1, tc.unit); err != nil || got != tc.one {
				t.Errorf("FromFloat(1, %v) = %d, %v; want %d", tc.unit, got, err, tc.one)
			}
		})
	}
}

func TestParseUnit(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Unit
		ok   bool
	}{
		{"kr", UnitKr, true},
		{"SEK", UnitKr, true},
		{"kronor", UnitKr, true},
		{"tkr", UnitTkr, true},
		{"Tkr.", UnitTkr, true},
		{"tusen kr", UnitTkr, true},
		{"Tusen kronor", UnitTkr, true},
		{"kSEK", UnitTkr, true},
		{"TSEK", UnitTkr, true},
		{"mnkr", UnitMnkr, true},
		{"Mkr", UnitMnkr, true},
		{"mn kr", UnitMnkr, true},
		{"miljoner kr", UnitMnkr, true},
		{"miljoner kronor", UnitMnkr, true},
		{"MSEK", UnitMnkr, true},
		{"mnSEK", UnitMnkr, true},
		{"st", UnitKr, false},
		{"%", UnitKr, false},
		{"", UnitKr, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseUnit(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("ParseUnit(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}
