package report

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"rapport/report/ledger"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// ComputeOptions are the choices of a run that are not in the inputs.
type ComputeOptions struct {
	// AllowUnmapped reports accounts that no range covers on a line "Ej
	// klassificerat" instead of failing.
	AllowUnmapped bool
	// ReportDate (YYYY-MM-DD) overrides the date printed on the report.
	ReportDate string
}

// Compute turns inputs into the report for one period. It is a pure
// function of its arguments: the same inputs give the same report. The
// problems returned are the ones that concern this period (errors stop the
// report; warnings travel with it in Report.Problems).
func Compute(in *Inputs, code period.Code, opt ComputeOptions) (*Report, problem.List) {
	var probs problem.List
	entry, ok := in.Calendar.Lookup(code)
	if !ok {
		var known []string
		for _, e := range in.Calendar {
			known = append(known, string(e.Code))
		}
		probs.Add(problem.Problem{Severity: problem.Error, Value: string(code),
			Message: "perioden finns inte i uppföljningskalendern",
			Hint:    "Ange M01–M12 eller en av kalenderns perioder: " + strings.Join(known, ", ")})
		return nil, probs
	}
	year := in.Settings.Year
	if year == 0 {
		probs.Add(problem.Problem{Severity: problem.Error,
			Message: "rapportåret är okänt",
			Hint:    "Ange År i bladet " + SheetSettings + " eller --year"})
		return nil, probs
	}
	month := period.Month{Year: year, Month: entry.LastMonth}
	r := &Report{
		Organisation: in.Settings.Organisation,
		Unit:         in.Settings.Unit,
		Year:         year,
		Period:       entry,
		Month:        month,
		ReportDate:   reportDate(opt, in.Settings, month),
		DateGiven:    opt.ReportDate != "" || in.Settings.ReportDate != "",
		CaseNumber:   in.Settings.CaseNumber,
		DecisionBody: in.Settings.DecisionBody,
		MeetingDate:  in.Settings.MeetingDate,
		Example:      in.Settings.Example,
	}

	c := computation{in: in, r: r, month: month, probs: &probs, opt: opt}
	r.Materiality = materiality(in.Settings)
	c.sums = c.classifyLedger()
	c.mergeGroupRows()
	c.operating(c.sums)
	c.groups()
	c.accounts(c.sums)
	c.investments()
	c.economy()
	r.Previous = previousReport(in.Calendar, month)
	c.prognosisPath()
	c.goals()
	c.indicators()
	c.texts()
	c.planFollowUp()
	c.textWarnings()
	c.deviations()
	c.gaps()
	c.annualTenses()

	probs.Sort()
	r.Problems = carriedWarnings(in.Problems, probs)
	return r, probs
}

// carriedWarnings are the warnings the report carries to the controller's
// draft appendix and the workbook's Kontroll sheet: the inputs' own (the
// workbook's and the ledger's, a shared ledger's included, such as rows
// without Ansvar; SPEC 12.5) and the period's, each once, in order.
func carriedWarnings(imported, computed problem.List) problem.List {
	var out problem.List
	seen := map[string]bool{}
	for _, l := range []problem.List{imported, computed} {
		for _, p := range l.Warnings() {
			if k := p.String(); !seen[k] {
				seen[k] = true
				out = append(out, p)
			}
		}
	}
	out.Sort()
	return out
}

func reportDate(opt ComputeOptions, s Settings, m period.Month) string {
	switch {
	case opt.ReportDate != "":
		return opt.ReportDate
	case s.ReportDate != "":
		return s.ReportDate
	}
	return m.LastDay().Format("2006-01-02")
}

// computation carries the state of one Compute call between its steps.
type computation struct {
	in    *Inputs
	r     *Report
	month period.Month
	probs *problem.List
	opt   ComputeOptions
	sums  ledgerSums // the ledger summed by classifyLedger
	// rows are Driftbudget's and Prognos's rows per group (SPEC 14),
	// before mergeGroupRows sums them per line for table 4.
	rows groupRows
}

// ledgerSums are the ledger's buckets summed the ways the report needs,
// all in the ledger's sign (debit positive).
type ledgerSums struct {
	outcome  map[string]money.Amount         // per line, months 1…m of the year
	prior    map[string]money.Amount         // per line, months 1…m of the year before
	hasPrior bool                            // the ledger has any row of the year before
	monthly  map[string]*[2][12]money.Amount // per line: [0] this year, [1] year before
	projects map[string]money.Amount         // balance-sheet sums per project, months 1…m
	accounts map[AccountMonth]money.Amount   // per line, account and month (Amount 0), months 1…m of both years
	byCode   codeSums                        // outcome per Ansvar or Verksamhet code and line, for Grupper (SPEC 14)
}

