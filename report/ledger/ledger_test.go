package ledger

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

func apr(y int) period.Month { return period.Month{Year: y, Month: time.April} }

// counts are RowsRead, RowsSummed, BlankRows, ErrorRows.
type counts [4]int

type ledgerCase struct {
	name     string
	file     string // name given to Read
	data     []byte
	total    money.Amount
	counts   counts
	buckets  map[Key]money.Amount // checked when set
	problems []string             // each must occur in some problem's text
	warnOnly bool                 // problems are warnings, no errors
	project  bool
}

func runCases(t *testing.T, cases []ledgerCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			name := tc.file
			if name == "" {
				name = "huvudbok.csv"
			}
			l := read(t, tc.data, name)
			got := counts{l.RowsRead, l.RowsSummed, l.BlankRows, l.ErrorRows}
			if got != tc.counts {
				t.Errorf("counts (read, summed, blank, error) = %v, want %v", got, tc.counts)
			}
			if l.Total != tc.total {
				t.Errorf("Total = %d, want %d", l.Total, tc.total)
			}
			for k, want := range tc.buckets {
				if got := l.Buckets[k].Amount; got != want {
					t.Errorf("bucket %+v = %d, want %d (buckets %v)", k, got, want, l.Buckets)
				}
			}
			if tc.project != l.HasProject {
				t.Errorf("HasProject = %v", l.HasProject)
			}
			checkProblemTexts(t, l, tc.problems)
			if tc.warnOnly && l.Problems.HasErrors() {
				t.Errorf("errors where only warnings were expected:\n%v", l.Problems)
			}
		})
	}
}

