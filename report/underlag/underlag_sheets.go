package underlag

import (
	"fmt"
	"maps"
	"rapport/report"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"rapport/report/ledger"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// DefaultIndicatorDefs are the employee indicators of the plan's table 2,
// used when the workbook has no sheet Indikatordefinitioner.
func DefaultIndicatorDefs() []report.IndicatorDef {
	ref, target := 8.5, 5.2
	// Personalomsättning comes from the HR system as a rolling twelve-month
	// figure, so its latest value is the year's; Sjukfrånvaro is a monthly
	// rate, so the year's is the mean of January…report month (SPEC 7.4).
	return []report.IndicatorDef{
		{Name: "Personalomsättning",
			Description: "Andel medarbetare som avslutar sin anställning, går i pension av totalt antal tillsvidareanställda inom Region Halland. Region Hallands referensvärde är 8,5.",
			Unit:        "%", Reference: &ref, LowerIsBetter: true, Measure: report.MeasureLatest},
		{Name: "Sjukfrånvaro",
			Description: "Mäter medarbetares frånvaro på grund av sjukdom. Avser både korttidssjukfrånvaro och långtidssjukfrånvaro. Region Hallands målvärde är 5,2.",
			Unit:        "%", Target: &target, LowerIsBetter: true, Measure: report.MeasureMean},
	}
}

// eachRow calls fn for every non-empty row of a sheet without a header.
func (u *underlagReader) eachRow(sheet string, fn func(dataRow)) {
	rows, err := u.f.Rows(sheet)
	if err != nil {
		u.sheetError(sheet, "bladet går inte att läsa", "Spara arbetsboken på nytt i Excel")
		return
	}
	defer rows.Close()
	scanned := 0
	load := sheetLoad{book: &u.text}
	last := u.lastRow(sheet)
	for rows.Next() {
		if scanned++; last >= 0 && scanned > last {
			break
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			u.sheetError(sheet, "bladet är skadat och går inte att läsa till slut", "Spara arbetsboken på nytt i Excel")
			return
		}
		if allBlank(cells) {
			continue
		}
		n := rowNumber(rows, scanned)
		r := dataRow{n: n, cells: u.capCells(sheet, n, cells)}
		if msg := load.add(r.cells); msg != "" {
			u.sheetError(sheet, msg, budgetHint)
			return
		}
		fn(r)
	}
}

// readSettings reads Inställningar's key/value rows and applies --unit; --year
// is applied by Workbook.Read.
func (u *underlagReader) readSettings(unit string) {
	s := &u.in.Settings
	chart := ""
	chartCell := problem.Problem{}
	if sheet, ok := u.sheets[sheetSettings]; ok {
		seen := map[string]int{}
		fundingKey := "" // the bidrag key as written, for a second one
		u.eachRow(sheet, func(r dataRow) {
			// The key is the row's first filled cell and its value the cell
			// right of it, so that a note in a third column is no value.
			ki := 0
			for strings.TrimSpace(r.cells[ki]) == "" {
				ki++
			}
			// A key may carry a unit, "Regionbidrag (mnkr)", as a header does.
			key, keyUnit, keyHasUnit := splitUnit(r.cells[ki])
			switch key {
			case "installning", "nyckel", "parameter", "instruktion":
				return // a header row
			}
			name := ""
			for _, k := range settingKeys {
				if containsFolded(k.names, key) {
					name = k.key
				}
			}
			at := func(sev problem.Severity, col int, value, msg, hint string) {
				u.probs.Add(problem.At(sev, u.file, sheet, col, r.n, value, msg, hint))
			}
			if name == "" {
				var known []string
				for _, k := range settingKeys {
					known = append(known, k.names[0])
				}
				at(problem.Warning, ki+1, r.cells[ki], "är ingen känd inställning och bortses från",
					"Kända inställningar: "+strings.Join(known, ", "))
				return
			}
			val, col := strings.TrimSpace(cellAt(r.cells, ki+2)), ki+2
			if prev, dup := seen[name]; dup {
				if name == "funding" {
					if val != "" {
						at(problem.Error, ki+1, r.cells[ki], fmt.Sprintf("anges, men %s finns redan på rad %d", fundingKey, prev),
							"Enheten har ett bidrag, Regionbidrag eller Kommunbidrag: behåll en av raderna")
					}
					return
				}
				at(problem.Error, ki+1, r.cells[ki], fmt.Sprintf("inställningen finns redan på rad %d", prev), "Behåll en av raderna")
				return
			}
			if name != "funding" || val != "" {
				// An empty bidrag row (as the template writes) claims nothing.
				seen[name] = r.n
				if name == "funding" {
					fundingKey = strings.TrimSpace(r.cells[ki])
				}
			}
			if isExampleText(val) {
				at(problem.Error, col, val, "exempelraden från mallen är kvar", "Skriv ert eget värde eller lämna cellen tom")
				return
			}
			if !keyHasUnit {
				keyUnit = money.UnitKr
				if name == "materiality" {
					keyUnit = money.UnitMnkr
				}
			}
			switch name {
			case "unit":
				if val != "" {
					s.Unit = val
				}
			case "organisation":
				if val != "" {
					s.Organisation = val
				}
			case "year":
				if val == "" {
					return
				}
				y, ok := parseInt(val)
				if !ok || y < 2000 || y > 2100 {
					at(problem.Error, col, val, "är inte ett år", "Skriv året med fyra siffror, t.ex. 2026")
					return
				}
				s.Year = y
				u.yearCell = problem.At(problem.Error, u.file, sheet, col, r.n, val, "", "")
			case "chart":
				chart = val
				chartCell = problem.At(problem.Error, u.file, sheet, col, r.n, val, "", "")
			case "date":
				if val == "" {
					return
				}
				d, ok := u.parseDate(val)
				if !ok {
					at(problem.Error, col, val, "är inte ett datum", "Skriv datumet som åååå-mm-dd, t.ex. 2026-05-12")
					return
				}
				s.ReportDate = d
			case "case":
				s.CaseNumber = val
			case "body":
				s.DecisionBody = val
			case "meeting":
				if val == "" {
					return
				}
				d, ok := u.parseDate(val)
				if !ok {
					at(problem.Error, col, val, "är inte ett datum", "Skriv datumet som åååå-mm-dd, t.ex. 2026-06-09")
					return
				}
				s.MeetingDate = d
			case "example":
				if val == "" {
					return
				}
				b, ok := parseBool(val)
				if !ok {
					at(problem.Error, col, val, "är inte Ja eller Nej", "Skriv Ja eller Nej")
					return
				}
				s.Example = b
			case "funding":
				if val == "" {
					return
				}
				a, ok := u.settingAmount(at, col, val, keyUnit, keyHasUnit)
				if !ok {
					return
				}
				if a <= 0 {
					at(problem.Error, col, val, "är inte ett positivt belopp", "Skriv enhetens årliga bidrag som ett positivt belopp, t.ex. 371 200 000, eller ta bort raden")
					return
				}
				label := "Regionbidrag"
				if strings.HasPrefix(key, "kommun") {
					label = "Kommunbidrag"
				}
				s.Funding = &report.Funding{Label: label, Annual: a, Place: report.Place{File: u.file, Sheet: sheet, Row: r.n}}
			case "materiality":
				if val == "" {
					return
				}
				a, ok := u.settingAmount(at, col, val, keyUnit, keyHasUnit)
				if !ok {
					return
				}
				if a < 0 {
					at(problem.Error, col, val, "är negativ", "Skriv väsentlighetsgränsen i mnkr, t.ex. 0,5")
					return
				}
				s.Materiality = &a
			case "responsibility":
				sel, err := ledger.ParseSelector(val)
				s.Responsibility = sel // when wrong, it selects nothing
				if err != nil {
					at(problem.Error, col, val, err.Error(), "Skriv koder, intervall och prefix åtskilda med kommatecken, t.ex. 1000-1999, 2100, RK*")
				}
			}
		})
	}
	if unit != "" {
		s.Unit = unit
	}
	switch fold(chart) {
	case "", "region-bas", "regionbas", "region bas", "l-bas", "lbas":
		s.ChartName, u.in.Chart = report.RegionBas.Name, report.RegionBas
	case "kommun-bas", "kommunbas", "kommun bas":
		s.ChartName, u.in.Chart = report.KommunBas.Name, report.KommunBas
	default:
		chartCell.Message = "är ingen känd kontoplan"
		chartCell.Hint = "Skriv Region-Bas eller Kommun-Bas, eller lägg en egen kontoplan i bladet Kontoplan"
		u.probs.Add(chartCell)
	}
}

// settingAmount reads the amount of a key/value row. Its unit is the
// key's ("Regionbidrag (mnkr)"), or a unit written after the number
// ("371,2 mnkr"); the two must agree.
func (u *underlagReader) settingAmount(at func(problem.Severity, int, string, string, string), col int, val string, unit money.Unit, keyHasUnit bool) (money.Amount, bool) {
	num := val
	if f := strings.Fields(val); len(f) > 1 {
		if vu, ok := money.ParseUnit(f[len(f)-1]); ok {
			num = strings.Join(f[:len(f)-1], " ")
			if vu != unit && keyHasUnit {
				at(problem.Error, col, val, fmt.Sprintf("har enheten %s men nyckeln anger %s", vu, unit), "Ange enheten på ett ställe")
				return 0, false
			}
			unit = vu
		}
	}
	a, err := money.Parse(num, unit)
	if err != nil {
		at(problem.Error, col, val, "är inte ett belopp", "Skriv ett tal, t.ex. 371 200 000, eller med enhet: 371,2 mnkr")
		return 0, false
	}
	return a, true
}

// parseDate reads a date cell (a serial) or ISO text into YYYY-MM-DD.
func (u *underlagReader) parseDate(s string) (string, bool) {
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 32874 && f < 73051 {
		base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
		if u.date1904 {
			base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		return base.AddDate(0, 0, int(f)).Format("2006-01-02"), true
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

// readCalendar reads the optional sheet Kalender, replacing the default.
func (u *underlagReader) readCalendar() {
	t := u.readTable(sheetCalendar)
	if t == nil {
		return
	}
	var cal period.Calendar
	seen := map[period.Code]int{}
	bad := false
	for _, r := range t.rows {
		codeText, codeCol, _ := t.raw(r, fCode)
		name := t.text(r, fName)
		if codeText == "" {
			t.problem(problem.Error, r, t.cols[fCode].col, "", "Kod saknas", "Skriv periodens kod, t.ex. UR1")
			bad = true
			continue
		}
		code := period.Code(strings.ToUpper(codeText))
		if c, err := period.ParseCode(codeText); err == nil {
			code = c
		} else if !period.ValidCode(string(code)) {
			// The code becomes part of the report's file names.
			t.problem(problem.Error, r, codeCol, codeText, "är ingen giltig periodkod",
				"Använd bara bokstäver A–Ö och siffror, högst 6 tecken, t.ex. T1")
			bad = true
			continue
		}
		if prev, dup := seen[code]; dup {
			t.problem(problem.Error, r, codeCol, codeText, fmt.Sprintf("perioden finns redan på rad %d", prev), "Behåll en av raderna")
			bad = true
			continue
		}
		seen[code] = r.n
		ms, mcol, mst := t.raw(r, fLastMonth)
		mo, ok := u.parseMonthOfYear(ms)
		if mst != present || !ok {
			if mst != invalid {
				t.problem(problem.Error, r, mcol, ms, "är inte en månad", "Skriv månadens nummer (1–12) eller namn, t.ex. april")
			}
			bad = true
			continue
		}
		ks, kcol, _ := t.raw(r, fKind)
		kind, ok := parseKind(ks)
		if !ok {
			t.problem(problem.Error, r, kcol, ks, "är ingen rapporttyp", "Skriv Avvikelserapport, Fullständig eller Årsredovisning")
			bad = true
			continue
		}
		if name == "" {
			name = string(code)
		}
		cal = append(cal, period.Entry{Code: code, Name: name, LastMonth: mo, Kind: kind})
	}
	switch {
	case bad:
		// errors reported; the default stays so that other sheets still read
	case len(cal) == 0:
		u.probs.Add(problem.Problem{Severity: problem.Warning, File: u.file, Sheet: t.sheet,
			Message: "bladet har inga perioder, så standardkalendern används", Hint: "Fyll i bladet eller ta bort det"})
	default:
		sort.SliceStable(cal, func(i, j int) bool { return cal[i].LastMonth < cal[j].LastMonth })
		u.in.Calendar = cal
	}
}

// parseMonthOfYear reads 4, 04, april, apr, 2026-04 or a date cell.
func (u *underlagReader) parseMonthOfYear(s string) (time.Month, bool) {
	if n, ok := parseInt(s); ok && n >= 1 && n <= 12 {
		return time.Month(n), true
	}
	w := fold(strings.TrimSuffix(strings.TrimSpace(s), "."))
	for m := 1; m <= 12; m++ {
		if w == fold(period.MonthName(time.Month(m))) || w == fold(period.ShortMonthName(time.Month(m))) {
			return time.Month(m), true
		}
	}
	if m, msg := u.parsePeriod(s); msg == "" {
		return m.Month, true
	}
	return 0, false
}

func parseKind(s string) (period.Kind, bool) {
	for _, k := range calendarKinds {
		if containsFolded(k.names, fold(s)) {
			return k.kind, true
		}
	}
	return 0, false
}

// readChart reads the optional sheet Kontoplan, replacing the standard chart.
func (u *underlagReader) readChart() {
	defer u.setLines()
	t := u.readTable(sheetChart)
	if t == nil {
		return
	}
	type rng struct {
		report.AccountRange
		row dataRow
	}
	var ranges []rng
	bad := false
	for _, r := range t.rows {
		from, fst := t.integer(r, fFrom)
		to, tst := t.integer(r, fTo)
		lineText, lcol, _ := t.raw(r, fLine)
		if fst == invalid || tst == invalid {
			bad = true
			continue
		}
		ok := true
		for _, c := range []struct {
			v   int
			st  cellState
			key string
		}{{from, fst, fFrom}, {to, tst, fTo}} {
			if c.st == absent {
				t.problem(problem.Error, r, t.cols[c.key].col, "", "kontot saknas", "Skriv ett konto med fyra siffror, t.ex. 3000")
				ok = false
			} else if c.v < 1000 || c.v > 9999 {
				t.problem(problem.Error, r, t.cols[c.key].col, strconv.Itoa(c.v), "är inte ett konto med fyra siffror",
					"Ange intervallet med kontonas fyra första siffror, t.ex. 3000–3999")
				ok = false
			}
		}
		if ok && from > to {
			t.problem(problem.Error, r, t.cols[fTo].col, strconv.Itoa(to), fmt.Sprintf("är lägre än Från konto %d", from), "Byt plats på kontona")
			ok = false
		}
		if lineText == "" {
			t.problem(problem.Error, r, lcol, "", "Rad saknas", "Skriv vilken rad i tabell 4 kontona hör till, t.ex. Intäkter")
			ok = false
		}
		if !ok {
			bad = true
			continue
		}
		ranges = append(ranges, rng{report.AccountRange{From: from, To: to, Line: chartLine(lineText)}, r})
	}
	sort.SliceStable(ranges, func(i, j int) bool { return ranges[i].From < ranges[j].From })
	for i := 1; i < len(ranges); i++ {
		if a, b := ranges[i-1], ranges[i]; b.From <= a.To {
			t.problem(problem.Error, b.row, t.cols[fFrom].col, strconv.Itoa(b.From),
				fmt.Sprintf("överlappar intervallet %d–%d på rad %d", a.From, a.To, a.row.n),
				"Ett konto får bara höra till ett intervall")
			bad = true
		}
	}
	if bad {
		return
	}
	if len(ranges) == 0 {
		u.probs.Add(problem.Problem{Severity: problem.Warning, File: u.file, Sheet: t.sheet,
			Message: "bladet har inga kontointervall, så standardkontoplanen " + u.in.Chart.Name + " används", Hint: "Fyll i bladet eller ta bort det"})
		return
	}
	var out []report.AccountRange
	for _, r := range ranges {
		out = append(out, r.AccountRange)
	}
	// Accounts 1000–2999 stay balance sheet where the sheet leaves them.
	next := 1000
	var gaps []report.AccountRange
	for _, r := range out {
		if r.To < 1000 || r.From > 2999 {
			continue
		}
		if r.From > next {
			gaps = append(gaps, report.AccountRange{From: next, To: r.From - 1, Line: report.LineBalanceSheet})
		}
		next = max(next, r.To+1)
	}
	if next <= 2999 {
		gaps = append(gaps, report.AccountRange{From: next, To: 2999, Line: report.LineBalanceSheet})
	}
	out = append(gaps, out...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].From < out[j].From })
	u.in.Chart = report.Chart{Name: "Egen kontoplan", Ranges: out}
	u.in.Settings.ChartName = u.in.Chart.Name
}

// chartLine gives a Kontoplan Rad its canonical spelling when it names a
// standard line; other names are lines of their own.
func chartLine(s string) string {
	for _, l := range append(append([]string(nil), report.OperatingLines...), report.LineBalanceSheet, report.LineUnclassified) {
		if lineKey(l) == lineKey(s) {
			return l
		}
	}
	switch fold(s) {
	case "balans", "balansrakning", "balanskonto", "balanskonton":
		return report.LineBalanceSheet
	}
	return s
}

// setLines fixes the names a Rad may take: the lines of table 4 and the
// chart's own lines.
func (u *underlagReader) setLines() {
	u.lines = append([]string(nil), report.OperatingLines...)
	for _, r := range u.in.Chart.Ranges {
		if r.Line == report.LineBalanceSheet || r.Line == report.LineUnclassified {
			continue
		}
		found := false
		for _, l := range u.lines {
			found = found || l == r.Line
		}
		if !found {
			u.lines = append(u.lines, r.Line)
		}
	}
}

// matchLine gives the canonical line a Rad names.
func (u *underlagReader) matchLine(s string) (string, bool) {
	for _, l := range u.lines {
		if lineKey(l) == lineKey(s) {
			return l, true
		}
	}
	return "", false
}

// lineKey is the form in which line names are compared: folded, and
// "driftkostnader" for "driftskostnader", since Swedish writes both.
func lineKey(s string) string {
	return strings.ReplaceAll(fold(s), "driftskostnad", "driftkostnad")
}

// isNetRow reports whether a Rad is a sum row rather than a line.
func isNetRow(s string) bool {
	switch fold(s) {
	case "netto", "nettobudget", "summa", "totalt", "total", "summa netto", "netto totalt", "nettokostnad", "nettoprognos", "resultat":
		return true
	}
	return false
}

// krText formats an amount for a message, with plain spaces: a message is
// quoted and copied, where a no-break space shows as an escape.
func krText(a money.Amount) string {
	return strings.ReplaceAll(a.FormatKr(), money.NoBreakSpace, " ")
}

func isCostLine(l string) bool { return l == report.LinePersonnel || l == report.LineOther }

// readGoals reads the sheet Mål.
func (u *underlagReader) readGoals() {
	t := u.readTable(sheetGoals)
	if t == nil {
		return
	}
	focus, council := "", ""
	seen := map[string]int{}
	for _, r := range t.rows {
		nr, nrCol, _ := t.raw(r, fNr)
		f, c, b := t.text(r, fFocus), t.text(r, fCouncilGoal), t.text(r, fBoardGoal)
		if nr == "" && c == "" && b == "" && f != "" {
			focus = f // a heading row naming the focus area
			continue
		}
		if f != "" {
			if f != focus {
				council = ""
			}
			focus = f
		}
		if c != "" {
			council = c
		}
		if nr == "" && b == "" && c != "" {
			// A council goal with no board goal of its own (cancer care in
			// the 2026 plan) keeps its row without a number (SPEC 2.3).
			u.in.Goals = append(u.in.Goals, report.Goal{FocusArea: focus, CouncilGoal: council})
			continue
		}
		if nr == "" {
			t.problem(problem.Error, r, t.cols[fNr].col, "", "målet saknar Nr", "Ge varje mål ett nummer, t.ex. 1")
			continue
		}
		if prev, dup := seen[fold(nr)]; dup {
			t.problem(problem.Error, r, nrCol, nr, fmt.Sprintf("målnumret finns redan på rad %d", prev), "Ge varje mål ett eget nummer")
			continue
		}
		seen[fold(nr)] = r.n
		u.in.Goals = append(u.in.Goals, report.Goal{Nr: nr, FocusArea: focus, CouncilGoal: council, BoardGoal: b})
	}
	if len(t.rows) == 0 {
		u.probs.Add(problem.Problem{Severity: problem.Warning, File: u.file, Sheet: t.sheet, Row: t.header,
			Message: "bladet har inga mål under rubrikraden", Hint: "Skriv planens mål, ett per rad"})
	}
}

// readAssessments reads the sheet Målbedömning.
func (u *underlagReader) readAssessments() {
	t := u.readTable(sheetAssess)
	if t == nil {
		return
	}
	goals := map[string]string{}
	var nrs []string
	for _, g := range u.in.Goals {
		if g.Nr == "" {
			continue // a council goal without a board goal is not assessed by number
		}
		goals[fold(g.Nr)] = g.Nr
		nrs = append(nrs, g.Nr)
	}
	type key struct {
		nr string
		m  period.Month
	}
	seen := map[key]int{}
	for _, r := range t.rows {
		nr, nrCol, _ := t.raw(r, fNr)
		m, mst := t.month(r, fPeriod)
		word, wcol, wst := t.raw(r, fLevel)
		analysis := t.text(r, fAnalysis)
		ok := mst == present && wst != invalid
		if nr == "" {
			t.problem(problem.Error, r, t.cols[fNr].col, "", "Nr saknas", "Skriv numret på målet som bedöms, som i bladet Mål")
			ok = false
		} else if canon, known := goals[fold(nr)]; known {
			nr = canon
		} else if len(goals) > 0 {
			t.problem(problem.Error, r, nrCol, nr, "finns inte i bladet Mål", "Använd ett av målnumren "+listShort(nrs))
			ok = false
		}
		level, known := t.assessed(r, mst, word, wcol)
		ok = ok && known
		if !ok {
			continue
		}
		k := key{fold(nr), m}
		if prev, dup := seen[k]; dup {
			t.problem(problem.Error, r, nrCol, nr, fmt.Sprintf("målet har redan en bedömning för %s på rad %d", m, prev), "Behåll en av raderna")
			continue
		}
		seen[k] = r.n
		u.in.Assessments = append(u.in.Assessments, report.Assessment{Nr: nr, Month: m, Level: level, Word: word,
			Analysis: analysis, Place: t.placeAt(r, fAnalysis)})
	}
}

// assessed checks the Period and Bedömning of an assessment row
// (Målbedömning, Planuppföljning): a missing period and an unknown word
// are errors at their cells. ok is false for an unknown word.
func (t *table) assessed(r dataRow, mst cellState, word string, wcol int) (report.Level, bool) {
	if mst == absent {
		t.problem(problem.Error, r, t.cols[fPeriod].col, "", "Period saknas", "Skriv perioden som bedömningen gäller, t.ex. UR1")
	}
	level, known := report.ParseLevel(word)
	if !known {
		hint := "Välj ett av: " + strings.Join(report.AssessmentWords, ", ")
		if near := report.NearestAssessmentWord(word); near != "" {
			hint = fmt.Sprintf("Menar du %q? ", near) + hint
		}
		t.problem(problem.Error, r, wcol, word, "är ingen bedömning", hint)
	}
	return level, known
}

// listShort joins up to 15 items for a hint.
func listShort(items []string) string {
	if len(items) > 15 {
		return strings.Join(items[:15], ", ") + " …"
	}
	return strings.Join(items, ", ")
}

// lineOf reads a Rad cell: the canonical line, whether it is a sum row,
// and whether the row can be used.
func (t *table) lineOf(r dataRow) (line string, net bool, ok bool) {
	s, col, st := t.raw(r, fLine)
	switch {
	case st == invalid:
		return "", false, false
	case s == "":
		t.problem(problem.Error, r, t.cols[fLine].col, "", "Rad saknas", "Skriv en av: "+strings.Join(t.u.lines, ", "))
		return "", false, false
	case isNetRow(s):
		return s, true, true
	}
	l, known := t.u.matchLine(s)
	if !known {
		t.problem(problem.Error, r, col, s, "är ingen rad i tabell 4", "Skriv en av: "+strings.Join(t.u.lines, ", "))
		return "", false, false
	}
	return l, false, true
}

// netCheck is a sum row waiting to be checked against its lines.
type netCheck struct {
	row    dataRow
	col    int
	amount money.Amount
}

func (t *table) checkNet(n netCheck, sum money.Amount) {
	if d := n.amount - sum; d > money.Kr || d < -money.Kr {
		t.problem(problem.Warning, n.row, n.col, krText(n.amount),
			fmt.Sprintf("stämmer inte med summan av raderna, %s kr; summan av raderna används", krText(sum)),
			"Rätta summaraden eller ta bort den; kostnader räknas negativa")
	}
}

// orient puts amounts in the report's sign: a cost line entered positive is
// a cost. by is the figure whose sign tells how the row was entered.
func (t *table) orient(r dataRow, line string, by money.Amount, col int, amounts ...*money.Amount) {
	switch {
	case isCostLine(line) && by > 0:
		for _, a := range amounts {
			*a = -*a
		}
	case line == report.LineRevenue && by < 0:
		t.problem(problem.Warning, r, col, krText(by), "Intäkter är negativa",
			"Intäkter skrivs positiva och kostnader negativa eller positiva; kontrollera tecknet")
	}
}

// readBudget reads the sheet Driftbudget.
func (u *underlagReader) readBudget() {
	t := u.readTable(sheetBudget)
	if t == nil {
		return
	}
	months := 0
	var missing []string
	for m := 1; m <= 12; m++ {
		if t.has(monthKey(m)) {
			months++
		} else {
			missing = append(missing, period.ShortMonthName(time.Month(m)))
		}
	}
	if months == 0 {
		// A monthly column whose header is not read would leave the budget
		// periodized by 1/12 without a word: say which header it is.
		for i, h := range t.headerCells {
			if _, known := t.fieldAt(i + 1); !known && looksLikeMonth(h) {
				u.probs.Add(problem.At(problem.Error, u.file, t.sheet, i+1, t.header, h,
					"ser ut som en månadskolumn men går inte att läsa som en månad i planåret, så månadsbudgeten skulle inte användas",
					"Skriv månaderna som Jan, Feb … Dec (eller januari … december, 2026-01 …) i planåret, eller ta bort månadskolumnerna"))
				months = -1
			}
		}
		if months < 0 {
			return
		}
	}
	if months > 0 && months < 12 {
		u.probs.Add(problem.Problem{Severity: problem.Error, File: u.file, Sheet: t.sheet, Row: t.header,
			Message: "månadskolumner saknas: " + strings.Join(missing, ", "),
			Hint:    "Ha alla tolv månadskolumnerna Jan–Dec, eller ingen (då periodiseras årsbudgeten med 1/12 per månad)"})
		return
	}
	seen := map[string]int{}
	var nets []netCheck
	var sum money.Amount
	costsPositive := false
	var financial *netCheck // a positive Finansiella poster, to question
	for _, r := range t.rows {
		line, net, ok := t.lineOf(r)
		annual, ast := t.amount(r, fAnnual)
		var monthly [12]money.Amount
		anyMonth, bad := false, ast == invalid || !ok
		for m := 1; m <= 12 && months == 12; m++ {
			a, st := t.amount(r, monthKey(m))
			monthly[m-1] = a
			anyMonth = anyMonth || st == present
			bad = bad || st == invalid
		}
		if bad {
			continue
		}
		monthSum := money.Sum(monthly[:]...)
		annualCol := t.cols[fAnnual].col
		if ast == absent {
			if !anyMonth {
				t.problem(problem.Error, r, annualCol, "", "Årsbudget saknas", "Skriv radens årsbudget")
				continue
			}
			annual = monthSum
		}
		if net {
			nets = append(nets, netCheck{r, annualCol, annual})
			continue
		}
		if anyMonth {
			if d := monthSum - annual; d > money.Kr || d < -money.Kr {
				t.problem(problem.Warning, r, annualCol, krText(annual),
					fmt.Sprintf("är inte summan av månaderna, %s kr (skillnad %s kr)", krText(monthSum), krText(d)),
					"Rätta månadsbeloppen eller årsbudgeten; budget ack räknas på månaderna")
			}
		}
		group := t.text(r, fGroupName) // Grupp (SPEC 14): one row per group and line
		if prev, dup := seen[fold(group)+"\x00"+line]; dup {
			t.problem(problem.Error, r, t.cols[fLine].col, line, fmt.Sprintf("raden finns redan på rad %d", prev), "Slå ihop raderna till en")
			continue
		}
		seen[fold(group)+"\x00"+line] = r.n
		by := annual
		if by == 0 {
			by = monthSum
		}
		ptrs := []*money.Amount{&annual}
		for i := range monthly {
			ptrs = append(ptrs, &monthly[i])
		}
		costsPositive = costsPositive || isCostLine(line) && by > 0
		if line == report.LineFinancial && annual > 0 {
			financial = &netCheck{r, annualCol, annual}
		}
		t.orient(r, line, by, annualCol, ptrs...)
		if u.budgetAt == nil {
			u.budgetAt = map[string]budgetCell{}
		}
		u.budgetAt[line] = budgetCell{annual: annual, cell: t.sheet + "!" + problem.CellName(annualCol, r.n)}
		b := report.BudgetLine{Line: line, Annual: annual, Place: t.place(r), Group: group}
		if anyMonth {
			mm := monthly
			b.Monthly = &mm
		}
		sum += annual
		u.in.Budget = append(u.in.Budget, b)
	}
	for _, n := range nets {
		t.checkNet(n, sum)
	}
	if financial != nil && costsPositive {
		// Finansiella poster can be either sign, so it is taken as written;
		// but where the costs are written positive, a positive one may be
		// meant as a cost: say so rather than read it silently as income.
		t.problem(problem.Warning, financial.row, financial.col, krText(financial.amount),
			"Finansiella poster är positiv och räknas som en intäkt, men kostnaderna på de andra raderna är skrivna positiva",
			"Är raden en nettokostnad, skriv den negativ; Finansiella poster tas som de skrivs (intäkt +, kostnad −)")
	}
	if len(u.in.Budget) == 0 && len(t.rows) == 0 {
		u.probs.Add(problem.Problem{Severity: problem.Warning, File: u.file, Sheet: t.sheet, Row: t.header,
			Message: "bladet har ingen budget under rubrikraden", Hint: "Skriv årsbudgeten per rad i tabell 4"})
	}
}

// fieldAt reports whether a column of the header was matched to a field.
func (t *table) fieldAt(col int) (string, bool) {
	for k, c := range t.cols {
		if c.col == col {
			return k, true
		}
	}
	return "", false
}

// looksLikeMonth reports whether a header names a month in a form the
// reader does not take ("Budget jan", "2025-01"): a word that is a month's
// name or abbreviation, or a month with a year.
func looksLikeMonth(h string) bool {
	if _, err := period.ParseMonth(h); err == nil {
		return true
	}
	words := strings.FieldsFunc(fold(h), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		for m := time.January; m <= time.December; m++ {
			if w == period.ShortMonthName(m) || w == period.MonthName(m) {
				return true
			}
		}
	}
	return false
}

// readPrognoses reads the sheet Prognos.
func (u *underlagReader) readPrognoses() {
	t := u.readTable(sheetPrognosis)
	if t == nil {
		return
	}
	type key struct {
		m           period.Month
		group, line string
	}
	seen := map[key]int{}
	nets := map[period.Month][]netCheck{}
	sums := map[period.Month]money.Amount{}
	col := t.cols[fPrognosis].col
	for _, r := range t.rows {
		m, mst := t.month(r, fPeriod)
		line, net, ok := t.lineOf(r)
		a, ast := t.amount(r, fPrognosis)
		if mst == absent {
			t.problem(problem.Error, r, t.cols[fPeriod].col, "", "Period saknas", "Skriv månaden eller perioden då prognosen gjordes, t.ex. UR1")
		}
		if ast == absent {
			t.problem(problem.Error, r, col, "", "Årsprognos saknas", "Skriv radens prognos för helåret")
		}
		if mst != present || ast != present || !ok {
			continue
		}
		if net {
			nets[m] = append(nets[m], netCheck{r, col, a})
			continue
		}
		group := t.text(r, fGroupName) // Grupp (SPEC 14): one row per group and line
		k := key{m, fold(group), line}
		if prev, dup := seen[k]; dup {
			t.problem(problem.Error, r, t.cols[fLine].col, line, fmt.Sprintf("raden har redan en prognos för %s på rad %d", m, prev), "Behåll en av raderna")
			continue
		}
		seen[k] = r.n
		written := a
		t.orient(r, line, a, col, &a)
		t.checkPrognosis(r, t.cols[fPrognosis], strings.TrimSpace(cellAt(r.cells, col)), line, written, a)
		sums[m] += a
		u.in.Prognoses = append(u.in.Prognoses, report.Prognosis{Month: m, Line: line, Annual: a,
			Comment: t.text(r, fComment), Place: t.place(r), Group: group})
	}
	for m, ns := range nets {
		for _, n := range ns {
			t.checkNet(n, sums[m])
		}
	}
}

// readInvestments reads the sheet Investeringar.
func (u *underlagReader) readInvestments() {
	t := u.readTable(sheetInvest)
	if t == nil {
		return
	}
	for _, k := range []string{fSpent, fPrognosis, fComment} {
		if !t.has(k) {
			u.probs.Add(problem.Problem{Severity: problem.Warning, File: u.file, Sheet: t.sheet, Row: t.header,
				Message: fmt.Sprintf("kolumnen %q saknas; planen kräver ackumulerad förbrukning, prognos och analys för varje investering", t.schema.fieldFor(k).names[0]),
				Hint:    "Lägg till kolumnen " + namesNote(t.schema.fieldFor(k).names)})
		}
	}
	years := make([]int, 0, len(t.years))
	for y := range t.years {
		years = append(years, y)
	}
	sort.Ints(years)
	type key struct {
		group, name, project string
		m                    period.Month
	}
	seen := map[key]int{}
	var sums investSums
	group := ""
	for _, r := range t.rows {
		g := t.text(r, fGroup)
		name, nameCol, _ := t.raw(r, fInvestment)
		if isSumText(g) || isSumText(name) {
			// "Summa reinvesteringar", a total under the table: table 5
			// sums the investments itself, and this one would count twice.
			// It is left out only where its budget is that sum: an
			// investment named "Total-renovering av kök" would otherwise
			// vanish from table 5 without a word.
			col := nameCol
			if isSumText(g) {
				col = t.cols[fGroup].col
			}
			sums.check(t, r, years, col)
			continue
		}
		if g != "" {
			group = canonicalGroup(g)
		}
		if name == "" {
			if g != "" && onlyCell(r, t.cols[fGroup].col) {
				continue // a heading row naming the group
			}
			t.problem(problem.Error, r, t.cols[fInvestment].col, "", "Investering saknas", "Skriv investeringens namn")
			continue
		}
		if group == "" {
			t.problem(problem.Error, r, t.cols[fGroup].col, "", "Grupp saknas", "Välj "+strings.Join(InvestmentGroups, " eller "))
			continue
		}
		inv := report.Investment{Group: group, Name: name, Project: t.text(r, fProject), Comment: t.text(r, fComment), Place: t.placeAt(r, fComment)}
		bad := false
		var st cellState
		inv.TotalBudget, st = t.amount(r, fTotalBudget)
		bad = bad || st == invalid
		if st == absent {
			t.problem(problem.Warning, r, t.cols[fTotalBudget].col, "", "Total budget saknas och räknas som 0", "Skriv investeringens totala budget")
		}
		for _, y := range years {
			a, st := t.amountAt(r, t.years[y])
			bad = bad || st == invalid
			if st == present {
				if inv.PlanYears == nil {
					inv.PlanYears = map[int]money.Amount{}
				}
				inv.PlanYears[y] = a
			}
		}
		inv.Month, st = t.month(r, fPeriod)
		bad = bad || st == invalid
		for _, p := range []struct {
			key string
			dst **money.Amount
		}{{fSpent, &inv.Spent}, {fPrognosis, &inv.Prognosis}, {fPriorSpent, &inv.PriorYearsSpent}, {fProgTotal, &inv.PrognosisTotal}} {
			a, st := t.amount(r, p.key)
			bad = bad || st == invalid
			if st == present {
				*p.dst = &a
			}
		}
		if bad {
			continue
		}
		k := key{fold(group), fold(name), fold(inv.Project), inv.Month}
		if prev, dup := seen[k]; dup {
			t.problem(problem.Error, r, nameCol, name, fmt.Sprintf("investeringen finns redan på rad %d för samma period", prev), "Behåll en av raderna")
			continue
		}
		seen[k] = r.n
		sums.add(inv)
		if inv.Spent == nil && inv.Project == "" && t.has(fSpent) {
			t.problem(problem.Warning, r, t.cols[fSpent].col, "", "Ackumulerad förbrukning saknas", "Skriv förbrukningen hittills, eller ett projektnummer så att den räknas från huvudboken")
		}
		if inv.Prognosis == nil && t.has(fPrognosis) {
			t.problem(problem.Warning, r, t.cols[fPrognosis].col, "", "Prognos saknas", "Skriv prognosen för året")
		}
		if inv.Comment == "" && t.has(fComment) {
			t.problem(problem.Warning, r, t.cols[fComment].col, "", "analys saknas i Kommentar", "Förklara förbrukningen och prognosen")
		}
		u.in.Investments = append(u.in.Investments, inv)
	}
}

// investSums are the budgets of the investments read so far, each
// investment counted once (its period rows repeat the same budget), for
// verifying sum rows as SPEC 6.1 verifies the ledger's: against the
// investments since any earlier sum row, or all above.
type investSums struct {
	counted map[string]bool
	now     investSum
	marks   []investSum // the sums at each sum row and where a group begins
	group   string      // the group of the last investment counted
}

type investSum struct {
	total money.Amount
	years map[int]money.Amount
}

func (s *investSums) add(inv report.Investment) {
	k := fold(inv.Group) + "\x00" + fold(inv.Name) + "\x00" + fold(inv.Project)
	if s.counted[k] {
		return
	}
	if s.counted == nil {
		s.counted = map[string]bool{}
	}
	s.counted[k] = true
	if fold(inv.Group) != s.group {
		// A group's sum row may follow its rows without a subtotal
		// above them.
		s.mark()
		s.group = fold(inv.Group)
	}
	s.now.total += inv.TotalBudget
	for y, a := range inv.PlanYears {
		if s.now.years == nil {
			s.now.years = map[int]money.Amount{}
		}
		s.now.years[y] += a
	}
}

// mark keeps the sums so far, for a later sum row to count from.
func (s *investSums) mark() {
	s.marks = append(s.marks, investSum{total: s.now.total, years: maps.Clone(s.now.years)})
}

// check reports a sum row whose Total budget and plan years are not the
// sum of the investments since an earlier sum row or the start of their
// group, or of all above; a row
// without those figures but with others cannot be checked and is reported
// too. A row without any figure drops nothing.
func (s *investSums) check(t *table, r dataRow, years []int, col int) {
	defer s.mark()
	total, tst := t.amount(r, fTotalBudget)
	if tst == invalid {
		return
	}
	yearAmt := map[int]money.Amount{}
	bad := false
	for _, y := range years {
		a, st := t.amountAt(r, t.years[y])
		bad = bad || st == invalid
		if st == present {
			yearAmt[y] = a
		}
	}
	if bad {
		return
	}
	if tst != present && len(yearAmt) == 0 {
		other := false
		for _, k := range []string{fSpent, fPrognosis, fPriorSpent, fProgTotal} {
			if _, st := t.amount(r, k); st != absent {
				other = true
			}
		}
		if !other {
			return
		}
	} else {
		for i := -1; i < len(s.marks); i++ {
			from := investSum{} // all above
			if i >= 0 {
				from = s.marks[i]
			}
			ok := tst != present || total == s.now.total-from.total
			for y, a := range yearAmt {
				ok = ok && a == s.now.years[y]-from.years[y]
			}
			if ok {
				return
			}
		}
	}
	label := strings.TrimSpace(cellAt(r.cells, col))
	t.problem(problem.Error, r, col, label,
		fmt.Sprintf("raden börjar som en summarad (%q) men dess Total budget och planår är inte summan av investeringarna ovanför: den räknas varken som summa eller som investering", label),
		"Är raden en investering: ge den ett namn som inte börjar med Summa, Delsumma, Totalt eller Total. Är den en summarad: rätta beloppen eller ta bort raden (tabell 5 summerar själv)")
}

// isSumText reports whether a cell begins with Summa, Delsumma, Totalt or
// Total as a word, as a sum row in a hand-filled table does: "Summa",
// "Summa reinvesteringar", "TOTALT:", not "Totalrenovering".
func isSumText(s string) bool {
	w := strings.FieldsFunc(fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(w) == 0 {
		return false
	}
	switch w[0] {
	case "summa", "delsumma", "totalt", "total":
		return true
	}
	return false
}

// canonicalGroup spells a known group as the plan does.
func canonicalGroup(g string) string {
	for _, c := range InvestmentGroups {
		if fold(c) == fold(g) {
			return c
		}
	}
	return g
}

func onlyCell(r dataRow, col int) bool {
	for i, c := range r.cells {
		if i+1 != col && strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readIndicatorDefs reads Indikatordefinitioner, or takes the plan's.
func (u *underlagReader) readIndicatorDefs() {
	u.in.IndicatorDefs = DefaultIndicatorDefs()
	t := u.readTable(sheetIndDefs)
	if t == nil {
		return
	}
	var defs []report.IndicatorDef
	seen := map[string]int{}
	bad := false
	for _, r := range t.rows {
		name, col, _ := t.raw(r, fIndicator)
		if name == "" {
			t.problem(problem.Error, r, t.cols[fIndicator].col, "", "Indikator saknas", "Skriv indikatorns namn")
			bad = true
			continue
		}
		if prev, dup := seen[fold(name)]; dup {
			t.problem(problem.Error, r, col, name, fmt.Sprintf("indikatorn finns redan på rad %d", prev), "Behåll en av raderna")
			bad = true
			continue
		}
		seen[fold(name)] = r.n
		d := report.IndicatorDef{Name: name, Description: t.text(r, fDescription), Unit: t.text(r, fUnit)}
		for _, p := range []struct {
			key string
			dst **float64
		}{{fTarget, &d.Target}, {fReference, &d.Reference}} {
			v, st := t.number(r, p.key)
			bad = bad || st == invalid
			if st == present {
				*p.dst = &v
			}
		}
		lower, st := t.boolean(r, fLowerBetter)
		bad = bad || st == invalid
		d.LowerIsBetter = lower
		if ms, mcol, mst := t.raw(r, fMeasure); mst == present {
			m, ok := parseMeasure(ms)
			if !ok {
				t.problem(problem.Error, r, mcol, ms, "är inget mått", "Skriv Medel (medelvärdet januari–rapportmånaden) eller Senaste (det senaste värdet), eller lämna tomt")
				bad = true
			}
			d.Measure = m
		} else if mst == invalid {
			bad = true
		}
		defs = append(defs, d)
	}
	if len(defs) == 0 && !bad {
		u.probs.Add(problem.Problem{Severity: problem.Warning, File: u.file, Sheet: t.sheet, Row: t.header,
			Message: "bladet har inga indikatorer, så planens tabell 2 används", Hint: "Fyll i bladet eller ta bort det"})
		return
	}
	if !bad {
		u.in.IndicatorDefs = defs
	}
}

// readIndicatorValues reads the sheet Indikatorer.
func (u *underlagReader) readIndicatorValues() {
	t := u.readTable(sheetIndValues)
	if t == nil {
		return
	}
	names := map[string]string{}
	var list []string
	for _, d := range u.in.IndicatorDefs {
		names[fold(d.Name)] = d.Name
		list = append(list, d.Name)
	}
	type key struct {
		name string
		m    period.Month
	}
	seen := map[key]int{}
	for _, r := range t.rows {
		name, ncol, _ := t.raw(r, fIndicator)
		m, mst := t.month(r, fPeriod)
		v, vst := t.number(r, fValue)
		canon, known := names[fold(name)]
		ok := mst == present && vst == present && known
		switch {
		case name == "":
			t.problem(problem.Error, r, t.cols[fIndicator].col, "", "Indikator saknas", "Skriv en av: "+strings.Join(list, ", "))
		case !known:
			t.problem(problem.Error, r, ncol, name, "är ingen definierad indikator",
				"Skriv en av: "+strings.Join(list, ", ")+", eller definiera den i bladet Indikatordefinitioner")
		}
		if mst == absent {
			t.problem(problem.Error, r, t.cols[fPeriod].col, "", "Period saknas", "Skriv månaden värdet gäller, t.ex. 2026-04")
		}
		if vst == absent {
			t.problem(problem.Error, r, t.cols[fValue].col, "", "Värde saknas", "Skriv värdet, t.ex. 5,2, eller ta bort raden")
		}
		if !ok {
			continue
		}
		k := key{canon, m}
		if prev, dup := seen[k]; dup {
			t.problem(problem.Error, r, ncol, name, fmt.Sprintf("indikatorn har redan ett värde för %s på rad %d", m, prev), "Behåll en av raderna")
			continue
		}
		seen[k] = r.n
		u.in.IndicatorValue = append(u.in.IndicatorValue, report.IndicatorValue{Name: canon, Month: m, Value: v, Place: t.place(r)})
	}
}
