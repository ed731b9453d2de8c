package pdf

import (
	_ "embed"
	"strings"

	"rapport/report"
)

// Liberation Sans (SIL Open Font License, fonts/OFL.txt): full Swedish glyphs,
// the true minus sign and the no-break space; TrueType outlines, which
// fpdf's UTF-8 path subsets into each PDF.
var (
	//go:embed fonts/LiberationSans-Regular.ttf
	fontRegular []byte
	//go:embed fonts/LiberationSans-Bold.ttf
	fontBold []byte
	//go:embed fonts/LiberationSans-Italic.ttf
	fontItalic []byte
)

const family = "Liberation"

func addFonts(pdf *canvas) {
	pdf.AddUTF8FontFromBytes(family, "", fontRegular)
	pdf.AddUTF8FontFromBytes(family, "B", fontBold)
	pdf.AddUTF8FontFromBytes(family, "I", fontItalic)
}

// rgb is a colour.
type rgb struct{ r, g, b int }

// The palette: a dark blue for structure, greys for support, red only
// for what is unfavourable. Chart colours differ in lightness as well as
// hue, so that they stay apart when printed in grey.
var (
	ink        = rgb{33, 33, 33}
	muted      = rgb{96, 96, 96}
	rule       = rgb{170, 170, 170}
	faint      = rgb{225, 225, 225}
	accent     = rgb{0, 72, 118}    // headings, cover band
	accentPale = rgb{222, 233, 242} // table headers
	groupFill  = rgb{242, 245, 248}
	bad        = rgb{176, 0, 32}
	barLight   = rgb{158, 190, 214}
	barDark    = rgb{0, 72, 118}
	lineGrey   = rgb{120, 120, 120}
	white      = rgb{255, 255, 255}
)

func levelColour(l report.Level) rgb {
	switch l {
	case report.Met:
		return rgb{46, 125, 50}
	case report.PartlyMet:
		return rgb{242, 183, 5}
	case report.NotMet:
		return rgb{198, 40, 40}
	case report.NotAssessed:
		return rgb{158, 158, 158}
	}
	panic(unknown("bedömningsnivå", l))
}

func textColour(pdf *canvas, c rgb) { pdf.SetTextColor(c.r, c.g, c.b) }
func fillColour(pdf *canvas, c rgb) { pdf.SetFillColor(c.r, c.g, c.b) }
func drawColour(pdf *canvas, c rgb) { pdf.SetDrawColor(c.r, c.g, c.b) }

// font is a size and style of the one family.
type font struct {
	style string  // "", "B", "I"
	size  float64 // pt
	line  float64 // line height, mm
}

var (
	fBody    = font{"", 10, 5.0}
	fBodyB   = font{"B", 10, 5.0}
	fItalic  = font{"I", 10, 5.0}
	fSmall   = font{"", 8.5, 4.1}
	fH1      = font{"B", 17, 8.0}
	fH2      = font{"B", 12.5, 6.2}
	fH3      = font{"B", 10.5, 5.2}
	fCaption = font{"B", 9, 4.6}
	fTable   = font{"", 8.6, 4.0}
	fTableS  = font{"", 8.5, 3.9} // at least 8.5 pt: legible printed (SPEC §8)
	fRunning = font{"", 7.8, 4}
)

// setFont selects f. fpdf writes a selection into the page at every call,
// even of the font in use, and the drawing code sets the font before each
// line: on a report of 2 000 pages that was 110 000 selections (6 MB of
// the pages' content, measured and deflated again). The font in use
// stays: a page starts with fpdf's own selection, and no font is set
// between q and Q, which would undo it.
func setFont(pdf *canvas, f font) {
	if size, _ := pdf.GetFontSize(); size == f.size && pdf.GetFontStyle() == f.style && pdf.GetFontFamily() == familyKey {
		return
	}
	pdf.SetFont(family, f.style, f.size)
}

// familyKey is family as fpdf keeps it.
var familyKey = strings.ToLower(family)

func (f font) bold() font { f.style = "B"; return f }

// baseline is where text sits in a line box of height h starting at top:
// capitals centred in the box.
func baseline(top, h float64, f font) float64 {
	return top + h/2 + 0.357*f.size*25.4/72
}

// iccSRGB is the sRGB profile of the PDF/A output intent (zlib licence,
// fonts/sRGB-LICENSE.txt): the colours above are sRGB.
//
//go:embed fonts/sRGB.icc
var iccSRGB []byte
