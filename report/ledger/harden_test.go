package ledger

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// sheetsXLSX builds a workbook of named sheets from sheet XML (the inside
// of sheetData), with inline strings only.
func sheetsXLSX(t testing.TB, sheets ...[2]string) []byte {
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
	put("_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	var list, rels strings.Builder
	for i, s := range sheets {
		fmt.Fprintf(&list, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, s[0], i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
		put(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+s[1]+`</sheetData></worksheet>`)
	}
	put("xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`+list.String()+`</sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+rels.String()+`</Relationships>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// ledgerRows writes a header row and one row per amount (account 4010,
// period 202604), as inline-string sheet XML starting at row first.
func ledgerRows(first int, amounts ...string) string {
	var b strings.Builder
	is := func(ref, s string) string { return `<c r="` + ref + `" t="inlineStr"><is><t>` + s + `</t></is></c>` }
	fmt.Fprintf(&b, `<row r="%d">%s%s%s</row>`, first, is(fmt.Sprint("A", first), "Konto"), is(fmt.Sprint("B", first), "Period"), is(fmt.Sprint("C", first), "Belopp"))
	for i, a := range amounts {
		r := first + 1 + i
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>4010</v></c>%s<c r="C%d"><v>%s</v></c></row>`, r, r, is(fmt.Sprint("B", r), "202604"), r, a)
	}
	return b.String()
}

func TestEverySheetIsRead(t *testing.T) {
	other := `<row r="1"><c r="A1" t="inlineStr"><is><t>Anteckningar om exporten</t></is></c></row>`
	for _, tc := range []struct {
		name     string
		data     []byte
		sheet    string // Options.Sheet
		total    money.Amount
		counts   counts
		perSheet []SheetCount // Ledger.Sheets, names and counts only
		problems []string
		read     string // Ledger.Sheet
	}{
		{name: "export split over two sheets",
			data:  sheetsXLSX(t, [2]string{"Blad1", ledgerRows(1, "100", "200")}, [2]string{"Blad2", ledgerRows(1, "300")}),
			total: 60000, counts: counts{3, 3, 0, 0}, read: "Blad1",
			perSheet: []SheetCount{{Name: "Blad1", RowsRead: 2, RowsSummed: 2, Total: 30000}, {Name: "Blad2", RowsRead: 1, RowsSummed: 1, Total: 30000}}},
		{name: "second sheet with other content is a warning",
			data:  sheetsXLSX(t, [2]string{"Huvudbok", ledgerRows(1, "100")}, [2]string{"Info", other}),
			total: 10000, counts: counts{1, 1, 0, 0}, read: "Huvudbok",
			problems: []string{`Info: bladet har ingen rubrikrad för huvudboken och läses inte`}},
		{name: "first sheet with other content, ledger on the second",
			data:  sheetsXLSX(t, [2]string{"Info", other}, [2]string{"Huvudbok", ledgerRows(3, "-100")}),
			total: -10000, counts: counts{1, 1, 0, 0}, read: "Huvudbok",
			problems: []string{`Info: bladet har ingen rubrikrad`}},
		{name: "an empty sheet is passed over",
			data:  sheetsXLSX(t, [2]string{"Huvudbok", ledgerRows(1, "100")}, [2]string{"Tomt", ""}),
			total: 10000, counts: counts{1, 1, 0, 0}, read: "Huvudbok"},
		{name: "a named sheet is read alone",
			data:  sheetsXLSX(t, [2]string{"Blad1", ledgerRows(1, "100", "200")}, [2]string{"Blad2", ledgerRows(1, "300")}),
			sheet: "Blad2", total: 30000, counts: counts{1, 1, 0, 0}, read: "Blad2"},
		{name: "no sheet has a header",
			data:   sheetsXLSX(t, [2]string{"Info", other}, [2]string{"Mer", other}),
			counts: counts{}, read: "Info",
			problems: []string{"Info: hittar ingen rubrikrad"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Read(context.Background(), bytes.NewReader(tc.data), int64(len(tc.data)), "huvudbok.xlsx", Options{Sheet: tc.sheet})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, l)
			if got := (counts{l.RowsRead, l.RowsSummed, l.BlankRows, l.ErrorRows}); got != tc.counts || l.Total != tc.total {
				t.Errorf("counts %v total %d, want %v %d", got, l.Total, tc.counts, tc.total)
			}
			if l.Sheet != tc.read {
				t.Errorf("Sheet = %q, want %q", l.Sheet, tc.read)
			}
			if fmt.Sprint(l.Sheets) != fmt.Sprint(tc.perSheet) {
				t.Errorf("Sheets = %+v, want %+v", l.Sheets, tc.perSheet)
			}
			assertProblems(t, l, tc.problems)
		})
	}
}

// assertProblems checks that each wanted text occurs in some problem, and
// that there are no problems when none are wanted.
func assertProblems(t *testing.T, l *Ledger, want []string) {
	t.Helper()
	var texts []string
	for _, p := range l.Problems {
		texts = append(texts, p.String())
	}
	all := strings.Join(texts, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("no problem mentions %q; problems:\n%s", w, all)
		}
	}
	if len(want) == 0 && len(l.Problems) > 0 {
		t.Errorf("unexpected problems:\n%s", all)
	}
}

// unclosedQuoteCSV is a ledger export of n rows whose second row's Text
// opens a quote that never closes: a reader that follows the quote joins
// every later line to that row.
func unclosedQuoteCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Konto;Period;Belopp;Text\n")
	for i := 0; i < n; i++ {
		text := "Förbrukningsmaterial enligt faktura"
		if i == 0 {
			text = `"Kaffe`
		}
		fmt.Fprintf(&b, "4010;202604;-%d,50;%s\n", i%1000+1, text)
	}
	return b.Bytes()
}

func TestQuoteAcrossLines(t *testing.T) {
	const big = 100000 // about 5 MB: joining lines one by one is quadratic
	var bigTotal money.Amount
	for i := 0; i < big; i++ {
		bigTotal -= money.Amount((i%1000+1)*100 + 50)
	}
	for _, tc := range []struct {
		name     string
		data     string
		total    money.Amount
		counts   counts
		problems []string
	}{
		{name: "a stray quote up to a later quote swallows nothing",
			data:  "Konto;Period;Belopp;Text\n4010;202604;100;\"Kaffe\n4010;202604;200;mat\n4010;202604;300;Bildskärm 24\" Dell\n4010;202604;400;x\n",
			total: 100000, counts: counts{4, 4, 0, 0},
			problems: []string{"huvudbok.csv: rad 2–4: ett citattecken i början av ett fält på rad 2 avslutas först på rad 4"}},
		{name: "a quote that never closes",
			data:  "Konto;Period;Belopp;Text\n4010;202604;100;x\n4010;202604;200;\"mat\n4010;202604;300;y\n",
			total: 60000, counts: counts{3, 3, 0, 0},
			problems: []string{"rad 3–4: ett citattecken i början av ett fält på rad 3 avslutas aldrig"}},
		{name: "quotes that close on their line are no span",
			data:  "Konto;Period;Belopp;Text\n4010;202604;\"1 000,00\";\"a \"\"b\"\" c\"\n4010;202604;1;Bildskärm 24\" Dell\n",
			total: 100100, counts: counts{2, 2, 0, 0}},
		{name: "a multi-megabyte file with an unclosed quote, in linear time",
			data:  string(unclosedQuoteCSV(big)),
			total: bigTotal, counts: counts{big, big, 0, 0},
			problems: []string{fmt.Sprintf("rad 2–%d: ett citattecken i början av ett fält på rad 2 avslutas aldrig", big+1)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := read(t, []byte(tc.data), "huvudbok.csv")
			if got := (counts{l.RowsRead, l.RowsSummed, l.BlankRows, l.ErrorRows}); got != tc.counts || l.Total != tc.total {
				t.Errorf("counts %v total %d, want %v %d", got, l.Total, tc.counts, tc.total)
			}
			assertProblems(t, l, tc.problems)
			if len(tc.problems) > 0 && !l.Problems.HasErrors() {
				t.Errorf("a quote across lines must be an error: %v", l.Problems)
			}
		})
	}
}

// BenchmarkUnclosedQuote reads a 5 MB export whose second row opens a
// quote that never closes.
func BenchmarkUnclosedQuote(b *testing.B) {
	data := unclosedQuoteCSV(100000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), "huvudbok.csv", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSumsDoNotWrap(t *testing.T) {
	// 999 999 999 999 999 kr is within the per-row bound; 93 such rows
	// pass int64, and the 93rd would turn a cost into a large income.
	const big = "999999999999999"
	row := func(sign string) string { return "4010;202604;" + sign + big + "\n" }
	one := money.Amount(99999999999999900)
	for _, tc := range []struct {
		name     string
		rows     []string
		total    money.Amount
		counts   counts
		problems []string
	}{
		{name: "92 rows fit",
			rows: repeat(row(""), 92), total: 92 * one, counts: counts{92, 92, 0, 0}},
		{name: "the 93rd row is an error naming the row",
			rows: repeat(row(""), 93), total: 92 * one, counts: counts{93, 92, 0, 1},
			problems: []string{"rad 94, kolumn Belopp", "för stor för att räknas exakt"}},
		{name: "opposite signs count by size too",
			rows: append(repeat(row(""), 46), repeat(row("-"), 47)...), total: 0, counts: counts{93, 92, 0, 1},
			problems: []string{"rad 94, kolumn Belopp"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := read(t, []byte("Konto;Period;Belopp\n"+strings.Join(tc.rows, "")), "huvudbok.csv")
			if got := (counts{l.RowsRead, l.RowsSummed, l.BlankRows, l.ErrorRows}); got != tc.counts || l.Total != tc.total {
				t.Errorf("counts %v total %d, want %v %d", got, l.Total, tc.counts, tc.total)
			}
			assertProblems(t, l, tc.problems)
		})
	}
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func TestSubOreAmountsWarn(t *testing.T) {
	for _, tc := range []struct {
		name     string
		data     []byte
		file     string
		total    money.Amount
		problems []string
	}{
		{name: "one warning names the first row and counts the rest",
			data:     []byte("Konto;Period;Belopp\n4010;202604;1,50\n4010;202604;12,345\n4010;202604;1.234\n4010;202604;-7,1239\n"),
			total:    150 + 1235 + 123 - 712,
			problems: []string{`rad 3, kolumn Belopp: "12,345" beloppet har fler decimaler än ören och avrundas till hela ören, liksom 2 belopp till`}},
		{name: "tkr allows five decimals",
			data:  []byte("Konto;Period;Belopp (tkr)\n4010;202604;1,23456\n"),
			total: 123456},
		{name: "thousands groups are no decimals",
			data:  []byte("Konto;Period;Belopp\n4010;202604;1 234\n4010;202604;\"1.234,50\"\n4010;202604;(12,30)\n"),
			total: 123400 + 123450 - 1230},
		{name: "a text cell in a workbook",
			file:     "huvudbok.xlsx",
			data:     sheetsXLSX(t, [2]string{"Blad1", strings.Replace(ledgerRows(1, "1"), `<c r="C2"><v>1</v></c>`, `<c r="C2" t="inlineStr"><is><t>2,005</t></is></c>`, 1)}),
			total:    201,
			problems: []string{`Blad1!C2: "2,005" beloppet har fler decimaler än ören`}},
		{name: "a number cell's float digits are no warning",
			file:  "huvudbok.xlsx",
			data:  sheetsXLSX(t, [2]string{"Blad1", ledgerRows(1, "0.30000000000000004")}),
			total: 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := tc.file
			if name == "" {
				name = "huvudbok.csv"
			}
			l := read(t, tc.data, name)
			if l.Total != tc.total {
				t.Errorf("Total = %d, want %d", l.Total, tc.total)
			}
			assertProblems(t, l, tc.problems)
			if l.Problems.HasErrors() {
				t.Errorf("sub-öre amounts are a warning, not an error: %v", l.Problems)
			}
		})
	}
}

func TestNotAWorkbookIsOneError(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"a PDF named .xlsx", "huvudbok.xlsx", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), "filen är en PDF"},
		{"a binary file named .xlsx", "huvudbok.xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "varken en Excel-arbetsbok"},
		{"a web page named .xls", "huvudbok.xls", []byte("<html><table><tr><td>Konto</td></tr></table></html>"), "webbsida"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := read(t, tc.data, tc.file)
			if len(l.Problems) != 1 || l.Problems[0].Severity != problem.Error || !strings.Contains(l.Problems[0].String(), tc.want) {
				t.Errorf("want one error mentioning %q, got %v", tc.want, l.Problems)
			}
		})
	}
}

func TestHostileWorkbookMessages(t *testing.T) {
	deepWorkbook := sheetsXLSX(t, [2]string{"Blad1", ledgerRows(1, "1")})
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zr, _ := zip.NewReader(bytes.NewReader(deepWorkbook), int64(len(deepWorkbook)))
	for _, f := range zr.File {
		w, _ := zw.Create(f.Name)
		rc, _ := f.Open()
		var part bytes.Buffer
		part.ReadFrom(rc)
		rc.Close()
		body := part.Bytes()
		if f.Name == "xl/workbook.xml" {
			body = bytes.Replace(body, []byte("<sheets>"), []byte(strings.Repeat("<a>", 100000)+"<sheets>"), 1)
		}
		w.Write(body)
	}
	zw.Close()
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"cells out of column order",
			sheetsXLSX(t, [2]string{"Blad1", ledgerRows(1, "1") + `<row r="3">` + strings.Repeat(`<c r="B3"><v>1</v></c>`, 100000) + `</row>`}),
			"huvudbok.xlsx: Blad1!B3: cellen står inte till höger om cellen före den i raden"},
		{"a row of too much text",
			sheetsXLSX(t, [2]string{"Blad1", ledgerRows(1, "1") + `<row r="3">` + strings.Repeat(`<c t="inlineStr"><is><t>`+strings.Repeat("x", 1<<20-1)+`</t></is></c>`, 20) + `</row>`}),
			"huvudbok.xlsx: Blad1, rad 3: raden har orimligt mycket text (över 16 MB)"},
		{"a sheet nesting deep",
			sheetsXLSX(t, [2]string{"Blad1", ledgerRows(1, "1") + `<row r="3">` + strings.Repeat("<a>", 100000) + `</row>`}),
			"huvudbok.xlsx: blad Blad1: filen är trasig (för djup nästling: över 256 nivåer av XML-element)"},
		{"a workbook part nesting deep", b.Bytes(),
			"huvudbok.xlsx: filen är trasig (för djup nästling: över 256 nivåer av XML-element) och läses inte"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := read(t, tc.data, "huvudbok.xlsx")
			errs := l.Problems.Errors()
			if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), tc.want) {
				t.Errorf("want one error starting %q, got:\n%v", tc.want, l.Problems)
			}
		})
	}
}

