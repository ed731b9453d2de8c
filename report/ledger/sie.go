package ledger

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// This file reads SIE 4 (the Swedish exchange format of accounting
// programs, "SIE filformat version 4B"): #TRANS rows inside #VER blocks
// are summed like the rows of a CSV export. A "row" of an SIE file, in the
// Ledger's counts, is a #TRANS line, wherever it stands: RowsRead counts
// them all, ErrorRows those of broken or unbalanced vouchers and those
// outside any voucher, and BlankRows stays 0 (blank lines and other labels
// are not rows). Places in messages are the file's lines: "rad 123".

// sieLabels are the labels that may open an SIE file. The standard puts
// #FLAGGA first; a file that starts with another of these is SIE too.
var sieLabels = []string{"#FLAGGA", "#PROGRAM", "#FORMAT", "#SIETYP", "#GEN"}

// isSIE tells an SIE file by its name or by its first label.
func isSIE(r io.ReaderAt, name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".se", ".si", ".sie":
		return true
	}
	head := make([]byte, 512)
	n, _ := r.ReadAt(head, 0)
	head = bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	for _, l := range sieLabels {
		if len(head) > len(l) && bytes.EqualFold(head[:len(l)], []byte(l)) && head[len(l)] <= ' ' {
			return true
		}
	}
	return false
}

// maxSIELine bounds one line of an SIE file; real lines are short.
const maxSIELine = 1 << 20

// sieToken is one field of an SIE line.
type sieToken struct {
	text   []byte // unquoted; for an object list, what is inside the braces
	quoted bool
	list   bool // an object list {…}
	open   bool // an object list or a quoted text that the line ends inside
}

// sieTokenizer splits SIE lines into fields: separated by spaces or tabs
// (any number), bare or quoted with "…" where \" is a quote, and object
// lists in braces, which may hold quoted fields and spaces.
type sieTokenizer struct {
	toks []sieToken
	buf  []byte // unescaped quoted texts; never reallocated during a line
}

func (z *sieTokenizer) split(line []byte) []sieToken {
	z.toks = z.toks[:0]
	if cap(z.buf) < len(line) {
		z.buf = make([]byte, 0, 2*len(line))
	}
	z.buf = z.buf[:0]
	i := 0
	for {
		for i < len(line) && line[i] <= ' ' {
			i++
		}
		if i >= len(line) {
			return z.toks
		}
		switch line[i] {
		case '"':
			t, n := z.quoted(line[i:])
			z.toks = append(z.toks, t)
			i += n
		case '{':
			// An object list ends at the first } outside quotes.
			j, inQuote := i+1, false
			for ; j < len(line); j++ {
				c := line[j]
				switch {
				case c == '\\' && inQuote && j+1 < len(line) && line[j+1] == '"':
					j++
				case c == '"':
					inQuote = !inQuote
				case c == '}' && !inQuote:
					z.toks = append(z.toks, sieToken{text: line[i+1 : j], list: true})
					i = j + 1
					goto next
				}
			}
			z.toks = append(z.toks, sieToken{text: line[i+1:], list: true, open: true})
			return z.toks
		default:
			j := i
			for j < len(line) && line[j] > ' ' {
				j++
			}
			z.toks = append(z.toks, sieToken{text: line[i:j]})
			i = j
		}
	next:
	}
}

// quoted reads a quoted field at the start of s, with \" for a quote,
// and returns it with the bytes it used.
func (z *sieTokenizer) quoted(s []byte) (sieToken, int) {
	start := len(z.buf)
	i := 1
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && s[i+1] == '"':
			z.buf = append(z.buf, '"')
			i += 2
		case c == '"':
			return sieToken{text: z.buf[start:len(z.buf):len(z.buf)], quoted: true}, i + 1
		default:
			z.buf = append(z.buf, c)
			i++
		}
	}
	return sieToken{text: z.buf[start:len(z.buf):len(z.buf)], quoted: true, open: true}, i
}

// sieEncoding is what an SIE file's text is.
type sieEncoding uint8

const (
	sieUnknown sieEncoding = iota // no #FORMAT: PC8, unless the text is plainly UTF-8
	siePC8                        // code page 437, the standard's
	sieUTF8
)

// siePosting is one #TRANS row of the voucher being read.
type siePosting struct {
	line   int
	acc    int32 // index in accNames
	proj   int32 // index in objNames; 0 = none
	resp   int32 // responsibility (object of dimension 1); index in objNames, 0 = none
	month  period.Month
	amount money.Amount
}

// sieVoucher is the #VER block being read. Its rows are kept until
// foldRows of them are, and then folded into sieReader.folds, so that a
// voucher of a million rows takes the memory of the places it sums into,
// not of its rows.
type sieVoucher struct {
	state  int    // one of the vs… constants
	line   int    // of #VER
	id     []byte // series and number as in the file, for messages; reused
	date   int    // YYYYMMDD; 0 when missing or unreadable
	month  period.Month
	trans  int  // #TRANS lines in the block, readable or not
	broken bool // a problem is already reported; nothing is summed
	rows   []siePosting
	sum    money.Amount
	abs    money.Amount // Σ|amount| of the folded rows
	absBig bool         // … which does not fit in an int64
}

// foldRows is how many rows of a voucher are kept before they are folded.
const foldRows = 4096

// sieFoldKey is where a posting of the open voucher is summed.
type sieFoldKey struct{ acc, proj, resp, month int32 }

// sieFold is the folded rows of the open voucher that sum in one place.
type sieFold struct {
	key    sieFoldKey
	month  period.Month
	line   int // of the first row
	amount money.Amount
	rows   int
}

const (
	vsNone    = iota // between vouchers
	vsPending        // after #VER, before {
	vsOpen           // inside { }
	vsStray          // a { without #VER, or #TRANS rows after a #VER without {
)

// sieBalance is a #RES, #IB or #UB line.
type sieBalance struct {
	amount money.Amount
	line   int
}

