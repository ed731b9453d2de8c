package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/fixtures"
	"rapport/fixtures/testkit"
	"rapport/report"
	"rapport/report/money"
)

// TestRegion runs each region-wide test input as a controller would, every
// unit folder against the one export (generate --in UNITS --ledger FILE),
// and checks each unit's tables 3–5 and reconciliation against the figures
// the generator computed from that unit's own postings, to the öre: in the
// report as data, in the workbook's cached values and in the PDF's text.
func TestRegion(t *testing.T) {
	testkit.Tool(t, "pdftotext")
	for _, c := range []struct {
		input, ledger, period string
		units                 []string
	}{
		{"region-csv", "huvudbok.csv", "M10", []string{"kulturnamnden", "servicenamnden"}},
		{"region-agresso", "huvudbok.csv", "ÅR", []string{"kulturnamnden", "miljonamnden", "tekniska-namnden"}},
		{"region-sie", "huvudbok.se", "UR1", []string{"kollektivtrafiknamnden", "tekniska-namnden"}},
	} {
		t.Run(c.input, func(t *testing.T) {
			root := copyTestInput(t, c.input, t.TempDir())
			out := t.TempDir()
			code, _, stderr := runCmd(t, "generate", "--in", root, "--ledger", filepath.Join(root, c.ledger),
				"--period", c.period, "--format", "json,xlsx,pdf", "--out", out)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			for _, unit := range c.units {
				t.Run(unit, func(t *testing.T) {
					want, err := fixtures.LoadExpected(c.input + "/" + unit)
					if err != nil {
						t.Fatal(err)
					}
					if want.Period != c.period {
						t.Fatalf("expected.json is for %s, the run for %s", want.Period, c.period)
					}
					base := filepath.Join(out, want.Unit+"_2026_"+c.period)
					rec := checkRegionJSON(t, base+".json", want)
					checkRegionWorkbook(t, base+".xlsx", want, rec)
					checkRegionPDF(t, base+".pdf", want)
				})
			}
		})
	}
}

