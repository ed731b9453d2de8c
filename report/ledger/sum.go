package ledger

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
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
	accounts4  []int32          // index+1 by a four-digit account text's value, the common case; nil until one is seen
	accNames   []string
	months     map[string]monthKind    // by text
	serials    map[string]period.Month // by date serial as stored
	serialDays []int32                 // Month.Index()+1 by whole date serial below maxSerialDay; nil until one is seen
	projects   map[string]int32        // text → index in projNames; 0 is no project
	projNames  []string
	sums       map[idKey]Bucket // the buckets while rows are summed
	codes      codeIDs          // Ansvar and Verksamhet codes, when kept
	suppressed int
	scratch    []byte

	// The last text found in months, and its period.
	lastMonthText []byte
	lastMonth     monthKind
	lastMonthOK   bool

	// Running sums for verifying summary rows (SPEC 6.1): all data rows
	// summed so far, and that sum at each summary row before (0 at the
	// start), so that a summary row may sum the rows since any earlier
	// one. Neither can wrap: |every partial sum| ≤ Ledger.absTotal.
	running    money.Amount
	boundaries map[money.Amount]struct{}
	lastBound  money.Amount // running at the last summary row

	// Amounts written with more decimals than öre: the first and how
	// many, for one warning.
	subOre      int
	subOreCol   int // 0-based column of the first sub-öre amount
	subOreValue string
	subOreRow   int

	// Rows without account number and amount (headings, page headers,
	// footers): how many, and the first, for one warning.
	textRows              int
	textRowAt, textRowCol int
	textRowValue          string

	// A row summed while track is set is also added to tracked, by key,
	// so that untrack can take it back: a CSV row whose field count is
	// known to be wrong only from later rows (SPEC 15). lastKey is the
	// key of the last row summed, noKey when the last row was not summed.
	track   bool
	tracked map[idKey]Bucket
	lastKey idKey

	// Kredit's sign (SPEC 15): an export that writes credit as negative
	// numbers flips every revenue under Debet − Kredit. Where every
	// non-zero Kredit is negative, it is read as signed credit, Debet +
	// Kredit, with a warning; where signs are mixed, the rows whose Kredit
	// has another sign than the first are errors, named in one problem.
	// A Debet column has no such rule: no export writes every debit
	// negative, and a negative debit (a reversal, rödstorno) reads right
	// as Debet − Kredit under either way of writing credit.
	// Rows whose account cell holds a whole posting joined by another
	// delimiter (joinedPosting): the first, and all, for one error.
	joined      rowList
	joinedCol   int
	joinedValue string
	joinedSep   byte
	creditSign  int        // the sign of the first non-zero Kredit; 0 before it
	credits     [2]rowList // rows with a positive (0) and a negative (1) Kredit
	creditAt    [2]int     // the row of the first of each, for its cell
}

func newSummer(l *Ledger, lay layout, sheet string, csv bool) *summer {
	l.HasProject = l.HasProject || lay.col[fieldProject] >= 0
	if l.route != nil && lay.col[fieldResponsibility] < 0 {
		l.noResponsibility(sheet, "ingen kolumn för ansvar ("+displayNames[fieldResponsibility]+")", "Exportera huvudboken med ansvarskolumnen")
	}
	return &summer{
		l: l, lay: lay, sheet: sheet, csv: csv,
		accounts:   map[string]int32{},
		months:     map[string]monthKind{},
		boundaries: map[money.Amount]struct{}{0: {}},
		serials:    map[string]period.Month{},
		projects:   map[string]int32{},
		projNames:  []string{""},
		sums:       map[idKey]Bucket{},
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
		cell := problem.CellName(s.subOreCol+1, s.subOreRow)
		if s.csv {
			cell = fmt.Sprintf("rad %d, kolumn %s", s.subOreRow, s.columnName(s.subOreCol))
		}
		p := problem.Problem{Severity: problem.Warning, File: s.l.File, Sheet: s.sheet, Row: s.subOreRow, Cell: cell, Value: s.subOreValue,
			Message: "beloppet har fler decimaler än ören och avrundas till hela ören",
			Hint:    "Om filen skriver tusental med punkt eller komma (1.234 = ettusen) blir beloppen tusen gånger för små: exportera med decimalkomma och utan tusentalsavgränsare, och kontrollera beloppen"}
		if s.subOre > 1 {
			p.Message = fmt.Sprintf("beloppet har fler decimaler än ören och avrundas till hela ören, liksom %d belopp till", s.subOre-1)
		}
		s.l.Problems.Add(p)
	}
	if s.textRows > 0 {
		cell := problem.CellName(s.textRowCol+1, s.textRowAt)
		if s.csv {
			cell = fmt.Sprintf("rad %d", s.textRowAt)
		}
		msg := "raden har varken kontonummer eller belopp (en rubrik, ett sidhuvud eller en sidfot) och hoppas över som en tom rad"
		switch {
		case s.textRows == 2:
			msg += ", liksom 1 rad till"
		case s.textRows > 2:
			msg += fmt.Sprintf(", liksom %d rader till", s.textRows-1)
		}
		s.l.Problems.Add(problem.Problem{Severity: problem.Warning, File: s.l.File, Sheet: s.sheet, Row: s.textRowAt, Cell: cell, Value: s.textRowValue,
			Message: msg,
			Hint:    "Inget belopp går förlorat; kontrollera att raden inte är en kontering som tappat konto och belopp, eller ta bort rubriker och sidfötter ur exporten"})
	}
	s.creditProblem()
	s.joinedProblem()
	if s.suppressed > 0 {
		s.l.Problems.Add(problem.Problem{Severity: problem.Error, File: s.l.File, Sheet: s.sheet,
			Row:     1 << 30,
			Message: fmt.Sprintf("och %d fel till som inte visas (raderna är räknade men inte summerade)", s.suppressed),
			Hint:    "Rätta felen ovan, som ofta har samma orsak, och läs in filen igen"})
	}
}

