package pdf

import (
	"testing"

	"rapport/fixtures/testkit"
	"rapport/layouts"
	"rapport/layouts/internal/testreports"
	"rapport/report"
)

// TestPDFJSReads opens the PDF in Mozilla pdf.js, the reader of Firefox and
// many web sites: it must load, and give a structure tree for every page
// of the example pack, the hand-made reports and the test input's annual
// report, and of the hand-made reports' and one example's draft (SPEC §8).
func TestPDFJSReads(t *testing.T) {
	type tc struct {
		name    string
		r       *report.Report
		edition layouts.Edition
	}
	var all []tc
	for _, c := range cases() {
		all = append(all, tc{c.name, c.r, layouts.BoardEdition}, tc{c.name + "_utkast", c.r, layouts.DraftEdition})
	}
	ex := exampleReports(t)
	for _, code := range []string{"M02", "UR1", "UR2", "M10"} {
		all = append(all, tc{"example_" + code, ex[code], layouts.BoardEdition})
	}
	all = append(all, tc{"example_UR1_utkast", ex["UR1"], layouts.DraftEdition})
	annual, err := testreports.Annual()
	if err != nil {
		t.Fatal(err)
	}
	all = append(all, tc{"arsredovisning_AR", annual, layouts.BoardEdition})
	for _, c := range all {
		t.Run(c.name, func(t *testing.T) {
			p := writeTemp(t, c.name+".pdf", renderEdition(t, c.r, c.edition))
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
