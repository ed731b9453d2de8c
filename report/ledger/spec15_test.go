package ledger

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"rapport/report/money"
	"rapport/report/period"
)

// TestWorkbookRowNumberTwice: a row number that appears twice (SPEC 15)
// is an error, and its row is not summed a second time.
func TestWorkbookRowNumberTwice(t *testing.T) {
	row := func(r int, amount string) string {
		return strings.ReplaceAll(strings.ReplaceAll(`<row r="R"><c r="AR"><v>4010</v></c><c r="BR" t="inlineStr"><is><t>202604</t></is></c><c r="CR"><v>AMT</v></c></row>`, "R", strconv.Itoa(r)), "AMT", amount)
	}
	head := `<row r="1"><c r="A1" t="inlineStr"><is><t>Konto</t></is></c><c r="B1" t="inlineStr"><is><t>Period</t></is></c><c r="C1" t="inlineStr"><is><t>Belopp</t></is></c></row>`
	for _, tc := range []struct {
		name, rows, want string
	}{
		{"the same number twice", row(2, "100") + row(7, "500") + row(7, "500") + row(8, "1"),
			"huvudbok.xlsx: Huvudbok, rad 7: radnumret 7 förekommer två gånger i bladet, vilket Excel aldrig skriver"},
		{"a number above the one before", row(2, "100") + row(9, "500") + row(7, "500"),
			"huvudbok.xlsx: Huvudbok, rad 7: rad 7 står efter rad 9 i filen, vilket Excel aldrig skriver"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := read(t, rawXLSX(t, head+tc.rows, nil, false), "huvudbok.xlsx")
			errs := l.Problems.Errors()
			if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), tc.want) {
				t.Errorf("want one error starting %q, got:\n%v", tc.want, l.Problems)
			}
			if got := l.Buckets[Key{Account: "4010", Month: period.Month{Year: 2026, Month: 4}}].Amount; got != money.Amount(60000) {
				t.Errorf("4010 = %d öre, want 600 kr: the repeated row must not be summed", got)
			}
		})
	}
}

