package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"rapport/fixtures/testkit"
	"rapport/layouts"
	"rapport/layouts/doc"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

func amt(kr float64) money.Amount { return money.Amount(math.Round(kr * 100)) }

func ptrAmt(a money.Amount) *money.Amount { return &a }

func ptrF(v float64) *float64 { return &v }

// line builds a table-4 line the way Compute does.
func line(name string, annual, budgetAcc, outcome, prognosis money.Amount, prior *money.Amount) report.OperatingLine {
	l := report.OperatingLine{Line: name, AnnualBudget: annual, BudgetAcc: budgetAcc, OutcomeAcc: outcome,
		DeviationAcc: outcome - budgetAcc, Prognosis: prognosis, PrognosisDeviation: prognosis - annual, PriorYearAcc: prior}
	if prior != nil && *prior != 0 {
		v := (float64(outcome)/float64(*prior) - 1) * 100
		l.CostDevelopment = &v
	}
	return l
}

func netOf(lines []report.OperatingLine) report.OperatingLine {
	n := report.OperatingLine{Line: "Netto"}
	var prior *money.Amount
	for _, l := range lines {
		n.AnnualBudget += l.AnnualBudget
		n.BudgetAcc += l.BudgetAcc
		n.OutcomeAcc += l.OutcomeAcc
		n.DeviationAcc += l.DeviationAcc
		n.Prognosis += l.Prognosis
		n.PrognosisDeviation += l.PrognosisDeviation
		if l.PriorYearAcc != nil {
			if prior == nil {
				prior = new(money.Amount)
			}
			*prior += *l.PriorYearAcc
		}
	}
	n.PriorYearAcc = prior
	return n
}

func investment(name, project string, total money.Amount, years []money.Amount, spent, prognosis *money.Amount, comment string) report.InvestmentRow {
	row := report.InvestmentRow{Name: name, Project: project, TotalBudget: total, PlanYears: years,
		Spent: spent, Prognosis: prognosis, Comment: comment, SpentFromLedger: project != ""}
	if prognosis != nil {
		d := years[0] - *prognosis
		row.Deviation = &d
	}
	return row
}

func sumRows(name string, rows []report.InvestmentRow, n int) report.InvestmentRow {
	s := report.InvestmentRow{Name: name, PlanYears: make([]money.Amount, n)}
	add := func(a, b *money.Amount) *money.Amount {
		if b == nil {
			return a
		}
		v := *b
		if a != nil {
			v += *a
		}
		return &v
	}
	for _, r := range rows {
		s.TotalBudget += r.TotalBudget
		for i := range s.PlanYears {
			s.PlanYears[i] += r.PlanYears[i]
		}
		s.Spent = add(s.Spent, r.Spent)
		s.Prognosis = add(s.Prognosis, r.Prognosis)
		s.Deviation = add(s.Deviation, r.Deviation)
	}
	return s
}

