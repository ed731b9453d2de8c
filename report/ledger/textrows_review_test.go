package ledger

import (
	"strings"
	"testing"
)

// TestWorkbookTextRowsStyledCells: a heading, page header or footer of a
// workbook export is skipped with a warning, as in a text export, also
// where its empty cells carry a style (<c r="C3" s="1"/>), as every
// formatted print export writes them. Such a cell has no type and read as
// an empty number, which made the row an error and failed the run.
func TestWorkbookTextRowsStyledCells(t *testing.T) {
	s := func(col string, r int, v string) string {
		return `<c r="` + col + itoa(r) + `" t="inlineStr"><is><t xml:space="preserve">` + v + `</t></is></c>`
	}
	n := func(col string, r int, v string) string { return `<c r="` + col + itoa(r) + `"><v>` + v + `</v></c>` }
	e := func(col string, r int) string { return `<c r="` + col + itoa(r) + `" s="1"/>` }
	row := func(r int, cells ...string) string {
		return `<row r="` + itoa(r) + `">` + strings.Join(cells, "") + `</row>`
	}
	header := row(1, s("A", 1, "Konto"), s("B", 1, "Period"), s("C", 1, "Belopp"))
	posting := row(2, n("A", 2, "4010"), n("B", 2, "202603"), n("C", 2, "1"))
	const textRow = "raden har varken kontonummer eller belopp"
	// Rows the file leaves out between the posting and the case's row
	// are counted as blank rows.
	runCases(t, []ledgerCase{
		{name: "a group heading with a styled empty amount cell",
			file:  "huvudbok.xlsx",
			data:  rawXLSX(t, header+posting+row(3, s("A", 3, "Personalkostnader"), e("B", 3), e("C", 3)), nil, false),
			total: 100, counts: counts{2, 1, 1, 0}, warnOnly: true,
			problems: []string{`Huvudbok!A3: "Personalkostnader" ` + textRow}},
		{name: "a footer with a styled empty account and amount cell",
			file:  "huvudbok.xlsx",
			data:  rawXLSX(t, header+posting+row(4, e("A", 4), s("B", 4, "Utskrivet av AA"), e("C", 4)), nil, false),
			total: 100, counts: counts{3, 1, 2, 0}, warnOnly: true,
			problems: []string{`Huvudbok!B4: "Utskrivet av AA" ` + textRow}},
		{name: "a row of styled empty cells under a rule is no warning",
			file:  "huvudbok.xlsx",
			data:  rawXLSX(t, header+posting+row(5, e("A", 5), s("B", 5, "-----"), e("C", 5)), nil, false),
			total: 100, counts: counts{4, 1, 3, 0}},
		{name: "a summary row with a styled empty account cell is verified (SPEC 6.1: the account cell is empty)",
			file:  "huvudbok.xlsx",
			data:  rawXLSX(t, header+posting+row(3, e("A", 3), s("B", 3, "Summa"), n("C", 3, "1")), nil, false),
			total: 100, counts: counts{2, 1, 0, 0}},
		{name: "a styled empty account beside an amount is still an error",
			file:  "huvudbok.xlsx",
			data:  rawXLSX(t, header+posting+row(6, e("A", 6), n("B", 6, "202603"), n("C", 6, "5")), nil, false),
			total: 100, counts: counts{5, 1, 3, 1}, // rows 3-5 are absent: blank
			problems: []string{`Huvudbok!A6: kontonummer saknas`}},
	})
}

// TestNamedAccountSummaryWords: an account written with its name ("4010
// Löner") is read as the account, but a summary word after the number
// ("4010 Summa", "4010 Totalt") names no account: such a row holds the
// account's sum and, read as a posting, counted every krona of the account
// twice. It is a row with a non-numeric account, an error (SPEC 2.1).
func TestNamedAccountSummaryWords(t *testing.T) {
	runCases(t, []ledgerCase{
		{name: "a name after the number is the account",
			data:  []byte("Konto;Period;Belopp\n4010 Löner;202603;100\n4010 - Löner;202603;50\n"),
			total: 15000, counts: counts{2, 2, 0, 0}},
		{name: "Summa after the number",
			data:  []byte("Konto;Period;Belopp\n4010 Löner;202603;100\n4010 Summa;202603;100\n"),
			total: 10000, counts: counts{2, 1, 0, 1},
			problems: []string{`"4010 Summa" är inget kontonummer`}},
		{name: "Totalt after a dash",
			data:  []byte("Konto;Period;Belopp\n4010;202603;100\n4010 – Totalt:;202603;100\n"),
			total: 10000, counts: counts{2, 1, 0, 1},
			problems: []string{`"4010 – Totalt:" är inget kontonummer`}},
		{name: "S:a in a workbook-like text cell",
			data:  []byte("Konto;Period;Belopp\n4010;202603;100\n4010 S:a;202603;100\n"),
			total: 10000, counts: counts{2, 1, 0, 1},
			problems: []string{`"4010 S:a" är inget kontonummer`}},
	})
}
