package pdf

import (
	"rapport/layouts/doc"
	"rapport/layouts/internal/axis"
	"rapport/layouts/internal/chart"
	"rapport/layouts/pdf/tagged"
	"rapport/report"
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

// drawChart draws the chart as layouts/internal/chart lays it out, the
// same layout as the HTML page's.
func drawChart(pdf *canvas, c doc.Chart, y, h float64) {
	chart.Draw(surface{pdf}, c, marginL, y, contentW, h)
	textColour(pdf, ink)
	drawColour(pdf, ink)
	pdf.SetLineWidth(0.2)
	pdf.SetDashPattern(nil, 0)
}

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

// surface draws a chart's pieces with fpdf.
type surface struct{ pdf *canvas }

func chartFont(f chart.Font) font {
	switch f {
	case chart.Title:
		return fChartTitle
	case chart.Label:
		return fChartLabel
	case chart.Small:
		return fSmall
	case chart.SmallBold:
		return fSmall.bold()
	}
	panic(unknown("diagramtext", f))
}

func (s surface) Text(x, y float64, t string, a chart.Anchor, f chart.Font, c chart.Colour) {
	setFont(s.pdf, chartFont(f))
	switch c {
	case chart.Accent:
		textColour(s.pdf, accent)
	case chart.Muted:
		textColour(s.pdf, muted)
	case chart.Bad:
		textColour(s.pdf, bad)
	default:
		textColour(s.pdf, ink)
	}
	switch a {
	case chart.Middle:
		x -= s.pdf.GetStringWidth(t) / 2
	case chart.End:
		x -= s.pdf.GetStringWidth(t)
	}
	s.pdf.Text(x, y, t)
}

func (s surface) Width(t string, f chart.Font) float64 {
	setFont(s.pdf, chartFont(f))
	return s.pdf.GetStringWidth(t)
}

func (s surface) Wrap(t string, w float64, f chart.Font) []string {
	setFont(s.pdf, chartFont(f))
	return wrap(s.pdf, t, w)
}

func (s surface) Fit(t string, w float64, f chart.Font) string {
	setFont(s.pdf, chartFont(f))
	return fitLine(s.pdf, t, w)
}

// Bar draws series i's bar: the first series light and hatched, the
// second solid dark.
func (s surface) Bar(r chart.Rect, series int) {
	pdf := s.pdf
	if r.H < 0 {
		r.Y += r.H
		r.H = -r.H
	}
	if series == 0 {
		fillColour(pdf, rgb{236, 242, 247})
		pdf.Rect(r.X, r.Y, r.W, r.H, "F")
		hatch(pdf, r, barLight)
		drawColour(pdf, rgb{90, 130, 160})
	} else {
		fillColour(pdf, barDark)
		drawColour(pdf, barDark)
		pdf.Rect(r.X, r.Y, r.W, r.H, "F")
	}
	pdf.SetLineWidth(0.25)
	pdf.Rect(r.X, r.Y, r.W, r.H, "D")
}

// LevelBar: lightness and pattern tell the levels apart in grey: met
// dark, partly met middle, not met light and hatched, not assessed white.
func (s surface) LevelBar(bar chart.Rect, lvl report.Level) {
	pdf := s.pdf
	switch lvl {
	case report.NotMet:
		fillColour(pdf, rgb{248, 215, 215})
		pdf.Rect(bar.X, bar.Y, bar.W, bar.H, "F")
		hatch(pdf, bar, levelColour(lvl))
	case report.NotAssessed:
		fillColour(pdf, white)
		pdf.Rect(bar.X, bar.Y, bar.W, bar.H, "F")
	default:
		fillColour(pdf, levelColour(lvl))
		pdf.Rect(bar.X, bar.Y, bar.W, bar.H, "F")
	}
	drawColour(pdf, ink)
	pdf.SetLineWidth(0.2)
	pdf.Rect(bar.X, bar.Y, bar.W, bar.H, "D")
}

// hatch fills a rectangle with diagonal lines, so that a light bar stays
// apart from a dark one in grey print.
func hatch(pdf *canvas, r chart.Rect, c rgb) {
	if r.W <= 0 || r.H <= 0 {
		return
	}
	pdf.ClipRect(r.X, r.Y, r.W, r.H, false)
	drawColour(pdf, c)
	pdf.SetLineWidth(0.25)
	for d := -r.H; d < r.W; d += 1.4 {
		pdf.Line(r.X+d, r.Y+r.H, r.X+d+r.H, r.Y)
	}
	pdf.ClipEnd()
}

func (s surface) Line(x1, y1, x2, y2 float64, k chart.Stroke) {
	pdf := s.pdf
	pdf.SetDashPattern(nil, 0)
	switch k {
	case chart.Grid:
		drawColour(pdf, faint)
		pdf.SetLineWidth(0.2)
	case chart.Axis:
		drawColour(pdf, rule)
		pdf.SetLineWidth(0.2)
	case chart.Zero:
		drawColour(pdf, ink)
		pdf.SetLineWidth(0.35)
	case chart.Centre:
		drawColour(pdf, ink)
		pdf.SetLineWidth(0.3)
	case chart.LevelAxis:
		drawColour(pdf, rule)
		pdf.SetLineWidth(0.3)
	case chart.Reference:
		drawColour(pdf, bad)
		pdf.SetLineWidth(0.45)
		pdf.SetDashPattern([]float64{2.4, 0.8, 0.5, 0.8}, 0)
	case chart.ThisYear:
		drawColour(pdf, barDark)
		pdf.SetLineWidth(0.6)
	case chart.OtherYear:
		drawColour(pdf, lineGrey)
		pdf.SetLineWidth(0.4)
		pdf.SetDashPattern([]float64{1.2, 0.9}, 0)
	default:
		panic(unknown("diagramlinje", k))
	}
	pdf.Line(x1, y1, x2, y2)
	pdf.SetDashPattern(nil, 0)
}

func (s surface) Marker(x, y float64, series int) {
	pdf := s.pdf
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

func (s surface) Symbol(cx, cy, r float64, l report.Level) { drawSymbol(s.pdf, cx, cy, r, l) }
