package underlag

import (
	"bytes"
	"encoding/xml"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetPart is what a byte scan of a worksheet's XML tells before excelize
// parses it. excelize's iterator gives cached values only; asking it for a
// cell's formula or format loads the whole sheet into memory, expanded to
// every row and column up to the last — seconds and gigabytes for a sheet
// with one stray cell at XFD1048576. The scan learns the same in one pass.
type sheetPart struct {
	part  string // the part's lower-case name, xl/worksheets/sheet1.xml
	index int    // the sheet's place in the workbook, from 0
	size  uint64
	// lastRow is the last row with a value or formula; 0 for a sheet
	// without any, −1 when the scan cannot tell (then every row is read).
	lastRow int
	// uncached maps the cells holding a formula without a cached value to
	// the formula ("" for a shared formula that only refers to another).
	uncached map[string]string
	// percent holds the cells shown with a percent format.
	percent map[string]bool
	// scanned is false for XML the scan does not understand (namespace
	// prefixes); then no formula or format is known.
	scanned bool
	// merges are the merged ranges that span more than one row.
	merges []mergedRange
	// inlineText is the text written in the sheet itself (<t> elements),
	// entities counted as one byte: more than a sheet may hold is refused
	// before excelize reads it, which takes five copies of a long cell.
	inlineText int
}

// mergedRange is a merged cell spanning rows top…bottom; col is its first
// column, where its value is.
type mergedRange struct {
	col, top, bottom int
	ref              string // "B2:B13", for messages
}

// maxMerges bounds the merged ranges a sheet's scan keeps: a hand-filled
// sheet has a few dozen, and each is applied to the rows it covers.
const maxMerges = 10000

// mergedRanges lists a worksheet's merged ranges that span rows
// (<mergeCell ref="B2:B13"/>); ranges within one row change no record.
func mergedRanges(b []byte) []mergedRange {
	var out []mergedRange
	key := []byte("<mergeCell ")
	for i := 0; len(out) < maxMerges; {
		j := bytes.Index(b[i:], key)
		if j < 0 {
			break
		}
		i += j
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			break
		}
		ref := attr(b[i:i+end+1], "ref")
		i += end + 1
		from, to, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		_, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil || r2 <= r1 {
			continue
		}
		out = append(out, mergedRange{col: c1, top: r1, bottom: r2, ref: strings.ToUpper(ref)})
	}
	return out
}

// sheetParts maps each worksheet name to its part, scanned. parts holds
// the XML parts by lower-case name, sizes every part's unpacked size.
func sheetParts(parts map[string][]byte, sizes map[string]uint64) map[string]sheetPart {
	read := func(name string) []byte { return parts[strings.ToLower(name)] }
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(read("xl/workbook.xml"), &wb) != nil || xml.Unmarshal(read("xl/_rels/workbook.xml.rels"), &rels) != nil {
		return nil
	}
	targets := map[string]string{}
	stylesPart := "xl/styles.xml"
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = strings.ToLower(t)
		if strings.HasSuffix(r.Type, "/styles") {
			stylesPart = t
		}
	}
	percentStyles := percentStyles(read(stylesPart))
	out := map[string]sheetPart{}
	for i, s := range wb.Sheets {
		name := targets[s.ID]
		size, ok := sizes[name]
		if !ok {
			continue
		}
		p := sheetPart{part: name, index: i, size: size, lastRow: -1}
		if b, ok := parts[name]; ok {
			p.lastRow = lastFilledRow(b)
			p.inlineText = inlineTextBytes(b)
			p.uncached, p.percent, p.scanned = scanCells(b, percentStyles)
			if p.scanned {
				p.merges = mergedRanges(b)
			}
		}
		out[s.Name] = p
	}
	return out
}

// inlineTextBytes counts the bytes of text inside the <t> elements of
// worksheet XML, an entity (&amp;) as one: at most what excelize reads
// from them.
func inlineTextBytes(b []byte) int {
	n := 0
	for {
		i := bytes.Index(b, []byte("<t"))
		if i < 0 {
			return n
		}
		b = b[i+2:]
		if len(b) == 0 || (b[0] != '>' && b[0] != ' ') {
			continue // <tableParts, <tabColor …
		}
		gt := bytes.IndexByte(b, '>')
		if gt < 0 || (gt > 0 && b[gt-1] == '/') {
			continue
		}
		b = b[gt+1:]
		end := bytes.Index(b, []byte("</t>"))
		if end < 0 {
			end = len(b)
		}
		text := b[:end]
		n += len(text)
		// An entity (&amp;, &#x1F600;) counts as one byte: never more than
		// the text it stands for, so that no sheet is refused that the
		// count of its read cells would admit.
		for {
			a := bytes.IndexByte(text, '&')
			if a < 0 {
				break
			}
			text = text[a:]
			if semi := bytes.IndexByte(text, ';'); semi > 0 && semi <= 12 {
				n -= semi
				text = text[semi:]
			} else {
				text = text[1:]
			}
		}
		b = b[end:]
	}
}

// percentStyles lists the cell style indexes whose number format shows a
// percentage: built-in formats 9 and 10, or a custom format with %.
func percentStyles(styles []byte) map[int]bool {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if len(styles) == 0 || xml.Unmarshal(styles, &st) != nil {
		return nil
	}
	pct := map[int]bool{9: true, 10: true}
	for _, f := range st.NumFmts {
		if strings.Contains(strings.ReplaceAll(f.Code, `"%"`, ""), "%") {
			pct[f.ID] = true
		}
	}
	out := map[int]bool{}
	for i, x := range st.Xfs {
		if pct[x.NumFmt] {
			out[i] = true
		}
	}
	return out
}

