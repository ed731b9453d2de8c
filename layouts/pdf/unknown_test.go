package pdf

import (
	"strings"
	"testing"

	"rapport/layouts/doc"
	"rapport/report"
)

// TestUnknownTreeValuesPanic feeds the drawing code values of the document
// tree that it has no case for, as a block or kind added to package doc
// but not here would be: each must stop the drawing with a message naming
// the value (Render turns it into an error) instead of drawing nothing.
func TestUnknownTreeValuesPanic(t *testing.T) {
	oddLevel := report.Level(9)
	for _, tc := range []struct {
		name  string
		block doc.Block
		want  string
	}{
		{"block type", nil, "blocktyp"},
		{"heading level", doc.Heading{Level: 4, Text: "Fyra"}, "rubriknivå"},
		{"text style", doc.Paragraph{Style: "shout", Text: "Hej"}, "textstil"},
		{"list style", doc.List{Style: "shout", Items: []string{"Hej"}}, "textstil"},
		{"row kind", doc.Table{Columns: []doc.Column{{Title: "A", Width: 1, Align: doc.Left}},
			Rows: []doc.Row{{Kind: "odd", Cells: []doc.Cell{{Text: "x"}}}}}, "radtyp"},
		{"column alignment", doc.Table{Columns: []doc.Column{{Title: "A", Width: 1, Align: "C"}},
			Rows: []doc.Row{{Kind: doc.Plain, Cells: []doc.Cell{{Text: "x"}}}}}, "justering"},
		{"chart kind", doc.Chart{Kind: "pie", Title: "Paj", Categories: []string{"a"},
			Series: []doc.Series{{Name: "s", Values: []*float64{nil}}}, Height: 40}, "diagramtyp"},
		{"level", doc.Table{Columns: []doc.Column{{Title: "A", Width: 1, Align: doc.Left}},
			Rows: []doc.Row{{Kind: doc.Plain, Cells: []doc.Cell{{Text: "x", Level: &oddLevel}}}}}, "bedömningsnivå"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				p := recover()
				msg, _ := p.(string)
				if !strings.Contains(msg, tc.want) {
					t.Errorf("panic %v, want one naming %q", p, tc.want)
				}
			}()
			d := doc.Document{Blocks: []doc.Block{tc.block}}
			pdf := newPDF(d)
			pdf.AddPage()
			for _, a := range atomize(pdf, d.Blocks) {
				a.draw(pdf, bodyTop)
			}
		})
	}
}
