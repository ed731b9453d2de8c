package xlsxstream

import (
	"bytes"
	"errors"
	"io"
	"strconv"
)

// CellType is the kind of value a cell holds, from its t attribute.
type CellType uint8

const (
	Number  CellType = iota // t absent or "n": Value is the number as stored
	String                  // shared, inline or formula string: Value is the text
	Bool                    // Value is "1" or "0"
	Error                   // Value is the error text, e.g. "#N/A"
	DateISO                 // t="d": Value is an ISO 8601 date text
)

// MaxCellBytes bounds the value kept from one cell. Excel itself stops at
// 32 767 characters; a longer value is cut and the cell marked TooLarge.
const MaxCellBytes = 1 << 20

// MaxRowBytes bounds the text kept from one row, all cells together: a
// cell's bound alone would let a row of 16 384 cells of 1 MB each hold
// 16 GB. A ledger row is under a kilobyte.
const MaxRowBytes = 16 << 20

// ErrCellOrder is returned for a cell whose column is not after the
// previous cell's in the row. Excel never writes one; a row of millions
// of cells all claiming A1 would otherwise grow without bound.
var ErrCellOrder = errors.New("xlsxstream: cellen står inte efter föregående cell i raden")

// ErrRowOrder is returned for a row whose number is not after the
// previous row's: a row number that appears twice, or one that goes back.
// Excel never writes one; read on, the row's cells would be summed as if
// they were another row's, or a second time.
var ErrRowOrder = errors.New("xlsxstream: raden står inte under raden före den")

// ErrRowTooLarge is returned for a row with more than MaxRowBytes of text.
var ErrRowTooLarge = errors.New("xlsxstream: raden har orimligt mycket text")

// PosError is an error at a cell (Col > 0) or a row (Col 0) of a sheet.
type PosError struct {
	Row, Col int
	After    int // for ErrRowOrder: the number of the row before it
	Err      error
}

func (e *PosError) Error() string {
	if e.Col > 0 {
		return e.Err.Error() + " (rad " + strconv.Itoa(e.Row) + ", kolumn " + strconv.Itoa(e.Col) + ")"
	}
	return e.Err.Error() + " (rad " + strconv.Itoa(e.Row) + ")"
}

func (e *PosError) Unwrap() error { return e.Err }

// Cell is one cell of a row as stored. Value is valid until the next call
// of Rows.Next.
type Cell struct {
	Col      int // 1-based column
	Type     CellType
	Value    []byte // the value as text; shared strings resolved, XML unescaped
	Style    int    // index into the cell formats
	Date     bool   // a Number whose format is a date or time
	Formula  bool   // the cell holds a formula; Value is its cached result, empty if none was saved
	TooLarge bool   // Value was longer than MaxCellBytes and is cut
	BadIndex bool   // a shared-string index that the workbook does not hold
}

// Rows streams the rows of one worksheet. Only rows present in the file
// are returned; row numbers may skip.
type Rows struct {
	wb      *Workbook
	sheet   string
	sc      *scanner
	src     io.Closer
	total   int64
	row     int
	cells   []Cell
	spans   []span
	arena   []byte
	scratch []byte
	rowRef  []byte // the row's r attribute as written
	err     error
	done    bool
	inData  bool
}

// span is where a cell's value lies in the arena while the row is parsed:
// the arena may move as it grows, so slices are made when the row ends.
type span struct {
	start, end int
	isStart    int // -1 if the cell had no <is>
	isEnd      int
	typ        uint8 // typShared, typInline or 0
}

const (
	typShared = 1 + iota
	typInline
)

// ErrBadReference is returned for a cell or row reference that is not a
// valid A1 reference within Excel's limits.
var ErrBadReference = errors.New("xlsxstream: ogiltig cellreferens")

const (
	maxCols = 16384
	maxRows = 1048576
)

