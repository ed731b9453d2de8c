package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"rapport/fixtures/testkit"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// TestSammanstallning runs generate --sammanstallning on the region's
// test inputs as a controller would and checks the roll-up against each
// unit's own report as data: in the workbook's sheet Sammanställning
// every unit's row holds the unit's table 3 and goal counts to the öre,
// Totalt their sum; in the PDF every unit's row shows its Periodresultat
// as its own PDF does.
func TestSammanstallning(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	for _, c := range []struct{ input, ledger, period string }{
		{"region-agresso", "huvudbok.csv", "ÅR"},
		{"region-csv", "huvudbok.csv", "M10"},
	} {
		t.Run(c.input, func(t *testing.T) {
			root := copyTestInput(t, c.input, t.TempDir())
			out := t.TempDir()
			code, _, stderr := runCmd(t, "generate", "--in", root, "--ledger", filepath.Join(root, c.ledger),
				"--period", c.period, "--format", "json,xlsx,pdf", "--sammanstallning", "--out", out)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			units := rollupUnits(t, out, c.period)
			if len(units) < 2 {
				t.Fatalf("%d unit reports, want the region's units", len(units))
			}
			base := filepath.Join(out, "Sammanställning_2026_"+c.period)
			checkRollupWorkbook(t, base+".xlsx", units, c.period == "ÅR")
			checkRollupPDF(t, base+".pdf", out, units)
		})
	}
}

// rollupUnit is what a unit's own report as data says of the figures
// Sammanställning restates.
type rollupUnit struct {
	Unit       string         `json:"unit"`
	Economy    report.Economy `json:"economy"`
	GoalCounts [4]int         `json:"goal_counts"`
	base       string
}

func rollupUnits(t *testing.T, out, code string) []rollupUnit {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(out, "*_2026_"+code+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var units []rollupUnit
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var u rollupUnit
		if err := json.Unmarshal(b, &u); err != nil {
			t.Fatal(err)
		}
		u.base = strings.TrimSuffix(p, ".json")
		units = append(units, u)
	}
	return units
}

// figures are table 3's figures in the order of the kind's table 3,
// then the goals per level in the reports' order of levels.
func (u rollupUnit) figures(annual bool) ([]money.Amount, []int) {
	row := report.RollupRow{Economy: u.Economy}
	k := report.Levels
	counts := make([]int, len(k))
	for i, l := range k {
		counts[i] = u.GoalCounts[l]
	}
	kind := period.Deviation
	if annual {
		kind = period.Annual
	}
	return row.Figures(kind), counts
}

func checkRollupWorkbook(t *testing.T, path string, units []rollupUnit, annual bool) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Sammanställning"
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("no sheet %s: %v", sheet, err)
	}
	rowOf := func(label string) []string {
		t.Helper()
		for i, r := range rows {
			if i >= 4 && len(r) > 0 && r[0] == label {
				return r
			}
		}
		t.Fatalf("%s: no row %q", sheet, label)
		return nil
	}
	check := func(label string, amounts []money.Amount, counts []int) {
		t.Helper()
		r := rowOf(label)
		if len(r) != 1+len(amounts)+len(counts) {
			t.Fatalf("%s %s: %d cells %q, want %d", sheet, label, len(r), r, 1+len(amounts)+len(counts))
		}
		for i, want := range amounts {
			x, err := strconv.ParseFloat(r[1+i], 64)
			if err != nil {
				t.Fatalf("%s %s column %d: %q is not a number", sheet, label, i+2, r[1+i])
			}
			got, err := money.FromFloat(x, money.UnitMnkr)
			if err != nil || got != want {
				t.Errorf("%s %s column %d = %d öre, want %d (%v)", sheet, label, i+2, got, want, err)
			}
		}
		for i, want := range counts {
			if got := r[1+len(amounts)+i]; got != strconv.Itoa(want) {
				t.Errorf("%s %s goals column %d = %q, want %d", sheet, label, 2+len(amounts)+i, got, want)
			}
		}
	}
	var sumA []money.Amount
	var sumN []int
	for _, u := range units {
		a, n := u.figures(annual)
		check(u.Unit, a, n)
		if sumA == nil {
			sumA, sumN = make([]money.Amount, len(a)), make([]int, len(n))
		}
		for i := range a {
			sumA[i] += a[i]
		}
		for i := range n {
			sumN[i] += n[i]
		}
	}
	check("Totalt", sumA, sumN)
	// Totalt is live: a SUM of the units' rows.
	total := 0
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Totalt" {
			total = i + 1
		}
	}
	if fm, _ := f.GetCellFormula(sheet, "B"+strconv.Itoa(total)); !strings.HasPrefix(fm, "SUM(") {
		t.Errorf("Totalt's Periodresultat is %q, want a SUM of the units", fm)
	}
}

