package pdf

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// wrapByLines is wrap as it was first written: each candidate line
// measured whole.
func wrapByLines(pdf *canvas, text string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line := ""
		for _, word := range strings.Split(para, " ") {
			if word == "" {
				continue
			}
			cand := word
			if line != "" {
				cand = line + " " + word
			}
			if pdf.GetStringWidth(cand) <= w {
				line = cand
				continue
			}
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			if pdf.GetStringWidth(word) > w {
				pieces := breakWord(pdf, word, w)
				lines = append(lines, pieces[:len(pieces)-1]...)
				word = pieces[len(pieces)-1]
			}
			line = word
		}
		lines = append(lines, line)
	}
	return lines
}

// TestWrapMeasuresWords: wrap, which measures each word once, breaks
// every text where measuring each candidate line whole does: in every
// font, at widths down to less than a letter, over Swedish words, runs
// of spaces, line breaks, long words and characters the font lacks.
func TestWrapMeasuresWords(t *testing.T) {
	pdf := newPDF(build(t, exampleReports(t)["UR1"]))
	rnd := rand.New(rand.NewSource(1))
	words := []string{"Åtgärden", "följs", "upp", "enligt", "plan", "1 234,5", "−12 %", "", "x",
		"Prognosavvikelse", strings.Repeat("ö", 90), "\u2003", "€", "\r\n", "\n", "漢字", "\ufffd", "i"}
	for _, f := range []font{fBody, fBodyB, fItalic, fSmall, fH1, fTable, fRunning} {
		setFont(pdf, f)
		for n := 0; n < 300; n++ {
			var b strings.Builder
			for k := rnd.Intn(60); k >= 0; k-- {
				b.WriteString(words[rnd.Intn(len(words))])
				b.WriteString(strings.Repeat(" ", rnd.Intn(3)))
			}
			text := b.String()
			for _, w := range []float64{0.5, 3, 17.3, 40, contentW / 2, contentW} {
				if got, want := wrap(pdf, text, w), wrapByLines(pdf, text, w); !slices.Equal(got, want) {
					t.Fatalf("font %v, width %g, %q:\ngot  %q\nwant %q", f, w, text, got, want)
				}
			}
		}
	}
}

// TestWrapHyphenCompound: a compound whose second part is a compound of
// its own breaks at each joint in a narrow column, as the roll-up's
// column Investeringsbudgetavvikelse does, never between letters.
func TestWrapHyphenCompound(t *testing.T) {
	pdf := newPDF(build(t, exampleReports(t)["UR1"]))
	setFont(pdf, fTable)
	w := pdf.GetStringWidth("Investerings-") + 0.1
	got := wrapHyphen(pdf, "Investeringsbudgetavvikelse (mnkr)", w)
	want := []string{"Investerings-", "budget-", "avvikelse", "(mnkr)"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// Narrower: the first part, too wide with its hyphen, breaks at its
	// own joint.
	want = []string{"Investe-", "rings-", "budget-", "avvikelse"}
	w = 0
	for _, s := range want {
		w = max(w, pdf.GetStringWidth(s)+0.1)
	}
	if w >= pdf.GetStringWidth("Investerings-") {
		t.Skip("the parts are as wide as the joint")
	}
	if got := wrapHyphen(pdf, "Investeringsbudgetavvikelse", w); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
