// Package axis picks a chart's value axis: bounds and a step that a reader
// takes in at a glance. The PDF's charts (layouts/pdf) and the HTML page's
// (layouts/html) use it, so that the two draw the same axis.
package axis

import (
	"math"

	"rapport/layouts/doc"
)

// Range picks axis bounds and a step of 1, 2, 2,5 or 5 × 10^n that cover
// lo…hi in about five steps. With withZero the axis includes zero; without,
// a line of values between 4 and 7 per cent shows its movement better on a
// 3–8 axis.
func Range(lo, hi float64, withZero bool) (min, max, step float64) {
	if withZero && lo > 0 {
		lo = 0
	}
	if withZero && hi < 0 {
		hi = 0
	}
	if hi-lo < 1e-9 {
		hi = lo + 1
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	return math.Floor(lo/step) * step, math.Ceil(hi/step) * step, step
}

// Decimals is how many decimals axis labels need so that every tick of
// the step shows its exact value (2,5 not 2).
func Decimals(step float64) int {
	for d := 0; d < 4; d++ {
		v := step * math.Pow(10, float64(d))
		if math.Abs(v-math.Round(v)) < 1e-6*math.Max(1, v) {
			return d
		}
	}
	return 4
}

// Bars is the value axis of a bar chart: zero and every value, with a
// tenth's headroom beyond the longest bars for their value labels.
func Bars(c doc.Chart) (min, max, step float64) {
	lo, hi := 0.0, 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != nil {
				lo, hi = math.Min(lo, *v), math.Max(hi, *v)
			}
		}
	}
	return Range(lo*1.1, hi*1.1, true)
}

// Lines is the value axis of a line chart: every value and reference
// line. Lines start from zero unless the values lie far above it; then the
// axis starts just below them, and the labels say where.
func Lines(c doc.Chart) (min, max, step float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != nil {
				lo, hi = math.Min(lo, *v), math.Max(hi, *v)
			}
		}
	}
	for _, r := range c.RefLines {
		lo, hi = math.Min(lo, r.Value), math.Max(hi, r.Value)
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	withZero := lo <= 0 || lo < 0.4*hi
	pad := (hi - lo) * 0.1
	if pad == 0 {
		pad = math.Abs(hi) * 0.1
	}
	if withZero {
		lo = math.Min(lo, 0)
	} else {
		lo -= pad
	}
	return Range(lo, hi+pad, withZero)
}

// Span is the largest distance from zero of a chart's values, the half
// width of a deviation chart; 1 when every value is zero or absent.
func Span(c doc.Chart) float64 {
	span := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != nil {
				span = math.Max(span, math.Abs(*v))
			}
		}
	}
	if span == 0 {
		return 1
	}
	return span
}