func TestSIESumsDoNotWrap(t *testing.T) {
	// Balanced vouchers of ±9 999 999 999 999,99 kr, the most an SIE
	// amount may be: account 4010 alone passes int64 at the 9 224th.
	const n, fit = 9300, 4611 // fit: vouchers whose Σ|amount| stays within int64
	var b strings.Builder
	b.WriteString(sieHead)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "#VER A %d 20260315 \"\"\n{\n#TRANS 4010 {} 9999999999999.99\n#TRANS 1930 {} -9999999999999.99\n}\n", i)
	}
	l := read(t, []byte(b.String()), "huvudbok.se")
	one := money.Amount(999999999999999)
	if got := l.Buckets[Key{Account: "4010", Month: period.Month{Year: 2026, Month: 3}}].Amount; got != fit*one {
		t.Errorf("4010 = %d, want %d", got, fit*one)
	}
	if l.RowsSummed != 2*fit || l.ErrorRows != 2*(n-fit) {
		t.Errorf("summed %d, error rows %d; want %d and %d", l.RowsSummed, l.ErrorRows, 2*fit, 2*(n-fit))
	}
	assertProblems(t, l, []string{"verifikation A 4612 den 2026-03-15 gör huvudbokens summa för stor för att räknas exakt"})
}

// TestHostileCSVLines: a line longer than a workbook row may hold, or with
// more fields than a sheet has columns, ends the file with an error naming
// the line. 16 million empty fields took 3 GB before the field bound.
func TestHostileCSVLines(t *testing.T) {
	head := "Konto;Ansvar;Period;Belopp;Text\n4010;100;2026-01;5;ok\n"
	for _, tc := range []struct {
		name, line, want string
	}{
		{"a line over 16 MB", "4010;100;2026-01;5;\"" + strings.Repeat("x", maxRecord) + "\"",
			"huvudbok.csv: rad 3: raden är orimligt lång (över 16 MB)"},
		{"16 385 fields", "4010;100;2026-01;5" + strings.Repeat(";", maxFields), "huvudbok.csv: rad 3: raden har orimligt många fält (över 16 384)"},
		{"16 385 fields with a quote", "4010;100;2026-01;5;\"a\"" + strings.Repeat(";", maxFields), "huvudbok.csv: rad 3: raden har orimligt många fält (över 16 384)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := read(t, []byte(head+tc.line+"\n4010;100;2026-02;5;ok\n"), "huvudbok.csv")
			errs := l.Problems.Errors()
			if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), tc.want) {
				t.Errorf("want one error starting %q, got:\n%v", tc.want, l.Problems)
			}
		})
	}
	// At the bound, the line is read.
	l := read(t, []byte(head+"4010;100;2026-01;5"+strings.Repeat(";", maxFields-4)+"\n"), "huvudbok.csv")
	if l.Problems.HasErrors() {
		t.Errorf("16 384 fields: %v", l.Problems)
	}
}
