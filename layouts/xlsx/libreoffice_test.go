package xlsx

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rapport/fixtures/testkit"
)

// TestPrintsInLibreOffice converts the workbook to PDF with LibreOffice, as
// a controller would print it: it must open, and each sheet must print on
// one page (fit to width; these tables are short), with its caption and the
// page footer. A missing LibreOffice or poppler fails it (.ci/run installs
// them); -short skips it, as it starts LibreOffice (some 10–30 s).
func TestPrintsInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("starts LibreOffice (some 10–30 s); runs without -short")
	}
	office := testkit.Office(t)
	pdfinfo, pdftotext := testkit.Tool(t, "pdfinfo"), testkit.Tool(t, "pdftotext")
	dir := t.TempDir()
	xlsxPath := filepath.Join(dir, "rapport.xlsx")
	if err := os.WriteFile(xlsxPath, render(t, sampleReport()), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, office, "--headless", "--convert-to", "pdf", "--outdir", dir, xlsxPath)
	cmd.Env = append(os.Environ(), "HOME="+dir) // a profile of its own, so parallel runs do not collide
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	pdfPath := filepath.Join(dir, "rapport.pdf")
	info, err := exec.Command(pdfinfo, pdfPath).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v (did LibreOffice open the workbook?)", err)
	}
	if !strings.Contains(string(info), "Pages:           6\n") {
		t.Errorf("want one page per sheet (6); pdfinfo says:\n%s", info)
	}
	text, err := exec.Command(pdftotext, "-layout", pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(string(text), "\f")
	for i, want := range []string{
		"Tabell 2 Regionstyrelsens kvalitetsindikatorer för medarbetare",
		"Tabell 3 Regionstyrelsens kvalitetsindikatorer för Ekonomi",
		"Tabell 4 Regionstyrelsens driftbudget, redovisas i mnkr",
		"Tabell 5 Regionstyrelsens investeringsbudget, belopp redovisas i mnkr",
		"Underlag: utfall per rad och månad",
		"Kontroll: avstämning mot huvudboken",
	} {
		if i >= len(pages) {
			break
		}
		if !strings.Contains(strings.Join(strings.Fields(pages[i]), " "), want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
		if footer := "Sida " + string(rune('1'+i)) + " av 6"; !strings.Contains(pages[i], footer) {
			t.Errorf("page %d lacks the footer %q", i+1, footer)
		}
	}
}