// classifyLedger puts every bucket of the ledger in exactly one part of the
// reconciliation, and sums the report lines from the same pass, so that
// what the tables show and what the reconciliation accounts for cannot
// drift apart.
func (c *computation) classifyLedger() ledgerSums {
	s := ledgerSums{
		outcome:  map[string]money.Amount{},
		prior:    map[string]money.Amount{},
		monthly:  map[string]*[2][12]money.Amount{},
		projects: map[string]money.Amount{},
		accounts: map[AccountMonth]money.Amount{},
	}
	l := c.in.Ledger
	rec := &c.r.Reconciliation
	rec.BalanceSheet.Label = "Balansräkningskonton (investeringar m.m.)"
	rec.OtherYears.Label = "Andra år än " + fmt.Sprint(c.month.Year)
	rec.LaterMonths.Label = "Månader efter " + period.MonthName(c.month.Month)
	rec.Unclassified.Label = LineUnclassified
	rec.Opening.Label = ReconOpeningLabel
	rec.Closing.Label = ReconClosingLabel
	rec.ClosingIncluded.Label = ReconClosingIncludedLabel
	if l == nil {
		return s
	}
	rec.File = l.File
	rec.RowsRead, rec.RowsSummed, rec.BlankRows, rec.ErrorRows = l.RowsRead, l.RowsSummed, l.BlankRows, l.ErrorRows
	rec.SummaryRows = l.SummaryRows
	rec.LedgerTotal = l.Total
	for _, sc := range l.Sheets {
		rec.Sheets = append(rec.Sheets, ReconSheet{Sheet: sc.Name, RowsRead: sc.RowsRead})
	}

	lineParts := map[string]*ReconPart{}
	unmapped := map[string]*ReconPart{} // per account, for the error message
	year, m := c.month.Year, c.month.Month
	for _, k := range sortedKeys(l.Buckets) {
		b := l.Buckets[k]
		line, mapped := c.in.Chart.LineOf(k.Account)
		if !mapped {
			u := unmapped[k.Account]
			if u == nil {
				u = &ReconPart{Label: k.Account}
				unmapped[k.Account] = u
			}
			u.Rows += b.Rows
			u.Amount += b.Amount
		}
		operating := mapped && line != LineBalanceSheet
		if !mapped && c.opt.AllowUnmapped {
			// Reported on its own line: in the monthly trail and the prior
			// year too, so that every column of the line adds up.
			line, operating = LineUnclassified, true
		}

		if k.Kind == ledger.Opening {
			// The opening balance is no posting of January: it is in
			// neither outcome, spend nor prior year, and has its own part.
			rec.Opening.Rows += b.Rows
			rec.Opening.Amount += b.Amount
			continue
		}
		// Periods 13–15 have Month December: they count in outcome and
		// prior year through month 12 only, as December's postings do.
		if operating && (k.Month.Year == year || k.Month.Year == year-1) {
			mo := s.monthly[line]
			if mo == nil {
				mo = &[2][12]money.Amount{}
				s.monthly[line] = mo
			}
			mo[year-k.Month.Year][k.Month.Month-1] += b.Amount
			if k.Month.Month <= m {
				s.accounts[AccountMonth{Line: line, Account: k.Account, Month: k.Month}] += b.Amount
			}
		}
		if k.Month.Year == year-1 {
			s.hasPrior = true
			if operating && k.Month.Month <= m {
				s.prior[line] += b.Amount
			}
		}

		var part *ReconPart
		switch {
		case k.Month.Year != year:
			part = &rec.OtherYears
		case k.Kind.IsClosing() && k.Month.Month > m:
			part = &rec.Closing
		case k.Month.Month > m:
			part = &rec.LaterMonths
		case !mapped:
			part = &rec.Unclassified
			if c.opt.AllowUnmapped {
				s.outcome[LineUnclassified] += b.Amount
				s.byCode.add(c.in.Groups, k, LineUnclassified, b.Amount)
			}
		case line == LineBalanceSheet:
			part = &rec.BalanceSheet
			if k.Project != "" {
				s.projects[k.Project] += b.Amount
			}
		default:
			p := lineParts[line]
			if p == nil {
				p = &ReconPart{Label: line}
				lineParts[line] = p
			}
			part = p
			s.outcome[line] += b.Amount
			s.byCode.add(c.in.Groups, k, line, b.Amount)
		}
		part.Rows += b.Rows
		part.Amount += b.Amount
		if k.Kind.IsClosing() && k.Month.Year == year && part != &rec.Closing {
			rec.ClosingIncluded.Rows += b.Rows
			rec.ClosingIncluded.Amount += b.Amount
		}
	}

	for _, line := range c.lineOrder(lineParts) {
		if p := lineParts[line]; p != nil {
			rec.Lines = append(rec.Lines, *p)
		}
	}
	if rt := l.Routing; rt != nil {
		// The unit took only the rows its Ansvar selects: the rest of the
		// file is accounted for too, so that the parts still add up to the
		// file's total as the ERP system shows it.
		rec.OtherUnits = &ReconPart{Label: LabelOtherUnits, Rows: rt.OtherUnits.Rows, Amount: rt.OtherUnits.Amount}
		rec.NoUnit = &ReconPart{Label: LabelNoUnit, Rows: rt.NoUnit.Rows, Amount: rt.NoUnit.Amount}
		rec.Overlap = &ReconPart{Label: "Rader som två enheter väljer (fel, se meddelandena)", Rows: rt.Overlap.Rows, Amount: rt.Overlap.Amount}
	}
	sum := money.Amount(0)
	for _, p := range rec.Parts() {
		sum += p.Amount
	}
	rec.Difference = rec.LedgerTotal - sum
	if rec.Difference != 0 {
		c.probs.Add(problem.Problem{Severity: problem.Error, File: l.File,
			Message: "avstämningen går inte ihop: differens " + rec.Difference.FormatKr() + " kr",
			Hint:    "Detta är ett fel i rapport; kontakta förvaltaren med indatafilerna"})
	}

	if len(unmapped) > 0 && !c.opt.AllowUnmapped {
		accounts := make([]string, 0, len(unmapped))
		for a := range unmapped {
			accounts = append(accounts, a)
		}
		sort.Strings(accounts)
		for _, a := range accounts {
			u := unmapped[a]
			rows := fmt.Sprintf("%d rader", u.Rows)
			if u.Rows == 1 {
				rows = "1 rad"
			}
			at, ok := l.FirstSeen[a]
			if !ok {
				at = problem.Position{File: l.File, Sheet: l.Sheet}
			}
			c.probs.Add(at.Problem(problem.Error, a,
				fmt.Sprintf("kontot finns inte i kontoplanen %s (%s, summa %s kr; första gången här)",
					c.in.Chart.Name, rows, u.Amount.FormatKr()),
				"Lägg till kontot i bladet "+SheetChart+" i underlag.xlsx, rätta kontot i huvudboken, eller kör med --allow-unmapped för att redovisa det på raden Ej klassificerat"))
		}
	}
	return s
}