// siePsaldo is a #PSALDO line of the current year: an account's balance
// for a month, of all its postings or of those with an object of
// dimension 1 (resp), 6 (proj) or both.
type siePsaldo struct {
	line       int
	acc        int32
	month      period.Month
	resp, proj int32 // ids in objNames; 0 = any
	amount     money.Amount
}

// sieRespKey is where postings are summed for a #PSALDO by Ansvar: proj
// −1 is any project.
type sieRespKey struct{ acc, resp, proj, vMonth int32 }

// sieSlot is a bucket while postings are summed, with the month of the
// vouchers for the #RES reconciliation (the bucket's month is the
// posting's transaction date, which may fall in another).
type sieSlot struct {
	key                     Key
	acc, proj, vMonth, unit int32
	b                       Bucket
}

// sieSlotKey is a sieSlot by ids: integer ids hash far faster than a Key
// of strings.
type sieSlotKey struct{ acc, proj, month, vMonth, unit, resp int32 }

// sieReader reads one SIE file into a Ledger.
type sieReader struct {
	l          *Ledger
	enc        sieEncoding
	tok        sieTokenizer
	objTok     sieTokenizer // for object lists, whose text lies in tok's buffer
	suppressed int

	accounts map[string]int32
	accNames []string
	objects  map[string]int32
	objNames []string
	slotOf   map[sieSlotKey]int32
	slots    []sieSlot
	respUnit []int32 // by object id: the route + respShift; 0 = not yet decided
	hasResp  bool    // a posting had an object of dimension 1

	v      sieVoucher
	foldOf map[sieFoldKey]int32 // the open voucher's folded rows
	folds  []sieFold
	ids    voucherIDs

	names              map[string]string // #KONTO: account → name
	rarStart, rarEnd   int               // #RAR 0, YYYYMMDD; 0 = none
	res                map[string]sieBalance
	ib, ub             map[string]sieBalance // #IB 0 and #UB 0
	psaldo             []siePsaldo
	respSum            map[sieRespKey]money.Amount // what #PSALDO lines by Ansvar ask for, summed
	latestYear         int                         // of the summed vouchers
	sieType            string
	labels, transLines int
}

func readSIE(ctx context.Context, r io.ReaderAt, size int64, l *Ledger, opt Options) error {
	s := &sieReader{
		l:        l,
		accounts: map[string]int32{},
		objects:  map[string]int32{},
		objNames: []string{""},
		slotOf:   map[sieSlotKey]int32{},
		foldOf:   map[sieFoldKey]int32{},
		names:    map[string]string{},
		res:      map[string]sieBalance{},
		ib:       map[string]sieBalance{},
		ub:       map[string]sieBalance{},
		respSum:  map[sieRespKey]money.Amount{},
	}
	if ext := strings.ToLower(filepath.Ext(l.File)); ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".ods" {
		l.Problems.Add(problem.Problem{Severity: problem.Warning, File: l.File,
			Message: "filen heter " + ext + " men är en SIE-fil; den läses som SIE",
			Hint:    "Byt filändelse till .se så att den inte förväxlas med en arbetsbok"})
	}
	counted := &countingReader{r: io.NewSectionReader(r, 0, size)}
	br := bufio.NewReaderSize(counted, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		s.enc = sieUTF8
		br.Discard(3)
	}
	if head, _ := br.Peek(64 << 10); oldMacLines(head) {
		// Lines that end in CR alone, as programs on classic Mac OS
		// wrote them.
		br = bufio.NewReaderSize(crToLF{br}, 64<<10)
	}
	prog := progress{fn: opt.Progress}
	var long []byte
	for lineNo := 1; ; lineNo++ {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = append(long[:0], line...)
			for err == bufio.ErrBufferFull {
				line, err = br.ReadSlice('\n')
				if len(long) <= maxSIELine {
					long = append(long, line...)
				}
			}
			line = long
			if len(long) > maxSIELine {
				s.problem(lineNo, "", "raden är orimligt lång (över 1 MB) och läses inte",
					"Kontrollera att filen är en SIE-fil från ett bokföringsprogram")
				s.brokenLine()
				line = nil
			}
		}
		if err != nil && err != io.EOF {
			s.finish()
			return err
		}
		if len(line) > 0 {
			s.line(lineNo, line)
		}
		if err == io.EOF {
			break
		}
		if lineNo%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			prog.tick(l.RowsRead, counted.n, size, false)
		}
	}
	s.finish()
	prog.tick(l.RowsRead, counted.n, size, true)
	return nil
}

// line handles one line of the file.
func (s *sieReader) line(n int, line []byte) {
	toks := s.tok.split(line)
	if len(toks) == 0 {
		return
	}
	t0 := toks[0]
	if !t0.quoted && !t0.list && len(t0.text) > 1 && t0.text[0] == '#' {
		s.labels++
		upper(t0.text)
		s.label(n, string(t0.text), toks)
		return
	}
	switch {
	case t0.list && len(bytes.TrimSpace(t0.text)) == 0 && !t0.open:
		// "{}" on a line of its own: an empty voucher, opened and closed.
		s.openBrace(n)
		s.closeBrace(n)
	case t0.list && t0.open && len(bytes.TrimSpace(t0.text)) == 0:
		s.openBrace(n)
	case !t0.quoted && len(t0.text) == 1 && t0.text[0] == '}':
		s.closeBrace(n)
	default:
		// Text that is no label: inside a voucher it breaks the block;
		// elsewhere it is ignored, as the standard says of unknown lines.
		if s.v.state == vsOpen || s.v.state == vsStray {
			s.problem(n, s.value(line), "raden är varken en #TRANS-rad eller } inom verifikationen "+s.voucherName(),
				"Exportera SIE-filen på nytt från bokföringsprogrammet; verifikationen summeras inte")
			s.v.broken = true
		}
	}
}

