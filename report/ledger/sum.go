package ledger

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// kind is what a cell held, as far as the ledger cares.
type kind uint8

const (
	kindText    kind = iota
	kindNumber       // a number cell, not formatted as a date
	kindDateNum      // a number cell formatted as a date: a serial
	kindBool
	kindError // #N/A and friends
)

// value is one cell handed to the summer by the CSV or XLSX reader. text
// is only valid during the call.
type value struct {
	text      []byte
	kind      kind
	noValue   bool // a formula without a cached value
	tooLarge  bool
	badString bool // a shared string the file does not hold
}

// maxProblems bounds the row problems kept per file: a broken export of a
// million rows must not print a million lines. Counts stay exact.
const maxProblems = 200

// summer sums data rows into the ledger's buckets. It keeps caches of
// accounts, months and projects already seen, so that a row costs map
// look-ups and no allocation.
type summer struct {
	l        *Ledger
	lay      layout
	sheet    string // "" for CSV
	csv      bool
	date1904 bool
	dec      *decoder // CSV text encoding; nil for XLSX

	accounts   map[string]int32 // text as in the file → index in accNames
	accNames   []string
	months     map[string]period.Month // by text
	serials    map[string]period.Month // by date serial as stored
	projects   map[string]int32        // text → index in projNames; 0 is no project
	projNames  []string
	slotOf     map[idKey]int32
	slots      []slot
	suppressed int
	scratch    []byte

	// Amounts written with more decimals than öre: the first and how
	// many, for one warning.
	subOre      int
	subOreCell  string
	subOreValue string
	subOreRow   int
}

func newSummer(l *Ledger, lay layout, sheet string, csv bool) *summer {
	l.HasProject = l.HasProject || lay.col[fieldProject] >= 0
	return &summer{
		l: l, lay: lay, sheet: sheet, csv: csv,
		accounts:  map[string]int32{},
		months:    map[string]period.Month{},
		serials:   map[string]period.Month{},
		projects:  map[string]int32{},
		projNames: []string{""},
		slotOf:    map[idKey]int32{},
	}
}

// maxValueBytes bounds the value a problem quotes.
const maxValueBytes = 200

// cacheLimit bounds each cache, so that a file of a million distinct
// junk values cannot grow them without end.
const cacheLimit = 1 << 16

// problemAt records a row problem, or counts it once past maxProblems.
func (s *summer) problemAt(col, row int, v string, msg, hint string) {
	if len(s.l.Problems) >= maxProblems {
		s.suppressed++
		return
	}
	if len(v) > maxValueBytes {
		// Enough to recognise the value; a problem must not hold a megabyte.
		cut := maxValueBytes
		for cut > 0 && !utf8.RuneStart(v[cut]) {
			cut--
		}
		v = v[:cut] + "…"
	}
	p := problem.At(problem.Error, s.l.File, s.sheet, col+1, row, v, msg, hint)
	if s.csv {
		p.Cell = fmt.Sprintf("rad %d, kolumn %s", row, s.columnName(col))
	}
	s.l.Problems.Add(p)
}

// columnName is the header of a CSV column, or its letter.
func (s *summer) columnName(col int) string {
	if col >= 0 && col < len(s.lay.headers) && strings.TrimSpace(s.lay.headers[col]) != "" {
		return strings.TrimSpace(s.lay.headers[col])
	}
	return problem.ColumnName(col + 1)
}

// finish moves the sums into the ledger and adds the summary of problems
// left out.
func (s *summer) finish() {
	s.flush()
	if s.subOre > 0 {
		p := problem.Problem{Severity: problem.Warning, File: s.l.File, Sheet: s.sheet, Row: s.subOreRow, Cell: s.subOreCell, Value: s.subOreValue,
			Message: "beloppet har fler decimaler än ören och avrundas till hela ören",
			Hint:    "Om filen skriver tusental med punkt eller komma (1.234 = ettusen) blir beloppen tusen gånger för små: exportera med decimalkomma och utan tusentalsavgränsare, och kontrollera beloppen"}
		if s.subOre > 1 {
			p.Message = fmt.Sprintf("beloppet har fler decimaler än ören och avrundas till hela ören, liksom %d belopp till", s.subOre-1)
		}
		s.l.Problems.Add(p)
	}
	if s.suppressed > 0 {
		s.l.Problems.Add(problem.Problem{Severity: problem.Error, File: s.l.File, Sheet: s.sheet,
			Row:     1 << 30,
			Message: fmt.Sprintf("och %d fel till som inte visas (raderna är räknade men inte summerade)", s.suppressed),
			Hint:    "Rätta felen ovan, som ofta har samma orsak, och läs in filen igen"})
	}
}

