package ledger

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"

	"rapport/report/money"
)

// rawXLSX builds a one-sheet workbook from sheet XML (the inside of
// sheetData) and shared strings, with cell formats 0 general, 1 a built-in
// date, 2 a custom date and 3 a custom number.
func rawXLSX(t testing.TB, sheetData string, shared []string, date1904 bool) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	put("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	put("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	pr := ""
	if date1904 {
		pr = `<workbookPr date1904="1"/>`
	}
	put("xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+pr+`<sheets><sheet name="Huvudbok" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`)
	put("xl/styles.xml", `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd;@"/><numFmt numFmtId="165" formatCode="#,##0 &quot;kr&quot;"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`)
	sst := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`
	for _, s := range shared {
		sst += "<si><t>" + s + "</t></si>"
	}
	put("xl/sharedStrings.xml", sst+"</sst>")
	put("xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+sheetData+`</sheetData></worksheet>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func read(t testing.TB, data []byte, name string) *Ledger {
	t.Helper()
	l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), name, Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	checkInvariants(t, l)
	return l
}

// checkInvariants holds for every ledger, however broken its file.
func checkInvariants(t testing.TB, l *Ledger) {
	t.Helper()
	if l.RowsRead != l.RowsSummed+l.BlankRows+l.ErrorRows+l.SummaryRows {
		t.Fatalf("RowsRead %d ≠ summed %d + blank %d + error %d", l.RowsRead, l.RowsSummed, l.BlankRows, l.ErrorRows)
	}
	var sum money.Amount
	rows := 0
	for _, b := range l.Buckets {
		sum += b.Amount
		rows += b.Rows
	}
	// A routed ledger's rows are in its units, or in no unit, or in two.
	for _, u := range l.Units {
		var us money.Amount
		ur := 0
		for _, b := range u.Buckets {
			us += b.Amount
			ur += b.Rows
		}
		if us != u.Total || ur != u.Rows {
			t.Fatalf("unit: Σ buckets %d over %d rows; Total %d over %d rows", us, ur, u.Total, u.Rows)
		}
		sum += us
		rows += ur
	}
	sum += l.noUnit.Amount + l.overlap.Amount
	rows += l.noUnit.Rows + l.overlap.Rows
	if sum != l.Total || rows != l.RowsSummed {
		t.Fatalf("Σ buckets %d over %d rows; Total %d over %d rows", sum, rows, l.Total, l.RowsSummed)
	}
	if l.ErrorRows > 0 && !l.Problems.HasErrors() {
		t.Fatalf("%d error rows but no error problem", l.ErrorRows)
	}
}

// checkProblemTexts holds a ledger's problems to the texts wanted: each
// must occur in some problem, and none is expected when none is wanted.
func checkProblemTexts(t *testing.T, l *Ledger, wants []string) {
	t.Helper()
	var texts []string
	for _, p := range l.Problems {
		texts = append(texts, p.String())
	}
	all := strings.Join(texts, "\n")
	for _, want := range wants {
		if !strings.Contains(all, want) {
			t.Errorf("no problem mentions %q; problems:\n%s", want, all)
		}
	}
	if len(wants) == 0 && len(l.Problems) > 0 {
		t.Errorf("unexpected problems:\n%s", all)
	}
}
