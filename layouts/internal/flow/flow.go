// Package flow is how every renderer of the document tree (layouts/pdf,
// layouts/html) reads its running text: the outline depth of each heading
// and the paragraphs of a text, so that the PDF's tags and the HTML page's
// headings nest alike.
package flow

import "strings"

// Outline follows the headings of a document in order. The zero value is
// at the document's start.
type Outline struct{ sub int }

// Depth is the outline depth of the next heading, of level 1–3: a section
// (level 1) is at 0, a subsection (2) at 1, and a titled item (3), such as
// one goal, right below what precedes it, so that no depth is skipped (a
// goal is at 1 under "Mål" but at 2 under a subsection). ok is false for a
// level the tree does not have.
func (o *Outline) Depth(level int) (depth int, ok bool) {
	switch level {
	case 1:
		o.sub = 0
		return 0, true
	case 2:
		o.sub = 1
		return 1, true
	case 3:
		return o.sub + 1, true
	}
	return 0, false
}

// Paragraphs splits text at blank lines; single line breaks stay in a
// paragraph. A text without any is one empty paragraph.
func Paragraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.Trim(p, "\n"); strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}
