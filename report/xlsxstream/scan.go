package xlsxstream

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// tokenKind is what scanner.next found.
type tokenKind int

const (
	tokEOF tokenKind = iota
	tokStart
	tokEnd
	tokText
	tokCDATA
)

// maxTag bounds one tag (name and attributes). No worksheet writer comes
// near it; a longer tag is a broken or hostile file.
const maxTag = 1 << 20

var errTagTooLong = errors.New("xlsxstream: XML-taggen är orimligt lång")

// MaxDepth bounds the nesting of elements in every XML part read. A
// worksheet nests seven deep; encoding/xml and excelize keep a stack per
// open element, so a 70 KB part nesting millions deep takes gigabytes.
const MaxDepth = 256

// ErrTooDeep is returned for XML that nests deeper than MaxDepth.
var ErrTooDeep = errors.New("xlsxstream: för djup nästling av XML-element")
var errMalformed = errors.New("xlsxstream: trasig XML")

// scanner is a byte-level XML tokenizer for the flat vocabulary of
// SpreadsheetML. It does not validate, does not expand entities in text
// (the caller unescapes only the values it keeps) and never builds a tree,
// so that its cost per byte stays close to that of decompression.
type scanner struct {
	r   io.Reader
	buf []byte
	pos int // next unread byte in buf
	end int // end of valid data in buf
	err error
	// read counts bytes handed over by r, for progress reports.
	read int64

	// the current token; slices point into buf and are valid until next.
	kind      tokenKind
	name      []byte // local name, prefix stripped
	attrs     []byte // raw attribute text of a start tag
	selfClose bool
	text      []byte
	depth     int // open elements
}

func newScanner(r io.Reader, size int) *scanner {
	return &scanner{r: r, buf: make([]byte, size)}
}

