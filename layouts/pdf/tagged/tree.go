// Package tagged makes a PDF written by go-pdf/fpdf a tagged, archivable
// one (PDF/UA-1, PDF/A-2). fpdf cannot tag: while the document is drawn, a
// Tree writes marked-content operators (BDC/EMC with MCIDs) into the page
// streams and records which structure element each piece belongs to; when
// fpdf is done, Finish rewrites its output with the structure tree, the
// parent tree, the catalog entries, XMP metadata and the output intent the
// standards ask for, mends what fpdf writes wrong for a strict reader (the
// outline's counts, the cmap of its font subsets) and packs the objects
// into object streams.
//
// Structure is given as paths: every marked piece of content names the
// chain of elements it lies in (Table, TBody, TR, TD), and the tree opens
// and closes elements as the paths of successive pieces differ. Elements
// are plain values made before drawing, so that code which measures a
// layout can decide its structure and code which draws it only marks.
package tagged

import (
	"errors"
	"fmt"
	"strconv"
)

// Stream is where marked-content operators are written: the current page
// of an fpdf document.
type Stream interface {
	RawWriteStr(string)
	PageNo() int
}

// Elem is a structure element: a standard structure type (H1, P, Table,
// TD, Figure, Link…) with its optional text alternative and attributes.
type Elem struct {
	Role string
	// Alt is the text alternative of a Figure (or a formula): what it
	// shows, read instead of its content.
	Alt string
	// A is the raw attribute object, e.g. "<</O /Table /Scope /Column>>".
	A string
	// ActualText replaces the element's text for a reader, where the
	// drawing changed it (a word hyphenated at a line break).
	ActualText string

	parent *Elem
	kids   []kid
	obj    int // object number, while writing
}

// New makes an element of a role.
func New(role string) *Elem { return &Elem{Role: role} }

// kid is an element's child: another element, a marked-content sequence
// on a page, or an annotation on a page.
type kid struct {
	elem  *Elem
	page  int // 1-based; with mcid or annot
	mcid  int
	annot int // index among the page's tagged annotations, or -1
}

// page is what the tree knows of one page: the element of each MCID, and
// the element and description of each link annotation, in the order fpdf
// adds them.
type page struct {
	mcids  []*Elem
	annots []annot
}

type annot struct {
	elem     *Elem
	contents string
}

// Tree is a document's structure tree as it is drawn.
type Tree struct {
	s       Stream
	root    *Elem // Document
	open    []*Elem
	pages   map[int]*page
	marking bool
	err     error
}

// NewTree starts a structure tree whose root element is Document.
func NewTree(s Stream) *Tree {
	return &Tree{s: s, root: New("Document"), pages: map[int]*page{}}
}

// Err is the first misuse of the tree (content marked inside content,
// content with no element), which would make the tags invalid.
func (t *Tree) Err() error { return t.err }

func (t *Tree) fail(format string, args ...any) {
	if t.err == nil {
		t.err = fmt.Errorf("tagged: "+format, args...)
	}
}

func (t *Tree) page(n int) *page {
	p := t.pages[n]
	if p == nil {
		p = &page{}
		t.pages[n] = p
	}
	return p
}

// enter makes path the open chain of elements: elements no longer on it
// are closed, new ones are added as the last child of their parent. An
// element closed earlier is not reopened: its new content goes to it
// again, in reading order after what came between.
func (t *Tree) enter(path []*Elem) {
	k := 0
	for k < len(t.open) && k < len(path) && t.open[k] == path[k] {
		k++
	}
	t.open = append(t.open[:k], path[k:]...)
	for i := k; i < len(path); i++ {
		parent := t.root
		if i > 0 {
			parent = path[i-1]
		}
		e := path[i]
		if e.parent == nil {
			e.parent = parent
			parent.kids = append(parent.kids, kid{elem: e, annot: -1})
		}
	}
}

// Close closes every open element: what is marked next starts at the
// document's top level.
func (t *Tree) Close() { t.open = t.open[:0] }

// Content marks what draw draws as content of the last element of path,
// with the next MCID of the current page.
func (t *Tree) Content(path []*Elem, draw func()) {
	if len(path) == 0 {
		t.fail("content without a structure element")
		draw()
		return
	}
	if t.marking {
		t.fail("content of %s marked inside marked content", path[len(path)-1].Role)
		draw()
		return
	}
	t.enter(path)
	e := path[len(path)-1]
	n := t.s.PageNo()
	p := t.page(n)
	mcid := len(p.mcids)
	p.mcids = append(p.mcids, e)
	e.kids = append(e.kids, kid{page: n, mcid: mcid, annot: -1})
	t.marking = true
	t.s.RawWriteStr("/" + e.Role + " <</MCID " + strconv.Itoa(mcid) + ">> BDC")
	draw()
	t.s.RawWriteStr("EMC")
	t.marking = false
}

// Artifact marks what draw draws as an artifact: a rule, a background,
// a decorative symbol beside the word it shows.
func (t *Tree) Artifact(draw func()) { t.artifact("/Artifact BMC", draw) }

// Pagination marks what draw draws as a page header or footer artifact.
func (t *Tree) Pagination(draw func()) {
	t.artifact("/Artifact <</Type /Pagination>> BDC", draw)
}

// Watermark marks what draw draws as a watermark artifact (a pagination
// artifact of subtype Watermark), such as a draft's mark on every page.
func (t *Tree) Watermark(draw func()) {
	t.artifact("/Artifact <</Type /Pagination /Subtype /Watermark>> BDC", draw)
}

func (t *Tree) artifact(op string, draw func()) {
	if t.marking {
		t.fail("artifact inside marked content")
		draw()
		return
	}
	t.marking = true
	t.s.RawWriteStr(op)
	draw()
	t.s.RawWriteStr("EMC")
	t.marking = false
}

// Annotation ties the next link annotation added on the current page to
// the last element of path (a Link), with contents as the annotation's
// description. Call it once for every link fpdf adds, in the same order.
func (t *Tree) Annotation(path []*Elem, contents string) {
	if len(path) == 0 {
		t.fail("annotation without a structure element")
		return
	}
	t.enter(path)
	e := path[len(path)-1]
	n := t.s.PageNo()
	p := t.page(n)
	e.kids = append(e.kids, kid{page: n, annot: len(p.annots)})
	p.annots = append(p.annots, annot{e, contents})
}

var errEmpty = errors.New("tagged: the document has no tagged content")

// Enter opens path without marking content: an element that must exist
// in the tree even when it draws nothing, as an empty table cell.
func (t *Tree) Enter(path []*Elem) {
	if len(path) > 0 {
		t.enter(path)
	}
}