func cp1252(t testing.TB, s string) []byte {
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCSV(t *testing.T) {
	k := func(acc string, m period.Month, proj string) Key { return Key{Account: acc, Month: m, Project: proj} }
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("Konto\tPeriod\tBelopp\r\n4010\t202604\t12,50\r\n"))
	runCases(t, []ledgerCase{
		{name: "semicolons and Swedish amounts",
			data:  []byte("Konto;Period;Belopp\n4010;202604;1 234,50\n4010;2026-04;-234,50\n3010;2026-05;−1 000\n"),
			total: -100000 + 100000, counts: counts{3, 3, 0, 0},
			buckets: map[Key]money.Amount{k("4010", apr(2026), ""): 100000, k("3010", period.Month{Year: 2026, Month: time.May}, ""): -100000}},
		{name: "commas and plain amounts",
			data:  []byte("Account,Period,Amount\r\n4010,202604,1234.5\r\n4010,202604,\"1,000.25\"\r\n"),
			total: 223475, counts: counts{2, 2, 0, 0}},
		{name: "tabs and a date column",
			data:  []byte("Konto\tBokföringsdatum\tBelopp\n4010\t2026-04-30\t10\n"),
			total: 1000, counts: counts{1, 1, 0, 0}, buckets: map[Key]money.Amount{k("4010", apr(2026), ""): 1000}},
		{name: "UTF-8 with BOM and a month word",
			data:  []byte("\ufeffKonto;Månad;Belopp\n4010;april 2026;5\n"),
			total: 500, counts: counts{1, 1, 0, 0}, buckets: map[Key]money.Amount{k("4010", apr(2026), ""): 500}},
		{name: "Windows-1252 with no-break spaces and Swedish dates",
			data:  cp1252(t, "Kontonr;Bokföringsdatum;Belopp\n4010;30.04.2026;1\u00a0000,00\n"),
			total: 100000, counts: counts{1, 1, 0, 0}},
		{name: "UTF-16 from Excel's Unicode text",
			data:  utf16,
			total: 1250, counts: counts{1, 1, 0, 0}},
		{name: "title rows above the header and a unit in tkr",
			data:  []byte("Huvudbok Region Halland\nUtskriven 2026-05-02;;\n\nKonto;Bokföringsdatum;Belopp (tkr)\n4010;2026-04-30;1,5\n"),
			total: 150000, counts: counts{1, 1, 0, 0}},
		{name: "unit in mnkr",
			data:  []byte("Konto;Period;Utfall (mnkr)\n4010;202604;-0,25\n"),
			total: -25000000, counts: counts{1, 1, 0, 0}},
		{name: "headers in any case with spaces",
			data:  []byte("  KONTO ;  period ;  Belopp SEK  ;Okänd\n4010;202604;7;x\n"),
			total: 700, counts: counts{1, 1, 0, 0}},
		{name: "Summa row that adds up is verified, never summed",
			data:  []byte("Konto;Period;Belopp\n4010;202604;100\nSumma;;100\n"),
			total: 10000, counts: counts{2, 1, 0, 0}},
		{name: "Summa row that does not add up is an error",
			data:  []byte("Konto;Period;Belopp\n4010;202604;100\nSumma;;101\n"),
			total: 10000, counts: counts{2, 1, 0, 1},
			problems: []string{`rad 3, kolumn Belopp: "101" summeringsraden "Summa" har beloppet 101,00 kr, men raderna sedan föregående summeringsrad summerar till 100,00 kr`}},
		{name: "Totalt row with nothing above",
			data:     []byte("Konto;Period;Belopp\nTotalt;202604;100\n"),
			counts:   counts{1, 0, 0, 1},
			problems: []string{`summeringsraden "Totalt" har beloppet 100,00 kr`}},
		{name: "text that is no summary is no account",
			data:  []byte("Konto;Period;Belopp\n4010;202604;100\nSaldo;;100\n"),
			total: 10000, counts: counts{2, 1, 0, 1},
			problems: []string{`rad 3, kolumn Konto: "Saldo" är inget kontonummer`}},
		{name: "blank rows are counted and skipped",
			data:  []byte("Konto;Period;Belopp\n4010;202604;1\n;;\n\n  ; ;\n4010;202604;2\n"),
			total: 300, counts: counts{5, 2, 3, 0}},
		{name: "quoted fields with delimiters and quotes",
			data:  []byte("\"Konto\";\"Period\";\"Belopp\";\"Text\"\n\"4010\";\"202604\";\"1 234,50\";\"a;b \"\"c\"\"\"\n"),
			total: 123450, counts: counts{1, 1, 0, 0}},
		{name: "a quoted field across lines is an error; the lines are read one by one",
			data:  []byte("\"Konto\";\"Period\";\"Belopp\";\"Text\"\n\"4010\";\"202604\";\"1 234,50\";\"a;b \"\"c\"\"\nrad två\"\n"),
			total: 123450, counts: counts{2, 1, 1, 0}, // the second line has no account or amount: a text row
			problems: []string{"rad 2–3: ett citattecken i början av ett fält på rad 2 avslutas först på rad 3", `rad 3: "rad två\"" raden har varken kontonummer eller belopp`}},
		{name: "project column goes into the key",
			data:  []byte("Konto;Period;Belopp;Projektnr;Ansvar;Vht\n1210;202604;100;P1;10;20\n1210;202604;50;;10;20\n"),
			total: 15000, counts: counts{2, 2, 0, 0}, project: true,
			buckets: map[Key]money.Amount{k("1210", apr(2026), "P1"): 10000, k("1210", apr(2026), ""): 5000}},
		{name: "sub-accounts kept, 4010.0 read as 4010",
			data:  []byte("Konto;Period;Belopp\n40110;202604;1\n4010.0;202604;2\n4010;202604;3\n"),
			total: 600, counts: counts{3, 3, 0, 0},
			buckets: map[Key]money.Amount{k("40110", apr(2026), ""): 100, k("4010", apr(2026), ""): 500}},
		{name: "bad amount, bad period, missing account",
			data:     []byte("Konto;Period;Belopp\n4010;202604;12,3,4\n4010;2026-16;1\n;202604;1\n4010;202604;\n"),
			counts:   counts{4, 0, 0, 4},
			problems: []string{`"12,3,4" är inte ett belopp`, `"2026-16" är inte en period`, "kontonummer saknas", "belopp saknas"}},
		{name: "sep= line from Excel",
			data:  []byte("sep=,\nKonto,Period,Belopp\n4010,202604,\"1,5\"\n"),
			total: 150, counts: counts{1, 1, 0, 0}},
		{name: "posting date wins over document date",
			data:  []byte("Verifikationsdatum;Konto;Bokföringsdatum;Belopp\n2026-03-31;4010;2026-04-01;1\n"),
			total: 100, counts: counts{1, 1, 0, 0},
			buckets: map[Key]money.Amount{k("4010", apr(2026), ""): 100}},
		{name: "period wins over date",
			data:  []byte("Datum;Konto;Period;Belopp\n2026-03-31;4010;202604;1\n"),
			total: 100, counts: counts{1, 1, 0, 0},
			buckets: map[Key]money.Amount{k("4010", apr(2026), ""): 100}},
		{name: "duplicate headers name both columns",
			data:     []byte("Konto;Kontonr;Period;Belopp\n4010;4011;202604;1\n"),
			problems: []string{`kolumnerna "Konto" (A) och "Kontonr" (B) anger samma sak`}},
		{name: "missing required column names the synonyms",
			data:     []byte("Konto;Period;Summa\n4010;202604;1\n"),
			problems: []string{"saknar kolumn för belopp (Belopp, Utfall, Belopp SEK, Amount, Belopp i lokal valuta, Saldo period, eller Debet och Kredit)"}},
		{name: "not a ledger",
			data:     []byte("hej hopp\nlorem ipsum\n"),
			problems: []string{"hittar ingen rubrikrad bland de 20 första raderna"}},
		{name: "header below row 20 is not looked for",
			data:     []byte(strings.Repeat("titel\n", 20) + "Konto;Period;Belopp\n4010;202604;1\n"),
			problems: []string{"hittar ingen rubrikrad"}},
		{name: "empty file",
			data:     []byte{},
			problems: []string{"filen är tom"}},
		{name: "binary junk",
			data:     []byte("\x00\x01\x02garbage"),
			problems: []string{"varken en Excel-arbetsbok"}},
		{name: "HTML table named .xls",
			file:     "huvudbok.xls",
			data:     []byte("<html><body><table><tr><td>Konto</td></tr></table></body></html>"),
			problems: []string{"webbsida (HTML)"}}, // one error, no warning that it is read as CSV
		{name: "CSV named .xlsx is read with a warning",
			file:  "huvudbok.xlsx",
			data:  []byte("Konto;Period;Belopp\n4010;202604;1\n"),
			total: 100, counts: counts{1, 1, 0, 0},
			problems: []string{"filen heter .xlsx men är en textfil"}, warnOnly: true},
		{name: "a 10 MB cell in an unused column is harmless",
			data:  []byte("Konto;Period;Belopp;Text\n4010;202604;1;" + strings.Repeat("x", 10<<20) + "\n"),
			total: 100, counts: counts{1, 1, 0, 0}},
		{name: "a 10 MB cell in the amount column is reported",
			data:     []byte("Konto;Period;Belopp\n4010;202604;" + strings.Repeat("9", 10<<20) + "\n"),
			counts:   counts{1, 0, 0, 1},
			problems: []string{"orimligt stor"}},
	})
}

