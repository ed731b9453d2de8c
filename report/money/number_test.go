package money

import (
	"math"
	"testing"
)

func TestDivRound(t *testing.T) {
	for _, tc := range []struct {
		name    string
		a, d, q int64
	}{
		{"exact", 12, 4, 3},
		{"below half", 13, 4, 3},
		{"half up", 14, 4, 4},
		{"negative half away", -14, 4, -4},
		{"negative below half", -13, 4, -3},
		{"zero", 0, 12, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DivRound(tc.a, tc.d); got != tc.q {
				t.Errorf("DivRound(%d, %d) = %d, want %d", tc.a, tc.d, got, tc.q)
			}
		})
	}
}

func TestRound(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    float64
		n    int
		want float64
	}{
		{"half away", 2.25, 1, 2.3},
		{"negative half away", -2.25, 1, -2.3},
		{"binary below half", 1.005, 2, 1.01},
		{"carry", 9.995, 2, 10},
		{"integer", 2.5, 0, 3},
		{"noise", 0.1 + 0.2, 2, 0.3},
		{"negative to negative zero", -0.001, 2, math.Copysign(0, -1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Round(tc.v, tc.n); got != tc.want || math.Signbit(got) != math.Signbit(tc.want) {
				t.Errorf("Round(%v, %d) = %v, want %v", tc.v, tc.n, got, tc.want)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    float64
		n    int
		want string
	}{
		{"thousands", -1184.36, 1, "−1\u00a0184,4"},
		{"zero has no sign", -0.01, 1, "0,0"},
		{"integer", 12, 0, "12"},
		{"quarter", 2.5, 1, "2,5"},
		{"half away from zero", 5.25, 1, "5,3"},
		{"millions", 1234567, 0, "1\u00a0234\u00a0567"},
		{"carry into thousands", 999.96, 1, "1\u00a0000,0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatNumber(tc.v, tc.n); got != tc.want {
				t.Errorf("FormatNumber(%v, %d) = %q, want %q", tc.v, tc.n, got, tc.want)
			}
		})
	}
}

func TestFormatInt(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		want string
	}{
		{"small", 7, "7"},
		{"thousands", 1234567, "1\u00a0234\u00a0567"},
		{"negative", -1234, "−1\u00a0234"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FormatInt(tc.n); got != tc.want {
				t.Errorf("FormatInt(%d) = %q, want %q", tc.n, got, tc.want)
			}
		})
	}
}
