package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/report"
	"rapport/report/money"
)

// groupLedger is a unit's CSV export with Ansvar codes that a text
// comparison would misplace (9 and 10 in 2-10), a leading zero (0100 is
// the number 100), a code RK beside a prefix RK1* that is its extension,
// and rows outside every group; a posting in every month through April.
var groupLedger = []string{
	"3010;9;202701;-100000,00",
	"3010;10;202702;-200000,00",
	"4010;0100;202703;50000,25",
	"5010;RK;202704;30000,00",
	"5010;RK10;202701;70000,00",
	"4010;RK15;202702;5025,50",
	"3010;;202703;-1000,00",
	"3010;11;202704;-2000,00",
	"4010;9;202705;999999,00", // after the report month
}

func groupFolder(t *testing.T, withBudget bool) string {
	t.Helper()
	sheets := norrbySheets()
	for i, s := range sheets {
		switch s.name {
		case "Inställningar":
			sheets[i].rows = [][]any{{"Inställning", "Värde"}, {"Enhet", norrbyUnit}, {"Organisation", norrbyOrg}, {"År", 2027}}
		case "Driftbudget":
			if withBudget {
				sheets[i].rows = [][]any{
					{"Grupp", "Rad", "Årsbudget"},
					{"Vård", "Intäkter", "1 000 001,00"},
					{"Kansli", "Intäkter", "1 000 001,00"},
					{"Vård", "Personalkostnader", -600000},
					{"Kansli", "Övriga driftskostnader", -240000},
					{"", "Övriga driftskostnader", -120000},
				}
			}
		case "Prognos":
			sheets[i].rows = [][]any{{"Period", "Rad", "Årsprognos", "Grupp", "Kommentar"}}
			if withBudget {
				sheets[i].rows = append(sheets[i].rows,
					[]any{"UR1", "Intäkter", 1100000, "Vård", "Fler besök"},
					[]any{"UR1", "Övriga driftskostnader", -300000, "Kansli", "Dyrare licenser"})
			}
		}
	}
	sheets = append(sheets, sheetRows{"Grupper", [][]any{
		{"Dimension", "Koder", "Grupp"},
		{"Ansvar", "2-10, 0100", "Vård"},
		{"", "RK, RK1*", "Kansli"},
	}})
	dir := t.TempDir()
	writeWorkbook(t, filepath.Join(dir, "underlag.xlsx"), sheets)
	csv := "Konto;Ansvar;Period;Belopp\n" + strings.Join(groupLedger, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(dir, "huvudbok.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestGroupsEndToEnd: a unit with Grupper gets table 4 per group in its
// JSON and its workbook, every figure the same in both, the groups
// adding up to table 4 line by line.
func TestGroupsEndToEnd(t *testing.T) {
	for _, withBudget := range []bool{true, false} {
		t.Run(strconv.FormatBool(withBudget), func(t *testing.T) {
			dir := groupFolder(t, withBudget)
			out := t.TempDir()
			code, _, stderr := runCmd(t, "generate", "--in", dir, "--out", out, "--period", "UR1", "--format", "json,xlsx", "--quiet")
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			r := readReport(t, filepath.Join(out, norrbyUnit+"_2027_UR1.json"))
			g := r.Groups
			if g == nil || g.HasBudget != withBudget || len(g.Groups) != 3 {
				t.Fatalf("groups %+v", g)
			}
			outcome := map[string]money.Amount{}
			for _, gr := range g.Groups {
				outcome[gr.Name] = gr.Net.OutcomeAcc
			}
			// Vård: 100 000 + 200 000 − 50 000,25; Kansli: −30 000 − 70 000 − 5 025,50;
			// Ej grupperat: 1 000 + 2 000.
			want := map[string]money.Amount{"Vård": kr(t, "249999,75"), "Kansli": kr(t, "-105025,50"), report.GroupUngrouped: kr(t, "3000")}
			for name, a := range want {
				if outcome[name] != a {
					t.Errorf("%s outcome %s, want %s", name, outcome[name].FormatKr(), a.FormatKr())
				}
			}
			for j, l := range r.Operating.Lines {
				var sum report.OperatingLine
				for _, gr := range g.Groups {
					gl := gr.Lines[j]
					sum.OutcomeAcc += gl.OutcomeAcc
					sum.BudgetAcc += gl.BudgetAcc
					sum.Prognosis += gl.Prognosis
					sum.DeviationAcc += gl.DeviationAcc
				}
				if sum.OutcomeAcc != l.OutcomeAcc || withBudget && (sum.BudgetAcc != l.BudgetAcc || sum.Prognosis != l.Prognosis || sum.DeviationAcc != l.DeviationAcc) {
					t.Errorf("%s: groups %+v, table 4 %+v", l.Line, sum, l)
				}
			}
			if withBudget {
				// 1 000 001 × 4/12 = 333 333,666… → 333 333,67 per group;
				// table 4's Budget ack is their sum, 666 667,34.
				if l := r.Operating.Lines[0]; l.BudgetAcc != kr(t, "666667,34") {
					t.Errorf("Intäkter budget ack %s", l.BudgetAcc.FormatKr())
				}
			}
			f, err := excelize.OpenFile(filepath.Join(out, norrbyUnit+"_2027_UR1.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, err := f.GetRows("Tabell 4 per grupp", excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			found := 0
			for _, row := range rows {
				if len(row) < 3 {
					continue
				}
				for _, gr := range g.Groups {
					if row[0] == gr.Name && row[1] == "Netto" {
						found++
						if v, err := strconv.ParseFloat(row[2], 64); err != nil || v != gr.Net.OutcomeAcc.Kronor() {
							t.Errorf("%s Netto Utfall ack in the workbook %s, want %s", gr.Name, row[2], gr.Net.OutcomeAcc.FormatKr())
						}
					}
				}
			}
			if found != len(g.Groups) {
				t.Errorf("%d Netto rows in the workbook", found)
			}
		})
	}
}