// sampleReport is a realistic UR1 report for Regionstyrelsen, with öre
// fractions everywhere, an unclassified line, a missing prognosis in table 5
// and input text that looks like formulas.
func sampleReport() *report.Report {
	lines := []report.OperatingLine{
		line("Intäkter", amt(412_345_678.91), amt(137_448_559.64), amt(139_012_345.67), amt(415_000_000.01), ptrAmt(amt(131_987_654.32))),
		line("Personalkostnader", amt(-298_765_432.10), amt(-99_588_477.37), amt(-101_234_567.89), amt(-301_500_000.00), ptrAmt(amt(-95_123_456.78))),
		line("Övriga driftskostnader", amt(-118_580_246.81), amt(-39_526_748.94), amt(-37_001_234.56), amt(-117_250_000.50), ptrAmt(amt(-36_987_654.01))),
		line("Finansiella poster", amt(-1_000_000), amt(-333_333.33), amt(-287_654.32), amt(-950_000), ptrAmt(amt(-301_234.56))),
		line("Ej klassificerat", 0, 0, amt(-12_345.67), 0, ptrAmt(0)),
	}
	years := []int{2026, 2027, 2028}
	g1 := []report.InvestmentRow{
		investment("Bredbandsutbyggnad", "P1001", amt(60_000_000), []money.Amount{amt(20_000_000), amt(20_000_000), amt(20_000_000)},
			ptrAmt(amt(4_123_456.78)), ptrAmt(amt(18_500_000)), "Upphandlingen blev klar i mars; utbyggnaden i norra Halland startar i maj."),
		investment("FVIS", "P1002", amt(12_500_000), []money.Amount{amt(5_000_000), amt(5_000_000), amt(2_500_000)},
			ptrAmt(amt(2_765_432.19)), ptrAmt(amt(5_750_000.25)), "=SUMMA(A1:A2) är inget att räkna med"),
	}
	g2 := []report.InvestmentRow{
		investment("Möbler och utrustning, övrigt", "", amt(3_000_000), []money.Amount{amt(1_000_000), amt(1_000_000), amt(1_000_000)},
			ptrAmt(amt(125_000.5)), nil, ""),
		investment("IT utrustning", "", amt(6_000_000), []money.Amount{amt(2_000_000), amt(2_000_000), amt(2_000_000)},
			ptrAmt(amt(812_345.67)), ptrAmt(amt(2_100_000)), "Datorbyten tidigareläggs."),
	}
	s1 := sumRows("Summa redan beslutade investeringar", g1, 3)
	s2 := sumRows("Summa reinvesteringar", g2, 3)
	total := sumRows("Summa investeringar", []report.InvestmentRow{s1, s2}, 3)

	net := netOf(lines)
	monthly := make([]report.MonthlyOutcome, len(lines))
	for i, l := range lines {
		monthly[i].Line = l.Line
		// Spread the outcome over four months, the remainder in April, so
		// that the months add up to Utfall ack to the öre.
		part := l.OutcomeAcc / 4
		for m := 0; m < 3; m++ {
			monthly[i].ThisYear[m] = part
		}
		monthly[i].ThisYear[3] = l.OutcomeAcc - 3*part
		ppart := *l.PriorYearAcc / 4
		for m := 0; m < 12; m++ {
			monthly[i].PriorYear[m] = ppart + money.Amount(m)
		}
		monthly[i].PriorYear[3] = *l.PriorYearAcc - 3*ppart - 3
	}

	// Two accounts per line and month, in the months that Monthly has
	// through April, of both years.
	var accounts []report.AccountMonth
	for i, mo := range monthly {
		for j := range 2 {
			for y, amounts := range [][12]money.Amount{mo.PriorYear, mo.ThisYear} {
				for m := 0; m < 4; m++ {
					part := amounts[m] / 3
					if j == 1 {
						part = amounts[m] - part
					}
					if part != 0 {
						accounts = append(accounts, report.AccountMonth{Line: mo.Line, Account: strconv.Itoa(3010 + 1000*i + j),
							Month: period.Month{Year: 2025 + y, Month: time.Month(m + 1)}, Amount: part})
					}
				}
			}
		}
	}

	recLines := []report.ReconPart{}
	var sum money.Amount
	for _, l := range lines[:3] {
		recLines = append(recLines, report.ReconPart{Label: l.Line, Rows: 1234, Amount: -l.OutcomeAcc})
		sum -= l.OutcomeAcc
	}
	rec := report.Reconciliation{
		File: "huvudbok.xlsx", RowsRead: 20_107, RowsSummed: 20_100, BlankRows: 5, ErrorRows: 2,
		Lines:        recLines,
		BalanceSheet: report.ReconPart{Label: "Balansräkningskonton (investeringar m.m.)", Rows: 321, Amount: amt(7_888_889.47)},
		OtherYears:   report.ReconPart{Label: "Andra år än 2026", Rows: 12_000, Amount: amt(1_234_567.89)},
		LaterMonths:  report.ReconPart{Label: "Månader efter april", Rows: 0, Amount: 0},
		Unclassified: report.ReconPart{Label: "Ej klassificerat", Rows: 3, Amount: amt(12_345.67)},
	}
	for _, p := range []report.ReconPart{rec.BalanceSheet, rec.OtherYears, rec.LaterMonths, rec.Unclassified} {
		sum += p.Amount
	}
	rec.LedgerTotal = sum

	return &report.Report{
		Organisation: "Region Halland",
		Unit:         "Regionstyrelsen",
		Year:         2026,
		Period:       period.Entry{Code: "UR1", Name: "Uppföljningsrapport 1", LastMonth: time.April, Kind: period.Full},
		Month:        period.Month{Year: 2026, Month: time.April},
		ReportDate:   "2026-05-12",
		DateGiven:    true,
		Example:      true,
		Indicators: []report.IndicatorResult{
			{IndicatorDef: report.IndicatorDef{Name: "Personalomsättning", Unit: "%", Reference: ptrF(8.5), LowerIsBetter: true},
				Value: ptrF(7.9), ValueAt: period.Month{Year: 2026, Month: time.April}, PriorYear: ptrF(8.8), Level: report.Met, Grade: report.GradeBetterThanRef},
			{IndicatorDef: report.IndicatorDef{Name: "Sjukfrånvaro", Unit: "%", Target: ptrF(5.2), LowerIsBetter: true},
				Value: ptrF(5.6), ValueAt: period.Month{Year: 2026, Month: time.March}, PriorYear: ptrF(5.4), Level: report.NotMet, OffTarget: true,
				Grade: report.GradeTargetNotMet},
		},
		Economy: report.Economy{
			PeriodResult:                 net.OutcomeAcc,
			AccumulatedBudgetDeviation:   net.OutcomeAcc - net.BudgetAcc,
			PrognosisBudgetDeviation:     net.Prognosis - net.AnnualBudget,
			InvestmentPrognosisDeviation: *total.Deviation,
		},
		Operating:      report.Operating{Lines: lines, Net: net, PrognosisMonth: period.Month{Year: 2026, Month: time.April}},
		Investment:     report.Investments{Years: years, Groups: []report.InvestmentGroup{{Name: "Redan beslutade investeringar", Rows: g1, Sum: s1}, {Name: "Reinvesteringar", Rows: g2, Sum: s2}}, Total: total},
		Monthly:        monthly,
		Accounts:       accounts,
		Reconciliation: rec,
		Problems: problem.List{{Severity: problem.Warning, File: "underlag.xlsx", Sheet: "Investeringar", Cell: "rad 4",
			Value: "Möbler och utrustning, övrigt", Message: "prognos saknas", Hint: "Fyll i Prognos för året"}},
	}
}