// blockLabels end a voucher whose } is missing when they appear inside
// it; other unknown labels inside a block are ignored.
var blockLabels = map[string]bool{
	"#VER": true, "#KONTO": true, "#IB": true, "#UB": true, "#RES": true, "#OIB": true, "#OUB": true,
	"#PSALDO": true, "#PBUDGET": true, "#RAR": true, "#DIM": true, "#OBJEKT": true, "#SRU": true, "#KTYP": true,
	"#FLAGGA": true, "#SIETYP": true, "#FORMAT": true,
}

func (s *sieReader) label(n int, label string, toks []sieToken) {
	switch label {
	case "#TRANS":
		s.l.RowsRead++
		s.transLines++
		s.trans(n, toks)
		return
	case "#RTRANS", "#BTRANS":
		// An added row is repeated as #TRANS; a removed one is history.
		if s.v.state == vsPending {
			s.missingOpen()
		}
		return
	}
	if s.v.state != vsNone && blockLabels[label] {
		s.missingClose(n)
	}
	switch label {
	case "#VER":
		s.ver(n, toks)
	case "#FORMAT":
		f := strings.ToUpper(string(tokText(toks, 1)))
		switch f {
		case "PC8":
			if s.enc != sieUTF8 {
				s.enc = siePC8
			}
		case "UTF8", "UTF-8":
			s.enc = sieUTF8
		default:
			s.warn(n, f, "är en okänd teckenkodning i #FORMAT; texterna läses som PC8 (teckentabell 437)",
				"SIE-standarden anger #FORMAT PC8; kontrollera svenska tecken i kontonamnen")
		}
	case "#SIETYP":
		s.sieType = strings.ToUpper(string(tokText(toks, 1)))
	case "#RAR":
		if string(tokText(toks, 1)) == "0" {
			start, ok1 := sieDate(tokText(toks, 2))
			end, ok2 := sieDate(tokText(toks, 3))
			if ok1 && ok2 && start <= end {
				s.rarStart, s.rarEnd = start, end
			}
		}
	case "#KONTO":
		acc := tokText(toks, 1)
		if allDigits(acc) && len(s.names) < cacheLimit {
			s.names[string(acc)] = string(s.decode(tokText(toks, 2)))
		}
	case "#RES":
		acc, amt := tokText(toks, 2), tokText(toks, 3)
		if string(tokText(toks, 1)) != "0" || !allDigits(acc) {
			return
		}
		a, ok := sieAmount(amt)
		if !ok {
			s.warn(n, s.value(amt), "är inget belopp i #RES och stäms inte av", "SIE skriver belopp med punkt som decimaltecken, t.ex. -1234.50")
			return
		}
		if len(s.res) < cacheLimit {
			s.res[string(acc)] = sieBalance{a, n}
		}
	case "#IB", "#UB":
		// #IB årsnr konto saldo kvantitet
		acc, amt := tokText(toks, 2), tokText(toks, 3)
		if string(tokText(toks, 1)) != "0" || !allDigits(acc) {
			return
		}
		a, ok := sieAmount(amt)
		if !ok {
			s.warn(n, s.value(amt), "är inget belopp i "+label+" och stäms inte av", "SIE skriver belopp med punkt som decimaltecken, t.ex. -1234.50")
			return
		}
		m := s.ib
		if label == "#UB" {
			m = s.ub
		}
		if len(m) < cacheLimit {
			m[string(acc)] = sieBalance{a, n}
		}
	case "#PSALDO":
		s.psaldoLine(n, toks)
	}
}

// psaldoLine reads #PSALDO årsnr period konto {objekt} saldo kvantitet of
// the current year. A line with objects of other dimensions than 1 and 6
// is left: their postings are not told apart. A line by Ansvar after
// summed vouchers is left too: its postings are summed only from the
// line on (the standard puts balances before the vouchers), and summing
// every posting by Ansvar and month in case would take memory unbounded
// by the report's.
func (s *sieReader) psaldoLine(n int, toks []sieToken) {
	per, acc := tokText(toks, 2), tokText(toks, 3)
	if string(tokText(toks, 1)) != "0" || len(per) != 6 || !allDigits(per) || !allDigits(acc) || len(s.psaldo) >= cacheLimit {
		return
	}
	date, ok := sieDate(append(append([]byte{}, per...), '0', '1'))
	if !ok {
		return
	}
	ps := siePsaldo{line: n, month: monthOf(date)}
	i := 4
	if i < len(toks) && toks[i].list {
		if toks[i].open {
			return
		}
		objs := s.objTok.split(toks[i].text)
		if len(objs)%2 != 0 {
			return
		}
		for j := 0; j < len(objs); j += 2 {
			dim, obj := string(objs[j].text), objs[j+1].text
			var dst *int32
			switch {
			case len(obj) == 0:
				continue
			case dim == "1":
				dst = &ps.resp
			case dim == "6":
				dst = &ps.proj
			default:
				return
			}
			id := s.objectID(obj)
			if *dst != 0 && *dst != id {
				return
			}
			*dst = id
		}
		i++
	}
	amt := tokText(toks, i)
	a, ok := sieAmount(amt)
	if !ok {
		s.warn(n, s.value(amt), "är inget belopp i #PSALDO och stäms inte av", "SIE skriver belopp med punkt som decimaltecken, t.ex. -1234.50")
		return
	}
	ps.amount = a
	ps.acc = s.accountID(acc)
	if ps.resp != 0 {
		if s.l.RowsSummed > 0 {
			return
		}
		proj := ps.proj
		if proj == 0 {
			proj = -1
		}
		s.respSum[sieRespKey{ps.acc, ps.resp, proj, int32(ps.month.Index())}] = 0
	}
	s.psaldo = append(s.psaldo, ps)
}

// tokText is the text of the i-th token, or nil.
func tokText(toks []sieToken, i int) []byte {
	if i < len(toks) {
		return toks[i].text
	}
	return nil
}

func upper(b []byte) {
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
}

