package problem

import "testing"

func TestProblemString(t *testing.T) {
	tests := []struct {
		name string
		p    Problem
		want string
	}{
		{"cell", At(Error, "underlag.xlsx", "Prognos", 3, 7, "12,3,4", "är inte ett belopp", "Skriv ett tal, t.ex. 1 234,5"),
			`underlag.xlsx: Prognos!C7: "12,3,4" är inte ett belopp. Skriv ett tal, t.ex. 1 234,5`},
		{"csv row", Problem{File: "huvudbok.csv", Row: 12, Message: "fel"}, "huvudbok.csv: rad 12: fel"},
		{"sheet row", Problem{File: "underlag.xlsx", Sheet: "Investeringar", Cell: "rad 16", Message: "fel"},
			"underlag.xlsx: Investeringar, rad 16: fel"},
		{"sheet only", Problem{File: "underlag.xlsx", Sheet: "Mål", Message: "bladet saknas"}, "underlag.xlsx: blad Mål: bladet saknas"},
		{"nowhere", Problem{Message: "rapportåret är okänt"}, "rapportåret är okänt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.String(); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestColumnName(t *testing.T) {
	for col, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA", 0: "?"} {
		if got := ColumnName(col); got != want {
			t.Errorf("ColumnName(%d) = %s, want %s", col, got, want)
		}
	}
}

func TestSortAndStrict(t *testing.T) {
	l := List{
		{File: "underlag.xlsx", Sheet: "Prognos", Row: 9, Col: 1, Message: "b"},
		{File: "huvudbok.csv", Row: 3, Message: "a"},
		{File: "underlag.xlsx", Sheet: "Prognos", Row: 2, Col: 5, Message: "c", Severity: Warning},
	}
	l.Sort()
	if l[0].File != "huvudbok.csv" || l[1].Row != 2 || l[2].Row != 9 {
		t.Errorf("order: %v", l)
	}
	if len(l.Errors()) != 2 || len(l.Warnings()) != 1 || l.Strict().Warnings() != nil || !l.Strict().HasErrors() {
		t.Errorf("severities: %v", l)
	}
}
