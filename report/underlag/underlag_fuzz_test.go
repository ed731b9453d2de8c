package underlag

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"rapport/report"
	"rapport/report/period"
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
	// Merged ranges (over data rows, the header, reversed and overlapping)
	// and formulas with an empty cached value, as openpyxl writes them.
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>Period</t></is></c><c r="B1" t="inlineStr"><is><t>Rad</t></is></c><c r="C1" t="inlineStr"><is><t>Årsprognos</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>UR1</t></is></c><c r="B2" t="inlineStr"><is><t>Intäkter</t></is></c><c r="C2"><f>1+1</f><v></v></c></row>` +
		`<row r="3"><c r="B3" t="inlineStr"><is><t>Netto</t></is></c><c r="C3"><f t="shared" si="0"/><v/></c></row></sheetData>` +
		`<mergeCells count="4"><mergeCell ref="A2:A3"/><mergeCell ref="C1:C2"/><mergeCell ref="B3:B2"/><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`))
	f.Fuzz(func(t *testing.T, sheetXML []byte) {
		if len(sheetXML) > 1<<16 {
			return
		}
		fuzzCheck(t, rewritePart(t, base, part, func([]byte) []byte { return sheetXML }))
	})
}

// FuzzSheetScan holds the byte scan of a worksheet (cached values, merged
// ranges, last row) on any XML: it never panics, every merged range spans
// rows downwards from a real cell, and every uncached cell has a name.
func FuzzSheetScan(f *testing.F) {
	f.Add([]byte(`<sheetData><row r="2"><c r="C2"><f>B2/12</f><v></v></c><c r="D2" t="str"><f>""</f><v/></c></row></sheetData><mergeCells><mergeCell ref="B2:B13"/><mergeCell ref="A1"/></mergeCells>`))
	f.Add([]byte(`<c r="C2"><f t="shared" si="0"/><v`))
	f.Add([]byte(`<mergeCell ref="XFD1:A1048576"/><mergeCell ref=":"/><c><v>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		uncached, _, ok := scanCells(b, map[int]bool{1: true})
		if ok {
			for cell := range uncached {
				if cell == "" {
					t.Fatal("uncached cell without a name")
				}
			}
		}
		for _, m := range mergedRanges(b) {
			if m.col < 1 || m.top < 1 || m.bottom <= m.top {
				t.Fatalf("merged range %+v", m)
			}
		}
		_ = lastFilledRow(b)
	})
}

// FuzzCellWords holds the readers of single cells changed for hand-filled
// workbooks: headers (months, a trailing plan year), periods by name and
// the template's example text. They never panic, and a period they read
// lies in the plan year or a year written in the cell.
func FuzzCellWords(f *testing.F) {
	for _, s := range []string{"Jan 2026", "jan.", "2026-01", "Budget jan", "Årsbudget 2026", "Uppföljningsrapport 1",
		"Månadsrapport mars", "Delår 1", "Exempel på åtgärder", "EXEMPEL –", "46112", "UR1 ", "–5 000", "Summa reinvesteringar"} {
		f.Add(s)
	}
	u := &underlagReader{in: &report.Inputs{Calendar: period.DefaultCalendar}, year: 2026}
	budget := &table{u: u, schema: schemaFor(sheetBudget)}
	f.Fuzz(func(t *testing.T, s string) {
		_ = budget.fieldNamed(fold(s))
		_ = looksLikeMonth(s)
		_ = isExampleText(s)
		_ = isSumText(s)
		if v, ok := parseNumber(s); ok && v != v {
			t.Fatalf("parseNumber(%q) = NaN", s)
		}
		if m, msg := u.parsePeriod(s); msg == "" && m.Year != 2026 && !strings.Contains(s, strconv.Itoa(m.Year)) && !strings.ContainsAny(s, "0123456789") {
			t.Fatalf("parsePeriod(%q) = %v without a year in the cell", s, m)
		}
	})
}
