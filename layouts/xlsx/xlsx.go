// Package xlsx renders a computed report as the Excel workbook that
// controllers keep working with: tables 2–5 with the plan's captions, the
// monthly outcome behind table 4 per line (Underlag per månad) and per
// account as an Excel table for pivots (Underlag), and the reconciliation
// of the ledger (Kontroll). Figures are numbers in mnkr, exact to the öre; sums
// and deviations are live formulas that carry their computed values, so a
// reader without a calculation engine sees the right figures too.
//
// It knows nothing about input files and computes no money: every figure
// comes from report.Report, and the formulas only restate how the report
// derived its sums and deviations.
package xlsx

import (
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"rapport/layouts/doc"
	"rapport/report"
)

// Options are what a run adds to the report: nothing in them changes a
// figure.
type Options struct {
	// Version is the program's version, recorded in the document
	// properties; "" records only the program's name.
	Version string
}

// Render writes r as an .xlsx workbook to w with the zero Options.
func Render(w io.Writer, r *report.Report) error { return Options{}.Render(w, r) }

// RenderWith is Render with options.
func RenderWith(w io.Writer, r *report.Report, opt Options) error { return opt.Render(w, r) }

// Render writes r as an .xlsx workbook to w. The same report gives the
// same bytes: nothing in the file depends on the clock.
func (o Options) Render(w io.Writer, r *report.Report) error {
	if r == nil {
		return fmt.Errorf("ingen rapport att skriva")
	}
	b, err := newBuilder(r, o)
	if err != nil {
		return err
	}
	f, err := b.write(b.sheets())
	if err != nil {
		return err
	}
	defer f.Close()
	// The zip entries are dated the report date, not the clock, and kept in
	// name order: excelize writes streamed sheets in map order.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return newSortedZip(w, reportTime(r)) })
	if err := f.Write(w); err != nil {
		return fmt.Errorf("arbetsboken kunde inte skrivas: %w", err)
	}
	return nil
}

// newBuilder is a builder of r's workbook, with the tables of r's
// document: the workbook writes what the PDF shows.
func newBuilder(r *report.Report, o Options) (*builder, error) {
	tables, err := doc.Tables(r)
	if err != nil {
		return nil, err
	}
	return &builder{r: r, opt: o, tables: tables, placed: map[int]*placed{}}, nil
}

// sheets lays out the workbook's sheets in order: table 3 refers to cells
// of tables 4 and 5, and the monthly trail to table 4, so those are laid
// out first.
func (b *builder) sheets() []*sheet {
	t4 := b.operating()
	t5 := b.investments()
	t3 := b.economy()
	t2 := b.employees()
	t1 := b.goalsSheet()
	sheets := []*sheet{t1, t2, t3, t4}
	if g := b.groups(); g != nil {
		sheets = append(sheets, g)
	}
	return append(sheets, t5, b.monthly(), b.accounts(), b.control())
}

// write turns the sheet models into an excelize workbook. Every sheet is
// streamed, so that each states its used range and every formula carries
// its cached value, and so that a long Underlag costs little memory.
func (b *builder) write(sheets []*sheet) (*excelize.File, error) {
	f := excelize.NewFile()
	fail := func(err error) (*excelize.File, error) {
		f.Close()
		return nil, fmt.Errorf("arbetsboken kunde inte byggas: %w", err)
	}
	styles, err := newStyles(f)
	if err != nil {
		return fail(err)
	}
	red, err := f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Color: "9C0006", Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}},
	})
	if err != nil {
		return fail(err)
	}

	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return fail(err)
		}
	}
	// Before streaming: a streamed sheet can no longer be changed.
	f.SetActiveSheet(0)
	for _, s := range sheets {
		if err := b.writeSheet(f, s, styles, red); err != nil {
			return fail(err)
		}
	}
	for _, n := range b.names {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: n.name, RefersTo: n.refersTo}); err != nil {
			return fail(err)
		}
	}
	if err := b.properties(f); err != nil {
		return fail(err)
	}
	return f, nil
}

// reportTime is the report date at midnight UTC: the time the file says it
// was made, so that it does not depend on when it was. A report without a
// valid date gets the last day of its year.
func reportTime(r *report.Report) time.Time {
	// A zip entry can be dated 1980–2107 only.
	if t, err := time.Parse("2006-01-02", r.ReportDate); err == nil && t.Year() >= 1980 && t.Year() <= 2107 {
		return t
	}
	return time.Date(min(max(r.Year, 1980), 2107), time.December, 31, 0, 0, 0, 0, time.UTC)
}

