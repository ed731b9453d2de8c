package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/report"
	"rapport/report/money"
)

// The conformance tests run the program as a user does on an input it was
// never tuned on: another unit, organisation and year (2027), other goals,
// monthly periods, its own investments. Every expected figure below is
// worked out by hand from the postings and budget rows of norrbyFolder, in
// the comments beside it; nothing is copied from the program's output.

const (
	norrbyUnit = "Samhällsbyggnadsnämnden"
	norrbyOrg  = "Region Norrby"
)

// norrbyLedger is the unit's export: 2027 (the report year), 2026 (the
// prior year) and one row of 2025. Revenues are credit (negative).
var norrbyLedger = []string{
	"3010;;202701;-12000000,00",
	"3010;;202703;-3000050,50",
	"3010;;202711;-500000",
	"4010;;202701;5000000",
	"4010;;202702;5000000",
	"4010;;202705;6000025,25",
	"4010;;202712;100000",
	"5010;;202702;2000000",
	"5010;;202709;1500000",
	"6010;;202704;700075,75",
	"8010;;202706;25000",
	"1220;P9;202703;4000000",
	// Zero postings on the depot in the months with no other posting: a
	// ledger with a month missing between months that have postings is
	// refused (SPEC 15); these move no figure, only the row counts.
	"1220;P9;202707;0",
	"1220;P9;202708;0",
	"1220;P9;202710;0",
	"3010;;202602;-10000000",
	"4010;;202601;9000000",
	"5010;;202610;1000000",
	"4010;;202512;123400",
}

// sheetRows is one sheet of a hand-made underlag.xlsx: its rows from A1.
type sheetRows struct {
	name string
	rows [][]any
}

// norrbySheets is the unit's underlag.xlsx. settings are extra key/value
// rows of Inställningar.
func norrbySheets(settings ...[]any) []sheetRows {
	months := make([]any, 12)
	for i := range months {
		months[i] = -10000000 // Personalkostnader: −10 mnkr a month
	}
	inst := [][]any{{"Inställning", "Värde"}, {"Enhet", norrbyUnit}, {"Organisation", norrbyOrg}, {"År", 2027}}
	inst = append(inst, settings...)
	return []sheetRows{
		{"Inställningar", inst},
		{"Mål", [][]any{
			{"Nr", "Fokusområde", "Regionfullmäktiges mål", "Regionstyrelsens mål"},
			{1, "Trygghet i vardagen", "Norrby ska vara tryggt", "Nämnden ska halvera trafikolyckorna"},
			{nil, "Trygghet i vardagen", "Ingen ska vänta på bygglov", nil},
			{2, "Hållbar utveckling", "Norrby ska vara klimatneutralt", "Nämnden ska minska sina utsläpp"},
		}},
		{"Målbedömning", [][]any{
			{"Nr", "Period", "Bedömning", "Analys"},
			{1, "M02", "Prognosen är osäker", "Trafiken har ökat."},
			{1, "UR1", "Helt uppfyllt", "Olyckorna har minskat."},
			{2, "UR1", "Prognosen ser negativ ut", "Utsläppen har ökat."},
			{1, "ÅR", "Uppfyllt", "Olyckorna halverades."},
			{2, "ÅR", "Delvis uppfyllt", "Utsläppen minskade något."},
		}},
		{"Driftbudget", [][]any{
			append([]any{"Rad", "Årsbudget"}, "Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"),
			{"Intäkter", 60000000},
			append([]any{"Personalkostnader", -120000000}, months...),
			{"Övriga driftskostnader", "25 000 000,10"}, // a cost entered positive
		}},
		{"Prognos", [][]any{
			{"Period", "Rad", "Årsprognos"},
			{"UR1", "Intäkter", 62000000},
			{"UR1", "Personalkostnader", -125000000},
			{"UR1", "Övriga driftskostnader", -26000000},
			{"2027-08", "Intäkter", 61000000},
			{"2027-08", "Personalkostnader", -121000000},
			{"2027-08", "Övriga driftskostnader", -25500000},
		}},
		{"Investeringar", [][]any{
			{"Grupp", "Investering", "Projekt", "Total budget", "2027", "2028", "2029", "Period", "Ackumulerad förbrukning", "Prognos", "Kommentar"},
			{"Redan beslutade investeringar", "Ombyggnad av depån", "P9", 20000000, 8000000, 12000000, 0, "UR1", 4000000, 7000000, "Upphandlingen blev försenad."},
			{"Reinvesteringar", "Fordon", nil, 5000000, 5000000, 0, 0, "UR1", 1000000, 5200000, "Högre priser än beräknat."},
		}},
		{"Indikatorer", [][]any{
			{"Indikator", "Period", "Värde"},
			{"Sjukfrånvaro", "2027-01", 6.0},
			{"Sjukfrånvaro", "2027-02", 5.0},
			{"Sjukfrånvaro", "2027-03", 4.0},
			{"Sjukfrånvaro", "2027-04", 5.0},
			{"Personalomsättning", "2027-04", 9.0},
		}},
	}
}