// annualReport is the year-end report: prognosis = outcome, no prior year,
// a unit whose name ends in s, and text that starts like a formula.
func annualReport() *report.Report {
	lines := []report.OperatingLine{
		line("+Intäkter", amt(10_000_000), amt(10_000_000), amt(10_250_000.05), amt(10_250_000.05), nil),
		line("-Personalkostnader", amt(-7_000_000), amt(-7_000_000), amt(-7_100_000.10), amt(-7_100_000.10), nil),
		line("@Övriga driftskostnader", amt(-3_000_000), amt(-3_000_000), amt(-2_900_000.01), amt(-2_900_000.01), nil),
	}
	net := netOf(lines)
	r := &report.Report{
		Organisation: "Kommun & Co",
		Unit:         "Kultur och fritids",
		Year:         2026,
		Period:       period.Entry{Code: "ÅR", Name: "Årsredovisning", LastMonth: time.December, Kind: period.Annual},
		Month:        period.Month{Year: 2026, Month: time.December},
		ReportDate:   "2027-02-15",
		DateGiven:    true,
		Operating:    report.Operating{Lines: lines, Net: net, PrognosisIsOutcome: true},
		Investment:   report.Investments{Years: []int{2026, 2027, 2028}, Total: report.InvestmentRow{Name: "Summa investeringar", PlanYears: make([]money.Amount, 3)}},
		Economy: report.Economy{
			PeriodResult:               net.OutcomeAcc,
			AccumulatedBudgetDeviation: net.OutcomeAcc - net.BudgetAcc,
			PrognosisBudgetDeviation:   net.Prognosis - net.AnnualBudget,
		},
		Reconciliation: report.Reconciliation{File: "=cmd|' /C calc'!A0.csv", RowsRead: 3, RowsSummed: 3,
			Lines: []report.ReconPart{{Label: "=1+1", Rows: 3, Amount: -net.OutcomeAcc}}},
	}
	for _, l := range lines {
		mo := report.MonthlyOutcome{Line: l.Line}
		for m := 0; m < 12; m++ {
			mo.ThisYear[m] = l.OutcomeAcc / 12
		}
		mo.ThisYear[11] = l.OutcomeAcc - 11*(l.OutcomeAcc/12)
		r.Monthly = append(r.Monthly, mo)
	}
	r.Reconciliation.LedgerTotal = -net.OutcomeAcc
	return r
}

// unbalancedReport has a reconciliation that does not add up, so that the
// check cell shows the difference.
func unbalancedReport() *report.Report {
	r := sampleReport()
	r.Example = false
	r.Reconciliation.LedgerTotal += amt(-12.34)
	r.Reconciliation.Difference = amt(-12.34)
	return r
}

var cases = []struct {
	name string
	r    func() *report.Report
}{
	{"ur1", sampleReport},
	{"annual", annualReport},
	{"unbalanced", unbalancedReport},
}

func render(t *testing.T, r *report.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, r); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// dump lists every non-empty cell of every sheet in row order, one line
// each: reference, type, raw value and formula; and the workbook's names.
func dump(t *testing.T, f *excelize.File) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for ri, row := range rows {
			for ci := range row {
				r := ref(ci+1, ri+1)
				v, _ := f.GetCellValue(name, r, excelize.Options{RawCellValue: true})
				fo, _ := f.GetCellFormula(name, r)
				if v == "" && fo == "" {
					continue
				}
				typ, _ := f.GetCellType(name, r)
				line := r + " [" + cellTypeName(typ) + "] " + strconv.Quote(v)
				if fo != "" {
					line += " =" + fo
				}
				lines = append(lines, line)
			}
		}
		out["sheet "+name] = lines
	}
	for _, name := range f.GetSheetList() {
		dim, err := f.GetSheetDimension(name)
		if err != nil {
			t.Fatal(err)
		}
		out["dimensions"] = append(out["dimensions"], name+": "+dim)
		tables, err := f.GetTables(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range tables {
			out["tables"] = append(out["tables"], name+": "+tb.Name+" "+tb.Range+" "+tb.StyleName)
		}
	}
	var names []string
	for _, dn := range f.GetDefinedName() {
		names = append(names, dn.Name+"@"+dn.Scope+" = "+dn.RefersTo)
	}
	out["names"] = names
	return out
}

func cellTypeName(t excelize.CellType) string {
	switch t {
	case excelize.CellTypeNumber, excelize.CellTypeUnset:
		return "n"
	case excelize.CellTypeFormula:
		return "str"
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return "s"
	case excelize.CellTypeBool:
		return "b"
	}
	return strconv.Itoa(int(t))
}

