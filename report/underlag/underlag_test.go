package underlag

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// sheet is a worksheet for a test workbook: rows of cell values; a value
// of type formula is written as a formula without a cached value.
type sheet struct {
	name string
	rows [][]any
}

type formula string

// buildWorkbook writes a workbook of the given sheets with excelize.
func buildWorkbook(t testing.TB, sheets []sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell := problem.CellName(c+1, r+1)
				var err error
				switch v := v.(type) {
				case formula:
					err = f.SetCellFormula(s.name, cell, string(v))
				case string:
					err = f.SetCellStr(s.name, cell, v)
				default:
					err = f.SetCellValue(s.name, cell, v)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// baseSheets is a small valid workbook; cases replace sheets of it.
func baseSheets() []sheet {
	return []sheet{
		{sheetSettings, [][]any{{"Enhet", "Kulturnämnden"}, {"År", 2026}}},
		{sheetGoals, [][]any{
			{"Nr", "Fokusområde", "Regionfullmäktiges mål", "Regionstyrelsens mål"},
			{"1", "Hälsa", "RF 1", "RS 1"},
			{"2", "", "RF 2", "RS 2"},
			{"3", "", "Cancervård", ""},
		}},
		{sheetAssess, [][]any{
			{"Nr", "Period", "Bedömning", "Analys"},
			{"1", "UR1", "Bedöms uppfyllas", "Bra."},
			{2, "2026-04", "delvis uppfyllt", "Sådär."},
		}},
		{sheetBudget, [][]any{
			{"Rad", "Årsbudget"},
			{"Intäkter", 1200},
			{"Personalkostnader", 600},
			{"Övriga driftskostnader", -300},
		}},
		{sheetPrognosis, [][]any{
			{"Period", "Rad", "Årsprognos"},
			{"M02", "Intäkter", 1100},
		}},
		{sheetInvest, [][]any{
			{"Grupp", "Investering", "Projekt", "Total budget", "2026", "2027", "Period", "Ackumulerad förbrukning", "Prognos", "Kommentar"},
			{"Reinvesteringar", "IT utrustning", "P1", 100, 50, nil, "UR1", 10, 50, "Enligt plan."},
		}},
		{sheetIndValues, [][]any{
			{"Indikator", "Period", "Värde"},
			{"Sjukfrånvaro", "2026-01", "5,2 %"},
		}},
	}
}

// with returns base with sheet s replaced (or added); a sheet with no rows
// and a name starting with "-" removes the named sheet.
func with(base []sheet, changes ...sheet) []sheet {
	out := append([]sheet(nil), base...)
	for _, c := range changes {
		remove := strings.HasPrefix(c.name, "-")
		name := strings.TrimPrefix(c.name, "-")
		found := false
		for i := range out {
			if out[i].name == name {
				found = true
				if remove {
					out = append(out[:i], out[i+1:]...)
				} else {
					out[i] = c
				}
				break
			}
		}
		if !found && !remove {
			out = append(out, c)
		}
	}
	return out
}

func monthDates() []any {
	var out []any
	for m := 1; m <= 12; m++ {
		out = append(out, time.Date(2026, time.Month(m), 1, 0, 0, 0, 0, time.UTC))
	}
	return out
}

func ones() []any {
	var out []any
	for m := 1; m <= 12; m++ {
		out = append(out, 1)
	}
	return out
}

func read(t testing.TB, data []byte, opt Options) (*report.Inputs, problem.List) {
	t.Helper()
	in, probs := Read(bytes.NewReader(data), "underlag.xlsx", opt)
	if in == nil {
		t.Fatal("Read returned nil report.Inputs")
	}
	return in, probs
}

// want is a problem a case expects: severity, place and a part of the
// message.
type want struct {
	sev   problem.Severity
	sheet string
	cell  string // "" matches any
	text  string
}

func (w want) matches(p problem.Problem) bool {
	return p.Severity == w.sev && (w.sheet == "" || p.Sheet == w.sheet) &&
		(w.cell == "" || p.Cell == w.cell) && strings.Contains(p.String(), w.text)
}

func checkProblems(t *testing.T, probs problem.List, wants []want, exact bool) {
	t.Helper()
	for _, w := range wants {
		found := false
		for _, p := range probs {
			found = found || w.matches(p)
		}
		if !found {
			t.Errorf("missing %v at %s!%s containing %q; got:\n%s", w.sev, w.sheet, w.cell, w.text, dump(probs))
		}
	}
	if exact {
		for _, p := range probs {
			ok := false
			for _, w := range wants {
				ok = ok || w.matches(p)
			}
			if !ok {
				t.Errorf("unexpected problem: %s", p)
			}
		}
	}
}

func dump(probs problem.List) string {
	var b strings.Builder
	for _, p := range probs {
		b.WriteString("  " + p.Severity.String() + ": " + p.String() + "\n")
	}
	return b.String()
}

func TestReadUnderlagBase(t *testing.T) {
	in, probs := read(t, buildWorkbook(t, baseSheets()), Options{})
	if len(probs) != 0 {
		t.Fatalf("problems:\n%s", dump(probs))
	}
	if in.Settings.Unit != "Kulturnämnden" || in.Settings.Year != 2026 || in.Settings.Organisation != "Region Halland" {
		t.Errorf("settings = %+v", in.Settings)
	}
	if len(in.Goals) != 3 || in.Goals[1].FocusArea != "Hälsa" || in.Goals[2].BoardGoal != "" || in.Goals[2].CouncilGoal != "Cancervård" {
		t.Errorf("goals = %+v", in.Goals)
	}
	apr := period.Month{Year: 2026, Month: time.April}
	if len(in.Assessments) != 2 || in.Assessments[0].Month != apr || in.Assessments[1].Level != report.PartlyMet || in.Assessments[1].Nr != "2" {
		t.Errorf("assessments = %+v", in.Assessments)
	}
	wantBudget := map[string]money.Amount{report.LineRevenue: 1200 * money.Kr, report.LinePersonnel: -600 * money.Kr, report.LineOther: -300 * money.Kr}
	for _, b := range in.Budget {
		if b.Annual != wantBudget[b.Line] || b.Monthly != nil {
			t.Errorf("budget %s = %v (monthly %v), want %v", b.Line, b.Annual, b.Monthly, wantBudget[b.Line])
		}
	}
	if len(in.Prognoses) != 1 || in.Prognoses[0].Month != (period.Month{Year: 2026, Month: time.February}) {
		t.Errorf("prognoses = %+v", in.Prognoses)
	}
	inv := in.Investments[0]
	if inv.PlanYears[2026] != 50*money.Kr || len(inv.PlanYears) != 1 || *inv.Spent != 10*money.Kr || inv.Month != apr {
		t.Errorf("investment = %+v", inv)
	}
	if v := in.IndicatorValue[0]; v.Value != 5.2 || v.Name != "Sjukfrånvaro" {
		t.Errorf("indicator = %+v", v)
	}
	if len(in.IndicatorDefs) != 2 || in.Chart.Name != report.RegionBas.Name {
		t.Errorf("defs %d, chart %s", len(in.IndicatorDefs), in.Chart.Name)
	}
	if len(in.Problems) != len(probs) {
		t.Errorf("in.Problems has %d, returned %d", len(in.Problems), len(probs))
	}
}

func TestReadUnderlagRules(t *testing.T) {
	e, w := problem.Error, problem.Warning
	cases := []struct {
		name  string
		opt   Options
		sheet []sheet
		want  []want
		check func(t *testing.T, in *report.Inputs)
	}{
		{
			name: "headers: synonyms, case, spaces, order, title rows, unknown columns, units",
			sheet: []sheet{{sheetBudget, [][]any{
				{"Regionstyrelsens driftbudget 2026"},
				{},
				{"  ÅRSBUDGET (tkr) ", "anteckning", "kontoklass"},
				{"1 200,5", "x", "intäkter"},
				{"600", "", "PERSONALKOSTNADER"},
			}}, {"-" + sheetPrognosis, nil}}, // its 1 100 kr against 1,2 mnkr would be a unit slip
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Budget) != 2 || in.Budget[0].Line != report.LineRevenue || in.Budget[0].Annual != 1_200_500*money.Kr ||
					in.Budget[1].Annual != -600_000*money.Kr {
					t.Errorf("budget = %+v", in.Budget)
				}
				if in.Budget[0].Place.Row != 4 {
					t.Errorf("place = %+v", in.Budget[0].Place)
				}
			},
		},
		{
			name: "header: note in parentheses, date cells heading the months",
			sheet: []sheet{{sheetIndValues, [][]any{{"Indikator", "Period", "Värde (%)"}, {"Sjukfrånvaro", "UR1", 5}}},
				{sheetBudget, [][]any{append([]any{"Rad", "Årsbudget"}, monthDates()...), append([]any{"Intäkter", 12}, ones()...)}}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.IndicatorValue) != 1 || in.Budget[0].Monthly == nil || in.Budget[0].Monthly[11] != money.Kr {
					t.Errorf("values %+v, budget %+v", in.IndicatorValue, in.Budget)
				}
			},
		},
		{
			name: "header: mnkr unit scales",
			sheet: []sheet{{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos (mnkr)"}, {"UR2", "Intäkter", 1.5}}},
				{sheetBudget, [][]any{{"Rad", "Årsbudget (tkr)"}, {"Intäkter", 1400}}}},
			check: func(t *testing.T, in *report.Inputs) {
				if p := in.Prognoses[0]; p.Annual != 1_500_000*money.Kr || p.Month.Month != time.August {
					t.Errorf("prognosis = %+v", p)
				}
			},
		},
		{
			name:  "header: missing required column names synonyms",
			sheet: []sheet{{sheetPrognosis, [][]any{{"Period", "Rad", "Belopp"}, {"UR1", "Intäkter", 1}}}},
			want:  []want{{e, sheetPrognosis, "", `kolumnen "Årsprognos" saknas`}, {e, sheetPrognosis, "", "godtas även: Prognos"}},
		},
		{
			name:  "header: duplicate column",
			sheet: []sheet{{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos", "Prognos"}, {"UR1", "Intäkter", 1, 2}}}},
			want:  []want{{e, sheetPrognosis, "D1", "betyder samma kolumn som C1"}},
		},
		{
			name:  "header: unit on a text column is a warning",
			sheet: []sheet{{sheetPrognosis, [][]any{{"Period", "Rad (tkr)", "Årsprognos"}, {"UR1", "Intäkter", 1}}}},
			want:  []want{{w, sheetPrognosis, "B1", "enheten"}},
		},
		{
			name:  "amount: malformed",
			sheet: []sheet{{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {}, {}, {}, {}, {}, {"UR1", "Intäkter", "12,3,4"}}}},
			want:  []want{{e, sheetPrognosis, "C7", `"12,3,4" är inte ett belopp. Skriv ett tal, t.ex. 1 234,5`}},
		},
		{
			name:  "amount: Swedish forms and minus sign",
			sheet: []sheet{{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR1", "Övriga driftskostnader", "−1 234,5"}, {"UR1", "Intäkter", "1\u00a0000"}}}},
			check: func(t *testing.T, in *report.Inputs) {
				if in.Prognoses[0].Annual != -123450 || in.Prognoses[1].Annual != 100000 {
					t.Errorf("prognoses = %+v", in.Prognoses)
				}
			},
		},
		{
			name: "period: month forms, date cell, codes",
			sheet: []sheet{{sheetIndValues, [][]any{{"Indikator", "Period", "Värde"},
				{"Sjukfrånvaro", 202603, 5},
				{"Sjukfrånvaro", time.Date(2026, 5, 31, 0, 0, 0, 0, time.UTC), "5.5"},
				{"sjukfrånvaro", "ÅR", "6,0%"},
				{"Sjukfrånvaro", "ar 2026", 1},
				{"Personalomsättning", "m2", 8},
				{"Personalomsättning", "april 2026", 8},
			}}},
			want: []want{{e, sheetIndValues, "B5", `"ar 2026" är inte en period`}},
			check: func(t *testing.T, in *report.Inputs) {
				got := []string{}
				for _, v := range in.IndicatorValue {
					got = append(got, v.Month.String())
				}
				if strings.Join(got, " ") != "2026-03 2026-05 2026-12 2026-02 2026-04" {
					t.Errorf("months = %v", got)
				}
				if in.IndicatorValue[1].Value != 5.5 || in.IndicatorValue[2].Value != 6 || in.IndicatorValue[2].Name != "Sjukfrånvaro" {
					t.Errorf("values = %+v", in.IndicatorValue)
				}
			},
		},
		{
			name: "budget: month headers with the plan year or a full stop, the plan year after a name",
			sheet: []sheet{{sheetBudget, [][]any{
				{"Rad", "Årsbudget 2026", "2026-01", "feb.", "Mar 2026", "april 2026", "202605", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"},
				append([]any{"Intäkter", 1200}, ones()[:12]...),
			}}, {"-" + sheetPrognosis, nil}},
			want: []want{{w, sheetBudget, "B2", "är inte summan av månaderna"}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Budget) != 1 || in.Budget[0].Monthly == nil || in.Budget[0].Monthly[4] != money.Kr || in.Budget[0].Annual != 1200*money.Kr {
					t.Errorf("budget = %+v", in.Budget)
				}
			},
		},
		{
			name: "budget: a month header that is not read is an error, not a budget periodized by 1/12",
			sheet: []sheet{{sheetBudget, [][]any{
				{"Rad", "Årsbudget", "Budget jan", "2025-02", "Kommentar"},
				{"Intäkter", 1200, 100, 100, "x"},
			}}},
			want: []want{
				{e, sheetBudget, "C1", `"Budget jan" ser ut som en månadskolumn`},
				{e, sheetBudget, "D1", `"2025-02" ser ut som en månadskolumn`},
			},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Budget) != 0 {
					t.Errorf("budget = %+v", in.Budget)
				}
			},
		},
		{
			name: "amount: a unit after the number; Övriga driftkostnader without the s",
			sheet: []sheet{{sheetBudget, [][]any{{"Rad", "Årsbudget"}, {"Intäkter", "1,2 mnkr"}, {"Övriga driftkostnader", "-300 tkr"}}},
				{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos (tkr)"}, {"UR1", "Intäkter", "1 100 tkr"}, {"UR1", "övriga driftkostnader", "0,3 mnkr"}}}},
			want: []want{{e, sheetPrognosis, "C3", `"0,3 mnkr" har enheten mnkr men rubriken anger tkr`}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Budget) != 2 || in.Budget[0].Annual != 1_200_000*money.Kr || in.Budget[1].Line != report.LineOther || in.Budget[1].Annual != -300_000*money.Kr {
					t.Errorf("budget = %+v", in.Budget)
				}
				if len(in.Prognoses) != 1 || in.Prognoses[0].Annual != 1_100_000*money.Kr {
					t.Errorf("prognoses = %+v", in.Prognoses)
				}
			},
		},
		{
			name: "investments: a sum row under the table or a group is no investment; an en dash is a minus",
			sheet: []sheet{{sheetInvest, [][]any{
				{"Grupp", "Investering", "Total budget", "2026", "Period", "Ackumulerad förbrukning", "Prognos", "Kommentar"},
				{"Reinvesteringar", "IT utrustning", 100, 50, "UR1", 10, 50, "Enligt plan."},
				{"", "Totalrenovering", 40, 20, "UR1", 2, "–20", "Enligt plan."},
				{"", "Summa", 140, 70, "UR1", 12, 70},
				{"Summa reinvesteringar", "", 140, 70, "UR1", 12, 70},
				{"TOTALT:", nil, 140, 70},
			}}, {sheetIndValues, [][]any{{"Indikator", "Period", "Värde"}, {"Sjukfrånvaro", "2026-01", "–0,5"}}}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Investments) != 2 || in.Investments[1].Name != "Totalrenovering" || *in.Investments[1].Prognosis != -20*money.Kr {
					t.Errorf("investments = %+v", in.Investments)
				}
				if len(in.IndicatorValue) != 1 || in.IndicatorValue[0].Value != -0.5 {
					t.Errorf("indicator values = %+v", in.IndicatorValue)
				}
			},
		},
		{
			name: "period: the periods' Swedish names",
			sheet: []sheet{{sheetIndValues, [][]any{{"Indikator", "Period", "Värde"},
				{"Sjukfrånvaro", "Uppföljningsrapport 1", 5},
				{"Sjukfrånvaro", "månadsrapport  februari ", 5},
				{"Sjukfrånvaro", "Månadsrapport mars", 5},
				{"Sjukfrånvaro", "Uppfoljningsrapport 2", 5},
				{"Personalomsättning", "Delår 1", 8},
			}}},
			want: []want{{e, sheetIndValues, "B6", `"Delår 1" är inte en period`}},
			check: func(t *testing.T, in *report.Inputs) {
				got := []string{}
				for _, v := range in.IndicatorValue {
					got = append(got, v.Month.String())
				}
				if strings.Join(got, " ") != "2026-04 2026-02 2026-03 2026-08" {
					t.Errorf("months = %v", got)
				}
			},
		},
		{
			name:  "period: code needs a year",
			sheet: []sheet{{sheetSettings, [][]any{{"Enhet", "X"}}}},
			want:  []want{{e, sheetAssess, "B2", "året inte är känt"}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Assessments) != 1 || in.Assessments[0].Month.String() != "2026-04" {
					t.Errorf("assessments = %+v", in.Assessments)
				}
			},
		},
		{
			name: "settings: flags override",
			opt:  Options{Year: 2026, Unit: "Regionstyrelsen"},
			check: func(t *testing.T, in *report.Inputs) {
				if in.Settings.Year != 2026 || in.Settings.Unit != "Regionstyrelsen" || in.Prognoses[0].Month.Year != 2026 {
					t.Errorf("settings = %+v", in.Settings)
				}
			},
		},
		{
			// Driftbudget and Prognos have no year: another year would
			// report it with this year's budget.
			name: "settings: a year that contradicts År",
			opt:  Options{Year: 2025},
			want: []want{{e, sheetSettings, "B2", "underlaget gäller 2026, men körningen gäller 2025"}},
		},
		{
			name: "settings: every key, header row, note column",
			sheet: []sheet{{sheetSettings, [][]any{{"Inställning", "Värde", "Förklaring"},
				{"Enhet:", "Hälso- och sjukvårdsnämnden"}, {"organisation", "Region X"}, {"ÅR", "2026"},
				{"Kontoplan", "Kommun-Bas"}, {"Rapportdatum", time.Date(2026, 5, 12, 0, 0, 0, 0, time.UTC)},
				{"Exempeldata", "Ja", "en anteckning"}, {"Färg", "blå"}}}},
			want: []want{{w, sheetSettings, "A8", "ingen känd inställning"}},
			check: func(t *testing.T, in *report.Inputs) {
				s := in.Settings
				if s.Unit != "Hälso- och sjukvårdsnämnden" || s.Organisation != "Region X" || s.Year != 2026 ||
					s.ChartName != "Kommun-Bas" || s.ReportDate != "2026-05-12" || !s.Example || in.Chart.Name != "Kommun-Bas" {
					t.Errorf("settings = %+v", s)
				}
			},
		},
		{
			// SPEC 12.5: the cover's case number, deciding body and
			// meeting date; a meeting date that is no date is an error.
			name: "settings: Diarienummer, Beslutsinstans, Sammanträdesdatum",
			sheet: []sheet{{sheetSettings, [][]any{{"År", 2026}, {"Dnr", "RS 2026/123"}, {"Beslutsinstans", "Regionstyrelsen"},
				{"Sammanträdesdatum", time.Date(2026, 6, 9, 0, 0, 0, 0, time.UTC)}}}},
			check: func(t *testing.T, in *report.Inputs) {
				s := in.Settings
				if s.CaseNumber != "RS 2026/123" || s.DecisionBody != "Regionstyrelsen" || s.MeetingDate != "2026-06-09" {
					t.Errorf("settings = %+v", s)
				}
			},
		},
		{
			name:  "settings: a meeting date that is no date",
			sheet: []sheet{{sheetSettings, [][]any{{"År", 2026}, {"Sammanträdesdatum", "i juni"}}}},
			want:  []want{{e, sheetSettings, "B2", "inte ett datum"}},
		},
		{
			name:  "settings: unknown chart",
			sheet: []sheet{{sheetSettings, [][]any{{"År", 2026}, {"Kontoplan", "BAS 2024"}}}},
			want:  []want{{e, sheetSettings, "B2", "ingen känd kontoplan"}},
		},
		{
			name:  "settings: bad year",
			sheet: []sheet{{sheetSettings, [][]any{{"År", "tjugosex"}}}},
			want:  []want{{e, sheetSettings, "B1", "inte ett år"}, {e, "", "", "året inte är känt"}},
		},
		{
			name:  "sheets: missing required sheet",
			sheet: []sheet{{"-" + sheetBudget, nil}},
			want:  []want{{e, sheetBudget, "", "bladet saknas"}},
		},
		{
			name:  "sheets: missing optional sheets warn",
			sheet: []sheet{{"-" + sheetPrognosis, nil}, {"-" + sheetIndValues, nil}},
			want:  []want{{w, sheetPrognosis, "", "årsbudgeten används"}, {w, sheetIndValues, "", "tabell 2"}},
		},
		{
			name:  "sheets: names match without diacritics",
			sheet: []sheet{{"-" + sheetAssess, nil}, {"MALBEDOMNING", [][]any{{"Nr", "Period", "Bedömning"}, {"1", "UR1", "Ej bedömt"}}}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Assessments) != 1 || in.Assessments[0].Level != report.NotAssessed {
					t.Errorf("assessments = %+v", in.Assessments)
				}
			},
		},
		{
			name:  "assessment: unknown word lists accepted words",
			sheet: []sheet{{sheetAssess, [][]any{{"Nr", "Period", "Bedömning"}, {"1", "UR1", "Grönt"}}}},
			want:  []want{{e, sheetAssess, "C2", "Välj ett av: Uppfyllt, Helt uppfyllt"}},
		},
		{
			name:  "assessment: unknown goal, duplicate",
			sheet: []sheet{{sheetAssess, [][]any{{"Nr", "Period", "Bedömning"}, {"9", "UR1", "Uppfyllt"}, {"1", "UR1", "Uppfyllt"}, {"1", "2026-04", "Uppfyllt"}}}},
			want:  []want{{e, sheetAssess, "A2", "finns inte i bladet Mål"}, {e, sheetAssess, "A4", "redan en bedömning"}},
		},
		{
			name: "goals: duplicate Nr, heading row",
			sheet: []sheet{{sheetGoals, [][]any{{"Nr", "Fokusområde", "Regionstyrelsens mål"},
				{nil, "Fokus A"}, {"1", nil, "Mål 1"}, {"1", nil, "Mål 1 igen"}}}},
			want: []want{{e, sheetGoals, "A4", "finns redan på rad 3"}, {e, sheetAssess, "A3", "finns inte"}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Goals) != 1 || in.Goals[0].FocusArea != "Fokus A" {
					t.Errorf("goals = %+v", in.Goals)
				}
			},
		},
		{
			// SPEC 2.3: the council goal without a board goal keeps its row
			// and has no Nr; a board goal still needs one.
			name: "goals: council goal without board goal has no Nr",
			sheet: []sheet{{sheetGoals, [][]any{{"Nr", "Fokusområde", "Regionfullmäktiges mål", "Regionstyrelsens mål"},
				{"1", "Fokus A", "RF 1", "RS 1"}, {nil, "Fokus B", "Cancervård", nil}, {"2", nil, "RF 2", "RS 2"}, {nil, nil, nil, "RS utan nummer"}}},
				{sheetAssess, [][]any{{"Nr", "Period", "Bedömning"}, {"1", "UR1", "Uppfyllt"}, {"9", "UR1", "Uppfyllt"}}}},
			// The unnumbered row is no number to offer for an assessment.
			want: []want{{e, sheetGoals, "A5", "målet saknar Nr"}, {e, sheetAssess, "A3", "Använd ett av målnumren 1, 2"}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Goals) != 3 || in.Goals[1] != (report.Goal{FocusArea: "Fokus B", CouncilGoal: "Cancervård"}) ||
					in.Goals[2].Nr != "2" || in.Goals[2].FocusArea != "Fokus B" {
					t.Errorf("goals = %+v", in.Goals)
				}
			},
		},
		{
			name: "budget: monthly key sums, costs positive, netto checked not summed",
			sheet: []sheet{{sheetBudget, [][]any{
				{"Rad", "Årsbudget", "Jan", "Februari", "03", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "december"},
				{"Intäkter", 1200, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100},
				{"Personalkostnader", 1200, 100, 100, 100, 100, 100, 100, 50, 100, 100, 100, 100, 100},
				{"Nettobudget", 0},
			}}},
			want: []want{{w, sheetBudget, "B3", "inte summan av månaderna"}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Budget) != 2 || in.Budget[1].Annual != -1200*money.Kr || in.Budget[1].Monthly[6] != -50*money.Kr ||
					in.Budget[0].Monthly[11] != 100*money.Kr {
					t.Errorf("budget = %+v", in.Budget)
				}
			},
		},
		{
			name:  "budget: monthly within 1 kr is fine; netto differing warns",
			sheet: []sheet{{sheetBudget, [][]any{{"Rad", "Årsbudget", "Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"}, {"Intäkter", 1000.5, 1000}, {"Summa", 5}}}},
			want:  []want{{w, sheetBudget, "B3", "stämmer inte med summan"}},
		},
		{
			name:  "budget: some month columns missing",
			sheet: []sheet{{sheetBudget, [][]any{{"Rad", "Årsbudget", "Jan", "Feb"}, {"Intäkter", 1, 1, 0}}}},
			want:  []want{{e, sheetBudget, "", "månadskolumner saknas: mar"}},
		},
		{
			name:  "budget: unknown and duplicate Rad, negative revenue",
			sheet: []sheet{{sheetBudget, [][]any{{"Rad", "Årsbudget"}, {"Hyror", 1}, {"Intäkter", -5}, {"intäkter", 5}}}},
			want: []want{{e, sheetBudget, "A2", "ingen rad i tabell 4. Skriv en av: Intäkter, Personalkostnader"},
				{w, sheetBudget, "B3", "Intäkter är negativa"}, {e, sheetBudget, "A4", "finns redan på rad 3"}},
		},
		{
			name:  "prognosis: netto per period and duplicate",
			sheet: []sheet{{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR1", "Intäkter", 10}, {"UR1", "Personalkostnader", 4}, {"UR1", "Netto", 6}, {"UR1", "Intäkter", 1}}}},
			want:  []want{{e, sheetPrognosis, "B5", "redan en prognos"}},
		},
		{
			name: "chart sheet replaces standard and keeps balance sheet",
			sheet: []sheet{{sheetChart, [][]any{{"Från konto", "Till konto", "Rad"},
				{3000, 3999, "intäkter"}, {4000, 7999, "Övriga driftskostnader"}, {8000, 8999, "Bidrag"}, {2500, 2599, "Balansräkning"}}},
				{sheetBudget, [][]any{{"Rad", "Årsbudget"}, {"bidrag", 5}}}},
			check: func(t *testing.T, in *report.Inputs) {
				if l, _ := in.Chart.LineOf("1510"); l != report.LineBalanceSheet {
					t.Errorf("1510 → %q", l)
				}
				if l, _ := in.Chart.LineOf("8010"); l != "Bidrag" {
					t.Errorf("8010 → %q", l)
				}
				if l, _ := in.Chart.LineOf("40110"); l != report.LineOther {
					t.Errorf("40110 → %q", l)
				}
				if _, ok := in.Chart.LineOf("9000"); ok {
					t.Error("9000 mapped")
				}
				if in.Budget[0].Line != "Bidrag" {
					t.Errorf("budget = %+v", in.Budget)
				}
			},
		},
		{
			name:  "chart: overlap, bad account, reversed",
			sheet: []sheet{{sheetChart, [][]any{{"Från konto", "Till konto", "Rad"}, {3000, 3999, "Intäkter"}, {3500, 4999, "Personalkostnader"}, {300, 399, "X"}, {6000, 5000, "X"}}}},
			want: []want{{e, sheetChart, "A3", "överlappar intervallet 3000–3999"}, {e, sheetChart, "A4", "fyra siffror"},
				{e, sheetChart, "B5", "lägre än Från konto"}},
		},
		{
			name: "investments: absent values are nil, heading rows, fill-down, warnings",
			sheet: []sheet{{sheetInvest, [][]any{
				{"Grupp", "Investering", "Projekt", "Total budget (tkr)", "2026 (tkr)", "2027", "Period", "Ackumulerad förbrukning", "Prognos", "Kommentar"},
				{"redan beslutade investeringar"},
				{nil, "FVIS", nil, 10, nil, 3, "UR1", nil, nil, nil},
			}}},
			want: []want{{w, sheetInvest, "H3", "Ackumulerad förbrukning saknas"}, {w, sheetInvest, "I3", "Prognos saknas"},
				{w, sheetInvest, "J3", "analys saknas"}},
			check: func(t *testing.T, in *report.Inputs) {
				inv := in.Investments[0]
				if inv.Group != "Redan beslutade investeringar" || inv.Spent != nil || inv.Prognosis != nil ||
					inv.TotalBudget != 10_000*money.Kr || len(inv.PlanYears) != 1 || inv.PlanYears[2027] != 3*money.Kr {
					t.Errorf("investment = %+v", inv)
				}
			},
		},
		{
			name:  "investments: missing group",
			sheet: []sheet{{sheetInvest, [][]any{{"Grupp", "Investering", "Total budget"}, {nil, "X", 1}}}},
			want:  []want{{e, sheetInvest, "A2", "Grupp saknas"}, {w, sheetInvest, "", "kolumnen \"Prognos\" saknas"}},
		},
		{
			name:  "indicators: unknown indicator names the defined ones",
			sheet: []sheet{{sheetIndValues, [][]any{{"Indikator", "Period", "Värde"}, {"Övertid", "2026-01", 1}, {"Sjukfrånvaro", "2026-01", "fem"}}}},
			want: []want{{e, sheetIndValues, "A2", "Skriv en av: Personalomsättning, Sjukfrånvaro"},
				{e, sheetIndValues, "C3", "inte ett tal"}},
		},
		{
			name: "indicator definitions replace the defaults",
			sheet: []sheet{{sheetIndDefs, [][]any{{"Indikator", "Enhet", "Målvärde", "Lägre är bättre"}, {"Övertid", "timmar", "12,5", "Ja"}}},
				{sheetIndValues, [][]any{{"Indikator", "Period", "Värde"}, {"övertid", "2026-01", 1}}}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.IndicatorDefs) != 1 || *in.IndicatorDefs[0].Target != 12.5 || !in.IndicatorDefs[0].LowerIsBetter ||
					in.IndicatorDefs[0].Reference != nil || in.IndicatorValue[0].Name != "Övertid" {
					t.Errorf("defs = %+v, values = %+v", in.IndicatorDefs, in.IndicatorValue)
				}
			},
		},
		{
			name: "calendar sheet overrides the default",
			sheet: []sheet{{sheetCalendar, [][]any{{"Kod", "Namn", "Sista månad", "Typ"},
				{"D1", "Delårsrapport", "juni", "Fullständig"}, {"år", "Årsredovisning", 12, "Årsredovisning"}}},
				{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"d1", "Intäkter", 1}, {"UR1", "Intäkter", 1}}}},
			want: []want{{e, sheetPrognosis, "A3", `"UR1" är inte en period. Skriv en månad (2026-04) eller en period (M01–M12, D1, ÅR)`}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Calendar) != 2 || in.Calendar[0].Code != "D1" || in.Calendar[1].Code != "ÅR" || in.Calendar[1].Kind != period.Annual {
					t.Errorf("calendar = %+v", in.Calendar)
				}
				if in.Prognoses[0].Month.Month != time.June {
					t.Errorf("prognosis = %+v", in.Prognoses)
				}
			},
		},
		{
			name:  "calendar: bad kind",
			sheet: []sheet{{sheetCalendar, [][]any{{"Kod", "Namn", "Sista månad", "Typ"}, {"UR1", "U", 4, "Kort"}}}},
			want:  []want{{e, sheetCalendar, "D2", "ingen rapporttyp"}},
		},
		{
			name: "cells: text kept as text, formula without cached value, formula error",
			sheet: []sheet{{sheetGoals, [][]any{{"Nr", "Regionstyrelsens mål"}, {"1", "=SUMMA(A1)"}, {"2", "@alla"}, {"3", "-minus"}}},
				{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos"}, {"UR1", "Intäkter", formula("1+1")}, {"UR1", "Personalkostnader", "#DIV/0!"}}}},
			want: []want{{e, sheetPrognosis, "C2", "formel utan sparat värde"}, {e, sheetPrognosis, "C3", "formelfel"}},
			check: func(t *testing.T, in *report.Inputs) {
				if in.Goals[0].BoardGoal != "=SUMMA(A1)" || in.Goals[1].BoardGoal != "@alla" || in.Goals[2].BoardGoal != "-minus" {
					t.Errorf("goals = %+v", in.Goals)
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, probs := read(t, buildWorkbook(t, with(baseSheets(), c.sheet...)), c.opt)
			checkProblems(t, probs, c.want, false)
			if c.want == nil && probs.HasErrors() {
				t.Errorf("unexpected errors:\n%s", dump(probs))
			}
			if c.check != nil {
				c.check(t, in)
			}
		})
	}
}

func BenchmarkReadUnderlagTemplate(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, 2026); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Read(bytes.NewReader(data), "underlag.xlsx", Options{})
	}
}

// A sheet formatted down a million rows costs the byte scan, not parsing.
func BenchmarkReadUnderlagMillionEmptyRows(b *testing.B) {
	data := manyEmptyRows(b, buildWorkbook(b, baseSheets()), "xl/worksheets/sheet7.xml", 1_000_000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Read(bytes.NewReader(data), "underlag.xlsx", Options{})
	}
}
