package doc

import (
	"encoding/json"

	"rapport/report"
)

// Document is the tree of one report: what it says, in order, before any
// renderer measures or draws it. Build makes it from a report.Report; the
// tests snapshot it as JSON, so that content is checked apart from drawing.
type Document struct {
	Organisation string `json:"organisation"`
	Unit         string `json:"unit"`
	ReportName   string `json:"report_name"` // "Uppföljningsrapport 1 2026"
	Months       string `json:"months"`      // "januari–april 2026"
	ReportDate   string `json:"report_date"` // "2026-05-12"
	Example      bool   `json:"example"`
	Kind         string `json:"kind"` // "full", "avvikelse", "årsredovisning"
	// Mark is printed on every page of the controller's review edition
	// ("UTKAST"); empty in the board's edition.
	Mark string `json:"mark,omitempty"`
	// Cover is the title page's facts, label and value, in order.
	Cover []Fact `json:"cover"`
	// Notice is the warning that a report on example data carries on its
	// cover; empty for real data.
	Notice string  `json:"notice,omitempty"`
	Blocks []Block `json:"-"`
}

// Fact is one labelled line of the cover: "Rapportdatum", "12 maj 2026".
type Fact struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// MarshalJSON writes the blocks with their kind, so that a golden file
// reads as the report does.
func (d Document) MarshalJSON() ([]byte, error) {
	type plain Document
	blocks := make([]taggedBlock, len(d.Blocks))
	for i, b := range d.Blocks {
		blocks[i] = taggedBlock{b.kind(), b}
	}
	return json.Marshal(struct {
		plain
		Blocks []taggedBlock `json:"blocks"`
	}{plain(d), blocks})
}

type taggedBlock struct {
	Kind  string `json:"kind"`
	Block Block  `json:"block"`
}

// Block is one piece of a page flow: a heading, a paragraph, a table, a
// chart. Blocks are laid out top to bottom; tables and paragraphs may split
// across pages, the rest may not.
type Block interface {
	kind() string
}

// Heading starts a section (Level 1), a subsection (2) or a titled item
// such as one goal (3). Every heading of level 1 and 2 goes in the
// contents; every heading goes in the PDF outline.
type Heading struct {
	Level int    `json:"level"`
	Text  string `json:"text"`
	// Outline is the shorter text used in the contents and the outline,
	// when the heading itself is long; empty means Text.
	Outline string `json:"outline,omitempty"`
	// NewPage starts the heading on a fresh page.
	NewPage bool `json:"new_page,omitempty"`
}

// TextStyle is how a paragraph is set.
type TextStyle string

const (
	Body   TextStyle = "body"
	Small  TextStyle = "small"  // notes under tables, descriptions
	Italic TextStyle = "italic" // "no analysis given" and similar
	Lead   TextStyle = "lead"   // bold lead-in, e.g. a goal's focus area
	Alert  TextStyle = "alert"  // a warning the board must see, in red
)

// Paragraph is running text; it wraps and flows across pages. Lines in
// Text are kept; blank lines separate paragraphs.
type Paragraph struct {
	Style TextStyle `json:"style"`
	Text  string    `json:"text"`
	// KeepWithNext keeps the whole paragraph on the page of what follows,
	// as for a goal's focus area between its heading and its assessment.
	KeepWithNext bool `json:"keep_with_next,omitempty"`
}

// List is a bulleted list; each item wraps with a hanging indent and may
// flow across pages.
type List struct {
	Style TextStyle `json:"style"`
	Items []string  `json:"items"`
}

// Status is a goal's or indicator's assessment: symbol and word.
type Status struct {
	Label string       `json:"label"` // "Bedömning"
	Level report.Level `json:"level"`
	Word  string       `json:"word"` // the assessment as written
	Note  string       `json:"note,omitempty"`
}

// Align is a column's alignment.
type Align string

const (
	Left  Align = "L"
	Right Align = "R"
)

// Column is a table column. Width is relative to the other columns.
type Column struct {
	Title string  `json:"title"`
	Width float64 `json:"width"`
	Align Align   `json:"align"`
	// Strong sets the column's cells in bold, as the terms of a glossary.
	Strong bool `json:"strong,omitempty"`
	// Deviation marks a column of deviations: a figure that shows below
	// zero is unfavourable (its cell is Bad), in every output.
	Deviation bool `json:"deviation,omitempty"`
}

