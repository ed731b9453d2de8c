package report

import (
	"testing"

	"rapport/report/ledger"
	"rapport/report/money"
	"rapport/report/period"
)

// TestComputeERPPeriods: period 00 is the opening balance, in no figure;
// periods 13–15 are December's, in outcome and prior year through month 12
// only; the reconciliation balances in every period either way.
func TestComputeERPPeriods(t *testing.T) {
	add := func(l *ledger.Ledger, k ledger.Key, a money.Amount) {
		l.Buckets[k] = ledger.Bucket{Amount: a, Rows: 1}
		l.Total += a
		l.RowsSummed++
		l.RowsRead++
	}
	in := handInputs()
	l := in.Ledger
	add(l, ledger.Key{Account: "1220", Month: mon(2026, 1), Project: "P1", Kind: ledger.Opening}, kr(1000000)) // IB of an investment
	add(l, ledger.Key{Account: "2440", Month: mon(2026, 1), Kind: ledger.Opening}, kr(-1000000))
	add(l, ledger.Key{Account: "40110", Month: mon(2025, 1), Kind: ledger.Opening}, kr(7)) // IB on a result account: still no outcome
	add(l, ledger.Key{Account: "5010", Month: mon(2026, 12), Kind: ledger.Closing13}, kr(400))
	add(l, ledger.Key{Account: "5010", Month: mon(2026, 12), Kind: ledger.Closing15}, kr(20))
	add(l, ledger.Key{Account: "1220", Month: mon(2026, 12), Project: "P1", Kind: ledger.Closing14}, kr(3))
	add(l, ledger.Key{Account: "5010", Month: mon(2025, 12), Kind: ledger.Closing13}, kr(50))

	cases := []struct {
		code                     string
		other, prior             money.Amount
		closing, closingIncluded money.Amount
	}{
		{"UR1", kr(-30000), 0, kr(423), 0},
		{"M10", kr(-30000), 0, kr(423), 0},
		{"ÅR", kr(-30000 - 420), kr(-50), 0, kr(423)},
	}
	for _, tc := range cases {
		t.Run(tc.code, func(t *testing.T) {
			r, _ := Compute(in, period.Code(tc.code), ComputeOptions{})
			rec := r.Reconciliation
			if !rec.Balanced() {
				t.Fatalf("difference %v: %+v", rec.Difference, rec)
			}
			if got := line(t, r, LineOther); got.OutcomeAcc != tc.other || *got.PriorYearAcc != tc.prior {
				t.Errorf("Övriga: outcome %v prior %v, want %v %v", got.OutcomeAcc, *got.PriorYearAcc, tc.other, tc.prior)
			}
			if p := line(t, r, LinePersonnel); p.PriorYearAcc == nil || *p.PriorYearAcc == kr(-150000-7) {
				t.Errorf("an opening balance counted as prior year: %v", p.PriorYearAcc)
			}
			if rec.Opening.Rows != 3 || rec.Opening.Amount != kr(7) || rec.Opening.Label != ReconOpeningLabel {
				t.Errorf("opening %+v", rec.Opening)
			}
			if rec.Closing.Amount != tc.closing || rec.ClosingIncluded.Amount != tc.closingIncluded {
				t.Errorf("closing %+v, included %+v", rec.Closing, rec.ClosingIncluded)
			}
			for _, g := range r.Investment.Groups {
				for _, inv := range g.Rows {
					if inv.Project == "P1" && inv.Spent != nil && *inv.Spent >= kr(1000000) {
						t.Errorf("the opening balance counted as spend: %v", *inv.Spent)
					}
				}
			}
		})
	}
}