// Next advances to the next row. It returns false at the end of the sheet
// or on an error (see Err).
func (r *Rows) Next() bool {
	if r.done || r.err != nil {
		return false
	}
	const (
		capNone = iota
		capV
		capIS
	)
	capture := capNone
	inRow, inCell, inIS, inRPh := false, false, false, false
	var cur *Cell
	var sp *span
	prevCol := 0
	for {
		if r.inData && !inRow && !generalOnly {
			switch r.fastRow() {
			case fastDone:
				return true
			case fastFailed:
				return false
			}
		}
		if inRow && !inCell && !generalOnly {
			switch r.fastCell(&prevCol) {
			case fastDone:
				continue
			case fastFailed:
				return false
			}
		}
		k := r.sc.next()
		switch k {
		case tokEOF:
			r.done = true
			r.err = r.sc.Err()
			if r.err == nil && inRow {
				r.err = io.ErrUnexpectedEOF
			}
			return false
		case tokStart:
			name := r.sc.name
			switch {
			case !r.inData:
				if string(name) == "sheetData" {
					if r.sc.selfClose {
						r.done = true
						return false
					}
					r.inData = true
				}
			case string(name) == "row":
				n := r.row + 1
				r.rowRef = r.rowRef[:0]
				if v, ok := attr(r.sc.attrs, "r"); ok {
					var err error
					if n, err = atoiBounded(v, maxRows); err != nil {
						r.err = ErrBadReference
						return false
					}
					r.rowRef = append(r.rowRef, v...)
				}
				if n <= r.row {
					r.err = &PosError{Row: n, After: r.row, Err: ErrRowOrder}
					return false
				}
				r.row = n
				r.cells = r.cells[:0]
				r.spans = r.spans[:0]
				r.arena = r.arena[:0]
				prevCol = 0
				inCell, inIS, inRPh, capture = false, false, false, capNone
				cur, sp = nil, nil
				if r.sc.selfClose {
					return true
				}
				inRow = true
			case !inRow:
			case string(name) == "c":
				if !r.startCell(r.sc.attrs, &prevCol) {
					return false
				}
				cur, sp = &r.cells[len(r.cells)-1], &r.spans[len(r.spans)-1]
				// A cell inside a cell (broken XML) starts afresh.
				inCell, inIS, inRPh, capture = false, false, false, capNone
				if r.sc.selfClose || r.fastValue(sp) {
					cur, sp = nil, nil
					continue
				}
				inCell = true
			case !inCell || sp == nil:
			case string(name) == "v":
				if !r.sc.selfClose {
					capture = capV
					sp.start, sp.end = len(r.arena), len(r.arena)
				}
			case string(name) == "f":
				cur.Formula = true
			case string(name) == "is":
				if !r.sc.selfClose {
					inIS = true
					if sp.isStart < 0 {
						sp.isStart, sp.isEnd = len(r.arena), len(r.arena)
					}
				}
			case string(name) == "rPh":
				inRPh = !r.sc.selfClose
			case string(name) == "t":
				if inIS && !inRPh && !r.sc.selfClose {
					capture = capIS
				}
			}
		case tokEnd:
			if !r.inData {
				continue
			}
			switch string(r.sc.name) {
			case "v", "t":
				capture = capNone
			case "rPh":
				inRPh = false
			case "is":
				inIS = false
			case "c":
				inCell, inIS, inRPh, capture = false, false, false, capNone
				cur, sp = nil, nil
			case "row":
				if inRow {
					r.finishRow()
					return true
				}
			case "sheetData":
				r.done = true
				return false
			}
		case tokText, tokCDATA:
			if capture == capNone || cur == nil {
				continue
			}
			end := &sp.end
			if capture == capIS {
				if sp.isEnd != len(r.arena) { // a later <is> run after other text: keep runs contiguous
					continue
				}
				end = &sp.isEnd
			} else if sp.end != len(r.arena) {
				continue
			}
			t := r.sc.text
			if *end-startOf(sp, capture == capIS)+len(t) > MaxCellBytes {
				cur.TooLarge = true
				continue
			}
			if len(r.arena)+len(t) > MaxRowBytes {
				r.err = &PosError{Row: r.row, Err: ErrRowTooLarge}
				return false
			}
			if k == tokCDATA {
				for _, c := range t {
					if c == '&' {
						r.arena = append(r.arena, "&amp;"...)
					} else {
						r.arena = append(r.arena, c)
					}
				}
			} else {
				r.arena = append(r.arena, t...)
			}
			*end = len(r.arena)
		}
	}
}

// generalOnly turns the fast paths off, for tests that hold them to the
// general tokenizer.
var generalOnly = false