func TestXLSX(t *testing.T) {
	hdr := `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`
	shared := []string{"Konto", "Bokföringsdatum", "Belopp", "Summa"}
	k := func(acc string, m period.Month) Key { return Key{Account: acc, Month: m} }
	runCases(t, []ledgerCase{
		{name: "date cells, built-in and custom formats",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, hdr+
				`<row r="2"><c r="A2"><v>4010</v></c><c r="B2" s="1"><v>46142</v></c><c r="C2"><v>1234.5</v></c></row>`+
				`<row r="3"><c r="A3"><v>4010</v></c><c r="B3" s="2"><v>46143.5</v></c><c r="C3" s="3"><v>0.30000000000000004</v></c></row>`,
				shared, false),
			total: 123480, counts: counts{2, 2, 0, 0},
			buckets: map[Key]money.Amount{k("4010", apr(2026)): 123450, k("4010", period.Month{Year: 2026, Month: time.May}): 30}},
		{name: "1904 date system",
			file:  "huvudbok.xlsx",
			data:  rawXLSX(t, hdr+`<row r="2"><c r="A2"><v>4010</v></c><c r="B2" s="1"><v>44680</v></c><c r="C2"><v>1</v></c></row>`, shared, true),
			total: 100, counts: counts{1, 1, 0, 0}, buckets: map[Key]money.Amount{k("4010", apr(2026)): 100}},
		{name: "inline and rich-text strings",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, hdr+`<row r="2"><c r="A2" t="inlineStr"><is><t>4010</t></is></c><c r="B2" t="inlineStr"><is><r><t>2026-</t></r><r><rPr><b/></rPr><t>04-30</t></r></is></c>`+
				`<c r="C2" t="inlineStr"><is><t xml:space="preserve">1 234,50</t></is></c></row>`, shared, false),
			total: 123450, counts: counts{1, 1, 0, 0}},
		{name: "title rows above the header",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>Huvudbok 2026</t></is></c></row>`+
				`<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c></row>`+
				`<row r="4"><c r="A4"><v>4010</v></c><c r="B4" s="1"><v>46142</v></c><c r="C4"><v>5</v></c></row>`, shared, false),
			total: 500, counts: counts{1, 1, 0, 0}},
		{name: "formula: cached value used, none saved reported",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, hdr+`<row r="2"><c r="A2"><v>4010</v></c><c r="B2" s="1"><v>46142</v></c><c r="C2"><f>1+1</f><v>2</v></c></row>`+
				`<row r="3"><c r="A3"><v>4010</v></c><c r="B3" s="1"><v>46142</v></c><c r="C3"><f>1+2</f></c></row>`, shared, false),
			total: 200, counts: counts{2, 1, 0, 1},
			problems: []string{"Huvudbok!C3: cellen har en formel utan sparat värde"}},
		{name: "error value and boolean in the amount column",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, hdr+`<row r="2"><c r="A2"><v>4010</v></c><c r="B2" s="1"><v>46142</v></c><c r="C2" t="e"><v>#N/A</v></c></row>`+
				`<row r="3"><c r="A3"><v>4010</v></c><c r="B3" s="1"><v>46142</v></c><c r="C3" t="b"><v>1</v></c></row>`, shared, false),
			counts:   counts{2, 0, 0, 2},
			problems: []string{`Huvudbok!C2: "#N/A" är ett felvärde`, "Huvudbok!C3: \"1\" är ett sanningsvärde"}},
		{name: "unverified Summa row named by sheet and cell",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, hdr+`<row r="2"><c r="A2"><v>4010</v></c><c r="B2" s="1"><v>46142</v></c><c r="C2"><v>7</v></c></row>`+
				`<row r="3"><c r="A3" t="s"><v>3</v></c><c r="C3"><v>8</v></c></row>`, shared, false),
			total: 700, counts: counts{2, 1, 0, 1},
			problems: []string{`huvudbok.xlsx: Huvudbok!C3: "8" summeringsraden "Summa" har beloppet 8,00 kr`}},
		{name: "gaps between rows and empty styled rows are blank rows",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, hdr+`<row r="2"><c r="A2"><v>4010</v></c><c r="B2" s="1"><v>46142</v></c><c r="C2"><v>1</v></c></row>`+
				`<row r="3"><c r="A3" s="1"/><c r="C3" t="inlineStr"><is><t> </t></is></c></row>`+
				`<row r="6"><c r="A6"><v>4010</v></c><c r="B6" s="1"><v>46142</v></c><c r="C6"><v>1</v></c></row>`, shared, false),
			total: 200, counts: counts{5, 2, 3, 0}},
		{name: "sparse cells without references",
			file:  "huvudbok.xlsx",
			data:  rawXLSX(t, hdr+`<row><c><v>4010</v></c><c s="1"><v>46142</v></c><c><v>3</v></c></row>`, shared, false),
			total: 300, counts: counts{1, 1, 0, 0}},
		{name: "period as a number and a date column without date format",
			file:  "huvudbok.xlsx",
			data:  rawXLSX(t, hdr+`<row r="2"><c r="A2"><v>4010</v></c><c r="B2"><v>46142</v></c><c r="C2"><v>1</v></c></row>`, shared, false),
			total: 100, counts: counts{1, 1, 0, 0}, buckets: map[Key]money.Amount{k("4010", apr(2026)): 100}},
		{name: "shared string index out of range",
			file:   "huvudbok.xlsx",
			data:   rawXLSX(t, hdr+`<row r="2"><c r="A2" t="s"><v>99</v></c><c r="B2" s="1"><v>46142</v></c><c r="C2"><v>1</v></c></row>`, shared, false),
			counts: counts{1, 0, 0, 1}, problems: []string{"Huvudbok!A2: cellen pekar på en delad text som arbetsboken saknar"}},
		{name: "a 10 MB cell in the amount column",
			file:   "huvudbok.xlsx",
			data:   rawXLSX(t, hdr+`<row r="2"><c r="A2"><v>4010</v></c><c r="B2" s="1"><v>46142</v></c><c r="C2" t="inlineStr"><is><t>`+strings.Repeat("9", 10<<20)+`</t></is></c></row>`, shared, false),
			counts: counts{1, 0, 0, 1}, problems: []string{"Huvudbok!C2: cellen är orimligt stor"}},
	})
}

