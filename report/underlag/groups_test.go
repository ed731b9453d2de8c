package underlag

import (
	"bytes"
	"testing"

	"rapport/report"
	"rapport/report/problem"
)

// TestGroupsSheet: Grupper is read when the workbook is opened, its Koder
// as Ansvar in Inställningar is read; each problem is at its cell.
func TestGroupsSheet(t *testing.T) {
	e := problem.Error
	cases := []struct {
		name  string
		rows  [][]any
		dim   string
		names []string // group of each row read
		match map[string]string
		want  []want
	}{
		{name: "codes, ranges, prefixes; dimension inherited",
			rows: [][]any{{"Dimension", "Koder", "Grupp"}, {"ansvar", "0100, 2-10", "Vård"}, {"", "RK1*", "Kansli"}, {nil, 300, "Vård"}},
			dim:  report.DimResponsibility, names: []string{"Vård", "Kansli", "Vård"},
			match: map[string]string{"100": "Vård", "9": "Vård", "10": "Vård", "RK15": "Kansli", "RK": "", "300": "Vård", "11": ""}},
		{name: "verksamhet by its short name",
			rows: [][]any{{"Dimension", "Koder", "Grupp"}, {"Vht", "V1*", "V"}},
			dim:  report.DimActivity, names: []string{"V"}},
		{name: "bad rows",
			rows: [][]any{{"Dimension", "Koder", "Grupp"}, {"Ansvar", "1-", "A"}, {"Projekt", "1", "B"}, {"", "", "C"},
				{"", "5", ""}, {"", "7", "Ej grupperat"}, {"Verksamhet", "8", "D"}, {"", "9-1", "E"}, {"", "RK*", "F"}},
			dim: report.DimResponsibility, names: []string{"F"},
			want: []want{{e, sheetGroups, "B2", "Koder 1- är inget intervall"}, {e, sheetGroups, "A3", `"Projekt" är ingen dimension`},
				{e, sheetGroups, "B4", "Koder saknas"}, {e, sheetGroups, "C5", "Grupp saknas"},
				{e, sheetGroups, "C6", "är namnet på konteringarna utanför alla grupper"},
				{e, sheetGroups, "A7", "bladet grupperar redan på Ansvar (Grupper!A2)"},
				{e, sheetGroups, "B8", "börjar efter sitt slut"}}},
		{name: "no dimension",
			rows: [][]any{{"Dimension", "Koder", "Grupp"}, {"", "1", "A"}},
			want: []want{{e, sheetGroups, "", "Dimension saknas"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := buildWorkbook(t, with(baseSheets(), sheet{sheetGroups, tc.rows}))
			w := Open(bytes.NewReader(data), "underlag.xlsx", report.WorkbookOptions{})
			g := w.Groups()
			in := w.Read(0)
			checkProblems(t, in.Problems, tc.want, false)
			if tc.want == nil && in.Problems.HasErrors() {
				t.Errorf("unexpected errors:\n%s", dump(in.Problems))
			}
			if tc.dim == "" {
				if g != nil {
					t.Errorf("groups %+v without a dimension", g)
				}
				return
			}
			if g == nil || g.Dimension != tc.dim || len(g.Defs) != len(tc.names) {
				t.Fatalf("groups = %+v", g)
			}
			for i, d := range g.Defs {
				if d.Name != tc.names[i] || d.Place.Sheet != sheetGroups || d.Place.Col != 2 {
					t.Errorf("row %d = %+v", i, d)
				}
			}
			for code, want := range tc.match {
				got := ""
				for _, d := range g.Defs {
					if d.Select.Match(code) {
						got = d.Name
					}
				}
				if got != want {
					t.Errorf("code %s in %q, want %q", code, got, want)
				}
			}
		})
	}
}

// TestGroupColumn: Driftbudget and Prognos take a Grupp column, one row
// per group and line; a line twice in one group is still an error.
func TestGroupColumn(t *testing.T) {
	data := buildWorkbook(t, with(baseSheets(),
		sheet{sheetBudget, [][]any{{"Rad", "Årsbudget", "Grupp"}, {"Intäkter", 1200, "A"}, {"Intäkter", 100, "B"}, {"Intäkter", 5, "a"}, {"Personalkostnader", 600, ""}}},
		sheet{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos", "Grupp"}, {"M02", "Intäkter", 1100, "A"}, {"M02", "Intäkter", 90, "B"}, {"M02", "Intäkter", 1, "B"}}},
	))
	in, probs := read(t, data, Options{})
	checkProblems(t, probs, []want{{problem.Error, sheetBudget, "A4", "raden finns redan på rad 2"},
		{problem.Error, sheetPrognosis, "B4", "raden har redan en prognos"}}, false)
	var groups []string
	for _, b := range in.Budget {
		groups = append(groups, b.Group+":"+b.Line)
	}
	if len(in.Budget) != 3 || in.Budget[0].Group != "A" || in.Budget[1].Group != "B" || in.Budget[2].Group != "" {
		t.Errorf("budget groups %v", groups)
	}
	if len(in.Prognoses) != 2 || in.Prognoses[1].Group != "B" {
		t.Errorf("prognoses %+v", in.Prognoses)
	}
}