// text gives a cell's text as UTF-8, trimmed.
func (s *summer) text(v value) []byte {
	t := v.text
	if s.dec != nil {
		t = s.dec.decode(t)
	}
	return trimSpace(t)
}

// trimSpace trims ASCII and no-break spaces.
func trimSpace(b []byte) []byte {
	if n := len(b); n > 0 && b[0] > ' ' && b[0] < 0x80 && b[n-1] > ' ' && b[n-1] < 0x80 {
		return b // the common case: nothing to trim
	}
	b = bytes.TrimSpace(b)
	for bytes.HasPrefix(b, []byte("\u00a0")) {
		b = bytes.TrimSpace(b[2:])
	}
	for bytes.HasSuffix(b, []byte("\u00a0")) {
		b = bytes.TrimSpace(b[:len(b)-2])
	}
	return b
}

// isBlank reports whether a cell is empty.
func isBlank(v value) bool {
	return !v.noValue && !v.tooLarge && !v.badString && len(trimSpace(v.text)) == 0
}

// row handles one data row. get gives the cell in a 0-based column.
func (s *summer) row(rowNum int, get func(col int) value) {
	l := s.l
	l.RowsRead++

	acc, ok := s.account(rowNum, get)
	if !ok {
		// A "Summa" row's other cells say nothing more worth reading.
		l.ErrorRows++
		return
	}
	amt, ok2 := s.amount(rowNum, get)
	mo, ok3 := s.month(rowNum, get)
	proj, ok4 := s.project(rowNum, get)
	if !(ok2 && ok3 && ok4) {
		l.ErrorRows++
		return
	}
	abs, fits := l.absTotal.AddChecked(amt.Abs())
	if !fits {
		col := s.lay.col[fieldAmount]
		s.problemAt(col, rowNum, string(s.text(get(col))),
			"beloppet gör huvudbokens summa för stor för att räknas exakt (beloppen tillsammans över 92 000 biljoner kr): raden summeras inte",
			"Kontrollera beloppen och enheten i rubriken (kr, tkr, mnkr); så stora belopp förekommer inte i en verklig huvudbok")
		l.ErrorRows++
		return
	}
	l.absTotal = abs
	// Integer ids hash far faster than a Key of strings; slots with equal
	// Keys (an account written two ways) merge in flush.
	k := idKey{acc, proj, int32(mo.Index())}
	i, ok := s.slotOf[k]
	if !ok {
		i = int32(len(s.slots))
		s.slots = append(s.slots, slot{key: Key{Account: s.accNames[acc], Month: mo, Project: s.projNames[proj]}})
		s.slotOf[k] = i
	}
	s.slots[i].b.Amount += amt
	s.slots[i].b.Rows++
	l.Total += amt
	l.RowsSummed++
}

// idKey is a Key by the ids of its account and project.
type idKey struct{ acc, proj, month int32 }

// slot is a bucket while rows are summed.
type slot struct {
	key Key
	b   Bucket
}

// flush moves the summed slots into the ledger's buckets.
func (s *summer) flush() {
	for _, sl := range s.slots {
		b := s.l.Buckets[sl.key]
		b.Amount += sl.b.Amount
		b.Rows += sl.b.Rows
		s.l.Buckets[sl.key] = b
	}
	s.slots = s.slots[:0]
	clear(s.slotOf)
}

// cellProblem reports a cell that holds no usable value of any kind. It
// returns false when the cell is fine to read.
func (s *summer) cellProblem(col, row int, v value) bool {
	switch {
	case v.tooLarge:
		s.problemAt(col, row, "", "cellen är orimligt stor (över 1 MB)", "Rensa cellen och spara filen igen")
	case v.badString:
		s.problemAt(col, row, "", "cellen pekar på en delad text som arbetsboken saknar: filen är trasig", "Öppna filen i Excel och spara den igen, eller exportera på nytt")
	case v.noValue:
		s.problemAt(col, row, "", "cellen har en formel utan sparat värde", "Öppna filen i Excel så att formeln räknas, spara, och läs in igen (eller klistra in som värden)")
	case v.kind == kindError:
		s.problemAt(col, row, string(v.text), "är ett felvärde från en formel, inte ett värde", "Rätta formeln i exporten eller ta bort raden")
	default:
		return false
	}
	return true
}