// ver starts a voucher: #VER serie vernr verdatum vertext regdatum sign.
func (s *sieReader) ver(n int, toks []sieToken) {
	s.v = sieVoucher{state: vsPending, line: n, rows: s.v.rows[:0], id: s.v.id[:0]}
	s.v.id = append(append(append(s.v.id, tokText(toks, 1)...), ' '), tokText(toks, 2)...)
	d := tokText(toks, 3)
	date, ok := sieDate(d)
	if ok {
		s.v.date, s.v.month = date, monthOf(date)
	}
	if first := s.ids.seen(tokText(toks, 1), tokText(toks, 2), n); first != 0 {
		s.problem(n, "", fmt.Sprintf("verifikation %s finns redan på rad %d: samma serie och nummer två gånger i filen, och den andra summeras inte", s.voucherAt(n), first),
			"Filen är troligen två exporter som slagits ihop eller samma verifikationer exporterade två gånger; exportera SIE-filen på nytt från bokföringsprogrammet, en gång för hela perioden")
		s.v.broken = true
	}
	if !ok {
		what := "är inget verifikationsdatum"
		if len(d) == 0 {
			what = "verifikationsdatum saknas"
		}
		s.problem(n, s.value(d), what+" (ÅÅÅÅMMDD) i verifikation "+s.voucherAt(n),
			"Rätta datumet i bokföringsprogrammet och exportera SIE-filen på nytt; verifikationen summeras inte")
		s.v.broken = true
		return
	}
	if len(toks) > 1 && toks[len(toks)-1].list && toks[len(toks)-1].open && len(bytes.TrimSpace(toks[len(toks)-1].text)) == 0 {
		// "#VER A 1 20260105 "text" {": the brace on the #VER line itself.
		s.v.state = vsOpen
	}
}

func (s *sieReader) openBrace(n int) {
	switch s.v.state {
	case vsPending:
		s.v.state = vsOpen
	case vsOpen, vsStray:
		s.missingClose(n)
		fallthrough
	default:
		s.problem(n, "", "ett { utan en #VER-rad före", "Varje verifikation börjar med en #VER-rad och sedan { på nästa rad; exportera SIE-filen på nytt från bokföringsprogrammet")
		s.v = sieVoucher{state: vsStray, line: n, rows: s.v.rows[:0], id: s.v.id[:0], broken: true}
	}
}

func (s *sieReader) closeBrace(n int) {
	switch s.v.state {
	case vsOpen, vsStray:
		s.closeVoucher()
	case vsPending:
		s.missingOpen()
		s.closeVoucher()
	default:
		s.problem(n, "", "ett } utan en öppen verifikation", "Kontrollera att varje verifikation har en #VER-rad och { före sina #TRANS-rader; exportera SIE-filen på nytt")
	}
}

// missingOpen reports a #VER whose { is missing; the rows that follow
// belong to it all the same, so that they are counted and not summed.
func (s *sieReader) missingOpen() {
	if !s.v.broken {
		s.problem(s.v.line, "", "verifikation "+s.voucherAt(s.v.line)+" saknar { på raden efter #VER; den summeras inte",
			"Varje verifikation ska ha sina #TRANS-rader mellan { och }; exportera SIE-filen på nytt från bokföringsprogrammet")
	}
	s.v.broken = true
	s.v.state = vsStray
}

// missingClose ends a voucher whose } is missing, at line n.
func (s *sieReader) missingClose(n int) {
	switch s.v.state {
	case vsPending:
		s.missingOpen()
	case vsOpen:
		// Reported even when a row already broke the voucher: fixing that
		// row would not mend the block.
		where := fmt.Sprintf("före rad %d", n)
		if n == 0 {
			where = "när filen tar slut"
		}
		s.problem(s.v.line, "", "verifikation "+s.voucherAt(s.v.line)+" avslutas inte med } ("+where+"); den summeras inte",
			"Varje verifikation ska avslutas med } på en egen rad; exportera SIE-filen på nytt från bokföringsprogrammet (filen kan vara avkortad)")
		s.v.broken = true
	}
	s.closeVoucher()
}

// brokenLine marks the open voucher broken after an unreadable line.
func (s *sieReader) brokenLine() {
	if s.v.state != vsNone {
		s.v.broken = true
	}
}

// voucherName is "A 12 den 2026-03-15 (rad 40)" for messages; the line
// is left out of a message placed at the #VER line itself.
func (s *sieReader) voucherName() string {
	return s.voucherAt(-1)
}

func (s *sieReader) voucherAt(n int) string {
	v := &s.v
	var b strings.Builder
	id := strings.TrimSpace(s.value(v.id))
	if id == "" {
		id = "utan serie och nummer"
	}
	b.WriteString(id)
	if v.date != 0 {
		fmt.Fprintf(&b, " den %04d-%02d-%02d", v.date/10000, v.date/100%100, v.date%100)
	}
	if n != v.line {
		fmt.Fprintf(&b, " (rad %d)", v.line)
	}
	return strings.TrimSpace(b.String())
}

// trans reads #TRANS kontonr {objektlista} belopp transdat transtext
// kvantitet sign into the open voucher.
func (s *sieReader) trans(n int, toks []sieToken) {
	switch s.v.state {
	case vsNone:
		s.l.ErrorRows++
		s.problem(n, "", "#TRANS-raden står utanför en verifikation och summeras inte",
			"Varje #TRANS-rad ska stå mellan { och } under en #VER-rad; exportera SIE-filen på nytt från bokföringsprogrammet")
		return
	case vsPending:
		s.missingOpen()
	}
	s.v.trans++
	p, ok := s.posting(n, toks)
	if !ok {
		s.v.broken = true
	}
	if s.v.broken {
		return
	}
	s.v.rows = append(s.v.rows, p)
	s.v.sum += p.amount
	if len(s.v.rows) >= foldRows {
		s.fold()
	}
}

