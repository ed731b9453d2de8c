package layouts

import (
	"testing"

	"rapport/report/period"
)

func TestCaption(t *testing.T) {
	tests := []struct {
		name string
		n    int
		unit string
		want string
	}{
		{"table 1", 1, "Regionstyrelsen", "Tabell 1 Regionstyrelsens mål och bedömning"},
		{"table 2", 2, "Regionstyrelsen", "Tabell 2 Regionstyrelsens kvalitetsindikatorer för medarbetare"},
		{"table 3", 3, "Regionstyrelsen", "Tabell 3 Regionstyrelsens kvalitetsindikatorer för Ekonomi"},
		{"table 4", 4, "Regionstyrelsen", "Tabell 4 Regionstyrelsens driftbudget, redovisas i mnkr"},
		{"table 5", 5, "Regionstyrelsen", "Tabell 5 Regionstyrelsens investeringsbudget, belopp redovisas i mnkr"},
		{"other unit", 4, "Regionkontoret", "Tabell 4 Regionkontorets driftbudget, redovisas i mnkr"},
		{"name ends in s", 2, "Kultur och fritids", "Tabell 2 Kultur och fritids kvalitetsindikatorer för medarbetare"},
		{"name ends in x", 4, "Box", "Tabell 4 Box driftbudget, redovisas i mnkr"},
		{"surrounding space", 4, " Regionstyrelsen ", "Tabell 4 Regionstyrelsens driftbudget, redovisas i mnkr"},
		{"unknown table", 9, "Regionstyrelsen", "Tabell 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Caption(tt.n, tt.unit); got != tt.want {
				t.Errorf("Caption(%d, %q) = %q, want %q", tt.n, tt.unit, got, tt.want)
			}
		})
	}
}

func TestSections(t *testing.T) {
	ids := func(k period.Kind) []SectionID {
		var out []SectionID
		for _, s := range For(k) {
			out = append(out, s.ID)
		}
		return out
	}
	tests := []struct {
		name string
		kind period.Kind
		want []SectionID
	}{
		{"full report opens with the summary", period.Full, []SectionID{Summary, Goals, Employees, Economy, Glossary, ReconciliationID}},
		{"annual report is a full report", period.Annual, []SectionID{Summary, Goals, Employees, Economy, Glossary, ReconciliationID}},
		{"deviation report", period.Deviation, []SectionID{Prognosis, Employees, OtherDeviations, ReconciliationID}},
		{"unknown kind gets the deviation report", period.Kind(99), []SectionID{Prognosis, Employees, OtherDeviations, ReconciliationID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(tt.kind)
			if len(got) != len(tt.want) {
				t.Fatalf("sections %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("sections %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestGroupSumLabel(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Reinvesteringar", "Summa reinvesteringar"},
		{"Redan beslutade investeringar", "Summa redan beslutade investeringar"},
		{"Ärenden", "Summa ärenden"},
		{"", "Summa"},
	} {
		if got := GroupSumLabel(tc.in); got != tc.want {
			t.Errorf("GroupSumLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
