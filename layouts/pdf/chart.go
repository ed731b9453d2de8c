package pdf

import (
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"rapport/layouts/doc"
	"rapport/layouts/internal/axis"
	"rapport/layouts/pdf/tagged"
	"rapport/report"
	"rapport/report/money"
)

var (
	fChartTitle = font{"B", 9, 4.6}
	fChartLabel = font{"", 7, 3.2}
)

// chartAtom is a chart with room around it; a chart never splits.
func chartAtom(pdf *canvas, c doc.Chart) *atom {
	h := c.Height
	if h <= 0 {
		h = 60
	}
	fig := tagged.New("Figure")
	fig.Alt = c.Alt
	return &atom{h: h + 5, draw: func(pdf *canvas, y float64) {
		y += 2
		// The chart is one Figure, title and legend included: its Alt
		// says what the drawing shows.
		fig.A = layoutBBox(marginL, y, contentW, h)
		pdf.content(path(fig), func() { drawChart(pdf, c, y, h) })
	}}
}

func drawChart(pdf *canvas, c doc.Chart, y, h float64) {
	{
		setFont(pdf, fChartTitle)
		textColour(pdf, accent)
		pdf.Text(marginL, baseline(y, fChartTitle.line, fChartTitle), fitLine(pdf, c.Title, contentW*0.55))
		textColour(pdf, ink)
		box := rect{marginL, y + fChartTitle.line + 1, contentW, h - fChartTitle.line - 1}
		switch c.Kind {
		case doc.BarChart:
			drawBarChart(pdf, c, box)
		case doc.LineChart:
			drawLineChart(pdf, c, box)
		case doc.StatusChart:
			drawStatusChart(pdf, c, box)
		case doc.DeviationChart:
			drawDeviationChart(pdf, c, box)
		default:
			panic(unknown("diagramtyp", c.Kind))
		}
		textColour(pdf, ink)
		drawColour(pdf, ink)
		pdf.SetLineWidth(0.2)
		pdf.SetDashPattern(nil, 0)
	}
}

type rect struct{ x, y, w, h float64 }

// niceScale picks axis bounds and a step of 1, 2 or 5 × 10^n that cover
// lo…hi in about five steps.
func niceScale(lo, hi float64) (min, max, step float64) {
	return niceRange(lo, hi, true)
}

// niceRange is niceScale that may leave out zero: a line chart of values
// between 4 and 7 per cent shows their movement better on a 3–8 axis.
func niceRange(lo, hi float64, withZero bool) (min, max, step float64) {
	return axis.Range(lo, hi, withZero)
}

// stepDecimals is how many decimals axis labels need so that every tick
// of the step shows its exact value (2,5 not 2).
func stepDecimals(step float64) int { return axis.Decimals(step) }

// legendItem draws a legend key and its text, returning the x after it.
type legendKey func(pdf *canvas, x, cy float64)

// drawLegend draws the legend right-aligned on the chart's title line,
// whose top is y.
func drawLegend(pdf *canvas, right, y float64, keys []legendKey, names []string) {
	setFont(pdf, fChartLabel)
	textColour(pdf, ink)
	total := 0.0
	for i := range keys {
		total += 7 + pdf.GetStringWidth(names[i]) + 5
	}
	x := right - total + 5
	for i, k := range keys {
		k(pdf, x, y+2.3)
		pdf.Text(x+7, y+3.4, names[i])
		x += 7 + pdf.GetStringWidth(names[i]) + 5
	}
}

// hatch fills a rectangle with diagonal lines, so that a light bar stays
// apart from a dark one in grey print.
func hatch(pdf *canvas, r rect, c rgb) {
	if r.w <= 0 || r.h <= 0 {
		return
	}
	pdf.ClipRect(r.x, r.y, r.w, r.h, false)
	drawColour(pdf, c)
	pdf.SetLineWidth(0.25)
	for d := -r.h; d < r.w; d += 1.4 {
		pdf.Line(r.x+d, r.y+r.h, r.x+d+r.h, r.y)
	}
	pdf.ClipEnd()
}

func barKey(i int) legendKey {
	return func(pdf *canvas, x, cy float64) {
		r := rect{x, cy - 1.6, 5, 3.2}
		drawBar(pdf, r, i)
	}
}