// TestJoinedPostingIsNoHeading: a row that begins with an account number
// and holds an amount is never skipped as a heading or footer (SPEC 15).
// Rows whose fields are joined by another delimiter than the file's have
// neither account nor amount in their columns, and were skipped as
// headings with "Inget belopp går förlorat".
func TestJoinedPostingIsNoHeading(t *testing.T) {
	const head = "Konto;Ansvar;Period;Belopp\n4010;100;2026-01;5\n"
	joined := func(sep string) []byte {
		var b strings.Builder
		b.WriteString(head)
		for i := 0; i < 10; i++ {
			b.WriteString(strings.Join([]string{"4010", "100", "2026-02", "1 000,50"}, sep) + "\n")
		}
		return []byte(b.String())
	}
	runCases(t, []ledgerCase{
		{name: "ten rows with tabs between their fields",
			data:  joined("\t"),
			total: 500, counts: counts{11, 1, 0, 10},
			problems: []string{`huvudbok.csv: rad 3, kolumn Konto: "4010\t100\t2026-02\t1 000,50" börjar med ett kontonummer och har ett belopp, men fälten är åtskilda med tabb och inte med filens avgränsare`,
				"raderna eller fälten har troligen slagits ihop; raden och 9 rader till (rad 3–12) summeras inte"}},
		{name: "ten rows with commas between their fields",
			data:  joined(","),
			total: 500, counts: counts{11, 1, 0, 10},
			problems: []string{`huvudbok.csv: rad 3, kolumn Konto: "4010,100,2026-02,1 000,50" börjar med ett kontonummer och har ett belopp, men fälten är åtskilda med komma`}},
		{name: "in a workbook cell",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>Konto</t></is></c><c r="B1" t="inlineStr"><is><t>Period</t></is></c><c r="C1" t="inlineStr"><is><t>Belopp</t></is></c></row>`+
				`<row r="2"><c r="A2" t="inlineStr"><is><t>4010;2026-02;500</t></is></c></row>`, nil, false),
			counts:   counts{1, 0, 0, 1},
			problems: []string{`huvudbok.xlsx: Huvudbok!A2: "4010;2026-02;500" börjar med ett kontonummer och har ett belopp, men fälten är åtskilda med semikolon i en och samma cell`}},
		{name: "fields joined by spaces",
			data:  []byte(head + "4010 100 2026-02 1 000,50;;;\n"),
			total: 500, counts: counts{2, 1, 0, 1},
			problems: []string{`huvudbok.csv: rad 3, kolumn Konto: "4010 100 2026-02 1 000,50" börjar med ett kontonummer och har ett belopp, men fälten är åtskilda med mellanslag`}},
		{name: "a group heading with its number stays a heading",
			data:  []byte(head + "40 Personalkostnader;;;\n40\tPersonalkostnader;;;\n4010, 4011 Löner;;;\n4010 – 4099 Personal;;;\n40 Personal 2026;;;\n"),
			total: 500, counts: counts{6, 1, 5, 0}, warnOnly: true,
			problems: []string{`rad 3: "40 Personalkostnader" raden har varken kontonummer eller belopp`}},
	})
}

// TestFieldCountAgainstHeader: a data row with more fields than the
// header is an error naming the rows, unless every data row has the same
// extra field (SPEC 15). A Text with an unquoted ';' moved the amount one
// column right, and its 17 was summed instead of 1 500.
func TestFieldCountAgainstHeader(t *testing.T) {
	const head = "Konto;Period;Text;Belopp\n"
	apr := Key{Account: "4010", Month: period.Month{Year: 2026, Month: 4}}
	runCases(t, []ledgerCase{
		{name: "a Text with an unquoted semicolon",
			data:  []byte(head + "4010;202604;Hyra;1500\n4010;202604;Faktura 4712; 17;1500\n4010;202604;Mat;200\n"),
			total: 170000, counts: counts{3, 2, 0, 1}, buckets: map[Key]money.Amount{apr: 170000},
			problems: []string{`huvudbok.csv: rad 3: "4010;202604;Faktura 4712; 17;1500" raden har 5 fält men rubrikraden 4 (och inte alla rader har lika många): ett fält som innehåller avgränsaren (semikolon) utan citattecken, t.ex. i en text, flyttar beloppet till fel kolumn; raden summeras inte`}},
		{name: "the first data row is the wide one: summed, then taken back",
			data:  []byte(head + "4010;202604;Faktura 4712; 17;1500\n4010;202604;Hyra;1500\n4010;202604;Mat;200\n"),
			total: 170000, counts: counts{3, 2, 0, 1}, buckets: map[Key]money.Amount{apr: 170000},
			problems: []string{`huvudbok.csv: rad 2: "4010;202604;Faktura 4712; 17;1500" raden har 5 fält`}},
		{name: "every wide row named, compactly",
			data: []byte(head + "4010;202604;a; 1;1\n4010;202604;b; 2;1\n4010;202604;c; 3;1\n4010;202604;ok;100\n4010;202604;d; 4;1\n" +
				"4010;202604;ok;100\n4010;202604;e;;5;1\n4010;202604;f; 6;1\n"),
			total: 20000, counts: counts{8, 2, 0, 6},
			problems: []string{`huvudbok.csv: rad 2–4, 6, 8, 9: "4010;202604;a; 1;1" 6 rader har fler fält än rubrikraden (upp till 6 mot 4) men inte alla rader`}},
		{name: "every data row with the same extra field: a column without a header",
			data:  []byte(head + "4010;202604;Hyra;1500;K1\n;Personalkostnader;;\n4010;202604;Mat;200;K2\nUtskrivet av AA\n"),
			total: 170000, counts: counts{4, 2, 2, 0}, warnOnly: true, buckets: map[Key]money.Amount{apr: 170000},
			problems: []string{"raden har varken kontonummer eller belopp"}},
		{name: "a column without a header, empty in some rows",
			data:  []byte(head + "4010;202604;Hyra;1500;\n4010;202604;Mat;200;K2\n"),
			total: 170000, counts: counts{2, 2, 0, 0}},
		{name: "a trailing delimiter on some rows holds nothing",
			data:  []byte(head + "4010;202604;Hyra;1500;\n4010;202604;Mat;200\n"),
			total: 170000, counts: counts{2, 2, 0, 0}},
		{name: "a column without a header and one row wider still",
			data:  []byte(head + "4010;202604;Hyra;1500;K1\n4010;202604;Faktura; 17;1500;K2\n"),
			total: 0, counts: counts{2, 0, 0, 2},
			problems: []string{`huvudbok.csv: rad 2, 3: "4010;202604;Hyra;1500;K1" 2 rader har fler fält än rubrikraden (upp till 6 mot 4)`}},
		{name: "rows joined into one line, the only data row",
			data:  []byte(head + "4010;202604;a;5,4010;202605;b;7,4010;202606;c;9\n"),
			total: 0, counts: counts{1, 0, 0, 1},
			problems: []string{`huvudbok.csv: rad 2: "4010;202604;a;5,4010;202605;b;7,4010;202606;c;9" raden har 10 fält men rubrikraden 4, för många för kolumner utan rubrik: troligen har flera rader slagits ihop till en`}},
		{name: "two lines of joined rows alike",
			data:  []byte(head + "4010;202604;a;5,4010;202605;b;7\n4010;202604;a;5,4010;202605;b;7\n"),
			total: 0, counts: counts{2, 0, 0, 2},
			problems: []string{`huvudbok.csv: rad 2, 3: "4010;202604;a;5,4010;202605;b;7" 2 rader har 7 fält men rubrikraden 4, för många för kolumner utan rubrik`}},
		{name: "tab-separated",
			data:  []byte("Konto\tPeriod\tText\tBelopp\n4010\t202604\tHyra\t1500\n4010\t202604\tA\t 17\t1500\n"),
			total: 150000, counts: counts{2, 1, 0, 1},
			problems: []string{`huvudbok.csv: rad 3: "4010\t202604\tA\t 17\t1500" raden har 5 fält men rubrikraden 4 (och inte alla rader har lika många): ett fält som innehåller avgränsaren (tabb)`}},
	})
}

// TestFieldCountTakesBackPeriods: rows taken back leave no trace in the
// counts of opening and closing periods.
func TestFieldCountTakesBackPeriods(t *testing.T) {
	l := read(t, []byte("Konto;Period;Text;Belopp\n4010;202613;a; 1;5\n4010;202600;b; 2;5\n4010;202604;c;7\n"), "huvudbok.csv")
	if l.ClosingRows != 0 || l.ClosingTotal != 0 || l.OpeningRows != 0 || l.OpeningTotal != 0 {
		t.Errorf("closing %d rows %d, opening %d rows %d; want none", l.ClosingRows, l.ClosingTotal, l.OpeningRows, l.OpeningTotal)
	}
	if len(l.Buckets) != 1 || l.Total != 700 {
		t.Errorf("buckets %v, total %d; want only April's 7 kr", l.Buckets, l.Total)
	}
}

// TestParallelFieldShapes: a shard of the parallel read sees only its
// share of the rows; the shards are merged where every data row of the
// file has the same field count (a column without a header) or none is
// wider than the header, and a wide row among ordinary ones is read again
// sequentially, which names it. The two reads agree.
func TestParallelFieldShapes(t *testing.T) {
	var plain, unheaded, some strings.Builder
	plain.WriteString("Konto;Period;Text;Belopp\n")
	unheaded.WriteString("Konto;Period;Text;Belopp\n")
	some.WriteString("Konto;Period;Text;Belopp\n")
	for i := range 400 {
		fmt.Fprintf(&plain, "%d;2026%02d;Hyra;%d\n", 4010+i%7, 1+i%12, 100+i)
		fmt.Fprintf(&unheaded, "%d;2026%02d;Hyra;%d;x\n", 4010+i%7, 1+i%12, 100+i)
		if i == 250 {
			fmt.Fprintf(&some, "%d;2026%02d;Faktura 4712; 17;%d\n", 4010+i%7, 1+i%12, 100+i)
		} else {
			fmt.Fprintf(&some, "%d;2026%02d;Hyra;%d\n", 4010+i%7, 1+i%12, 100+i)
		}
	}
	for _, tc := range []struct {
		name   string
		data   string
		merged bool
	}{
		{"no row wider than the header", plain.String(), true},
		{"every row as wide: a column without a header", unheaded.String(), true},
		{"one row wide: an unquoted delimiter", some.String(), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seq, _ := readWith(t, []byte(tc.data), 1, nil)
			par, merged := readWith(t, []byte(tc.data), 2, nil)
			if merged != tc.merged {
				t.Errorf("merged = %v, want %v", merged, tc.merged)
			}
			if !reflect.DeepEqual(seq, par) {
				t.Errorf("parallel read differs: %d summed, %v; sequential %d summed, %v", par.RowsSummed, par.Problems, seq.RowsSummed, seq.Problems)
			}
		})
	}
}

// TestCreditSign: a Kredit column holding negative amounts is read as
// signed credit only where all of them are negative, with a warning;
// mixed signs are an error naming the rows (SPEC 15). Debet − Kredit on
// credit written negative turned revenue into cost.
func TestCreditSign(t *testing.T) {
	const head = "Konto;Period;Debet;Kredit\n"
	apr := func(acc string) Key { return Key{Account: acc, Month: period.Month{Year: 2026, Month: 4}} }
	runCases(t, []ledgerCase{
		{name: "credit written positive, as usual",
			data:  []byte(head + "3010;202604;;1000\n4010;202604;400;\n"),
			total: -60000, counts: counts{2, 2, 0, 0},
			buckets: map[Key]money.Amount{apr("3010"): -100000, apr("4010"): 40000}},
		{name: "every credit negative: signed credit, with a warning",
			data:  []byte(head + "3010;202604;;-1000\n4010;202604;400;\n3011;202604;0;-50\n"),
			total: -65000, counts: counts{3, 3, 0, 0}, warnOnly: true,
			buckets:  map[Key]money.Amount{apr("3010"): -100000, apr("3011"): -5000},
			problems: []string{`huvudbok.csv: rad 2, kolumn Kredit: kolumnen Kredit har bara negativa belopp (2 rader): exporten skriver kredit med minustecken, så beloppet läses som debet plus kredit`}},
		{name: "mixed signs: the rows of the other sign are errors",
			data:  []byte(head + "3010;202604;;1000\n3011;202604;;-50\n4010;202604;400;\n3012;202604;;-7\n3013;202604;;-8\n3014;202604;;20\n"),
			total: -62000, counts: counts{6, 3, 0, 3},
			buckets:  map[Key]money.Amount{apr("3010"): -100000, apr("3014"): -2000},
			problems: []string{`huvudbok.csv: rad 3, 5, 6: kolumnen Kredit har både positiva belopp (rad 2, 7; 2 rader) och negativa (rad 3, 5, 6; 3 rader)`, "raderna med negativ kredit summeras inte (den första krediten är positiv)"}},
		{name: "mixed signs, the first negative",
			data:  []byte(head + "3010;202604;;-1000\n3011;202604;;50\n"),
			total: -100000, counts: counts{2, 1, 0, 1},
			problems: []string{`huvudbok.csv: rad 3: kolumnen Kredit har både positiva belopp (rad 3; 1 rad) och negativa (rad 2; 1 rad)`}},
		{name: "a negative debit is a reversal, read as debit minus credit",
			data:  []byte(head + "4010;202604;-400;\n4010;202604;1000;\n3010;202604;;500\n"),
			total: 10000, counts: counts{3, 3, 0, 0},
			buckets: map[Key]money.Amount{apr("4010"): 60000, apr("3010"): -50000}},
		{name: "in a workbook",
			file: "huvudbok.xlsx",
			data: rawXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>Konto</t></is></c><c r="B1" t="inlineStr"><is><t>Period</t></is></c><c r="C1" t="inlineStr"><is><t>Debet</t></is></c><c r="D1" t="inlineStr"><is><t>Kredit</t></is></c></row>`+
				`<row r="2"><c r="A2"><v>3010</v></c><c r="B2"><v>202604</v></c><c r="D2"><v>-1000</v></c></row>`, nil, false),
			total: -100000, counts: counts{1, 1, 0, 0}, warnOnly: true,
			problems: []string{`huvudbok.xlsx: Huvudbok!D2: kolumnen Kredit (D) har bara negativa belopp (1 rad)`}},
	})
}