// properties say what the workbook is, whose and what made it.
func (b *builder) properties(f *excelize.File) error {
	r := b.r
	stamp := reportTime(r).Format(time.RFC3339)
	program := "rapport"
	if b.opt.Version != "" {
		program += " " + b.opt.Version
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:          r.Unit + " – " + r.Period.Name + " " + fmt.Sprint(r.Year),
		Subject:        "Tabell 2–5 med underlag och avstämning, " + monthsCovered(r.Month),
		Description:    "Skapad av " + program + " ur huvudboken och underlaget; rapportdatum " + r.ReportDate + ".",
		Creator:        "rapport",
		LastModifiedBy: "rapport",
		Created:        stamp,
		Modified:       stamp,
		Language:       "sv-SE",
		Keywords:       "uppföljning; " + string(r.Period.Code),
		Version:        b.opt.Version,
	}); err != nil {
		return err
	}
	// AppVersion is left out: Excel expects its own "16.0000" form there.
	return f.SetAppProps(&excelize.AppProperties{Application: program, Company: r.Organisation})
}

// writeSheet streams one sheet: first what precedes the cells in the
// worksheet XML (used range, page fit, columns, panes), then the rows, then
// what follows them.
func (b *builder) writeSheet(f *excelize.File, s *sheet, styles [styleCount]int, red int) error {
	widths, tableCols, tableWidth := s.layoutColumns()
	if err := f.SetSheetDimension(s.name, s.dimension()); err != nil {
		return err
	}
	if err := f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	// Last column first: excelize puts each new width in front, and Excel
	// wants the columns in ascending order.
	for col := s.maxCol; col >= 1; col-- {
		if err := sw.SetColWidth(col, col, widths[col]); err != nil {
			return err
		}
	}
	if err := s.formatSheet(f, sw, red); err != nil {
		return err
	}
	if err := b.printSetup(f, s); err != nil {
		return err
	}
	heights, err := s.sizeRows(sw, widths, tableCols, tableWidth)
	if err != nil {
		return err
	}
	if err := s.writeCells(sw, styles, heights); err != nil {
		return err
	}
	if s.table != nil {
		if err := s.table.write(f, sw, s.name, styles); err != nil {
			return err
		}
	}
	if s.listTable != nil {
		if err := sw.AddTable(s.listTable); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// dimension is the sheet's used range, A1 to the last row and column that
// hold a cell.
func (s *sheet) dimension() string {
	if s.maxRow == 0 || s.maxCol == 0 {
		return "A1"
	}
	return "A1:" + ref(s.maxCol, s.maxRow)
}

// layoutColumns measures the columns and returns their widths, how many
// columns the table has and how wide it is.
func (s *sheet) layoutColumns() (widths []float64, tableCols int, tableWidth float64) {
	widths = s.measure()
	for col := 1; col <= s.maxCol; col++ {
		if s.get(col, s.headerRow) != nil {
			tableCols = col
		}
	}
	tableCols = max(tableCols, 1)
	for col := 1; col <= min(tableCols, len(widths)-1); col++ {
		tableWidth += widths[col]
	}
	// A narrow table (table 3) gets a wider first column rather than a
	// caption broken over two lines.
	if t := s.get(1, titleRow); t != nil && t.style == styleTitle && len(widths) > 1 {
		need := math.Min(float64(utf8.RuneCountInString(t.text))*1.35+2, 110)
		if tableWidth < need {
			widths[1] += need - tableWidth
			tableWidth = need
		}
	}
	return widths, tableCols, tableWidth
}

// writeCells streams the model's cells row by row: input text always as
// text, a formula with its cached value, a number as a number.
func (s *sheet) writeCells(sw *excelize.StreamWriter, styles [styleCount]int, heights map[int]float64) error {
	byRow := map[int][]int{}
	for r := range s.cells {
		if col, row, err := excelize.CellNameToCoordinates(r); err == nil {
			byRow[row] = append(byRow[row], col)
		}
	}
	for _, row := range slices.Sorted(maps.Keys(byRow)) {
		cols := byRow[row]
		slices.Sort(cols)
		values := make([]any, cols[len(cols)-1])
		for _, col := range cols {
			c := s.get(col, row)
			x := excelize.Cell{StyleID: styles[c.style]}
			switch c.kind {
			case kindText:
				if c.text != "" {
					x.Value = c.text
				}
			case kindNumber:
				x.Value = c.num
			case kindFormula:
				x.Formula = c.formula
				x.Value = round15(c.num)
				if c.isText {
					x.Value = c.text
				}
			}
			values[col-1] = x
		}
		if err := sw.SetRow(ref(1, row), values, excelize.RowOpts{Height: heights[row]}); err != nil {
			return err
		}
	}
	return nil
}

// sizeRows merges titles and notes across the table and gives wrapped
// text the height it needs, so that it prints inside the page rather than
// running off its edge. It returns the rows' heights.
func (s *sheet) sizeRows(sw *excelize.StreamWriter, widths []float64, tableCols int, tableWidth float64) (map[int]float64, error) {
	heights := map[int]float64{}
	for row := 1; row <= s.maxRow; row++ {
		c := s.get(1, row)
		if c == nil || (c.style != styleTitle && c.style != styleSubtitle && c.style != styleNote) {
			continue
		}
		if tableCols > 1 {
			if err := sw.MergeCell(ref(1, row), ref(tableCols, row)); err != nil {
				return nil, err
			}
		}
		factor, lineHeight := 1.0, 15.0
		if c.style == styleTitle {
			factor, lineHeight = 1.35, 21
		}
		lines := math.Ceil(float64(utf8.RuneCountInString(c.text)) * factor / math.Max(tableWidth-1, 1))
		heights[row] = rowHeight(math.Max(lines, 1) * lineHeight)
	}
	if s.headerRow > 0 {
		// Headers wrap: room for two lines.
		heights[s.headerRow] = 30
	}
	for row := s.headerRow + 1; row <= s.maxRow; row++ {
		lines := 1.0
		for col := 1; col <= s.maxCol; col++ {
			if c := s.get(col, row); c != nil && c.style == styleTextWrap {
				lines = math.Max(lines, math.Ceil(float64(utf8.RuneCountInString(c.text))*1.1/math.Max(widths[col]-1, 1)))
			}
		}
		if lines > 1 {
			heights[row] = rowHeight(lines * 15)
		}
	}
	return heights, nil
}

// formatSheet marks unfavourable figures red, freezes the header and hides
// the grid.
func (s *sheet) formatSheet(f *excelize.File, sw *excelize.StreamWriter, red int) error {
	for _, cf := range s.red {
		opt := excelize.ConditionalFormatOptions{Type: "cell", Criteria: "<", Value: "0", Format: &red}
		if cf.expr != "" {
			opt = excelize.ConditionalFormatOptions{Type: "formula", Criteria: cf.expr, Format: &red}
		}
		if err := f.SetConditionalFormat(s.name, cf.rng, []excelize.ConditionalFormatOptions{opt}); err != nil {
			return err
		}
	}
	if s.headerRow > 0 {
		panes := &excelize.Panes{Freeze: true, YSplit: s.headerRow, XSplit: s.freezeCol,
			TopLeftCell: ref(s.freezeCol+1, s.headerRow+1), ActivePane: "bottomLeft"}
		if s.freezeCol > 0 {
			panes.ActivePane = "bottomRight"
		}
		if err := sw.SetPanes(panes); err != nil {
			return err
		}
	}
	return f.SetSheetView(s.name, 0, &excelize.ViewOptions{ShowGridLines: ptr(false)})
}

// printSetup prints the sheet on A4 landscape, one page wide, with the
// title and header rows on every page, and the unit, report and page
// number in the margins.
func (b *builder) printSetup(f *excelize.File, s *sheet) error {
	if s.headerRow > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s.name,
			RefersTo: fmt.Sprintf("%s!$1:$%d", quoteSheet(s.name), s.headerRow)}); err != nil {
			return err
		}
	}
	if err := f.SetPageLayout(s.name, &excelize.PageLayoutOptions{
		Size:        ptr(9), // A4
		Orientation: ptr("landscape"),
		FitToWidth:  ptr(1),
		FitToHeight: ptr(0), // as many pages down as it takes
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.5), Right: ptr(0.5), Top: ptr(0.75), Bottom: ptr(0.75), Header: ptr(0.3), Footer: ptr(0.3),
	}); err != nil {
		return err
	}
	r := b.r
	return f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + headerText(r.Unit) + "&R" + headerText(fmt.Sprintf("%s %d", r.Period.Name, r.Year)),
		OddFooter: "&L" + headerText(s.name) + "&RSida &P av &N",
	})
}

