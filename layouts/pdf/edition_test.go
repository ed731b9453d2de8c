package pdf

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"rapport/fixtures/testkit"
	"rapport/layouts"
)

// TestEditions reads the board's and the controller's editions back
// (SPEC 7.7): the board's holds no file name, no row number and no
// reconciliation; the draft holds them as its last appendix, and says
// UTKAST on every page.
func TestEditions(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	controllerOnly := regexp.MustCompile(`(?i)huvudbok\.|\.xlsx|\.csv|rad \d+|Avstämning|Varningar i underlaget`)
	reports := exampleReports(t)
	for _, c := range append(cases(), renderCase{name: "example_UR1", r: reports["UR1"]}, renderCase{name: "example_M02", r: reports["M02"]}) {
		t.Run(c.name, func(t *testing.T) {
			text := func(e layouts.Edition, name string) []string {
				var buf bytes.Buffer
				if err := RenderWith(&buf, c.r, Options{Edition: e}); err != nil {
					t.Fatal(err)
				}
				p := writeTemp(t, c.name+name+".pdf", buf.Bytes())
				return strings.Split(run(t, "pdftotext", "-layout", p, "-"), "\f")
			}
			board := text(layouts.BoardEdition, "")
			for i, page := range board {
				if m := controllerOnly.FindString(page); m != "" {
					t.Errorf("board edition, page %d: %q is the controller's material", i+1, m)
				}
				if strings.Contains(page, "UTKAST") {
					t.Errorf("board edition, page %d is marked UTKAST", i+1)
				}
			}
			draft := text(layouts.DraftEdition, "_utkast")
			if strings.HasPrefix(c.name, "handmade_") {
				golden(t, c.name+"_utkast.txt", []byte(strings.Join(draft, "\f")))
			}
			for i, page := range draft {
				if strings.TrimSpace(page) == "" {
					continue // the form feed after the last page
				}
				if !strings.Contains(page, "UTKAST") {
					t.Errorf("draft, page %d is not marked UTKAST", i+1)
				}
			}
			all := strings.Join(draft, "\n")
			want := []string{"Bilaga: Avstämning mot huvudboken", "Huvudbokens total"}
			if len(c.r.Problems.Warnings()) > 0 {
				want = append(want, "Bilaga: Varningar i underlaget")
			}
			for _, w := range want {
				if !strings.Contains(all, w) {
					t.Errorf("draft lacks %q", w)
				}
			}
			if c.r.Reconciliation.File != "" && !strings.Contains(all, c.r.Reconciliation.File) {
				t.Errorf("draft does not name the ledger file %q", c.r.Reconciliation.File)
			}
			if i, j := strings.Index(all, "Bilaga: Avstämning"), strings.LastIndex(all, "Sida "); i < 0 || i > j {
				t.Error("the reconciliation is not at the end of the draft")
			}
		})
	}
}
