package tagged

import (
	"fmt"
	"strconv"
	"strings"
)

// outlineCounts gives the outline the counts fpdf leaves at 0: every
// entry is open, so an entry with children counts its visible
// descendants, the outline's root all its entries, and a leaf has none
// (PDF 1.7, 12.3.3).
func outlineCounts(objs [][]byte, root int) error {
	top := ref(objs[root], "Outlines")
	if top <= 0 || top >= len(objs) {
		return nil
	}
	seen := map[int]bool{}
	// visible counts the entries from first on, with their descendants.
	var visible func(first, parent, depth int) (int, error)
	visible = func(first, parent, depth int) (int, error) {
		if depth > 64 {
			return 0, fmt.Errorf("tagged: outline deeper than 64 levels")
		}
		total := 0
		for n := first; n != 0; n = ref(objs[n], "Next") {
			if n < 0 || n >= len(objs) || seen[n] {
				return 0, fmt.Errorf("tagged: outline entry %d out of place", n)
			}
			seen[n] = true
			if p := ref(objs[n], "Parent"); p != parent {
				return 0, fmt.Errorf("tagged: outline entry %d has parent %d, not %d", n, p, parent)
			}
			below := 0
			if kid := ref(objs[n], "First"); kid != 0 {
				c, err := visible(kid, n, depth+1)
				if err != nil {
					return 0, err
				}
				below = c
			}
			if below > 0 {
				objs[n] = setEntry(objs[n], "Count", strconv.Itoa(below))
			} else {
				objs[n] = delEntry(objs[n], "Count")
			}
			total += 1 + below
		}
		return total, nil
	}
	all, err := visible(ref(objs[top], "First"), top, 0)
	if err != nil {
		return err
	}
	if all > 0 {
		objs[top] = setEntry(objs[top], "Count", strconv.Itoa(all))
	}
	return nil
}

// fixFonts rewrites every embedded TrueType font program with fixFont,
// stored plain (pack compresses it) with its /Length1, and names each
// font descriptor's family, which strict readers ask for.
func fixFonts(objs [][]byte) error {
	for n, o := range objs {
		if value(o, "Type") != "/FontDescriptor" {
			continue
		}
		ff := ref(o, "FontFile2")
		if ff <= 0 || ff >= len(objs) {
			continue
		}
		dict, data, ok, err := splitStream(objs[ff])
		if err != nil || !ok {
			return fmt.Errorf("tagged: font program %d: not a stream", ff)
		}
		switch f := value(dict, "Filter"); f {
		case "":
		case "/FlateDecode":
			if data, err = inflate(data); err != nil {
				return fmt.Errorf("tagged: font program %d: %v", ff, err)
			}
			dict = delEntry(dict, "Filter")
		default:
			return fmt.Errorf("tagged: font program %d has filter %s", ff, f)
		}
		font, err := fixFont(data)
		if err != nil {
			return fmt.Errorf("%w (object %d)", err, ff)
		}
		objs[ff] = streamBody(setEntry(dict, "Length1", strconv.Itoa(len(font))), font)
		if family := fontFamily(font); family != "" && value(o, "FontFamily") == "" {
			name := Text(family)
			if ascii([]byte(family)) {
				name = literal(family)
			}
			objs[n] = setEntry(o, "FontFamily", name)
		}
	}
	return nil
}

// literal is s as a PDF literal string.
func literal(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`, "\n", `\n`)
	return "(" + r.Replace(s) + ")"
}
