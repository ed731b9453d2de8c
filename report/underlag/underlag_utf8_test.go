package underlag

import (
	"bytes"
	"testing"

	"rapport/report"
	"rapport/report/problem"
)

// brokenText is a workbook whose Målbedömning has three assessments, the
// second's Analys in D3 being "Sådär ömsom." as a shared string.
func brokenText(t testing.TB) []byte {
	return buildWorkbook(t, with(baseSheets(), sheet{sheetAssess, [][]any{
		{"Nr", "Period", "Bedömning", "Analys"},
		{"1", "UR1", "Bedöms uppfyllas", "Bra."},
		{"2", "2026-04", "Delvis uppfyllt", "Sådär ömsom."},
		{"1", "UR2", "Bedöms uppfyllas", "Också bra."},
	}}))
}

// inlineD3 replaces the shared string cell D3 of Målbedömning with an
// inline string of the given bytes, inside a worksheet whose XML
// declaration is decl.
func inlineD3(t testing.TB, data []byte, decl, text string) []byte {
	return rewritePart(t, data, "xl/worksheets/sheet3.xml", func(b []byte) []byte {
		b = bytes.Replace(b, []byte(`<?xml version="1.0" encoding="UTF-8"?>`), []byte(decl), 1)
		cell := []byte(`<c r="D3" t="s"><v>25</v></c>`)
		if !bytes.Contains(b, cell) {
			t.Fatalf("no shared string cell D3 in %s", b)
		}
		return bytes.Replace(b, cell, []byte(`<c r="D3" t="inlineStr"><is><t>`+text+`</t></is></c>`), 1)
	})
}

// A byte that is not UTF-8 makes excelize's row iterator stop without an
// error: the rows after it were lost and the run ended as if nothing were
// wrong. Each such sheet is an error naming the cell.
func TestReadUnderlagInvalidUTF8(t *testing.T) {
	e := problem.Error
	valid := brokenText(t)
	utf8Decl := `<?xml version="1.0" encoding="UTF-8"?>`
	cases := []struct {
		name  string
		data  []byte
		want  []want // nil: no error
		check func(t *testing.T, in *report.Inputs)
	}{
		{name: "valid inline string", data: inlineD3(t, valid, utf8Decl, "Sådär"),
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Assessments) != 3 || in.Assessments[1].Analysis != "Sådär" {
					t.Errorf("assessments = %+v", in.Assessments)
				}
			}},
		{name: "inline string in Latin-1", data: inlineD3(t, valid, utf8Decl, "S\xe5d\xe4r"),
			want: []want{{e, sheetAssess, "D3", "bladet Målbedömning innehåller tecken som inte är giltig UTF-8"}}},
		{name: "inline string with a cut character", data: inlineD3(t, valid, utf8Decl, "S\xc3"),
			want: []want{{e, sheetAssess, "D3", "Öppna filen i Excel och spara den igen"}}},
		{name: "shared string not UTF-8", want: []want{{e, sheetAssess, "D3", "inte är giltig UTF-8"}},
			data: rewritePart(t, valid, "xl/sharedStrings.xml", func(b []byte) []byte {
				return bytes.Replace(b, []byte("ömsom"), []byte("\xf6msom"), 1)
			})},
		{name: "unused shared string not UTF-8", want: []want{{e, "", "", "arbetsbokens texter (xl/sharedStrings.xml) innehåller tecken som inte är giltig UTF-8"}},
			data: withElements(t, valid, "xl/sharedStrings.xml", "</sst>", "<si><t>\xff</t></si>", 1)},
		// A part that declares its encoding is converted by excelize's
		// decoder: its bytes are not UTF-8 and it is no error.
		{name: "sheet declared ISO-8859-1", data: inlineD3(t, valid, `<?xml version="1.0" encoding="ISO-8859-1"?>`, "S\xe5d\xe4r"),
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Assessments) != 3 || in.Assessments[1].Analysis != "Sådär" {
					t.Errorf("assessments = %+v", in.Assessments)
				}
			}},
		// Any other XML error stops the iterator the same way; the rows
		// read are compared with the scan's last filled row.
		{name: "undefined entity", data: inlineD3(t, valid, utf8Decl, "S&aring;d&auml;r"),
			want: []want{{e, sheetAssess, "", "läsningen tar slut vid rad 3, men bladet har uppgifter till och med rad 4"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, probs := read(t, c.data, Options{})
			checkProblems(t, probs, c.want, false)
			if c.want == nil && probs.HasErrors() {
				t.Errorf("unexpected errors:\n%s", dump(probs))
			}
			if c.want != nil && len(probs.Errors()) != 1 {
				t.Errorf("want exactly one error, got:\n%s", dump(probs))
			}
			if c.check != nil {
				c.check(t, in)
			}
		})
	}
}

func TestBadUTF8(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want int
	}{
		{"empty", "", -1},
		{"ascii", "<t>abc</t>", -1},
		{"swedish", "<t>åäö</t>", -1},
		{"latin-1", "<t>\xe5</t>", 3},
		{"cut at the end", "<t>\xc3", 3},
		{"surrogate", "<t>\xed\xa0\x80</t>", 3},
		{"utf-8 declared", `<?xml version="1.0" encoding="utf-8"?><t>` + "\xe5", 41},
		{"windows-1252 declared", `<?xml version="1.0" encoding='windows-1252'?><t>` + "\xe5", -1},
		{"utf-16 byte order mark", "\xff\xfe<\x00", -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := badUTF8([]byte(c.in)); got != c.want {
				t.Errorf("badUTF8(%q) = %d, want %d", c.in, got, c.want)
			}
		})
	}
}

// TestInlineTextBytes: the text of a sheet's <t> elements is counted with
// each entity as one byte, never more than the cells hold once read, so
// that the check before excelize refuses no sheet the count of its read
// cells would admit; other elements beginning with t are not text.
func TestInlineTextBytes(t *testing.T) {
	for _, tc := range []struct {
		xml  string
		want int
	}{
		{`<c t="inlineStr"><is><t>abc</t></is></c>`, 3},
		{`<c><is><t xml:space="preserve"> a </t></is></c><tableParts count="1"/><t/>`, 3},
		{`<t>a&amp;b&lt;&#x1F600;</t>`, 5},
		{`<t>a & b</t>`, 5},
		{`<t>unclosed`, 8},
	} {
		if got := inlineTextBytes([]byte(tc.xml)); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.xml, got, tc.want)
		}
	}
}
