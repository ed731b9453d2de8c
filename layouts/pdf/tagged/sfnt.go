package tagged

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"unicode/utf16"
)

// fpdf's subsetter writes a TrueType font whose cmap subtable (format 4)
// gives a length that is not its size: 16 + 8·segments + glyphs + 1
// bytes, odd for an even number of glyphs, where the glyph index array it
// appends (and never uses, since every idRangeOffset is 0) takes twice
// that. PDF/A-2 (6.2.11.2) wants embedded font programs that follow the
// TrueType specification, and a strict reader refuses the length. fixFont
// reads the mapping back and writes the font anew: the cmap as one
// format 4 subtable of segments with deltas, every table padded to four
// bytes, the table directory sorted with its search fields, each table's
// checksum and head's checkSumAdjustment computed.

// sfntTable is one table of a TrueType font.
type sfntTable struct {
	tag  string
	data []byte
}

// readSFNT splits a TrueType font into its tables.
func readSFNT(b []byte) (version uint32, tables []sfntTable, err error) {
	if len(b) < 12 {
		return 0, nil, errors.New("tagged: font too short")
	}
	version = binary.BigEndian.Uint32(b)
	if version != 0x00010000 && version != 0x74727565 { // 'true'
		return 0, nil, fmt.Errorf("tagged: not a TrueType font (version %08x)", version)
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return 0, nil, errors.New("tagged: font table directory cut short")
	}
	for i := 0; i < n; i++ {
		r := b[12+16*i:]
		off, size := int(binary.BigEndian.Uint32(r[8:])), int(binary.BigEndian.Uint32(r[12:]))
		if off < 0 || size < 0 || off > len(b) || size > len(b)-off {
			return 0, nil, fmt.Errorf("tagged: font table %q outside the font", r[:4])
		}
		tables = append(tables, sfntTable{string(r[:4]), b[off : off+size]})
	}
	return version, tables, nil
}

// fixFont rewrites a TrueType font program with a valid cmap and right
// checksums. The glyphs, metrics and every other table are kept as they
// are.
func fixFont(b []byte) ([]byte, error) {
	version, tables, err := readSFNT(b)
	if err != nil {
		return nil, err
	}
	for i, t := range tables {
		if t.tag == "cmap" {
			m, err := readCmap(t.data)
			if err != nil {
				return nil, err
			}
			tables[i].data = cmapTable(m)
		}
	}
	return writeSFNT(version, tables)
}

// readCmap reads the Unicode mapping of a cmap table from its format 4
// subtable for Windows Unicode (3,1) or, lacking that, Unicode (0,*).
// Its arrays are read up to the end of the table, not to the subtable's
// own length, which is the value fpdf gets wrong.
func readCmap(t []byte) (map[uint16]uint16, error) {
	if len(t) < 4 {
		return nil, errors.New("tagged: cmap too short")
	}
	n := int(binary.BigEndian.Uint16(t[2:]))
	if len(t) < 4+8*n {
		return nil, errors.New("tagged: cmap encoding records cut short")
	}
	best, bestRank := -1, 0
	for i := 0; i < n; i++ {
		r := t[4+8*i:]
		platform, encoding := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:])
		off := int(binary.BigEndian.Uint32(r[4:]))
		if off+2 > len(t) || binary.BigEndian.Uint16(t[off:]) != 4 {
			continue
		}
		rank := 0
		switch {
		case platform == 3 && encoding == 1:
			rank = 2
		case platform == 0:
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = off, rank
		}
	}
	if best < 0 {
		return nil, errors.New("tagged: font has no Unicode cmap of format 4")
	}
	s := t[best:]
	if len(s) < 14 {
		return nil, errors.New("tagged: cmap subtable cut short")
	}
	segs := int(binary.BigEndian.Uint16(s[6:])) / 2
	if len(s) < 16+8*segs {
		return nil, errors.New("tagged: cmap segments cut short")
	}
	u16 := func(at int) uint16 { return binary.BigEndian.Uint16(s[at:]) }
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	m := map[uint16]uint16{}
	for i := 0; i < segs; i++ {
		end, start := u16(ends+2*i), u16(starts+2*i)
		delta, ro := u16(deltas+2*i), int(u16(ranges+2*i))
		if start > end {
			return nil, fmt.Errorf("tagged: cmap segment %d starts after its end", i)
		}
		for c := int(start); c <= int(end); c++ {
			if c == 0xFFFF {
				break
			}
			g := uint16(c) + delta
			if ro != 0 {
				at := ranges + 2*i + ro + 2*(c-int(start))
				if at+2 > len(s) {
					return nil, fmt.Errorf("tagged: cmap glyph index of U+%04X outside the table", c)
				}
				if g = u16(at); g != 0 {
					g += delta
				}
			}
			if g != 0 {
				m[uint16(c)] = g
			}
		}
	}
	return m, nil
}

