package underlag

import (
	"strings"
	"testing"

	"rapport/report/money"
)

// TestBudgetUnitSuffixes: every way people write a unit scales the column,
// and a unit that cannot be read is an error, never silently kronor.
func TestBudgetUnitSuffixes(t *testing.T) {
	tests := []struct {
		header string
		want   money.Amount // Intäkter entered as 12
		err    bool
	}{
		{"Årsbudget", 12 * money.Kr, false},
		{"Årsbudget (kr)", 12 * money.Kr, false},
		{"Årsbudget (SEK)", 12 * money.Kr, false},
		{"Årsbudget (tkr)", 12 * money.Tkr, false},
		{"Årsbudget (tkr.)", 12 * money.Tkr, false},
		{"Årsbudget (tusen kr)", 12 * money.Tkr, false},
		{"Årsbudget [tkr]", 12 * money.Tkr, false},
		{"Årsbudget, tkr", 12 * money.Tkr, false},
		{"Årsbudget (mnkr)", 12 * money.Mnkr, false},
		{"Årsbudget (Mkr)", 12 * money.Mnkr, false},
		{"Årsbudget (miljoner kr)", 12 * money.Mnkr, false},
		{"Årsbudget (Mdr)", 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.header, func(t *testing.T) {
			// Without Prognos: its 1 100 kr against 12 mnkr would be a unit slip.
			data := buildWorkbook(t, with(baseSheets(), sheet{sheetBudget, [][]any{{"Rad", tc.header}, {"Intäkter", 12}}}, sheet{"-" + sheetPrognosis, nil}))
			in, probs := read(t, data, Options{})
			if tc.err {
				if !probs.HasErrors() || !strings.Contains(probs.Errors()[0].String(), "enhet") {
					t.Errorf("no error about the unit: %v", probs)
				}
				return
			}
			if probs.HasErrors() {
				t.Fatalf("errors: %v", probs.Errors())
			}
			if len(in.Budget) != 1 || in.Budget[0].Annual != tc.want {
				t.Errorf("budget = %+v, want %v öre", in.Budget, tc.want)
			}
		})
	}
}
