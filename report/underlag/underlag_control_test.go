package underlag

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"rapport/report/problem"
)

// withControls is a workbook of sheets whose texts hold markers «xx»
// (two hex digits) where the file gets a control character, as Excel
// writes one: _x00xx_ (excelize would escape one given to SetCellStr).
func withControls(t *testing.T, sheets []sheet) []byte {
	t.Helper()
	data := buildWorkbook(t, sheets)
	fix := func(b []byte) []byte {
		for {
			i := bytes.Index(b, []byte("«"))
			if i < 0 {
				return b
			}
			j := i + len("«") + 2
			b = append(b[:i:i], append([]byte("_x00"+string(b[i+len("«"):j])+"_"), b[j+len("»"):]...)...)
		}
	}
	return rewritePart(t, data, "xl/sharedStrings.xml", fix)
}

// TestReadUnderlagControlCharacters: control characters in a text are a
// warning naming the cell, and are not in the text read; a tab and line
// breaks are the text's layout and stay.
func TestReadUnderlagControlCharacters(t *testing.T) {
	data := withControls(t, with(baseSheets(),
		sheet{sheetAssess, [][]any{
			{"Nr", "Period", "Bedömning", "Analys«07»"},
			{"1", "UR1", "Bedöms uppfyllas", "Bra«07» arbete«1B»[31m i år.«0D»«0A»Nästa rad«09»med tabb."},
			{2, "2026-04", "delvis uppfyllt", "Rad ett«0D»Rad två«0C»"},
		}},
		sheet{sheetTexts, [][]any{
			{"Period", "Avsnitt", "Text"},
			{"UR1", "Sammanfattning", "Året«7F» har börjat bra.«85»"},
		}},
	))
	in, probs := read(t, data, Options{})
	checkProblems(t, probs, []want{
		{problem.Warning, "Målbedömning", "D1", `"Analys" cellen innehåller styrtecken (U+0007) som inte kan skrivas ut; de tas bort`},
		{problem.Warning, "Målbedömning", "D2", `"Bra arbete[31m i år.\nNästa rad\tmed tabb." cellen innehåller styrtecken (U+0007, U+001B) som inte kan skrivas ut`},
		{problem.Warning, "Målbedömning", "D3", "(U+000C)"},
		{problem.Warning, "Texter", "C2", "(U+007F, U+0085)"},
	}, false)
	var controls int
	for _, p := range probs {
		if strings.Contains(p.Message, "styrtecken") {
			controls++
		}
	}
	if controls != 4 {
		t.Errorf("%d warnings of control characters, want 4:\n%s", controls, dump(probs))
	}
	if len(in.Assessments) != 2 {
		t.Fatalf("%d assessments:\n%s", len(in.Assessments), dump(probs))
	}
	if got, want := in.Assessments[0].Analysis, "Bra arbete[31m i år.\nNästa rad\tmed tabb."; got != want {
		t.Errorf("analysis %q, want %q", got, want)
	}
	if got, want := in.Assessments[1].Analysis, "Rad ett\nRad två"; got != want {
		t.Errorf("analysis %q, want %q", got, want)
	}
	if len(in.Texts) != 1 || in.Texts[0].Text != "Året har börjat bra." {
		t.Errorf("texts %+v", in.Texts)
	}
	// A line break alone is no warning.
	_, probs = read(t, withControls(t, with(baseSheets(), sheet{sheetTexts, [][]any{
		{"Period", "Avsnitt", "Text"}, {"UR1", "Sammanfattning", "Ett«0D»«0A»två«0D»tre"}}})), Options{})
	for _, p := range probs {
		if strings.Contains(p.Message, "styrtecken") {
			t.Errorf("line breaks: %s", p)
		}
	}
}

// TestReadUnderlagControlCharactersCap: past 20 cells one warning counts
// the rest.
func TestReadUnderlagControlCharactersCap(t *testing.T) {
	rows := [][]any{{"Period", "Avsnitt", "Text"}}
	for i, sec := range []string{"Sammanfattning", "Väsentliga händelser", "Ekonomi", "Åtgärder", "Medarbetare", "Investeringar", "Risker", "Intern kontroll"} {
		for m := 1; m <= 3; m++ {
			rows = append(rows, []any{fmt.Sprintf("2026-%02d", m), sec, fmt.Sprintf("Text %d«07»", i)})
		}
	}
	_, probs := read(t, withControls(t, with(baseSheets(), sheet{sheetTexts, rows})), Options{})
	n := 0
	for _, p := range probs {
		if strings.Contains(p.Message, "styrtecken") {
			n++
		}
	}
	if n != maxControlWarnings+1 {
		t.Errorf("%d warnings, want %d:\n%s", n, maxControlWarnings+1, dump(probs))
	}
	checkProblems(t, probs, []want{{problem.Warning, "", "", "och 4 celler till innehåller styrtecken som tas bort"}}, false)
}

func TestStripControl(t *testing.T) {
	for _, c := range []struct{ in, out, found string }{
		{"plain", "plain", ""},
		{"a\tb\nc", "a\tb\nc", ""},
		{"a\r\nb\rc", "a\nb\nc", ""},
		{"\x00a\x1bb\x7fc\u0085d\u009fe\x00", "abcde", "\x00\x1b\x7f\u0085\u009f"},
		{"åäö\x07€", "åäö€", "\x07"},
	} {
		out, found := stripControl(c.in)
		if out != c.out || string(found) != c.found {
			t.Errorf("stripControl(%q) = %q, %q; want %q, %q", c.in, out, string(found), c.out, c.found)
		}
		if hasControl(c.in) != (c.in != c.out) {
			t.Errorf("hasControl(%q) = %v", c.in, hasControl(c.in))
		}
	}
}