func sortedKeys(m map[ledger.Key]ledger.Bucket) []ledger.Key {
	keys := make([]ledger.Key, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Month != b.Month {
			return a.Month.Before(b.Month)
		}
		if a.Project != b.Project {
			return a.Project < b.Project
		}
		return a.Kind < b.Kind // December before its closing periods
	})
	return keys
}

// lineOrder is the order of table 4's lines: the plan's standard lines,
// then any other line of the chart in chart order, then Ej klassificerat.
// present names the lines that have figures; standard lines are listed
// whether present or not, and the caller drops empty optional ones.
func (c *computation) lineOrder(present map[string]*ReconPart) []string {
	seen := map[string]bool{}
	var order []string
	add := func(l string) {
		if !seen[l] && l != LineBalanceSheet {
			seen[l] = true
			order = append(order, l)
		}
	}
	for _, l := range OperatingLines {
		add(l)
	}
	for _, r := range c.in.Chart.Ranges {
		add(r.Line)
	}
	known := c.knownLines()
	for _, b := range c.in.Budget {
		if known[b.Line] {
			add(b.Line)
		}
	}
	var extra []string
	for l := range present {
		if !seen[l] {
			extra = append(extra, l)
		}
	}
	sort.Strings(extra)
	order = append(order, extra...)
	add(LineUnclassified)
	return order
}

// knownLines are the names a Driftbudget or Prognos row may give: the
// lines of table 4, of the chart in use (the standard one or the
// workbook's own Kontoplan) and the funding row's label.
func (c *computation) knownLines() map[string]bool {
	known := map[string]bool{LineUnclassified: true}
	for _, l := range OperatingLines {
		known[l] = true
	}
	for _, r := range c.in.Chart.Ranges {
		if r.Line != LineBalanceSheet {
			known[r.Line] = true
		}
	}
	if f := c.in.Settings.Funding; f != nil {
		label := f.Label
		if label == "" {
			label = "Regionbidrag"
		}
		known[label] = true
	}
	return known
}

