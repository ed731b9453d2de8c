package ledger

import (
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
				"rad 12, kolumn Konto"}},
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
		{name: "a group heading with its number stays a heading",
			data:  []byte(head + "40 Personalkostnader;;;\n40\tPersonalkostnader;;;\n4010, 4011 Löner;;;\n"),
			total: 500, counts: counts{4, 1, 3, 0}, warnOnly: true,
			problems: []string{`rad 3: "40 Personalkostnader" raden har varken kontonummer eller belopp`}},
	})
}
