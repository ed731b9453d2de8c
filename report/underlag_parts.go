package report

import (
	"bytes"
	"encoding/xml"
	"path"
	"strconv"
	"strings"
)

// sheetPart is what a byte scan of a worksheet's XML tells before excelize
// parses it: how large it is, and the last row that holds anything.
type sheetPart struct {
	size uint64
	// lastRow is the last row with a value or formula; 0 for a sheet
	// without any, −1 when the scan cannot tell (then every row is read).
	lastRow int
}

// sheetParts maps each worksheet name to its part, scanned. Excel writes a
// <row> element for every formatted row, so a sheet formatted to the
// bottom holds a million empty rows: knowing the last filled row lets the
// reader stop there instead of iterating them all.
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
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(read("xl/workbook.xml"), &wb) != nil || xml.Unmarshal(read("xl/_rels/workbook.xml.rels"), &rels) != nil {
		return nil
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]sheetPart{}
	for _, s := range wb.Sheets {
		name := strings.ToLower(targets[s.ID])
		size, ok := sizes[name]
		if !ok {
			continue
		}
		p := sheetPart{size: size, lastRow: -1}
		if b, ok := parts[name]; ok {
			p.lastRow = lastFilledRow(b)
		}
		out[s.Name] = p
	}
	return out
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
	tag := string(b[start : start+end])
	i := strings.Index(tag, ` r="`)
	if i < 0 {
		return -1
	}
	rest := tag[i+4:]
	j := strings.IndexByte(rest, '"')
	if j < 0 {
		return -1
	}
	n, err := strconv.Atoi(rest[:j])
	if err != nil || n < 1 {
		return -1
	}
	return n
}