func TestGolden(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.MarshalIndent(dump(t, open(t, render(t, tc.r()))), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, filepath.Join("testdata", tc.name+".golden.json"), append(got, '\n'))
		})
	}
}

// TestCachedValuesAreComputed evaluates every formula and compares the
// result with the value stored in the file.
func TestCachedValuesAreComputed(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, render(t, tc.r()))
			n := checkFormulas(t, f)
			if n < 10 {
				t.Errorf("only %d formulas", n)
			}
		})
	}
}

// checkFormulas compares each formula's cached value with what excelize
// computes from the cells, and returns how many formulas there are.
func checkFormulas(t *testing.T, f *excelize.File) int {
	t.Helper()
	n := 0
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for ri, row := range rows {
			for ci := range row {
				r := ref(ci+1, ri+1)
				fo, _ := f.GetCellFormula(name, r)
				if fo == "" {
					continue
				}
				n++
				cached, _ := f.GetCellValue(name, r, excelize.Options{RawCellValue: true})
				calc, err := f.CalcCellValue(name, r, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Errorf("%s!%s =%s: %v", name, r, fo, err)
					continue
				}
				if cached == "" {
					t.Errorf("%s!%s =%s: no cached value", name, r, fo)
				}
				cv, err1 := strconv.ParseFloat(cached, 64)
				kv, err2 := strconv.ParseFloat(calc, 64)
				switch {
				case err1 == nil && err2 == nil:
					if cv != kv {
						t.Errorf("%s!%s =%s: cached %s, computes %s", name, r, fo, cached, calc)
					}
				case cached != calc:
					t.Errorf("%s!%s =%s: cached %q, computes %q", name, r, fo, cached, calc)
				}
			}
		}
	}
	return n
}

