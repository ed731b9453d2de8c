package pdf

import "testing"

func TestNiceScaleAndLabels(t *testing.T) {
	tests := []struct {
		name           string
		lo, hi         float64
		min, max, step float64
		decimals       int
	}{
		{"percent", 4.8, 6.9, 0, 8, 2, 0},
		{"quarter steps", 7.5, 11, 0, 12.5, 2.5, 1},
		{"costs", -1184.3, 412.6, -1500, 500, 500, 0},
		{"small", 0.1, 0.9, 0, 1, 0.2, 1},
		{"all zero", 0, 0, 0, 1, 0.2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			min, max, step := niceScale(tt.lo, tt.hi)
			if min != tt.min || max != tt.max || step != tt.step {
				t.Errorf("niceScale(%v, %v) = %v, %v, %v; want %v, %v, %v", tt.lo, tt.hi, min, max, step, tt.min, tt.max, tt.step)
			}
			if d := stepDecimals(step); d != tt.decimals {
				t.Errorf("stepDecimals(%v) = %d, want %d", step, d, tt.decimals)
			}
		})
	}
}

func TestNiceRangeWithoutZero(t *testing.T) {
	min, max, step := niceRange(4.7, 6.6, false)
	if min != 4.5 || max != 7 || step != 0.5 {
		t.Errorf("niceRange(4.7, 6.6) = %v, %v, %v; want 4.5, 7, 0.5", min, max, step)
	}
}
