// Package pdf renders a computed report.Report as a board-ready A4 PDF:
// cover, contents, running header and footer, captioned tables, goal status
// symbols and vector charts, with an embedded open-licensed font. It works
// in steps that can be tested apart: layouts/doc builds the document tree
// (what the report says, every Swedish sentence), atomize measures it,
// paginate breaks it into pages; only then is anything drawn. It knows
// nothing about input files, and it never computes a figure or words a
// sentence: every number and text comes from the document tree, apart from
// the page furniture (contents heading, page numbers, the example stamp).
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"rapport/layouts"
	"rapport/layouts/doc"
	"rapport/layouts/pdf/tagged"
	"rapport/report"
)

// Options are what the caller adds to a report's PDF.
type Options struct {
	// Version is the program's version, written into the document's
	// Producer (Info and XMP) as "rapport VERSION"; "" writes
	// "rapport (go-pdf/fpdf 0.12)".
	Version string
	// Edition is the board's (the zero value) or the controller's
	// review edition, whose pages are marked and which ends with the
	// reconciliation and the warnings.
	Edition layouts.Edition
}

// Render writes r as a PDF to w. The same report gives the same bytes: the
// document's dates come from r.ReportDate, never from the clock.
func Render(w io.Writer, r *report.Report) error { return RenderWith(w, r, Options{}) }

// RenderWith is Render with options.
func RenderWith(w io.Writer, r *report.Report, opt Options) (err error) {
	if r == nil {
		return errors.New("ingen rapport att skriva")
	}
	// fpdf panics on some inputs it does not expect, and the drawing code
	// panics on a value of the document tree it has no case for; a
	// controller must get a message, not a stack trace. The fuzz test keeps
	// this path unused.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("PDF-filen kunde inte skapas (internt fel: %v)", p)
		}
	}()
	d, err := doc.BuildEdition(r, opt.Edition)
	if err != nil {
		return err
	}
	return renderDocument(w, d, opt)
}

// RenderDocument writes a document tree built elsewhere (the region's
// Sammanställning) as a PDF to w, drawn as a report's is.
func RenderDocument(w io.Writer, d doc.Document, opt Options) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("PDF-filen kunde inte skapas (internt fel: %v)", p)
		}
	}()
	return renderDocument(w, d, opt)
}

func renderDocument(w io.Writer, d doc.Document, opt Options) error {
	sanitize(&d)
	pdf := newPDF(d)
	atoms := atomize(pdf, d.Blocks)
	pages := paginate(atoms)
	var heads []*headingRef
	for _, a := range atoms {
		if a.heading != nil {
			heads = append(heads, a.heading)
		}
	}
	tocPer := int(math.Floor((bodyBottom - bodyTop - 14) / tocLine))
	tocPages := (len(heads) + tocPer - 1) / tocPer
	if tocPages == 0 {
		tocPages = 1
	}
	// A deviation report and the region's roll-up are short: their contents go on the cover, under
	// the report's details, when they fit there.
	coverToc := coverEnd(d) + 7
	onCover := (d.Kind == "avvikelse" || d.Kind == doc.RollupKind) && coverToc+14+float64(len(heads))*tocLineCompact <= bodyBottom
	if onCover {
		tocPages = 0
	}
	firstBody := 2 + tocPages // cover is page 1
	total := firstBody - 1 + len(pages)

	for _, h := range heads {
		h.link = pdf.AddLink()
		pdf.SetLink(h.link, h.y, firstBody+h.page)
	}
	drawCover(pdf, d)
	drawMark(pdf, d)
	toc := &contents{list: tagged.New("TOC")}
	if onCover {
		drawContents(pdf, toc, heads, coverToc, tocLineCompact, firstBody, false)
		footer(pdf, d, 1, total)
	} else {
		footer(pdf, d, 1, total)
		for start := 0; start < len(heads) || start == 0; start += tocPer {
			pdf.AddPage()
			runningHeader(pdf, d)
			drawMark(pdf, d)
			drawContents(pdf, toc, heads[start:min(start+tocPer, len(heads))], bodyTop, tocLine, firstBody, start > 0)
			footer(pdf, d, pdf.PageNo(), total)
		}
	}
	for i, pg := range pages {
		pdf.AddPage()
		runningHeader(pdf, d)
		drawMark(pdf, d)
		for _, p := range pg {
			if p.repeated {
				pdf.repeat(func() { p.a.draw(pdf, p.y) })
			} else {
				p.a.draw(pdf, p.y)
			}
		}
		footer(pdf, d, firstBody+i, total)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	var raw bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		return err
	}
	return pdf.tags.Finish(w, raw.Bytes(), metadata(d, opt))
}

// newPDF makes a document with the report's metadata, fonts and fixed
// dates, set on the document itself (no package-level defaults).
func newPDF(d doc.Document) *canvas {
	pdf := newCanvas(fpdf.New("P", "mm", "A4", ""))
	pdf.SetMargins(marginL, bodyTop, marginR)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	date := reportTime(d.ReportDate)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetLang("sv-SE")
	pdf.SetDisplayMode("fullwidth", "single")
	addFonts(pdf)
	setFont(pdf, fBody)
	return pdf
}

