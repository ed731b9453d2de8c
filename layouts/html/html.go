// Package html renders the report's document tree (layouts/doc) as HTML:
// the accessible edition of the report, beside the PDF (layouts/pdf) and
// the workbook (layouts/xlsx), read from the same tree so that the three
// cannot disagree. Tables are real tables (<caption>, <th scope>), headings
// come in order, charts are SVG images whose text alternative is the
// tree's. The page looks like the PDF: the stylesheet takes the PDF's
// colours and fonts from layouts/pdf.
//
// Like every renderer it computes no figure and words no sentence: every
// text comes from the tree, escaped by html/template. It knows nothing
// about input files or the web server that shows the page (cmd/rapport
// serve); a page that embeds the fragment links the stylesheet (CSS) and
// serves the font files (Fonts) beside it.
package html

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strconv"
	"strings"

	"rapport/layouts/doc"
	"rapport/layouts/internal/flow"
	"rapport/layouts/pdf"
	"rapport/report"
)

// Write writes d as an HTML fragment, one <article>, for a page whose
// stylesheet is CSS.
func Write(w io.Writer, d doc.Document) error {
	v, err := newView(d)
	if err != nil {
		return err
	}
	return articleTemplate.ExecuteTemplate(w, "article", v)
}

// Fragment is Write into a value a page template includes as it is.
func Fragment(d doc.Document) (template.HTML, error) {
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil //nolint: the fragment is html/template's escaped output
}

// Page writes d as a whole HTML document that links the stylesheet at
// cssURL, for a report saved or served on its own.
func Page(w io.Writer, d doc.Document, cssURL string) error {
	body, err := Fragment(d)
	if err != nil {
		return err
	}
	return articleTemplate.ExecuteTemplate(w, "page", struct {
		Title, CSS string
		Body       template.HTML
	}{docTitle(d), cssURL, body})
}

// docTitle is the page's title: the PDF's document title.
func docTitle(d doc.Document) string {
	t := d.Unit + " – " + d.ReportName
	if m := pdf.MarkText(d); m != "" {
		t += " (" + m + ")"
	}
	return t
}

//go:embed report.css
var reportCSS string

// FontPath is where the stylesheet's @font-face rules look for the font
// files, relative to the stylesheet: "fonts/" + FontFile.Name.
const FontPath = "fonts/"

// CSS is the report's stylesheet: the PDF's palette as custom properties,
// its fonts as @font-face rules (FontPath), then the rules for the
// article.
func CSS() []byte {
	var b strings.Builder
	for _, f := range pdf.Fonts() {
		style := "normal"
		if f.Italic {
			style = "italic"
		}
		fmt.Fprintf(&b, "@font-face { font-family: \"Liberation Sans\"; src: url(\"%s%s\") format(\"truetype\"); font-weight: %d; font-style: %s; font-display: swap; }\n",
			FontPath, f.Name, f.Weight, style)
	}
	b.WriteString(":root {\n")
	pal := pdf.Palette()
	names := make([]string, 0, len(pal))
	for n := range pal {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "  --%s: %s;\n", n, pal[n])
	}
	for _, l := range report.Levels {
		fmt.Fprintf(&b, "  --level-%s: %s;\n", levelClass(l), pdf.LevelColour(l))
	}
	b.WriteString("}\n")
	b.WriteString(reportCSS)
	return []byte(b.String())
}

// Fonts are the font files the stylesheet names, by file name.
func Fonts() map[string][]byte {
	out := map[string][]byte{}
	for _, f := range pdf.Fonts() {
		out[f.Name] = f.Data
	}
	return out
}

// levelClass names a level in class names and symbol ids.
func levelClass(l report.Level) string {
	switch l {
	case report.Met:
		return "met"
	case report.PartlyMet:
		return "partly"
	case report.NotMet:
		return "notmet"
	case report.NotAssessed:
		return "none"
	}
	panic(unknown("bedömningsnivå", l))
}

// unknown is the panic for a value of the tree this renderer has no case
// for; newView turns it into an error, so that nothing is dropped silently.
func unknown(what string, v any) string {
	return fmt.Sprintf("okänd %s i dokumentträdet: %v", what, v)
}

// view is the document as the template reads it.
type view struct {
	doc.Document
	MarkText string
	Contents []tocEntry
	Items    []item
}

type tocEntry struct {
	ID, Text string
	Sub      []tocEntry
}

// item is one block as the template draws it; Kind picks the part.
type item struct {
	Kind      string // "heading", "paragraphs", "status", "list", "table", "chart"
	ID        string
	H         int // heading level, 2–4
	NewPage   bool
	Text      string
	Class     string
	Texts     []string
	Status    doc.Status
	StatusSym string
	Table     *tableView
	Chart     *chartView
}

type tableView struct {
	ID, Caption, Note string
	Small             bool
	Cols              []colView
	Bodies            []tbodyView
}

type colView struct {
	Title        string
	Right, Empty bool
}

// tbodyView is a group of rows: a group heading (or none) and its rows.
type tbodyView struct {
	Head *cellView
	Rows []rowView
}

