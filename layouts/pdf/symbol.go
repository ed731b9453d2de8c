package pdf

import (
	"math"

	"codeberg.org/go-pdf/fpdf"

	"rapport/report"
)

// drawSymbol draws a goal status as a shape that reads without colour:
// a filled disc for Uppfyllt, a half-filled disc for Delvis uppfyllt, a
// ring with a cross for Ej uppfyllt and a ring with a dash for Ej bedömt.
// Colour is added for screens, never relied on.
func drawSymbol(pdf *canvas, cx, cy, r float64, l report.Level) {
	c := levelColour(l)
	pdf.SetLineWidth(0.3)
	switch l {
	case report.Met:
		fillColour(pdf, c)
		drawColour(pdf, rgb{27, 94, 32})
		pdf.Circle(cx, cy, r, "FD")
	case report.PartlyMet:
		fillColour(pdf, white)
		drawColour(pdf, rgb{120, 90, 0})
		pdf.Circle(cx, cy, r, "FD")
		// the left half filled
		pts := []fpdf.PointType{}
		for i := 0; i <= 24; i++ {
			a := math.Pi/2 + math.Pi*float64(i)/24
			pts = append(pts, fpdf.PointType{X: cx + r*math.Cos(a), Y: cy - r*math.Sin(a)})
		}
		// A deeper amber than the bar colour, so that the filled half
		// still reads in grey print.
		fillColour(pdf, rgb{214, 150, 0})
		pdf.Polygon(pts, "F")
		pdf.Circle(cx, cy, r, "D")
		pdf.Line(cx, cy-r, cx, cy+r)
	case report.NotMet:
		fillColour(pdf, rgb{251, 228, 228})
		drawColour(pdf, c)
		pdf.Circle(cx, cy, r, "FD")
		d := r * 0.5
		pdf.SetLineWidth(0.45)
		pdf.Line(cx-d, cy-d, cx+d, cy+d)
		pdf.Line(cx-d, cy+d, cx+d, cy-d)
	case report.NotAssessed:
		fillColour(pdf, white)
		drawColour(pdf, rgb{110, 110, 110})
		pdf.Circle(cx, cy, r, "FD")
		pdf.SetLineWidth(0.45)
		pdf.Line(cx-r*0.5, cy, cx+r*0.5, cy)
	}
	pdf.SetLineWidth(0.2)
}
