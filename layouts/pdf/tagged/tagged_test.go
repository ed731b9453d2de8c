package tagged

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"rapport/fixtures/testkit"
)

var testMeta = Meta{
	Title: "Prov – rapport", Author: "Region", Subject: "Ämne", Keywords: "a, b",
	Creator: "rapport", Producer: "rapport (test)", Lang: "sv-SE",
	Date:     time.Date(2026, 4, 30, 12, 0, 0, 0, time.UTC),
	ICCName:  "sRGB IEC61966-2.1",
	PDFAPart: 2, PDFAConformance: "A", UAPart: 1,
}

// sample draws a two-page document through draw and finishes it.
// The font and profile are the renderer's, next door.
func sample(t *testing.T, draw func(pdf *fpdf.Fpdf, tr *Tree)) []byte {
	t.Helper()
	_, out := sampleRaw(t, draw)
	return out
}

// sampleRaw is sample with fpdf's own output beside the finished one.
func sampleRaw(t *testing.T, draw func(pdf *fpdf.Fpdf, tr *Tree)) ([]byte, []byte) {
	t.Helper()
	ttf, err := os.ReadFile("../fonts/LiberationSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	icc, err := os.ReadFile("../fonts/sRGB.icc")
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("sans", "", ttf)
	pdf.SetFont("sans", "", 10)
	tr := NewTree(pdf)
	m := testMeta
	m.ICC = icc
	draw(pdf, tr)
	var raw, out bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		t.Fatal(err)
	}
	if err := tr.Finish(&out, raw.Bytes(), m); err != nil {
		t.Fatal(err)
	}
	return raw.Bytes(), out.Bytes()
}

// wellTagged is a document that follows every rule Audit checks: a
// heading and paragraph that runs over a page break, a table, a figure,
// a link, page footers and a draft's mark as artifacts.
func wellTagged(pdf *fpdf.Fpdf, tr *Tree) {
	text := func(y float64, s string) func() { return func() { pdf.Text(20, y, s) } }
	pdf.AddPage()
	tr.Watermark(text(8, "UTKAST"))
	tr.Pagination(text(290, "Sida 1"))
	h1 := []*Elem{New("H1")}
	tr.Content(h1, text(20, "Rubrik"))
	p := []*Elem{New("P")}
	tr.Content(p, text(30, "Första raden"))
	link := []*Elem{New("Link")}
	tr.Content(link, text(40, "Länk"))
	tr.Annotation(link, "Gå till sidan 2")
	pdf.Link(20, 36, 20, 5, pdf.AddLink())
	tr.Artifact(func() { pdf.Line(20, 50, 190, 50) })
	pdf.AddPage()
	tr.Pagination(text(290, "Sida 2"))
	tr.Content(p, text(20, "Andra raden"))
	tbl, tr1 := New("Table"), New("TR")
	th := New("TH")
	th.A = "<</O /Table /Scope /Column>>"
	tr.Content([]*Elem{tbl, tr1, th}, text(30, "Kolumn"))
	tr.Enter([]*Elem{tbl, New("TR"), New("TD")})
	fig := New("Figure")
	fig.Alt = "Ett diagram"
	tr.Content([]*Elem{fig}, func() { pdf.Rect(20, 60, 50, 20, "F") })
	tr.Content([]*Elem{New("H2")}, text(100, "Underrubrik"))
}

func TestFinish(t *testing.T) {
	out := sample(t, wellTagged)
	if p := Audit(out); len(p) > 0 {
		t.Errorf("Audit of a well tagged document: %q", p)
	}
	if bytes.Equal(out, sample(t, wellTagged)) == false {
		t.Error("the same document gave different bytes")
	}
	if b, err := runTool(t, out, "qpdf", "--check"); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, b)
	}
	info, _ := runTool(t, out, "pdfinfo")
	for _, want := range []string{"Tagged:          yes", "PDF version:     1.7", "Title:           Prov – rapport", "Metadata Stream: yes"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	tree, _ := runTool(t, out, "pdfinfo", "-struct-text")
	want := `Document
  H1 (block)
    "Rubrik"
  P (block)
    "Första raden"
    "Andra raden"
  Link (inline)
    "Länk"
    Object `
	if !strings.HasPrefix(tree, want) {
		t.Errorf("pdfinfo -struct-text:\n%s\nwant it to start with\n%s", tree, want)
	}
	// The watermark is drawn, but as an artifact it is not in the tree.
	if strings.Contains(tree, "UTKAST") {
		t.Errorf("the watermark is in the structure tree:\n%s", tree)
	}
	p := t.TempDir() + "/watermark.pdf"
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if text, _ := exec.Command(testkit.Tool(t, "pdftotext"), p, "-").Output(); !strings.Contains(string(text), "UTKAST") {
		t.Errorf("the watermark is not drawn:\n%s", text)
	}
}

func runTool(t *testing.T, pdf []byte, name string, args ...string) (string, error) {
	t.Helper()
	p := t.TempDir() + "/doc.pdf"
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := exec.Command(testkit.Tool(t, name), append(args, p)...).Output()
	return string(b), err
}