func checkRollupPDF(t *testing.T, path, out string, units []rollupUnit) {
	t.Helper()
	text := tool(t, "pdftotext", "-layout", path, "-")
	columns := regexp.MustCompile(`\s{2,}`)
	for _, u := range units {
		want := strings.ReplaceAll(u.Economy.PeriodResult.FormatMnkr(), "\u00a0", " ")
		own := tool(t, "pdftotext", "-layout", u.base+".pdf", "-")
		if !strings.Contains(own, want) {
			t.Errorf("%s's own PDF does not show Periodresultat %s", u.Unit, want)
		}
		var got []string
		for _, line := range strings.Split(text, "\n") {
			if fields := columns.Split(strings.TrimSpace(line), -1); fields[0] == u.Unit {
				got = fields[1:]
			}
		}
		if len(got) == 0 || got[0] != want {
			t.Errorf("Sammanställning's PDF row %s: %q, want Periodresultat %s first", u.Unit, got, want)
		}
	}
	if !strings.Contains(text, "Totalt") {
		t.Error("Sammanställning's PDF has no row Totalt")
	}
}

// TestSammanstallningUsage: the roll-up is of units sharing one ledger;
// without --ledger it is a usage error and nothing is written.
func TestSammanstallningUsage(t *testing.T) {
	root := copyTestInput(t, "region-csv", t.TempDir())
	out := t.TempDir()
	code, _, stderr := runCmd(t, "generate", "--in", root, "--period", "M10", "--sammanstallning", "--out", out)
	if code != exitUsage {
		t.Fatalf("exit %d, want %d\n%s", code, exitUsage, stderr)
	}
	if !strings.Contains(stderr, "--sammanstallning") || !strings.Contains(stderr, "--ledger") {
		t.Errorf("the message does not name --sammanstallning and --ledger: %s", stderr)
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("%d files written after a usage error", len(entries))
	}
}

// TestSammanstallningUnitFailed: when a unit cannot be made, the region's
// total would lack it, so no roll-up is written and the run says why; the
// other units' reports are still written.
func TestSammanstallningUnitFailed(t *testing.T) {
	root := copyTestInput(t, "region-csv", t.TempDir())
	if err := os.WriteFile(filepath.Join(root, "kulturnamnden", "underlag.xlsx"), []byte("inte en arbetsbok"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, stderr := runCmd(t, "generate", "--in", root, "--ledger", filepath.Join(root, "huvudbok.csv"),
		"--period", "M10", "--format", "xlsx", "--sammanstallning", "--out", out)
	if code == exitOK {
		t.Fatalf("exit 0 with a broken unit\n%s", stderr)
	}
	if !strings.Contains(stderr, "sammanställningen skrivs inte") {
		t.Errorf("the run does not say that the roll-up is not written:\n%s", stderr)
	}
	if m, _ := filepath.Glob(filepath.Join(out, "Sammanställning*")); len(m) > 0 {
		t.Errorf("roll-up written without a unit: %v", m)
	}
	if m, _ := filepath.Glob(filepath.Join(out, "Servicenämnden_2026_M10.xlsx")); len(m) != 1 {
		t.Errorf("the other unit's report is not written")
	}
}

// TestRenderRollupsWholeRegion: a period that one unit of the run has no
// report of gets no roll-up (its Totalt would leave the unit out), and
// the run is told which unit lacks it; a period all units have gets its
// pair of files.
func TestRenderRollupsWholeRegion(t *testing.T) {
	entry := func(code string, mo time.Month) period.Entry {
		return period.Entry{Code: period.Code(code), Name: "Månadsrapport " + period.MonthName(mo), LastMonth: mo, Kind: period.Deviation}
	}
	rep := func(unit string, e period.Entry) *report.Report {
		return &report.Report{Organisation: "Region X", Unit: unit, Year: 2026, Period: e, ReportDate: "2026-11-12",
			Economy: report.Economy{PeriodResult: -1_000_00}}
	}
	results := []unitResult{
		{unit: "Nämnd A", reports: []*report.Report{rep("Nämnd A", entry("M02", 2)), rep("Nämnd A", entry("M03", 3))}},
		{unit: "Nämnd B", reports: []*report.Report{rep("Nämnd B", entry("M03", 3))}},
	}
	out := t.TempDir()
	files, skipped, err := renderRollups(results, runOptions{out: out, formats: []string{"pdf", "xlsx"}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f.path))
	}
	if want := []string{"Sammanställning_2026_M03.pdf", "Sammanställning_2026_M03.xlsx"}; !slices.Equal(names, want) {
		t.Errorf("files %q, want %q", names, want)
	}
	if len(skipped) != 1 || !strings.Contains(skipped[0], "M02") || !strings.Contains(skipped[0], "Nämnd B") {
		t.Errorf("skipped %q, want M02 naming Nämnd B", skipped)
	}
}
