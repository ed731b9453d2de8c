package ledger

import (
	"testing"

	"rapport/report/money"
	"rapport/report/period"
)

// TestCSVDecodingAndUnits pins what a hand-made mutation of the text
// decoding or of the amount unit changed without another test noticing:
// Windows-1252 differs from Latin-1 (and from ISO 8859-15) exactly in
// 0x80–0x9F and 0xA4, where €, – and curly quotes live, and a unit in the
// amount's header scales every row.
func TestCSVDecodingAndUnits(t *testing.T) {
	apr, may := period.Month{Year: 2026, Month: 4}, period.Month{Year: 2026, Month: 5}
	proj := func(p string, m period.Month) Key { return Key{Account: "1210", Month: m, Project: p} }
	acc := func(a string, m period.Month) Key { return Key{Account: a, Month: m} }
	runCases(t, []ledgerCase{
		{name: "Windows-1252 project with en dash, curly quotes and euro sign",
			data:  cp1252(t, "Konto;Bokföringsdatum;Belopp;Projekt\n1210;2026-04-30;100;Väg – etapp “2” €\n"),
			total: 10000, counts: counts{1, 1, 0, 0}, project: true,
			buckets: map[Key]money.Amount{proj("Väg – etapp “2” €", apr): 10000}},
		{name: "Windows-1252 header Månad and Belopp (tkr)",
			data:  cp1252(t, "Konto;Månad;Belopp (tkr)\n4010;maj 2026;-1,5\n4010;maj 2026;2.25\n"),
			total: 75000, counts: counts{2, 2, 0, 0},
			buckets: map[Key]money.Amount{acc("4010", may): 75000}},
		{name: "UTF-8 first, then a Windows-1252 project: decoded, with a warning",
			data: append([]byte("Konto;Period;Belopp;Projekt\n1210;202604;1;Väg\n1210;202604;2;"),
				cp1252(t, "Bro – 2\n")...),
			total: 300, counts: counts{2, 2, 0, 0}, project: true, warnOnly: true,
			buckets:  map[Key]money.Amount{proj("Väg", apr): 100, proj("Bro – 2", apr): 200},
			problems: []string{"blandar teckenkodningarna UTF-8 och Windows-1252"}},
		{name: "UTF-8 BOM before a quoted header",
			data:  []byte("\ufeff\"Konto\";\"Period\";\"Belopp\"\n4010;202604;5\n"),
			total: 500, counts: counts{1, 1, 0, 0},
			buckets: map[Key]money.Amount{acc("4010", apr): 500}},
		{name: "Belopp (tkr) with a plain decimal point",
			data:  []byte("Konto;Period;Belopp (tkr)\n4010;202604;1.5\n4010;202604;-0.001\n"),
			total: 150000 - 100, counts: counts{2, 2, 0, 0}},
		{name: "Belopp (tusen kr)",
			data:  []byte("Konto;Period;Belopp (tusen kr)\n4010;202604;3\n"),
			total: 300000, counts: counts{1, 1, 0, 0}},
		{name: "Belopp (MSEK)",
			data:  []byte("Konto;Period;Belopp (MSEK)\n4010;202604;0,5\n"),
			total: 50000000, counts: counts{1, 1, 0, 0}},
		{name: "no unit is kr",
			data:  []byte("Konto;Period;Belopp\n4010;202604;1.5\n"),
			total: 150, counts: counts{1, 1, 0, 0}},
		{name: "half an öre rounds away from zero in the plain form",
			data:  []byte("Konto;Period;Belopp\n4010;202604;0.005\n4011;202604;-0.005\n4012;202604;0.0049\n4013;202604;0.125\n"),
			total: 1 - 1 + 0 + 13, counts: counts{4, 4, 0, 0}, warnOnly: true,
			problems: []string{"fler decimaler än ören och avrundas till hela ören"},
			buckets:  map[Key]money.Amount{acc("4010", apr): 1, acc("4011", apr): -1, acc("4012", apr): 0, acc("4013", apr): 13}},
	})
}
