package tagged

import (
	"bytes"
	"encoding/binary"
	"os"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"rapport/fixtures/testkit"
)

// TestStrict holds the well tagged document, with an outline, against a
// strict PDF 1.7 reader, and checks its shape: object streams and a
// cross-reference stream, no classic table, every stream compressed but
// the XMP packet.
func TestStrict(t *testing.T) {
	out := sample(t, func(pdf *fpdf.Fpdf, tr *Tree) {
		wellTagged(pdf, tr)
		pdf.Bookmark("Rubrik", 0, 20)
		pdf.Bookmark("Underrubrik", 1, 100)
	})
	testkit.StrictPDF(t, out)
	if bytes.Contains(out, []byte("\nxref\n")) || bytes.Contains(out, []byte("trailer")) {
		t.Error("the file has a classic cross-reference table")
	}
	f, err := read(out)
	if err != nil {
		t.Fatal(err)
	}
	stms, streams := 0, 0
	for n, o := range f.objs {
		dict, _, ok, err := splitStream(o)
		if err != nil {
			t.Errorf("object %d: %v", n, err)
		}
		if !ok {
			continue
		}
		streams++
		if value(dict, "Type") == "/ObjStm" {
			stms++
		}
		if value(dict, "Filter") == "" && value(dict, "Type") != "/Metadata" {
			t.Errorf("stream %d is not compressed: %s", n, dict)
		}
	}
	if stms == 0 || value(f.trailer, "Type") != "/XRef" {
		t.Errorf("%d object streams, trailer %s", stms, f.trailer)
	}
	if plain := len(f.objs) - 1 - streams - 1; plain < 10 {
		t.Errorf("only %d objects outside streams", plain)
	}
}

// TestOutlineCounts gives fpdf's outline, whose counts are all 0, the
// counts of an open outline. One title's UTF-16 bytes read "/Count 0":
// the entry is edited, never the text.
func TestOutlineCounts(t *testing.T) {
	hostile := "\u2F43\u6F75\u6E74\u2030" // FE FF 2F 43 6F 75 6E 74 20 30: "/Count 0"
	entries := []struct {
		title string
		level int
		count string // "" for none
	}{
		{"A", 0, "3"}, {"B", 1, ""}, {"C", 1, "1"}, {hostile, 2, ""},
		{"E", 0, ""}, {"F", 0, "1"}, {"G", 1, ""},
	}
	out := sample(t, func(pdf *fpdf.Fpdf, tr *Tree) {
		pdf.AddPage()
		tr.Content([]*Elem{New("P")}, func() { pdf.Text(20, 20, "Text") })
		for i, e := range entries {
			pdf.Bookmark(e.title, e.level, float64(20+10*i))
		}
	})
	testkit.StrictPDF(t, out)
	f, err := read(out)
	if err != nil {
		t.Fatal(err)
	}
	top := ref(f.objs[f.root], "Outlines")
	if got := value(f.objs[top], "Count"); got != strconv.Itoa(len(entries)) {
		t.Errorf("outline root /Count %q, want %d", got, len(entries))
	}
	// fpdf numbers the entries in order.
	first := ref(f.objs[top], "First")
	for i, e := range entries {
		o := f.objs[first+i]
		if got := value(o, "Count"); got != e.count {
			t.Errorf("entry %d /Count %q, want %q: %s", i, got, e.count, o)
		}
	}
	if title := value(f.objs[first+3], "Title"); !strings.Contains(title, "/Count 0") {
		t.Errorf("the title that reads /Count 0 was changed: %q", title)
	}
}

