package pdf

import (
	"strconv"
	"testing"

	"rapport/layouts/doc"
	"rapport/layouts/internal/testreports"
	"rapport/report"
)

// build is doc.Build for a report that must build.
func build(t *testing.T, r *report.Report) doc.Document {
	t.Helper()
	d, err := doc.Build(r)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// layOut measures and paginates a document as Render does.
func layOut(t *testing.T, d doc.Document) ([]*atom, [][]placed) {
	t.Helper()
	pdf := newPDF(d)
	atoms := atomize(pdf, d.Blocks)
	return atoms, paginate(atoms)
}

// TestNothingKeptAloneAtPageFoot checks every report's pages: no page ends
// with an atom that must stay with the next one (a heading, a caption, a
// table header, a paragraph's first line), and nothing runs below the body.
func TestNothingKeptAloneAtPageFoot(t *testing.T) {
	for _, c := range append(cases(), renderCase{name: "hostile", r: testreports.Hostile()}) {
		t.Run(c.name, func(t *testing.T) {
			d := build(t, c.r)
			sanitize(&d)
			_, pages := layOut(t, d)
			for i, pg := range pages {
				if len(pg) == 0 {
					t.Errorf("page %d is empty", i)
					continue
				}
				last := pg[len(pg)-1]
				if last.y+last.a.h > bodyBottom+0.01 {
					t.Errorf("page %d: an atom ends at %.1f mm, below the body (%.1f mm)", i, last.y+last.a.h, bodyBottom)
				}
				if i == len(pages)-1 {
					continue
				}
				// Trailing droppable space does not count.
				j := len(pg) - 1
				for j > 0 && pg[j].a.droppable {
					j--
				}
				if a := pg[j].a; a.keepNext && a.h < (bodyBottom-bodyTop)/2 {
					t.Errorf("page %d ends with an atom that should keep with the next (heading %v)", i, a.heading != nil)
				}
			}
		})
	}
}

// TestTableRepeatsHeader splits a long table: every page it continues on
// opens with the continued caption and the header.
func TestTableRepeatsHeader(t *testing.T) {
	rows := make([]doc.Row, 150)
	for i := range rows {
		rows[i] = doc.Row{Kind: doc.Plain, Cells: []doc.Cell{{Text: "Rad " + strconv.Itoa(i)}, {Text: "1,0"}}}
	}
	d := doc.Document{Organisation: "Region Halland", Unit: "Regionstyrelsen", ReportDate: "2026-05-12",
		Blocks: []doc.Block{doc.Heading{Level: 1, Text: "Test"}, doc.Table{Caption: "Tabell 9 Lång tabell", Columns: []doc.Column{{Title: "Rad", Width: 5, Align: doc.Left}, {Title: "Värde", Width: 2, Align: doc.Right}}, Rows: rows}}}
	atoms, pages := layOut(t, d)
	if len(pages) < 3 {
		t.Fatalf("%d pages, want the table to run over at least 3", len(pages))
	}
	var header *atom
	for _, a := range atoms {
		if len(a.repeat) > 0 {
			header = a.repeat[len(a.repeat)-1]
			break
		}
	}
	for i, pg := range pages[1:] {
		if len(pg) < 3 || len(pg[0].a.repeat) != 0 || pg[1].a.h != header.h {
			t.Errorf("page %d does not open with the repeated caption and header", i+2)
		}
	}
}
