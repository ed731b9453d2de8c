package pdf

import (
	"fmt"

	"codeberg.org/go-pdf/fpdf"

	"rapport/layouts/pdf/tagged"
)

// canvas is the fpdf document with its structure tree: drawing code draws
// through the embedded Fpdf and says, through content and artifact, what
// each drawn thing is, so that every content item of every page is either
// tagged or an artifact (PDF/UA-1).
type canvas struct {
	*fpdf.Fpdf
	tags *tagged.Tree
	// repeating is set while a repeated table header or caption is drawn
	// at the top of a continued page: it is all one artifact, since the
	// tree holds the header once.
	repeating bool
}

func newCanvas(f *fpdf.Fpdf) *canvas {
	return &canvas{Fpdf: f, tags: tagged.NewTree(f)}
}

// content draws draw as content of the last element of path.
func (c *canvas) content(path []*tagged.Elem, draw func()) {
	if c.repeating {
		draw()
		return
	}
	c.tags.Content(path, draw)
}

// artifact draws draw as an artifact.
func (c *canvas) artifact(draw func()) {
	if c.repeating {
		draw()
		return
	}
	c.tags.Artifact(draw)
}

// enter makes sure the elements of path exist, as an empty cell does.
func (c *canvas) enter(path []*tagged.Elem) {
	if !c.repeating {
		c.tags.Enter(path)
	}
}

// repeat draws a repeated header as one artifact.
func (c *canvas) repeat(draw func()) {
	c.tags.Artifact(func() {
		c.repeating = true
		draw()
		c.repeating = false
	})
}

// path is a chain of structure elements.
func path(e ...*tagged.Elem) []*tagged.Elem { return e }

// elem is a structure element with an attribute object.
func elem(role, attrs string) *tagged.Elem {
	e := tagged.New(role)
	e.A = attrs
	return e
}

// Attributes of table headers: a column's header, a row's header.
const (
	scopeColumn = "<</O /Table /Scope /Column>>"
	scopeRow    = "<</O /Table /Scope /Row>>"
)

func scopeRowSpan(n int) string {
	return fmt.Sprintf("<</O /Table /Scope /Row /ColSpan %d>>", n)
}

// layoutBBox is a Figure's bounding box attribute, in points from the page's
// lower left corner.
func layoutBBox(x, y, w, h float64) string {
	k := 72 / 25.4
	return fmt.Sprintf("<</O /Layout /BBox [%.2f %.2f %.2f %.2f]>>", x*k, (pageH-y-h)*k, (x+w)*k, (pageH-y)*k)
}
