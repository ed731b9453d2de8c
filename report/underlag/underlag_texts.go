package underlag

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// The sheets and checks of SPEC section 7: the controllers' texts, the
// follow-up of the plan's other parts, and the input checks that keep a
// unit slip or a template's example row from reaching the board.

// readTexts reads the optional sheet Texter.
func (u *underlagReader) readTexts() {
	t := u.readTable(sheetTexts)
	if t == nil {
		return
	}
	type key struct {
		m       period.Month
		section report.TextSection
	}
	seen := map[key]string{} // the cell of the first text
	for _, r := range t.rows {
		m, mst := t.month(r, fPeriod)
		raw, scol, _ := t.raw(r, fSection)
		text, tcol, tst := t.raw(r, fText)
		section, known := parseSection(raw)
		ok := mst == present && tst != invalid
		if mst == absent {
			t.problem(problem.Error, r, t.cols[fPeriod].col, "", "Period saknas", "Skriv perioden som texten hör till, t.ex. UR1")
		}
		switch {
		case raw == "":
			t.problem(problem.Error, r, t.cols[fSection].col, "", "Avsnitt saknas", "Välj ett av: "+sectionList())
			ok = false
		case !known:
			t.problem(problem.Error, r, scol, raw, "är inget avsnitt", "Välj ett av: "+sectionList())
			ok = false
		}
		if ok && tst == absent {
			t.problem(problem.Warning, r, t.cols[fText].col, "", "Text saknas; raden bortses från", "Skriv texten eller ta bort raden")
			continue
		}
		if !ok {
			continue
		}
		k := key{m, section}
		cell := t.sheet + "!" + problem.CellName(tcol, r.n)
		if prev, dup := seen[k]; dup {
			t.problem(problem.Error, r, tcol, text,
				fmt.Sprintf("avsnittet %s har redan en text för %s i %s", section, m, prev),
				"Skriv avsnittets text i en cell (stycken skiljs med en tom rad), eller ta bort den ena raden")
			continue
		}
		seen[k] = cell
		place := t.place(r)
		place.Col = tcol
		u.in.Texts = append(u.in.Texts, report.Text{Month: m, Section: section, Text: normaliseText(text), Place: place})
	}
}

// parseSection reads an Avsnitt, ignoring case, spaces and diacritics as
// for headers: "atgarder" is Åtgärder.
func parseSection(s string) (report.TextSection, bool) {
	for _, sec := range report.TextSections {
		if fold(string(sec)) == fold(s) {
			return sec, true
		}
	}
	return "", false
}