// writeWorkbook writes sheets as an xlsx file.
func writeWorkbook(t *testing.T, path string, sheets []sheetRows) {
	t.Helper()
	f := excelize.NewFile()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			if err := f.SetSheetRow(s.name, fmt.Sprintf("A%d", r+1), &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// norrbyFolder writes the unit's input folder and returns it.
func norrbyFolder(t *testing.T, settings ...[]any) string {
	t.Helper()
	dir := t.TempDir()
	writeWorkbook(t, filepath.Join(dir, "underlag.xlsx"), norrbySheets(settings...))
	csv := "Konto;Projekt;Period;Belopp\n" + strings.Join(norrbyLedger, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(dir, "huvudbok.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readReport reads a report written with --format json.
func readReport(t *testing.T, path string) *report.Report {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r report.Report
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// kr parses a Swedish amount of the tests' expectations.
func kr(t *testing.T, s string) money.Amount {
	t.Helper()
	a, err := money.Parse(s, money.UnitKr)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return a
}

// line finds a line of table 4 by name.
func findLine(t *testing.T, r *report.Report, name string) report.OperatingLine {
	t.Helper()
	if name == "Netto" {
		return r.Operating.Net
	}
	if nb := r.Operating.NetBeforeFunding; nb != nil && nb.Line == name {
		return *nb
	}
	for _, l := range r.Operating.Lines {
		if l.Line == name {
			return l
		}
	}
	t.Fatalf("%s %s: no line %q", r.Unit, r.Period.Code, name)
	return report.OperatingLine{}
}

// wantLine is a line of table 4 as worked out by hand, in kr; prior ""
// means no prior year.
type wantLine struct {
	line                                                             string
	annual, budgetAcc, outcomeAcc, devAcc, prognosis, progDev, prior string
}

func checkLines(t *testing.T, r *report.Report, want []wantLine) {
	t.Helper()
	for _, w := range want {
		got := findLine(t, r, w.line)
		fields := []struct {
			name string
			got  money.Amount
			want string
		}{
			{"Årsbudget", got.AnnualBudget, w.annual}, {"Budget ack", got.BudgetAcc, w.budgetAcc},
			{"Utfall ack", got.OutcomeAcc, w.outcomeAcc}, {"Avvikelse ack", got.DeviationAcc, w.devAcc},
			{"Årsprognos", got.Prognosis, w.prognosis}, {"Prognosavvikelse", got.PrognosisDeviation, w.progDev},
		}
		for _, f := range fields {
			if f.got != kr(t, f.want) {
				t.Errorf("%s %s %s = %s kr, want %s", r.Period.Code, w.line, f.name, f.got.FormatKr(), f.want)
			}
		}
		switch {
		case w.prior == "" && got.PriorYearAcc != nil:
			t.Errorf("%s %s: prior year %s, want none", r.Period.Code, w.line, got.PriorYearAcc.FormatKr())
		case w.prior != "" && (got.PriorYearAcc == nil || *got.PriorYearAcc != kr(t, w.prior)):
			t.Errorf("%s %s: prior year %v, want %s", r.Period.Code, w.line, got.PriorYearAcc, w.prior)
		}
	}
}

// TestConformanceOtherUnitAndYear runs --period all on a unit, an
// organisation and a year the program was never tuned on, and checks the
// figures of SPEC 3 to the öre, the file names of SPEC 4 and the period
// words of SPEC 7.1.
func TestConformanceOtherUnitAndYear(t *testing.T) {
	dir := norrbyFolder(t)
	out := t.TempDir()
	code, _, stderr := runCmd(t, "generate", "--in", dir, "--out", out, "--period", "all", "--format", "pdf,xlsx,json", "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// SPEC 4: U_Y_P.pdf and U_Y_P.xlsx, for every period the ledger
	// reaches (it has a row of December 2027): the whole calendar.
	var want []string
	for _, p := range []string{"M02", "M10", "UR1", "UR2", "ÅR"} {
		for _, ext := range []string{"json", "pdf", "xlsx"} {
			want = append(want, norrbyUnit+"_2027_"+p+"."+ext)
		}
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			got = append(got, e.Name())
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("files\n got  %v\n want %v", got, want)
	}

	ur1 := readReport(t, filepath.Join(out, norrbyUnit+"_2027_UR1.json"))
	if ur1.Unit != norrbyUnit || ur1.Organisation != norrbyOrg || ur1.Year != 2027 || ur1.Month.String() != "2027-04" {
		t.Errorf("UR1 is %q %q %d %s", ur1.Unit, ur1.Organisation, ur1.Year, ur1.Month)
	}
	// UR1, months 1–4 of 2027; prior year months 1–4 of 2026.
	checkLines(t, ur1, []wantLine{
		// −(−12 000 000 − 3 000 050,50); 60 000 000 × 4/12; prognosis of UR1.
		{"Intäkter", "60000000", "20000000", "15000050,50", "-4999949,50", "62000000", "2000000", "10000000"},
		// −(5 000 000 + 5 000 000); four monthly keys of −10 000 000.
		{"Personalkostnader", "-120000000", "-40000000", "-10000000", "30000000", "-125000000", "-5000000", "-9000000"},
		// −(2 000 000 + 700 075,75); −25 000 000,10 × 4/12 = −8 333 333,366… → −8 333 333,37.
		{"Övriga driftskostnader", "-25000000,10", "-8333333,37", "-2700075,75", "5633257,62", "-26000000", "-999999,90", "0"},
		{"Netto", "-85000000,10", "-28333333,37", "2299974,75", "30633308,12", "-89000000", "-3999999,90", "1000000"},
	})
	if len(ur1.Operating.Lines) != 3 {
		t.Errorf("UR1 has %d lines; Finansiella poster has no figure through April", len(ur1.Operating.Lines))
	}
	// Table 3; investments: (8 000 000 − 7 000 000) + (5 000 000 − 5 200 000).
	e := ur1.Economy
	for _, f := range []struct {
		name string
		got  money.Amount
		want string
	}{
		{"Periodresultat", e.PeriodResult, "2299974,75"},
		{"Ackumulerad budgetavvikelse", e.AccumulatedBudgetDeviation, "30633308,12"},
		{"Prognos budgetavvikelse", e.PrognosisBudgetDeviation, "-3999999,90"},
		{"Prognos investeringsbudgetavvikelse", e.InvestmentPrognosisDeviation, "800000"},
	} {
		if f.got != kr(t, f.want) {
			t.Errorf("UR1 %s = %s, want %s", f.name, f.got.FormatKr(), f.want)
		}
	}
	// Finansiella poster has no figure through April and is left out of
	// table 4, so no warning may speak of it.
	for _, p := range ur1.Problems {
		if strings.Contains(p.String(), "Finansiella poster") {
			t.Errorf("UR1 warns of a line it does not show: %s", p)
		}
	}
	// The depot's spend is the ledger's balance-sheet sum for P9.
	if s := ur1.Investment.Groups[0].Rows[0].Spent; s == nil || *s != kr(t, "4000000") {
		t.Errorf("UR1 spend of the depot = %v, want 4 000 000", s)
	}
	// SPEC 4: the ledger total is the parts' sum, to the öre: every row
	// of the export, 2025–2027, once.
	rec := ur1.Reconciliation
	var total money.Amount
	for _, row := range norrbyLedger {
		total += kr(t, row[strings.LastIndex(row, ";")+1:])
	}
	if rec.LedgerTotal != total || rec.Difference != 0 || rec.RowsRead != len(norrbyLedger) {
		t.Errorf("reconciliation total %s, difference %s, rows %d; want %s, 0, %d",
			rec.LedgerTotal.FormatKr(), rec.Difference.FormatKr(), rec.RowsRead, total.FormatKr(), len(norrbyLedger))
	}
	// Later months of 2027: −500 000 + 6 000 025,25 + 100 000 + 1 500 000 + 25 000,
	// and the three zero postings of July, August and October.
	if rec.LaterMonths.Amount != kr(t, "7125025,25") || rec.LaterMonths.Rows != 8 {
		t.Errorf("later months %d rows %s", rec.LaterMonths.Rows, rec.LaterMonths.Amount.FormatKr())
	}

	// UR2 has Finansiella poster (−25 000 in June) and the August prognosis.
	ur2 := readReport(t, filepath.Join(out, norrbyUnit+"_2027_UR2.json"))
	checkLines(t, ur2, []wantLine{
		{"Personalkostnader", "-120000000", "-80000000", "-16000025,25", "63999974,75", "-121000000", "-1000000", "-9000000"},
		{"Finansiella poster", "0", "0", "-25000", "-25000", "0", "0", "0"},
	})

	// ÅR: the prognosis is the outcome (SPEC 1 and 3).
	ar := readReport(t, filepath.Join(out, norrbyUnit+"_2027_ÅR.json"))
	if ar.Period.Kind.String() != "årsredovisning" || !ar.Operating.PrognosisIsOutcome {
		t.Errorf("ÅR kind %s, prognosis is outcome %v", ar.Period.Kind, ar.Operating.PrognosisIsOutcome)
	}
	checkLines(t, ar, []wantLine{
		// −(−12 000 000 − 3 000 050,50 − 500 000), all of 2027.
		{"Intäkter", "60000000", "60000000", "15500050,50", "-44499949,50", "15500050,50", "-44499949,50", "10000000"},
		// −(5 000 000 + 5 000 000 + 6 000 025,25 + 100 000); prior: 2026 in full.
		{"Personalkostnader", "-120000000", "-120000000", "-16100025,25", "103899974,75", "-16100025,25", "103899974,75", "-9000000"},
		{"Övriga driftskostnader", "-25000000,10", "-25000000,10", "-4200075,75", "20799924,35", "-4200075,75", "20799924,35", "-1000000"},
	})

	// The workbook holds the same figures as numbers in mnkr; sums and
	// deviations are formulas whose cached values are right.
	wb, err := excelize.OpenFile(filepath.Join(out, norrbyUnit+"_2027_UR1.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	cell := func(sheet, label string, col int) string {
		rows, err := wb.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			if len(row) > col && row[0] == label {
				return row[col]
			}
		}
		t.Fatalf("%s: no row %q", sheet, label)
		return ""
	}
	for _, c := range []struct {
		sheet, label string
		col          int
		want         string
	}{
		{"Tabell 4 Driftbudget", "Intäkter", 3, "15.0000505"},
		{"Tabell 4 Driftbudget", "Övriga driftskostnader", 2, "-8.33333337"},
		{"Tabell 4 Driftbudget", "Netto", 3, "2.29997475"},
		{"Tabell 4 Driftbudget", "Netto", 4, "30.63330812"},
		{"Tabell 3 Ekonomi", "Periodresultat", 1, "2.29997475"},
		{"Tabell 3 Ekonomi", "Prognos investeringsbudgetavvikelse", 1, "0.8"},
	} {
		// A sum or difference is a formula whose cached value is what
		// Excel computes, in binary floating point: 1,0 + −0,2 caches
		// 0,7999999999999998. Equal to the öre, ten decimals of mnkr.
		got := cell(c.sheet, c.label, c.col)
		g, err1 := strconv.ParseFloat(got, 64)
		w, err2 := strconv.ParseFloat(c.want, 64)
		if err1 != nil || err2 != nil || math.Abs(g-w) > 1e-10 {
			t.Errorf("%s %s column %d = %s, want %s", c.sheet, c.label, c.col, got, c.want)
		}
	}

	// The PDF says the figures in mnkr, the plan's captions with the
	// unit's name, and the period's words whatever synonym the input used.
	text := func(p string) string {
		return squash(tool(t, "pdftotext", "-layout", filepath.Join(out, norrbyUnit+"_2027_"+p+".pdf"), "-"))
	}
	for _, c := range []struct {
		period      string
		want, never []string
	}{
		{"UR1", []string{
			"Tabell 3 Samhällsbyggnadsnämndens kvalitetsindikatorer för Ekonomi",
			"Tabell 4 Samhällsbyggnadsnämndens driftbudget, redovisas i mnkr",
			"Periodresultat 2,3", "Ackumulerad budgetavvikelse 30,6", "Prognos budgetavvikelse −4,0", "Prognos investeringsbudgetavvikelse 0,8",
			"Netto −85,0 −28,3 2,3 30,6 −89,0 −4,0 1,0",
			"Bedöms uppfyllas", "Bedöms inte uppfyllas", "Sida 1 av", "Region Norrby",
			// A positive net for the period, a net cost for the year: each
			// figure has its word, and the change of word is said (SPEC 7.5).
			"Resultatet för perioden januari–april 2027 är 2,3 mnkr", "För helåret är prognosen i stället en nettokostnad på 89,0 mnkr",
		}, []string{"Helt uppfyllt", "Prognosen ser negativ ut", "Regionstyrelsens driftbudget", "Prognosen för helårets nettokostnad"}},
		{"ÅR", []string{"Uppfyllt", "Delvis uppfyllt", "Årsredovisning 2027"},
			[]string{"Bedöms uppfyllas", "Bedöms delvis uppfyllas", "Prognosen för helårets"}},
	} {
		txt := text(c.period)
		for _, w := range c.want {
			if !strings.Contains(txt, w) {
				t.Errorf("%s PDF lacks %q", c.period, w)
			}
		}
		for _, w := range c.never {
			if strings.Contains(txt, w) {
				t.Errorf("%s PDF has %q", c.period, w)
			}
		}
	}
}

// TestWrongInputMessages runs the program as a user who got something
// wrong: each message is Swedish, says what is wrong and what to do, and
// comes with the documented exit code (SPEC 5).
func TestWrongInputMessages(t *testing.T) {
	in := norrbyFolder(t)
	tmp := t.TempDir()
	aFile := filepath.Join(tmp, "rapporter.txt")
	if err := os.WriteFile(aFile, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want []string // all in stderr
		// never: not in stderr
		never []string
	}{
		{"out is a file", []string{"generate", "--in", in, "--out", aFile},
			exitUsage, []string{"--out " + aFile + " är en fil, inte en mapp", "ange mappen"}, nil},
		{"out below a file", []string{"generate", "--in", in, "--period", "UR1", "--out", filepath.Join(aFile, "ut")},
			exitFailure, []string{"kan inte skapa mappen", "en del av sökvägen är en fil, inte en mapp"}, nil},
		{"in is a file", []string{"generate", "--in", filepath.Join(in, "huvudbok.csv"), "--out", tmp},
			exitUsage, []string{"är en fil, inte en mapp", "--ledger"}, nil},
		{"in is missing", []string{"validate", "--in", filepath.Join(tmp, "saknas")},
			exitUsage, []string{"mappen finns inte"}, nil},
		{"unknown period", []string{"generate", "--in", in, "--period", "UR3", "--out", tmp},
			exitUsage, []string{`--period "UR3"`, "ange M01–M12, UR1, UR2, ÅR"}, nil},
		{"month 13", []string{"generate", "--in", in, "--period", "M13", "--out", tmp},
			exitUsage, []string{`--period "M13"`}, nil},
		{"unknown format", []string{"generate", "--in", in, "--format", "pdf,docx", "--out", tmp},
			exitUsage, []string{`--format "docx"`, "ange pdf, xlsx"}, nil},
		{"year without data", []string{"generate", "--in", in, "--year", "2030", "--period", "UR1", "--out", tmp},
			exitInvalid, []string{"underlaget gäller 2027, men körningen gäller 2030"}, nil},
		{"period due in January is last year's ÅR", []string{"generate", "--in", in, "--period", "due", "--date", "2027-01-12", "--out", tmp},
			exitInvalid, []string{"underlaget gäller 2027, men körningen gäller 2026"}, nil},
		// The example's År is 2026 and its ledger ends in October 2026:
		// the one error is the year; a check of 2026's ÅR against the
		// ledger would be about a report nobody asked for.
		{"period due in January on the example", []string{"generate", "--period", "due", "--date", "2026-01-10", "--out", tmp},
			exitInvalid, []string{"underlaget gäller 2026, men körningen gäller 2025"}, []string{"Årsredovisning 2026", "Fel (2)"}},
		{"flag without value", []string{"generate", "--in", in, "--period"},
			exitUsage, []string{"flaggan --period behöver ett värde"}, nil},
		{"year not a number", []string{"generate", "--year", "tjugotjugosju"},
			exitUsage, []string{"ange ett heltal"}, nil},
	}
	// Words of Go's and the operating system's English messages.
	english := []string{"not a directory", "no such file", "invalid argument", "flag provided", "unknown flag", "permission denied"}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s", code, tc.code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			for _, w := range tc.never {
				if strings.Contains(stderr, w) {
					t.Errorf("stderr has %q:\n%s", w, stderr)
				}
			}
			for _, w := range english {
				if strings.Contains(strings.ToLower(stderr), w) {
					t.Errorf("stderr has English %q:\n%s", w, stderr)
				}
			}
			if entries, _ := os.ReadDir(tmp); len(entries) != 1 {
				t.Errorf("the failed run wrote into %s: %d entries", tmp, len(entries))
			}
		})
	}
}

// TestConformanceMonthsAndDue asks for single months, which SPEC 1 allows
// for every month, and for the period due on days around the turn of the
// year; each run writes exactly its U_Y_P files with the month's figures.
func TestConformanceMonthsAndDue(t *testing.T) {
	dir := norrbyFolder(t)
	tests := []struct {
		name   string
		args   []string
		period string // the file names' period
		kind   string
		month  string
		// Personalkostnader's Budget ack, Utfall ack and Årsprognos.
		budgetAcc, outcomeAcc, prognosis string
	}{
		// January: one monthly key; no prognosis yet, so the budget stands in.
		{"M01", []string{"--period", "M01"}, "M01", "avvikelse", "2027-01", "-10000000", "-5000000", "-120000000"},
		{"m5 in lower case", []string{"--period", "m5"}, "M05", "avvikelse", "2027-05", "-50000000", "-16000025,25", "-125000000"},
		// A month that is the last of a calendar period is that period's
		// report under its month code: UR1's figures, a deviation report.
		{"M04", []string{"--period", "M04"}, "M04", "avvikelse", "2027-04", "-40000000", "-10000000", "-125000000"},
		// December as a month: the August prognosis, not the outcome.
		{"M12", []string{"--period", "M12"}, "M12", "avvikelse", "2027-12", "-120000000", "-16100025,25", "-121000000"},
		{"AR spelled without ring", []string{"--period", "AR"}, "ÅR", "årsredovisning", "2027-12", "-120000000", "-16100025,25", "-16100025,25"},
		{"due on 5 May", []string{"--period", "due", "--date", "2027-05-05"}, "UR1", "full", "2027-04", "-40000000", "-10000000", "-125000000"},
		{"due on New Year's Eve", []string{"--period", "due", "--date", "2027-12-31"}, "M10", "avvikelse", "2027-10", "-100000000", "-16000025,25", "-121000000"},
		{"due in the next January", []string{"--period", "due", "--date", "2028-01-05"}, "ÅR", "årsredovisning", "2027-12", "-120000000", "-16100025,25", "-16100025,25"},
		{"due on 1 March", []string{"--period", "due", "--date", "2027-03-01"}, "M02", "avvikelse", "2027-02", "-20000000", "-10000000", "-120000000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			args := append([]string{"generate", "--in", dir, "--out", out, "--format", "json,xlsx", "--quiet"}, tc.args...)
			code, _, stderr := runCmd(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			base := norrbyUnit + "_2027_" + tc.period
			entries, _ := os.ReadDir(out)
			var got []string
			for _, e := range entries {
				if !strings.HasPrefix(e.Name(), ".") {
					got = append(got, e.Name())
				}
			}
			if want := base + ".json " + base + ".xlsx"; strings.Join(got, " ") != want {
				t.Fatalf("files %v, want %s", got, want)
			}
			r := readReport(t, filepath.Join(out, base+".json"))
			if r.Period.Kind.String() != tc.kind || r.Month.String() != tc.month {
				t.Errorf("kind %s month %s, want %s %s", r.Period.Kind, r.Month, tc.kind, tc.month)
			}
			l := findLine(t, r, "Personalkostnader")
			if l.BudgetAcc != kr(t, tc.budgetAcc) || l.OutcomeAcc != kr(t, tc.outcomeAcc) || l.Prognosis != kr(t, tc.prognosis) {
				t.Errorf("Personalkostnader budget ack %s, utfall ack %s, prognos %s; want %s, %s, %s",
					l.BudgetAcc.FormatKr(), l.OutcomeAcc.FormatKr(), l.Prognosis.FormatKr(), tc.budgetAcc, tc.outcomeAcc, tc.prognosis)
			}
		})
	}
}

// TestConformanceFunding gives the unit a Regionbidrag (SPEC 7.5): table 4
// gets the row after Finansiella poster, budget and outcome = funding ×
// m/12 to the öre, and Netto is the result after funding.
func TestConformanceFunding(t *testing.T) {
	dir := norrbyFolder(t, []any{"Regionbidrag", "91 000 000,01"})
	out := t.TempDir()
	code, _, stderr := runCmd(t, "generate", "--in", dir, "--out", out, "--period", "UR2", "--format", "json,pdf", "--quiet")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	r := readReport(t, filepath.Join(out, norrbyUnit+"_2027_UR2.json"))
	var names []string
	for _, l := range r.Operating.Lines {
		names = append(names, l.Line)
	}
	if got := strings.Join(names, ", "); got != "Intäkter, Personalkostnader, Övriga driftskostnader, Finansiella poster, Regionbidrag" {
		t.Errorf("lines %s", got)
	}
	checkLines(t, r, []wantLine{
		// 91 000 000,01 × 8/12 = 60 666 666,6733… → 60 666 666,67; no prior year.
		{"Regionbidrag", "91000000,01", "60666666,67", "60666666,67", "0", "91000000,01", "0", ""},
		// Without funding: budget ack 40 000 000 − 80 000 000 − 16 666 666,73
		// = −56 666 666,73; outcome 15 000 050,50 − 16 000 025,25 −
		// 2 700 075,75 − 25 000 = −3 725 050,50; prognosis 61 − 121 − 25,5
		// mnkr + 91 000 000,01 = 5 500 000,01.
		// SPEC 12.2: the funding has no prior year, so Netto after it has
		// none either; the lines before it carry it.
		{"Netto", "5999999,91", "3999999,94", "56941616,17", "52941616,23", "5500000,01", "-499999,90", ""},
		{"Netto före regionbidrag", "-85000000,10", "-56666666,73", "-3725050,50", "52941616,23", "-85500000", "-499999,90", "1000000"},
	})
	if !r.NetIsResult || r.Economy.PeriodResult != kr(t, "56941616,17") {
		t.Errorf("net is result %v, Periodresultat %s", r.NetIsResult, r.Economy.PeriodResult.FormatKr())
	}
	text := squash(tool(t, "pdftotext", "-layout", filepath.Join(out, norrbyUnit+"_2027_UR2.pdf"), "-"))
	for _, w := range []string{"Resultatet för perioden januari–augusti 2027 är 56,9 mnkr", "Regionbidrag 91,0 60,7 60,7 0,0 91,0 0,0",
		"Netto före −85,0 −56,7 −3,7 52,9 −85,5 −0,5 1,0 −472,5 regionbidrag Netto 6,0 4,0 56,9 52,9 5,5 −0,5 – –", "inte en bokföring"} {
		if !strings.Contains(text, w) {
			t.Errorf("PDF lacks %q in\n%s", w, text)
		}
	}
	if strings.Contains(text, "Nettokostnaden") {
		t.Error("a result after funding is called a net cost")
	}
}
