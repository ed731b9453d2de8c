package ledger

import (
	"bytes"
	"context"
	"testing"
	"time"

	"rapport/report/money"
	"rapport/report/period"
)

// shapeCase is a ledger in one of the shapes of SPEC 6.1.
type shapeCase struct {
	name     string
	csv      string
	cols     []Column
	total    money.Amount
	counts   [5]int // read, summed, blank, error, summary
	buckets  map[Key]money.Amount
	opening  [2]int64 // rows, öre
	closing  [2]int64
	problems []string // each must occur in some problem's text; none expected when empty
}

func TestShapes(t *testing.T) {
	dec := func(y int) period.Month { return period.Month{Year: y, Month: time.December} }
	jan := func(y int) period.Month { return period.Month{Year: y, Month: time.January} }
	kcol := []Column{{Field: "Belopp", Header: "Nettobelopp", File: "underlag.xlsx", Sheet: "Kolumner", Row: 2},
		{Field: "konto", Header: "Huvudkonto", File: "underlag.xlsx", Sheet: "Kolumner", Row: 3}}
	cases := []shapeCase{
		{name: "Debet minus Kredit, empty cells are 0",
			csv:   "Konto;Period;Debet;Kredit\n4010;202604;100,50;\n3010;202604;;250\n4010;202604;10;4\n",
			total: 10050 - 25000 + 600, counts: [5]int{3, 3, 0, 0, 0},
			buckets: map[Key]money.Amount{{Account: "4010", Month: apr(2026)}: 10650, {Account: "3010", Month: apr(2026)}: -25000}},
		{name: "Debet SEK and Kredit SEK with units",
			csv:   "Konto;Period;Debet SEK (tkr);Kredit SEK (tkr)\n4010;202604;1,5;0,5\n",
			total: 100000, counts: [5]int{1, 1, 0, 0, 0}},
		{name: "Debet and Kredit both empty is a missing amount",
			csv:   "Konto;Period;Debet;Kredit\n4010;202604;;\n4010;202604;1;\n",
			total: 100, counts: [5]int{2, 1, 0, 1, 0},
			problems: []string{"rad 2, kolumn Debet: belopp saknas: både debet och kredit är tomma"}},
		{name: "Belopp and Debet/Kredit in one file",
			csv:      "Konto;Period;Belopp;Debet;Kredit\n4010;202604;1;1;\n",
			problems: []string{`rad 1: filen har både en beloppskolumn "Belopp" (C) och debet/kredit "Debet" (D)`}},
		{name: "Debet without Kredit",
			csv:      "Konto;Period;Debet\n4010;202604;1\n",
			problems: []string{`filen har kolumnen "Debet" (C) men ingen kolumn Kredit`}},
		{name: "synonyms of ERP exports",
			csv:   "Kto;Bokf.period;Belopp i lokal valuta;Kst;Proj\n4010;202604;5;100;P1\n",
			total: 500, counts: [5]int{1, 1, 0, 0, 0},
			buckets: map[Key]money.Amount{{Account: "4010", Month: apr(2026), Project: "P1"}: 500}},
		{name: "Belopp (SEK) is kr, Bokföringsår/period, Ansvarsställe",
			csv:   "KTO ; Bokföringsår/period ;Belopp (SEK);Ansvarsställe\n4010;2026/04;5;1\n",
			total: 500, counts: [5]int{1, 1, 0, 0, 0}},
		{name: "Saldo period, Per and Resultatenhet",
			csv:   "Konto;Per;Saldo period;Resultatenhet\n4010;2026-04;-5;1\n",
			total: -500, counts: [5]int{1, 1, 0, 0, 0}},
		{name: "periods 00 and 13-15 in every form",
			csv:   "Konto;Period;Belopp\n1930;202600;1000\n4010;202613;1\n4010;2026-14;2\n4010;2026 15;4\n4010;2025/13;8\n4010;202612;16\n",
			total: 103100, counts: [5]int{6, 6, 0, 0, 0},
			buckets: map[Key]money.Amount{
				{Account: "1930", Month: jan(2026), Kind: Opening}:   100000,
				{Account: "4010", Month: dec(2026), Kind: Closing13}: 100,
				{Account: "4010", Month: dec(2026), Kind: Closing14}: 200,
				{Account: "4010", Month: dec(2026), Kind: Closing15}: 400,
				{Account: "4010", Month: dec(2025), Kind: Closing13}: 800,
				{Account: "4010", Month: dec(2026), Kind: Ordinary}:  1600},
			opening: [2]int64{1, 100000}, closing: [2]int64{4, 1500}},
		{name: "period 16 and a date of period 13 are errors",
			csv:      "Konto;Datum;Belopp\n4010;2026-13-01;1\n4010;202613;1\n",
			counts:   [5]int{2, 0, 0, 2, 0},
			problems: []string{`"2026-13-01" är inte en period`, `"202613" är inte en period`}},
		{name: "Delsumma per group and Summa of all, in the name column",
			csv:   "Konto;Benämning;Period;Belopp\n4010;Lön;202604;100\n4020;Lön;202604;50\n;Delsumma 40;;150\n5010;Hyra;202604;30\n;Delsumma 50;;30\n;Summa;;180\n;Totalt;;180\n",
			total: 18000, counts: [5]int{7, 3, 0, 0, 4}},
		{name: "subtotals of subtotals verify",
			csv:   "Konto;Text;Period;Belopp\n4010;;202604;1\n;Delsumma 4010;;1\n4020;;202604;2\n;Delsumma 4020;;2\n;Summa 40;;3\n5010;;202604;4\n;Delsumma 5010;;4\n;Summa 50;;4\n;Total;;7\n",
			total: 700, counts: [5]int{9, 3, 0, 0, 6}},
		{name: "a summary row that sums nothing above is an error naming both sums",
			csv:   "Konto;Text;Period;Belopp\n4010;;202604;1\n;Delsumma;;1\n4020;;202604;2\n;Summa;;5\n",
			total: 300, counts: [5]int{4, 2, 0, 1, 1},
			problems: []string{`rad 5, kolumn Belopp: "5" summeringsraden "Summa" har beloppet 5,00 kr, men raderna sedan föregående summeringsrad summerar till 2,00 kr och alla rader ovanför till 3,00 kr`}},
		{name: "a summary row without an amount is an error",
			csv:   "Konto;Period;Belopp\n4010;202604;1\nSumma;;\n",
			total: 100, counts: [5]int{2, 1, 0, 1, 0},
			problems: []string{"rad 3, kolumn Belopp: belopp saknas"}},
		{name: "Totalförsvar is no summary word",
			csv:      "Konto;Period;Belopp\nTotalförsvar;202604;1\n",
			counts:   [5]int{1, 0, 0, 1, 0},
			problems: []string{`"Totalförsvar" är inget kontonummer`}},
		{name: "summary rows with Debet and Kredit",
			csv:   "Konto;Text;Period;Debet;Kredit\n4010;;202604;10;\n3010;;202604;;4\n;Summa;;10;4\n",
			total: 600, counts: [5]int{3, 2, 0, 0, 1}},
		{name: "Kolumner names the export's headers",
			csv:   "Huvudkonto;Period;Nettobelopp (tkr);Belopp\n4010;202604;1;99\n",
			cols:  kcol,
			total: 100000, counts: [5]int{1, 1, 0, 0, 0}},
		{name: "Period and Månad both: Kolumner names the one to read",
			csv:   "Konto;Period;Månad;Belopp\n4010;202604;mars;1\n",
			cols:  []Column{{Field: "Period", Header: "Period", File: "underlag.xlsx", Sheet: "Kolumner", Row: 2}},
			total: 100, counts: [5]int{1, 1, 0, 0, 0},
			buckets: map[Key]money.Amount{{Account: "4010", Month: apr(2026)}: 100}},
		{name: "a Kolumner name with a unit as its last word and a colon",
			csv:   "Huvudkonto:;Period;Nettobelopp tkr\n4010;202604;1\n",
			cols:  kcol,
			total: 100000, counts: [5]int{1, 1, 0, 0, 0}},
		{name: "a Kolumner name the file lacks is an error at its cell",
			csv:   "Konto;Period;Belopp\n4010;202604;1\n",
			cols:  kcol,
			total: 100, counts: [5]int{1, 1, 0, 0, 0},
			problems: []string{`underlag.xlsx: Kolumner!B2: huvudboken huvudbok.csv har ingen kolumn "Nettobelopp"`, `Kolumner!B3`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.csv)
			l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), "huvudbok.csv", Options{Columns: tc.cols})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, l)
			checkProblemTexts(t, l, tc.problems)
			if len(tc.problems) > 0 && tc.counts == [5]int{} {
				return // a file-level refusal: nothing read
			}
			got := [5]int{l.RowsRead, l.RowsSummed, l.BlankRows, l.ErrorRows, l.SummaryRows}
			if got != tc.counts {
				t.Errorf("counts (read, summed, blank, error, summary) = %v, want %v", got, tc.counts)
			}
			if l.Total != tc.total {
				t.Errorf("Total = %d, want %d", l.Total, tc.total)
			}
			for k, want := range tc.buckets {
				if got := l.Buckets[k].Amount; got != want {
					t.Errorf("bucket %+v = %d, want %d (buckets %v)", k, got, want, l.Buckets)
				}
			}
			if tc.opening != [2]int64{} || tc.closing != [2]int64{} {
				if o := [2]int64{int64(l.OpeningRows), int64(l.OpeningTotal)}; o != tc.opening {
					t.Errorf("opening = %v, want %v", o, tc.opening)
				}
				if c := [2]int64{int64(l.ClosingRows), int64(l.ClosingTotal)}; c != tc.closing {
					t.Errorf("closing = %v, want %v", c, tc.closing)
				}
			}
		})
	}
}

