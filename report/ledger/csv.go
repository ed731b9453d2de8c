package ledger

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"rapport/report/xlsxstream"
)

// maxRecord bounds one CSV record (line): the same 16 MB as a row of a
// ledger workbook. Far beyond any real export line, it still lets a file
// with a 10 MB cell be read and reported; a 63 MB line took 263 MB.
const maxRecord = xlsxstream.MaxRowBytes

var errRecordTooLong = errors.New("raden är för lång")

// maxFields bounds the fields of one record, as Excel bounds the columns
// of a sheet: a 16 MB line of delimiters alone, 16 million empty fields,
// took 3 GB.
const maxFields = 16384

var errTooManyFields = errors.New("raden har för många fält")

// csvReader splits CSV records without copying in the common case: a
// line without quotes is split where it lies in the bufio buffer.
//
// A record is always one physical line. No field of a ledger holds a line
// break, but exports that do not really quote do hold a stray quote (a
// Text that begins with one, or "Bildskärm 24\" Dell"); reading a quoted
// field across lines would swallow every line up to the next quote into
// one record, which still has the header's field count and is summed, so
// that postings vanish without a word. So each line is read by itself,
// with a quote that is not closed on its line taken as a plain character,
// and a quote that would have run across lines is reported as a span
// (first and last line) for the caller to show as an error.
type csvReader struct {
	br     *bufio.Reader
	delim  byte
	line   []byte   // a line that spans buffer refills
	out    []byte   // unquoted field contents
	ends   []int    // field ends in out
	fields [][]byte // reused between records
	n      int      // records (lines) returned

	// Quote state across lines, as a reader that joins lines would see it.
	open      bool // a quoted field is open at the end of line n
	spanFirst int  // the line where the open quote began
	span      quoteSpan
}

// quoteSpan is a run of lines that a quoted field would have joined.
type quoteSpan struct {
	first, last int  // 1-based record (line) numbers; first 0 = none
	unclosed    bool // the quote never closes: the span runs to the end
}

func newCSVReader(br *bufio.Reader, delim byte) *csvReader {
	return &csvReader{br: br, delim: delim}
}

// readLine returns the next physical line with its line end, or io.EOF.
func (c *csvReader) readLine() ([]byte, error) {
	raw, err := c.br.ReadSlice('\n')
	if err == nil || (err == io.EOF && len(raw) > 0) {
		return raw, nil
	}
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != bufio.ErrBufferFull {
		return nil, err
	}
	buf := append(c.line[:0], raw...)
	for {
		raw, err = c.br.ReadSlice('\n')
		buf = append(buf, raw...)
		if len(buf) > maxRecord {
			return nil, errRecordTooLong
		}
		switch err {
		case nil, io.EOF:
			c.line = buf
			return buf, nil
		case bufio.ErrBufferFull:
			continue
		default:
			return nil, err
		}
	}
}

// next returns the fields of the next record, valid until the next call.
// At io.EOF a quote still open is left in takeSpan.
func (c *csvReader) next() ([][]byte, error) {
	line, err := c.readLine()
	if err == io.EOF && c.open {
		c.open = false
		c.span = quoteSpan{first: c.spanFirst, last: c.n, unclosed: true}
	}
	if err != nil {
		return nil, err
	}
	c.n++
	line = trimEOL(line)
	if bytes.IndexByte(line, '"') < 0 {
		if f := c.splitPlain(line); len(f) <= maxFields {
			return f, nil
		}
		return nil, errTooManyFields
	}
	// The quote state runs on from the previous line, line by line, so
	// that the cost stays linear however long an unclosed quote runs.
	wasOpen := c.open
	c.open = quoteOpenAfter(line, c.delim, c.open)
	switch {
	case !wasOpen && c.open:
		c.spanFirst = c.n
	case wasOpen && !c.open:
		c.span = quoteSpan{first: c.spanFirst, last: c.n}
	}
	c.splitQuoted(line)
	if len(c.ends) > maxFields {
		return nil, errTooManyFields
	}
	c.fields = c.fields[:0]
	start := 0
	for _, e := range c.ends {
		c.fields = append(c.fields, c.out[start:e])
		start = e
	}
	return c.fields, nil
}