// metadata is the document's Info and XMP metadata, with the PDF/A-2a
// and PDF/UA-1 claims its tags and output intent support.
func metadata(d doc.Document, opt Options) tagged.Meta {
	subject := d.ReportName + " för " + d.Unit + ", " + d.Months
	if d.Example {
		subject += " (exempeldata)"
	}
	if m := markText(d); m != "" {
		subject += " (" + m + ")"
	}
	producer := "rapport (go-pdf/fpdf 0.12)"
	if opt.Version != "" {
		producer = "rapport " + opt.Version
	}
	return tagged.Meta{
		Title:           docTitle(d),
		Author:          d.Organisation,
		Subject:         subject,
		Keywords:        "uppföljning, verksamhetsplan, måluppfyllelse, driftbudget, investeringsbudget, " + d.Unit,
		Creator:         "rapport",
		Producer:        producer,
		Lang:            "sv-SE",
		Date:            reportTime(d.ReportDate),
		ICC:             iccSRGB,
		ICCName:         "sRGB IEC61966-2.1",
		PDFAPart:        2,
		PDFAConformance: "A",
		UAPart:          1,
	}
}

// docTitle is the title a reader shows instead of the file name; the
// draft's title says it is one, since its pages' mark is an artifact.
func docTitle(d doc.Document) string {
	t := d.Unit + " – " + d.ReportName
	if m := markText(d); m != "" {
		t += " (" + m + ")"
	}
	return t
}

// reportTime is the report date at noon UTC; a missing or malformed date
// gives a fixed date, never the clock.
func reportTime(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Date(2000, 1, 1, 12, 0, 0, 0, time.UTC)
	}
	return t.Add(12 * time.Hour)
}

// coverEnd is where the cover's content ends, in mm from the top.
func coverEnd(d doc.Document) float64 {
	if d.Example {
		return 196
	}
	return 164
}

func drawCover(pdf *canvas, d doc.Document) {
	pdf.AddPage()
	pdf.artifact(func() {
		fillColour(pdf, accent)
		pdf.Rect(0, 0, pageW, 104, "F")
	})
	textColour(pdf, white)
	pdf.content(path(tagged.New("P")), func() {
		setFont(pdf, font{"B", 13, 6})
		pdf.Text(marginL, 30, fitLine(pdf, d.Organisation, contentW))
	})
	pdf.content(path(tagged.New("P")), func() {
		setFont(pdf, font{"", 12, 6})
		pdf.Text(marginL, 38, fitLine(pdf, d.Unit, contentW))
	})

	setFont(pdf, font{"B", 26, 11})
	y := 62.0
	title := path(tagged.New("H1"))
	for i, l := range wrap(pdf, d.ReportName, contentW) {
		if i == 2 {
			break // the band holds two lines of title
		}
		pdf.content(title, func() { pdf.Text(marginL, y, l) })
		y += 11
	}
	setFont(pdf, font{"", 14, 7})
	pdf.content(path(tagged.New("P")), func() {
		pdf.Text(marginL, y+2, fitLine(pdf, d.Unit+" · "+d.Months, contentW))
	})
	textColour(pdf, ink)

	y = 122
	// The report's details are a table of names and values.
	details := tagged.New("Table")
	for _, f := range d.Cover {
		tr := tagged.New("TR")
		pdf.content(path(details, tr, elem("TH", scopeRow)), func() {
			setFont(pdf, fSmall)
			textColour(pdf, muted)
			pdf.Text(marginL, y, f.Label)
		})
		pdf.content(path(details, tr, tagged.New("TD")), func() {
			setFont(pdf, fBody)
			textColour(pdf, ink)
			pdf.Text(marginL+38, y, fitLine(pdf, f.Value, contentW-38))
		})
		y += 7
	}
	if d.Notice != "" {
		y += 8
		pdf.artifact(func() {
			drawColour(pdf, bad)
			fillColour(pdf, rgb{253, 236, 236})
			pdf.SetLineWidth(0.8)
			pdf.Rect(marginL, y, contentW, 24, "FD")
		})
		textColour(pdf, bad)
		pdf.content(path(tagged.New("P")), func() {
			setFont(pdf, font{"B", 18, 8})
			pdf.Text(marginL+5, y+10, "EXEMPELDATA")
		})
		setFont(pdf, fBody)
		warning := path(tagged.New("P"))
		for i, l := range wrap(pdf, d.Notice, contentW-10) {
			pdf.content(warning, func() { pdf.Text(marginL+5, y+16+float64(i)*4.6, l) })
		}
		textColour(pdf, ink)
		pdf.SetLineWidth(0.2)
	}
}

// Contents line heights: on a page of its own, and on a deviation
// report's cover.
const (
	tocLine        = 6.2
	tocLineCompact = 5.4
)

// contents is the contents' structure element, which continues over
// the pages of the contents.
type contents struct {
	list *tagged.Elem // TOC
}

