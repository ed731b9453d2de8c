package pdf

import (
	"regexp"
	"strings"
	"testing"

	"rapport/layouts/pdf/tagged"
	"rapport/report"
)

// TestAccessible renders every report kind — the example's four periods,
// the hand-made ones including the annual report, and the hostile one —
// and holds each against the PDF/UA-1 and PDF/A-2 rules tagged.Audit
// checks, and against poppler: Tagged yes, PDF 1.7, the title shown. The
// structure tree as pdfinfo reads it, with the text of every heading,
// cell and paragraph in reading order, is a golden file for UR1 and M10.
func TestAccessible(t *testing.T) {
	type tc struct {
		name   string
		r      *report.Report
		golden bool
	}
	var all []tc
	ex := exampleReports(t)
	for _, code := range []string{"M02", "UR1", "UR2", "M10"} {
		all = append(all, tc{"example_" + code, ex[code], code == "UR1" || code == "M10"})
	}
	for _, c := range cases() {
		all = append(all, tc{c.name, c.r, false})
	}
	all = append(all, tc{"hostile", hostile(), false})
	for _, c := range all {
		t.Run(c.name, func(t *testing.T) {
			b := render(t, c.r)
			for _, p := range tagged.Audit(b) {
				t.Error(p)
			}
			p := writeTemp(t, c.name+".pdf", b)
			run(t, "qpdf", "--check", p)
			info := run(t, "pdfinfo", p)
			for _, want := range []string{"Tagged:          yes", "PDF version:     1.7", "Encrypted:       no", "Metadata Stream: yes", "Title:           " + docTitle(Build(c.r))} {
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
				golden(t, c.name+".struct.txt", []byte(run(t, "pdfinfo", "-struct-text", p)))
			}
		})
	}
}

// TestNoBreakSpaces: no figure in any text of the document has its digit
// groups apart by a space a line may break at (SPEC §8).
func TestNoBreakSpaces(t *testing.T) {
	spaced := regexp.MustCompile(`\d[ \x{2009}\x{202f}]\d{3}\b`)
	for code, r := range exampleReports(t) {
		d := Build(r)
		var texts []string
		for _, b := range d.Blocks {
			switch b := b.(type) {
			case Paragraph:
				texts = append(texts, b.Text)
			case List:
				texts = append(texts, b.Items...)
			case Table:
				for _, row := range b.Rows {
					for _, c := range row.Cells {
						texts = append(texts, c.Text)
					}
				}
			case Chart:
				texts = append(texts, chartAlt(b))
			}
		}
		grouped := 0
		for _, s := range texts {
			if m := spaced.FindString(s); m != "" {
				t.Errorf("%s: %q has a breaking space in a figure: %q", code, s, m)
			}
			if strings.Contains(s, "1\u00a0") || regexp.MustCompile(`\d\x{a0}\d{3}`).MatchString(s) {
				grouped++
			}
		}
		if grouped == 0 {
			t.Errorf("%s: no figure with a no-break space between digit groups; is the test reading the texts?", code)
		}
	}
}

func TestChartAlt(t *testing.T) {
	v := func(f float64) *float64 { return &f }
	cases := []struct {
		name  string
		chart Chart
		want  string
	}{
		{"bars use the table's labels", Chart{Kind: BarChart, Title: "Budget och utfall", Unit: "mnkr",
			Categories: []string{"Intäkter", "Netto"},
			Series: []Series{
				{Name: "Budget", Values: []*float64{v(138.1), v(-1119)}, Labels: []string{"138,1", "−1\u00a0119,0"}},
				{Name: "Utfall", Values: []*float64{v(137.4), nil}},
			}},
			"Stapeldiagram: Budget och utfall (mnkr). Intäkter: Budget 138,1, Utfall 137,4. Netto: Budget −1\u00a0119,0."},
		{"unit and value named once", Chart{Kind: LineChart, Title: "Sjukfrånvaro, procent", Unit: "procent",
			Categories: []string{"jan"},
			Series:     []Series{{Name: "2026", Values: []*float64{v(5.1)}}},
			RefLines:   []RefLine{{Name: "Målvärde 5,2 %", Value: 5.2}}},
			"Linjediagram: Sjukfrånvaro, procent. 2026: jan 5,1. Målvärde 5,2 %."},
		{"lines by month with target", Chart{Kind: LineChart, Title: "Sjukfrånvaro", Unit: "%",
			Categories: []string{"jan", "feb", "mar"},
			Series:     []Series{{Name: "2026", Values: []*float64{v(5.1), nil, v(4.8)}}, {Name: "2025", Values: nil}},
			RefLines:   []RefLine{{Name: "Målvärde", Value: 5.2}}},
			"Linjediagram: Sjukfrånvaro (%). 2026: jan 5,1, mar 4,8. 2025: inga värden. Målvärde: 5,2."},
		{"status counts", Chart{Kind: StatusChart, Title: "Mål per bedömning",
			Categories: []string{"Uppfyllt", "Ej bedömt"},
			Series:     []Series{{Values: []*float64{v(6), nil}}}},
			"Stapeldiagram: Mål per bedömning. Uppfyllt 6, Ej bedömt 0."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := chartAlt(c.chart); got != c.want {
				t.Errorf("chartAlt =\n%q\nwant\n%q", got, c.want)
			}
		})
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
