package html

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"rapport/layouts/doc"
	"rapport/layouts/internal/chart"
	"rapport/report"
)

// A chart is the PDF's drawing (layouts/internal/chart lays out both), in
// millimetres of the PDF's text width, as an SVG image whose accessible
// name is the tree's text alternative; the drawing's own texts are part of
// the image.
const chartW = 170.0

type chartView struct {
	ID, Alt string
	W, H    float64
	Shapes  []shape
}

// shape is one SVG element; Kind picks which.
type shape struct {
	Kind          string // "rect", "line", "text", "circle", "use"
	X, Y, W, H    float64
	X2, Y2        float64
	Class, Anchor string
	Text          string
	Href          string
}

func newChart(c doc.Chart, id string) *chartView {
	h := c.Height
	if h <= 0 {
		h = 60
	}
	s := &svg{}
	chart.Draw(s, c, 0, 0, chartW, h)
	return &chartView{ID: id, Alt: c.Alt, W: chartW, H: h, Shapes: s.shapes}
}

// svg collects a chart's pieces as SVG elements, styled by the
// stylesheet's classes.
type svg struct{ shapes []shape }

var (
	fontClass   = map[chart.Font]string{chart.Title: "c-title", chart.Label: "c-label", chart.Small: "c-small", chart.SmallBold: "c-small c-bold"}
	colourClass = map[chart.Colour]string{chart.Ink: "", chart.Accent: " c-accent", chart.Muted: " c-muted", chart.Bad: " c-bad"}
	anchorName  = map[chart.Anchor]string{chart.Start: "start", chart.Middle: "middle", chart.End: "end"}
	strokeClass = map[chart.Stroke]string{chart.Grid: "c-grid", chart.Axis: "c-axis", chart.Zero: "c-zero", chart.Centre: "c-centre",
		chart.LevelAxis: "c-levelaxis", chart.Reference: "c-ref", chart.ThisYear: "c-line0", chart.OtherYear: "c-line1"}
)

func (s *svg) Text(x, y float64, t string, a chart.Anchor, f chart.Font, c chart.Colour) {
	s.shapes = append(s.shapes, shape{Kind: "text", X: x, Y: y, Text: t, Anchor: anchorName[a], Class: fontClass[f] + colourClass[c]})
}

// Width estimates a text's width: Liberation Sans averages about half an
// em per letter. Only legends and cut labels are placed by it; the
// browser aligns the rest itself (text-anchor).
func (s *svg) Width(t string, f chart.Font) float64 {
	return float64(utf8.RuneCountInString(t)) * f.Size() * 25.4 / 72 * 0.52
}

func (s *svg) Wrap(t string, w float64, f chart.Font) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(t) {
		next := word
		if cur != "" {
			next = cur + " " + word
		}
		if cur != "" && s.Width(next, f) > w {
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

func (s *svg) Fit(t string, w float64, f chart.Font) string {
	if s.Width(t, f) <= w {
		return t
	}
	r := []rune(t)
	for n := len(r) - 1; n > 0; n-- {
		if cut := strings.TrimRight(string(r[:n]), " ") + "…"; s.Width(cut, f) <= w {
			return cut
		}
	}
	return "…"
}

func (s *svg) rect(r chart.Rect, class string) {
	if r.H < 0 {
		r.Y += r.H
		r.H = -r.H
	}
	s.shapes = append(s.shapes, shape{Kind: "rect", X: r.X, Y: r.Y, W: r.W, H: r.H, Class: class})
}

func (s *svg) Bar(r chart.Rect, series int) {
	if series == 0 {
		s.rect(r, "c-bar0")
		return
	}
	s.rect(r, "c-bar1")
}

func (s *svg) LevelBar(r chart.Rect, l report.Level) { s.rect(r, "c-level c-level-"+levelClass(l)) }

func (s *svg) Line(x1, y1, x2, y2 float64, k chart.Stroke) {
	s.shapes = append(s.shapes, shape{Kind: "line", X: x1, Y: y1, X2: x2, Y2: y2, Class: strokeClass[k]})
}

func (s *svg) Marker(x, y float64, series int) {
	if series == 0 {
		s.shapes = append(s.shapes, shape{Kind: "circle", X: x, Y: y, W: 0.8, Class: "c-mark0"})
		return
	}
	s.rect(chart.Rect{X: x - 0.75, Y: y - 0.75, W: 1.5, H: 1.5}, "c-mark1")
}

func (s *svg) Symbol(cx, cy, r float64, l report.Level) {
	s.shapes = append(s.shapes, shape{Kind: "use", X: cx - r, Y: cy - r, W: 2 * r, H: 2 * r, Href: "#sym-" + levelClass(l)})
}

func mmText(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