// takeSpan returns a run of lines that a quote would have joined, once,
// after the record (or io.EOF) that ended it.
func (c *csvReader) takeSpan() (quoteSpan, bool) {
	s := c.span
	c.span = quoteSpan{}
	return s, s.first > 0
}

// splitPlain splits a line at every delimiter, quotes and all.
func (c *csvReader) splitPlain(line []byte) [][]byte {
	c.fields = c.fields[:0]
	for {
		i := bytes.IndexByte(line, c.delim)
		if i < 0 {
			return append(c.fields, line)
		}
		c.fields = append(c.fields, line[:i])
		line = line[i+1:]
		if len(c.fields) > maxFields {
			return c.fields // the caller reports the record; the rest is not split
		}
	}
}

// quoteOpenAfter reports whether a quoted field is open at the end of
// line, given whether one was open at its start. As in splitQuoted, a
// quote opens a field only at the field's start, and "" inside quotes is
// a quote.
func quoteOpenAfter(line []byte, delim byte, open bool) bool {
	i := 0
	for {
		if open {
			j := bytes.IndexByte(line[i:], '"')
			if j < 0 {
				return true
			}
			i += j + 1
			if i < len(line) && line[i] == '"' {
				i++
				continue
			}
			open = false
		} else if i < len(line) && line[i] == '"' {
			open = true
			i++
			continue
		}
		// The rest of the field, up to the delimiter.
		j := bytes.IndexByte(line[i:], delim)
		if j < 0 {
			return false
		}
		i += j + 1
	}
}

// splitQuoted splits a line with quotes, leniently: a quote inside an
// unquoted field is kept as text, and so is a quote that opens a field
// but is not closed on the line: that field then runs to the delimiter as
// if unquoted.
func (c *csvReader) splitQuoted(line []byte) {
	c.out, c.ends = c.out[:0], c.ends[:0]
	i := 0
	for {
		// one field starting at i
		if i < len(line) && line[i] == '"' && quoteCloses(line[i+1:]) {
			i++
			for {
				j := bytes.IndexByte(line[i:], '"')
				c.out = append(c.out, line[i:i+j]...)
				i += j + 1
				if i < len(line) && line[i] == '"' {
					c.out = append(c.out, '"')
					i++
					continue
				}
				break
			}
		}
		// The field up to the delimiter: all of an unquoted one, or any text
		// after a closing quote.
		j := bytes.IndexByte(line[i:], c.delim)
		if j < 0 {
			c.out = append(c.out, line[i:]...)
			c.ends = append(c.ends, len(c.out))
			return
		}
		c.out = append(c.out, line[i:i+j]...)
		i += j + 1
		c.ends = append(c.ends, len(c.out))
		if len(c.ends) > maxFields {
			return
		}
	}
}

// quoteCloses reports whether the text after an opening quote holds its
// closing quote: a quote that is not followed by another (a doubled quote
// is a quote character).
func quoteCloses(b []byte) bool {
	for {
		j := bytes.IndexByte(b, '"')
		if j < 0 {
			return false
		}
		if j+1 < len(b) && b[j+1] == '"' {
			b = b[j+2:]
			continue
		}
		return true
	}
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}

// encoding is what a CSV file's text is known to be.
type encoding int

const (
	encUnknown encoding = iota // only ASCII seen so far
	encUTF8
	encCP1252
)

// decoder turns a CSV file's bytes into UTF-8. The encoding is decided by
// the first non-ASCII text that is read, so that the file is read once:
// until then UTF-8 and Windows-1252 agree.
type decoder struct {
	enc   encoding
	mixed bool // UTF-8 text later held bytes that are not UTF-8
	buf   []byte
}

func (d *decoder) decode(b []byte) []byte {
	ascii := true
	for _, c := range b {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return b
	}
	switch d.enc {
	case encUnknown:
		if utf8.Valid(b) {
			d.enc = encUTF8
			return b
		}
		d.enc = encCP1252
	case encUTF8:
		if utf8.Valid(b) {
			return b
		}
		d.mixed = true
	}
	d.buf = d.buf[:0]
	for _, c := range b {
		if c < utf8.RuneSelf {
			d.buf = append(d.buf, c)
			continue
		}
		d.buf = utf8.AppendRune(d.buf, charmap.Windows1252.DecodeByte(c))
	}
	return d.buf
}

func (d *decoder) string(b []byte) string { return string(d.decode(b)) }
