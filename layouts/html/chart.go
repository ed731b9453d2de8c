package html

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"rapport/layouts/doc"
	"rapport/layouts/internal/axis"
	"rapport/report"
	"rapport/report/money"
)

// A chart is drawn as the PDF draws it, in millimetres of the PDF's text
// width, as an SVG image whose accessible name is the tree's text
// alternative; the drawing's own texts are part of the image.
const chartW = 170.0

// Text sizes in mm: the PDF's 9 pt chart title, 7 pt labels and 8,5 pt
// small text.
const (
	titleSize = 9 * 25.4 / 72
	labelSize = 7 * 25.4 / 72
	smallSize = 8.5 * 25.4 / 72
	titleLine = 4.6
)

type chartView struct {
	ID, Alt string
	W, H    float64
	Shapes  []shape
}

// shape is one SVG element; Kind picks which.
type shape struct {
	Kind          string // "rect", "line", "text", "poly", "circle", "use"
	X, Y, W, H    float64
	X2, Y2        float64
	Class, Anchor string
	Text, Points  string
	Href          string
	Bold          bool
}

type box struct{ x, y, w, h float64 }

type svg struct{ shapes []shape }

func (s *svg) rect(b box, class string) {
	if b.h < 0 {
		b.y += b.h
		b.h = -b.h
	}
	if b.w < 0 {
		b.x += b.w
		b.w = -b.w
	}
	s.shapes = append(s.shapes, shape{Kind: "rect", X: b.x, Y: b.y, W: b.w, H: b.h, Class: class})
}

func (s *svg) line(x1, y1, x2, y2 float64, class string) {
	s.shapes = append(s.shapes, shape{Kind: "line", X: x1, Y: y1, X2: x2, Y2: y2, Class: class})
}

// text writes t with its baseline at y; anchor is "start", "middle" or
// "end".
func (s *svg) text(x, y float64, t, anchor, class string) {
	s.shapes = append(s.shapes, shape{Kind: "text", X: x, Y: y, Text: t, Anchor: anchor, Class: class})
}

func (s *svg) symbol(cx, cy, r float64, l report.Level) {
	s.shapes = append(s.shapes, shape{Kind: "use", X: cx - r, Y: cy - r, W: 2 * r, H: 2 * r, Href: "#sym-" + levelClass(l)})
}

// textWidth estimates a text's width in mm: Liberation Sans averages about
// half an em per letter. Only legends are placed by it.
func textWidth(t string, size float64) float64 {
	return float64(utf8.RuneCountInString(t)) * size * 0.52
}

// baseline puts text of size in the middle of a line box.
func baseline(top, h, size float64) float64 { return top + h/2 + 0.357*size }

func newChart(c doc.Chart, id string) *chartView {
	h := c.Height
	if h <= 0 {
		h = 60
	}
	s := &svg{}
	s.text(0, baseline(0, titleLine, titleSize), c.Title, "start", "c-title")
	b := box{0, titleLine + 1, chartW, h - titleLine - 1}
	switch c.Kind {
	case doc.BarChart:
		barChart(s, c, b)
	case doc.LineChart:
		lineChart(s, c, b)
	case doc.StatusChart:
		statusChart(s, c, b)
	case doc.DeviationChart:
		deviationChart(s, c, b)
	default:
		panic(unknown("diagramtyp", c.Kind))
	}
	return &chartView{ID: id, Alt: c.Alt, W: chartW, H: h, Shapes: s.shapes}
}

// legendKey draws a key at x on the centre line cy.
type legendKey func(s *svg, x, cy float64)

// legend is right-aligned on the title line.
func legend(s *svg, right float64, keys []legendKey, names []string) {
	total := 0.0
	for _, n := range names {
		total += 7 + textWidth(n, labelSize) + 5
	}
	x := right - total + 5
	for i, k := range keys {
		k(s, x, 2.3)
		s.text(x+7, 3.4, names[i], "start", "c-label")
		x += 7 + textWidth(names[i], labelSize) + 5
	}
}

// bar draws series i's bar: the first light and hatched, the second solid
// dark, as in the PDF.
func bar(s *svg, b box, series int) {
	if series == 0 {
		s.rect(b, "c-bar0")
		return
	}
	s.rect(b, "c-bar1")
}