// creditProblem tells a Kredit column with negative amounts: a warning
// where all are negative and were read as signed credit, an error naming
// the rows where signs are mixed.
func (s *summer) creditProblem() {
	pos, neg := &s.credits[0], &s.credits[1]
	if neg.n == 0 {
		return
	}
	ccol := s.lay.col[fieldCredit]
	head := s.columnName(ccol)
	if !s.csv {
		head = fmt.Sprintf("%s (%s)", strings.TrimSpace(s.lay.headers[ccol]), problem.ColumnName(ccol+1))
	}
	if pos.n == 0 {
		row := s.creditAt[1]
		cell := problem.CellName(ccol+1, row)
		if s.csv {
			cell = fmt.Sprintf("rad %d, kolumn %s", row, s.columnName(ccol))
		}
		s.l.Problems.Add(problem.Problem{Severity: problem.Warning, File: s.l.File, Sheet: s.sheet, Row: row, Col: ccol + 1, Cell: cell,
			Message: fmt.Sprintf("kolumnen %s har bara negativa belopp (%s): exporten skriver kredit med minustecken, så beloppet läses som debet plus kredit; debet minus kredit skulle vända intäkter till kostnader",
				head, rowsCounted(neg.n)),
			Hint: "Kontrollera intäkternas och kostnadernas tecken i rapporten; exportera helst kredit som positiva belopp"})
		return
	}
	odd, oddWord, firstWord := neg, "negativ", "positiv"
	if s.creditSign < 0 {
		odd, oddWord, firstWord = pos, "positiv", "negativ"
	}
	s.l.Problems.Add(problem.Problem{Severity: problem.Error, File: s.l.File, Sheet: s.sheet, Row: odd.first(), Col: ccol + 1,
		Cell: "rad " + odd.String(),
		Message: fmt.Sprintf("kolumnen %s har både positiva belopp (rad %s; %s) och negativa (rad %s; %s): det går inte att veta om kredit skrivs med tecken, och debet minus kredit vänder intäkter och kostnader för de ena; raderna med %s kredit summeras inte (den första krediten är %s)",
			head, pos.String(), rowsCounted(pos.n), neg.String(), rowsCounted(neg.n), oddWord, firstWord),
		Hint: "Exportera kredit med samma tecken på alla rader (helst positiva belopp), eller en enda beloppskolumn (Belopp)"})
}

// joinedProblem tells the rows whose account cell holds a posting's
// fields joined by another delimiter: one error at the first, naming all.
func (s *summer) joinedProblem() {
	if s.joined.n == 0 {
		return
	}
	row, col := s.joined.first(), s.joinedCol
	where := " och inte med filens avgränsare"
	cell := problem.CellName(col+1, row)
	if s.csv {
		cell = fmt.Sprintf("rad %d, kolumn %s", row, s.columnName(col))
	} else {
		where = " i en och samma cell"
	}
	msg := "börjar med ett kontonummer och har ett belopp, men fälten är åtskilda med " + delimiterName(s.joinedSep) + where +
		": raderna eller fälten har troligen slagits ihop"
	if s.joined.n == 1 {
		msg += ", och raden summeras inte"
	} else {
		msg += fmt.Sprintf("; raden och %s till (rad %s) summeras inte", rowsCounted(s.joined.n-1), s.joined.String())
	}
	s.l.Problems.Add(problem.Problem{Severity: problem.Error, File: s.l.File, Sheet: s.sheet, Row: row, Col: col + 1, Cell: cell, Value: s.joinedValue,
		Message: msg,
		Hint:    "Exportera huvudboken på nytt med samma avgränsare på alla rader, eller rätta raden så att varje fält står i sin kolumn"})
}

