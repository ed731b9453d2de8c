package pdf

import (
	"regexp"
	"strings"
	"testing"

	"rapport/fixtures/testkit"
	"rapport/layouts"
	"rapport/layouts/doc"
	"rapport/layouts/internal/testreports"
	"rapport/layouts/pdf/tagged"
	"rapport/report"
)

// TestAccessible renders every report kind — the example's four periods,
// the hand-made ones including the annual report, the annual report of the
// test input arsredovisning-2026 and the hostile one, each in the board's
// edition and the controller's draft — and holds each against the PDF/UA-1 and PDF/A-2 rules tagged.Audit
// checks, against a strict PDF 1.7 reader (pdfcpu), and against poppler:
// Tagged yes, PDF 1.7, the title shown. The structure tree as pdfinfo reads it, with the text of every heading,
// cell and paragraph in reading order, is a golden file for UR1 and M10.
func TestAccessible(t *testing.T) {
	type tc struct {
		name    string
		r       *report.Report
		edition layouts.Edition
		golden  bool
	}
	var all []tc
	ex := exampleReports(t)
	for _, code := range []string{"M02", "UR1", "UR2", "M10"} {
		all = append(all, tc{"example_" + code, ex[code], layouts.BoardEdition, code == "UR1" || code == "M10"})
	}
	for _, c := range cases() {
		all = append(all, tc{c.name, c.r, layouts.BoardEdition, false})
	}
	annual, err := testreports.Annual()
	if err != nil {
		t.Fatal(err)
	}
	all = append(all, tc{"arsredovisning_AR", annual, layouts.BoardEdition, false})
	for name, r := range hostileCases() {
		all = append(all, tc{name, r, layouts.BoardEdition, false})
	}
	for _, c := range all[:len(all):len(all)] {
		all = append(all, tc{c.name + "_utkast", c.r, layouts.DraftEdition, false})
	}
	for _, c := range all {
		t.Run(c.name, func(t *testing.T) {
			d, err := doc.BuildEdition(c.r, c.edition)
			if err != nil {
				t.Fatal(err)
			}
			b := renderEdition(t, c.r, c.edition)
			for _, p := range tagged.Audit(b) {
				t.Error(p)
			}
			testkit.StrictPDF(t, b)
			p := writeTemp(t, c.name+".pdf", b)
			run(t, "qpdf", "--check", p)
			info := run(t, "pdfinfo", p)
			for _, want := range []string{"Tagged:          yes", "PDF version:     1.7", "Encrypted:       no", "Metadata Stream: yes", "Title:           " + docTitle(d)} {
				if !strings.Contains(info, want) {
					t.Errorf("pdfinfo lacks %q", want)
				}
			}
			fonts := run(t, "pdffonts", p)
			for _, l := range strings.Split(fonts, "\n")[2:] {
				if f := strings.Fields(l); len(f) >= 7 && (f[len(f)-5] != "yes" || f[len(f)-3] != "yes") {
					t.Errorf("font not embedded with ToUnicode: %s", l)
				}
			}
			if c.golden {
				// An annotation shows as its object number, which any change
				// of the tree shifts: the golden says only that it is there.
				tree := regexp.MustCompile(`Object \d+ 0`).ReplaceAllString(run(t, "pdfinfo", "-struct-text", p), "Object (annotation)")
				golden(t, c.name+".struct.txt", []byte(tree))
			}
		})
	}
}

// TestNoBreakSpaces: no figure in any text of the document has its digit
// groups apart by a space a line may break at (SPEC §8).
func TestNoBreakSpaces(t *testing.T) {
	spaced := regexp.MustCompile(`\d[ \x{2009}\x{202f}]\d{3}\b`)
	grouped := regexp.MustCompile(`\d\x{a0}\d{3}`)
	for code, r := range exampleReports(t) {
		d, err := doc.Build(r)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, b := range d.Blocks {
			switch b := b.(type) {
			case doc.Paragraph:
				texts = append(texts, b.Text)
			case doc.List:
				texts = append(texts, b.Items...)
			case doc.Table:
				for _, row := range b.Rows {
					for _, c := range row.Cells {
						texts = append(texts, c.Text)
					}
				}
			case doc.Chart:
				texts = append(texts, b.Alt)
			}
		}
		n := 0
		for _, s := range texts {
			if m := spaced.FindString(s); m != "" {
				t.Errorf("%s: %q has a breaking space in a figure: %q", code, s, m)
			}
			if grouped.MatchString(s) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%s: no figure with a no-break space between digit groups; is the test reading the texts?", code)
		}
	}
}

func TestHyphenated(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		lines []string
		want  string
	}{
		{"hyphen added at a joint", "Årsprognos", []string{"Års-", "prognos"}, "Årsprognos"},
		{"hyphen of the text itself", "Bredbands- och fiberutbyggnad", []string{"Bredbands-", "och fiberutbyggnad"}, ""},
		{"wrapped at a space", "Utfall ack", []string{"Utfall", "ack"}, ""},
		{"one line", "Netto", []string{"Netto"}, ""},
		{"no lines", "", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := hyphenated(c.text, c.lines); got != c.want {
				t.Errorf("hyphenated(%q, %q) = %q, want %q", c.text, c.lines, got, c.want)
			}
		})
	}
}