// unknownLines reports every Driftbudget and Prognos row whose Rad names
// no line of knownLines: such a row would otherwise become a line of its
// own with no outcome while the line meant shows no budget.
func (c *computation) unknownLines() map[string]bool {
	known := c.knownLines()
	names := slices.Sorted(maps.Keys(known))
	hint := "Skriv ett av radnamnen " + strings.Join(names, ", ")
	bad := map[string]bool{}
	check := func(line string, place Place, sheet string) {
		if known[line] {
			return
		}
		bad[line] = true
		c.probs.Add(rowProblem(place, sheetProblem(place, sheet, problem.Problem{Severity: problem.Error, Value: line,
			Message: "raden finns inte i kontoplanen", Hint: hint})))
	}
	for _, b := range c.in.Budget {
		check(b.Line, b.Place, SheetBudget)
	}
	for _, p := range c.in.Prognoses {
		check(p.Line, p.Place, SheetPrognosis)
	}
	return bad
}

// operating computes table 4 and the monthly audit trail.
func (c *computation) operating(s ledgerSums) {
	r, m := c.r, c.month.Month
	unknown := c.unknownLines()
	budget := map[string]BudgetLine{}
	for _, b := range c.in.Budget {
		if unknown[b.Line] {
			continue
		}
		if _, dup := budget[b.Line]; dup {
			c.probs.Add(problem.Problem{Severity: problem.Error, File: b.Place.File, Sheet: b.Place.Sheet, Row: b.Place.Row,
				Cell: rowRef(b.Place.Row), Value: b.Line,
				Message: "raden förekommer två gånger i driftbudgeten", Hint: "Ta bort den ena raden så att budgeten inte räknas dubbelt"})
			continue
		}
		budget[b.Line] = b
	}
	// Funding mapped in Kontoplan is a ledger line: its outcome and prior
	// year come from the ledger, and the setting is its budget only,
	// unless Driftbudget gives one (SPEC 12.2).
	fundingLine := c.mappedFunding()
	if f := c.in.Settings.Funding; fundingLine != "" {
		if _, has := budget[fundingLine]; !has {
			budget[fundingLine] = BudgetLine{Line: fundingLine, Annual: f.Annual, Place: f.Place}
		}
	}
	prognosis, progMonth := c.prognosisAt(c.month, true)
	annual := r.Period.Kind == period.Annual
	switch {
	case annual:
		r.Operating.PrognosisIsOutcome = true
	case progMonth.IsZero():
		r.Operating.PrognosisIsBudget = true
		c.probs.Add(sheetProblem(c.prognosisPlace(nil), SheetPrognosis, problem.Problem{Severity: problem.Warning,
			Message: fmt.Sprintf("ingen prognos är gjord %s eller tidigare; årsbudgeten används som prognos", c.month.Swedish()),
			Hint:    "Lägg in en prognos för perioden i bladet " + SheetPrognosis}))
	default:
		r.Operating.PrognosisMonth = progMonth
		if progMonth != c.month {
			c.probs.Add(sheetProblem(c.prognosisPlace(prognosis), SheetPrognosis, problem.Problem{Severity: problem.Warning,
				Message: fmt.Sprintf("ingen prognos för %s; prognosen från %s används", c.month.Swedish(), progMonth.Swedish()),
				Hint:    "Lägg in en prognos för perioden i bladet " + SheetPrognosis + " om en ny finns"}))
		}
	}

	for _, line := range c.lineOrder(nil) {
		b, hasBudget := budget[line]
		outcome, hasOutcome := s.outcome[line]
		_, hasMonthly := s.monthly[line]
		p, hasPrognosis := prognosis[line]
		optional := line != LineRevenue && line != LinePersonnel && line != LineOther
		if optional && !hasBudget && !hasOutcome && !hasMonthly && !hasPrognosis {
			continue
		}
		ol := OperatingLine{Line: line, AnnualBudget: b.Annual, BudgetAcc: accumulatedBudget(b, m),
			OutcomeAcc: -outcome}
		missingInPrognosis := false
		ol.DeviationAcc = ol.OutcomeAcc - ol.BudgetAcc
		switch {
		case annual:
			ol.Prognosis = ol.OutcomeAcc
		case hasPrognosis:
			ol.Prognosis, ol.Comment = p.Annual, strings.TrimSpace(p.Comment)
		case !progMonth.IsZero():
			ol.Prognosis = b.Annual
			missingInPrognosis = true
		default:
			ol.Prognosis = b.Annual
		}
		ol.PrognosisDeviation = ol.Prognosis - ol.AnnualBudget
		if s.hasPrior {
			v := -s.prior[line]
			ol.PriorYearAcc = &v
			ol.CostDevelopment = costDevelopment(ol.OutcomeAcc, v)
		}
		if optional && ol == (OperatingLine{Line: line, PriorYearAcc: ol.PriorYearAcc, CostDevelopment: ol.CostDevelopment}) &&
			(ol.PriorYearAcc == nil || *ol.PriorYearAcc == 0) {
			continue // "Finansiella poster (when non-zero)"
		}
		if missingInPrognosis && line != fundingLine {
			// Said only of a line the report shows: an optional line
			// with no figure through the report month is left out, and a
			// warning about it would name a row the reader cannot find.
			c.probs.Add(sheetProblem(c.prognosisPlace(prognosis), SheetPrognosis, problem.Problem{Severity: problem.Warning, Value: line,
				Message: fmt.Sprintf("prognosen från %s saknar raden; årsbudgeten används", progMonth.Swedish()),
				Hint:    "Lägg in raden i prognosen"}))
		}
		if !hasBudget && line != LineUnclassified && (hasOutcome || hasPrognosis) {
			c.probs.Add(sheetProblem(c.budgetPlace(), SheetBudget, problem.Problem{Severity: problem.Warning, Value: line,
				Message: "raden har utfall men ingen budget; budgeten räknas som 0",
				Hint:    "Lägg in raden i bladet " + SheetBudget}))
		}
		r.Operating.Lines = append(r.Operating.Lines, ol)
		if mo := s.monthly[line]; mo != nil || !optional {
			mt := MonthlyOutcome{Line: line}
			if mo != nil {
				for i := 0; i < 12; i++ {
					if i < int(m) {
						mt.ThisYear[i] = -mo[0][i]
					}
					mt.PriorYear[i] = -mo[1][i]
				}
			}
			r.Monthly = append(r.Monthly, mt)
		}
	}
	c.fundingLine(fundingLine)
	net := sumLines("Netto", r.Operating.Lines, s.hasPrior, func(OperatingLine) bool { return true })
	if r.Operating.FundingFromSetting {
		// The funding row has no prior year: a Netto after funding beside
		// a prior year before it would compare unlike with unlike. The
		// lines before funding carry the prior year instead (SPEC 12.2).
		label := "Netto före " + strings.ToLower(c.in.Settings.Funding.Label)
		if c.in.Settings.Funding.Label == "" {
			label = "Netto före regionbidrag"
		}
		before := sumLines(label, r.Operating.Lines, s.hasPrior, func(l OperatingLine) bool { return !l.Funding })
		r.Operating.NetBeforeFunding = &before
		net.PriorYearAcc, net.CostDevelopment = nil, nil
	}
	r.Operating.Net = net
}