// cmapTable is a cmap table with one subtable (3,1) of format 4: a
// segment for each run of codes whose glyphs follow one another, mapped
// by its delta, and the final segment for U+FFFF.
func cmapTable(m map[uint16]uint16) []byte {
	codes := make([]int, 0, len(m))
	for c := range m {
		codes = append(codes, int(c))
	}
	sort.Ints(codes)
	type seg struct{ start, end, glyph int }
	var segs []seg
	for _, c := range codes {
		g := int(m[uint16(c)])
		if k := len(segs) - 1; k >= 0 && segs[k].end == c-1 && segs[k].glyph+c-segs[k].start == g {
			segs[k].end = c
			continue
		}
		segs = append(segs, seg{c, c, g})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 0}) // its delta is 1
	n := len(segs)
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= n {
		searchRange *= 2
		entrySelector++
	}
	searchRange *= 2
	length := 16 + 8*n
	out := make([]byte, 0, 12+length)
	put := func(v ...int) {
		for _, x := range v {
			out = binary.BigEndian.AppendUint16(out, uint16(x))
		}
	}
	put(0, 1)                                                           // version, one encoding record
	put(3, 1, 0, 12)                                                    // Windows Unicode BMP, at offset 12
	put(4, length, 0, 2*n, searchRange, entrySelector, 2*n-searchRange) // format 4 header
	for _, s := range segs {
		put(s.end)
	}
	put(0) // reservedPad
	for _, s := range segs {
		put(s.start)
	}
	for _, s := range segs {
		put((s.glyph - s.start) & 0xFFFF)
	}
	for range segs {
		put(0) // idRangeOffset
	}
	return out
}

// writeSFNT assembles a TrueType font: the table directory sorted by tag
// with its binary search fields, each table at a four-byte boundary with
// its checksum, and head's checkSumAdjustment.
func writeSFNT(version uint32, tables []sfntTable) ([]byte, error) {
	sort.Slice(tables, func(i, j int) bool { return tables[i].tag < tables[j].tag })
	n := len(tables)
	pow, log := 1, 0
	for pow*2 <= n {
		pow *= 2
		log++
	}
	out := binary.BigEndian.AppendUint32(nil, version)
	out = binary.BigEndian.AppendUint16(out, uint16(n))
	out = binary.BigEndian.AppendUint16(out, uint16(16*pow))
	out = binary.BigEndian.AppendUint16(out, uint16(log))
	out = binary.BigEndian.AppendUint16(out, uint16(16*n-16*pow))
	off := 12 + 16*n
	head := -1
	for i, t := range tables {
		data := t.data
		if t.tag == "head" {
			if len(data) < 12 {
				return nil, errors.New("tagged: font head table too short")
			}
			data = append([]byte(nil), data...)
			binary.BigEndian.PutUint32(data[8:], 0)
			tables[i].data = data
			head = off
		}
		out = append(out, t.tag...)
		out = binary.BigEndian.AppendUint32(out, checksum(data))
		out = binary.BigEndian.AppendUint32(out, uint32(off))
		out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
		off += (len(data) + 3) &^ 3
	}
	for _, t := range tables {
		out = append(out, t.data...)
		out = append(out, make([]byte, (4-len(t.data)%4)%4)...)
	}
	if head < 0 {
		return nil, errors.New("tagged: font has no head table")
	}
	binary.BigEndian.PutUint32(out[head+8:], 0xB1B0AFBA-checksum(out))
	return out, nil
}

// checksum is the TrueType checksum: the sum of the data's big-endian
// 32-bit words, the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}

// fontFamily is the font's family name (name ID 1) from its name table,
// "" if it has none that can be read.
func fontFamily(font []byte) string {
	_, tables, err := readSFNT(font)
	if err != nil {
		return ""
	}
	for _, t := range tables {
		if t.tag != "name" || len(t.data) < 6 {
			continue
		}
		d := t.data
		count, store := int(binary.BigEndian.Uint16(d[2:])), int(binary.BigEndian.Uint16(d[4:]))
		mac := ""
		for i := 0; i < count && 6+12*i+12 <= len(d); i++ {
			r := d[6+12*i:]
			platform, encoding, id := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[2:]), binary.BigEndian.Uint16(r[6:])
			size, at := int(binary.BigEndian.Uint16(r[8:])), store+int(binary.BigEndian.Uint16(r[10:]))
			if id != 1 || at+size > len(d) {
				continue
			}
			s := d[at : at+size]
			switch {
			case platform == 3 && encoding == 1 && size%2 == 0:
				u := make([]uint16, size/2)
				for k := range u {
					u[k] = binary.BigEndian.Uint16(s[2*k:])
				}
				return string(utf16.Decode(u))
			case platform == 1 && encoding == 0 && mac == "" && ascii(s):
				mac = string(s)
			}
		}
		return mac
	}
	return ""
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}