// fold moves the open voucher's rows into its folds.
func (s *sieReader) fold() {
	v := &s.v
	for _, p := range v.rows {
		var fits bool
		if v.abs, fits = v.abs.AddChecked(p.amount.Abs()); !fits {
			v.absBig = true
		}
		k := sieFoldKey{p.acc, p.proj, p.resp, int32(p.month.Index())}
		i, ok := s.foldOf[k]
		if !ok {
			i = int32(len(s.folds))
			s.folds = append(s.folds, sieFold{key: k, month: p.month, line: p.line})
			s.foldOf[k] = i
		}
		s.folds[i].amount += p.amount
		s.folds[i].rows++
	}
	v.rows = v.rows[:0]
}

func (s *sieReader) posting(n int, toks []sieToken) (siePosting, bool) {
	p := siePosting{line: n}
	bad := func(v []byte, msg, hint string) (siePosting, bool) {
		// One message per voucher is enough: its rows are counted as
		// error rows all the same.
		if !s.v.broken {
			s.problem(n, s.value(v), msg+"; verifikation "+s.voucherName()+" summeras inte", hint)
		}
		return p, false
	}
	acc := tokText(toks, 1)
	switch {
	case len(toks) < 2 || len(acc) == 0:
		return bad(nil, "kontonummer saknas i #TRANS-raden", "En #TRANS-rad är: #TRANS konto {objekt} belopp datum; exportera SIE-filen på nytt")
	case toks[1].list || !allDigits(acc):
		return bad(acc, "är inget kontonummer", "En #TRANS-rad är: #TRANS konto {objekt} belopp datum, med ett konto av siffror")
	}
	p.acc = s.accountID(acc)
	i := 2
	if i < len(toks) && (toks[i].list || toks[i].quoted && bytes.HasPrefix(bytes.TrimSpace(toks[i].text), []byte("{"))) {
		// Some writers quote the object list: "{1 \"100\"}".
		t := toks[i]
		inner := t.text
		if !t.list {
			inner = bytes.TrimSpace(inner)
			inner, t.open = inner[1:], !bytes.HasSuffix(inner, []byte("}"))
			if !t.open {
				inner = inner[:len(inner)-1]
			}
		}
		if t.open {
			return bad(t.text, "objektlistan avslutas inte med }", "Objektlistan skrivs {dimension \"objekt\" …}, t.ex. {1 \"100\" 6 \"P123\"}")
		}
		if msg := s.objectList(&p, inner); msg != "" {
			return bad(inner, msg, "Objektlistan skrivs {dimension \"objekt\" …} med ett objekt per dimension, t.ex. {1 \"100\" 6 \"P123\"}")
		}
		i++
	}
	// Without a list, the writer left it out: the amount comes next.
	amt := tokText(toks, i)
	if len(amt) == 0 {
		return bad(nil, "belopp saknas i #TRANS-raden", "En #TRANS-rad är: #TRANS konto {objekt} belopp datum")
	}
	a, ok := sieAmount(amt)
	if !ok || toks[i].list {
		return bad(amt, "är inget belopp", "SIE skriver belopp med punkt som decimaltecken och utan tusentalsavgränsare, t.ex. -1234.50")
	}
	p.amount = a
	i++
	p.month = s.v.month
	if d := tokText(toks, i); len(d) > 0 {
		date, ok := sieDate(d)
		switch {
		case ok:
			p.month = monthOf(date)
		case toks[i].quoted && !toks[i].open:
			// A text where the date belongs: the writer left the date out.
		default:
			return bad(d, "är inget transaktionsdatum (ÅÅÅÅMMDD)", "Skriv datumet som 20260315, eller \"\" för verifikationens datum")
		}
	}
	if p.month.IsZero() {
		return bad(nil, "datum saknas: varken #TRANS-raden eller #VER-raden har ett datum", "Exportera SIE-filen på nytt från bokföringsprogrammet")
	}
	return p, true
}

// objectList reads "1 "100" 6 "P123"": dimension 1 is the responsibility,
// dimension 6 the project; other dimensions are read and left. It returns
// what is wrong with the list, or "". A dimension given twice with two
// objects is wrong (a posting cannot belong to two Ansvar); the same
// object twice is not.
func (s *sieReader) objectList(p *siePosting, inner []byte) string {
	toks := s.objTok.split(inner)
	if len(toks)%2 != 0 {
		return "är ingen objektlista av par (dimension, objekt)"
	}
	for j := 0; j < len(toks); j += 2 {
		dim, obj := toks[j].text, toks[j+1].text
		if !allDigits(dim) || toks[j+1].list {
			return "är ingen objektlista av par (dimension, objekt)"
		}
		var dst *int32
		what := "kostnadsställen (Ansvar)"
		switch string(dim) {
		case "1":
			dst = &p.resp
		case "6":
			dst, what = &p.proj, "projekt"
			if len(obj) > 0 {
				s.l.HasProject = true
			}
		default:
			continue
		}
		if len(obj) == 0 {
			continue
		}
		id := s.objectID(obj)
		if *dst != 0 && *dst != id {
			return fmt.Sprintf("objektlistan har två olika objekt i dimension %s, %q och %q: raden kan inte höra till två %s",
				dim, truncate(s.objNames[*dst]), truncate(s.objNames[id]), what)
		}
		*dst = id
	}
	return ""
}

// accountID is an account's id in accNames.
func (s *sieReader) accountID(acc []byte) int32 {
	id, ok := s.accounts[string(acc)]
	if !ok {
		id = int32(len(s.accNames))
		s.accNames = append(s.accNames, string(acc))
		s.accounts[string(acc)] = id
	}
	return id
}

// objectID is an object's id in objNames.
func (s *sieReader) objectID(obj []byte) int32 {
	id, ok := s.objects[string(obj)]
	if !ok {
		id = int32(len(s.objNames))
		s.objNames = append(s.objNames, string(s.decode(obj)))
		s.objects[string(obj)] = id
	}
	return id
}

