package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/report"
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

// TestSharedLedgerWarningsInDraft: SPEC 12.5, a shared ledger's warnings
// (rows without Ansvar) reach each unit's draft appendix and Kontroll
// sheet, not only the run's output.
func TestSharedLedgerWarningsInDraft(t *testing.T) {
	root := t.TempDir()
	ledger := filepath.Join(root, report.LedgerCSV)
	csv := "Konto;Period;Belopp;Ansvar\n4010;2026-01;100;1000\n4010;2026-01;200;2000\n4010;2026-01;5;\n4010;2025-01;90;1000\n"
	if err := os.WriteFile(ledger, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	units := map[string]string{"enhet1": "1000", "enhet2": "2000"}
	for dir, ansvar := range units {
		os.Mkdir(filepath.Join(root, dir), 0o755)
		if err := os.WriteFile(filepath.Join(root, dir, report.UnderlagFile), withSettings(t, "Nämnd "+ansvar, ansvar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	code, stdout, stderr := runCmd(t, "generate", "--utkast", "--in", root, "--ledger", ledger, "--period", "M01", "--format", "pdf,xlsx", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	const warning = "saknar ansvar"
	for _, ansvar := range units {
		base := filepath.Join(out, "Nämnd "+ansvar+"_2026_M01_utkast")
		if text := tool(t, "pdftotext", base+".pdf", "-"); !strings.Contains(text, warning) {
			t.Errorf("%s: the draft's appendix lacks the shared ledger's warning", base)
		}
		f, err := excelize.OpenFile(base + ".xlsx")
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("Kontroll")
		f.Close()
		found := false
		for _, r := range rows {
			found = found || strings.Contains(strings.Join(r, " "), warning)
		}
		if !found {
			t.Errorf("%s: Kontroll lacks the shared ledger's warning", base)
		}
	}
}