// rowsCounted is "1 rad" or "12 rader".
func rowsCounted(n int) string {
	if n == 1 {
		return "1 rad"
	}
	return fmt.Sprintf("%d rader", n)
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

// monthKind is a period as read: a month and, for period 00 and 13–15,
// its kind.
type monthKind struct {
	m    period.Month
	kind PeriodKind
}

// row handles one data row, its values by column in r.
func (s *summer) row(rowNum int, r *rowValues) {
	l := s.l
	l.RowsRead++
	s.lastKey = noKey

	switch label, col, kind := s.summaryLabel(r); kind {
	case rowSummary:
		s.summaryRow(rowNum, label, col, r)
		return
	case rowText:
		s.textRow(rowNum, label, col, r)
		return
	}
	acc, kind := s.account(rowNum, r)
	switch kind {
	case rowText:
		// A heading that begins with its group's number, "40
		// Personalkostnader", without an amount.
		col := s.lay.col[fieldAccount]
		s.textRow(rowNum, string(s.text(r.at(col))), col, r)
		return
	case rowError:
		// A "Summa" row's other cells say nothing more worth reading.
		l.ErrorRows++
		return
	}
	amt, ok2 := s.amount(rowNum, r)
	mk, ok3 := s.month(rowNum, r)
	proj, ok4 := s.project(rowNum, r)
	if !(ok2 && ok3 && ok4) {
		l.ErrorRows++
		return
	}
	abs, fits := l.absTotal.AddChecked(amt.Abs())
	if !fits {
		col := s.amountCol()
		s.problemAt(col, rowNum, string(s.text(r.at(col))),
			"beloppet gör huvudbokens summa för stor för att räknas exakt (beloppen tillsammans över 92 000 biljoner kr): raden summeras inte",
			"Kontrollera beloppen och enheten i rubriken (kr, tkr, mnkr); så stora belopp förekommer inte i en verklig huvudbok")
		l.ErrorRows++
		return
	}
	l.absTotal = abs
	mo := mk.m
	var unit int32
	if l.route != nil {
		unit = s.unit(rowNum, r)
	}
	// Integer ids hash far faster than a Key of strings; sums with equal
	// Keys (an account written two ways) merge in flush. The sum is in
	// the map itself: one place in memory to reach per row, where an index
	// into a table of sums was two, each a cache miss among a region's
	// 200 000 keys.
	resp, act := s.keptCodes(r)
	k := idKey{acc, proj, int32(mo.Index())<<3 | int32(mk.kind), unit, resp, act}
	b := s.sums[k]
	b.Amount += amt
	b.Rows++
	s.sums[k] = b
	s.lastKey = k
	if s.track {
		if s.tracked == nil {
			s.tracked = map[idKey]Bucket{}
		}
		t := s.tracked[k]
		t.Amount += amt
		t.Rows++
		s.tracked[k] = t
	}
	l.Total += amt
	l.RowsSummed++
	s.running += amt
	switch {
	case mk.kind == Opening:
		l.OpeningRows++
		l.OpeningTotal += amt
	case mk.kind.IsClosing():
		l.ClosingRows++
		l.ClosingTotal += amt
	}
}

// amountCol is the column that messages about a row's amount point at:
// the amount column, or Debet.
func (s *summer) amountCol() int {
	if c := s.lay.col[fieldAmount]; c >= 0 {
		return c
	}
	if c := s.lay.col[fieldDebit]; c >= 0 {
		return c
	}
	return s.lay.col[fieldCredit]
}

// summaryWords begin a summary row's text: SPEC 6.1's four, and the
// abbreviation and compounds that Swedish report writers print ("S:a
// konto 4010", "Totalsumma", "Slutsumma"). A summary row is verified
// before it is skipped, so a word too many costs nothing.
var summaryWords = []string{"summa", "delsumma", "totalt", "total", "s:a", "totalsumma", "slutsumma"}

// maxBoundaries bounds the sums kept for verifying summary rows; past it
// a summary row is checked against the rows since the previous one and
// all rows above, as the SPEC asks, and nothing more.
const maxBoundaries = 1 << 16

// rowKind is what a data row is, before its cells are read as a posting.
type rowKind uint8

const (
	rowPosting rowKind = iota // a posting, or a broken one: the cells' checks say which
	rowSummary                // Summa, Delsumma …: verified, never summed
	rowText                   // no account number and no amount: a heading, page header or footer
	rowError                  // a cell that makes the row an error, reported
)

// summaryLabel tells a summary row: one whose account cell is empty or
// text and whose text — the account cell's, else the first text cell's
// (the account name column, where Raindance and Visma print "Summa …") —
// begins with Summa, Delsumma, Totalt or Total. It also tells a text row,
// which has neither an account number nor an amount: a group heading
// ("Personalkostnader" in the name column), a page's title and repeated
// header in a print export, a footer ("Utskrivet av …"). It returns the
// text and its column. A row whose account cell begins with a digit
// returns at once: that is every posting.
func (s *summer) summaryLabel(r *rowValues) (string, int, rowKind) {
	acol := s.lay.col[fieldAccount]
	av := r.at(acol)
	// An empty cell with a style has no type and reads as an empty
	// number: it is as empty as a missing one.
	if av.kind != kindText && !isBlank(av) || av.noValue || av.tooLarge || av.badString {
		return "", 0, rowPosting
	}
	t := s.text(av)
	if len(t) > 0 && (t[0] >= '0' && t[0] <= '9') {
		return "", 0, rowPosting // an account, or a broken one: the account check says which
	}
	col := acol
	if len(t) == 0 {
		col = -1
		r.each(func(c int, v value) bool {
			if c == acol || s.isAmountCol(c) || v.kind != kindText || v.tooLarge || v.badString {
				return true
			}
			if tt := s.text(v); len(tt) > 0 {
				t, col = tt, c
				return false
			}
			return true
		})
	}
	switch {
	case col >= 0 && isSummaryText(t):
		return string(t), col, rowSummary
	case s.moneyless(r) || s.repeatedHeader(r):
		return string(t), col, rowText
	}
	return "", 0, rowPosting
}

// moneyless reports whether a row's amount cells are all empty, or hold
// only the rule a print layout draws under a header ("-----").
func (s *summer) moneyless(r *rowValues) bool {
	return s.every(r, func(_ int, v value) bool {
		return isBlank(v) || v.kind == kindText && !v.noValue && !v.tooLarge && !v.badString && isRule(s.text(v))
	}, fieldAmount, fieldDebit, fieldCredit)
}

// every reports whether ok holds for the cell of each of the fields that
// the header has.
func (s *summer) every(r *rowValues, ok func(col int, v value) bool, fields ...field) bool {
	for _, f := range fields {
		if c := s.lay.col[f]; c >= 0 && !ok(c, r.at(c)) {
			return false
		}
	}
	return true
}

// isRule reports whether t is empty or only dashes, equals signs,
// underscores, stars or dots: a line drawn in text, no value.
func isRule(t []byte) bool {
	for _, c := range t {
		switch c {
		case '-', '=', '_', '*', '.', ' ', '\t':
		default:
			return false
		}
	}
	return true
}

// repeatedHeader reports whether a row repeats the header's account and
// amount cells, as print exports do at the top of every page.
func (s *summer) repeatedHeader(r *rowValues) bool {
	return s.every(r, func(c int, v value) bool {
		return v.kind == kindText && c < len(s.lay.headers) &&
			normalizeHeader(string(s.text(v))) == normalizeHeader(s.lay.headers[c])
	}, fieldAccount, fieldAmount, fieldDebit)
}

// textRow skips a row without account number and amount. It is counted
// as a blank row, since it holds nothing to sum; unless it only holds
// rules and control characters (a DOS end-of-file mark, a form feed), it
// is named in one warning per sheet, so that a controller sees what was
// left out.
func (s *summer) textRow(rowNum int, label string, col int, r *rowValues) {
	s.l.BlankRows++
	ruled := r.each(func(_ int, v value) bool {
		return isBlank(v) || v.kind == kindText && isRule(bytes.TrimFunc(s.text(v), unicode.IsControl))
	})
	if ruled {
		return
	}
	if s.textRows++; s.textRows == 1 {
		if col < 0 {
			col = s.lay.col[fieldAccount]
		}
		s.textRowAt, s.textRowCol, s.textRowValue = rowNum, col, truncate(label)
	}
}

func (s *summer) isAmountCol(c int) bool {
	return c == s.lay.col[fieldAmount] || c == s.lay.col[fieldDebit] || c == s.lay.col[fieldCredit]
}

// isSummaryText reports whether t begins with one of summaryWords, as a
// word: "Summa 4010", "Delsumma:", "TOTALT", not "Totalförsvar".
func isSummaryText(t []byte) bool {
	for _, w := range summaryWords {
		if len(t) < len(w) || !bytes.EqualFold(t[:len(w)], []byte(w)) {
			continue
		}
		if len(t) == len(w) {
			return true
		}
		r, _ := utf8.DecodeRune(t[len(w):])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// summaryRow verifies a summary row: its amount must equal the sum of the
// data rows since the previous summary row, or of all data rows above it,
// or — for subtotals of subtotals — of the rows since any earlier summary
// row. A verified row is counted and skipped; any other is an error.
func (s *summer) summaryRow(rowNum int, label string, labelCol int, r *rowValues) {
	l := s.l
	amt, ok := s.amount(rowNum, r)
	if !ok {
		l.ErrorRows++
		return
	}
	// running − lastBound is the sum of the rows between, which fits; the
	// summary's own amount is the file's and may not.
	since := s.running - s.lastBound
	start, fits := s.running.AddChecked(-amt)
	_, bound := s.boundaries[start]
	bound = bound && fits
	// The next summary row sums from here whether or not this one holds:
	// that is where the export meant a group to end.
	s.lastBound = s.running
	if len(s.boundaries) < maxBoundaries {
		s.boundaries[s.running] = struct{}{}
	}
	if amt == since || amt == s.running || bound {
		l.SummaryRows++
		return
	}
	l.ErrorRows++
	col := s.amountCol()
	msg := fmt.Sprintf("summeringsraden %q har beloppet %s kr, men raderna sedan föregående summeringsrad summerar till %s kr och alla rader ovanför till %s kr: raden stämmer inte och summeras inte",
		truncate(label), amt.FormatKr(), since.FormatKr(), s.running.FormatKr())
	s.problemAt(col, rowNum, string(s.text(r.at(col))), msg,
		"Kontrollera att inga rader saknas eller är fel ovanför summeringsraden (felaktiga rader räknas inte med), eller ta bort summeringsraderna ur exporten")
}

// truncate shortens a text quoted inside a message.
func truncate(t string) string {
	if len(t) <= 60 {
		return t
	}
	cut := 60
	for cut > 0 && !utf8.RuneStart(t[cut]) {
		cut--
	}
	return t[:cut] + "…"
}

// idKey is a Key by the ids of its account and project, and the unit the
// row is routed to (0 when the ledger is not routed).
type idKey struct{ acc, proj, month, unit, resp, act int32 }

// noKey is no row's key: account ids are never negative.
var noKey = idKey{acc: -1}

// flush moves the sums into the ledger's buckets.
func (s *summer) flush() { s.flushInto(s.l) }

// flushInto moves the sums into l's buckets, which may be another
// ledger's than the summer's: a shard of a parallel read adds its sums
// into the file's ledger. Buckets are sums, so the order they go in
// changes nothing.
func (s *summer) flushInto(l *Ledger) {
	for id, b := range s.sums {
		if b.Rows == 0 {
			delete(s.sums, id) // every row of it taken back (untrack)
		}
	}
	presize(l, s.sums)
	if l.route == nil {
		for id, b := range s.sums {
			l.add(id.unit, s.key(id), b)
		}
	} else {
		// One unit's buckets after another's, a pass over the sums for
		// each: a unit's map is then in the cache while it fills, where
		// sums taken in any order hop between twenty maps (three times
		// the time, measured), and no sorted copy is made.
		lo := int32(0) // the lowest route code among the sums
		for id := range s.sums {
			lo = min(lo, id.unit)
		}
		for u := lo; u < int32(len(l.Units)); u++ {
			for id, b := range s.sums {
				if id.unit == u {
					l.add(u, s.key(id), b)
				}
			}
		}
	}
	s.sums = map[idKey]Bucket{}
	s.tracked = nil
}

// untrack takes back the tracked rows of key k: they are counted as
// error rows instead, which the caller reports.
func (s *summer) untrack(k idKey) {
	b, ok := s.tracked[k]
	if !ok || b.Rows == 0 {
		return
	}
	l := s.l
	sum := s.sums[k]
	sum.Amount -= b.Amount
	sum.Rows -= b.Rows
	s.sums[k] = sum
	l.Total -= b.Amount
	l.RowsSummed -= b.Rows
	l.ErrorRows += b.Rows
	s.running -= b.Amount
	switch kind := PeriodKind(k.month & 7); {
	case kind == Opening:
		l.OpeningRows -= b.Rows
		l.OpeningTotal -= b.Amount
	case kind.IsClosing():
		l.ClosingRows -= b.Rows
		l.ClosingTotal -= b.Amount
	}
	delete(s.tracked, k)
}

// untrackAll takes back every tracked row and stops tracking.
func (s *summer) untrackAll() {
	for k := range s.tracked {
		s.untrack(k)
	}
	s.tracked = nil
}

// presize makes l's empty bucket maps as large as the sums will fill
// them, so that they do not grow by rehashing while 200 000 keys go in.
func presize(l *Ledger, sums ...map[idKey]Bucket) {
	if l.route == nil {
		n := 0
		for _, ss := range sums {
			n += len(ss)
		}
		if len(l.Buckets) == 0 {
			l.Buckets = make(map[Key]Bucket, n)
		}
		return
	}
	n := make([]int, len(l.Units))
	for _, ss := range sums {
		for id := range ss {
			if u := id.unit; u >= 0 && int(u) < len(n) {
				n[u]++
			}
		}
	}
	for u := range l.Units {
		if len(l.Units[u].Buckets) == 0 {
			l.Units[u].Buckets = make(map[Key]Bucket, n[u])
		}
	}
}

// key is the Key of a slot's ids.
func (s *summer) key(id idKey) Key {
	i := int(id.month >> 3)
	y, m := i/12, i%12
	if m < 0 {
		y, m = y-1, m+12
	}
	return Key{Account: s.accNames[id.acc], Month: period.Month{Year: y, Month: time.Month(m + 1)}, Project: s.projNames[id.proj], Kind: PeriodKind(id.month & 7),
		Responsibility: s.codes.name(id.resp), Activity: s.codes.name(id.act)}
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

// account reads a row's account: rowPosting with its id, rowError when
// the cell is reported, or rowText for a text that is no account in a
// row without an amount (a heading such as "40 Personalkostnader").
func (s *summer) account(row int, r *rowValues) (int32, rowKind) {
	col := s.lay.col[fieldAccount]
	v := r.at(col)
	if s.cellProblem(col, row, v) {
		return 0, rowError
	}
	t := s.text(v)
	if len(t) == 0 {
		s.problemAt(col, row, "", "kontonummer saknas", "Fyll i kontot eller ta bort raden")
		return 0, rowError
	}
	four := fourDigits(t)
	if four >= 0 && s.accounts4 != nil && s.accounts4[four] != 0 {
		return s.accounts4[four] - 1, rowPosting
	}
	if id, ok := s.accounts[string(t)]; ok {
		return id, rowPosting
	}
	digits, ok := accountDigits(t, v.kind == kindNumber)
	if !ok {
		digits, ok = namedAccount(t)
	}
	if !ok {
		sep, joined := joinedPosting(t)
		if v.kind == kindText && s.moneyless(r) && !joined {
			return 0, rowText
		}
		if joined {
			// SPEC 15: a row that begins with an account number and
			// holds an amount is never a heading or footer. Told in one
			// error by finish.
			if s.joined.add(row); s.joined.n == 1 {
				s.joinedCol, s.joinedValue, s.joinedSep = col, truncate(string(t)), sep
			}
			return 0, rowError
		}
		s.problemAt(col, row, string(t), "är inget kontonummer: raden summeras inte",
			"Varje rad ska vara en kontering med ett kontonummer av siffror; ta bort summarader (Summa, Totalt) ur exporten")
		return 0, rowError
	}
	if _, seen := s.l.FirstSeen[digits]; !seen {
		if s.l.FirstSeen == nil {
			s.l.FirstSeen = map[string]problem.Position{}
		}
		s.l.FirstSeen[digits] = problem.Position{File: s.l.File, Sheet: s.sheet, Row: row, Col: col + 1, Line: s.csv}
	}
	id := int32(len(s.accNames))
	s.accNames = append(s.accNames, digits)
	s.accounts[string(t)] = id
	if four >= 0 {
		if s.accounts4 == nil {
			s.accounts4 = make([]int32, 10000)
		}
		s.accounts4[four] = id + 1
	}
	return id, rowPosting
}

// joinedPosting tells an account cell that begins with an account
// number and goes on, after a delimiter, with a field that reads as an
// amount: a posting whose fields were joined by another delimiter than
// the file's ("4010\t100\t2026-01\t500" in a file separated by ';'), or
// several such postings in one line. Fields joined by spaces count where
// the number has an account's four digits and two fields after it read
// as numbers ("4010 100 2026-01 500"), so that a heading such as "4010 –
// 4099 Personal" stays a heading. It returns the delimiter.
func joinedPosting(t []byte) (byte, bool) {
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 || i == len(t) {
		return 0, false
	}
	sep, need := t[i], 1
	split := func(r rune) bool { return r < utf8.RuneSelf && isDelimiter(byte(r)) }
	switch {
	case isDelimiter(sep):
	case sep == ' ' && i >= 4:
		need = 2
		split = func(r rune) bool { return r == ' ' || r < utf8.RuneSelf && isDelimiter(byte(r)) }
	default:
		return 0, false
	}
	for _, f := range bytes.FieldsFunc(t[i:], split) {
		f = trimSpace(f)
		_, ok := plainAmountSep(f, money.UnitKr, true)
		if !ok {
			_, err := money.Parse(string(f), money.UnitKr)
			ok = err == nil
		}
		if ok {
			if need--; need == 0 {
				return sep, true
			}
		}
	}
	return 0, false
}

// isDelimiter reports whether c separates the fields of some CSV export.
func isDelimiter(c byte) bool { return c == ';' || c == ',' || c == '\t' || c == '|' }

// delimiterName names a delimiter in a message.
func delimiterName(c byte) string {
	switch c {
	case '\t':
		return "tabb"
	case ',':
		return "komma"
	case ';':
		return "semikolon"
	case '|':
		return "lodstreck"
	case ' ':
		return "mellanslag"
	}
	return fmt.Sprintf("%q", c)
}

// fourDigits gives the value of a text of exactly four digits, or -1. A
// look-up by it is an array index where the map's is a hash of the text;
// at a million rows that is a few per cent of reading a workbook.
func fourDigits(t []byte) int {
	if len(t) != 4 {
		return -1
	}
	return digitsValue(t)
}

// maxSerialDay bounds the date serials looked up by index (serialDays):
// 100 000 is the year 2173.
const maxSerialDay = 100000

// wholeSerial gives a date serial written as a whole number below
// maxSerialDay, or -1.
func wholeSerial(t []byte) int {
	if len(t) == 0 || len(t) > 5 {
		return -1
	}
	return digitsValue(t)
}

// digitsValue gives the value of a short text of only digits, or -1.
func digitsValue(t []byte) int {
	n := 0
	for _, c := range t {
		if c-'0' > 9 {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
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

// namedAccount reads an account as some exports write it, the number
// with its name or as Excel's text formula: "4010 Löner", "4010 - Löner",
// "4010: Löner", ="4010". Only the number is kept; the name must begin
// with a letter and not be a summary word ("4010 Summa" is the account's
// sum), so that "4010 4020" or "4010-20" stay errors, and the
// number must have the four digits of an account: "40 Personalkostnader"
// is the heading of an account group (kontogrupp), not an account.
func namedAccount(t []byte) (string, bool) {
	if len(t) > 3 && t[0] == '=' && t[1] == '"' && t[len(t)-1] == '"' {
		return accountDigits(bytes.TrimSpace(t[2:len(t)-1]), false)
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i < 4 {
		return "", false
	}
	rest := bytes.TrimLeftFunc(t[i:], func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '–' || r == ':'
	})
	if len(rest) == len(t)-i {
		return "", false // no separator: "4010abc"
	}
	if r, _ := utf8.DecodeRune(rest); !unicode.IsLetter(r) {
		return "", false
	}
	if isSummaryText(rest) {
		// "4010 Summa", "4010 Totalt": the account's sum, no name. Read
		// as a posting it would count the account a second time.
		return "", false
	}
	return string(t[:i]), true
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

// amount reads a row's amount: the amount column, or Debet − Kredit,
// where an empty cell is 0 and both empty is a missing amount.
func (s *summer) amount(row int, r *rowValues) (money.Amount, bool) {
	if col := s.lay.col[fieldAmount]; col >= 0 {
		return s.amountAt(row, col, s.lay.unit[fieldAmount], r.at(col), false)
	}
	dcol, ccol := s.lay.col[fieldDebit], s.lay.col[fieldCredit]
	dv, cv := r.at(dcol), r.at(ccol)
	if isBlank(dv) && isBlank(cv) {
		s.problemAt(dcol, row, "", "belopp saknas: både debet och kredit är tomma", "Fyll i debet eller kredit (0 om raden inte ska påverka) eller ta bort raden")
		return 0, false
	}
	d, ok := s.amountAt(row, dcol, s.lay.unit[fieldDebit], dv, true)
	c, ok2 := s.amountAt(row, ccol, s.lay.unit[fieldCredit], cv, true)
	if !ok || !ok2 {
		return 0, false
	}
	if c != 0 {
		sign, i := 1, 0
		if c < 0 {
			sign, i = -1, 1
		}
		if s.credits[i].add(row); s.credits[i].n == 1 {
			s.creditAt[i] = row
		}
		if s.creditSign == 0 {
			s.creditSign = sign
		}
		if sign != s.creditSign {
			return 0, false // an error row, named in finish's problem
		}
		if sign < 0 {
			c = -c // signed credit: debit plus credit
		}
	}
	a, fits := d.AddChecked(-c)
	if !fits {
		s.problemAt(dcol, row, string(s.text(dv)), "är ett orimligt stort belopp", "Kontrollera beloppen och enheten i rubriken (kr, tkr, mnkr)")
		return 0, false
	}
	return a, true
}

// amountAt reads one amount cell in unit u; blankOK makes an empty cell 0
// (a Debet or Kredit cell).
func (s *summer) amountAt(row, col int, u money.Unit, v value, blankOK bool) (money.Amount, bool) {
	if s.cellProblem(col, row, v) {
		return 0, false
	}
	t := s.text(v)
	if len(t) == 0 {
		if blankOK {
			return 0, true
		}
		s.problemAt(col, row, "", "belopp saknas", "Fyll i beloppet (0 om raden inte ska påverka) eller ta bort raden")
		return 0, false
	}
	if v.kind == kindBool {
		s.problemAt(col, row, string(t), "är ett sanningsvärde, inte ett belopp", "Skriv beloppet som ett tal")
		return 0, false
	}
	if v.kind == kindText && fracDigits(t) > u.Decimals() {
		// Text has no stored precision: three decimals are more likely a
		// thousands separator than fractions of an öre.
		if s.subOre++; s.subOre == 1 {
			s.subOreValue, s.subOreRow, s.subOreCol = string(t), row, col
		}
	}
	a, ok := plainAmountSep(t, u, true)
	if ok {
		return a, true
	}
	a, err := money.Parse(string(t), u)
	if err != nil && v.kind != kindText && !errors.Is(err, money.ErrTooLarge) {
		// A number cell that the decimal reader cannot hold exactly, such
		// as 1.0000000000000002E-3: a float is what the cell is.
		var f float64
		if f, err = strconv.ParseFloat(string(t), 64); err == nil {
			a, err = money.FromFloat(f, u)
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

func (s *summer) month(row int, r *rowValues) (monthKind, bool) {
	col, isDate := s.lay.col[fieldPeriod], false
	if col < 0 {
		col, isDate = s.lay.col[fieldDate], true
	}
	v := r.at(col)
	if s.cellProblem(col, row, v) {
		return monthKind{}, false
	}
	t := s.text(v)
	if len(t) == 0 {
		what := "period saknas"
		if isDate {
			what = "datum saknas"
		}
		s.problemAt(col, row, "", what, "Fyll i perioden (202604 eller 2026-04) eller datumet (2026-04-30)")
		return monthKind{}, false
	}
	if v.kind == kindDateNum {
		day := wholeSerial(t)
		if day >= 0 && s.serialDays != nil && s.serialDays[day] != 0 {
			i := int(s.serialDays[day]) - 1
			return monthKind{m: period.Month{Year: i / 12, Month: time.Month(i%12 + 1)}}, true
		}
		if m, ok := s.serials[string(t)]; ok {
			return monthKind{m: m}, true
		}
		if f, err := strconv.ParseFloat(string(t), 64); err == nil {
			if m, err := period.FromExcelSerial(f, s.date1904); err == nil {
				if day >= 0 {
					if s.serialDays == nil {
						s.serialDays = make([]int32, maxSerialDay)
					}
					s.serialDays[day] = int32(m.Index() + 1)
				} else if len(s.serials) < cacheLimit {
					s.serials[string(t)] = m
				}
				return monthKind{m: m}, true
			}
		}
		s.problemAt(col, row, string(t), "är inget giltigt datum", "Skriv datumet som 2026-04-30")
		return monthKind{}, false
	}
	if v.kind == kindText {
		// Exports list a voucher's rows together, on one date: the last
		// text read is tried before the map.
		if s.lastMonthOK && bytes.Equal(t, s.lastMonthText) {
			return s.lastMonth, true
		}
		if m, ok := s.months[string(t)]; ok {
			s.lastMonthText, s.lastMonth, s.lastMonthOK = append(s.lastMonthText[:0], t...), m, true
			return m, true
		}
	}
	var mk monthKind
	m, err := period.ParseMonth(string(t))
	mk.m = m
	if err != nil && !isDate {
		// Period 00 and 13–15 are periods, never dates.
		if sm, kind, ok := specialPeriod(t, v.kind == kindNumber); ok {
			mk, err = monthKind{m: sm, kind: kind}, nil
		}
	}
	if err != nil && !isDate && s.lay.col[fieldYear] >= 0 {
		// Only the month, with the year in a column of its own. The
		// result depends on two cells and is not cached by the month's.
		if ym, ok := s.withYear(t, v.kind == kindNumber, r); ok {
			return ym, true
		}
	}
	if err != nil {
		// A date written compactly, as SIE and many exports write it:
		// 20260315, in text or a number cell.
		if m, ok := compactDate(t, v.kind == kindNumber); ok {
			mk, err = monthKind{m: m}, nil
		}
	}
	if err != nil && v.kind == kindNumber && isDate {
		// A date column whose cells lost their date format still holds
		// serial day numbers, with the time of day as a fraction.
		if f, ferr := strconv.ParseFloat(string(t), 64); ferr == nil && f >= 1 {
			mk.m, err = period.FromExcelSerial(f, s.date1904)
		}
	}
	if err != nil {
		s.problemAt(col, row, string(t), "är inte en period", "Skriv perioden som 202604 eller 2026-04 (00 för ingående balans, 13–15 för bokslutsperioder), eller datumet som 2026-04-30")
		return monthKind{}, false
	}
	if v.kind == kindText && len(s.months) < cacheLimit {
		s.months[string(t)] = mk
	}
	return mk, true
}

// withYear reads a period that holds only the month — 3, 03, mars, or
// 00 and 13–15 — with the row's year column: År 2026, Period 3.
func (s *summer) withYear(t []byte, number bool, r *rowValues) (monthKind, bool) {
	yv := r.at(s.lay.col[fieldYear])
	y := s.text(yv)
	if yv.kind == kindNumber {
		if d, ok := accountDigits(y, true); ok {
			y = []byte(d)
		}
	}
	if number {
		if d, ok := accountDigits(t, true); ok {
			t = []byte(d)
		}
	}
	if len(y) != 4 || !allDigits(y) || len(t) == 0 || len(t) > 9 {
		return monthKind{}, false
	}
	if allDigits(t) && len(t) <= 2 {
		p := append(append([]byte(nil), y...), t...)
		if len(t) == 1 {
			p = append(append(append([]byte(nil), y...), '0'), t...)
		}
		if sm, kind, ok := specialPeriod(p, false); ok {
			return monthKind{m: sm, kind: kind}, true
		}
	}
	m, err := period.ParseMonth(string(t) + " " + string(y))
	return monthKind{m: m}, err == nil
}

// compactDate reads a date written YYYYMMDD, a day that exists.
func compactDate(t []byte, number bool) (period.Month, bool) {
	if number {
		if d, ok := accountDigits(t, true); ok {
			t = []byte(d)
		}
	}
	if len(t) != 8 || !allDigits(t) {
		return period.Month{}, false
	}
	m, err := period.ParseMonth(string(t[:4]) + "-" + string(t[4:6]) + "-" + string(t[6:]))
	return m, err == nil
}

// specialPeriod reads an ERP's period 00 (opening balance) or 13–15
// (closing periods) in the forms months are written: 202600, 2026-13,
// 2026 13, 2026/14; a number cell may read 202613.0. Period 00 is given
// January and 13–15 December of the year.
func specialPeriod(t []byte, number bool) (period.Month, PeriodKind, bool) {
	if number {
		if d, ok := accountDigits(t, true); ok {
			t = []byte(d)
		}
	}
	var ys, ps []byte
	switch {
	case len(t) == 6 && allDigits(t):
		ys, ps = t[:4], t[4:]
	case len(t) == 7 && allDigits(t[:4]) && (t[4] == '-' || t[4] == ' ' || t[4] == '/' || t[4] == '.') && allDigits(t[5:]):
		ys, ps = t[:4], t[5:]
	default:
		return period.Month{}, Ordinary, false
	}
	y, _ := strconv.Atoi(string(ys))
	if y < 1900 || y > 2200 {
		return period.Month{}, Ordinary, false
	}
	switch string(ps) {
	case "00":
		return period.Month{Year: y, Month: time.January}, Opening, true
	case "13":
		return period.Month{Year: y, Month: time.December}, Closing13, true
	case "14":
		return period.Month{Year: y, Month: time.December}, Closing14, true
	case "15":
		return period.Month{Year: y, Month: time.December}, Closing15, true
	}
	return period.Month{}, Ordinary, false
}

// unit routes a row by its responsibility; a row without one goes to no
// unit. A number cell gives its integer digits, as an account does.
func (s *summer) unit(row int, r *rowValues) int32 {
	col := s.lay.col[fieldResponsibility]
	if col < 0 {
		return routeNone
	}
	v := r.at(col)
	t := s.text(v)
	return s.l.route.route(t, func() string {
		if v.kind == kindNumber {
			if d, ok := accountDigits(t, true); ok {
				return d
			}
		}
		return string(t)
	}, func() (string, int, string) {
		if s.csv {
			return "", row, fmt.Sprintf("rad %d, kolumn %s", row, s.columnName(col))
		}
		return s.sheet, row, problem.CellName(col+1, row)
	})
}

func (s *summer) project(row int, r *rowValues) (int32, bool) {
	col := s.lay.col[fieldProject]
	if col < 0 {
		return 0, true
	}
	v := r.at(col)
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
	return plainAmountSep(t, u, false)
}

// plainAmountSep is plainAmount that with comma also takes a decimal
// comma, -?digits(,digits)?, as Swedish CSV exports write every amount:
// money.Parse reads a lone comma as the decimal separator too, and was
// a third of the time of a CSV row. SIE, whose amounts have a point,
// does not take it.
func plainAmountSep(t []byte, u money.Unit, comma bool) (money.Amount, bool) {
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
		case (c == '.' || (c == ',' && comma)) && frac < 0:
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