// closeVoucher sums a balanced voucher, or counts its rows as errors.
func (s *sieReader) closeVoucher() {
	v := &s.v
	l := s.l
	switch {
	case v.broken:
		l.ErrorRows += v.trans
	case v.sum != 0:
		l.ErrorRows += v.trans
		s.problem(v.line, "", fmt.Sprintf("verifikation %s balanserar inte: dess %d #TRANS-rader summerar till %s kr, inte 0; raderna summeras inte",
			s.voucherAt(v.line), v.trans, v.sum.FormatKr()),
			"En verifikation ska balansera (debet = kredit); rätta den i bokföringsprogrammet och exportera SIE-filen på nytt")
	default:
		// As in the CSV and XLSX readers, Σ|amount| stays within int64,
		// so that no sum of postings can wrap (a voucher's own sum
		// included: 93 postings at the per-row bound wrap to any value).
		if len(s.folds) > 0 {
			s.fold()
		}
		abs, fits := l.absTotal.AddChecked(v.abs)
		fits = fits && !v.absBig
		for _, p := range v.rows {
			if !fits {
				break
			}
			abs, fits = abs.AddChecked(p.amount.Abs())
		}
		if !fits {
			l.ErrorRows += v.trans
			s.problem(v.line, "", "verifikation "+s.voucherAt(v.line)+" gör huvudbokens summa för stor för att räknas exakt (beloppen tillsammans över 92 000 biljoner kr); raderna summeras inte",
				"Kontrollera beloppen i verifikationen; så stora belopp förekommer inte i en verklig huvudbok")
			break
		}
		l.absTotal = abs
		for _, p := range v.rows {
			s.sum(sieFold{key: sieFoldKey{p.acc, p.proj, p.resp, 0}, month: p.month, line: p.line, amount: p.amount, rows: 1})
		}
		for _, f := range s.folds {
			s.sum(f)
		}
	}
	s.v = sieVoucher{rows: v.rows[:0], id: v.id[:0]}
	if len(s.folds) > 0 {
		if len(s.folds) > 1024 {
			// Clearing a map takes the time of its largest size: a
			// voucher of many places would slow every voucher after it.
			s.foldOf = map[sieFoldKey]int32{}
		} else {
			clear(s.foldOf)
		}
		s.folds = s.folds[:0]
	}
}

// sum adds postings of a balanced voucher, in one place, to their bucket.
// When units select their rows (SPEC 6.2), the postings' responsibility,
// their object of dimension 1, routes them: the slot's key carries the
// unit. f.key.month is not read.
func (s *sieReader) sum(f sieFold) {
	l := s.l
	vMonth := int32(s.v.month.Index())
	acc, proj := f.key.acc, f.key.proj
	var unit int32
	if l.route != nil {
		unit = s.unitOf(f.key.resp, f.line)
	}
	var resp int32
	if l.keep.resp {
		// SIE has no Verksamhet: only Ansvar, the object of dimension 1.
		resp = f.key.resp
	}
	k := sieSlotKey{acc, proj, int32(f.month.Index()), vMonth, unit, resp}
	i, ok := s.slotOf[k]
	if !ok {
		i = int32(len(s.slots))
		s.slots = append(s.slots, sieSlot{key: Key{Account: s.accNames[acc], Month: f.month, Project: s.objNames[proj], Responsibility: s.objNames[resp]},
			acc: acc, proj: proj, vMonth: vMonth, unit: unit})
		s.slotOf[k] = i
		if _, seen := l.FirstSeen[s.accNames[acc]]; !seen {
			if l.FirstSeen == nil {
				l.FirstSeen = map[string]problem.Position{}
			}
			l.FirstSeen[s.accNames[acc]] = problem.Position{File: l.File, Row: f.line, Line: true}
		}
	}
	s.slots[i].b.Amount += f.amount
	s.slots[i].b.Rows += f.rows
	if len(s.respSum) > 0 && f.key.resp != 0 {
		k := sieRespKey{acc, f.key.resp, -1, vMonth}
		if sum, ok := s.respSum[k]; ok {
			s.respSum[k] = sum + f.amount
		}
		if k.proj = proj; proj != 0 {
			if sum, ok := s.respSum[k]; ok {
				s.respSum[k] = sum + f.amount
			}
		}
	}
	l.Total += f.amount
	l.RowsSummed += f.rows
	if s.v.month.Year > s.latestYear {
		s.latestYear = s.v.month.Year
	}
}

// respShift keeps every route (routeOverlap is the least) above 0 in
// sieReader.respUnit, where 0 means undecided.
const respShift = 1 - routeOverlap

// unitOf routes postings by their object of dimension 1, resp, decided
// once per object; line is the first posting's.
func (s *sieReader) unitOf(resp int32, line int) int32 {
	for int(resp) >= len(s.respUnit) {
		s.respUnit = append(s.respUnit, 0)
	}
	if u := s.respUnit[resp]; u != 0 {
		return u - respShift
	}
	code := s.objNames[resp]
	if code != "" {
		s.hasResp = true
	}
	u := s.l.route.route([]byte(code), func() string { return code }, func() (string, int, string) {
		return "", line, fmt.Sprintf("rad %d", line)
	})
	s.respUnit[resp] = u + respShift
	return u
}