// rowHeight keeps a height within what a spreadsheet allows (409 points).
func rowHeight(h float64) float64 { return math.Min(h, excelize.MaxRowHeight) }

// headerText escapes text for a print header, where "&" starts a code.
// The whole header may hold at most 255 characters, so each part is cut
// (before escaping, so that no escape is cut in half).
func headerText(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		s = string([]rune(s)[:60])
	}
	return strings.ReplaceAll(s, "&", "&&")
}

func ptr[T any](v T) *T { return &v }

// newStyles makes the workbook's styles, in the fixed order of style.
func newStyles(f *excelize.File) ([styleCount]int, error) {
	var ids [styleCount]int
	const (
		mnkrFormat = `#,##0.0;"−"#,##0.0`
		krFormat   = `#,##0.00;"−"#,##0.00`
		intFormat  = `#,##0`
		indFormat  = `0.0;"−"0.0`
		// A change shows its sign, as the PDF writes it: +3,2.
		changeFormat = `"+"0.0;"−"0.0;0.0`
		rule         = "808080"
		hairline     = "D9D9D9"
	)
	top := []excelize.Border{{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	under := []excelize.Border{{Type: "bottom", Color: hairline, Style: 1}}
	headBorder := []excelize.Border{{Type: "bottom", Color: rule, Style: 2}}
	headFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}
	sumFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}
	// Top-aligned, so that figures stand on the first line of a row whose
	// comment wraps.
	right := &excelize.Alignment{Horizontal: "right", Vertical: "top"}
	left := &excelize.Alignment{Horizontal: "left", Vertical: "top", Indent: 1}
	defs := map[style]*excelize.Style{
		styleTitle:     {Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		styleSubtitle:  {Font: &excelize.Font{Italic: true, Size: 10, Color: "404040"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		styleHeader:    {Font: &excelize.Font{Bold: true}, Fill: headFill, Border: headBorder, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "bottom", WrapText: true, Indent: 1}},
		styleHeaderNum: {Font: &excelize.Font{Bold: true}, Fill: headFill, Border: headBorder, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "bottom", WrapText: true}},
		styleText:      {Border: under, Alignment: left},
		styleTextWrap:  {Border: under, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true, Indent: 1}},
		styleGroup:     {Font: &excelize.Font{Bold: true, Italic: true}, Alignment: left},
		styleTextSum:   {Font: &excelize.Font{Bold: true}, Fill: sumFill, Border: top, Alignment: left},
		styleMnkr:      {CustomNumFmt: ptr(mnkrFormat), Border: under, Alignment: right},
		styleMnkrSum:   {CustomNumFmt: ptr(mnkrFormat), Font: &excelize.Font{Bold: true}, Fill: sumFill, Border: top, Alignment: right},
		styleKr:        {CustomNumFmt: ptr(krFormat), Border: under, Alignment: right},
		styleKrSum:     {CustomNumFmt: ptr(krFormat), Font: &excelize.Font{Bold: true}, Fill: sumFill, Border: top, Alignment: right},
		styleInt:       {CustomNumFmt: ptr(intFormat), Border: under, Alignment: right},
		styleIntSum:    {CustomNumFmt: ptr(intFormat), Font: &excelize.Font{Bold: true}, Fill: sumFill, Border: top, Alignment: right},
		styleIndicator: {CustomNumFmt: ptr(indFormat), Border: under, Alignment: right},
		styleChange:    {CustomNumFmt: ptr(changeFormat), Border: under, Alignment: right},
		styleNote:      {Font: &excelize.Font{Italic: true, Size: 9, Color: "404040"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		styleCheck:     {Font: &excelize.Font{Bold: true}, Border: top, Alignment: right},
	}
	for st := styleNone + 1; st < styleCount; st++ {
		id, err := f.NewStyle(defs[st])
		if err != nil {
			return ids, err
		}
		ids[st] = id
	}
	return ids, nil
}