// cellOre reads a cell in mnkr (or kronor, with scale) and returns öre.
func cellOre(t *testing.T, f *excelize.File, sheet, cell string, unit money.Unit) (money.Amount, bool) {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if v == "" {
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

// findRow is the row whose column A holds label, below the header.
// headerColumns maps each column header of sheet to its column number.
func headerColumns(t *testing.T, f *excelize.File, sheet string) map[string]int {
	t.Helper()
	header, err := f.GetRows(sheet)
	if err != nil || len(header) < headerRow {
		t.Fatalf("%s has no header: %v", sheet, err)
	}
	col := map[string]int{}
	for i, h := range header[headerRow-1] {
		col[h] = i + 1
	}
	return col
}

func findRow(t *testing.T, f *excelize.File, sheet, label string) int {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	for i, row := range rows {
		if i >= headerRow && len(row) > 0 && row[0] == label {
			return i + 1
		}
	}
	t.Fatalf("%s: no row %q", sheet, label)
	return 0
}

// checkFiguresToOre checks that every figure of tables 3, 4 and 5 and of the
// reconciliation, cached values included, is the report's to the öre.
func checkFiguresToOre(t *testing.T, f *excelize.File, r *report.Report) {
	t.Helper()
	eq := func(sheet, cell string, want *money.Amount, unit money.Unit) {
		t.Helper()
		got, ok := cellOre(t, f, sheet, cell, unit)
		switch {
		case want == nil && ok:
			t.Errorf("%s!%s = %v, want empty", sheet, cell, got)
		case want != nil && !ok:
			t.Errorf("%s!%s is empty, want %v", sheet, cell, *want)
		case want != nil && got != *want:
			t.Errorf("%s!%s = %d öre, want %d", sheet, cell, got, *want)
		}
	}
	// Table 4, by its headers: the year's outcome once in the annual
	// report (SPEC 12.1).
	col := headerColumns(t, f, sheetOperating)
	annual := r.Period.Kind == period.Annual
	for _, l := range append(slices.Clone(r.Operating.Lines), r.Operating.Net) {
		row := findRow(t, f, sheetOperating, l.Line)
		for h, a := range table4Figures(annual, l.AnnualBudget, l.BudgetAcc, l.OutcomeAcc, l.DeviationAcc, l.Prognosis, l.PrognosisDeviation, l.PriorYearAcc) {
			if col[h] == 0 {
				t.Errorf("%s has no column %q", sheetOperating, h)
				continue
			}
			eq(sheetOperating, ref(col[h], row), a, money.UnitMnkr)
		}
	}
	e := r.Economy
	t3 := []money.Amount{e.PeriodResult, e.AccumulatedBudgetDeviation, e.PrognosisBudgetDeviation, e.InvestmentPrognosisDeviation}
	if annual {
		t3 = []money.Amount{e.PeriodResult, e.PrognosisBudgetDeviation, e.InvestmentPrognosisDeviation}
	}
	for i, a := range t3 {
		eq(sheetEconomy, ref(2, dataRow+i), &a, money.UnitMnkr)
	}
	// Table 5: a sum shows no figure where one of its rows has none
	// (SPEC 11).
	inv := r.Investment
	strict := func(name string, rows []report.InvestmentRow, n int) report.InvestmentRow {
		s := sumRows(name, rows, n)
		for _, x := range rows {
			if x.Spent == nil {
				s.Spent = nil
			}
			if x.Prognosis == nil {
				s.Prognosis = nil
			}
			if x.Deviation == nil {
				s.Deviation = nil
			}
		}
		return s
	}
	rows := []report.InvestmentRow{}
	var sums []report.InvestmentRow
	for _, g := range inv.Groups {
		rows = append(rows, g.Rows...)
		sum := strict(layouts.GroupSumLabel(g.Name), g.Rows, len(inv.Years))
		sums = append(sums, sum)
		rows = append(rows, sum)
	}
	total := strict("Totalt", sums, len(inv.Years))
	rows = append(rows, total)
	// Columns by their header: Utfall tidigare år and Prognos total come
	// only when the inputs give them.
	col = headerColumns(t, f, sheetInvestment)
	spent, prognosis := col["Ackumulerad förbrukning"], col["Prognos"]
	if annual {
		spent, prognosis = 0, col["Utfall "+strconv.Itoa(r.Year)]
	}
	for _, in := range rows {
		row := findRow(t, f, sheetInvestment, in.Name)
		eq(sheetInvestment, ref(col["Total budget"], row), &in.TotalBudget, money.UnitMnkr)
		for i, y := range inv.Years {
			eq(sheetInvestment, ref(col[strconv.Itoa(y)], row), &in.PlanYears[i], money.UnitMnkr)
		}
		if spent > 0 {
			eq(sheetInvestment, ref(spent, row), in.Spent, money.UnitMnkr)
		}
		eq(sheetInvestment, ref(prognosis, row), in.Prognosis, money.UnitMnkr)
		eq(sheetInvestment, ref(col["Avvikelse"], row), in.Deviation, money.UnitMnkr)
		if c := col[layouts.PrognosisTotalColumn]; c > 0 && in.Name != total.Name && !strings.HasPrefix(in.Name, "Summa") {
			eq(sheetInvestment, ref(c, row), in.PrognosisTotal, money.UnitMnkr)
			eq(sheetInvestment, ref(col[layouts.PriorYearsSpentColumn], row), in.PriorYearsSpent, money.UnitMnkr)
		}
	}
	rec := r.Reconciliation
	for _, p := range rec.Parts() {
		row := findRow(t, f, sheetControl, p.Label)
		eq(sheetControl, ref(ctlAmount, row), &p.Amount, money.UnitKr)
	}
	eq(sheetControl, ref(ctlAmount, findRow(t, f, sheetControl, "Huvudbokens summa (alla summerade rader)")), &rec.LedgerTotal, money.UnitKr)
	// Every row of Underlag leads to its table-4 figure.
	rows2, _ := f.GetRows(sheetMonthly)
	checked := 0
	for i, row := range rows2 {
		if i >= headerRow && len(row) >= 17 && row[16] != "" {
			checked++
			if row[16] != "OK" {
				t.Errorf("Underlag row %d (%s %s) does not match table 4: %s", i+1, row[0], row[1], row[16])
			}
		}
	}
	if checked < len(r.Monthly) {
		t.Errorf("Underlag: %d rows checked against table 4, want at least %d", checked, len(r.Monthly))
	}
	// Utfall ack is the sum of its months in Underlag.
	for i, mo := range r.Monthly {
		row := dataRow + i
		var want money.Amount
		for m := 0; m < int(r.Month.Month); m++ {
			want += mo.ThisYear[m]
		}
		eq(sheetMonthly, ref(15, row), &want, money.UnitMnkr)
	}
}

// table4Figures are a line's figures by table 4's headers: the year's
// outcome once in the annual report (SPEC 12.1).
func table4Figures(annual bool, budget, budgetAcc, outcome, dev, prognosis, progDev money.Amount, prior *money.Amount) map[string]*money.Amount {
	if annual {
		return map[string]*money.Amount{"Årsbudget": &budget, "Utfall": &outcome, "Avvikelse": &progDev, "Utfall föregående år": prior}
	}
	return map[string]*money.Amount{"Årsbudget": &budget, "Budget ack": &budgetAcc, "Utfall ack": &outcome,
		"Avvikelse ack": &dev, "Årsprognos": &prognosis, "Prognosavvikelse": &progDev, "Utfall ack föregående år": prior}
}

func TestFiguresExactToOre(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r()
			checkFiguresToOre(t, open(t, render(t, r)), r)
		})
	}
}

