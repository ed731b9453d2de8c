package pdf

import (
	"strings"
	"testing"

	"rapport/fixtures/testkit"
	"rapport/layouts/internal/testreports"
	"rapport/report"
)

// exampleReports is testreports.Example for a test.
func exampleReports(t testing.TB) map[string]*report.Report {
	t.Helper()
	reports, err := testreports.Example()
	if err != nil {
		t.Fatal(err)
	}
	return reports
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

// TestExampleSize: with its objects in object streams and every stream
// deflated at zlib's default level, the example's UR1 takes at most 60 % of
// the 230 709 bytes it took when each object stood alone (SPEC 15).
func TestExampleSize(t *testing.T) {
	const alone = 230709
	if n := len(render(t, exampleReports(t)["UR1"])); n*100 > alone*60 {
		t.Errorf("UR1 is %d bytes, %d %% of %d; want at most 60 %%", n, n*100/alone, alone)
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
