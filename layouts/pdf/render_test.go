package pdf

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"rapport/fixtures/testkit"
	"rapport/layouts"
	"rapport/layouts/internal/testreports"
	"rapport/report"
)

// The PDF tests read the rendered file back with poppler-utils and qpdf,
// as a reader's tools would; a missing tool fails them (testkit.Tool), and
// .ci/run installs the tools.

func render(t testing.TB, r *report.Report) []byte {
	t.Helper()
	return renderEdition(t, r, layouts.BoardEdition)
}

func renderEdition(t testing.TB, r *report.Report, e layouts.Edition) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderWith(&buf, r, Options{Edition: e}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeTemp writes a rendered PDF where the tools can read it; with
// PDF_OUT set, it goes there too, for looking at the pages.
func writeTemp(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("PDF_OUT"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	return testkit.Run(t, name, args...)
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	testkit.Golden(t, filepath.Join("testdata", name), got)
}

type renderCase struct {
	name string
	r    *report.Report
	full bool
}

func cases() []renderCase {
	return []renderCase{
		{"handmade_UR1", testreports.Handmade("UR1"), true},
		{"handmade_M10", testreports.Handmade("M10"), false},
		{"handmade_M02", testreports.Handmade("M02"), false},
		{"handmade_AR", testreports.Handmade("ÅR"), true},
	}
}

func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestRenderedText reads the PDF text back: the plan's goals, the tables,
// the footer, in reading order, against a golden file.
func TestRenderedText(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			p := writeTemp(t, c.name+".pdf", render(t, c.r))
			text := run(t, "pdftotext", "-layout", p, "-")
			golden(t, c.name+".txt", []byte(text))
			flat := normalize(text)
			want := []string{"Sida 1 av", "Tabell 2 Regionstyrelsens kvalitetsindikatorer för medarbetare",
				"Tabell 3 Regionstyrelsens kvalitetsindikatorer för Ekonomi", "Tabell 4 Regionstyrelsens driftbudget, redovisas i mnkr",
				"Periodresultat", "Personalkostnader", "Netto", "Exempeldata"}
			if c.full {
				want = append(want, "Tabell 1 Regionstyrelsens mål och bedömning",
					"Tabell 5 Regionstyrelsens investeringsbudget, belopp redovisas i mnkr",
					"Sammanfattning av måluppfyllelse", "Teckenförklaring", "Ord- och begreppsförklaringar",
					"Inget eget mål för Regionstyrelsen")
				for _, g := range c.r.Goals {
					if g.BoardGoal != "" {
						want = append(want, g.BoardGoal)
					}
				}
			} else {
				want = append(want, "Övriga avvikelser", "Ekonomisk prognos")
			}
			for _, w := range want {
				if !strings.Contains(flat, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			// Figures come formatted Swedish style with a true minus sign;
			// pdftotext reads the no-break space between thousands back as
			// a plain space.
			net := strings.ReplaceAll(c.r.Operating.Net.AnnualBudget.FormatMnkr(), "\u00a0", " ")
			if !strings.HasPrefix(net, "−") || !strings.Contains(text, net) {
				t.Errorf("text lacks the net annual budget %q", net)
			}
		})
	}
}

func pageCount(t *testing.T, p string) int {
	info := run(t, "pdfinfo", p)
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestStructure checks the file as qpdf and poppler see it: valid, fonts
// embedded, an outline entry per section and goal, sensible page counts,
// a deviation report clearly shorter than a full one.
func TestStructure(t *testing.T) {
	testkit.Tool(t, "qpdf")
	testkit.Tool(t, "pdffonts")
	pages := map[string]int{}
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			p := writeTemp(t, c.name+".pdf", render(t, c.r))
			run(t, "qpdf", "--check", p)
			fonts := run(t, "pdffonts", p)
			lines := strings.Split(strings.TrimSpace(fonts), "\n")[2:]
			if len(lines) < 2 {
				t.Errorf("expected regular and bold fonts, got:\n%s", fonts)
			}
			for _, l := range lines {
				f := strings.Fields(l)
				if len(f) < 5 || f[len(f)-5] != "yes" {
					t.Errorf("font not embedded: %s", l)
				}
			}
			info := run(t, "pdfinfo", "-isodates", p)
			for _, w := range []string{"Title:           Regionstyrelsen – ", "Author:          Region Halland",
				"Creator:         rapport", "Subject:         ", "Keywords:        uppföljning", "CreationDate:    " + c.r.ReportDate + "T12:00:00Z"} {
				if !strings.Contains(info, w) {
					t.Errorf("pdfinfo lacks %q:\n%s", w, info)
				}
			}
			// The catalog is in an object stream: qpdf writes it out plain.
			plain := filepath.Join(t.TempDir(), "plain.pdf")
			run(t, "qpdf", "--qdf", "--object-streams=disable", p, plain)
			if raw, err := os.ReadFile(plain); err != nil || !strings.Contains(string(raw), "/Lang (sv-SE)") {
				t.Errorf("catalog lacks /Lang (sv-SE) (%v)", err)
			}
			n := pageCount(t, p)
			pages[c.name] = n
			lo, hi := 4, 12
			if c.full {
				lo, hi = 9, 40
			}
			if n < lo || n > hi {
				t.Errorf("%d pages, want %d–%d", n, lo, hi)
			}

			var doc struct {
				Outlines []outline `json:"outlines"`
			}
			if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-key=outlines", p)), &doc); err != nil {
				t.Fatal(err)
			}
			titles := flatten(doc.Outlines)
			want := []string{"Innehåll", "Medarbetare"}
			if c.full {
				want = append(want, "Sammanfattning", "Mål", "Ekonomi", "Bilaga: Ord- och begreppsförklaringar")
				for _, g := range c.r.Goals {
					if g.Nr != "" {
						want = append(want, "Mål "+g.Nr+". ")
					}
				}
			} else {
				want = append(want, "Ekonomisk prognos", "Övriga avvikelser")
			}
			for _, w := range want {
				found := false
				for _, got := range titles {
					if strings.HasPrefix(got, w) {
						found = true
					}
				}
				if !found {
					t.Errorf("outline lacks %q; has %q", w, titles)
				}
			}
		})
	}
	if pages["handmade_M10"] >= pages["handmade_UR1"]*2/3 {
		t.Errorf("deviation report has %d pages, full report %d: want clearly fewer", pages["handmade_M10"], pages["handmade_UR1"])
	}
}

