package pdf

import (
	"bytes"
	"strings"
	"testing"

	"rapport/fixtures/testkit"
	"rapport/layouts/internal/testreports"
	"rapport/layouts/pdf/tagged"
)

// FuzzRenderTexts feeds arbitrary text into every free-text field of a
// report — goal texts, analyses, names, comments — and requires a PDF, with
// no panic and no error, that is still fully tagged and valid to a strict
// reader. One seed's UTF-16 reads "/Count 0" in the outline.
func FuzzRenderTexts(f *testing.F) {
	for _, s := range []string{"", "Mål", "åäö ÅÄÖ −1 234,5", "😀 中文", "\x00\x01\t\r\n", strings.Repeat("ord ", 500), strings.Repeat("x", 2000), "\u00ad\u200b\ufeff", "\u2F43\u6F75\u6E74\u2030 (\\) /Count 0 >> endobj"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		r := testreports.Handmade("UR1")
		r.Unit = a
		r.Goals[0].BoardGoal = b
		r.Goals[0].Analysis = a + "\n\n" + b
		r.Goals[2].FocusArea = b
		r.Indicators[0].Name = a
		r.Investment.Groups[0].Rows[0].Comment = b
		r.Investment.Groups[0].Name = a
		r.Reconciliation.File = b
		var buf bytes.Buffer
		if err := Render(&buf, r); err != nil {
			t.Fatal(err)
		}
		if p := tagged.Audit(buf.Bytes()); len(p) > 0 {
			t.Fatalf("tagging broken: %q", p)
		}
		testkit.StrictPDF(t, buf.Bytes())
	})
}
