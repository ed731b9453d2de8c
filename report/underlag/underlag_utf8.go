package underlag

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"rapport/report/problem"
)

// A byte that is not UTF-8 in a worksheet or in the shared strings makes
// excelize's row iterator stop without an error (Rows.Next drops the XML
// decoder's error): the rows after it would be lost and the run would end
// as if the sheet were shorter. The scan before excelize finds such bytes
// and names the sheet and cell instead.

const resaveHint = "Öppna filen i Excel och spara den igen (Arkiv > Spara som > Excel-arbetsbok); filen är troligen skriven av ett annat program med fel teckenkodning"

// badUTF8 returns the offset of the first byte of b that is not UTF-8, or
// −1 when b is valid or declares another encoding (which excelize's decoder
// converts).
func badUTF8(b []byte) int {
	if utf8.Valid(b) || otherEncoding(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// otherEncoding reports whether an XML part starts with a UTF-16 byte order
// mark or declares an encoding other than UTF-8.
func otherEncoding(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return true
	}
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	if !bytes.HasPrefix(b, []byte("<?xml")) {
		return false
	}
	end := bytes.Index(b, []byte("?>"))
	if end < 0 {
		return false
	}
	decl := b[:end]
	i := bytes.Index(decl, []byte("encoding="))
	if i < 0 || i+len("encoding=")+1 >= len(decl) {
		return false
	}
	v := decl[i+len("encoding="):]
	q := v[0]
	j := bytes.IndexByte(v[1:], q)
	if (q != '"' && q != '\'') || j < 0 {
		return false
	}
	enc := strings.ToLower(string(v[1 : 1+j]))
	return enc != "utf-8" && enc != "utf8"
}

// reportInvalidUTF8 reports each worksheet, and the shared strings, that
// hold bytes not UTF-8, naming the first cell; it tells whether it
// reported any. sharedText is the shared strings part when it is invalid.
func (u *underlagReader) reportInvalidUTF8(parts map[string][]byte, sharedText []byte) bool {
	sheets := make([]string, 0, len(u.parts))
	for name := range u.parts {
		sheets = append(sheets, name)
	}
	sort.Slice(sheets, func(i, j int) bool { return u.parts[sheets[i]].index < u.parts[sheets[j]].index })
	found := false
	report := func(sheet, cell string) {
		found = true
		msg := fmt.Sprintf("bladet %s innehåller tecken som inte är giltig UTF-8", sheet)
		if cell != "" {
			msg += " (första i cell " + cell + ")"
		}
		msg += ", så raderna från och med den cellen kan inte läsas"
		u.probs.Add(problem.Problem{Severity: problem.Error, File: u.file, Sheet: sheet, Cell: cell, Message: msg, Hint: resaveHint})
	}
	for _, name := range sheets {
		b := parts[u.parts[name].part]
		if at := badUTF8(b); at >= 0 {
			report(name, cellAround(b, at))
		}
	}
	if u.parts == nil {
		// The sheets could not be mapped to their parts: name the part.
		names := make([]string, 0, len(parts))
		for name := range parts {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if strings.HasPrefix(name, "xl/worksheets/") && badUTF8(parts[name]) >= 0 {
				found = true
				u.fileError(fmt.Sprintf("delen %s av arbetsboken innehåller tecken som inte är giltig UTF-8", name), resaveHint)
			}
		}
	}
	if sharedText == nil {
		return found
	}
	// A shared string is text typed once and used by cells: name the
	// sheets and first cells that use the broken one.
	at := badUTF8(sharedText)
	index := countElements(sharedText[:at], "si") - 1
	used := false
	for _, name := range sheets {
		if cell := sharedCell(parts[u.parts[name].part], index); cell != "" {
			report(name, cell)
			used = true
		}
	}
	if !used {
		found = true
		u.fileError("arbetsbokens texter (xl/sharedStrings.xml) innehåller tecken som inte är giltig UTF-8, så bladen kan inte läsas", resaveHint)
	}
	return found
}

// cellAround names the cell whose XML holds offset at in worksheet XML: the
// reference of the last <c> start tag before it; "" if there is none.
func cellAround(b []byte, at int) string {
	for i := at; i > 0; {
		i = bytes.LastIndex(b[:i], []byte("<c"))
		if i < 0 {
			return ""
		}
		if i+2 < len(b) && (b[i+2] == ' ' || b[i+2] == '>') {
			end := bytes.IndexByte(b[i:], '>')
			if end < 0 {
				return ""
			}
			return strings.ToUpper(attr(b[i:i+end+1], "r"))
		}
	}
	return ""
}

// sharedCell finds the first cell of worksheet XML that shows shared string
// index (t="s" with <v>index</v>); "" if none does.
func sharedCell(b []byte, index int) string {
	if index < 0 {
		return ""
	}
	v := []byte("<v>" + strconv.Itoa(index) + "</v>")
	for i := 0; ; {
		j := bytes.Index(b[i:], v)
		if j < 0 {
			return ""
		}
		i += j
		start := bytes.LastIndex(b[:i], []byte("<c "))
		if start >= 0 {
			end := bytes.IndexByte(b[start:], '>')
			if end >= 0 && start+end < i {
				tag := b[start : start+end+1]
				if attr(tag, "t") == "s" {
					return strings.ToUpper(attr(tag, "r"))
				}
			}
		}
		i += len(v)
	}
}
