package ledger

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/unicode"

	"rapport/report/money"
	"rapport/report/period"
)

// crlf gives a text export Windows line ends, as accounting programs on
// Windows write them.
func crlf(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }

// utf16NoBOM encodes an export as UTF-16 without a byte-order mark, as
// database tools (bcp -w, some report writers) write "Unicode" text.
func utf16NoBOM(t testing.TB, s string, order unicode.Endianness) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExportQuirks reads text exports the way Swedish accounting programs
// (Visma, Unit4/Agresso, Raindance, Hogia, Fortnox) and the tools around
// them write them: each case is a quirk met in real files, read to the öre
// or refused with a message naming the row.
func TestExportQuirks(t *testing.T) {
	mar := period.Month{Year: 2026, Month: time.March}
	k := func(acc string) Key { return Key{Account: acc, Month: mar} }
	const textRow = "raden har varken kontonummer eller belopp (en rubrik, ett sidhuvud eller en sidfot) och hoppas över som en tom rad"
	runCases(t, []ledgerCase{
		{name: "Visma: tabs, BOM, CRLF, title and Urval lines, a tab after every field",
			data: crlf("\ufeffHuvudbok\nUrval: Konto 3000-8999, Ansvar 100\nPeriod: 2026-01 - 2026-03\n\n" +
				"Konto\tKontonamn\tPeriod\tBelopp\t\n4010\tLöner\t202603\t1 234,50\t\n3010\tIntäkt\t202603\t-234,50\t\n\n\n"),
			total: 100000, counts: counts{4, 2, 2, 0},
			buckets: map[Key]money.Amount{k("4010"): 123450, k("3010"): -23450}},
		{name: "lines that end in CR alone (classic Mac)",
			data:  []byte("Rapport\rKonto;Period;Belopp\r4010;202603;1,25\r4010;202603;2\r"),
			total: 325, counts: counts{2, 2, 0, 0}},
		{name: "a doubled CR before LF",
			data:  []byte("Konto;Period;Belopp\r\r\n4010;202603;1\r\r\n"),
			total: 100, counts: counts{1, 1, 0, 0}},
		{name: "UTF-16 LE without a byte-order mark",
			data:  utf16NoBOM(t, "Konto\tPeriod\tBelopp\r\n4010\t202603\t-12,50\r\n", unicode.LittleEndian),
			total: -1250, counts: counts{1, 1, 0, 0}},
		{name: "UTF-16 BE without a byte-order mark",
			data:  utf16NoBOM(t, "Konto;Period;Belopp\n4010;202603;7\n", unicode.BigEndian),
			total: 700, counts: counts{1, 1, 0, 0}},
		{name: "unit as the header's last word: Belopp tkr, Debet, kr",
			data:  []byte("Konto;Period;Belopp tkr\n4010;202603;1,5\n"),
			total: 150000, counts: counts{1, 1, 0, 0}},
		{name: "unit after a comma in Debet and Kredit",
			data:  []byte("Konto;Period;\"Debet, kr\";Kredit kr\n4010;202603;10;2,50\n"),
			total: 750, counts: counts{1, 1, 0, 0}},
		{name: "headers with a colon or a period at the end",
			data:  []byte("Kontonr.;Period:;Belopp:\n4010;202603;1\n"),
			total: 100, counts: counts{1, 1, 0, 0}},
		{name: "a header spaced apart: Konto nr, Bokförings datum",
			data:  []byte("Konto nr;Bokförings datum;Belopp\n4010;2026-03-31;1\n"),
			total: 100, counts: counts{1, 1, 0, 0}},
		{name: "an unknown word after Belopp is no unit",
			data:     []byte("Konto;Period;Belopp valuta\n4010;202603;1\n"),
			problems: []string{"rubrikraden saknar kolumn för belopp"}},
		{name: "amounts in every form the exports write",
			data: []byte("Konto;Period;Belopp\n" + strings.Join([]string{
				"4010;202603;1 234,50", "4010;202603;1.234,50", "4010;202603;1\u00a0234,50", "4010;202603;1\u2009234,50",
				"4010;202603;1\u202f234,50", "4010;202603;-1234,50", "4010;202603;1234,50-", "4010;202603;(1234,50)",
				"4010;202603;\u22121234,50", "4010;202603;\u20131234,50", "4010;202603;\"-1 234,50\"", "4010;202603;1 234,50 kr",
				"4010;202603;+5", "4010;202603;1234,50 -"}, "\n") + "\n"),
			// 6 × +1 234,50, 7 × −1 234,50 and +5,00
			total: 6*123450 - 7*123450 + 500, counts: counts{14, 14, 0, 0}},
		{name: "periods in every form",
			data: []byte("Konto;Period;Belopp\n" + strings.Join([]string{
				"4010;202603;1", "4010;2026-03;1", "4010;2026/03;1", "4010;2026 03;1", "4010;2026.03;1", "4010;03/2026;1",
				"4010;mars 2026;1", "4010;2026-3;1"}, "\n") + "\n"),
			total: 800, counts: counts{8, 8, 0, 0}, buckets: map[Key]money.Amount{k("4010"): 800}},
		{name: "the year in a column of its own: År and Period 3",
			data:  []byte("År;Period;Konto;Belopp\n2026;3;4010;1\n2026;03;4010;2\n2025;12;4010;4\n2026;13;4010;8\n2026;0;1930;16\n2026;2026-03;4010;32\n"),
			total: 6300, counts: counts{6, 6, 0, 0},
			buckets: map[Key]money.Amount{k("4010"): 3500, {Account: "4010", Month: period.Month{Year: 2025, Month: time.December}}: 400,
				{Account: "4010", Month: period.Month{Year: 2026, Month: time.December}, Kind: Closing13}: 800,
				{Account: "1930", Month: period.Month{Year: 2026, Month: time.January}, Kind: Opening}:    1600}},
		{name: "Räkenskapsår and Månad as a word",
			data:  []byte("Konto;Räkenskapsår;Månad;Belopp\n4010;2026;mars;1\n4010;2026;Mar;2\n"),
			total: 300, counts: counts{2, 2, 0, 0}, buckets: map[Key]money.Amount{k("4010"): 300}},
		{name: "a month alone without a year is an error",
			data:     []byte("Konto;Period;Belopp\n4010;3;1\n"),
			counts:   counts{1, 0, 0, 1},
			problems: []string{`rad 2, kolumn Period: "3" är inte en period`}},
		{name: "a year that is no year",
			data:     []byte("År;Period;Konto;Belopp\n26;3;4010;1\n;3;4010;1\n"),
			counts:   counts{2, 0, 0, 2},
			problems: []string{`rad 2, kolumn Period: "3" är inte en period`, `rad 3, kolumn Period: "3" är inte en period`}},
		{name: "dates in every form, 20260315 as SIE and many exports write it",
			data: []byte("Konto;Bokföringsdatum;Belopp\n" + strings.Join([]string{
				"4010;2026-03-15;1", "4010;15.03.2026;1", "4010;2026-03-15 00:00:00;1", "4010;20260315;1",
				"4010;15/03/2026;1", "4010;2026-03-15T00:00:00;1", "4010;15.3.2026;1"}, "\n") + "\n"),
			total: 700, counts: counts{7, 7, 0, 0}, buckets: map[Key]money.Amount{k("4010"): 700}},
		{name: "a compact date that does not exist",
			data:     []byte("Konto;Datum;Belopp\n4010;20260230;1\n4010;15.03.26;1\n"),
			counts:   counts{2, 0, 0, 2},
			problems: []string{`rad 2, kolumn Datum: "20260230" är inte en period`, `rad 3, kolumn Datum: "15.03.26" är inte en period`}},
		{name: "accounts padded, as a float, with their name, as Excel's text formula",
			data: []byte("Konto;Period;Belopp\n" + strings.Join([]string{
				" 4010 ;202603;1", "4010.0;202603;1", "4010 Löner;202603;1", "4010 - Löner;202603;1", "4010: Löner;202603;1",
				"4010 – Löner;202603;1", "=\"4010\";202603;1"}, "\n") + "\n"),
			total: 700, counts: counts{7, 7, 0, 0}, buckets: map[Key]money.Amount{k("4010"): 700}},
		{name: "an account with a number after it is no account",
			data:     []byte("Konto;Period;Belopp\n4010 4020;202603;1\n4010-20;202603;1\n'4010;202603;1\n40 Löner;202603;1\n"),
			counts:   counts{4, 0, 0, 4},
			problems: []string{`"4010 4020" är inget kontonummer`, `"4010-20" är inget kontonummer`, `"'4010" är inget kontonummer`, `"40 Löner" är inget kontonummer`}},
		{name: "a footer: Utskrivet av",
			data:  []byte("Konto;Text;Period;Belopp\n4010;Lön;202603;100\nSumma konto 4010;;;100\n;Totalt;;100\n\nUtskrivet av Anna Andersson 2026-04-02 10:15\n"),
			total: 10000, counts: counts{5, 1, 2, 0}, warnOnly: true,
			problems: []string{`huvudbok.csv: rad 6: "Utskrivet av Anna Andersson 2026-04-02 10:15" ` + textRow + ". Inget belopp går förlorat"}},
		{name: "group headings in the name column",
			data:  []byte("Konto;Benämning;Period;Belopp\n;Personalkostnader;;\n4010;Löner;202603;100\n;Övriga kostnader;;\n5010;Hyra;202603;50\n"),
			total: 15000, counts: counts{4, 2, 2, 0}, warnOnly: true,
			problems: []string{`rad 2: "Personalkostnader" ` + textRow + ", liksom 1 rad till"}},
		{name: "group headings with their number, in the account column",
			data:  []byte("Konto;Period;Belopp\n4 Personalkostnader;;\n40 Löner;;\n4010 Löner;202603;100\n"),
			total: 10000, counts: counts{3, 1, 2, 0}, warnOnly: true,
			problems: []string{`rad 2: "4 Personalkostnader" ` + textRow + ", liksom 1 rad till"}},
		{name: "a page title and a repeated header in a print export",
			data:  []byte("Konto;Period;Belopp\n4010;202603;100\n\fHuvudbok sida 2\nKonto;Period;Belopp\n4020;202603;5\n"),
			total: 10500, counts: counts{4, 2, 2, 0}, warnOnly: true,
			problems: []string{`rad 3: "Huvudbok sida 2" ` + textRow + ", liksom 1 rad till"}},
		{name: "a rule under the header and a DOS end-of-file mark are blank rows, without a word",
			data:  crlf("Konto;Period;Belopp\n-----;------;-------\n4010;202603;100\n====;;\n\x1a"),
			total: 10000, counts: counts{4, 1, 3, 0}},
		{name: "a row with an account but no amount is still an error",
			data:     []byte("Konto;Text;Period;Belopp\n4010;Lön;202603;\n;Lön;202603;5\n"),
			counts:   counts{2, 0, 0, 2},
			problems: []string{"rad 2, kolumn Belopp: belopp saknas", "rad 3, kolumn Konto: kontonummer saknas"}},
		{name: "text with an amount is still an error",
			data:  []byte("Konto;Period;Belopp\n4010;202603;100\nUtgående saldo;;100\n"),
			total: 10000, counts: counts{2, 1, 0, 1},
			problems: []string{`rad 3, kolumn Konto: "Utgående saldo" är inget kontonummer`}},
		{name: "S:a, Totalsumma and Slutsumma are summary rows, verified",
			data:  []byte("Konto;Period;Belopp\n4010;202603;100\nS:a konto 4010;;100\n4020;202603;5\nTotalsumma;;105\nSlutsumma;;105\nSummering;;105\n"),
			total: 10500, counts: counts{6, 2, 0, 1},
			problems: []string{`"Summering" är inget kontonummer`}},
		{name: "pipe-separated",
			data:  []byte("Konto|Period|Belopp\n4010|202603|-1 234,50\n"),
			total: -123450, counts: counts{1, 1, 0, 0}},
		{name: "comma-separated with a delimiter after every field",
			data:  []byte("Konto,Period,Belopp,\n4010,202603,100,\n4010,202603,\"1,5\",\n"),
			total: 10150, counts: counts{2, 2, 0, 0}},
		{name: "Agresso: a text column beside each code, Konto(T)",
			data:  cp1252(t, "Konto;Konto(T);Ansvar;Ansvar(T);Period;Belopp\n4010;Löner;100;Kansli;202603;100,00\n"),
			total: 10000, counts: counts{1, 1, 0, 0}},
		{name: "Hogia: decimal point and comma thousands in a semicolon file",
			data:  []byte("Konto;Period;Belopp\n4010;202603;1234.50\n4010;202603;-1,234.50\n4010;202603;0.25\n"),
			total: 25, counts: counts{3, 3, 0, 0}},
		{name: "sep= after a BOM",
			data:  []byte("\ufeffsep=;\nKonto;Period;Belopp\n4010;202603;1\n"),
			total: 100, counts: counts{1, 1, 0, 0}},
		{name: "Period and Månad both: which one is unclear",
			data:     []byte("Konto;Period;Månad;Belopp\n4010;202603;mars;100\n"),
			problems: []string{`kolumnerna "Period" (B) och "Månad" (C) anger samma sak`}},
	})
}