// finish closes the last voucher, moves the sums into the ledger and
// reconciles #RES.
func (s *sieReader) finish() {
	l := s.l
	if s.v.state != vsNone {
		s.missingClose(0)
	}
	for _, sl := range s.slots {
		l.add(sl.unit, sl.key, sl.b)
	}
	if l.route != nil && !s.hasResp && s.transLines > 0 {
		// SIE's responsibility is the object of dimension 1; a file
		// without any cannot be split by Ansvar.
		l.noResponsibility("", "inga objekt i dimension 1 (kostnadsställe/resultatenhet) på #TRANS-raderna", "Exportera SIE-filen med objekt för kostnadsställe/resultatenhet")
	}
	switch {
	case s.labels == 0:
		l.fileProblem("filen har inga SIE-rader (#FLAGGA, #VER, #TRANS …) och är ingen SIE-fil",
			"En fil som heter .se, .si eller .sie läses som SIE 4; exportera huvudboken som SIE typ 4, eller som .xlsx eller CSV")
	case s.sieType != "" && s.sieType != "4" && s.sieType != "4E" && s.sieType != "4I":
		l.fileProblem("filen är SIE typ "+s.sieType+", som bara har saldon; rapport behöver verifikationerna i SIE typ 4",
			"Exportera SIE typ 4 (transaktioner) från bokföringsprogrammet")
	case s.transLines == 0:
		l.fileProblem("SIE-filen har inga #TRANS-rader (verifikationer)",
			"Exportera SIE typ 4 med verifikationer för hela räkenskapsåret")
	}
	s.reconcile()
	if s.suppressed > 0 {
		l.Problems.Add(problem.Problem{Severity: problem.Error, File: l.File, Row: 1 << 30,
			Message: fmt.Sprintf("och %d fel till som inte visas (raderna är räknade men inte summerade)", s.suppressed),
			Hint:    "Rätta felen ovan, som ofta har samma orsak, och läs in filen igen"})
	}
}

// reconcileHint is the hint of every reconciliation warning.
const reconcileHint = "Filen kan vara ofullständig (verifikationer saknas eller summeras inte) eller saldona inaktuella; exportera SIE typ 4 för hela räkenskapsåret på nytt"

// reconcile compares the balances of the file with its summed #TRANS
// rows, in the vouchers of the current year: #RAR 0, else the latest year
// of the vouchers. Each #RES with its account's sum; #UB − #IB with it,
// and each #PSALDO with the sum of its month (and objects). A difference
// is a warning at the balance's line.
func (s *sieReader) reconcile() {
	if len(s.res) == 0 && (s.transLines == 0 || len(s.ub) == 0 && len(s.psaldo) == 0) {
		return
	}
	from, to := period.Month{Year: s.latestYear, Month: time.January}, period.Month{Year: s.latestYear, Month: time.December}
	year := fmt.Sprintf("år %d (enligt verifikationerna, filen saknar #RAR 0)", s.latestYear)
	if s.rarStart != 0 {
		from, to = monthOf(s.rarStart), monthOf(s.rarEnd)
		year = fmt.Sprintf("räkenskapsåret %s–%s", isoDate(s.rarStart), isoDate(s.rarEnd))
	}
	if s.latestYear == 0 && s.rarStart == 0 {
		year = "året (filen har varken #RAR 0 eller summerade verifikationer)"
	}
	got := map[int32]money.Amount{}
	for _, sl := range s.slots {
		if int(sl.vMonth) >= from.Index() && int(sl.vMonth) <= to.Index() {
			got[sl.acc] += sl.b.Amount
		}
	}
	for _, a := range slices.Sorted(maps.Keys(s.res)) {
		r := s.res[a]
		sum := s.yearSum(got, a)
		if sum == r.amount {
			continue
		}
		s.warn(r.line, "", fmt.Sprintf("%s: #RES anger %s kr för %s, men de summerade #TRANS-raderna blir %s kr (skillnad %s kr)",
			s.accountName(a), r.amount.FormatKr(), year, sum.FormatKr(), (r.amount-sum).FormatKr()), reconcileHint)
	}
	if s.transLines == 0 {
		// A file of balances only is an error already; its balances
		// would all differ from nothing.
		return
	}
	s.reconcileBalances(got, year)
	s.reconcilePsaldo(from, to)
}

// reconcileBalances compares #UB − #IB of each account that has either
// with its summed #TRANS rows of the year. A missing #IB or #UB is 0 (a
// program leaves out balances of 0), but a file without any #UB is not
// reconciled: it does not give the closing balances.
func (s *sieReader) reconcileBalances(got map[int32]money.Amount, year string) {
	if len(s.ub) == 0 {
		return
	}
	accs := slices.Sorted(maps.Keys(s.ub))
	for a := range s.ib {
		if _, ok := s.ub[a]; !ok {
			accs = append(accs, a)
		}
	}
	slices.Sort(accs)
	for _, a := range accs {
		ib, hasIB := s.ib[a]
		ub, hasUB := s.ub[a]
		change, sum := ub.amount-ib.amount, s.yearSum(got, a)
		if change == sum {
			continue
		}
		ibText, ubText, line := "#IB saknas (0 kr)", "#UB saknas (0 kr)", ub.line
		if hasIB {
			ibText = fmt.Sprintf("#IB %s kr på rad %d", ib.amount.FormatKr(), ib.line)
		}
		if hasUB {
			ubText = fmt.Sprintf("#UB %s kr", ub.amount.FormatKr())
		} else {
			line = ib.line
		}
		s.warn(line, "", fmt.Sprintf("%s: #UB − #IB anger en förändring på %s kr för %s (%s, %s), men de summerade #TRANS-raderna blir %s kr (skillnad %s kr)",
			s.accountName(a), change.FormatKr(), year, ubText, ibText, sum.FormatKr(), (change-sum).FormatKr()), reconcileHint)
	}
}

// maxPsaldoWarnings bounds the #PSALDO lines named one by one: when a
// file lacks vouchers, every month of every account differs.
const maxPsaldoWarnings = 20

// maxAccumulatedMonths bounds the months summed for a balance account's
// accumulated #PSALDO; a fiscal year has at most 18.
const maxAccumulatedMonths = 24