func TestWorkbookShape(t *testing.T) {
	r := sampleReport()
	data := render(t, r)
	f := open(t, data)
	want := []string{sheetGoals, sheetEmployees, sheetEconomy, sheetOperating, sheetInvestment, sheetMonthly, sheetAccounts, sheetControl}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets = %q, want %q", got, want)
	}
	titles := map[string]string{
		sheetEmployees:  "Tabell 2 Regionstyrelsens kvalitetsindikatorer för medarbetare",
		sheetEconomy:    "Tabell 3 Regionstyrelsens kvalitetsindikatorer för Ekonomi",
		sheetOperating:  "Tabell 4 Regionstyrelsens driftbudget, redovisas i mnkr",
		sheetInvestment: "Tabell 5 Regionstyrelsens investeringsbudget, belopp redovisas i mnkr",
	}
	for sheet, title := range titles {
		if got, _ := f.GetCellValue(sheet, "A1"); got != title {
			t.Errorf("%s!A1 = %q, want %q", sheet, got, title)
		}
		if got, _ := f.GetCellValue(sheet, "A2"); !strings.Contains(got, "Exempeldata") || !strings.Contains(got, "januari–april 2026") {
			t.Errorf("%s!A2 = %q, want period and Exempeldata", sheet, got)
		}
	}
	header, _ := f.GetRows(sheetOperating)
	if got := header[headerRow-1]; !slices.Equal(got, []string{"Kontoklass", "Årsbudget", "Budget ack", "Utfall ack", "Avvikelse ack", "Årsprognos", "Prognosavvikelse", "Utfall ack föregående år",
		"Förändring mot föregående år, %", "Kommentar"}) {
		t.Errorf("table 4 header = %q", got)
	}

	names := map[string]string{}
	printTitles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			printTitles[dn.Scope] = dn.RefersTo
			continue
		}
		if dn.Scope != "Workbook" {
			t.Errorf("name %s has scope %q, want the workbook", dn.Name, dn.Scope)
		}
		names[dn.Name] = dn.RefersTo
	}
	for _, n := range []string{"Periodresultat", "Ackumulerad_budgetavvikelse", "Prognos_budgetavvikelse",
		"Prognos_investeringsbudgetavvikelse", "Nettobudget", "Utfall_ack_netto", "Årsprognos_netto"} {
		if names[n] == "" {
			t.Errorf("no defined name %s", n)
		}
	}
	if got := names["Utfall_ack_netto"]; got != "'Tabell 4 Driftbudget'!$D$10" {
		t.Errorf("Utfall_ack_netto = %s", got)
	}
	for _, s := range want {
		if printTitles[s] != quoteSheet(s)+"!$1:$4" {
			t.Errorf("print titles of %s = %q", s, printTitles[s])
		}
		panes, err := f.GetPanes(s)
		if err != nil || !panes.Freeze || panes.YSplit != headerRow {
			t.Errorf("%s: panes %+v, %v; want frozen below the header", s, panes, err)
		}
		layout, err := f.GetPageLayout(s)
		if err != nil || *layout.Size != 9 || *layout.Orientation != "landscape" || *layout.FitToWidth != 1 {
			t.Errorf("%s: page layout %+v, %v; want A4 landscape one page wide", s, layout, err)
		}
		hf, err := f.GetHeaderFooter(s)
		if err != nil || !strings.Contains(hf.OddFooter, "&P av &N") || !strings.Contains(hf.OddHeader, "Regionstyrelsen") {
			t.Errorf("%s: header/footer %+v, %v", s, hf, err)
		}
	}

	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Creator != "rapport" || props.Created != "2026-05-12T00:00:00Z" || props.Modified != props.Created || props.Title == "" {
		t.Errorf("doc props = %+v", props)
	}
	app, err := f.GetAppProps()
	if err != nil || app.Company != "Region Halland" {
		t.Errorf("app props = %+v, %v", app, err)
	}
}

// TestCachedValuesInXML reads the sheet XML as a reader without a
// calculation engine would: a numeric formula has a number as its value.
func TestCachedValuesInXML(t *testing.T) {
	data := render(t, sampleReport())
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	formulaCells := regexp.MustCompile(`<c [^>]*>(<f>[^<]*</f>)(<v>[^<]*</v>)?</c>`)
	numeric := regexp.MustCompile(`<c r="[A-Z]+[0-9]+"( s="[0-9]+")?><f>[^<]*</f><v>-?[0-9]+(\.[0-9]+)?</v></c>`)
	text := regexp.MustCompile(`<c r="[A-Z]+[0-9]+"( s="[0-9]+")? t="str"><f>[^<]*</f><v>[^<0-9-][^<]*</v></c>`)
	net := regexp.MustCompile(`<c r="D10"[^>]*>[^/]*</f><v>([^<]*)</v></c>`)
	formulas := 0
	check := regexp.MustCompile(`<c r="C[0-9]+"[^>]* t="str"><f>IF\([^<]*</f><v>OK</v></c>`)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		// Every formula carries its value: a number as a number, text as a
		// formula string.
		for _, m := range formulaCells.FindAll(b, -1) {
			formulas++
			if !numeric.Match(m) && !text.Match(m) {
				t.Errorf("%s: formula cell without a proper cached value: %s", zf.Name, m)
			}
		}
		switch zf.Name {
		case "xl/worksheets/sheet4.xml":
			m := net.FindSubmatch(b)
			if m == nil || bytes.Contains(m[0], []byte(`t="str"`)) {
				t.Errorf("table 4 Netto Utfall ack: %s", m)
				continue
			}
			if v, _ := strconv.ParseFloat(string(m[1]), 64); !sameOre(v, sampleReport().Operating.Net.OutcomeAcc) {
				t.Errorf("cached Netto Utfall ack %s", m[1])
			}
		case "xl/worksheets/sheet8.xml":
			if !check.Match(b) {
				t.Errorf("Kontroll has no cached OK check cell")
			}
		}
		if got := zf.Modified.Format("2006-01-02"); got != "2026-05-12" {
			t.Errorf("%s is dated %s, want the report date", zf.Name, got)
		}
	}
	if formulas < 50 {
		t.Errorf("found %d formula cells in the sheets, want more", formulas)
	}
}

