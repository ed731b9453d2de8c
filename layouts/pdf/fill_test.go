package pdf

import (
	"strconv"
	"strings"
	"testing"

	"rapport/layouts"
	"rapport/layouts/doc"
	"rapport/layouts/internal/testreports"
)

// chapterFill is the least share of the body a page fills unless it ends
// a chapter (SPEC 12.5, issue 21): a chart stays with its table, and a
// table moves whole rather than leave a page a third full.
const chapterFill = 0.40

// pageFill is how far down the body a page's content reaches, as a share
// of the body's height: the foot of its last block that is not spacing.
func pageFill(pg []placed) float64 {
	for j := len(pg) - 1; j >= 0; j-- {
		if !pg[j].a.droppable {
			return (pg[j].y + pg[j].a.h - bodyTop) / (bodyBottom - bodyTop)
		}
	}
	return 0
}

// endsChapter tells whether page i is the last of a level-1 chapter: the
// document's last page, or one followed by a page that opens with a
// heading that asks for a new page.
func endsChapter(pages [][]placed, i int) bool {
	if i == len(pages)-1 {
		return true
	}
	for _, p := range pages[i+1] {
		if !p.a.droppable {
			return p.a.newPage && p.a.heading != nil
		}
	}
	return false
}

// examplesAndAnnual are the example's reports of every period, named
// prefix+code, and the annual report of the test inputs, named annual.
func examplesAndAnnual(t *testing.T, prefix, annualName string) []renderCase {
	t.Helper()
	reports := exampleReports(t)
	var all []renderCase
	for _, code := range []string{"M02", "UR1", "UR2", "M10"} {
		all = append(all, renderCase{name: prefix + code, r: reports[code]})
	}
	annual, err := testreports.Annual()
	if err != nil {
		t.Fatal(err)
	}
	return append(all, renderCase{name: annualName, r: annual})
}

// eachEdition lays out each report in the board's and the draft edition
// and checks its pages in a subtest.
func eachEdition(t *testing.T, all []renderCase, check func(t *testing.T, pages [][]placed)) {
	for _, c := range all {
		for _, draft := range []bool{false, true} {
			name, e := c.name, layouts.BoardEdition
			if draft {
				name, e = name+"_utkast", layouts.DraftEdition
			}
			t.Run(name, func(t *testing.T) {
				d, err := doc.BuildEdition(c.r, e)
				if err != nil {
					t.Fatal(err)
				}
				sanitize(&d)
				_, pages := layOut(t, d)
				check(t, pages)
			})
		}
	}
}

// TestPagesFilledUnlessChapterEnds lays out the example's report of every
// period kind, and the annual report, in both editions: every page but a
// chapter's last is at least 40 % full.
func TestPagesFilledUnlessChapterEnds(t *testing.T) {
	eachEdition(t, examplesAndAnnual(t, "", "ÅR"), func(t *testing.T, pages [][]placed) {
		for i, pg := range pages {
			if f := pageFill(pg); f < chapterFill && !endsChapter(pages, i) {
				t.Errorf("body page %d of %d is %.0f %% full, less than %.0f %%", i+1, len(pages), f*100, chapterFill*100)
			}
		}
	})
}

// TestChartStaysWithItsTable puts a chart after a table at every height
// down a page: wherever the chart does not fit below the table, the
// table's last rows (a short table whole) go with it to the next page, so
// that the chart never opens a page alone (SPEC 12.5).
func TestChartStaysWithItsTable(t *testing.T) {
	for _, n := range []int{4, 30} { // a short table and one of more than half a page
		rows := make([]doc.Row, n)
		for i := range rows {
			rows[i] = doc.Row{Kind: doc.Plain, Cells: []doc.Cell{{Text: "Rad " + strconv.Itoa(i)}, {Text: "1,0"}}}
		}
		moved := 0
		for lines := 0; lines < 50; lines++ {
			text := strings.Repeat("Rad som fyller sidan.\n", lines+1)
			d := doc.Document{Organisation: "Region Halland", Unit: "Regionstyrelsen", ReportDate: "2026-05-12",
				Blocks: []doc.Block{
					doc.Heading{Level: 1, Text: "Test"},
					doc.Paragraph{Style: doc.Body, Text: text},
					doc.Table{Caption: "Tabell 9 Tabell", Columns: []doc.Column{{Title: "Rad", Width: 5, Align: doc.Left}, {Title: "Värde", Width: 2, Align: doc.Right}},
						Rows: rows, Note: "En not under tabellen."},
					doc.Chart{Kind: doc.BarChart, Title: "Diagram", Unit: "mnkr", Categories: []string{"a"},
						Series: []doc.Series{{Name: "s", Values: []*float64{new(1.0)}}}, Height: 70},
				}}
			atoms, pages := layOut(t, d)
			page := map[*atom]int{}
			for i, pg := range pages {
				for _, p := range pg {
					page[p.a] = i
				}
			}
			var firstRow, lastRow, chart *atom
			for _, a := range atoms {
				if len(a.repeat) > 0 {
					if firstRow == nil {
						firstRow = a
					}
					lastRow = a
				}
			}
			chart = atoms[len(atoms)-1]
			if page[chart] != page[lastRow] {
				t.Errorf("%d rows after %d lines: the chart is on page %d, the table's last row on page %d", n, lines+1, page[chart]+1, page[lastRow]+1)
			}
			if n < 5 && page[firstRow] != page[lastRow] {
				t.Errorf("%d rows after %d lines: a short table splits", n, lines+1)
			}
			if page[chart] > 0 {
				moved++
			}
		}
		if moved == 0 {
			t.Errorf("%d rows: the chart never had to move; the test does not test", n)
		}
	}
}
