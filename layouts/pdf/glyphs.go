package pdf

import (
	"encoding/binary"
	"fmt"
	"strings"

	"rapport/layouts/doc"
)

// glyphSet is the characters a font can draw, read from its cmap table.
// Text from inputs may hold anything (emoji, other scripts); fpdf fails on
// characters the font lacks, so they are replaced before layout.
type glyphSet [][2]rune

// cmapRanges reads the segments of a TrueType font's Unicode BMP cmap
// (platform 3, encoding 1, format 4). A font it cannot read covers only
// printable ASCII, so that rendering still succeeds.
func cmapRanges(ttf []byte) glyphSet {
	ascii := glyphSet{{0x20, 0x7e}}
	u16 := func(off int) int {
		if off < 0 || off+2 > len(ttf) {
			return -1
		}
		return int(binary.BigEndian.Uint16(ttf[off:]))
	}
	u32 := func(off int) int {
		if off < 0 || off+4 > len(ttf) {
			return -1
		}
		return int(binary.BigEndian.Uint32(ttf[off:]))
	}
	cmap := -1
	for i, n := 0, u16(4); i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return ascii
		}
		if string(ttf[rec:rec+4]) == "cmap" {
			cmap = u32(rec + 8)
		}
	}
	if cmap < 0 {
		return ascii
	}
	sub := -1
	for i, n := 0, u16(cmap+2); i < n; i++ {
		rec := cmap + 4 + 8*i
		if u16(rec) == 3 && u16(rec+2) == 1 {
			sub = cmap + u32(rec+4)
		}
	}
	if sub < 0 || u16(sub) != 4 {
		return ascii
	}
	segs := u16(sub+6) / 2
	var set glyphSet
	for i := 0; i < segs; i++ {
		end, start := u16(sub+14+2*i), u16(sub+16+2*segs+2*i)
		if end < 0 || start < 0 || start > end || start == 0xffff {
			continue
		}
		set = append(set, [2]rune{rune(start), rune(end)})
	}
	if len(set) == 0 {
		return ascii
	}
	return set
}

func (g glyphSet) has(r rune) bool {
	for _, rg := range g {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// drawable replaces characters that any of the sets lacks with "?", and
// control characters other than line breaks with spaces.
func drawable(s string, sets ...glyphSet) string {
	ok := func(r rune) bool {
		for _, g := range sets {
			if !g.has(r) {
				return false
			}
		}
		return true
	}
	clean := true
	for _, r := range s {
		if r == '\n' || (r >= 0x20 && r < 0x7f) {
			continue
		}
		clean = false
		break
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t' || r == '\r' || r < 0x20:
			b.WriteByte(' ')
		case ok(r):
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// sanitize makes every text of the document drawable in the embedded fonts.
func sanitize(d *doc.Document) {
	sets := []glyphSet{cmapRanges(fontRegular), cmapRanges(fontBold), cmapRanges(fontItalic)}
	f := func(s string) string { return drawable(s, sets...) }
	d.Organisation, d.Unit, d.ReportName = f(d.Organisation), f(d.Unit), f(d.ReportName)
	d.Months, d.ReportDate, d.Notice = f(d.Months), f(d.ReportDate), f(d.Notice)
	cover := append([]doc.Fact(nil), d.Cover...)
	for i := range cover {
		cover[i].Label, cover[i].Value = f(cover[i].Label), f(cover[i].Value)
	}
	d.Cover = cover
	for i, b := range d.Blocks {
		switch b := b.(type) {
		case doc.Heading:
			b.Text, b.Outline = f(b.Text), f(b.Outline)
			d.Blocks[i] = b
		case doc.Paragraph:
			b.Text = f(b.Text)
			d.Blocks[i] = b
		case doc.List:
			items := append([]string(nil), b.Items...)
			for j := range items {
				items[j] = f(items[j])
			}
			b.Items = items
			d.Blocks[i] = b
		case doc.Status:
			b.Label, b.Word, b.Note = f(b.Label), f(b.Word), f(b.Note)
			d.Blocks[i] = b
		case doc.Table:
			b.Caption, b.Note = f(b.Caption), f(b.Note)
			cols := append([]doc.Column(nil), b.Columns...)
			for j := range cols {
				cols[j].Title = f(cols[j].Title)
			}
			rows := make([]doc.Row, len(b.Rows))
			for j, r := range b.Rows {
				cells := append([]doc.Cell(nil), r.Cells...)
				for k := range cells {
					cells[k].Text = f(cells[k].Text)
				}
				rows[j] = doc.Row{Kind: r.Kind, Cells: cells}
			}
			b.Columns, b.Rows = cols, rows
			d.Blocks[i] = b
		case doc.Chart:
			b.Title, b.Unit, b.Alt = f(b.Title), f(b.Unit), f(b.Alt)
			cats := append([]string(nil), b.Categories...)
			for j := range cats {
				cats[j] = f(cats[j])
			}
			series := append([]doc.Series(nil), b.Series...)
			for j := range series {
				series[j].Name = f(series[j].Name)
				labels := append([]string(nil), series[j].Labels...)
				for k := range labels {
					labels[k] = f(labels[k])
				}
				series[j].Labels = labels
			}
			refs := append([]doc.RefLine(nil), b.RefLines...)
			for j := range refs {
				refs[j].Name = f(refs[j].Name)
			}
			b.Categories, b.Series, b.RefLines = cats, series, refs
			d.Blocks[i] = b
		case doc.Spacer:
		default:
			panic(unknown("blocktyp", fmt.Sprintf("%T", b)))
		}
	}
}
