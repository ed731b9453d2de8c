package html

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	_ "rapport/fixtures/testkit" // the shared -update flag
	"rapport/layouts"
	"rapport/layouts/doc"
	"rapport/layouts/internal/testreports"
	"rapport/report"
)

// documents are the trees the tests render: every example period in both
// editions, the hand-made annual report and the hostile report.
func documents(t *testing.T) map[string]doc.Document {
	t.Helper()
	reports, err := testreports.Example()
	if err != nil {
		t.Fatal(err)
	}
	reports["handmade-ÅR"] = testreports.Handmade("ÅR")
	reports["hostile"] = testreports.Hostile()
	out := map[string]doc.Document{}
	for name, r := range reports {
		for _, e := range []layouts.Edition{layouts.BoardEdition, layouts.DraftEdition} {
			d, err := doc.BuildEdition(r, e)
			if err != nil {
				t.Fatal(err)
			}
			out[name+"-"+e.Name] = d
		}
	}
	return out
}

func render(t *testing.T, d doc.Document) *xhtml.Node {
	t.Helper()
	var buf bytes.Buffer
	if err := Page(&buf, d, "rapport.css"); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("RAPPORT_HTML_OUT"); dir != "" {
		// For a look in a browser: RAPPORT_HTML_OUT=/tmp/x go test -run TestTables
		os.WriteFile(filepath.Join(dir, "rapport.css"), CSS(), 0o644)
		os.MkdirAll(filepath.Join(dir, "fonts"), 0o755)
		for name, data := range Fonts() {
			os.WriteFile(filepath.Join(dir, "fonts", name), data, 0o644)
		}
		os.WriteFile(filepath.Join(dir, strings.ReplaceAll(d.ReportName, " ", "_")+".html"), buf.Bytes(), 0o644)
	}
	n, err := xhtml.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestTables holds every table of the tree against the page: a <table>
// with the caption, a column header (th scope=col) per titled column, and
// every cell's text in its row, group headings as th scope=rowgroup.
func TestTables(t *testing.T) {
	for name, d := range documents(t) {
		t.Run(name, func(t *testing.T) {
			page := render(t, d)
			tables := findAll(page, "table")
			var want []doc.Table
			for _, b := range d.Blocks {
				if tb, ok := b.(doc.Table); ok {
					want = append(want, tb)
				}
			}
			if len(tables) != len(want) {
				t.Fatalf("%d tables on the page, %d in the tree", len(tables), len(want))
			}
			for i, tb := range want {
				got := tables[i]
				if caps := findAll(got, "caption"); tb.Caption != "" && (len(caps) != 1 || text(caps[0]) != tb.Caption) {
					t.Errorf("table %d: caption %q, want %q", i, textsOf(caps), tb.Caption)
				}
				ths := findAll(findAll(got, "thead")[0], "th")
				titled := 0
				for _, c := range tb.Columns {
					if strings.TrimSpace(c.Title) != "" {
						if titled < len(ths) && (attr(ths[titled], "scope") != "col" || text(ths[titled]) != c.Title) {
							t.Errorf("table %d: header %q scope %q, want %q scope col", i, text(ths[titled]), attr(ths[titled], "scope"), c.Title)
						}
						titled++
					}
				}
				if len(ths) != titled {
					t.Errorf("table %d: %d column headers, want %d", i, len(ths), titled)
				}
				var rows []*xhtml.Node
				for _, body := range findAll(got, "tbody") {
					rows = append(rows, findAll(body, "tr")...)
				}
				if len(rows) != len(tb.Rows) {
					t.Fatalf("table %d (%s): %d rows, want %d", i, tb.Caption, len(rows), len(tb.Rows))
				}
				for ri, r := range tb.Rows {
					cells := cellsOf(rows[ri])
					if r.Kind == doc.Group {
						if len(cells) != 1 || cells[0].Data != "th" || attr(cells[0], "scope") != "rowgroup" || text(cells[0]) != strings.TrimSpace(r.Cells[0].Text) {
							t.Errorf("table %d row %d: group heading %q, want th scope=rowgroup %q", i, ri, textsOf(cells), r.Cells[0].Text)
						}
						continue
					}
					for ci, c := range r.Cells {
						if ci >= len(tb.Columns) {
							break
						}
						if got := text(cells[ci]); got != strings.TrimSpace(c.Text) {
							t.Errorf("table %d row %d cell %d: %q, want %q", i, ri, ci, got, c.Text)
						}
						if c.Bad != strings.Contains(attr(cells[ci], "class"), "bad") {
							t.Errorf("table %d row %d cell %d: class %q, Bad %v", i, ri, ci, attr(cells[ci], "class"), c.Bad)
						}
					}
					if len(tb.Columns) > 1 && tb.Columns[0].Align != doc.Right && strings.TrimSpace(r.Cells[0].Text) != "" && (cells[0].Data != "th" || attr(cells[0], "scope") != "row") {
						t.Errorf("table %d row %d: first cell <%s scope=%q>, want th scope=row", i, ri, cells[0].Data, attr(cells[0], "scope"))
					}
				}
			}
		})
	}
}

// TestHeadingsInOrder: one h1 (the report's name), then headings that never
// skip a level, each section's heading as the tree has it.
func TestHeadingsInOrder(t *testing.T) {
	for name, d := range documents(t) {
		t.Run(name, func(t *testing.T) {
			page := render(t, d)
			var levels []int
			var texts []string
			walk(page, func(n *xhtml.Node) {
				if len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' && n.Type == xhtml.ElementNode {
					levels = append(levels, int(n.Data[1]-'0'))
					texts = append(texts, text(n))
				}
			})
			if len(levels) == 0 || levels[0] != 1 || texts[0] != d.ReportName {
				t.Fatalf("first heading h%d %q, want h1 %q", levels[0], texts[0], d.ReportName)
			}
			for i := 1; i < len(levels); i++ {
				if levels[i] == 1 {
					t.Errorf("a second h1: %q", texts[i])
				}
				if levels[i] > levels[i-1]+1 {
					t.Errorf("h%d %q follows h%d %q: a level skipped", levels[i], texts[i], levels[i-1], texts[i-1])
				}
			}
			var want []string
			for _, b := range d.Blocks {
				if h, ok := b.(doc.Heading); ok {
					want = append(want, strings.TrimSpace(h.Text))
				}
			}
			// After the h1 and the contents' heading.
			if got := texts[2:]; strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("headings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestChartsAreImagesWithTheTreesAlt: every chart is an SVG image whose
// accessible name is the tree's text alternative.
func TestChartsAreImagesWithTheTreesAlt(t *testing.T) {
	for name, d := range documents(t) {
		t.Run(name, func(t *testing.T) {
			page := render(t, d)
			var alts []string
			for _, s := range findAll(page, "svg") {
				if attr(s, "role") == "img" {
					alts = append(alts, attr(s, "aria-label"))
				}
			}
			var want []string
			for _, b := range d.Blocks {
				if c, ok := b.(doc.Chart); ok {
					want = append(want, c.Alt)
				}
			}
			if strings.Join(alts, "\n") != strings.Join(want, "\n") {
				t.Errorf("chart names\n%s\nwant\n%s", strings.Join(alts, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestTextIsEscaped: text from the inputs that looks like markup is shown,
// never run.
func TestTextIsEscaped(t *testing.T) {
	r := testreports.Handmade("UR1")
	evil := `<script>alert(1)</script><img src=x onerror=alert(2)>"'&`
	r.Unit = evil
	r.Goals[0].Analysis = evil
	r.Investment.Groups[0].Rows[0].Name = evil
	d, err := doc.Build(r)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script", "<img"} {
		if strings.Contains(out, bad) {
			t.Errorf("the page holds %q unescaped", bad)
		}
	}
	page := render(t, d)
	if n := len(findAll(page, "script")) + len(findAll(page, "img")); n > 0 {
		t.Errorf("%d script or img elements made from the input's text", n)
	}
	found := false
	walk(page, func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "h2" || n.Data == "p" {
			if strings.Contains(text(n), evil) {
				found = true
			}
		}
	})
	if !found {
		t.Errorf("the text %q is not shown as text", evil)
	}
}

// TestUnknownBlockIsAnError: a block this renderer has no case for fails
// the page rather than vanishing from it.
func TestUnknownBlockIsAnError(t *testing.T) {
	d := doc.Document{Blocks: []doc.Block{doc.Table{Columns: []doc.Column{{Title: "A"}}, Rows: []doc.Row{{Kind: "nyrad", Cells: []doc.Cell{{Text: "x"}}}}}}}
	if err := Write(&bytes.Buffer{}, d); err == nil {
		t.Error("a row kind without a case rendered without an error")
	}
	lvl := report.Level(99)
	d = doc.Document{Blocks: []doc.Block{doc.Status{Label: "Bedömning", Level: lvl}}}
	if err := Write(&bytes.Buffer{}, d); err == nil {
		t.Error("an unknown level rendered without an error")
	}
}

// TestCSSHasThePDFsPalette: the stylesheet's colours are the PDF's, and
// its fonts the PDF's files.
func TestCSSHasThePDFsPalette(t *testing.T) {
	css := string(CSS())
	for _, want := range []string{"--accent: #004876;", "--bad: #b00020;", "--accent-pale: #dee9f2;", `url("fonts/LiberationSans-Bold.ttf")`} {
		if !strings.Contains(css, want) {
			t.Errorf("the stylesheet lacks %s", want)
		}
	}
	for name, data := range Fonts() {
		if len(data) < 10000 || !strings.Contains(css, name) {
			t.Errorf("font %s: %d bytes, named in the stylesheet: %v", name, len(data), strings.Contains(css, name))
		}
	}
}

func walk(n *xhtml.Node, f func(*xhtml.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func findAll(n *xhtml.Node, tag string) []*xhtml.Node {
	var out []*xhtml.Node
	walk(n, func(m *xhtml.Node) {
		if m.Type == xhtml.ElementNode && m.Data == tag && m != n {
			out = append(out, m)
		}
	})
	return out
}

func cellsOf(tr *xhtml.Node) []*xhtml.Node {
	var out []*xhtml.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode && (c.Data == "td" || c.Data == "th") {
			out = append(out, c)
		}
	}
	return out
}

// text is a node's text as a reader gets it, symbols (SVG) left out.
func text(n *xhtml.Node) string {
	var b strings.Builder
	var rec func(*xhtml.Node)
	rec = func(m *xhtml.Node) {
		if m.Type == xhtml.ElementNode && m.Data == "svg" {
			return
		}
		if m.Type == xhtml.TextNode {
			b.WriteString(m.Data)
		}
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return strings.TrimSpace(b.String())
}

func textsOf(ns []*xhtml.Node) []string {
	var out []string
	for _, n := range ns {
		out = append(out, text(n))
	}
	return out
}

func attr(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestChartsShowTheTreesFigures: every bar of a chart carries the figure
// the tree gives it (the table's text), and every category is named, as
// in the PDF, whose chart has the same layout (layouts/internal/chart).
func TestChartsShowTheTreesFigures(t *testing.T) {
	for name, d := range documents(t) {
		t.Run(name, func(t *testing.T) {
			page := render(t, d)
			var svgs []*xhtml.Node
			for _, s := range findAll(page, "svg") {
				if attr(s, "role") == "img" {
					svgs = append(svgs, s)
				}
			}
			i := 0
			for _, b := range d.Blocks {
				c, ok := b.(doc.Chart)
				if !ok {
					continue
				}
				texts := map[string]bool{}
				for _, n := range findAll(svgs[i], "text") {
					texts[text(n)] = true
				}
				i++
				for _, s := range c.Series {
					for j, l := range s.Labels {
						if l != "" && j < len(s.Values) && s.Values[j] != nil && !texts[l] {
							t.Errorf("%s: the figure %q of %s is not drawn", c.Title, l, s.Name)
						}
					}
				}
				if c.Kind == doc.StatusChart || c.Kind == doc.LineChart {
					for _, cat := range c.Categories {
						if !texts[cat] {
							t.Errorf("%s: the category %q is not named", c.Title, cat)
						}
					}
				}
			}
		})
	}
}
