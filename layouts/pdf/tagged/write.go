package tagged

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// Meta is the document's metadata, written alike to the Info dictionary
// and the XMP packet (PDF/A wants them equal).
type Meta struct {
	Title, Author, Subject, Keywords string
	Creator, Producer                string
	Lang                             string // "sv-SE"
	Date                             time.Time
	// ICC is the sRGB profile of the output intent; ICCName its
	// registered condition ("sRGB IEC61966-2.1").
	ICC     []byte
	ICCName string
	// Part and Conformance are the PDF/A claim (2, "A"); UA the PDF/UA
	// claim (1).
	PDFAPart        int
	PDFAConformance string
	UAPart          int
}

// file is a PDF split into its objects.
type file struct {
	objs       [][]byte // bodies (between "obj" and "endobj") by object number; 0 unused
	root, info int
	trailer    []byte // the trailer dictionary, or the cross-reference stream's
}

var (
	reObj      = regexp.MustCompile(`^(\d+) 0 obj\b`)
	reRef      = regexp.MustCompile(`/(Root|Info) (\d+) 0 R`)
	reKids     = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	reStartxrf = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
)

// parse splits a PDF written by fpdf (one revision, a classic xref table,
// no object streams) into its objects by the offsets of its xref table.
func parse(in []byte) (*file, error) {
	m := reStartxrf.FindSubmatch(in)
	if m == nil {
		return nil, fmt.Errorf("tagged: no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(in) || !bytes.HasPrefix(in[xref:], []byte("xref\n0 ")) {
		return nil, fmt.Errorf("tagged: no xref table at %d", xref)
	}
	rest := in[xref+len("xref\n0 "):]
	nl := bytes.IndexByte(rest, '\n')
	size, err := strconv.Atoi(string(rest[:nl]))
	if err != nil || size < 2 {
		return nil, fmt.Errorf("tagged: bad xref size")
	}
	entries := rest[nl+1:]
	if len(entries) < 20*size {
		return nil, fmt.Errorf("tagged: short xref table")
	}
	type span struct{ n, off int }
	spans := make([]span, 0, size)
	for n := 1; n < size; n++ {
		e := entries[20*n : 20*n+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || e[17] != 'n' {
			return nil, fmt.Errorf("tagged: bad xref entry %d", n)
		}
		spans = append(spans, span{n, off})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].off < spans[j].off })
	f := &file{objs: make([][]byte, size)}
	for i, s := range spans {
		end := xref
		if i+1 < len(spans) {
			end = spans[i+1].off
		}
		if s.off <= 0 || s.off >= end {
			return nil, fmt.Errorf("tagged: bad offset of object %d", s.n)
		}
		o := in[s.off:end]
		m := reObj.FindSubmatch(o)
		if m == nil || string(m[1]) != strconv.Itoa(s.n) {
			return nil, fmt.Errorf("tagged: object %d not at its offset", s.n)
		}
		k := bytes.LastIndex(o, []byte("endobj"))
		if k < 0 {
			return nil, fmt.Errorf("tagged: object %d has no endobj", s.n)
		}
		f.objs[s.n] = bytes.TrimSpace(o[len(m[0]):k])
	}
	f.trailer = entries[20*size:]
	for _, m := range reRef.FindAllSubmatch(entries[20*size:], -1) {
		n, _ := strconv.Atoi(string(m[2]))
		if string(m[1]) == "Root" {
			f.root = n
		} else {
			f.info = n
		}
	}
	if f.root <= 0 || f.root >= size || f.info <= 0 || f.info >= size {
		return nil, fmt.Errorf("tagged: no catalog or info in the trailer")
	}
	return f, nil
}

// pages are the page objects in order, read from the page tree root (fpdf
// writes a flat one as object 1).
func (f *file) pages() ([]int, error) {
	m := reKids.FindSubmatch(f.objs[1])
	if m == nil {
		return nil, fmt.Errorf("tagged: no page tree")
	}
	var out []int
	for _, ref := range strings.Split(strings.TrimSpace(string(m[1])), " 0 R") {
		if ref = strings.TrimSpace(ref); ref != "" {
			n, err := strconv.Atoi(ref)
			if err != nil || n <= 0 || n >= len(f.objs) {
				return nil, fmt.Errorf("tagged: bad page reference %q", ref)
			}
			out = append(out, n)
		}
	}
	return out, nil
}