// TestWorkbookQuirks: the same quirks in workbooks, where cells have types.
func TestWorkbookQuirks(t *testing.T) {
	s := func(col string, r int, v string) string {
		return `<c r="` + col + itoa(r) + `" t="inlineStr"><is><t xml:space="preserve">` + v + `</t></is></c>`
	}
	n := func(col string, r int, v string) string { return `<c r="` + col + itoa(r) + `"><v>` + v + `</v></c>` }
	d := func(col string, r int, v string) string {
		return `<c r="` + col + itoa(r) + `" s="1"><v>` + v + `</v></c>`
	}
	row := func(r int, cells ...string) string {
		return `<row r="` + itoa(r) + `">` + strings.Join(cells, "") + `</row>`
	}
	mar := period.Month{Year: 2026, Month: time.March}
	runCases(t, []ledgerCase{
		{name: "dates as cells, text, serials with a time, and 20260315 as a number",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, row(1, s("A", 1, "Huvudbok 2026"))+row(2, s("A", 2, "Konto "), s("B", 2, "Bokföringsdatum"), s("C", 2, "Belopp (tkr)"))+
				row(3, n("A", 3, "4010"), s("B", 3, "2026-03-15"), n("C", 3, "1.5"))+
				row(4, n("A", 4, "4010"), d("B", 4, "46096"), s("C", 4, "1 234,50"))+
				row(5, s("A", 5, "4010"), n("B", 5, "46096.5"), n("C", 5, "1"))+
				row(6, n("A", 6, "4010"), n("B", 6, "20260315"), n("C", 6, "1"))+
				row(7, n("A", 7, "4010.0"), s("B", 7, "15.03.2026"), n("C", 7, "1"))+
				row(8, s("A", 8, "4010 Löner"), s("B", 8, "20260315"), n("C", 8, "1")), nil, false),
			// 1,5 + 1 234,50 + 4 × 1 tkr
			total: 150000 + 123450000 + 4*100000, counts: counts{6, 6, 0, 0},
			buckets: map[Key]money.Amount{{Account: "4010", Month: mar}: 124_000_000}},
		{name: "År and Period as number cells",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, row(1, s("A", 1, "Bokföringsår"), s("B", 1, "Per"), s("C", 1, "Kto"), s("D", 1, "Saldo period"))+
				row(2, n("A", 2, "2026"), n("B", 2, "3"), n("C", 2, "4010"), n("D", 2, "-1.25"))+
				row(3, n("A", 3, "2026"), n("B", 3, "13"), n("C", 3, "4010"), n("D", 3, "2")), nil, false),
			total: 75, counts: counts{2, 2, 0, 0},
			buckets: map[Key]money.Amount{{Account: "4010", Month: mar}: -125,
				{Account: "4010", Month: period.Month{Year: 2026, Month: time.December}, Kind: Closing13}: 200}},
		{name: "a header broken over two lines in its cell, and a footer",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, row(1, s("A", 1, "Konto\nnr"), s("B", 1, "Period"), s("C", 1, "Belopp\u00a0(kr)"))+
				row(2, n("A", 2, "4010"), n("B", 2, "202603"), n("C", 2, "1"))+
				row(9, s("A", 9, "Utskrivet av AA 2026-04-02")), nil, false),
			total: 100, counts: counts{8, 1, 7, 0}, warnOnly: true,
			problems: []string{`Huvudbok!A9: "Utskrivet av AA 2026-04-02" raden har varken kontonummer eller belopp`}},
	})
}