// reconcilePsaldo compares each #PSALDO with the summed #TRANS rows of its
// month, by the vouchers' dates, and of its objects where it names them.
// The standard's periodsaldo of a balance account (class 1 and 2) may be
// the month's change or the balance at its end: either passes, and one by
// object is not reconciled (its opening balance, #OIB, is not read).
func (s *sieReader) reconcilePsaldo(from, to period.Month) {
	if len(s.psaldo) == 0 {
		return
	}
	type accMonth struct{ acc, vMonth, proj int32 } // proj −1: every project
	byMonth := map[accMonth]money.Amount{}
	for _, sl := range s.slots {
		byMonth[accMonth{sl.acc, sl.vMonth, -1}] += sl.b.Amount
		if sl.proj != 0 {
			byMonth[accMonth{sl.acc, sl.vMonth, sl.proj}] += sl.b.Amount
		}
	}
	told, more, moreAt := 0, 0, 0
	for _, ps := range s.psaldo {
		vm := int32(ps.month.Index())
		var sum money.Amount
		switch {
		case ps.resp != 0:
			proj := ps.proj
			if proj == 0 {
				proj = -1
			}
			sum = s.respSum[sieRespKey{ps.acc, ps.resp, proj, vm}]
		case ps.proj != 0:
			sum = byMonth[accMonth{ps.acc, vm, ps.proj}]
		default:
			sum = byMonth[accMonth{ps.acc, vm, -1}]
		}
		if sum == ps.amount {
			continue
		}
		acc := s.accNames[ps.acc]
		also := ""
		if acc[0] == '1' || acc[0] == '2' {
			if ps.resp != 0 || ps.proj != 0 {
				continue
			}
			if n := ps.month.Index() - from.Index(); n >= 0 && n < maxAccumulatedMonths && !ps.month.After(to) {
				total := s.ib[acc].amount
				for m := from; !m.After(ps.month); m = m.Add(1) {
					total += byMonth[accMonth{ps.acc, int32(m.Index()), -1}]
				}
				if total == ps.amount {
					continue
				}
				also = fmt.Sprintf(", och med #IB till och med månaden %s kr", total.FormatKr())
			}
		}
		if told == maxPsaldoWarnings {
			if more == 0 {
				moreAt = ps.line
			}
			more++
			continue
		}
		told++
		name := s.accountName(acc)
		if ps.resp != 0 || ps.proj != 0 {
			var objs []string
			if ps.resp != 0 {
				objs = append(objs, fmt.Sprintf("1 %q", truncate(s.objNames[ps.resp])))
			}
			if ps.proj != 0 {
				objs = append(objs, fmt.Sprintf("6 %q", truncate(s.objNames[ps.proj])))
			}
			name += ", objekt {" + strings.Join(objs, " ") + "}"
		}
		s.warn(ps.line, "", fmt.Sprintf("%s: #PSALDO anger %s kr för %s, men de summerade #TRANS-raderna för månaden blir %s kr%s (skillnad %s kr)",
			name, ps.amount.FormatKr(), ps.month.Swedish(), sum.FormatKr(), also, (ps.amount-sum).FormatKr()), reconcileHint)
	}
	if more > 0 {
		s.warn(moreAt, "", fmt.Sprintf("och %d #PSALDO-rader till stämmer inte med de summerade #TRANS-raderna", more), reconcileHint)
	}
}

// yearSum is an account's sum in got, by account id.
func (s *sieReader) yearSum(got map[int32]money.Amount, acc string) money.Amount {
	id, ok := s.accounts[acc]
	if !ok {
		return 0
	}
	return got[id]
}

// accountName is "konto 4010 Löner" for messages, with the #KONTO name
// when the file has one.
func (s *sieReader) accountName(acc string) string {
	name := "konto " + acc
	if n := s.names[acc]; n != "" {
		name += " " + n
	}
	return name
}

func isoDate(d int) string { return fmt.Sprintf("%04d-%02d-%02d", d/10000, d/100%100, d%100) }

// problem records an error at a line, or counts it past maxProblems.
func (s *sieReader) problem(n int, v, msg, hint string) {
	s.add(problem.Error, n, v, msg, hint)
}

func (s *sieReader) warn(n int, v, msg, hint string) {
	s.add(problem.Warning, n, v, msg, hint)
}

func (s *sieReader) add(sev problem.Severity, n int, v, msg, hint string) {
	if len(s.l.Problems) >= maxProblems {
		if sev == problem.Error {
			s.suppressed++
		}
		return
	}
	s.l.Problems.Add(problem.Problem{Severity: sev, File: s.l.File, Cell: fmt.Sprintf("rad %d", n), Row: n,
		Value: v, Message: msg, Hint: hint})
}

// value is a field as text for a message: decoded and cut short.
func (s *sieReader) value(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) > maxValueBytes {
		b = b[:maxValueBytes]
	}
	t := string(s.decode(b))
	if !utf8.ValidString(t) {
		t = strings.ToValidUTF8(t, "\ufffd")
	}
	return t
}

// decode turns a field's bytes into UTF-8, by #FORMAT: PC8 (code page
// 437) as the standard says, or UTF-8. Without #FORMAT, text that is
// valid UTF-8 is taken as such, since a PC8 text with Swedish letters
// never is.
func (s *sieReader) decode(b []byte) []byte {
	if !bytes.ContainsFunc(b, func(r rune) bool { return r >= utf8.RuneSelf }) {
		return b
	}
	if s.enc == sieUTF8 || s.enc == sieUnknown && utf8.Valid(b) {
		return bytes.ToValidUTF8(b, []byte("\ufffd"))
	}
	out, err := charmap.CodePage437.NewDecoder().Bytes(b)
	if err != nil {
		return b
	}
	return out
}

// sieAmount reads an SIE amount: -1234.50, with . as decimal point.
func sieAmount(b []byte) (money.Amount, bool) {
	if len(b) > 1 && b[0] == '+' {
		b = b[1:]
	}
	return plainAmount(b, money.UnitKr)
}

// sieDate reads YYYYMMDD, a date that exists.
func sieDate(b []byte) (int, bool) {
	if len(b) != 8 || !allDigits(b) {
		return 0, false
	}
	d := 0
	for _, c := range b {
		d = d*10 + int(c-'0')
	}
	y, mo, day := d/10000, d/100%100, d%100
	if y < 1900 || y > 2200 || mo < 1 || mo > 12 || day < 1 {
		return 0, false
	}
	if day > monthOf(d).LastDay().Day() {
		return 0, false
	}
	return d, true
}

func monthOf(d int) period.Month {
	return period.Month{Year: d / 10000, Month: time.Month(d / 100 % 100)}
}