// barLegend is the legend of a chart of bars: a key per series.
func barLegend(s *svg, c doc.Chart, b box) {
	names := make([]string, len(c.Series))
	keys := make([]legendKey, len(c.Series))
	for i, se := range c.Series {
		names[i], keys[i] = se.Name, barKey(i)
	}
	legend(s, b.x+b.w, keys, names)
}

func barKey(i int) legendKey {
	return func(s *svg, x, cy float64) { bar(s, box{x, cy - 1.6, 5, 3.2}, i) }
}

func label(c doc.Chart, si, ci int, v float64) string {
	if ci < len(c.Series[si].Labels) && c.Series[si].Labels[ci] != "" {
		return c.Series[si].Labels[ci]
	}
	return money.FormatNumber(v, 1)
}

func yAxis(s *svg, plot box, min, max, step float64, unit string, yOf func(float64) float64) {
	dec := axis.Decimals(step)
	for v := min; v <= max+step/2; v += step {
		y := yOf(v)
		s.line(plot.x, y, plot.x+plot.w, y, "c-grid")
		s.text(plot.x-1.5, y+1.1, money.FormatNumber(v, dec), "end", "c-muted")
	}
	s.text(plot.x-1.5, plot.y-2.2, unit, "end", "c-muted")
	s.line(plot.x, plot.y, plot.x, plot.y+plot.h, "c-axis")
}

func barChart(s *svg, c doc.Chart, b box) {
	min, max, step := axis.Bars(c)
	barLegend(s, c, b)
	plot := box{b.x + 16, b.y + 4, b.w - 16, b.h - 4 - 9}
	yOf := func(v float64) float64 { return plot.y + plot.h - (v-min)/(max-min)*plot.h }
	yAxis(s, plot, min, max, step, c.Unit, yOf)
	n := len(c.Categories)
	if n == 0 {
		return
	}
	slot := plot.w / float64(n)
	bw := math.Min(12, slot*0.7/float64(max1(len(c.Series))))
	for ci, cat := range c.Categories {
		x0 := plot.x + slot*float64(ci) + (slot-bw*float64(len(c.Series)))/2
		for si, se := range c.Series {
			if ci >= len(se.Values) || se.Values[ci] == nil {
				continue
			}
			v := *se.Values[ci]
			r := box{x0 + bw*float64(si), yOf(0), bw - 0.6, yOf(v) - yOf(0)}
			bar(s, r, si)
			ly := yOf(v) - 1
			if v < 0 {
				ly = yOf(v) + 2.8
			}
			s.text(r.x+r.w/2, ly, label(c, si, ci, v), "middle", "c-label")
		}
		for j, l := range wrapWords(cat, slot-2, labelSize) {
			if j > 1 {
				break
			}
			s.text(plot.x+slot*(float64(ci)+0.5), plot.y+plot.h+3.6+float64(j)*3, l, "middle", "c-label")
		}
	}
	s.line(plot.x, yOf(0), plot.x+plot.w, yOf(0), "c-zero")
}

