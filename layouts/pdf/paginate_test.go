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

// TestPageFillAndWidows lays out the example's reports and the hand-made
// ones (the annual report among them) and checks every page: none but a
// document's last holds less than a fifth of the body (SPEC 7.7), no line
// of a paragraph or list item stands alone at a page's head or foot, and
// a heading has the start of what it heads below it on its page.
func TestPageFillAndWidows(t *testing.T) {
	all := append(cases(), examplesAndAnnual(t, "example_", "arsredovisning_AR")...)
	eachEdition(t, all, func(t *testing.T, pages [][]placed) {
		for i, pg := range pages {
			content := 0.0
			lines := map[*lineGroup]int{}
			for j, p := range pg {
				if !p.a.droppable {
					content += p.a.h
				}
				if p.a.lines != nil {
					lines[p.a.lines]++
				}
				if p.a.heading != nil {
					rest := 0
					for _, q := range pg[j+1:] {
						if !q.a.droppable {
							rest++
						}
					}
					if rest == 0 {
						t.Errorf("page %d ends with the heading %q", i+1, p.a.heading.text)
					}
				}
			}
			if i < len(pages)-1 && content < minFill {
				t.Errorf("page %d holds %.1f mm of content, less than a fifth of the body (%.1f mm)", i+1, content, minFill)
			}
			for g, n := range lines {
				if n == 1 && g.n > 1 {
					t.Errorf("page %d holds a single line of a %d-line paragraph", i+1, g.n)
				}
			}
		}
	})
}

// TestTableRepeatsGroupRow splits a grouped table (as table 1 is, by
// Fokusområde) inside its groups: every page it continues on opens with
// the repeated caption and header and then the group row above the split,
// marked as continued, unless a group row opens the page anyway.
func TestTableRepeatsGroupRow(t *testing.T) {
	var rows []doc.Row
	for g := range 4 {
		rows = append(rows, doc.Row{Kind: doc.Group, Cells: []doc.Cell{{Text: "Fokusområde " + strconv.Itoa(g)}}})
		for i := range 45 {
			rows = append(rows, doc.Row{Kind: doc.Plain, Cells: []doc.Cell{{Text: "Mål " + strconv.Itoa(g) + "." + strconv.Itoa(i)}, {Text: "1,0"}}})
		}
	}
	d := doc.Document{Organisation: "Region Halland", Unit: "Regionstyrelsen", ReportDate: "2026-05-12",
		Blocks: []doc.Block{doc.Heading{Level: 1, Text: "Test"}, doc.Table{Caption: "Tabell 1 Mål", Columns: []doc.Column{{Title: "Mål", Width: 5, Align: doc.Left}, {Title: "Värde", Width: 2, Align: doc.Right}}, Rows: rows}}}
	atoms, pages := layOut(t, d)
	if len(pages) < 4 {
		t.Fatalf("%d pages, want the table to run over at least 4", len(pages))
	}
	// In this table every row is in a group: a group row repeats the
	// caption and header, a row in a group repeats its group row too.
	var groups []*atom
	rowAtoms := map[*atom]int{} // row atom → its group's index
	for _, a := range atoms {
		switch len(a.repeat) {
		case 0:
			continue
		case 2:
			groups = append(groups, a)
		}
		rowAtoms[a] = len(groups) - 1
	}
	if len(groups) != 4 {
		t.Fatalf("%d group rows found, want 4", len(groups))
	}
	continued := 0
	for i, pg := range pages[1:] {
		var first *placed // the first row of the tree on the page
		n := 0
		for j := range pg {
			if !pg[j].repeated {
				first = &pg[j]
				break
			}
			n++
		}
		if first == nil {
			t.Fatalf("page %d holds only repeated rows", i+2)
		}
		g, ok := rowAtoms[first.a]
		if !ok {
			t.Fatalf("page %d does not open with a table row", i+2)
		}
		opensGroup := groups[g] == first.a
		want := 2 // caption, header
		if !opensGroup {
			want = 3 // and the group row
			continued++
		}
		if n != want {
			t.Errorf("page %d opens with %d repeated rows, want %d", i+2, n, want)
			continue
		}
		if !opensGroup {
			if got, want := pg[2].a.h, groups[g].h; got < want {
				t.Errorf("page %d: the continued group row is %.1f mm, lower than the group row (%.1f mm)", i+2, got, want)
			}
			if pg[2].y+pg[2].a.h != first.y {
				t.Errorf("page %d: the continued group row does not stand right above the first row", i+2)
			}
		}
	}
	if continued == 0 {
		t.Error("no page continues a group: the test does not test")
	}
}