// TestSummaryRowsXLSX: Raindance prints title rows above the header and
// a subtotal per account group in the account name column.
func TestSummaryRowsXLSX(t *testing.T) {
	shared := []string{"Konto", "Period", "Belopp", "Benämning", "Raindance huvudbok", "Delsumma 40", "Summa totalt", "202604"}
	s := func(col string, r, i int) string {
		return `<c r="` + col + itoa(r) + `" t="s"><v>` + itoa(i) + `</v></c>`
	}
	n := func(col string, r int, v string) string { return `<c r="` + col + itoa(r) + `"><v>` + v + `</v></c>` }
	data := rawXLSX(t, `<row r="1">`+s("A", 1, 4)+`</row>`+
		`<row r="3">`+s("A", 3, 0)+s("B", 3, 3)+s("C", 3, 1)+s("D", 3, 2)+`</row>`+
		`<row r="4">`+n("A", 4, "4010")+s("C", 4, 7)+n("D", 4, "10.25")+`</row>`+
		`<row r="5">`+n("A", 5, "4020")+s("C", 5, 7)+n("D", 5, "-0.25")+`</row>`+
		`<row r="6">`+s("B", 6, 5)+n("D", 6, "10")+`</row>`+
		`<row r="7">`+s("B", 7, 6)+n("D", 7, "10")+`</row>`, shared, false)
	l := read(t, data, "huvudbok.xlsx")
	if len(l.Problems) > 0 {
		t.Fatalf("problems: %v", l.Problems)
	}
	if l.SummaryRows != 2 || l.RowsSummed != 2 || l.Total != 1000 {
		t.Errorf("summary %d, summed %d, total %d", l.SummaryRows, l.RowsSummed, l.Total)
	}
}

