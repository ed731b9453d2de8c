package underlag

import (
	"bytes"
	"testing"
	"time"
)

// fuzzCheck runs Read on data and fails on what must never happen:
// a panic (recovered inside, so it shows as msgReaderFailed), nil Inputs,
// a problem without file or message, or a small input read slowly.
func fuzzCheck(t *testing.T, data []byte) {
	start := time.Now()
	in, probs := Read(bytes.NewReader(data), "underlag.xlsx", Options{})
	// A small input that takes long is a bug too: it would make validate
	// hang on a damaged file. The bound is loose for a shared machine.
	if d := time.Since(start); len(data) < 1<<20 && d > 10*time.Second {
		t.Fatalf("Read took %v on %d bytes", d, len(data))
	}
	if in == nil {
		t.Fatal("nil report.Inputs")
	}
	for _, p := range probs {
		if p.Message == msgReaderFailed {
			t.Fatalf("reader panicked: %s", p)
		}
		if p.File == "" || p.Message == "" {
			t.Fatalf("problem without file or message: %+v", p)
		}
	}
}

func FuzzUnderlag(f *testing.F) {
	var tmpl bytes.Buffer
	if err := WriteTemplate(&tmpl, 2026); err != nil {
		f.Fatal(err)
	}
	f.Add(tmpl.Bytes())
	f.Add(buildWorkbook(f, baseSheets()))
	f.Add([]byte{})
	f.Add([]byte("Rad;Årsbudget\nIntäkter;1 200\n"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	f.Add(zipOf(f, [2]string{"xl/workbook.xml", "<workbook/>"}))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzCheck(t, data) })
}

// FuzzUnderlagSheet fuzzes the XML of one worksheet inside a valid
// workbook: whole-file mutations rarely get past the zip checksums, so this
// is where excelize's parsing and the reader's cell rules get exercised.
func FuzzUnderlagSheet(f *testing.F) {
	base := buildWorkbook(f, with(baseSheets(), sheet{sheetPrognosis, [][]any{
		{"Titel"}, {"Period", "Rad", "Årsprognos (tkr)", "Årsprognos"},
		{"UR1", "Intäkter", formula("1+1"), nil}, {202604, "personalkostnader", "1 234,5", nil}, {"M13", "Netto", "x", nil}}}))
	const part = "xl/worksheets/sheet5.xml"
	var seed []byte
	rewritePart(f, base, part, func(b []byte) []byte { seed = b; return b })
	f.Add(seed)
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1048576"><c r="XFD1048576" t="s"><v>99</v></c></row></sheetData></worksheet>`))
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>Period</t></is></c><c t="b"><v>1</v></c><c t="e"><v>#REF!</v></c><c t="d"><v>2026-04-30T00:00:00</v></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, sheetXML []byte) {
		if len(sheetXML) > 1<<16 {
			return
		}
		fuzzCheck(t, rewritePart(t, base, part, func([]byte) []byte { return sheetXML }))
	})
}