type fastResult int

const (
	fastNo fastResult = iota
	fastDone
	fastFailed
	fastShort // the bytes buffered end inside the row
)

// fastCell takes a whole cell, <c …><v>text</v></c>, <c …><is><t>text</t></is></c> or <c …/>, straight
// from the buffer, skipping the general tokenizer; it declines anything
// else.
func (r *Rows) fastCell(prevCol *int) fastResult {
	b := r.sc.buf[r.sc.pos:r.sc.end]
	if len(b) < 3 || b[0] != '<' || b[1] != 'c' || !isSpace(b[2]) {
		return fastNo
	}
	j := bytes.IndexByte(b, '>')
	if j < 0 {
		return fastNo
	}
	attrs := b[3:j]
	selfClose := len(attrs) > 0 && attrs[len(attrs)-1] == '/'
	var val []byte
	inline := false
	end := j + 1
	if !selfClose {
		v, isInline, n, res := cellBody(b[j+1:])
		if res != fastDone {
			return fastNo
		}
		val, inline = v, isInline
		end += n
	} else {
		attrs = attrs[:len(attrs)-1]
	}
	if !r.startCell(attrs, prevCol) {
		return fastFailed
	}
	sp := &r.spans[len(r.spans)-1]
	switch {
	case inline:
		sp.isStart = len(r.arena)
		r.arena = append(r.arena, val...)
		sp.isEnd = len(r.arena)
	case len(val) > 0:
		sp.start = len(r.arena)
		r.arena = append(r.arena, val...)
		sp.end = len(r.arena)
	}
	r.sc.pos += end
	return fastDone
}

// startCell records a cell from its tag's attributes.
func (r *Rows) startCell(attrs []byte, prevCol *int) bool {
	typ, ok := r.addCell(attrs, prevCol)
	if ok {
		r.spans = append(r.spans, span{start: len(r.arena), end: len(r.arena), isStart: -1, typ: typ})
	}
	return ok
}

// addCell appends a cell read from its tag's attributes, after checking
// them: its column (after the previous cell's), style and type. typ is
// typShared, typInline or 0.
func (r *Rows) addCell(attrs []byte, prevCol *int) (typ uint8, ok bool) {
	col := *prevCol + 1
	ref, st, t, hasR, hasS := cellAttrs(attrs)
	if hasR {
		c, row, ok := r.parseCellRef(ref)
		if !ok || row != r.row && row != 0 {
			r.err = ErrBadReference
			return 0, false
		}
		col = c
	}
	if col > maxCols {
		r.err = ErrBadReference
		return 0, false
	}
	if col <= *prevCol {
		r.err = &PosError{Row: r.row, Col: col, Err: ErrCellOrder}
		return 0, false
	}
	if len(r.arena) > MaxRowBytes {
		r.err = &PosError{Row: r.row, Err: ErrRowTooLarge}
		return 0, false
	}
	*prevCol = col
	r.cells = append(r.cells, Cell{})
	c := &r.cells[len(r.cells)-1]
	c.Col = col
	if hasS {
		c.Style, _ = atoiBounded(st, 1<<30)
	}
	c.Type, typ = cellTypes(t)
	return typ, true
}

// cellTypes reads a cell's t attribute: the value's type, and how the
// value is stored (typShared, typInline or 0).
func cellTypes(t []byte) (CellType, uint8) {
	switch string(t) {
	case "s":
		return String, typShared
	case "inlineStr":
		return String, typInline
	}
	return cellType(t), 0
}

