// Package axis picks a chart's value axis: bounds and a step that a reader
// takes in at a glance. The PDF's charts (layouts/pdf) and the HTML page's
// (layouts/html) use it, so that the two draw the same axis.
package axis

import "math"

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