// splitDicts cuts "<<…>><<…>>" into its top-level dictionaries.
func splitDicts(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i+1 < len(s); i++ {
		switch s[i : i+2] {
		case "<<":
			if depth == 0 {
				start = i
			}
			depth++
			i++
		case ">>":
			depth--
			i++
			if depth == 0 {
				out = append(out, s[start:i+1])
			}
		}
	}
	return out
}

// Text is a PDF text string: UTF-16BE with a byte order mark, in hex, so
// that any character survives.
func Text(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// Finish writes the tagged document: fpdf's objects, with the pages
// given /StructParents and /Tabs /S, link annotations made indirect and
// tied to their Link elements, a new Info and an extended catalog; then
// the structure tree, parent tree, XMP metadata and output intent. The
// outline gets its counts and the fonts valid TrueType programs; the file
// is written compactly (see pack): object streams, a cross-reference
// stream with an /ID. The same input gives the same bytes.
func (t *Tree) Finish(w io.Writer, in []byte, m Meta) error {
	if t.err != nil {
		return t.err
	}
	if len(t.root.kids) == 0 {
		return errEmpty
	}
	f, err := parse(in)
	if err != nil {
		return err
	}
	pages, err := f.pages()
	if err != nil {
		return err
	}
	for n := range t.pages {
		if n < 1 || n > len(pages) {
			return fmt.Errorf("tagged: marks on page %d of %d", n, len(pages))
		}
	}
	next := len(f.objs)
	alloc := func() int { next++; return next - 1 }
	treeRoot, parentTree := alloc(), alloc()
	var elems []*Elem
	var number func(e *Elem)
	number = func(e *Elem) {
		e.obj = alloc()
		elems = append(elems, e)
		for _, k := range e.kids {
			if k.elem != nil {
				number(k.elem)
			}
		}
	}
	number(t.root)
	t.root.parent = nil

	// Pages: /StructParents i-1 for page i; annotations follow.
	out := make([][]byte, len(f.objs))
	copy(out, f.objs)
	annotObj := map[[2]int]int{}
	var annotKeys []int // struct parent key -> annot object, in order
	var annotElems []*Elem
	var extra [][2]any // new annotation objects: number, text
	for i, pn := range pages {
		s := string(f.objs[pn])
		if !strings.Contains(s, "<</Type /Page\n") {
			return fmt.Errorf("tagged: object %d is not a page", pn)
		}
		p := t.pages[i+1]
		var tagged []annot
		if p != nil {
			tagged = p.annots
		}
		var dicts []string
		if a := strings.Index(s, "\n/Annots ["); a >= 0 {
			end := strings.Index(s[a+1:], "\n")
			line := s[a+1 : a+1+end]
			dicts = splitDicts(line[len("/Annots [") : len(line)-1])
			if len(dicts) != len(tagged) {
				return fmt.Errorf("tagged: page %d has %d annotations, %d tagged", i+1, len(dicts), len(tagged))
			}
			var refs []string
			for j, d := range dicts {
				n := alloc()
				key := len(pages) + len(annotKeys)
				annotObj[[2]int{i + 1, j}] = n
				annotKeys = append(annotKeys, n)
				annotElems = append(annotElems, tagged[j].elem)
				body := strings.TrimSuffix(d, ">>") + fmt.Sprintf("/F 4 /StructParent %d /Contents %s>>", key, Text(tagged[j].contents))
				extra = append(extra, [2]any{n, body})
				refs = append(refs, fmt.Sprintf("%d 0 R", n))
			}
			s = s[:a+1] + "/Annots [" + strings.Join(refs, " ") + "]" + s[a+1+end:]
		} else if len(tagged) > 0 {
			return fmt.Errorf("tagged: page %d has no annotations, %d tagged", i+1, len(tagged))
		}
		s = strings.Replace(s, "<</Type /Page\n", fmt.Sprintf("<</Type /Page\n/StructParents %d /Tabs /S\n", i), 1)
		out[pn] = []byte(s)
	}
	var xmp, icc int
	xmp = alloc()
	if len(m.ICC) > 0 {
		icc = alloc()
	}

	// Catalog: fpdf's, with the entries of a tagged PDF/A document.
	cat := string(f.objs[f.root])
	end := strings.LastIndex(cat, ">>")
	var c strings.Builder
	c.WriteString(cat[:end])
	fmt.Fprintf(&c, "/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n/ViewerPreferences <</DisplayDocTitle true>>\n/Metadata %d 0 R\n", treeRoot, xmp)
	if !strings.Contains(cat, "/Lang ") && m.Lang != "" {
		fmt.Fprintf(&c, "/Lang %s\n", Text(m.Lang))
	}
	if icc > 0 {
		fmt.Fprintf(&c, "/OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier %s /RegistryName (http://www.color.org) /Info %s /DestOutputProfile %d 0 R>>]\n", Text(m.ICCName), Text(m.ICCName), icc)
	}
	c.WriteString(cat[end:])
	out[f.root] = []byte(c.String())
	out[f.info] = []byte(infoDict(m))

	out = append(out, make([][]byte, next-len(out))...)
	put := func(n int, body string) { out[n] = []byte(body) }
	for _, e := range extra {
		put(e[0].(int), e[1].(string))
	}
	// Structure tree root and parent tree: page i's MCIDs map to their
	// elements, each annotation's key to its Link.
	put(treeRoot, fmt.Sprintf("<</Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d>>", t.root.obj, parentTree, len(pages)+len(annotKeys)))
	var nums strings.Builder
	nums.WriteString("<</Nums [")
	for i := range pages {
		fmt.Fprintf(&nums, "%d [", i)
		if p := t.pages[i+1]; p != nil {
			for j, e := range p.mcids {
				if j > 0 {
					nums.WriteByte(' ')
				}
				fmt.Fprintf(&nums, "%d 0 R", e.obj)
			}
		}
		nums.WriteString("]\n")
	}
	for j, e := range annotElems {
		fmt.Fprintf(&nums, "%d %d 0 R\n", len(pages)+j, e.obj)
	}
	nums.WriteString("]>>")
	put(parentTree, nums.String())
	for _, e := range elems {
		put(e.obj, e.dict(treeRoot, pages, annotObj))
	}
	packet := XMP(m)
	put(xmp, fmt.Sprintf("<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n%s\nendstream", len(packet), packet))
	if icc > 0 {
		out[icc] = streamBody([]byte("<</N 3 /Alternate /DeviceRGB>>"), m.ICC)
	}
	if err := outlineCounts(out, f.root); err != nil {
		return err
	}
	if err := fixFonts(out); err != nil {
		return err
	}
	b, err := pack(out, f.root, f.info)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// dict is the element's object: its type, parent, page, kids and text
// alternative. Marked content on the element's own page is a bare MCID.
func (e *Elem) dict(treeRoot int, pages []int, annotObj map[[2]int]int) string {
	var b strings.Builder
	parent := treeRoot
	if e.parent != nil {
		parent = e.parent.obj
	}
	fmt.Fprintf(&b, "<</Type /StructElem /S /%s /P %d 0 R", e.Role, parent)
	pg := 0
	for _, k := range e.kids {
		if k.elem == nil {
			pg = k.page
			break
		}
	}
	if pg > 0 {
		fmt.Fprintf(&b, " /Pg %d 0 R", pages[pg-1])
	}
	if e.Alt != "" {
		fmt.Fprintf(&b, " /Alt %s", Text(e.Alt))
	}
	if e.ActualText != "" {
		fmt.Fprintf(&b, " /ActualText %s", Text(e.ActualText))
	}
	if e.A != "" {
		fmt.Fprintf(&b, " /A %s", e.A)
	}
	b.WriteString(" /K [")
	for i, k := range e.kids {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch {
		case k.elem != nil:
			fmt.Fprintf(&b, "%d 0 R", k.elem.obj)
		case k.annot >= 0:
			fmt.Fprintf(&b, "<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", annotObj[[2]int{k.page, k.annot}], pages[k.page-1])
		case k.page == pg:
			b.WriteString(strconv.Itoa(k.mcid))
		default:
			fmt.Fprintf(&b, "<</Type /MCR /Pg %d 0 R /MCID %d>>", pages[k.page-1], k.mcid)
		}
	}
	b.WriteString("]>>")
	return b.String()
}

// pdfDate is a date as the Info dictionary writes it, in UTC.
func pdfDate(t time.Time) string {
	return "D:" + t.UTC().Format("20060102150405") + "Z"
}

func infoDict(m Meta) string {
	var b strings.Builder
	b.WriteString("<<")
	for _, kv := range [][2]string{
		{"Title", m.Title}, {"Author", m.Author}, {"Subject", m.Subject},
		{"Keywords", m.Keywords}, {"Creator", m.Creator}, {"Producer", m.Producer},
	} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "/%s %s\n", kv[0], Text(kv[1]))
		}
	}
	fmt.Fprintf(&b, "/CreationDate (%s)\n/ModDate (%s)>>", pdfDate(m.Date), pdfDate(m.Date))
	return b.String()
}