// drawBar draws series i's bar: the first series light and hatched, the
// second solid dark.
func drawBar(pdf *canvas, r rect, series int) {
	if r.h < 0 {
		r.y += r.h
		r.h = -r.h
	}
	if series == 0 {
		fillColour(pdf, rgb{236, 242, 247})
		pdf.Rect(r.x, r.y, r.w, r.h, "F")
		hatch(pdf, r, barLight)
		drawColour(pdf, rgb{90, 130, 160})
	} else {
		fillColour(pdf, barDark)
		drawColour(pdf, barDark)
		pdf.Rect(r.x, r.y, r.w, r.h, "F")
	}
	pdf.SetLineWidth(0.25)
	pdf.Rect(r.x, r.y, r.w, r.h, "D")
}

// drawBarChart draws grouped vertical bars per category with a zero line,
// a value axis with gridlines, value labels and a legend.
func drawBarChart(pdf *canvas, c doc.Chart, box rect) {
	// Headroom beyond the longest bars keeps their value labels inside
	// the plot.
	min, max, step := axis.Bars(c)
	names := make([]string, len(c.Series))
	keys := make([]legendKey, len(c.Series))
	for i, s := range c.Series {
		names[i], keys[i] = s.Name, barKey(i)
	}
	drawLegend(pdf, box.x+box.w, box.y-fChartTitle.line-1, keys, names)
	plot := rect{box.x + 16, box.y + 4, box.w - 16, box.h - 4 - 9}
	yOf := func(v float64) float64 { return plot.y + plot.h - (v-min)/(max-min)*plot.h }
	drawYAxis(pdf, plot, min, max, step, c.Unit, yOf)

	n := len(c.Categories)
	if n == 0 {
		return
	}
	slot := plot.w / float64(n)
	bw := math.Min(12, slot*0.7/float64(max1(len(c.Series))))
	for ci, cat := range c.Categories {
		x0 := plot.x + slot*float64(ci) + (slot-bw*float64(len(c.Series)))/2
		for si, s := range c.Series {
			if ci >= len(s.Values) || s.Values[ci] == nil {
				continue
			}
			v := *s.Values[ci]
			r := rect{x0 + bw*float64(si), yOf(0), bw - 0.6, yOf(v) - yOf(0)}
			drawBar(pdf, r, si)
			setFont(pdf, fChartLabel)
			textColour(pdf, ink)
			label := money.FormatNumber(v, 1)
			if ci < len(s.Labels) && s.Labels[ci] != "" {
				label = s.Labels[ci]
			}
			lw := pdf.GetStringWidth(label)
			ly := yOf(v) - 1
			if v < 0 {
				ly = yOf(v) + 2.8
			}
			pdf.Text(r.x+(r.w-lw)/2, ly, label)
		}
		setFont(pdf, fChartLabel)
		lines := wrap(pdf, cat, slot-2)
		for j, l := range lines {
			if j > 1 {
				break
			}
			lw := pdf.GetStringWidth(l)
			pdf.Text(plot.x+slot*float64(ci)+(slot-lw)/2, plot.y+plot.h+3.6+float64(j)*3, l)
		}
	}
	drawColour(pdf, ink)
	pdf.SetLineWidth(0.35)
	pdf.Line(plot.x, yOf(0), plot.x+plot.w, yOf(0))
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

// drawYAxis draws gridlines and labels of a value axis and its unit.
func drawYAxis(pdf *canvas, plot rect, min, max, step float64, unit string, yOf func(float64) float64) {
	setFont(pdf, fChartLabel)
	dec := stepDecimals(step)
	for v := min; v <= max+step/2; v += step {
		y := yOf(v)
		drawColour(pdf, faint)
		pdf.SetLineWidth(0.2)
		pdf.Line(plot.x, y, plot.x+plot.w, y)
		textColour(pdf, muted)
		l := money.FormatNumber(v, dec)
		pdf.Text(plot.x-1.5-pdf.GetStringWidth(l), y+1.1, l)
	}
	textColour(pdf, muted)
	pdf.Text(plot.x-1.5-pdf.GetStringWidth(unit), plot.y-2.2, unit)
	textColour(pdf, ink)
	drawColour(pdf, rule)
	pdf.Line(plot.x, plot.y, plot.x, plot.y+plot.h)
}

// drawLineChart draws values per month: this year solid and dark with
// filled discs, the previous year dashed and grey with open squares, and
// each target or reference as a red dash-dotted line with its label.
func drawLineChart(pdf *canvas, c doc.Chart, box rect) {
	// Lines start from zero unless the values lie far above it.
	min, max, step := axis.Lines(c)

	names, keys := []string{}, []legendKey{}
	for i, s := range c.Series {
		i := i
		names = append(names, s.Name)
		keys = append(keys, func(pdf *canvas, x, cy float64) {
			lineStyle(pdf, i)
			pdf.Line(x, cy, x+5, cy)
			pdf.SetDashPattern(nil, 0)
			marker(pdf, x+2.5, cy, i)
		})
	}
	for _, r := range c.RefLines {
		names = append(names, r.Name)
		keys = append(keys, func(pdf *canvas, x, cy float64) {
			refStyle(pdf)
			pdf.Line(x, cy, x+5, cy)
			pdf.SetDashPattern(nil, 0)
		})
	}
	drawLegend(pdf, box.x+box.w, box.y-fChartTitle.line-1, keys, names)
	plot := rect{box.x + 12, box.y + 4, box.w - 12, box.h - 4 - 6}
	yOf := func(v float64) float64 { return plot.y + plot.h - (v-min)/(max-min)*plot.h }
	drawYAxis(pdf, plot, min, max, step, c.Unit, yOf)
	n := len(c.Categories)
	if n == 0 {
		return
	}
	slot := plot.w / float64(n)
	xOf := func(i int) float64 { return plot.x + slot*(float64(i)+0.5) }
	setFont(pdf, fChartLabel)
	textColour(pdf, ink)
	for i, cat := range c.Categories {
		pdf.Text(xOf(i)-pdf.GetStringWidth(cat)/2, plot.y+plot.h+3.8, cat)
	}
	for _, r := range c.RefLines {
		refStyle(pdf)
		y := yOf(r.Value)
		pdf.Line(plot.x, y, plot.x+plot.w, y)
		pdf.SetDashPattern(nil, 0)
	}
	// Previous year first, so that this year is drawn on top.
	for i := len(c.Series) - 1; i >= 0; i-- {
		s := c.Series[i]
		lineStyle(pdf, i)
		var prev *fpdf.PointType
		for j, v := range s.Values {
			if v == nil || j >= n {
				prev = nil
				continue
			}
			p := fpdf.PointType{X: xOf(j), Y: yOf(*v)}
			if prev != nil {
				pdf.Line(prev.X, prev.Y, p.X, p.Y)
			}
			prev = &p
		}
		pdf.SetDashPattern(nil, 0)
		for j, v := range s.Values {
			if v != nil && j < n {
				marker(pdf, xOf(j), yOf(*v), i)
			}
		}
	}
}

func lineStyle(pdf *canvas, series int) {
	if series == 0 {
		drawColour(pdf, barDark)
		pdf.SetLineWidth(0.6)
		pdf.SetDashPattern(nil, 0)
		return
	}
	drawColour(pdf, lineGrey)
	pdf.SetLineWidth(0.4)
	pdf.SetDashPattern([]float64{1.2, 0.9}, 0)
}

func refStyle(pdf *canvas) {
	drawColour(pdf, bad)
	pdf.SetLineWidth(0.45)
	pdf.SetDashPattern([]float64{2.4, 0.8, 0.5, 0.8}, 0)
}

func marker(pdf *canvas, x, y float64, series int) {
	pdf.SetLineWidth(0.3)
	if series == 0 {
		fillColour(pdf, barDark)
		drawColour(pdf, barDark)
		pdf.Circle(x, y, 0.8, "FD")
		return
	}
	fillColour(pdf, white)
	drawColour(pdf, lineGrey)
	pdf.Rect(x-0.75, y-0.75, 1.5, 1.5, "FD")
}

// drawStatusChart draws a horizontal bar per assessment level, with the
// level's symbol and word, and the count at the bar's end.
func drawStatusChart(pdf *canvas, c doc.Chart, box rect) {
	if len(c.Series) == 0 || len(c.Categories) == 0 {
		return
	}
	vals := c.Series[0].Values
	maxV := 1.0
	for _, v := range vals {
		if v != nil {
			maxV = math.Max(maxV, *v)
		}
	}
	labelW := 38.0
	rowH := math.Min(8, box.h/float64(len(c.Categories)))
	barMax := box.w - labelW - 12
	for i, cat := range c.Categories {
		y := box.y + float64(i)*rowH
		lvl := report.NotAssessed
		if i < len(c.Levels) {
			lvl = c.Levels[i]
		}
		drawSymbol(pdf, box.x+2, y+rowH/2, 1.8, lvl)
		setFont(pdf, fSmall)
		textColour(pdf, ink)
		pdf.Text(box.x+5.5, baseline(y, rowH, fSmall), cat)
		v := 0.0
		if i < len(vals) && vals[i] != nil {
			v = *vals[i]
		}
		w := v / maxV * barMax
		if w > 0 {
			// Lightness and pattern tell the levels apart in grey: met
			// dark, partly met middle, not met light and hatched, not
			// assessed white.
			bar := rect{box.x + labelW, y + 1.2, w, rowH - 2.4}
			switch lvl {
			case report.NotMet:
				fillColour(pdf, rgb{248, 215, 215})
				pdf.Rect(bar.x, bar.y, bar.w, bar.h, "F")
				hatch(pdf, bar, levelColour(lvl))
			case report.NotAssessed:
				fillColour(pdf, white)
				pdf.Rect(bar.x, bar.y, bar.w, bar.h, "F")
			default:
				fillColour(pdf, levelColour(lvl))
				pdf.Rect(bar.x, bar.y, bar.w, bar.h, "F")
			}
			drawColour(pdf, ink)
			pdf.SetLineWidth(0.2)
			pdf.Rect(bar.x, bar.y, bar.w, bar.h, "D")
		}
		setFont(pdf, fSmall.bold())
		pdf.Text(box.x+labelW+w+2, baseline(y, rowH, fSmall), money.FormatNumber(v, 0))
	}
	drawColour(pdf, rule)
	pdf.SetLineWidth(0.3)
	pdf.Line(box.x+labelW, box.y, box.x+labelW, box.y+rowH*float64(len(c.Categories)))
}

// drawDeviationChart draws a horizontal bar per category and series
// around a zero line: better than budget to the right, worse to the left
// (and its label in red), each bar labelled with the table's figure.
func drawDeviationChart(pdf *canvas, c doc.Chart, box rect) {
	if len(c.Series) == 0 || len(c.Categories) == 0 {
		return
	}
	names := make([]string, len(c.Series))
	keys := make([]legendKey, len(c.Series))
	for i, s := range c.Series {
		names[i], keys[i] = s.Name, barKey(i)
	}
	drawLegend(pdf, box.x+box.w, box.y-fChartTitle.line-1, keys, names)
	span := axis.Span(c)
	const labelW, labelRoom = 38.0, 14.0
	half := (box.w - labelW - 2*labelRoom) / 2
	zero := box.x + labelW + labelRoom + half
	barH := 3.2
	groupH := float64(len(c.Series))*barH + 1.6
	y := box.y + 2
	for i, cat := range c.Categories {
		setFont(pdf, fSmall)
		textColour(pdf, ink)
		pdf.Text(box.x, baseline(y, groupH-1.6, fSmall), fitLine(pdf, cat, labelW-2))
		for j, s := range c.Series {
			if i >= len(s.Values) || s.Values[i] == nil {
				continue
			}
			v := *s.Values[i]
			w := v / span * half
			by := y + float64(j)*barH
			r := rect{zero, by + 0.3, w, barH - 0.6}
			if w < 0 {
				r = rect{zero + w, by + 0.3, -w, barH - 0.6}
			}
			if r.w > 0 {
				drawBar(pdf, r, j)
			}
			label := money.FormatNumber(v, 1)
			if i < len(s.Labels) && s.Labels[i] != "" {
				label = s.Labels[i]
			}
			setFont(pdf, fChartLabel)
			if strings.HasPrefix(label, money.Minus) {
				textColour(pdf, bad)
				pdf.Text(r.x-1-pdf.GetStringWidth(label), baseline(by, barH, fChartLabel), label)
			} else {
				textColour(pdf, ink)
				pdf.Text(zero+math.Max(w, 0)+1, baseline(by, barH, fChartLabel), label)
			}
		}
		y += groupH
	}
	textColour(pdf, ink)
	drawColour(pdf, ink)
	pdf.SetLineWidth(0.3)
	pdf.Line(zero, box.y, zero, y)
	setFont(pdf, fChartLabel)
	textColour(pdf, muted)
	pdf.Text(zero+1, y+3, "bättre än budget →")
	left := "← sämre än budget"
	pdf.Text(zero-1-pdf.GetStringWidth(left), y+3, left)
	textColour(pdf, ink)
}
