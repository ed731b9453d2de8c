package underlag

import (
	"testing"

	"rapport/report/problem"
)

// TestInvestmentSumRows holds the sum rows of Investeringar to what they
// claim: a row beginning Summa, Totalt or Total is left out of table 5
// only where its budget is the sum of the investments above it. An
// investment whose name merely begins with the word ("Total-renovering av
// kök", "Total ombyggnad") was dropped without a word, and its budget with
// it.
func TestInvestmentSumRows(t *testing.T) {
	header := []any{"Grupp", "Investering", "Total budget", "2026", "Period", "Ackumulerad förbrukning", "Prognos", "Kommentar"}
	e := problem.Error
	cases := []struct {
		name  string
		rows  [][]any
		names []string // the investments read, in order
		want  []want
	}{
		{
			name: "verified subtotal, subtotal of subtotals and total are skipped",
			rows: [][]any{header,
				{"Reinvesteringar", "IT utrustning", 100, 50, "UR1", 10, 50, "Enligt plan."},
				{"", "Ombyggnad", 40, 20, "UR1", 2, 20, "Enligt plan."},
				{"", "Summa", 140, 70, "UR1", 12, 70},
				{"Summa reinvesteringar", "", 140, 70, "UR1", 12, 70},
				{"TOTALT:", nil, 140, 70},
			},
			names: []string{"IT utrustning", "Ombyggnad"},
		},
		{
			name: "a group's sum row without a subtotal above it",
			rows: [][]any{header,
				{"Redan beslutade investeringar", "Ny entré", 300, 100, "UR1", 10, 100, "Enligt plan."},
				{"Reinvesteringar", "IT utrustning", 100, 50, "UR1", 10, 50, "Enligt plan."},
				{"", "Ombyggnad", 40, 20, "UR1", 2, 20, "Enligt plan."},
				{"Summa reinvesteringar", "", 140, 70, "UR1", 12, 70},
				{"Totalt", "", 440, 170},
			},
			names: []string{"Ny entré", "IT utrustning", "Ombyggnad"},
		},
		{
			name: "an empty sum row drops nothing",
			rows: [][]any{header,
				{"Reinvesteringar", "IT utrustning", 100, 50, "UR1", 10, 50, "Enligt plan."},
				{"", "Summa"},
			},
			names: []string{"IT utrustning"},
		},
		{
			name: "an investment named with a hyphenated Total is no sum row",
			rows: [][]any{header,
				{"Reinvesteringar", "IT utrustning", 100, 50, "UR1", 10, 50, "Enligt plan."},
				{"", "Total-renovering av kök", 40, 20, "UR1", 2, 20, "Enligt plan."},
			},
			names: []string{"IT utrustning"},
			want:  []want{{e, sheetInvest, "B3", "summarad"}},
		},
		{
			name: "an investment named Total ombyggnad first in its group",
			rows: [][]any{header,
				{"Redan beslutade investeringar", "Total ombyggnad", 300, 100, "UR1", 10, 100, "Enligt plan."},
			},
			want: []want{{e, sheetInvest, "B2", "summarad"}},
		},
		{
			name: "a sum row that does not match is an error",
			rows: [][]any{header,
				{"Reinvesteringar", "IT utrustning", 100, 50, "UR1", 10, 50, "Enligt plan."},
				{"", "Ombyggnad", 40, 20, "UR1", 2, 20, "Enligt plan."},
				{"Summa reinvesteringar", "", 150, 70, "UR1", 12, 70},
			},
			names: []string{"IT utrustning", "Ombyggnad"},
			want:  []want{{e, sheetInvest, "A4", "summarad"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, probs := read(t, buildWorkbook(t, with(baseSheets(), sheet{sheetInvest, c.rows})), Options{})
			checkProblems(t, probs, c.want, false)
			if c.want == nil && probs.HasErrors() {
				t.Errorf("unexpected errors:\n%s", dump(probs))
			}
			var got []string
			for _, inv := range in.Investments {
				got = append(got, inv.Name)
			}
			if !equalNames(got, c.names) {
				t.Errorf("investments = %q, want %q", got, c.names)
			}
		})
	}
}

func equalNames(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