func (s *summer) account(row int, get func(int) value) (int32, bool) {
	col := s.lay.col[fieldAccount]
	v := get(col)
	if s.cellProblem(col, row, v) {
		return 0, false
	}
	t := s.text(v)
	if len(t) == 0 {
		s.problemAt(col, row, "", "kontonummer saknas", "Fyll i kontot eller ta bort raden")
		return 0, false
	}
	if id, ok := s.accounts[string(t)]; ok {
		return id, true
	}
	digits, ok := accountDigits(t, v.kind == kindNumber)
	if !ok {
		s.problemAt(col, row, string(t), "är inget kontonummer: raden summeras inte",
			"Varje rad ska vara en kontering med ett kontonummer av siffror; ta bort summarader (Summa, Totalt) ur exporten")
		return 0, false
	}
	if _, seen := s.l.FirstSeen[digits]; !seen {
		if s.l.FirstSeen == nil {
			s.l.FirstSeen = map[string]string{}
		}
		if s.csv {
			s.l.FirstSeen[digits] = fmt.Sprintf("rad %d", row)
		} else {
			s.l.FirstSeen[digits] = problem.CellName(col+1, row)
		}
	}
	id := int32(len(s.accNames))
	s.accNames = append(s.accNames, digits)
	s.accounts[string(t)] = id
	return id, true
}

// accountDigits accepts an account of digits; a number cell or text
// such as "4010.0" or "4.01E3", as spreadsheets turn numbers, gives its
// integer digits.
func accountDigits(t []byte, number bool) (string, bool) {
	if allDigits(t) {
		return string(t), true
	}
	if i := bytes.IndexByte(t, '.'); i > 0 && allDigits(t[:i]) && allZero(t[i+1:]) {
		return string(t[:i]), true
	}
	if number {
		f, err := strconv.ParseFloat(string(t), 64)
		if err == nil && f >= 0 && f < 1e15 && f == float64(int64(f)) {
			return strconv.FormatInt(int64(f), 10), true
		}
	}
	return "", false
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != '0' {
			return false
		}
	}
	return true
}

func (s *summer) amount(row int, get func(int) value) (money.Amount, bool) {
	col := s.lay.col[fieldAmount]
	v := get(col)
	if s.cellProblem(col, row, v) {
		return 0, false
	}
	t := s.text(v)
	if len(t) == 0 {
		s.problemAt(col, row, "", "belopp saknas", "Fyll i beloppet (0 om raden inte ska påverka) eller ta bort raden")
		return 0, false
	}
	if v.kind == kindBool {
		s.problemAt(col, row, string(t), "är ett sanningsvärde, inte ett belopp", "Skriv beloppet som ett tal")
		return 0, false
	}
	if v.kind == kindText && fracDigits(t) > s.lay.unit.Decimals() {
		// Text has no stored precision: three decimals are more likely a
		// thousands separator than fractions of an öre.
		if s.subOre++; s.subOre == 1 {
			s.subOreValue, s.subOreRow = string(t), row
			if s.csv {
				s.subOreCell = fmt.Sprintf("rad %d, kolumn %s", row, s.columnName(col))
			} else {
				s.subOreCell = problem.CellName(col+1, row)
			}
		}
	}
	a, ok := plainAmount(t, s.lay.unit)
	if ok {
		return a, true
	}
	a, err := money.Parse(string(t), s.lay.unit)
	if err != nil && v.kind != kindText && !errors.Is(err, money.ErrTooLarge) {
		// A number cell that the decimal reader cannot hold exactly, such
		// as 1.0000000000000002E-3: a float is what the cell is.
		var f float64
		if f, err = strconv.ParseFloat(string(t), 64); err == nil {
			a, err = money.FromFloat(f, s.lay.unit)
		}
	}
	if err != nil {
		if errors.Is(err, money.ErrTooLarge) {
			s.problemAt(col, row, string(t), "är ett orimligt stort belopp", "Kontrollera beloppet och enheten i rubriken (kr, tkr, mnkr)")
		} else {
			s.problemAt(col, row, string(t), "är inte ett belopp", "Skriv beloppet som ett tal, t.ex. 1 234,50 eller -1234.50")
		}
		return 0, false
	}
	return a, true
}