// wrapWords breaks t into lines of at most w mm, at spaces.
func wrapWords(t string, w, size float64) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(t) {
		next := word
		if cur != "" {
			next = cur + " " + word
		}
		if cur != "" && textWidth(next, size) > w {
			lines = append(lines, cur)
			cur = word
			continue
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

func lineChart(s *svg, c doc.Chart, b box) {
	min, max, step := axis.Lines(c)
	var names []string
	var keys []legendKey
	for i, se := range c.Series {
		names = append(names, se.Name)
		keys = append(keys, func(s *svg, x, cy float64) {
			s.line(x, cy, x+5, cy, lineClass(i))
			marker(s, x+2.5, cy, i)
		})
	}
	for _, r := range c.RefLines {
		names = append(names, r.Name)
		keys = append(keys, func(s *svg, x, cy float64) { s.line(x, cy, x+5, cy, "c-ref") })
	}
	legend(s, b.x+b.w, keys, names)
	plot := box{b.x + 12, b.y + 4, b.w - 12, b.h - 4 - 6}
	yOf := func(v float64) float64 { return plot.y + plot.h - (v-min)/(max-min)*plot.h }
	yAxis(s, plot, min, max, step, c.Unit, yOf)
	n := len(c.Categories)
	if n == 0 {
		return
	}
	slot := plot.w / float64(n)
	xOf := func(i int) float64 { return plot.x + slot*(float64(i)+0.5) }
	for i, cat := range c.Categories {
		s.text(xOf(i), plot.y+plot.h+3.8, cat, "middle", "c-label")
	}
	for _, r := range c.RefLines {
		y := yOf(r.Value)
		s.line(plot.x, y, plot.x+plot.w, y, "c-ref")
	}
	// Previous year first, so that this year is drawn on top; a missing
	// value breaks the line.
	for i := len(c.Series) - 1; i >= 0; i-- {
		var pts []string
		flush := func() {
			if len(pts) > 1 {
				s.shapes = append(s.shapes, shape{Kind: "poly", Points: strings.Join(pts, " "), Class: lineClass(i)})
			}
			pts = nil
		}
		for j, v := range c.Series[i].Values {
			if v == nil || j >= n {
				flush()
				continue
			}
			pts = append(pts, mmText(xOf(j))+","+mmText(yOf(*v)))
		}
		flush()
		for j, v := range c.Series[i].Values {
			if v != nil && j < n {
				marker(s, xOf(j), yOf(*v), i)
			}
		}
	}
}

func mmText(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

func lineClass(series int) string {
	if series == 0 {
		return "c-line0"
	}
	return "c-line1"
}

func marker(s *svg, x, y float64, series int) {
	if series == 0 {
		s.shapes = append(s.shapes, shape{Kind: "circle", X: x, Y: y, W: 0.8, Class: "c-mark0"})
		return
	}
	s.rect(box{x - 0.75, y - 0.75, 1.5, 1.5}, "c-mark1")
}

func statusChart(s *svg, c doc.Chart, b box) {
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
	const labelW = 38.0
	rowH := math.Min(8, b.h/float64(len(c.Categories)))
	barMax := b.w - labelW - 12
	for i, cat := range c.Categories {
		y := b.y + float64(i)*rowH
		lvl := report.NotAssessed
		if i < len(c.Levels) {
			lvl = c.Levels[i]
		}
		s.symbol(b.x+2, y+rowH/2, 1.8, lvl)
		s.text(b.x+5.5, baseline(y, rowH, smallSize), cat, "start", "c-small")
		v := 0.0
		if i < len(vals) && vals[i] != nil {
			v = *vals[i]
		}
		w := v / maxV * barMax
		if w > 0 {
			s.rect(box{b.x + labelW, y + 1.2, w, rowH - 2.4}, "c-level c-level-"+levelClass(lvl))
		}
		s.text(b.x+labelW+w+2, baseline(y, rowH, smallSize), money.FormatNumber(v, 0), "start", "c-small c-bold")
	}
	s.line(b.x+labelW, b.y, b.x+labelW, b.y+rowH*float64(len(c.Categories)), "c-axis")
}

func deviationChart(s *svg, c doc.Chart, b box) {
	if len(c.Series) == 0 || len(c.Categories) == 0 {
		return
	}
	barLegend(s, c, b)
	span := axis.Span(c)
	const labelW, labelRoom = 38.0, 14.0
	half := (b.w - labelW - 2*labelRoom) / 2
	zero := b.x + labelW + labelRoom + half
	barH := 3.2
	groupH := float64(len(c.Series))*barH + 1.6
	y := b.y + 2
	for i, cat := range c.Categories {
		s.text(b.x, baseline(y, groupH-1.6, smallSize), cat, "start", "c-small")
		for j, se := range c.Series {
			if i >= len(se.Values) || se.Values[i] == nil {
				continue
			}
			v := *se.Values[i]
			w := v / span * half
			by := y + float64(j)*barH
			r := box{zero, by + 0.3, w, barH - 0.6}
			if w != 0 {
				bar(s, r, j)
			}
			l := label(c, j, i, v)
			if strings.HasPrefix(l, money.Minus) {
				s.text(zero+w-1, baseline(by, barH, labelSize), l, "end", "c-label c-bad")
			} else {
				s.text(zero+math.Max(w, 0)+1, baseline(by, barH, labelSize), l, "start", "c-label")
			}
		}
		y += groupH
	}
	s.line(zero, b.y, zero, y, "c-zero")
	s.text(zero+1, y+3, "bättre än budget →", "start", "c-muted")
	s.text(zero-1, y+3, "← sämre än budget", "end", "c-muted")
}