func TestHeaderSynonyms(t *testing.T) {
	cases := []struct {
		header string
		want   field
		unit   money.Unit
	}{
		{"Kto", fieldAccount, money.UnitKr},
		{"Belopp i lokal valuta", fieldAmount, money.UnitKr},
		{"Belopp (SEK)", fieldAmount, money.UnitKr},
		{"belopp (tkr)", fieldAmount, money.UnitTkr},
		{"Saldo period", fieldAmount, money.UnitKr},
		{" Bokf.period ", fieldPeriod, money.UnitKr},
		{"Bokföringsår/period", fieldPeriod, money.UnitKr},
		{"PER", fieldPeriod, money.UnitKr},
		{"Ansvarsställe", fieldResponsibility, money.UnitKr},
		{"Kst", fieldResponsibility, money.UnitKr},
		{"Resultatenhet", fieldResponsibility, money.UnitKr},
		{"Proj", fieldProject, money.UnitKr},
		{"Debet", fieldDebit, money.UnitKr},
		{"Kredit SEK (mnkr)", fieldCredit, money.UnitMnkr},
		{"Kst (tkr)", fieldNone, money.UnitKr}, // a unit on no amount
		{"Bokfperiod", fieldNone, money.UnitKr},
	}
	for _, tc := range cases {
		t.Run(tc.header, func(t *testing.T) {
			f, u, _ := headerNames{}.matchHeader(tc.header)
			if f != tc.want || u != tc.unit {
				t.Errorf("matchHeader(%q) = %v %v, want %v %v", tc.header, f, u, tc.want, tc.unit)
			}
		})
	}
}

// TestDebitCreditXLSX: number cells in Debet and Kredit, one of them
// absent, as a workbook export leaves it.
func TestDebitCreditXLSX(t *testing.T) {
	shared := []string{"Kto", "Bokf.period", "Debet", "Kredit", "202604", "Summa"}
	s := func(col string, r, i int) string {
		return `<c r="` + col + itoa(r) + `" t="s"><v>` + itoa(i) + `</v></c>`
	}
	n := func(col string, r int, v string) string { return `<c r="` + col + itoa(r) + `"><v>` + v + `</v></c>` }
	data := rawXLSX(t, `<row r="1">`+s("A", 1, 0)+s("B", 1, 1)+s("C", 1, 2)+s("D", 1, 3)+`</row>`+
		`<row r="2">`+n("A", 2, "4010")+s("B", 2, 4)+n("C", 2, "100.5")+`</row>`+
		`<row r="3">`+n("A", 3, "3010")+s("B", 3, 4)+n("D", 3, "40")+`</row>`+
		`<row r="4">`+s("A", 4, 5)+n("C", 4, "100.5")+n("D", 4, "40")+`</row>`, shared, false)
	l := read(t, data, "huvudbok.xlsx")
	if len(l.Problems) > 0 {
		t.Fatalf("problems: %v", l.Problems)
	}
	if l.Total != 6050 || l.SummaryRows != 1 || l.Buckets[Key{Account: "3010", Month: apr(2026)}].Amount != -4000 {
		t.Errorf("total %d, summary rows %d, buckets %v", l.Total, l.SummaryRows, l.Buckets)
	}
}