func (s *summer) month(row int, get func(int) value) (period.Month, bool) {
	col, isDate := s.lay.col[fieldPeriod], false
	if col < 0 {
		col, isDate = s.lay.col[fieldDate], true
	}
	v := get(col)
	if s.cellProblem(col, row, v) {
		return period.Month{}, false
	}
	t := s.text(v)
	if len(t) == 0 {
		what := "period saknas"
		if isDate {
			what = "datum saknas"
		}
		s.problemAt(col, row, "", what, "Fyll i perioden (202604 eller 2026-04) eller datumet (2026-04-30)")
		return period.Month{}, false
	}
	if v.kind == kindDateNum {
		if m, ok := s.serials[string(t)]; ok {
			return m, true
		}
		if f, err := strconv.ParseFloat(string(t), 64); err == nil {
			if m, err := period.FromExcelSerial(f, s.date1904); err == nil {
				if len(s.serials) < cacheLimit {
					s.serials[string(t)] = m
				}
				return m, true
			}
		}
		s.problemAt(col, row, string(t), "är inget giltigt datum", "Skriv datumet som 2026-04-30")
		return period.Month{}, false
	}
	if v.kind == kindText {
		if m, ok := s.months[string(t)]; ok {
			return m, true
		}
	}
	m, err := period.ParseMonth(string(t))
	if err != nil && v.kind == kindNumber && isDate {
		// A date column whose cells lost their date format still holds
		// serial day numbers.
		if f, ferr := strconv.ParseFloat(string(t), 64); ferr == nil && f >= 1 && f == float64(int64(f)) {
			m, err = period.FromExcelSerial(f, s.date1904)
		}
	}
	if err != nil {
		s.problemAt(col, row, string(t), "är inte en period", "Skriv perioden som 202604 eller 2026-04, eller datumet som 2026-04-30")
		return period.Month{}, false
	}
	if v.kind == kindText && len(s.months) < cacheLimit {
		s.months[string(t)] = m
	}
	return m, true
}

func (s *summer) project(row int, get func(int) value) (int32, bool) {
	col := s.lay.col[fieldProject]
	if col < 0 {
		return 0, true
	}
	v := get(col)
	if s.cellProblem(col, row, v) {
		return 0, false
	}
	t := s.text(v)
	if len(t) == 0 {
		return 0, true
	}
	if id, ok := s.projects[string(t)]; ok {
		return id, true
	}
	p := string(t)
	if v.kind == kindNumber {
		if d, ok := accountDigits(t, true); ok {
			p = d
		}
	}
	id := int32(len(s.projNames))
	s.projNames = append(s.projNames, p)
	s.projects[string(t)] = id
	return id, true
}

// fracDigits counts the digits after the decimal separator of an amount
// as written: the digits at its end after a last '.' or ','. A sign or
// parenthesis at the end is passed over.
func fracDigits(t []byte) int {
	e := len(t)
	for e > 0 && (t[e-1] == ')' || t[e-1] == '-' || t[e-1] == ' ') {
		e--
	}
	i := e
	for i > 0 && t[i-1] >= '0' && t[i-1] <= '9' {
		i--
	}
	if i == e || i == 0 || (t[i-1] != '.' && t[i-1] != ',') {
		return 0
	}
	return e - i
}

// plainAmount reads the one form that spreadsheets store and most exports
// write, -?digits(.digits)?, exactly and without money.Parse's generality,
// which costs more than the rest of a row. Anything else, or a value that
// might not fit, is left to money.Parse.
func plainAmount(t []byte, u money.Unit) (money.Amount, bool) {
	i, neg := 0, false
	if len(t) > 0 && t[0] == '-' {
		neg, i = true, 1
	}
	var m int64
	digits, frac := 0, -1
	for ; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + int64(c-'0')
			digits++
			if frac >= 0 {
				frac++
			}
		case c == '.' && frac < 0:
			frac = 0
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 || frac == 0 {
		return 0, false
	}
	if frac < 0 {
		frac = 0
	}
	// m × 10^-frac units, in öre: scale up, then divide with rounding half
	// away from zero.
	scale := int64(u.Scale())
	v := m * scale
	if v/scale != m {
		return 0, false
	}
	var div int64 = 1
	for ; frac > 0; frac-- {
		div *= 10
	}
	q, r := v/div, v%div
	if 2*r >= div {
		q++
	}
	if q > int64(money.Mnkr)*1e8 { // beyond money's plausible bound: let it say so
		return 0, false
	}
	if neg {
		q = -q
	}
	return money.Amount(q), true
}