// TestCommaFieldCount: in a comma-separated file an amount split by an
// unquoted decimal comma stays an error row by row, even where every row
// has one; any other extra field follows the rule of SPEC 15.
func TestCommaFieldCount(t *testing.T) {
	runCases(t, []ledgerCase{
		{name: "every amount split by its decimal comma",
			data:  []byte("Konto,Period,Belopp\n4010,202604,1000,50\n4010,202604,-200,00\n"),
			total: 0, counts: counts{2, 0, 0, 2},
			problems: []string{`huvudbok.csv: rad 2, kolumn D: "4010,202604,1000,50" raden har 4 fält men rubrikraden 3; raden summeras inte`, "rad 3, kolumn D"}},
		{name: "Kredit split by its decimal comma",
			data:  []byte("Konto,Period,Debet,Kredit\n3010,202604,,1000,50\n"),
			total: 0, counts: counts{1, 0, 0, 1},
			problems: []string{`raden har 5 fält men rubrikraden 4`}},
		{name: "a column without a header in every row",
			data:  []byte("Konto,Period,Belopp\n4010,202604,1000.50,K1\n4010,202604,-200,K2\n"),
			total: 80050, counts: counts{2, 2, 0, 0}},
		{name: "a Text with an unquoted comma",
			data:  []byte("Konto,Period,Text,Belopp\n4010,202604,Hyra,1500\n4010,202604,Faktura 4712, 17,1500\n"),
			total: 150000, counts: counts{2, 1, 0, 1},
			problems: []string{`huvudbok.csv: rad 3: "4010,202604,Faktura 4712, 17,1500" raden har 5 fält men rubrikraden 4 (och inte alla rader har lika många): ett fält som innehåller avgränsaren (komma)`}},
	})
}
