package pdf

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"rapport/fixtures"
	"rapport/fixtures/testkit"
	"rapport/report"
	"rapport/report/period"
	"rapport/report/underlag"
)

// exampleReports computes the embedded example for each period of the
// calendar that has data, as `rapport generate --period all` does.
func exampleReports(t testing.TB) map[string]*report.Report {
	t.Helper()
	in, err := report.Import(context.Background(), report.ImportOptions{Folder: fixtures.ExampleFolder(), OpenWorkbook: underlag.OpenWorkbook})
	if err != nil {
		t.Fatalf("loading the example: %v", err)
	}
	out := map[string]*report.Report{}
	for _, code := range []period.Code{"M02", "UR1", "UR2", "M10"} {
		r, probs := report.Compute(in, code, report.ComputeOptions{})
		if probs.HasErrors() || r == nil {
			t.Fatalf("computing %s: %v", code, probs.Errors())
		}
		out[string(code)] = r
	}
	return out
}

// TestExampleLayoutTree snapshots the layout tree of the example's UR1
// and M10; it needs no reader, so it runs even where the tools are missing.
func TestExampleLayoutTree(t *testing.T) {
	reports := exampleReports(t)
	for _, code := range []string{"UR1", "M10"} {
		t.Run(code, func(t *testing.T) {
			b, err := json.MarshalIndent(Build(reports[code]), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "example_"+code+".tree.json", append(b, '\n'))
		})
	}
}

// TestExample renders the example's reports and checks them as the
// hand-made ones are checked: text, outline, pages, margins, goldens.
func TestExample(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	testkit.Tool(t, "qpdf")
	reports := exampleReports(t)
	pages := map[string]int{}
	for _, code := range []string{"M02", "UR1", "UR2", "M10"} {
		r := reports[code]
		t.Run(code, func(t *testing.T) {
			if !r.Example {
				t.Error("the example report is not marked as example data")
			}
			p := writeTemp(t, "example_"+code+".pdf", render(t, r))
			run(t, "qpdf", "--check", p)
			text := run(t, "pdftotext", "-layout", p, "-")
			if code == "UR1" || code == "M10" {
				golden(t, "example_"+code+".txt", []byte(text))
			}
			flat := normalize(text)
			want := []string{"Sida 1 av", "Exempeldata", "Tabell 2 ", "Tabell 3 ", "Tabell 4 "}
			if r.Period.Kind.IsFull() {
				want = append(want, "Tabell 1 ", "Tabell 5 ", "Sammanfattning av måluppfyllelse", "Teckenförklaring")
				n := 0
				for _, g := range r.Goals {
					if g.BoardGoal != "" {
						want = append(want, normalize(g.BoardGoal))
						n++
					}
				}
				if n != 12 {
					t.Errorf("%d board goals, want the plan's 12", n)
				}
			} else {
				want = append(want, "Övriga avvikelser")
			}
			for _, w := range want {
				if !strings.Contains(flat, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			pages[code] = pageCount(t, p)
			checkMargins(t, p)
		})
	}
	if pages["M02"] >= pages["UR1"] || pages["M10"] >= pages["UR2"] {
		t.Errorf("deviation reports must be shorter: pages %v", pages)
	}
}

func BenchmarkRenderExampleUR1(b *testing.B) {
	r := exampleReports(b)["UR1"]
	b.ReportAllocs()
	for b.Loop() {
		var sink countWriter
		if err := Render(&sink, r); err != nil {
			b.Fatal(err)
		}
	}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