// RowKind sets a row off: group headings and sums are set apart.
type RowKind string

const (
	Plain RowKind = "row"
	Group RowKind = "group" // a group heading spanning the table
	Sum   RowKind = "sum"   // a group sum
	Total RowKind = "total" // the table's total
)

// Cell is one table cell. A cell with a Level shows the status symbol
// before its text.
type Cell struct {
	Text  string        `json:"text"`
	Level *report.Level `json:"level,omitempty"`
	// Bad marks an unfavourable figure: drawn in red; its minus sign is
	// already in Text. In a Deviation column it follows the value's sign
	// as shown.
	Bad bool `json:"bad,omitempty"`
	// Value is the figure the cell shows, where it shows one: Text is
	// Value written out. nil in a figure column is a figure the report
	// does not have ("–" in the PDF, an empty cell in the workbook).
	Value *Value `json:"value,omitempty"`
	// From names the cell of another table that holds the same figure,
	// so that a workbook can refer to it rather than repeat it.
	From *CellRef `json:"from,omitempty"`
}

// Row is a table row.
type Row struct {
	Kind  RowKind `json:"kind"`
	Cells []Cell  `json:"cells"`
	// Adds lists the rows (indexes into Table.Rows) that a sum or total
	// row adds, column by column; its figure is absent in a column where
	// one of them has none.
	Adds []int `json:"adds,omitempty"`
}

// Table is a captioned table; it splits between rows, repeating its
// header, and its caption never stands alone at a page foot.
type Table struct {
	// Number is the plan's table number, 1–5; 0 for the report's other
	// tables. The workbook writes tables 2–5 on their own sheets.
	Number  int      `json:"number,omitempty"`
	Caption string   `json:"caption,omitempty"`
	Columns []Column `json:"columns"`
	Rows    []Row    `json:"rows"`
	Note    string   `json:"note,omitempty"` // under the table, small
	// Small sets the whole table a size down, for wide tables.
	Small bool `json:"small,omitempty"`
	// Derived are the columns computed from two others of the same row
	// (a − b, a / b − 1): every output shows the same figure, and a
	// workbook writes it as a formula.
	Derived []Derived `json:"derived,omitempty"`
}

// Series is one named row of values of a chart. A nil value is absent (no
// bar, a gap in a line), not zero.
type Series struct {
	Name   string     `json:"name"`
	Values []*float64 `json:"values"`
	// Labels, where given, are the values as the tables show them, so
	// that a bar's label and the table agree to the tenth.
	Labels []string `json:"labels,omitempty"`
}

// RefLine is a horizontal target or reference line across a chart.
type RefLine struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// ChartKind is the kind of chart.
type ChartKind string

const (
	BarChart    ChartKind = "bars"   // grouped vertical bars per category
	LineChart   ChartKind = "lines"  // values per month, with reference lines
	StatusChart ChartKind = "status" // goals per level, horizontal bars
	// DeviationChart is a horizontal bar per category around zero: a
	// deviation from budget per line, positive (better) to the right.
	DeviationChart ChartKind = "deviation"
)

// Chart is a vector chart with its title, axis unit and legend.
type Chart struct {
	Kind       ChartKind      `json:"kind"`
	Title      string         `json:"title"`
	Unit       string         `json:"unit"`       // axis unit: "mnkr", "%", "antal mål"
	Categories []string       `json:"categories"` // x labels (bars, lines) or level words (status)
	Series     []Series       `json:"series"`
	RefLines   []RefLine      `json:"ref_lines,omitempty"`
	Levels     []report.Level `json:"levels,omitempty"` // status chart: the level of each category
	Height     float64        `json:"height"`           // mm
	// Alt is the chart in one Swedish sentence — what it shows and its
	// key values — for readers who cannot see it (a tagged PDF's /Alt).
	Alt string `json:"alt"`
}

// Spacer is vertical space, dropped at the top of a page.
type Spacer struct {
	Height float64 `json:"height"` // mm
}

func (Heading) kind() string   { return "heading" }
func (Paragraph) kind() string { return "paragraph" }
func (Status) kind() string    { return "status" }
func (List) kind() string      { return "list" }
func (Table) kind() string     { return "table" }
func (Chart) kind() string     { return "chart" }
func (Spacer) kind() string    { return "spacer" }
