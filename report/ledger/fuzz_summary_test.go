package ledger

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"rapport/report/money"
)

// FuzzSummaryRows builds exports with data rows, subtotals at any level,
// wrong subtotals, blank rows, periods 00 and 13, and one amount column
// or Debet/Kredit, from the fuzzer's bytes, and holds the reader to an
// independent model of SPEC 6.1: a summary row is verified when its amount
// is the sum of the data rows since some earlier summary row (or the
// start), and every other summary row is an error.
func FuzzSummaryRows(f *testing.F) {
	for _, s := range [][]byte{
		{0, 1, 5, 1, 7, 2, 3},           // rows, Delsumma, Summa
		{1, 1, 9, 1, 200, 2, 0, 4, 5},   // Debet/Kredit, a wrong sum
		{0, 1, 1, 2, 1, 1, 2, 3, 3, 6},  // subtotals of subtotals
		{1, 5, 3, 6, 4, 1, 250, 3, 3},   // periods 00 and 13, blank rows
		{0, 4, 0, 3, 2, 2, 1, 128, 3},   // summaries before any row
		{2, 1, 255, 1, 255, 7, 9, 2, 3}, // summary text in the account cell
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, prog []byte) {
		if len(prog) == 0 || len(prog) > 4096 {
			return
		}
		debitCredit := prog[0]&1 == 1
		labelInAccount := prog[0]&2 == 2
		var b strings.Builder
		if debitCredit {
			b.WriteString("Konto;Text;Period;Debet;Kredit\n")
		} else {
			b.WriteString("Konto;Text;Period;Belopp\n")
		}
		amount := func(a money.Amount) string {
			if !debitCredit {
				return a.FormatKr()
			}
			if a < 0 {
				return ";" + (-a).FormatKr()
			}
			return a.FormatKr() + ";"
		}
		var (
			running             money.Amount
			bounds              = []money.Amount{0}
			rows, summed, blank int
			verified, errs      int
			opening, closing    int
			total               money.Amount
		)
		summary := func(word string, a money.Amount) {
			ok := false
			for _, c := range bounds {
				if running-c == a {
					ok = true
				}
			}
			bounds = append(bounds, running)
			if ok {
				verified++
			} else {
				errs++
			}
			rows++
			if labelInAccount {
				fmt.Fprintf(&b, "%s;;;%s\n", word, amount(a))
			} else {
				fmt.Fprintf(&b, ";%s;;%s\n", word, amount(a))
			}
		}
		for i := 1; i < len(prog); i++ {
			op := prog[i] % 8
			arg := money.Amount(0)
			if i+1 < len(prog) {
				arg = money.Amount(int8(prog[i+1])) * 137
			}
			switch op {
			case 0, 1, 5, 6: // a data row, in an ordinary month, period 00 or 13
				i++
				per := "202604"
				switch op {
				case 5:
					per, opening = "202600", opening+1
				case 6:
					per, closing = "2026-13", closing+1
				}
				fmt.Fprintf(&b, "40%02d;Lön;%s;%s\n", i%100, per, amount(arg))
				running += arg
				total += arg
				rows++
				summed++
			case 2: // Delsumma since the last summary row, as it should be
				summary("Delsumma", running-bounds[len(bounds)-1])
			case 3: // Summa of everything above
				summary("Summa", running)
			case 4: // a summary with the fuzzer's amount
				i++
				summary("Totalt", arg)
			case 7:
				b.WriteString(";;;\n")
				rows++
				blank++
			}
		}
		data := []byte(b.String())
		l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), "huvudbok.csv", Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, l)
		got := [7]int{l.RowsRead, l.RowsSummed, l.BlankRows, l.SummaryRows, l.ErrorRows, l.OpeningRows, l.ClosingRows}
		want := [7]int{rows, summed, blank, verified, errs, opening, closing}
		if got != want || l.Total != total {
			t.Fatalf("read, summed, blank, summary, error, 00, 13 = %v, want %v; total %d, want %d\n%s", got, want, l.Total, total, data)
		}
	})
}
