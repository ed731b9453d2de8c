package pdf

import (
	"fmt"

	"rapport/layouts/doc"
	"rapport/report"
)

// Palette is the PDF's colours by name, as CSS hex values ("#004876"), for
// the HTML page (layouts/html), which must look like the PDF: one home for
// each colour.
func Palette() map[string]string {
	named := map[string]rgb{
		"ink": ink, "muted": muted, "rule": rule, "faint": faint,
		"accent": accent, "accent-pale": accentPale, "group-fill": groupFill,
		"bad": bad, "bar-light": barLight, "bar-dark": barDark, "line-grey": lineGrey, "white": white,
	}
	out := make(map[string]string, len(named))
	for name, c := range named {
		out[name] = c.hex()
	}
	return out
}

// LevelColour is the colour of an assessment level's symbol and bar, as
// CSS hex.
func LevelColour(l report.Level) string { return levelColour(l).hex() }

func (c rgb) hex() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// FontFile is one of the fonts embedded in every PDF, for another
// renderer that shows the report in the same letters.
type FontFile struct {
	Name   string // file name, "LiberationSans-Bold.ttf"
	Weight int    // CSS font-weight: 400 or 700
	Italic bool
	Data   []byte
}

// Fonts are the PDF's font files (fonts/, SIL Open Font License).
func Fonts() []FontFile {
	return []FontFile{
		{"LiberationSans-Regular.ttf", 400, false, fontRegular},
		{"LiberationSans-Bold.ttf", 700, false, fontBold},
		{"LiberationSans-Italic.ttf", 400, true, fontItalic},
	}
}

// MarkText is the edition's mark as the PDF prints it ("UTKAST – inte
// styrelsens utgåva"), "" for the board's edition.
func MarkText(d doc.Document) string { return markText(d) }