type outline struct {
	Title string    `json:"title"`
	Kids  []outline `json:"kids"`
}

func flatten(os []outline) []string {
	var out []string
	for _, o := range os {
		out = append(out, o.Title)
		out = append(out, flatten(o.Kids)...)
	}
	return out
}

// TestTextInsideMargins reads every word's box back and checks that it
// lies within the side margins and between the running header and footer.
func TestTextInsideMargins(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			checkMargins(t, writeTemp(t, c.name+".pdf", render(t, c.r)))
		})
	}
}

var bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

func checkMargins(t *testing.T, p string) {
	t.Helper()
	const pt = 72 / 25.4
	html := run(t, "pdftotext", "-bbox", p, "-")
	words := bboxWord.FindAllStringSubmatch(html, -1)
	if len(words) < 100 {
		t.Fatalf("only %d words read back", len(words))
	}
	bad := 0
	for _, w := range words {
		x0, _ := strconv.ParseFloat(w[1], 64)
		y0, _ := strconv.ParseFloat(w[2], 64)
		x1, _ := strconv.ParseFloat(w[3], 64)
		y1, _ := strconv.ParseFloat(w[4], 64)
		if x0 < (marginL-0.5)*pt || x1 > (pageW-marginR+0.5)*pt || y0 < 8*pt || y1 > (pageH-8)*pt {
			if bad++; bad <= 10 {
				t.Errorf("%q at x %.1f–%.1f, y %.1f–%.1f pt lies outside the margins", w[5], x0, x1, y0, y1)
			}
		}
	}
}

// TestSameBytes renders the same report twice: the bytes must match.
func TestSameBytes(t *testing.T) {
	for _, c := range cases()[:2] {
		a, b := render(t, c.r), render(t, c.r)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renderings differ", c.name)
		}
	}
}

func BenchmarkRenderFull(b *testing.B) {
	r := testreports.Handmade("UR1")
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Render(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func hostileCases() map[string]*report.Report {
	many := testreports.Handmade("UR1")
	for i := 0; i < 4; i++ {
		many.Goals = append(many.Goals, many.Goals...)
	}
	return map[string]*report.Report{"hostile": testreports.Hostile(), "empty": {}, "contents over pages": many}
}

// TestHostileAndEmptyRender renders the reports that push the layout; it
// needs no reader, so it runs and tells even where the tools are missing.
func TestHostileAndEmptyRender(t *testing.T) {
	for name, r := range hostileCases() {
		t.Run(name, func(t *testing.T) {
			b := render(t, r)
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("%%EOF")) {
				t.Errorf("not a complete PDF: %.20q … %.20q", b, b[max(0, len(b)-20):])
			}
		})
	}
}

// TestHostileAndEmpty reads the same reports back: valid, and every word
// inside the margins.
func TestHostileAndEmpty(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	testkit.Tool(t, "qpdf")
	for name, r := range hostileCases() {
		t.Run(name, func(t *testing.T) {
			p := writeTemp(t, name+".pdf", render(t, r))
			run(t, "qpdf", "--check", p)
			checkMargins(t, p)
		})
	}
}