// cellBody reads what follows the '>' of a cell's start tag, in the
// shapes writers of large exports use: "<v>text</v></c>",
// "<is><t>text</t></is></c>" (inline) or "</c>". It gives the value and
// the bytes taken; fastNo for any other shape, fastShort where b ends
// before the shape can be told.
func cellBody(b []byte) (val []byte, inline bool, n int, res fastResult) {
	switch {
	case len(b) >= 3 && b[0] == '<' && b[1] == 'v' && b[2] == '>':
		m := bytes.IndexByte(b[3:], '<')
		if m < 0 || len(b) < 3+m+8 {
			return nil, false, 0, fastShort
		}
		if m > MaxCellBytes || string(b[3+m:3+m+8]) != "</v></c>" {
			return nil, false, 0, fastNo
		}
		return b[3 : 3+m], false, 3 + m + 8, fastDone
	case len(b) >= 7 && string(b[:7]) == "<is><t>":
		m := bytes.IndexByte(b[7:], '<')
		if m < 0 || len(b) < 7+m+13 {
			return nil, false, 0, fastShort
		}
		if m > MaxCellBytes || string(b[7+m:7+m+13]) != "</t></is></c>" {
			return nil, false, 0, fastNo
		}
		return b[7 : 7+m], true, 7 + m + 13, fastDone
	case len(b) < 13:
		return nil, false, 0, fastShort // too little to tell the shape
	case string(b[:4]) == "</c>":
		return nil, false, 4, fastDone
	}
	return nil, false, 0, fastNo
}

// addValue sets the value of the cell just added, with its type as
// addCell or quickCell read it.
func (r *Rows) addValue(val []byte, typ uint8, inline bool) {
	if inline && typ != typInline {
		val = nil // an <is> counts only in an inline-string cell
	}
	r.finishCell(&r.cells[len(r.cells)-1], val, typ, inline)
}

// quickCell reads, in one pass, a cell written the way large exports
// write nearly all their cells: a tag with only r (in the row's own
// digits), s (digits) and t (letters), each after one space and in double
// quotes, then "/>", "></c>", "><v>text</v></c>" or
// "><is><t>text</t></is></c>". It appends the finished cell and returns
// the bytes it took, from c's "<c ". Anything else it declines (0),
// appending nothing, for fastRowIn's general cell reading: attribute
// values without '>' or quotes make the first '>' the tag's end, as the
// general reading takes it.
func (r *Rows) quickCell(c []byte, prevCol *int) int {
	col, style, hasR := *prevCol+1, 0, false
	var t []byte
	i := 2
	for {
		if i+4 >= len(c) {
			return 0
		}
		if c[i] != ' ' {
			break
		}
		if c[i+2] != '=' || c[i+3] != '"' {
			return 0
		}
		j := i + 4
		switch c[i+1] {
		case 'r':
			n := 0
			for j < len(c) && j < i+7 && c[j]-'A' < 26 {
				n = n*26 + int(c[j]-'A'+1)
				j++
			}
			ref := r.rowRef
			if n == 0 || hasR || len(ref) == 0 || len(c)-j < len(ref) || string(c[j:j+len(ref)]) != string(ref) {
				return 0
			}
			j += len(ref)
			col, hasR = n, true
		case 's':
			n := 0
			for j < len(c) && j < i+13 && c[j]-'0' < 10 {
				n = n*10 + int(c[j]-'0')
				j++
			}
			if j == i+4 {
				return 0
			}
			style = n
		case 't':
			k := j
			for k < len(c) && k < j+10 && (c[k]|0x20)-'a' < 26 {
				k++
			}
			t = c[j:k]
			j = k
		default:
			return 0
		}
		if j >= len(c) || c[j] != '"' {
			return 0
		}
		i = j + 1
	}
	if col > maxCols || col <= *prevCol {
		return 0
	}
	var val []byte
	inline := false
	switch {
	case c[i] == '/' && c[i+1] == '>':
		i += 2
	case c[i] == '>':
		v, isInline, n, res := cellBody(c[i+1:])
		if res != fastDone {
			return 0
		}
		val, inline = v, isInline
		i += 1 + n
	default:
		return 0
	}
	*prevCol = col
	ct, typ := cellTypes(t)
	r.cells = append(r.cells, Cell{Col: col, Style: style, Type: ct})
	r.addValue(val, typ, inline)
	return i
}

// rowEnd closes a row.
const rowEnd = "</row>"