// fill moves unread data to the front and reads more. It reports whether
// any new data arrived.
func (s *scanner) fill() bool {
	if s.err != nil {
		return false
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxTag*2 {
			s.err = errTagTooLong
			return false
		}
		nb := make([]byte, len(s.buf)*2)
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		s.read += int64(n)
		if err != nil {
			s.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.err = io.ErrNoProgress
	return false
}

// next advances to the next token. Text between tags comes in pieces of
// whatever is buffered, so that a huge text never needs a huge buffer.
func (s *scanner) next() tokenKind {
	for {
		if s.pos >= s.end && !s.fill() {
			s.kind = tokEOF
			return tokEOF
		}
		b := s.buf[s.pos:s.end]
		if b[0] != '<' {
			i := bytes.IndexByte(b, '<')
			if i < 0 {
				i = len(b)
			}
			s.text = b[:i]
			s.pos += i
			s.kind = tokText
			return tokText
		}
		// A tag: make sure its closing '>' is buffered.
		j := bytes.IndexByte(b, '>')
		for j < 0 {
			if !s.fill() {
				s.kind = tokEOF
				if s.err == io.EOF {
					s.err = io.ErrUnexpectedEOF
				}
				return tokEOF
			}
			b = s.buf[s.pos:s.end]
			j = bytes.IndexByte(b, '>')
		}
		if len(b) >= 2 && (b[1] == '!' || b[1] == '?') {
			k, ok := s.special()
			if !ok {
				s.kind = tokEOF
				return tokEOF
			}
			if k == tokCDATA {
				return k
			}
			continue
		}
		tag := b[1:j]
		s.pos += j + 1
		if len(tag) > 0 && tag[0] == '/' {
			if s.depth > 0 {
				s.depth--
			}
			s.kind = tokEnd
			s.name = localName(trimName(tag[1:]))
			return tokEnd
		}
		s.selfClose = len(tag) > 0 && tag[len(tag)-1] == '/'
		if s.selfClose {
			tag = tag[:len(tag)-1]
		}
		n := 0
		for n < len(tag) && !isSpace(tag[n]) {
			n++
		}
		s.name = localName(tag[:n])
		s.attrs = tag[n:]
		if !s.selfClose {
			if s.depth++; s.depth > MaxDepth {
				s.err = ErrTooDeep
				s.kind = tokEOF
				return tokEOF
			}
		}
		s.kind = tokStart
		return tokStart
	}
}

// special skips a comment, processing instruction or DOCTYPE, or returns a
// CDATA section as text. It is at "<!" or "<?".
func (s *scanner) special() (tokenKind, bool) {
	var endMark []byte
	skip := 0
	cdata := false
	for s.end-s.pos < 9 && s.fill() {
	}
	b := s.buf[s.pos:s.end]
	switch {
	case bytes.HasPrefix(b, []byte("<!--")):
		endMark, skip = []byte("-->"), 4
	case bytes.HasPrefix(b, []byte("<![CDATA[")):
		endMark, skip, cdata = []byte("]]>"), 9, true
	case bytes.HasPrefix(b, []byte("<?")):
		endMark, skip = []byte("?>"), 2
	default: // <!DOCTYPE …> possibly with an internal subset
		if bytes.Contains(b[:bytes.IndexByte(b, '>')+1], []byte("[")) {
			endMark = []byte("]>")
		} else {
			endMark = []byte(">")
		}
		skip = 2
	}
	for {
		b = s.buf[s.pos:s.end]
		if i := bytes.Index(b[skip:], endMark); i >= 0 {
			if cdata {
				s.text = b[skip : skip+i]
				s.kind = tokCDATA
				s.pos += skip + i + len(endMark)
				return tokCDATA, true
			}
			s.pos += skip + i + len(endMark)
			return tokEOF, true
		}
		if s.end-s.pos > maxTag*16 || !s.fill() {
			if s.err == nil || s.err == io.EOF {
				s.err = errMalformed
			}
			return tokEOF, false
		}
	}
}

// checkDepth scans XML to its end and reports ErrTooDeep if it nests
// deeper than MaxDepth; other faults are left to the parser that follows.
func checkDepth(r io.Reader) error {
	s := newScanner(r, 64<<10)
	for s.next() != tokEOF {
	}
	if s.err == ErrTooDeep {
		return ErrTooDeep
	}
	return nil
}

// Err is the first read or syntax error; io.EOF counts as none.
func (s *scanner) Err() error {
	if s.err == io.EOF {
		return nil
	}
	return s.err
}

func trimName(b []byte) []byte {
	n := 0
	for n < len(b) && !isSpace(b[n]) {
		n++
	}
	return b[:n]
}

func localName(b []byte) []byte {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// nextAttr reads the attribute at b[i:], returning its local name and
// raw value and where the next one starts; ok is false at the end or on
// malformed text.
func nextAttr(b []byte, i int) (key, val []byte, next int, ok bool) {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	k := i
	for i < len(b) && b[i] != '=' && !isSpace(b[i]) {
		i++
	}
	key = b[k:i]
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i >= len(b) || b[i] != '=' {
		return nil, nil, i, false
	}
	i++
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i >= len(b) || (b[i] != '"' && b[i] != '\'') {
		return nil, nil, i, false
	}
	q := b[i]
	i++
	v := i
	for i < len(b) && b[i] != q {
		i++
	}
	if i >= len(b) {
		return nil, nil, i, false
	}
	val = b[v:i]
	for c := 0; c < len(key); c++ {
		if key[c] == ':' {
			if string(key[:c]) == "xmlns" {
				key = nil // a namespace declaration, never an attribute
			} else {
				key = key[c+1:]
			}
			break
		}
	}
	return key, val, i + 1, true
}

// attr finds attribute name (local name) in raw attribute text.
func attr(attrs []byte, name string) ([]byte, bool) {
	for i := 0; ; {
		key, val, next, ok := nextAttr(attrs, i)
		if !ok {
			return nil, false
		}
		if string(key) == name {
			return val, true
		}
		i = next
	}
}

// cellAttrs reads the r, s and t attributes of a cell in one pass. Plain
// one-letter names with double quotes, as every writer emits them, take a
// short way; anything else goes through nextAttr.
func cellAttrs(attrs []byte) (r, s, t []byte, hasR, hasS bool) {
	i := 0
	for {
		for i < len(attrs) && attrs[i] == ' ' {
			i++
		}
		if i == len(attrs) {
			return
		}
		if i+3 < len(attrs) && attrs[i+1] == '=' && attrs[i+2] == '"' {
			// Values here are a few bytes: a plain loop beats IndexByte's call.
			j := 0
			for i+3+j < len(attrs) && attrs[i+3+j] != '"' {
				j++
			}
			if i+3+j == len(attrs) {
				return
			}
			val := attrs[i+3 : i+3+j]
			switch attrs[i] {
			case 'r':
				r, hasR = val, true
			case 's':
				s, hasS = val, true
			case 't':
				t = val
			}
			i += 3 + j + 1
			continue
		}
		key, val, next, ok := nextAttr(attrs, i)
		if !ok {
			return
		}
		if len(key) == 1 {
			switch key[0] {
			case 'r':
				r, hasR = val, true
			case 's':
				s, hasS = val, true
			case 't':
				t = val
			}
		}
		i = next
	}
}

// unescapeXML appends text with the five predefined entities and
// character references resolved, and line ends normalised as an XML
// parser must (\r\n and lone \r become \n).
func unescapeXML(dst, text []byte) []byte {
	for len(text) > 0 {
		i := bytes.IndexAny(text, "&\r")
		if i < 0 {
			return append(dst, text...)
		}
		dst = append(dst, text[:i]...)
		text = text[i:]
		if text[0] == '\r' {
			dst = append(dst, '\n')
			text = text[1:]
			if len(text) > 0 && text[0] == '\n' {
				text = text[1:]
			}
			continue
		}
		semi := bytes.IndexByte(text, ';')
		if semi < 0 || semi > 12 {
			dst = append(dst, '&')
			text = text[1:]
			continue
		}
		ent := text[1:semi]
		switch string(ent) {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			r, ok := charRef(ent)
			if !ok {
				dst = append(dst, text[:semi+1]...)
				text = text[semi+1:]
				continue
			}
			dst = utf8.AppendRune(dst, r)
		}
		text = text[semi+1:]
	}
	return dst
}

func charRef(ent []byte) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	var v uint64
	var err error
	if ent[1] == 'x' {
		v, err = strconv.ParseUint(string(ent[2:]), 16, 32)
	} else {
		v, err = strconv.ParseUint(string(ent[1:]), 10, 32)
	}
	if err != nil || !utf8.ValidRune(rune(v)) {
		return 0, false
	}
	return rune(v), true
}

// unescapeOOXML resolves the _xHHHH_ escapes that SpreadsheetML uses for
// characters XML cannot carry, the same way excelize does, so that both
// readers agree.
func unescapeOOXML(b []byte) []byte {
	if !bytes.Contains(b, []byte("_x")) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if b[i] == '_' && i+6 < len(b) && b[i+1] == 'x' && b[i+6] == '_' && isHex4(b[i+2:i+6]) {
			v, _ := strconv.ParseUint(string(b[i+2:i+6]), 16, 32)
			if utf8.ValidRune(rune(v)) {
				out = utf8.AppendRune(out, rune(v))
			}
			i += 7
			continue
		}
		out = append(out, b[i])
		i++
	}
	return out
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
