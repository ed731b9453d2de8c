package ledger

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// maxRecord bounds one CSV record. Far beyond any real export line, it
// still lets a file with a 10 MB cell be read and reported.
const maxRecord = 64 << 20

var errRecordTooLong = errors.New("raden är längre än 64 MB")

// csvReader splits CSV records without copying in the common case: a
// line without quotes is split where it lies in the bufio buffer.
type csvReader struct {
	br     *bufio.Reader
	delim  byte
	line   []byte   // a record that spans buffer refills or lines
	out    []byte   // unquoted field contents
	ends   []int    // field ends in out
	fields [][]byte // reused between records
	atEOF  bool
	n      int // records returned
}

func newCSVReader(br *bufio.Reader, delim byte) *csvReader {
	return &csvReader{br: br, delim: delim}
}

// readLine returns the next physical line with its line end, or io.EOF.
func (c *csvReader) readLine(appendTo []byte) ([]byte, error) {
	raw, err := c.br.ReadSlice('\n')
	if err == nil || (err == io.EOF && len(raw) > 0) {
		if appendTo != nil {
			return append(appendTo, raw...), nil
		}
		return raw, nil
	}
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != bufio.ErrBufferFull {
		return nil, err
	}
	buf := append(appendTo, raw...)
	for {
		raw, err = c.br.ReadSlice('\n')
		buf = append(buf, raw...)
		if len(buf) > maxRecord {
			return nil, errRecordTooLong
		}
		switch err {
		case nil, io.EOF:
			return buf, nil
		case bufio.ErrBufferFull:
			continue
		default:
			return nil, err
		}
	}
}

// next returns the fields of the next record, valid until the next call.
func (c *csvReader) next() ([][]byte, error) {
	line, err := c.readLine(nil)
	if err != nil {
		return nil, err
	}
	c.n++
	if bytes.IndexByte(line, '"') < 0 {
		line = trimEOL(line)
		c.fields = c.fields[:0]
		for {
			i := bytes.IndexByte(line, c.delim)
			if i < 0 {
				c.fields = append(c.fields, line)
				return c.fields, nil
			}
			c.fields = append(c.fields, line[:i])
			line = line[i+1:]
		}
	}
	// Quoted fields may hold delimiters, doubled quotes and line ends.
	c.line = append(c.line[:0], line...)
	for {
		if c.splitQuoted(trimEOL(c.line)) {
			break
		}
		more, err := c.readLine(c.line)
		if err == io.EOF || (err == nil && len(more) == len(c.line)) {
			c.splitQuoted(trimEOL(c.line)) // an unterminated quote runs to the end
			break
		}
		if err != nil {
			return nil, err
		}
		if len(more) > maxRecord {
			return nil, errRecordTooLong
		}
		c.line = more
	}
	c.fields = c.fields[:0]
	start := 0
	for _, e := range c.ends {
		c.fields = append(c.fields, c.out[start:e])
		start = e
	}
	return c.fields, nil
}

// splitQuoted splits a record with quotes, leniently: a quote inside an
// unquoted field is kept as text. It reports false when the record ends
// inside quotes, so that the next line belongs to it.
func (c *csvReader) splitQuoted(line []byte) bool {
	c.out, c.ends = c.out[:0], c.ends[:0]
	i := 0
	for {
		// one field starting at i
		if i < len(line) && line[i] == '"' {
			i++
			for {
				j := bytes.IndexByte(line[i:], '"')
				if j < 0 {
					c.out = append(c.out, line[i:]...)
					c.ends = append(c.ends, len(c.out))
					return false
				}
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
			return true
		}
		c.out = append(c.out, line[i:i+j]...)
		i += j + 1
		c.ends = append(c.ends, len(c.out))
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