// fastRow takes a whole row, <row …>cells</row>, straight from the buffer
// when it lies there whole and each of its cells has one of the shapes
// that writers of large exports use, with nothing between them:
// <c …/>, <c …></c>, <c …><v>text</v></c> or <c …><is><t>text</t></is></c>.
// Values then point into the buffer, not copied. It declines (fastNo)
// anything else with the row untouched, for the general way to take, and
// fails (fastFailed) only where the general way would fail on the same
// cell with the same error. Most of a ledger's time is spent here: this
// is what keeps parsing cheaper than inflating.
func (r *Rows) fastRow() fastResult {
	sc := r.sc
	if sc.end-sc.pos < len(rowEnd)+5 || sc.buf[sc.pos] != '<' {
		return fastNo
	}
	res := r.fastRowIn(sc.buf[sc.pos:sc.end])
	if res == fastShort && sc.err == nil && 2*(sc.end-sc.pos) < len(sc.buf) {
		// The row runs past what is buffered: read on, without growing
		// the buffer, and try once more.
		if sc.fill() {
			res = r.fastRowIn(sc.buf[sc.pos:sc.end])
		}
	}
	if res == fastShort {
		return fastNo
	}
	return res
}

// fastRowIn is fastRow on the buffered bytes b, which begin with '<'. It
// returns fastShort where the row runs past b.
func (r *Rows) fastRowIn(b []byte) fastResult {
	if len(b) < 5 || string(b[:4]) != "<row" || !isSpace(b[4]) && b[4] != '>' {
		return fastNo
	}
	j := bytes.IndexByte(b, '>')
	if j < 0 {
		return fastShort
	}
	if b[j-1] == '/' {
		return fastNo // a self-closing row is rare: the general way
	}
	prevRow := r.row
	undo := func(res fastResult) fastResult {
		r.row = prevRow
		r.cells = r.cells[:0]
		return res
	}
	decline := func() fastResult { return undo(fastNo) }
	short := func() fastResult { return undo(fastShort) }
	n := r.row + 1
	r.rowRef = r.rowRef[:0]
	if v, ok := attr(b[4:j], "r"); ok {
		var err error
		if n, err = atoiBounded(v, maxRows); err != nil {
			return fastNo
		}
		r.rowRef = append(r.rowRef, v...)
	}
	if n <= prevRow {
		return fastNo // the general way reports it
	}
	r.row = n
	r.cells, r.spans, r.arena = r.cells[:0], r.spans[:0], r.arena[:0]
	prevCol := 0
	i := j + 1
	for {
		c := b[i:]
		if len(c) < len(rowEnd) {
			return short()
		}
		if c[0] != '<' {
			return decline()
		}
		if c[1] == '/' {
			if string(c[:len(rowEnd)]) != rowEnd {
				return decline()
			}
			i += len(rowEnd)
			break
		}
		if c[1] != 'c' || !isSpace(c[2]) {
			return decline()
		}
		if n := r.quickCell(c, &prevCol); n > 0 {
			i += n
			continue
		}
		k := bytes.IndexByte(c, '>')
		if k < 0 {
			return short()
		}
		attrs := c[3:k]
		var val []byte
		inline := false
		if len(attrs) > 0 && attrs[len(attrs)-1] == '/' {
			attrs = attrs[:len(attrs)-1]
			i += k + 1
		} else {
			v, isInline, n, res := cellBody(c[k+1:])
			switch res {
			case fastShort:
				return short()
			case fastNo:
				return decline()
			}
			val, inline = v, isInline
			i += k + 1 + n
		}
		typ, ok := r.addCell(attrs, &prevCol)
		if !ok {
			return fastFailed
		}
		r.addValue(val, typ, inline)
	}
	r.sc.pos += i
	return fastDone
}

// fastValue takes the common shape of a cell, <v>text</v></c>, in one
// step when it lies whole in the buffer; anything else goes the general
// way.
func (r *Rows) fastValue(sp *span) bool {
	b := r.sc.buf[r.sc.pos:r.sc.end]
	if len(b) < 3 || b[0] != '<' || b[1] != 'v' || b[2] != '>' {
		return false
	}
	i := bytes.IndexByte(b[3:], '<')
	if i < 0 || i > MaxCellBytes {
		return false
	}
	rest := b[3+i:]
	if len(rest) < 8 || string(rest[:8]) != "</v></c>" {
		return false
	}
	sp.start = len(r.arena)
	r.arena = append(r.arena, b[3:3+i]...)
	sp.end = len(r.arena)
	r.sc.pos += 3 + i + 8
	r.sc.depth-- // the </c> of a <c> that the scanner counted
	return true
}

func startOf(sp *span, is bool) int {
	if is {
		return sp.isStart
	}
	return sp.start
}