// normaliseText keeps a text's paragraphs: line breaks become \n, and runs
// of more than one empty line one empty line.
func normaliseText(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(s, "\n")
	var out []string
	blank := false
	for _, l := range lines {
		l = strings.TrimRightFunc(l, unicode.IsSpace)
		if strings.TrimSpace(l) == "" {
			blank = len(out) > 0
			continue
		}
		if blank {
			out = append(out, "")
			blank = false
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// readPlanItems reads the optional sheet Planuppföljning.
func (u *underlagReader) readPlanItems() {
	t := u.readTable(sheetPlan)
	if t == nil {
		return
	}
	type key struct {
		part, activity string
		m              period.Month
	}
	seen := map[key]int{}
	part := ""
	for _, r := range t.rows {
		if p := t.text(r, fPart); p != "" {
			part = p // an empty Del continues the part above, as merged cells read
		}
		activity, acol, _ := t.raw(r, fActivity)
		m, mst := t.month(r, fPeriod)
		word, wcol, wst := t.raw(r, fLevel)
		if activity == "" {
			if t.text(r, fPart) != "" && onlyCell(r, t.cols[fPart].col) {
				continue // a heading row naming the part
			}
			t.problem(problem.Error, r, t.cols[fActivity].col, "", "Aktivitet saknas", "Skriv vilken del av planen som följs upp")
			continue
		}
		level, known := t.assessed(r, mst, word, wcol)
		if mst != present || wst == invalid || !known {
			continue
		}
		k := key{fold(part), fold(activity), m}
		if prev, dup := seen[k]; dup {
			t.problem(problem.Error, r, acol, activity, fmt.Sprintf("aktiviteten har redan en bedömning för %s på rad %d", m, prev), "Behåll en av raderna")
			continue
		}
		seen[k] = r.n
		u.in.PlanItems = append(u.in.PlanItems, report.PlanItem{Part: part, Activity: activity, Month: m, Level: level,
			Word: word, Analysis: t.text(r, fAnalysis), Place: t.placeAt(r, fAnalysis)})
	}
}

// parseMeasure reads Mått; empty is the default.
func parseMeasure(s string) (report.Measure, bool) {
	if strings.TrimSpace(s) == "" {
		return report.MeasureDefault, true
	}
	for _, m := range measureWords {
		if containsFolded(m.names, fold(s)) {
			return m.measure, true
		}
	}
	return report.MeasureDefault, false
}

// isExampleText reports whether a cell is a template example left in: a
// text whose first word is "Exempel" ("Exempel: IT-system"). "Exempelvis"
// and the key Exempeldata are words of their own, not examples; nor is a
// sentence that goes on in lower case, "Exempel på åtgärder är …", as a
// controller's analysis may well begin.
func isExampleText(s string) bool {
	s = strings.TrimSpace(s)
	const w = "exempel"
	if len(s) < len(w) || !strings.EqualFold(s[:len(w)], w) {
		return false
	}
	rest := s[len(w):]
	next, _ := utf8.DecodeRuneInString(rest)
	if next != utf8.RuneError && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
		return false
	}
	if after := strings.TrimLeftFunc(rest, unicode.IsSpace); len(after) < len(rest) {
		word, _ := utf8.DecodeRuneInString(after)
		return !unicode.IsLower(word)
	}
	return true
}

// checkExampleRow reports a row holding a template example: one error
// per row, at its first such cell.
func (u *underlagReader) checkExampleRow(sheet string, r dataRow) {
	for i, c := range r.cells {
		if isExampleText(c) {
			u.probs.Add(problem.At(problem.Error, u.file, sheet, i+1, r.n, c,
				"exempelraden från mallen är kvar", "Ta bort raden, eller skriv era egna uppgifter i den"))
			return
		}
	}
}

// Unit-slip check (SPEC 7.6): a line whose budget and prognosis are both
// non-zero, the larger at least 100 000 kr, and more than 20 times apart.
const (
	slipFloor = 100_000 * money.Kr
	slipRatio = 20
)

// checkPrognosis holds a prognosis against its line's Årsbudget: a unit
// slip is an error, opposite signs a warning, both at the prognosis cell.
// value is the cell as written, written its amount as written (before a
// cost entered positive is turned), prog the amount in the report's sign.
func (t *table) checkPrognosis(r dataRow, c column, value, line string, written, prog money.Amount) {
	b, ok := t.u.budgetAt[line]
	if !ok || b.annual == 0 || prog == 0 {
		return
	}
	ab, ap := abs(b.annual), abs(prog)
	if big, small := max(ab, ap), min(ab, ap); big >= slipFloor && big > slipRatio*small {
		msg := fmt.Sprintf("läses som %s kr, men årsbudgeten är %s kr (%s): mer än %d gånger större, troligen fel enhet",
			krText(ap), krText(ab), b.cell, slipRatio)
		hint := "Kontrollera beloppet och kolumnens enhet"
		if ap < ab {
			msg = strings.Replace(msg, "större", "mindre", 1)
			if better, ok := slipUnit(c.unit, float64(ab)/float64(ap)); ok {
				// The number to type in this column for the value meant in
				// the larger unit: as written, times the units' ratio.
				typed := written * (better.Scale() / c.unit.Scale()) * money.Kr / c.unit.Scale()
				msg = fmt.Sprintf("läses som %s kr, men årsbudgeten är %s kr (%s): troligen %s",
					krText(ap), krText(ab), b.cell, better)
				hint = fmt.Sprintf("Skriv %s eller ange enheten i rubriken (%s)", wholeText(typed), better)
			}
		}
		t.problem(problem.Error, r, c.col, value, msg, hint)
		return
	}
	if (b.annual < 0) != (prog < 0) {
		t.problem(problem.Warning, r, c.col, value,
			fmt.Sprintf("har annat tecken än årsbudgeten %s kr (%s)", krText(b.annual), b.cell),
			"Kontrollera tecknet: intäkter skrivs positiva, kostnader negativa eller positiva; Finansiella poster tas som de skrivs")
	}
}

// slipUnit is the larger unit that brings a value ratio times too small
// nearest its budget, if it brings it within the slip ratio.
func slipUnit(unit money.Unit, ratio float64) (money.Unit, bool) {
	best, bestDist := unit, math.Inf(1)
	for _, u := range []money.Unit{money.UnitTkr, money.UnitMnkr} {
		if u.Scale() <= unit.Scale() {
			continue
		}
		f := float64(u.Scale() / unit.Scale())
		if d := math.Abs(math.Log10(ratio / f)); d < bestDist {
			best, bestDist = u, d
		}
	}
	return best, best != unit && bestDist < math.Log10(slipRatio)
}

// wholeText is a number written as a controller would type it in the
// cell: digits in groups, no decimals when whole.
func wholeText(a money.Amount) string {
	s := krText(a)
	return strings.TrimSuffix(s, ",00")
}

func abs(a money.Amount) money.Amount {
	if a < 0 {
		return -a
	}
	return a
}