func TestSameBytes(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := render(t, tc.r()), render(t, tc.r())
			if !bytes.Equal(a, b) {
				t.Error("two renders of the same report differ")
			}
		})
	}
}

// TestTextIsNeverAFormula renders input text that starts with = + - @ and
// checks that it stays text.
func TestTextIsNeverAFormula(t *testing.T) {
	f := open(t, render(t, annualReport()))
	for _, c := range []struct{ sheet, cell, want string }{
		{sheetOperating, "A5", "+Intäkter"},
		{sheetOperating, "A6", "-Personalkostnader"},
		{sheetOperating, "A7", "@Övriga driftskostnader"},
		{sheetControl, "B5", "=cmd|' /C calc'!A0.csv"},
		{sheetControl, findCell(t, f, sheetControl, "=1+1"), "=1+1"},
	} {
		if fo, _ := f.GetCellFormula(c.sheet, c.cell); fo != "" {
			t.Errorf("%s!%s is a formula: %s", c.sheet, c.cell, fo)
		}
		if v, _ := f.GetCellValue(c.sheet, c.cell); v != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, v, c.want)
		}
	}
	f2 := open(t, render(t, sampleReport()))
	cell := findCell(t, f2, sheetInvestment, "=SUMMA(A1:A2) är inget att räkna med")
	if fo, _ := f2.GetCellFormula(sheetInvestment, cell); fo != "" {
		t.Errorf("comment became a formula: %s", fo)
	}
}

func findCell(t *testing.T, f *excelize.File, sheet, text string) string {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	for ri, row := range rows {
		for ci, v := range row {
			if v == text {
				return ref(ci+1, ri+1)
			}
		}
	}
	t.Fatalf("%s: no cell %q", sheet, text)
	return ""
}

func TestCheckCell(t *testing.T) {
	for _, c := range []struct {
		name string
		r    *report.Report
		want string
	}{
		{"balanced", sampleReport(), "OK"},
		{"unbalanced", unbalancedReport(), "Differens: -12.34"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := open(t, render(t, c.r))
			row := findRow(t, f, sheetControl, "Kontroll")
			if got, _ := f.GetCellValue(sheetControl, ref(ctlAmount, row)); got != c.want {
				t.Errorf("check cell = %q, want %q", got, c.want)
			}
		})
	}
}

func TestGenitiveCaption(t *testing.T) {
	f := open(t, render(t, annualReport()))
	if got, _ := f.GetCellValue(sheetOperating, "A1"); got != "Tabell 4 Kultur och fritids driftbudget, redovisas i mnkr" {
		t.Errorf("caption = %q", got)
	}
	if got, _ := f.GetCellValue(sheetOperating, "E5"); got != "" {
		t.Errorf("prior year without a ledger year before = %q, want empty", got)
	}
	// The year's outcome once (SPEC 12.1): Avvikelse = Utfall − Årsbudget.
	if fo, _ := f.GetCellFormula(sheetOperating, "D5"); fo != "C5-B5" {
		t.Errorf("annual report Avvikelse = %q, want =C5-B5", fo)
	}
	rows, _ := f.GetRows(sheetOperating)
	if got := rows[headerRow-1]; !slices.Equal(got, []string{"Kontoklass", "Årsbudget", "Utfall", "Avvikelse", "Utfall föregående år", "Kommentar"}) {
		t.Errorf("annual table 4 header = %q", got)
	}
}