// TestAuditFinds breaks one rule at a time: Audit must name it.
func TestAuditFinds(t *testing.T) {
	cases := []struct {
		name string
		draw func(pdf *fpdf.Fpdf, tr *Tree)
		want string
	}{
		{"unmarked text", func(pdf *fpdf.Fpdf, tr *Tree) {
			pdf.AddPage()
			tr.Content([]*Elem{New("P")}, func() { pdf.Text(20, 20, "ja") })
			pdf.Text(20, 30, "utan märkning")
		}, `"Tj" drawn neither tagged nor as artifact`},
		{"unmarked path", func(pdf *fpdf.Fpdf, tr *Tree) {
			pdf.AddPage()
			tr.Content([]*Elem{New("P")}, func() { pdf.Text(20, 20, "ja") })
			pdf.Line(0, 0, 10, 10)
		}, `"S" drawn neither`},
		{"figure without alt", func(pdf *fpdf.Fpdf, tr *Tree) {
			pdf.AddPage()
			tr.Content([]*Elem{New("Figure")}, func() { pdf.Rect(0, 0, 10, 10, "F") })
		}, "has no Alt"},
		{"skipped heading level", func(pdf *fpdf.Fpdf, tr *Tree) {
			pdf.AddPage()
			tr.Content([]*Elem{New("H1")}, func() { pdf.Text(20, 20, "a") })
			tr.Content([]*Elem{New("H3")}, func() { pdf.Text(20, 30, "b") })
		}, "heading H3 follows H1"},
		{"table without TH", func(pdf *fpdf.Fpdf, tr *Tree) {
			pdf.AddPage()
			tr.Content([]*Elem{New("Table"), New("TR"), New("TD")}, func() { pdf.Text(20, 20, "a") })
		}, "has no TH"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := strings.Join(Audit(sample(t, c.draw)), "\n")
			if !strings.Contains(p, c.want) {
				t.Errorf("Audit = %q, want it to contain %q", p, c.want)
			}
		})
	}
}

func TestAuditUntagged(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetFont("Helvetica", "", 10)
	pdf.AddPage()
	pdf.Text(20, 20, "otaggad")
	var raw bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		t.Fatal(err)
	}
	p := strings.Join(Audit(raw.Bytes()), "\n")
	for _, want := range []string{"header is not PDF 1.7", "catalog lacks /MarkInfo", "XMP lacks <pdfuaid:part>1<", "page 1 has no /Tabs /S", "simple font"} {
		if !strings.Contains(p, want) {
			t.Errorf("Audit of fpdf's untagged output lacks %q:\n%s", want, p)
		}
	}
}

func TestMisuse(t *testing.T) {
	cases := []struct {
		name string
		draw func(pdf *fpdf.Fpdf, tr *Tree)
		want string
	}{
		{"content in content", func(pdf *fpdf.Fpdf, tr *Tree) {
			tr.Content([]*Elem{New("P")}, func() { tr.Content([]*Elem{New("Span")}, func() {}) })
		}, "inside marked content"},
		{"content without element", func(pdf *fpdf.Fpdf, tr *Tree) {
			tr.Content(nil, func() {})
		}, "without a structure element"},
		{"link not tagged", func(pdf *fpdf.Fpdf, tr *Tree) {
			tr.Content([]*Elem{New("P")}, func() { pdf.Text(20, 20, "a") })
			pdf.Link(20, 20, 10, 10, pdf.AddLink())
		}, "has 1 annotations, 0 tagged"},
		{"nothing tagged", func(pdf *fpdf.Fpdf, tr *Tree) {}, "no tagged content"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pdf := fpdf.New("P", "mm", "A4", "")
			pdf.SetFont("Helvetica", "", 10)
			pdf.AddPage()
			tr := NewTree(pdf)
			c.draw(pdf, tr)
			var raw bytes.Buffer
			if err := pdf.Output(&raw); err != nil {
				t.Fatal(err)
			}
			err := tr.Finish(&bytes.Buffer{}, raw.Bytes(), testMeta)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Finish = %v, want an error with %q", err, c.want)
			}
		})
	}
}

func TestXMP(t *testing.T) {
	m := testMeta
	m.Title = `A & B <"rapport">`
	x := XMP(m)
	if err := xml.Unmarshal([]byte(x[strings.Index(x, "<x:xmpmeta"):strings.LastIndex(x, "<?xpacket")]), new(struct{})); err != nil {
		t.Fatalf("XMP is not well-formed XML: %v", err)
	}
	for _, want := range []string{
		`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">A &amp; B &lt;&#34;rapport&#34;&gt;</rdf:li>`,
		"<dc:language><rdf:Bag><rdf:li>sv-SE</rdf:li>",
		"<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>A</pdfaid:conformance>",
		"<pdfuaid:part>1</pdfuaid:part>", "<pdf:Producer>rapport (test)</pdf:Producer>",
		"<xmp:CreateDate>2026-04-30T12:00:00Z</xmp:CreateDate>",
	} {
		if !strings.Contains(x, want) {
			t.Errorf("XMP lacks %s", want)
		}
	}
	if XMP(m) != x {
		t.Error("XMP differs between two calls")
	}
}

func TestText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "<FEFF>"},
		{"Å", "<FEFF00C5>"},
		{"1\u00a0000", "<FEFF003100A0003000300030>"},
		{"😀", "<FEFFD83DDE00>"},
	}
	for _, c := range cases {
		if got := Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}
