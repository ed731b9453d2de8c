package pdf

import (
	"testing"

	"rapport/fixtures/testkit"
)

// TestPDFJSReads opens the PDF in Mozilla pdf.js, the reader of Firefox and
// many web sites: it must load, and give a structure tree for every page
// of the example pack and of the hand-made reports (SPEC §8).
func TestPDFJSReads(t *testing.T) {
	all := cases()
	for code, r := range exampleReports(t) {
		all = append(all, renderCase{"example_" + code, r, false})
	}
	for _, c := range all {
		t.Run(c.name, func(t *testing.T) {
			p := writeTemp(t, c.name+".pdf", render(t, c.r))
			trees := testkit.PDFJSStructTree(t, p)
			if want := pageCount(t, p); len(trees) != want {
				t.Fatalf("pdf.js read %d pages, pdfinfo %d", len(trees), want)
			}
			for i, pt := range trees {
				if pt.Page != i+1 {
					t.Errorf("entry %d is page %d", i, pt.Page)
				}
				if len(pt.Tree) == 0 {
					t.Errorf("page %d: no tree field", pt.Page)
				}
				if string(pt.Tree) == "null" {
					t.Errorf("page %d: pdf.js finds no structure tree", pt.Page)
				}
			}
		})
	}
}