// TestFontTables embeds subsets of many sizes: fpdf writes a cmap whose
// format 4 length is odd for some (the first check proves that the test
// meets the fault). Each embedded font must parse, its cmap subtable be
// of even length and fill its table, every table checksum and head's
// checkSumAdjustment be right, and every character map to the glyph of
// the same advance as in the whole font.
func TestFontTables(t *testing.T) {
	ttf, err := os.ReadFile("../fonts/LiberationSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	whole, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	alphabet := "abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789–−·…"
	odd := 0
	for k := 1; k <= len([]rune(alphabet)); k += 3 {
		text := string([]rune(alphabet)[:k])
		raw, out := sampleRaw(t, func(pdf *fpdf.Fpdf, tr *Tree) {
			pdf.AddPage()
			tr.Content([]*Elem{New("P")}, func() { pdf.Text(20, 20, text) })
		})
		for _, font := range fonts(t, raw, parse) {
			if l := cmapLength(t, font); l%2 == 1 {
				odd++
			}
		}
		fs := fonts(t, out, read)
		if len(fs) != 1 {
			t.Fatalf("%d fonts embedded, want 1", len(fs))
		}
		checkFont(t, fs[0], whole, text)
	}
	if odd == 0 {
		t.Error("fpdf wrote no cmap of odd length: the test no longer meets the fault it guards")
	}
}

// fonts are the TrueType programs a PDF embeds, read with readPDF.
func fonts(t *testing.T, pdf []byte, readPDF func([]byte) (*file, error)) [][]byte {
	t.Helper()
	f, err := readPDF(pdf)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, o := range f.objs {
		if value(o, "Type") != "/FontDescriptor" {
			continue
		}
		ff := ref(o, "FontFile2")
		dict, data, err := decoded(f.objs[ff])
		if err != nil {
			t.Fatalf("font program %d: %v", ff, err)
		}
		if l := value(dict, "Length1"); l != strconv.Itoa(len(data)) {
			t.Errorf("font program %d: /Length1 %s, %d bytes", ff, l, len(data))
		}
		out = append(out, data)
	}
	return out
}

// cmapLength is the length field of the font's first cmap subtable.
func cmapLength(t *testing.T, font []byte) int {
	t.Helper()
	_, tables, err := readSFNT(font)
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range tables {
		if tb.tag == "cmap" && len(tb.data) >= 16 {
			return int(binary.BigEndian.Uint16(tb.data[binary.BigEndian.Uint32(tb.data[8:])+2:]))
		}
	}
	t.Fatal("font has no cmap")
	return 0
}

func checkFont(t *testing.T, font []byte, whole *sfnt.Font, text string) {
	t.Helper()
	f, err := sfnt.Parse(font)
	if err != nil {
		t.Fatalf("embedded font does not parse: %v", err)
	}
	if s := checksum(font); s != 0xB1B0AFBA {
		t.Errorf("font checksum %08X, want B1B0AFBA", s)
	}
	n := int(binary.BigEndian.Uint16(font[4:]))
	for i := 0; i < n; i++ {
		r := font[12+16*i:]
		tag, sum := string(r[:4]), binary.BigEndian.Uint32(r[4:])
		off, size := binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])
		data := append([]byte(nil), font[off:off+size]...)
		if tag == "head" {
			binary.BigEndian.PutUint32(data[8:], 0)
		}
		if got := checksum(data); got != sum {
			t.Errorf("table %s: checksum %08X, directory says %08X", tag, got, sum)
		}
		if tag == "cmap" {
			sub := binary.BigEndian.Uint32(data[8:])
			l := binary.BigEndian.Uint16(data[sub+2:])
			segs := int(binary.BigEndian.Uint16(data[sub+6:])) / 2
			if l%2 != 0 || int(l) != 16+8*segs || sub+uint32(l) != size {
				t.Errorf("cmap subtable: length %d, %d segments, table of %d bytes from %d", l, segs, size, sub)
			}
		}
	}
	var b1, b2 sfnt.Buffer
	for _, r := range text {
		g, err := f.GlyphIndex(&b1, r)
		if err != nil || g == 0 {
			t.Errorf("%q: no glyph in the subset (%v)", r, err)
			continue
		}
		wg, _ := whole.GlyphIndex(&b2, r)
		a, err1 := f.GlyphAdvance(&b1, g, fixed.I(1000), 0)
		wa, err2 := whole.GlyphAdvance(&b2, wg, fixed.I(1000), 0)
		if err1 != nil || err2 != nil || a != wa {
			t.Errorf("%q: advance %v in the subset, %v in the font (%v, %v)", r, a, wa, err1, err2)
		}
	}
}

// TestAuditDamaged: a file cut short or with a byte changed is reported,
// never a panic.
func TestAuditDamaged(t *testing.T) {
	out := sample(t, wellTagged)
	for i := 0; i < len(out); i += len(out)/97 + 1 {
		cut := out[:i]
		if len(Audit(cut)) == 0 && i < len(out)-20 {
			t.Errorf("a file cut at %d of %d passes", i, len(out))
		}
		bent := append([]byte(nil), out...)
		bent[i] ^= 0x55
		Audit(bent)
	}
}