// drawContents draws contents from y down: each heading with its page
// number, a dotted leader and a link to it. Each entry is a TOCI whose
// Reference holds a Link: its text, its page number and its annotation.
func drawContents(pdf *canvas, toc *contents, heads []*headingRef, y, line float64, firstBody int, continued bool) {
	setFont(pdf, fH1)
	textColour(pdf, accent)
	if continued {
		// The tree has the heading once; its repetition is decoration.
		pdf.artifact(func() { pdf.Text(marginL, baseline(y, fH1.line, fH1), "Innehåll (forts.)") })
	} else {
		pdf.content(path(tagged.New("H1")), func() { pdf.Text(marginL, baseline(y, fH1.line, fH1), "Innehåll") })
		pdf.Bookmark("Innehåll", 0, y)
	}
	pdf.artifact(func() {
		drawColour(pdf, accent)
		pdf.SetLineWidth(0.5)
		pdf.Line(marginL, y+fH1.line+0.6, marginL+contentW, y+fH1.line+0.6)
	})
	y += 14
	for _, h := range heads {
		f := fBody
		indent := 0.0
		switch h.level {
		case 1:
			f = fBodyB
		case 2:
			indent = 6
		default:
			indent, f = 12, fSmall
		}
		setFont(pdf, f)
		textColour(pdf, ink)
		num := strconv.Itoa(firstBody + h.page)
		nw := pdf.GetStringWidth(num)
		text := fitLine(pdf, h.text, contentW-indent-nw-8)
		bl := baseline(y, line, f)
		link := path(toc.list, tagged.New("TOCI"), tagged.New("Reference"), tagged.New("Link"))
		pdf.content(link, func() { pdf.Text(marginL+indent, bl, text) })
		pdf.artifact(func() {
			drawColour(pdf, rule)
			pdf.SetLineWidth(0.2)
			pdf.SetDashPattern([]float64{0.3, 1.2}, 0)
			pdf.Line(marginL+indent+pdf.GetStringWidth(text)+2, bl, marginL+contentW-nw-2, bl)
			pdf.SetDashPattern(nil, 0)
		})
		pdf.content(link, func() { pdf.Text(marginL+contentW-nw, bl, num) })
		pdf.tags.Annotation(link, "Gå till "+h.text+", sidan "+num)
		pdf.Link(marginL, y, contentW, line, h.link)
		y += line
	}
	pdf.tags.Close()
}

// runningHeader names the unit and the report on every page but the cover.
func runningHeader(pdf *canvas, d doc.Document) {
	pdf.tags.Pagination(func() { drawRunningHeader(pdf, d) })
}

func drawRunningHeader(pdf *canvas, d doc.Document) {
	setFont(pdf, fRunning)
	textColour(pdf, muted)
	pdf.Text(marginL, headerY, fitLine(pdf, d.Unit+" · "+d.ReportName, contentW*0.7))
	right := fitLine(pdf, d.Organisation, contentW*0.28)
	pdf.Text(marginL+contentW-pdf.GetStringWidth(right), headerY, right)
	drawColour(pdf, rule)
	pdf.SetLineWidth(0.2)
	pdf.Line(marginL, headerY+2, marginL+contentW, headerY+2)
	textColour(pdf, ink)
}

// drawMark writes the edition's mark ("UTKAST") in the top margin of the
// page, above the running header, where it hides no text: a draft can
// never pass for the board's edition. It is a watermark artifact, not a
// paragraph: repeated on every page it would interrupt the reading order
// there, and a reader learns it once from the document's title and
// subject (metadata), which carry the same words.
func drawMark(pdf *canvas, d doc.Document) {
	if d.Mark == "" {
		return
	}
	pdf.tags.Watermark(func() {
		setFont(pdf, font{"B", 10, 5})
		textColour(pdf, bad)
		if pdf.PageNo() == 1 {
			textColour(pdf, white)
		}
		text := markText(d)
		pdf.Text(marginL+contentW-pdf.GetStringWidth(text), 7, text)
		textColour(pdf, ink)
	})
}

// markText is the edition's mark as printed, "" for the board's edition.
func markText(d doc.Document) string {
	if d.Mark == "" {
		return ""
	}
	return d.Mark + " – inte styrelsens utgåva"
}

// footer writes "Sida x av y", and marks example data on every page.
func footer(pdf *canvas, d doc.Document, page, total int) {
	pdf.tags.Pagination(func() { drawFooter(pdf, d, page, total) })
}

func drawFooter(pdf *canvas, d doc.Document, page, total int) {
	setFont(pdf, fRunning)
	drawColour(pdf, rule)
	pdf.SetLineWidth(0.2)
	pdf.Line(marginL, footerY-4, marginL+contentW, footerY-4)
	if d.Example {
		textColour(pdf, bad)
		setFont(pdf, fRunning.bold())
		pdf.Text(marginL, footerY, "Exempeldata – inte verkliga siffror")
		setFont(pdf, fRunning)
	} else {
		textColour(pdf, muted)
		pdf.Text(marginL, footerY, d.Months)
	}
	textColour(pdf, muted)
	s := fmt.Sprintf("Sida %d av %d", page, total)
	pdf.Text(marginL+contentW-pdf.GetStringWidth(s), footerY, s)
	textColour(pdf, ink)
}
