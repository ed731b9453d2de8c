package tagged

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Audit checks a PDF written by Finish against the rules of PDF/UA-1
// (the Matterhorn protocol's machine-checkable ones) and PDF/A-2 that
// can be checked without a full validator, and returns what fails:
//
//   - every text, path, shading or image drawn is inside marked content
//     with an MCID or an artifact, and no MCID lies in another (01-004,
//     01-005, 01-006);
//   - the parent tree holds an element for every MCID of every page;
//   - headings do not skip a level, the first one is H1 (14-002, 14-003);
//   - every Figure has an Alt text (13-004); every Table a TH (15-*);
//   - every link annotation has /Contents, /StructParent and the print
//     flag (28-004, 28-011, PDF/A 6.3.2);
//   - catalog: MarkInfo Marked true (06-001), Lang (11-006),
//     StructTreeRoot, DisplayDocTitle true (07-002), Metadata, an sRGB
//     output intent; Info and XMP title (06-003, 06-004), the pdfuaid
//     and pdfaid claims; every page /Tabs /S (19-003) and
//     /StructParents; PDF 1.7; no encryption (PDF/A 6.1.3);
//   - every font embedded with a font program and a ToUnicode map
//     (31-*, PDF/A 6.2.11).
func Audit(pdf []byte) []string {
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.7\n")) {
		bad("header is not PDF 1.7")
	}
	f, err := read(pdf)
	if err != nil {
		return append(problems, err.Error())
	}
	if bytes.Contains(f.trailer, []byte("/Encrypt")) {
		bad("encrypted")
	}
	obj := func(n int) string {
		if n <= 0 || n >= len(f.objs) {
			return ""
		}
		return string(f.objs[n])
	}
	cat := obj(f.root)
	for _, want := range []string{"/MarkInfo <</Marked true>>", "/ViewerPreferences <</DisplayDocTitle true>>", "/Lang ", "/StructTreeRoot ", "/Metadata ", "/S /GTS_PDFA1"} {
		if !strings.Contains(cat, want) {
			bad("catalog lacks %s", strings.TrimSpace(want))
		}
	}
	if !strings.Contains(obj(f.info), "/Title <FEFF") {
		bad("Info has no Title")
	}
	xmp := ""
	if m := regexp.MustCompile(`/Metadata (\d+) 0 R`).FindStringSubmatch(cat); m != nil {
		xmp = obj(atoi(m[1]))
		if strings.Contains(xmp, "/Filter") {
			bad("XMP metadata is filtered")
		}
	}
	for _, want := range []string{"<dc:title>", "<dc:language>", "<pdfuaid:part>1<", "<pdfaid:part>2<", "<pdfaid:conformance>", "<xmp:CreatorTool>", "<pdf:Producer>", "pdfaExtension:schemas"} {
		if !strings.Contains(xmp, want) {
			bad("XMP lacks %s", want)
		}
	}
	for n := 1; n < len(f.objs); n++ {
		o := obj(n)
		switch {
		case strings.Contains(o, "/Type /FontDescriptor") && !regexp.MustCompile(`/FontFile[23]? \d+ 0 R`).MatchString(o):
			bad("font descriptor %d has no embedded font", n)
		case strings.Contains(o, "/Subtype /Type0") && !strings.Contains(o, "/ToUnicode "):
			bad("font %d has no ToUnicode", n)
		case strings.Contains(o, "/Subtype /Link"):
			for _, want := range []string{"/F 4 ", "/StructParent ", "/Contents <"} {
				if !strings.Contains(o, want) {
					bad("link annotation %d lacks %s", n, strings.TrimSpace(want))
				}
			}
		case strings.Contains(o, "/Subtype /Type1") || strings.Contains(o, "/Subtype /TrueType"):
			bad("font %d is a simple font, perhaps not embedded", n)
		}
	}

	// Pages: marks in the content streams and the parent tree.
	pages, err := f.pages()
	if err != nil {
		return append(problems, err.Error())
	}
	parents := map[int]int{} // page key -> number of elements
	root := regexp.MustCompile(`/StructTreeRoot (\d+) 0 R`).FindStringSubmatch(cat)
	var treeRoot string
	if root != nil {
		treeRoot = obj(atoi(root[1]))
		if m := regexp.MustCompile(`/ParentTree (\d+) 0 R`).FindStringSubmatch(treeRoot); m != nil {
			for _, e := range regexp.MustCompile(`(\d+) \[([^\]]*)\]`).FindAllStringSubmatch(obj(atoi(m[1])), -1) {
				parents[atoi(e[1])] = strings.Count(e[2], " 0 R")
			}
		}
	}
	for i, pn := range pages {
		p := obj(pn)
		if !strings.Contains(p, "/Tabs /S") {
			bad("page %d has no /Tabs /S", i+1)
		}
		m := regexp.MustCompile(`/StructParents (\d+)`).FindStringSubmatch(p)
		if m == nil {
			bad("page %d has no /StructParents", i+1)
			continue
		}
		c := regexp.MustCompile(`/Contents (\d+) 0 R`).FindStringSubmatch(p)
		if c == nil {
			bad("page %d has no content", i+1)
			continue
		}
		data, err := streamData(obj(atoi(c[1])))
		if err != nil {
			bad("page %d: %v", i+1, err)
			continue
		}
		mcids, errs := checkMarks(data)
		for _, e := range errs {
			bad("page %d: %s", i+1, e)
		}
		if got := parents[atoi(m[1])]; got != mcids {
			bad("page %d has %d MCIDs, the parent tree %d elements", i+1, mcids, got)
		}
	}

	// The structure tree in reading order.
	reS := regexp.MustCompile(`/S /(\w+)`)
	reK := regexp.MustCompile(`/K \[(.*)\]>>`)
	reDict := regexp.MustCompile(`<<[^<>]*>>`)
	reRefs := regexp.MustCompile(`(\d+) 0 R`)
	level, seen := 0, map[int]bool{}
	var walk func(n int) (roles []string)
	walk = func(n int) []string {
		if seen[n] {
			bad("element %d is in the tree twice", n)
			return nil
		}
		seen[n] = true
		e := obj(n)
		s := reS.FindStringSubmatch(e)
		if s == nil {
			bad("element %d has no type", n)
			return nil
		}
		role := s[1]
		if len(role) == 2 && role[0] == 'H' && role[1] >= '1' && role[1] <= '6' {
			l := int(role[1] - '0')
			if l > level+1 {
				bad("heading H%d follows H%d", l, level)
			}
			level = l
		}
		if role == "Figure" && !strings.Contains(e, "/Alt <") {
			bad("Figure %d has no Alt", n)
		}
		var below []string
		if k := reK.FindStringSubmatch(e); k != nil {
			for _, r := range reRefs.FindAllStringSubmatch(reDict.ReplaceAllString(k[1], ""), -1) {
				below = append(below, walk(atoi(r[1]))...)
			}
		}
		if role == "Table" && !contains(below, "TH") {
			bad("Table %d has no TH", n)
		}
		return append(below, role)
	}
	if m := regexp.MustCompile(`/K (\d+) 0 R`).FindStringSubmatch(treeRoot); m != nil {
		walk(atoi(m[1]))
	} else {
		bad("no structure tree")
	}
	return problems
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// streamData is a stream object's data, inflated when it is compressed.
func streamData(o string) ([]byte, error) {
	m := regexp.MustCompile(`/Length (\d+)`).FindStringSubmatch(o)
	i := strings.Index(o, "stream\n")
	if m == nil || i < 0 || i+7+atoi(m[1]) > len(o) {
		return nil, fmt.Errorf("bad stream")
	}
	data := []byte(o[i+7 : i+7+atoi(m[1])])
	if !strings.Contains(o[:i], "/FlateDecode") {
		return data, nil
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// painting are the operators that put marks on a page: text, paths,
// shadings, images.
var painting = map[string]bool{
	"Tj": true, "TJ": true, "'": true, `"`: true,
	"S": true, "s": true, "f": true, "F": true, "f*": true,
	"B": true, "B*": true, "b": true, "b*": true, "sh": true, "Do": true, "BI": true,
}

// checkMarks reads a content stream and returns the number of MCIDs it
// marks and what is drawn outside marked content.
func checkMarks(data []byte) (mcids int, problems []string) {
	type mark struct{ artifact, mcid bool }
	var stack []mark
	var operands []string
	unmarked := map[string]int{}
	for _, tok := range tokens(data) {
		if tok.operand {
			operands = append(operands, tok.text)
			continue
		}
		switch op := tok.text; op {
		case "BMC", "BDC":
			m := mark{}
			if len(operands) > 0 && operands[0] == "/Artifact" {
				m.artifact = true
			}
			for _, o := range operands {
				if o == "/MCID" {
					m.mcid = true
					mcids++
				}
			}
			for _, s := range stack {
				if (s.mcid || s.artifact) && (m.mcid || m.artifact) {
					problems = append(problems, "marked content inside marked content")
				}
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) == 0 {
				problems = append(problems, "EMC without BDC")
			} else {
				stack = stack[:len(stack)-1]
			}
		default:
			if painting[op] {
				ok := false
				for _, s := range stack {
					ok = ok || s.mcid || s.artifact
				}
				if !ok {
					unmarked[op]++
				}
			}
		}
		operands = operands[:0]
	}
	if len(stack) > 0 {
		problems = append(problems, "marked content not closed")
	}
	for op, n := range unmarked {
		problems = append(problems, fmt.Sprintf("%d %q drawn neither tagged nor as artifact", n, op))
	}
	return mcids, problems
}

type token struct {
	text    string
	operand bool
}

// tokens splits a content stream into operands and operators. Strings
// are skipped whole (with their escapes and nested parentheses), so that
// text never reads as operators.
func tokens(d []byte) []token {
	var out []token
	delim := func(c byte) bool { return strings.IndexByte("()<>[]{}/% \t\r\n\f", c) >= 0 }
	for i := 0; i < len(d); {
		c := d[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f':
			i++
		case c == '%':
			for i < len(d) && d[i] != '\n' {
				i++
			}
		case c == '(':
			depth := 0
			for ; i < len(d); i++ {
				if d[i] == '\\' {
					i++
					continue
				}
				if d[i] == '(' {
					depth++
				} else if d[i] == ')' {
					depth--
					if depth == 0 {
						i++
						break
					}
				}
			}
			out = append(out, token{"()", true})
		case c == '<' && i+1 < len(d) && d[i+1] == '<', c == '>' && i+1 < len(d) && d[i+1] == '>':
			out = append(out, token{string(d[i : i+2]), true})
			i += 2
		case c == '<':
			j := bytes.IndexByte(d[i:], '>')
			if j < 0 {
				j = len(d) - i - 1
			}
			out = append(out, token{"<>", true})
			i += j + 1
		case c == '[' || c == ']' || c == '{' || c == '}':
			out = append(out, token{string(c), true})
			i++
		case c == '/':
			j := i + 1
			for j < len(d) && !delim(d[j]) {
				j++
			}
			out = append(out, token{string(d[i:j]), true})
			i = j
		default:
			j := i
			for j < len(d) && !delim(d[j]) {
				j++
			}
			if j == i {
				j++
			}
			w := string(d[i:j])
			_, err := strconv.ParseFloat(w, 64)
			out = append(out, token{w, err == nil || w == "true" || w == "false" || w == "null"})
			i = j
		}
	}
	return out
}
