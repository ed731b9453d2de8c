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
