package xlsx

import (
	"context"
	"encoding/csv"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"rapport/fixtures/testkit"
)

// office finds LibreOffice, or fails the test (.ci/run installs it);
// -short skips the test, as it starts LibreOffice (some 10–30 s).
func office(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts LibreOffice (some 10–30 s); runs without -short")
	}
	return testkit.Office(t)
}

// convert runs LibreOffice headless on the workbook in dir.
func convert(t *testing.T, soffice, dir, to, xlsxPath string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--convert-to", to, "--outdir", dir, xlsxPath)
	cmd.Env = append(os.Environ(), "HOME="+dir) // a profile of its own, so parallel runs do not collide
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
}

// TestPrintsInLibreOffice converts the workbook to PDF with LibreOffice, as
// a controller would print it: it must open, and each sheet must print on
// one page (fit to width; these tables are short) but Underlag, whose
// table runs over pages under its repeated title and header, each page
// with its caption and the page footer. A missing LibreOffice or poppler
// fails it.
func TestPrintsInLibreOffice(t *testing.T) {
	soffice := office(t)
	pdfinfo, pdftotext := testkit.Tool(t, "pdfinfo"), testkit.Tool(t, "pdftotext")
	dir := t.TempDir()
	xlsxPath := filepath.Join(dir, "rapport.xlsx")
	if err := os.WriteFile(xlsxPath, render(t, sampleReport()), 0o644); err != nil {
		t.Fatal(err)
	}
	convert(t, soffice, dir, "pdf", xlsxPath)
	pdfPath := filepath.Join(dir, "rapport.pdf")
	if _, err := exec.Command(pdfinfo, pdfPath).Output(); err != nil {
		t.Fatalf("pdfinfo: %v (did LibreOffice open the workbook?)", err)
	}
	text, err := exec.Command(pdftotext, "-layout", pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimSuffix(string(text), "\f"), "\f")
	captions := map[string]string{
		sheetGoals:      "Tabell 1 Regionstyrelsens mål och bedömning",
		sheetEmployees:  "Tabell 2 Regionstyrelsens kvalitetsindikatorer för medarbetare",
		sheetEconomy:    "Tabell 3 Regionstyrelsens kvalitetsindikatorer för Ekonomi",
		sheetOperating:  "Tabell 4 Regionstyrelsens driftbudget, redovisas i mnkr",
		sheetInvestment: "Tabell 5 Regionstyrelsens investeringsbudget, belopp redovisas i mnkr",
		sheetMonthly:    "Underlag per månad: utfall per rad och månad",
		sheetAccounts:   "Underlag: utfall per konto och månad",
		sheetControl:    "Kontroll: avstämning mot huvudboken",
	}
	perSheet := map[string]int{}
	for i, page := range pages {
		lines := strings.Split(strings.TrimRight(page, "\n "), "\n")
		footer := strings.Fields(lines[len(lines)-1])
		if want := []string{"Sida", strconv.Itoa(i + 1), "av", strconv.Itoa(len(pages))}; len(footer) < 4 ||
			strings.Join(footer[len(footer)-4:], " ") != strings.Join(want, " ") {
			t.Errorf("page %d: footer %q, want it to end in %q", i+1, footer, want)
			continue
		}
		sheet := strings.Join(footer[:len(footer)-4], " ")
		perSheet[sheet]++
		if c, ok := captions[sheet]; !ok || !strings.Contains(strings.Join(strings.Fields(page), " "), c) {
			t.Errorf("page %d (%s) lacks its caption %q", i+1, sheet, c)
		}
	}
	for sheet := range captions {
		// Underlag is long; Kontroll adds the review edition's tables and
		// the warnings under its reconciliation.
		if n := perSheet[sheet]; n == 0 || (n > 1 && sheet != sheetAccounts && sheet != sheetControl) {
			t.Errorf("%s prints on %d pages, want one", sheet, n)
		}
	}
}

// TestLibreOfficeReadsEveryCell has LibreOffice export every sheet as CSV:
// each must hold the cells excelize reads, text the same and figures the
// same to 12 significant digits. LibreOffice shows most formulas' cached
// values as they are, so this checks the file's reading, not its sums
// (TestCachedValuesAreComputed does that).
func TestLibreOfficeReadsEveryCell(t *testing.T) {
	soffice := office(t)
	dir := t.TempDir()
	xlsxPath := filepath.Join(dir, "rapport.xlsx")
	data := render(t, sampleReport())
	if err := os.WriteFile(xlsxPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// Sheet -1: every sheet, to rapport-<sheet>.csv; values unformatted.
	convert(t, soffice, dir, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", xlsxPath)
	f := open(t, data)
	for _, sheet := range f.GetSheetList() {
		want, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		fh, err := os.Open(filepath.Join(dir, "rapport-"+sheet+".csv"))
		if err != nil {
			t.Errorf("LibreOffice wrote no CSV for %s: %v", sheet, err)
			continue
		}
		rd := csv.NewReader(fh)
		rd.FieldsPerRecord = -1
		got, err := rd.ReadAll()
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Errorf("%s: LibreOffice reads %d rows, excelize %d", sheet, len(got), len(want))
		}
		for r := 0; r < min(len(got), len(want)); r++ {
			g := trimEmpty(got[r])
			w := trimEmpty(want[r])
			if len(g) != len(w) {
				t.Errorf("%s row %d: LibreOffice %q, excelize %q", sheet, r+1, g, w)
				continue
			}
			for c := range g {
				if !sameCell(g[c], w[c]) {
					t.Errorf("%s!%s: LibreOffice %q, excelize %q", sheet, ref(c+1, r+1), g[c], w[c])
				}
			}
		}
	}
}

func trimEmpty(row []string) []string {
	for len(row) > 0 && row[len(row)-1] == "" {
		row = row[:len(row)-1]
	}
	return row
}

// sameCell compares a cell as text, or as figures to 12 significant digits.
func sameCell(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	return math.Abs(x-y) <= 1e-12*math.Max(math.Abs(x), math.Abs(y))
}