// TestOddReports renders reports that a layout could choke on: empty, no
// month, a group without rows, plan years that do not line up, absent
// figures, very long and odd text. Each must render, and its formulas must
// carry their computed values.
func TestOddReports(t *testing.T) {
	long := strings.Repeat("Lång kommentar med & och <tecken> ", 2000)
	for _, c := range []struct {
		name string
		r    func() *report.Report
	}{
		{"empty", func() *report.Report { return &report.Report{} }},
		{"no month", func() *report.Report {
			r := sampleReport()
			r.Month = period.Month{Year: 2026}
			r.ReportDate = "i morgon"
			return r
		}},
		{"group without rows", func() *report.Report {
			r := sampleReport()
			r.Investment.Groups = append(r.Investment.Groups, report.InvestmentGroup{Name: "Nya investeringar"})
			return r
		}},
		{"plan years misaligned", func() *report.Report {
			r := sampleReport()
			r.Investment.Years = []int{2027}
			r.Investment.Groups[0].Rows[0].PlanYears = nil
			return r
		}},
		{"absent figures", func() *report.Report {
			r := sampleReport()
			for i := range r.Investment.Groups {
				for j := range r.Investment.Groups[i].Rows {
					row := &r.Investment.Groups[i].Rows[j]
					row.Spent, row.Prognosis, row.Deviation = nil, nil, nil
				}
				r.Investment.Groups[i].Sum.Spent, r.Investment.Groups[i].Sum.Prognosis, r.Investment.Groups[i].Sum.Deviation = nil, nil, nil
			}
			r.Investment.Total.Spent, r.Investment.Total.Prognosis, r.Investment.Total.Deviation = nil, nil, nil
			r.Indicators[0].Value, r.Indicators[0].Target, r.Indicators[0].Reference = nil, nil, nil
			r.Indicators[0].Grade, r.Indicators[0].Trend = report.GradeNoValue, report.ChangeNone
			r.Indicators[1].Value = ptrF(math.NaN())
			return r
		}},
		{"odd text", func() *report.Report {
			r := sampleReport()
			r.Unit = "Nämnd & styrelse " + strings.Repeat("&", 300)
			r.Organisation = "=HYPERLINK(\"http://example.invalid\")"
			r.Investment.Groups[0].Rows[0].Comment = long
			r.Operating.Lines[0].Line = "Intäkter\x00\x1b"
			return r
		}},
		{"huge amounts", func() *report.Report {
			r := sampleReport()
			l := &r.Operating.Lines[0]
			l.OutcomeAcc = money.Amount(999_999_999_999_99) // just below 10^13 kr
			l.DeviationAcc = l.OutcomeAcc - l.BudgetAcc
			r.Operating.Net = netOf(r.Operating.Lines)
			return r
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := open(t, render(t, c.r()))
			checkFormulas(t, f)
		})
	}
}

func BenchmarkRender(b *testing.B) {
	r := sampleReport()
	for b.Loop() {
		if err := Render(io.Discard, r); err != nil {
			b.Fatal(err)
		}
	}
}

// TestIndicatorWithoutValue: table 2's Status of an indicator without a
// value for the period says the value is missing, never a goal word, and
// its Trend is empty (SPEC 7.4).
func TestIndicatorWithoutValue(t *testing.T) {
	r := sampleReport()
	in := &r.Indicators[1]
	in.Value, in.PriorYear = nil, nil
	in.Grade, in.Trend, in.Level, in.OffTarget = report.GradeNoValue, report.ChangeNone, report.NotAssessed, false
	f := open(t, render(t, r))
	col := headerColumns(t, f, sheetEmployees)
	row := findRow(t, f, sheetEmployees, "Sjukfrånvaro")
	for _, c := range []struct{ header, want string }{{"Status", "Värde saknas"}, {layouts.TrendColumn, "–"}} {
		cell, _ := excelize.CoordinatesToCellName(col[c.header], row)
		if got, _ := f.GetCellValue(sheetEmployees, cell); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.header, cell, got, c.want)
		}
	}
}

// TestRedAsInThePDF: the workbook marks red what the document marks Bad:
// each deviation column by its figure as shown (ROUND to a tenth below
// zero, as the PDF), and each other Bad figure where it stands.
func TestRedAsInThePDF(t *testing.T) {
	r := sampleReport()
	r.Economy.AccumulatedBudgetDeviation = amt(-2_000_000)
	f := open(t, render(t, r))
	tables, err := doc.Tables(r)
	if err != nil {
		t.Fatal(err)
	}
	rules := func(sheet string) map[string]string {
		got, err := f.GetConditionalFormats(sheet)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for rng, opts := range got {
			for _, o := range opts {
				out[rng] = o.Criteria
			}
		}
		return out
	}
	for _, tb := range tables {
		sheet := map[int]string{3: sheetEconomy, 4: sheetOperating, 5: sheetInvestment}[tb.Number]
		if sheet == "" {
			continue
		}
		got := rules(sheet)
		for c, col := range tb.Columns {
			if col.Deviation {
				top := ref(c+1, dataRow)
				if want := "ROUND(" + top + ",1)<0"; got[top+":"+ref(c+1, dataRow+len(tb.Rows)-1)] != want {
					t.Errorf("%s column %q: rules %v, want %s", sheet, col.Title, got, want)
				}
			}
		}
		for ri, row := range tb.Rows {
			for c, cell := range row.Cells {
				if cell.Bad && !tb.Columns[c].Deviation {
					if _, ok := got[ref(c+1, dataRow+ri)]; !ok {
						t.Errorf("%s!%s is red in the PDF, not in the workbook", sheet, ref(c+1, dataRow+ri))
					}
				}
			}
		}
	}
	if _, ok := rules(sheetEconomy)[ref(2, dataRow+1)]; !ok {
		t.Errorf("a negative Ackumulerad budgetavvikelse is not red: %v", rules(sheetEconomy))
	}
}
