package main

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"rapport/report"
)

// TestUtkast: generate --utkast writes the controller's review edition
// beside the board's, under a name of its own, marked on every page and
// ending with the reconciliation; the board's file stays as it was.
func TestUtkast(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runCmd(t, "generate", "--period", "UR1", "--year", "2026", "--out", out, "--format", "pdf"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	boardPath := filepath.Join(out, "Regionstyrelsen_2026_UR1.pdf")
	before, err := os.ReadFile(boardPath)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runCmd(t, "generate", "--utkast", "--period", "UR1", "--year", "2026", "--out", out, "--format", "pdf"); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	after, err := os.ReadFile(boardPath)
	if err != nil || string(after) != string(before) {
		t.Fatalf("the draft changed the board's file (%v)", err)
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

// TestDraftNeverTouchesBoardFiles: a draft run after the data changed (a
// later report date here, as after a late posting) writes
// U_Y_P_utkast.pdf and U_Y_P_utkast.xlsx and leaves the board's pair as it
// was, bytes and modification time; into an empty folder it writes no
// board file at all (SPEC 12.3).
func TestDraftNeverTouchesBoardFiles(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runCmd(t, "generate", "--period", "UR1", "--date", "2026-05-01", "--out", out); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	board := []string{"Regionstyrelsen_2026_UR1.pdf", "Regionstyrelsen_2026_UR1.xlsx"}
	old := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, name := range board {
		if err := os.Chtimes(filepath.Join(out, name), old, old); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshot(t, out)
	if code, _, stderr := runCmd(t, "generate", "--utkast", "--period", "UR1", "--date", "2026-05-02", "--out", out); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	after := snapshot(t, out)
	for _, name := range board {
		b, a := before[name], after[name]
		if string(a.data) != string(b.data) || !a.mod.Equal(b.mod) {
			t.Errorf("the draft run changed the board's %s", name)
		}
	}
	for _, name := range []string{"Regionstyrelsen_2026_UR1_utkast.pdf", "Regionstyrelsen_2026_UR1_utkast.xlsx"} {
		if _, ok := after[name]; !ok {
			t.Errorf("the draft run wrote no %s; the folder holds %v", name, keys(after))
		}
	}
	if len(after) != 4 {
		t.Errorf("the folder holds %v, want the board's pair and the draft's", keys(after))
	}

	empty := t.TempDir()
	if code, _, stderr := runCmd(t, "generate", "--utkast", "--period", "UR1", "--out", empty); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	got := keys(snapshot(t, empty))
	sort.Strings(got)
	if strings.Join(got, " ") != "Regionstyrelsen_2026_UR1_utkast.pdf Regionstyrelsen_2026_UR1_utkast.xlsx" {
		t.Errorf("a draft run into an empty folder wrote %v", got)
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
