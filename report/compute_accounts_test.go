package report_test

import (
	"context"
	"testing"

	"rapport/fixtures"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/underlag"
)

// TestAccountsAddUpToTable4 checks that the outcome per account and month
// adds up, per line, to table 4's Utfall ack and Utfall ack föregående år,
// and holds only non-zero amounts of months 1…m of the two years.
func TestAccountsAddUpToTable4(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the example ledger")
	}
	in, err := report.Import(context.Background(), report.ImportOptions{Folder: fixtures.ExampleFolder(), OpenWorkbook: underlag.OpenWorkbook})
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []period.Code{"M02", "UR1", "ÅR"} {
		t.Run(string(code), func(t *testing.T) {
			r, probs := report.Compute(in, code, report.ComputeOptions{})
			if probs.HasErrors() {
				t.Fatal(probs)
			}
			if len(r.Accounts) == 0 {
				t.Fatal("no accounts")
			}
			type key struct {
				line string
				year int
			}
			sums := map[key]money.Amount{}
			for _, a := range r.Accounts {
				if a.Amount == 0 || a.Month.Month > r.Month.Month || (a.Month.Year != r.Year && a.Month.Year != r.Year-1) {
					t.Errorf("unexpected row %+v", a)
				}
				sums[key{a.Line, a.Month.Year}] += a.Amount
			}
			for _, l := range r.Operating.Lines {
				if got := sums[key{l.Line, r.Year}]; got != l.OutcomeAcc {
					t.Errorf("%s %d: accounts sum to %d, Utfall ack is %d", l.Line, r.Year, got, l.OutcomeAcc)
				}
				if l.PriorYearAcc != nil && sums[key{l.Line, r.Year - 1}] != *l.PriorYearAcc {
					t.Errorf("%s %d: accounts sum to %d, Utfall ack föregående år is %d", l.Line, r.Year-1, sums[key{l.Line, r.Year - 1}], *l.PriorYearAcc)
				}
			}
		})
	}
}