type rowView struct {
	Kind  string
	Cells []cellView
}

type cellView struct {
	Text                       string
	Header, Right, Bad, Strong bool
	Level                      string // symbol's class, "" for none
	Span                       int
}

func newView(d doc.Document) (v view, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("HTML-sidan kunde inte skapas: %v", p)
		}
	}()
	v = view{Document: d, MarkText: pdf.MarkText(d)}
	var outline flow.Outline // the depth of each heading, as the PDF tags it
	charts := 0
	for i, b := range d.Blocks {
		id := "b" + strconv.Itoa(i)
		switch b := b.(type) {
		case doc.Heading:
			level, ok := outline.Depth(b.Level)
			if !ok {
				panic(unknown("rubriknivå", b.Level))
			}
			// The page's h1 is the report's name; the sections are h2.
			v.Items = append(v.Items, item{Kind: "heading", ID: id, H: min(level+2, 6), Text: b.Text, NewPage: b.NewPage})
			text := b.Outline
			if text == "" {
				text = b.Text
			}
			switch b.Level {
			case 1:
				v.Contents = append(v.Contents, tocEntry{ID: id, Text: text})
			case 2:
				if n := len(v.Contents); n > 0 {
					v.Contents[n-1].Sub = append(v.Contents[n-1].Sub, tocEntry{ID: id, Text: text})
				} else {
					v.Contents = append(v.Contents, tocEntry{ID: id, Text: text})
				}
			}
		case doc.Paragraph:
			v.Items = append(v.Items, item{Kind: "paragraphs", Class: paragraphClass(b.Style), Texts: splitParagraphs(b.Text)})
		case doc.Status:
			v.Items = append(v.Items, item{Kind: "status", Status: b, StatusSym: levelClass(b.Level)})
		case doc.List:
			v.Items = append(v.Items, item{Kind: "list", Class: paragraphClass(b.Style), Texts: b.Items})
		case doc.Table:
			v.Items = append(v.Items, item{Kind: "table", Table: newTable(b, id)})
		case doc.Chart:
			charts++
			v.Items = append(v.Items, item{Kind: "chart", Chart: newChart(b, id)})
		case doc.Spacer:
			// Space is the stylesheet's.
		default:
			panic(unknown("blocktyp", fmt.Sprintf("%T", b)))
		}
	}
	return v, nil
}

func paragraphClass(s doc.TextStyle) string {
	switch s {
	case doc.Body:
		return "body"
	case doc.Small:
		return "small"
	case doc.Italic:
		return "italic"
	case doc.Lead:
		return "lead"
	case doc.Alert:
		return "alert"
	}
	panic(unknown("textstil", s))
}

// splitParagraphs splits text at blank lines, as the PDF does; single
// line breaks are kept by the stylesheet.
func splitParagraphs(text string) []string {
	if p := flow.Paragraphs(text); p[0] != "" {
		return p
	}
	return nil
}

// newTable is a table as the PDF tags it: a row's first cell is its header
// when the first column names the rows, and a group heading heads the rows
// up to the next one.
func newTable(t doc.Table, id string) *tableView {
	tv := &tableView{ID: id, Caption: t.Caption, Note: t.Note, Small: t.Small}
	for _, c := range t.Columns {
		tv.Cols = append(tv.Cols, colView{Title: c.Title, Right: c.Align == doc.Right, Empty: strings.TrimSpace(c.Title) == ""})
	}
	rowHeads := len(t.Columns) > 1 && t.Columns[0].Align != doc.Right
	body := tbodyView{}
	for _, r := range t.Rows {
		switch r.Kind {
		case doc.Group:
			if body.Head != nil || len(body.Rows) > 0 {
				tv.Bodies = append(tv.Bodies, body)
			}
			text := ""
			if len(r.Cells) > 0 {
				text = r.Cells[0].Text
			}
			body = tbodyView{Head: &cellView{Text: text, Header: true, Span: len(t.Columns)}}
			continue
		case doc.Plain, doc.Sum, doc.Total:
		default:
			panic(unknown("radtyp", r.Kind))
		}
		row := rowView{Kind: string(r.Kind)}
		for i := range t.Columns {
			c := doc.Cell{}
			if i < len(r.Cells) {
				c = r.Cells[i]
			}
			// A row without a name (a continued row) has no header.
			cv := cellView{Text: c.Text, Header: i == 0 && rowHeads && strings.TrimSpace(c.Text) != "", Right: t.Columns[i].Align == doc.Right,
				Bad: c.Bad, Strong: t.Columns[i].Strong}
			if c.Level != nil {
				cv.Level = levelClass(*c.Level)
			}
			row.Cells = append(row.Cells, cv)
		}
		body.Rows = append(body.Rows, row)
	}
	if body.Head != nil || len(body.Rows) > 0 {
		tv.Bodies = append(tv.Bodies, body)
	}
	return tv
}

//go:embed article.tmpl
var articleTmpl string

var articleTemplate = template.Must(template.New("article").Funcs(template.FuncMap{
	"mm": mmText,
}).Parse(articleTmpl))