// sumLines is a sum row over the lines that keep selects, with the prior
// year and its cost development when the ledger has an earlier year.
func sumLines(label string, lines []OperatingLine, hasPrior bool, keep func(OperatingLine) bool) OperatingLine {
	sum := OperatingLine{Line: label}
	var prior money.Amount
	for _, l := range lines {
		if !keep(l) {
			continue
		}
		sum.AnnualBudget += l.AnnualBudget
		sum.BudgetAcc += l.BudgetAcc
		sum.OutcomeAcc += l.OutcomeAcc
		sum.DeviationAcc += l.DeviationAcc
		sum.Prognosis += l.Prognosis
		sum.PrognosisDeviation += l.PrognosisDeviation
		if l.PriorYearAcc != nil {
			prior += *l.PriorYearAcc
		}
	}
	if hasPrior {
		sum.PriorYearAcc = &prior
		sum.CostDevelopment = costDevelopment(sum.OutcomeAcc, prior)
	}
	return sum
}

func rowRef(row int) string {
	if row <= 0 {
		return ""
	}
	return fmt.Sprintf("rad %d", row)
}

// accumulatedBudget is the periodized budget through month m: the sum of
// the monthly key, or the annual budget × m/12 rounded half away from zero
// to the öre where there is no key.
func accumulatedBudget(b BudgetLine, m time.Month) money.Amount {
	if b.Monthly != nil {
		var s money.Amount
		for i := 0; i < int(m); i++ {
			s += b.Monthly[i]
		}
		return s
	}
	return money.Amount(money.DivRound(int64(b.Annual)*int64(m), 12))
}