// checkRegionJSON compares the report as data (--format json) with
// expected.json and returns its reconciliation, whose labels name the
// workbook's rows.
func checkRegionJSON(t *testing.T, path string, want *fixtures.Expected) report.Reconciliation {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Economy        report.Economy        `json:"economy"`
		Operating      report.Operating      `json:"operating"`
		Reconciliation report.Reconciliation `json:"reconciliation"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Operating.Lines) != len(want.Operating.Lines) {
		t.Fatalf("%d lines, want %d", len(r.Operating.Lines), len(want.Operating.Lines))
	}
	for i, wl := range want.Operating.Lines {
		g := r.Operating.Lines[i]
		if g.Line != wl.Line || g.AnnualBudget != wl.AnnualBudget || g.BudgetAcc != wl.BudgetAcc || g.OutcomeAcc != wl.OutcomeAcc ||
			g.DeviationAcc != wl.DeviationAcc || g.Prognosis != wl.Prognosis || g.PrognosisDeviation != wl.PrognosisDeviation {
			t.Errorf("line %d = %+v, want %+v", i, g, wl)
		}
	}
	if n, w := r.Operating.Net, want.Operating.Net; n.OutcomeAcc != w.OutcomeAcc || n.BudgetAcc != w.BudgetAcc || n.Prognosis != w.Prognosis {
		t.Errorf("net = %+v, want %+v", n, w)
	}
	if e := r.Economy; e.PeriodResult != want.Economy.PeriodResult || e.AccumulatedBudgetDeviation != want.Economy.AccumulatedBudgetDeviation ||
		e.InvestmentPrognosisDeviation != want.Economy.InvestmentPrognosisDeviation {
		t.Errorf("table 3 = %+v, want %+v", e, want.Economy)
	}
	rec, wr := r.Reconciliation, want.Reconciliation
	if rec.RowsRead != wr.RowsRead || rec.RowsSummed != wr.RowsSummed || rec.LedgerTotal != wr.LedgerTotal {
		t.Errorf("reconciliation counts %d/%d/%v, want %d/%d/%v", rec.RowsRead, rec.RowsSummed, rec.LedgerTotal, wr.RowsRead, wr.RowsSummed, wr.LedgerTotal)
	}
	for _, p := range regionParts(&rec, want) {
		if p.got == nil || p.got.Rows != p.want.Rows || p.got.Amount != p.want.Amount {
			t.Errorf("reconciliation part %+v, want %+v", p.got, p.want)
		}
	}
	if !rec.Balanced() {
		t.Errorf("reconciliation off by %v", rec.Difference)
	}
	return rec
}

type regionPart struct {
	got  *report.ReconPart
	want *fixtures.ExpectedPart
}

// regionParts pairs the reconciliation's parts with expected.json's: the
// parts every report has, those of periods 00 and 13 where the export has
// them, and the other units' rows.
func regionParts(rec *report.Reconciliation, want *fixtures.Expected) []regionPart {
	wr := &want.Reconciliation
	ps := []regionPart{{&rec.BalanceSheet, &wr.BalanceSheet}, {&rec.OtherYears, &wr.OtherYears}, {&rec.LaterMonths, &wr.LaterMonths},
		{rec.OtherUnits, wr.OtherUnits}, {rec.NoUnit, wr.NoUnit}}
	for _, p := range []regionPart{{&rec.Opening, &wr.Opening}, {&rec.Closing, &wr.Closing}, {&rec.ClosingIncluded, &wr.ClosingIncluded}} {
		if p.want.Rows > 0 || p.got.Rows > 0 {
			ps = append(ps, p)
		}
	}
	return ps
}

// checkRegionWorkbook reads tables 3–5 and Kontroll back from the
// workbook's cells (the cached values of formulas, as a reader without a
// calculation engine sees them) and compares them with expected.json.
func checkRegionWorkbook(t *testing.T, path string, want *fixtures.Expected, rec report.Reconciliation) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const headerRow = 4
	cellOre := func(sheet, cell string, unit money.Unit) (money.Amount, bool) {
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil || v == "" {
			return 0, false
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("%s!%s: %q is not a number", sheet, cell, v)
		}
		a, err := money.FromFloat(x, unit)
		if err != nil {
			t.Fatal(err)
		}
		return a, true
	}
	eq := func(sheet string, col, row int, want *money.Amount, unit money.Unit) {
		t.Helper()
		cell, _ := excelize.CoordinatesToCellName(col, row)
		got, ok := cellOre(sheet, cell, unit)
		switch {
		case want == nil && ok:
			t.Errorf("%s!%s = %d öre, want empty", sheet, cell, got)
		case want != nil && !ok:
			t.Errorf("%s!%s is empty, want %d öre", sheet, cell, *want)
		case want != nil && got != *want:
			t.Errorf("%s!%s = %d öre, want %d", sheet, cell, got, *want)
		}
	}
	rowOf := func(sheet, label string) int {
		t.Helper()
		rows, _ := f.GetRows(sheet)
		for i, r := range rows {
			if i >= headerRow && len(r) > 0 && r[0] == label {
				return i + 1
			}
		}
		t.Fatalf("%s: no row %q", sheet, label)
		return 0
	}
	const t3, t4, t5, ctl = "Tabell 3 Ekonomi", "Tabell 4 Driftbudget", "Tabell 5 Investeringsbudget", "Kontroll"
	// Columns by their headers: the annual report shows the year's
	// outcome once (SPEC 12.1).
	columns := func(sheet string) map[string]int {
		header, _ := f.GetRows(sheet)
		col := map[string]int{}
		if len(header) >= headerRow {
			for i, h := range header[headerRow-1] {
				col[h] = i + 1
			}
		}
		return col
	}
	annual := want.Period == "ÅR"
	col := columns(t4)
	for _, l := range append(want.Operating.Lines, want.Operating.Net) {
		row := rowOf(t4, l.Line)
		figures := map[string]*money.Amount{"Årsbudget": &l.AnnualBudget, "Budget ack": &l.BudgetAcc, "Utfall ack": &l.OutcomeAcc,
			"Avvikelse ack": &l.DeviationAcc, "Årsprognos": &l.Prognosis, "Prognosavvikelse": &l.PrognosisDeviation, "Utfall ack föregående år": l.PriorYearAcc}
		if annual {
			figures = map[string]*money.Amount{"Årsbudget": &l.AnnualBudget, "Utfall": &l.OutcomeAcc, "Avvikelse": &l.PrognosisDeviation, "Utfall föregående år": l.PriorYearAcc}
		}
		for h, a := range figures {
			if col[h] == 0 {
				t.Errorf("%s has no column %q", t4, h)
				continue
			}
			eq(t4, col[h], row, a, money.UnitMnkr)
		}
	}
	e := want.Economy
	t3figures := []money.Amount{e.PeriodResult, e.AccumulatedBudgetDeviation, e.PrognosisBudgetDeviation, e.InvestmentPrognosisDeviation}
	if annual {
		t3figures = []money.Amount{e.PeriodResult, e.PrognosisBudgetDeviation, e.InvestmentPrognosisDeviation}
	}
	for i, a := range t3figures {
		eq(t3, 2, headerRow+1+i, &a, money.UnitMnkr)
	}
	col = columns(t5)
	for _, in := range want.Investments {
		row := rowOf(t5, in.Name)
		if annual {
			eq(t5, col["Utfall "+strconv.Itoa(want.Year)], row, in.Prognosis, money.UnitMnkr)
		} else {
			eq(t5, col["Ackumulerad förbrukning"], row, in.Spent, money.UnitMnkr)
			eq(t5, col["Prognos"], row, in.Prognosis, money.UnitMnkr)
		}
		eq(t5, col["Avvikelse"], row, in.Deviation, money.UnitMnkr)
	}
	for _, p := range regionParts(&rec, want) {
		if p.got == nil {
			continue // reported with the data
		}
		row := rowOf(ctl, p.got.Label)
		if got, _ := f.GetCellValue(ctl, "B"+strconv.Itoa(row), excelize.Options{RawCellValue: true}); got != strconv.Itoa(p.want.Rows) {
			t.Errorf("Kontroll %s = %s rows, want %d", p.got.Label, got, p.want.Rows)
		}
		eq(ctl, 3, row, &p.want.Amount, money.UnitKr)
	}
	eq(ctl, 3, rowOf(ctl, "Huvudbokens summa (alla summerade rader)"), &want.Reconciliation.LedgerTotal, money.UnitKr)
	eq(ctl, 3, rowOf(ctl, "Summa delar"), &want.Reconciliation.LedgerTotal, money.UnitKr)
	if got, _ := f.GetCellValue(ctl, "C"+strconv.Itoa(rowOf(ctl, "Kontroll"))); got != "OK" {
		t.Errorf("Kontroll check cell = %q, want OK", got)
	}
}

// checkRegionPDF finds table 4 in the PDF's text and compares every row's
// figures, as displayed in mnkr, with expected.json's.
func checkRegionPDF(t *testing.T, path string, want *fixtures.Expected) {
	t.Helper()
	text := tool(t, "pdftotext", "-layout", path, "-")
	_, table, ok := strings.Cut(text, "Tabell 4 ")
	if !ok {
		t.Fatal("the PDF has no table 4")
	}
	columns := regexp.MustCompile(`\s{2,}`)
	for _, l := range append(want.Operating.Lines, want.Operating.Net) {
		wantFigures := []string{}
		figures := []*money.Amount{&l.AnnualBudget, &l.BudgetAcc, &l.OutcomeAcc, &l.DeviationAcc, &l.Prognosis, &l.PrognosisDeviation, l.PriorYearAcc}
		if want.Period == "ÅR" {
			// The annual report shows the year's outcome once (SPEC 12.1):
			// Årsbudget, Utfall, Avvikelse, Utfall föregående år.
			figures = []*money.Amount{&l.AnnualBudget, &l.OutcomeAcc, &l.PrognosisDeviation, l.PriorYearAcc}
		}
		for _, a := range figures {
			if a != nil {
				// pdftotext reads the no-break space between thousands
				// back as a plain space.
				wantFigures = append(wantFigures, strings.ReplaceAll(a.FormatMnkr(), "\u00a0", " "))
			}
		}
		var got []string
		for _, line := range strings.Split(table, "\n") {
			// A label may wrap at 8,5 pt ("Övriga" above "driftskostnader"):
			// the figures stand on the line of its first words.
			fields := columns.Split(strings.TrimSpace(line), -1)
			wrapped := strings.HasPrefix(l.Line, fields[0]+" ") && len(fields) > len(wantFigures)
			if fields[0] == l.Line || wrapped {
				got = fields[1:]
				break
			}
		}
		if len(got) < len(wantFigures) || strings.Join(got[:len(wantFigures)], "|") != strings.Join(wantFigures, "|") {
			t.Errorf("PDF table 4 %s: %q, want %q", l.Line, got, wantFigures)
		}
	}
}
