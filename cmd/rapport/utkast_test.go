package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestUtkast: generate --utkast writes the controller's review edition
// beside the board's, under a name of its own, marked on every page and
// ending with the reconciliation; the board's file stays as it was.
func TestUtkast(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runCmd(t, "generate", "--period", "UR1", "--year", "2026", "--out", out, "--format", "pdf,xlsx"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	boardPath := filepath.Join(out, "Regionstyrelsen_2026_UR1.pdf")
	before, err := os.ReadFile(boardPath)
	if err != nil {
		t.Fatal(err)
	}
	boardBook := filepath.Join(out, "Regionstyrelsen_2026_UR1.xlsx")
	beforeBook, err := os.ReadFile(boardBook)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, "generate", "--utkast", "--period", "UR1", "--year", "2026", "--out", out, "--format", "pdf,xlsx"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	after, err := os.ReadFile(boardPath)
	if err != nil || string(after) != string(before) {
		t.Fatalf("the draft changed the board's file (%v)", err)
	}
	// SPEC 12.3: the draft's workbook has a name of its own too.
	afterBook, err := os.ReadFile(boardBook)
	if err != nil || string(afterBook) != string(beforeBook) {
		t.Fatalf("the draft changed the board's workbook (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(out, "Regionstyrelsen_2026_UR1_utkast.xlsx")); err != nil {
		t.Errorf("no draft workbook: %v", err)
	}
	draftPath := filepath.Join(out, "Regionstyrelsen_2026_UR1_utkast.pdf")
	draft := strings.Split(tool(t, "pdftotext", "-layout", draftPath, "-"), "\f")
	for i, page := range draft {
		if strings.TrimSpace(page) != "" && !strings.Contains(page, "UTKAST") {
			t.Errorf("draft page %d is not marked UTKAST", i+1)
		}
	}
	if all := strings.Join(draft, ""); !strings.Contains(all, "Bilaga: Avstämning mot huvudboken") {
		t.Error("the draft has no reconciliation")
	}
	board := tool(t, "pdftotext", "-layout", boardPath, "-")
	if m := regexp.MustCompile(`(?i:huvudbok\.|\.xlsx|\.csv|rad \d+|Avstämning)|UTKAST`).FindString(board); m != "" {
		t.Errorf("the board's edition holds %q", m)
	}
}