// finishRow turns spans into values once the arena no longer moves.
func (r *Rows) finishRow() {
	for i := range r.cells {
		sp := &r.spans[i]
		raw := r.arena[sp.start:sp.end]
		isInline := sp.isStart >= 0 && sp.typ == typInline
		if isInline {
			raw = r.arena[sp.isStart:sp.isEnd]
		}
		r.finishCell(&r.cells[i], raw, sp.typ, isInline)
	}
}

// finishCell sets a cell's value from its raw text as stored: XML
// unescaped, a shared string looked up, a number's date format told.
func (r *Rows) finishCell(c *Cell, raw []byte, typ uint8, isInline bool) {
	if needsUnescape(raw) {
		r.scratch = unescapeXML(r.scratch[:0], raw)
		raw = append(raw[:0:0], r.scratch...)
	}
	if isInline {
		raw = unescapeOOXML(raw)
	}
	switch c.Type {
	case String:
		if typ == typShared && len(raw) > 0 {
			idx, ok := smallIndex(raw)
			if !ok || idx >= r.wb.sst.len() {
				c.BadIndex = true
				raw = nil
			} else {
				raw = r.wb.sst.get(idx)
			}
		}
	case Number:
		c.Date = r.wb.isDateStyle(c.Style)
	}
	c.Value = raw
}

func cellType(t []byte) CellType {
	switch string(t) {
	case "s", "str", "inlineStr":
		return String
	case "b":
		return Bool
	case "e":
		return Error
	case "d":
		return DateISO
	}
	return Number
}

// Sheet is the name of the sheet, as the workbook spells it.
func (r *Rows) Sheet() string { return r.sheet }

// Row is the 1-based number of the current row.
func (r *Rows) Row() int { return r.row }

// Cells are the cells of the current row present in the file, in file
// order (normally by column); empty cells may be absent.
func (r *Rows) Cells() []Cell { return r.cells }

// Err is the error that stopped the rows, if any.
func (r *Rows) Err() error { return r.err }

// Progress gives the bytes of sheet XML read so far and in all.
func (r *Rows) Progress() (read, total int64) { return r.sc.read, r.total }

// Close releases the sheet's stream.
func (r *Rows) Close() error {
	r.done = true
	if r.src != nil {
		err := r.src.Close()
		r.src = nil
		return err
	}
	return nil
}

func atoiBounded(b []byte, max int) (int, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || len(b) > 10 {
		return 0, ErrBadReference
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, ErrBadReference
		}
		n = n*10 + int(c-'0')
	}
	if n < 1 || n > max {
		return 0, ErrBadReference
	}
	return n, nil
}

// parseCellRef is parseRef, quick when the digits are those of the row's
// own reference, as they almost always are.
func (r *Rows) parseCellRef(b []byte) (col, row int, ok bool) {
	i := 0
	for i < len(b) && b[i] >= 'A' && b[i] <= 'Z' {
		i++
	}
	if i > 0 && i <= 3 && string(b[i:]) == string(r.rowRef) {
		for _, c := range b[:i] {
			col = col*26 + int(c-'A'+1)
		}
		if col <= maxCols {
			return col, r.row, true
		}
	}
	return parseRef(b)
}

// parseRef reads "AB12" into column 28, row 12. A reference of letters
// only gives row 0.
func parseRef(b []byte) (col, row int, ok bool) {
	i := 0
	for i < len(b) && (b[i] >= 'A' && b[i] <= 'Z' || b[i] >= 'a' && b[i] <= 'z') {
		c := int(b[i]|0x20) - 'a' + 1
		col = col*26 + c
		if col > maxCols {
			return 0, 0, false
		}
		i++
	}
	if i == 0 {
		return 0, 0, false
	}
	if i == len(b) {
		return col, 0, true
	}
	r, err := atoiBounded(b[i:], maxRows)
	if err != nil {
		return 0, 0, false
	}
	return col, r, true
}

func needsUnescape(b []byte) bool {
	for _, c := range b {
		if c == '&' || c == '\r' {
			return true
		}
	}
	return false
}

// smallIndex reads a shared-string index, allowing surrounding spaces.
func smallIndex(b []byte) (int, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || len(b) > 10 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