// scanCells finds, in one pass over a worksheet's cells, those holding a
// formula without a cached value and those with a percent style.
func scanCells(b []byte, pctStyles map[int]bool) (uncached map[string]string, percent map[string]bool, ok bool) {
	if bytes.Contains(b, []byte(":c ")) || bytes.Contains(b, []byte(":row")) {
		return nil, nil, false
	}
	uncached, percent = map[string]string{}, map[string]bool{}
	keyR, keyS := []byte(` r="`), []byte(` s="`)
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte("<c"))
		if j < 0 {
			break
		}
		i += j
		if i+2 >= len(b) || (b[i+2] != ' ' && b[i+2] != '>' && b[i+2] != '/') {
			i += 2 // <col, <cfRule …
			continue
		}
		end := bytes.IndexByte(b[i:], '>')
		if end < 0 {
			break
		}
		tag := b[i : i+end+1]
		i += end + 1
		// Most cells are plain: their reference is only built when needed,
		// so that a million formatted empty cells allocate nothing.
		ref := func() string { return strings.ToUpper(string(attrValue(tag, keyR))) }
		if len(pctStyles) > 0 {
			if sv := attrValue(tag, keyS); len(sv) > 0 {
				if s, err := strconv.Atoi(string(sv)); err == nil && pctStyles[s] {
					if r := ref(); r != "" {
						percent[r] = true
					}
				}
			}
		}
		if bytes.HasSuffix(tag, []byte("/>")) {
			continue
		}
		closeAt := bytes.Index(b[i:], []byte("</c>"))
		if closeAt < 0 {
			break
		}
		body := b[i : i+closeAt]
		i += closeAt + 4
		if !bytes.Contains(body, []byte("<f")) || hasCachedValue(tag, body) {
			continue
		}
		r := ref()
		if r == "" {
			continue
		}
		fx := ""
		if fs := bytes.Index(body, []byte("<f")); fs >= 0 {
			if gt := bytes.IndexByte(body[fs:], '>'); gt >= 0 && body[fs+gt-1] != '/' {
				content := body[fs+gt+1:]
				if fe := bytes.Index(content, []byte("</f>")); fe >= 0 {
					fx = xmlText(content[:fe])
				}
			}
		}
		uncached[r] = fx
	}
	return uncached, percent, true
}

// hasCachedValue reports whether a formula cell's body holds a cached
// value. openpyxl and other writers that do not calculate write an empty
// <v></v> (or <v/>) beside the formula: that is no value, and reading it as
// an empty cell would drop the figure silently. An empty value of a cell
// typed t="str" is a formula whose result is the empty text (=IF(…;"";…)),
// which Excel writes so.
func hasCachedValue(tag, body []byte) bool {
	var rest []byte
	for {
		i := bytes.Index(body, []byte("<v"))
		if i < 0 {
			return false
		}
		rest = body[i+2:]
		if len(rest) > 0 && (rest[0] == '>' || rest[0] == ' ' || rest[0] == '/') {
			break
		}
		// Another element, such as <vm…>: look on, in a loop, since a
		// hostile body holds millions of them.
		body = rest
	}
	gt := bytes.IndexByte(rest, '>')
	if gt < 0 {
		return false
	}
	empty := gt > 0 && rest[gt-1] == '/'
	if !empty {
		end := bytes.Index(rest[gt+1:], []byte("</v>"))
		empty = end == 0
	}
	return !empty || string(attrValue(tag, []byte(` t="`))) == "str"
}

// attr returns an attribute's value from a start tag, "" if absent.
func attr(tag []byte, name string) string {
	return string(attrValue(tag, []byte(" "+name+`="`)))
}

// attrValue returns the value after key (` r="`) in a start tag.
func attrValue(tag, key []byte) []byte {
	i := bytes.Index(tag, key)
	if i < 0 {
		return nil
	}
	rest := tag[i+len(key):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return nil
	}
	return rest[:j]
}

// xmlText unescapes character data: &amp; &lt; and the like.
func xmlText(b []byte) string {
	var s string
	if err := xml.Unmarshal(append(append([]byte("<x>"), b...), "</x>"...), &s); err != nil {
		return string(b)
	}
	return s
}

// lastFilledRow finds the row of the last cell with a value (<v>), inline
// text (<is>) or formula (<f>) in worksheet XML; −1 if it cannot tell, as
// for XML with namespace prefixes or rows without numbers.
func lastFilledRow(b []byte) int {
	if bytes.Contains(b, []byte(":row")) || bytes.Contains(b, []byte(":c ")) {
		return -1
	}
	// One backward pass over the tags finds the last value, where one
	// LastIndex per tag would scan the whole sheet several times.
	pos := -1
	for i := len(b); i > 0; {
		i = bytes.LastIndexByte(b[:i], '<')
		if i < 0 {
			break
		}
		rest := b[i+1 : min(len(b), i+5)]
		if bytes.HasPrefix(rest, []byte("v>")) || bytes.HasPrefix(rest, []byte("v ")) ||
			bytes.HasPrefix(rest, []byte("is>")) || bytes.HasPrefix(rest, []byte("is ")) ||
			bytes.HasPrefix(rest, []byte("f>")) || bytes.HasPrefix(rest, []byte("f ")) || bytes.HasPrefix(rest, []byte("f/")) {
			pos = i
			break
		}
	}
	if pos < 0 {
		return 0
	}
	start := bytes.LastIndex(b[:pos], []byte("<row"))
	if start < 0 {
		return -1
	}
	end := bytes.IndexByte(b[start:], '>')
	if end < 0 {
		return -1
	}
	n, err := strconv.Atoi(attr(b[start:start+end+1], "r"))
	if err != nil || n < 1 {
		return -1
	}
	return n
}