func TestHostileFiles(t *testing.T) {
	valid := rawXLSX(t, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`+
		`<row r="2"><c r="A2"><v>4010</v></c><c r="B2" s="1"><v>46142</v></c><c r="C2"><v>1</v></c></row>`,
		[]string{"Konto", "Bokföringsdatum", "Belopp"}, false)
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...)
	encrypted := append(append([]byte{}, ole...), []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")...)

	var ods bytes.Buffer
	zw := zip.NewWriter(&ods)
	w, _ := zw.Create("mimetype")
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, _ = zw.Create("content.xml")
	w.Write([]byte("<office:document-content/>"))
	zw.Close()

	var otherZip bytes.Buffer
	zw = zip.NewWriter(&otherZip)
	w, _ = zw.Create("readme.txt")
	w.Write([]byte("hej"))
	zw.Close()

	// A sheet part that claims to unpack to a terabyte.
	var bomb bytes.Buffer
	zw = zip.NewWriter(&bomb)
	zr, _ := zip.NewReader(bytes.NewReader(valid), int64(len(valid)))
	for _, f := range zr.File {
		fh := f.FileHeader
		if f.Name == "xl/worksheets/sheet1.xml" {
			fh.UncompressedSize64 = 1 << 40
		}
		raw, _ := f.OpenRaw()
		w, _ := zw.CreateRaw(&fh)
		var b bytes.Buffer
		b.ReadFrom(raw)
		w.Write(b.Bytes())
	}
	zw.Close()

	var empty strings.Builder
	for i := 2; i <= 1_000_001; i++ {
		empty.WriteString(`<row r="`)
		empty.WriteString(itoa(i))
		empty.WriteString(`"/>`)
	}
	millionEmpty := rawXLSX(t, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`+empty.String(),
		[]string{"Konto", "Bokföringsdatum", "Belopp"}, false)

	runCases(t, []ledgerCase{
		{name: "valid", file: "h.xlsx", data: valid, total: 100, counts: counts{1, 1, 0, 0}},
		{name: "truncated zip", file: "h.xlsx", data: valid[:len(valid)/2], problems: []string{"trasig eller avkortad"}},
		{name: "corrupt zip", file: "h.xlsx", data: corrupt(valid), problems: []string{"trasig"}},
		{name: "password-protected workbook", file: "h.xlsx", data: encrypted, problems: []string{"lösenordsskyddad"}},
		{name: "old .xls", file: "h.xls", data: ole, problems: []string{"gammal Excel-fil (.xls)"}},
		{name: ".ods named .xlsx", file: "h.xlsx", data: ods.Bytes(), problems: []string{"OpenDocument"}},
		{name: "zip that is no workbook", file: "h.xlsx", data: otherZip.Bytes(), problems: []string{"ingen Excel-arbetsbok"}},
		{name: "zip bomb", file: "h.xlsx", data: bomb.Bytes(), problems: []string{"orimlig storlek"}},
		{name: "a million empty rows", file: "h.xlsx", data: millionEmpty, counts: counts{1_000_000, 0, 1_000_000, 0}},
	})
}

// corrupt flips bytes inside the sheet's compressed data.
func corrupt(b []byte) []byte {
	c := append([]byte{}, b...)
	i := bytes.Index(c, []byte("xl/worksheets/sheet1.xml"))
	for j := i + 30; j < i+60 && j < len(c); j++ {
		c[j] ^= 0x5a
	}
	return c
}

func itoa(i int) string {
	return string(appendInt(nil, i))
}

func appendInt(b []byte, i int) []byte {
	if i >= 10 {
		b = appendInt(b, i/10)
	}
	return append(b, byte('0'+i%10))
}

func TestProblemCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("Konto;Period;Belopp\n")
	for i := 0; i < 5000; i++ {
		b.WriteString("Saldo;202604;1\n4010;202604;1\n")
	}
	l := read(t, []byte(b.String()), "h.csv")
	if l.ErrorRows != 5000 || l.RowsSummed != 5000 {
		t.Errorf("error rows %d, summed %d", l.ErrorRows, l.RowsSummed)
	}
	if len(l.Problems) != maxProblems+1 {
		t.Fatalf("%d problems, want %d", len(l.Problems), maxProblems+1)
	}
	last := l.Problems[len(l.Problems)-1]
	if !strings.Contains(last.Message, "och 4800 fel till") || last.Severity != problem.Error {
		t.Errorf("summary problem %q", last.Message)
	}
}

func TestPlainAmountAgreesWithParse(t *testing.T) {
	for _, s := range []string{"0", "1", "-1", "1234.5", "-0.005", "0.005", "0.0049", "999999999999999", "12.345678", "1.", ".5", "-", "",
		"1234,5", "-1234,56", "-0,005", "0,0049", "1,234", "12,345678", "1,", ",5", "1.234,5", "1,234.5", "1,2,3", "1,234,567", "-,5"} {
		for _, u := range []money.Unit{money.UnitKr, money.UnitTkr, money.UnitMnkr} {
			for _, comma := range []bool{false, true} {
				got, ok := plainAmountSep([]byte(s), u, comma)
				want, err := money.Parse(s, u)
				if ok && (err != nil || got != want) {
					t.Errorf("plainAmountSep(%q, %v, %v) = %d; money.Parse gives %d, %v", s, u, comma, got, want, err)
				}
			}
		}
	}
}

// TestPlainAmountComma: the fast reader takes the decimal comma of a
// Swedish CSV export, and only where asked: SIE amounts have a point.
func TestPlainAmountComma(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		comma bool
		want  money.Amount
		ok    bool
	}{
		{"comma taken in CSV", "-1234,56", true, -123456, true},
		{"comma rounds half away from zero", "-0,005", true, -1, true},
		{"comma refused for SIE", "-1234,56", false, 0, false},
		{"point taken either way", "-1234.56", false, -123456, true},
		{"two separators left to money.Parse", "1.234,56", true, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := plainAmountSep([]byte(tc.in), money.UnitKr, tc.comma)
			if ok != tc.ok || got != tc.want {
				t.Errorf("plainAmountSep(%q, kr, %v) = %d, %v; want %d, %v", tc.in, tc.comma, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestSheetOption(t *testing.T) {
	data := rawXLSX(t, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`+
		`<row r="2"><c r="A2"><v>4010</v></c><c r="B2" s="1"><v>46142</v></c><c r="C2"><v>1</v></c></row>`,
		[]string{"Konto", "Bokföringsdatum", "Belopp"}, false)
	for _, tc := range []struct {
		name, sheet, problem string
	}{
		{"first sheet", "", ""},
		{"by name", "Huvudbok", ""},
		{"by name in other case", "huvudbok ", ""},
		{"missing", "Blad9", `bladet "Blad9" finns inte. Bladen i filen heter: Huvudbok`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), "h.xlsx", Options{Sheet: tc.sheet})
			if err != nil {
				t.Fatal(err)
			}
			if tc.problem == "" {
				if l.RowsSummed != 1 || len(l.Problems) > 0 || l.Sheet != "Huvudbok" {
					t.Errorf("summed %d, sheet %q, problems %v", l.RowsSummed, l.Sheet, l.Problems)
				}
				return
			}
			if len(l.Problems) != 1 || !strings.Contains(l.Problems[0].String(), tc.problem) {
				t.Errorf("problems %v", l.Problems)
			}
		})
	}
}
