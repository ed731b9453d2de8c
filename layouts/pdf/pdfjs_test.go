package pdf

import (
	"testing"

	"rapport/fixtures/testkit"
)

// TestPDFJSReads opens the PDF in Mozilla pdf.js, the reader of Firefox and
// many web sites: it must load, and give a structure tree per page. The
// trees are null until the PDF is tagged.
func TestPDFJSReads(t *testing.T) {
	for _, c := range cases()[:2] {
		t.Run(c.name, func(t *testing.T) {
			p := writeTemp(t, c.name+".pdf", render(t, c.r))
			trees := testkit.PDFJSStructTree(t, p)
			if want := pageCount(t, p); len(trees) != want {
				t.Fatalf("pdf.js read %d pages, pdfinfo %d", len(trees), want)
			}
			tagged := 0
			for i, pt := range trees {
				if pt.Page != i+1 {
					t.Errorf("entry %d is page %d", i, pt.Page)
				}
				if len(pt.Tree) == 0 {
					t.Errorf("page %d: no tree field", pt.Page)
				}
				if string(pt.Tree) != "null" {
					tagged++
				}
			}
			t.Logf("%d of %d pages have a structure tree", tagged, len(trees))
		})
	}
}
