package underlag

import (
	"testing"
	"time"

	"rapport/report"
	"rapport/report/money"
	"rapport/report/problem"
)

// TestReadSignableInputs covers the sheets, columns and checks of SPEC
// section 7: texts, plan follow-up, comments, funding, materiality,
// measures, and the input checks of 7.6.
func TestReadSignableInputs(t *testing.T) {
	e, w := problem.Error, problem.Warning
	budget := func(rows ...[]any) sheet {
		return sheet{sheetBudget, append([][]any{{"Rad", "Årsbudget"}}, rows...)}
	}
	prognosis := func(rows ...[]any) sheet {
		return sheet{sheetPrognosis, append([][]any{{"Period", "Rad", "Årsprognos", "Kommentar"}}, rows...)}
	}
	settings := func(rows ...[]any) sheet {
		return sheet{sheetSettings, append([][]any{{"Enhet", "Kulturnämnden"}, {"År", 2026}}, rows...)}
	}
	cases := []struct {
		name  string
		sheet []sheet
		want  []want // exact: no other problem
		check func(t *testing.T, in *report.Inputs)
	}{
		{
			name: "Texter: period code or month, Avsnitt folded, paragraphs kept",
			sheet: []sheet{{sheetTexts, [][]any{{"Period", "Avsnitt", "Text"},
				{"UR1", "sammanfattning", "Första stycket.\r\n\r\n\r\nAndra stycket."},
				{"2026-04", "ATGARDER", "Rekrytering pausas."},
				{"M02", " Intern  kontroll ", "Kontrollen är gjord."}}}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Texts) != 3 {
					t.Fatalf("texts = %+v", in.Texts)
				}
				if x := in.Texts[0]; x.Section != report.TextSummary || x.Month.Month != time.April || x.Text != "Första stycket.\n\nAndra stycket." || x.Place.Row != 2 {
					t.Errorf("text 0 = %+v", x)
				}
				if x := in.Texts[1]; x.Section != report.TextActions || x.Month.Month != time.April {
					t.Errorf("text 1 = %+v", x)
				}
				if x := in.Texts[2]; x.Section != report.TextInternalControl || x.Month.Month != time.February {
					t.Errorf("text 2 = %+v", x)
				}
			},
		},
		{
			name:  "Texter absent: no texts, no problem",
			check: func(t *testing.T, in *report.Inputs) { assertLen(t, "texts", len(in.Texts), 0) },
		},
		{
			name: "Texter: unknown Avsnitt, unreadable period, missing Avsnitt, empty text",
			sheet: []sheet{{sheetTexts, [][]any{{"Period", "Avsnitt", "Text"},
				{"UR1", "Förord", "x"}, {"UR3", "Ekonomi", "x"}, {"UR1", nil, "x"}, {"UR1", "Risker", nil}}}},
			want: []want{
				{e, sheetTexts, "B2", `"Förord" är inget avsnitt. Välj ett av: Sammanfattning, Väsentliga händelser, Ekonomi, Åtgärder, Medarbetare, Investeringar, Risker, Intern kontroll`},
				{e, sheetTexts, "A3", `"UR3" är inte en period`},
				{e, sheetTexts, "B4", "Avsnitt saknas"},
				{w, sheetTexts, "C5", "Text saknas"},
			},
			check: func(t *testing.T, in *report.Inputs) { assertLen(t, "texts", len(in.Texts), 0) },
		},
		{
			name: "Texter: two texts for one period and Avsnitt name both cells",
			sheet: []sheet{{sheetTexts, [][]any{{"Period", "Avsnitt", "Text"},
				{"UR1", "Ekonomi", "Ett."}, {"2026-04", "ekonomi", "Två."}, {"UR2", "Ekonomi", "Tre."}}}},
			want: []want{{e, sheetTexts, "C3", "avsnittet Ekonomi har redan en text för 2026-04 i Texter!C2"}},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Texts) != 2 || in.Texts[0].Text != "Ett." || in.Texts[1].Text != "Tre." {
					t.Errorf("texts = %+v", in.Texts)
				}
			},
		},
		{
			name: "Planuppföljning: Del fills down, heading rows, the goals' words",
			sheet: []sheet{{sheetPlan, [][]any{{"Del", "Aktivitet", "Period", "Bedömning", "Analys"},
				{"Grunduppdrag"},
				{nil, "Leda och samordna", "UR1", "Bedöms uppfyllas", "Enligt plan."},
				{"Arbetsmiljöplan", "Hälsofrämjande arbete", "UR1", "delvis uppfyllt", ""},
				{nil, "Systematiskt arbetsmiljöarbete", "UR1", "", ""}}}},
			check: func(t *testing.T, in *report.Inputs) {
				p := in.PlanItems
				if len(p) != 3 || p[0].Part != "Grunduppdrag" || p[0].Level != report.Met || p[0].Analysis != "Enligt plan." ||
					p[1].Part != "Arbetsmiljöplan" || p[1].Level != report.PartlyMet || p[1].Word != "delvis uppfyllt" ||
					p[2].Part != "Arbetsmiljöplan" || p[2].Level != report.NotAssessed || p[2].Month.Month != time.April {
					t.Errorf("plan items = %+v", p)
				}
			},
		},
		{
			name: "Planuppföljning: unknown word, missing activity, duplicate",
			sheet: []sheet{{sheetPlan, [][]any{{"Del", "Aktivitet", "Period", "Bedömning"},
				{"Effektivisering", "Kostnadsutveckling", "UR1", "Grönt"},
				{"Effektivisering", nil, "UR1", "Uppfyllt"},
				{"Effektivisering", "Kostnadsutveckling", "UR1", "Uppfyllt"},
				{"Effektivisering", "Kostnadsutveckling", "2026-04", "Ej uppfyllt"}}}},
			want: []want{
				{e, sheetPlan, "D2", `"Grönt" är ingen bedömning`},
				{e, sheetPlan, "B3", "Aktivitet saknas"},
				{e, sheetPlan, "B5", "aktiviteten har redan en bedömning för 2026-04 på rad 4"},
			},
		},
		{
			name:  "Prognos: Kommentar per row",
			sheet: []sheet{prognosis([]any{"M02", "Intäkter", 1100, "Fler sålda tjänster."}, []any{"UR1", "Intäkter", 1150})},
			check: func(t *testing.T, in *report.Inputs) {
				if len(in.Prognoses) != 2 || in.Prognoses[0].Comment != "Fler sålda tjänster." || in.Prognoses[1].Comment != "" {
					t.Errorf("prognoses = %+v", in.Prognoses)
				}
			},
		},
		{
			name: "Investeringar: Utfall tidigare år and Prognos total in the column's unit, nil when empty",
			sheet: []sheet{{sheetInvest, [][]any{
				{"Grupp", "Investering", "Total budget (tkr)", "Period", "Ackumulerad förbrukning (tkr)", "Prognos (tkr)", "Kommentar", "Utfall tidigare år (tkr)", "Prognos total (mnkr)"},
				{"Reinvesteringar", "IT", 100, "UR1", 10, 50, "Enligt plan.", 20, "0,12"},
				{"Reinvesteringar", "Möbler", 100, "UR1", 10, 50, "Enligt plan."}}}},
			check: func(t *testing.T, in *report.Inputs) {
				inv := in.Investments
				if len(inv) != 2 || inv[0].PriorYearsSpent == nil || *inv[0].PriorYearsSpent != 20*money.Tkr ||
					inv[0].PrognosisTotal == nil || *inv[0].PrognosisTotal != 120*money.Tkr ||
					inv[1].PriorYearsSpent != nil || inv[1].PrognosisTotal != nil {
					t.Errorf("investments = %+v", inv)
				}
			},
		},
		{
			name: "Indikatordefinitioner: Mått Medel, Senaste, empty; other text is an error",
			sheet: []sheet{{sheetIndDefs, [][]any{{"Indikator", "Enhet", "Mått"},
				{"Sjukfrånvaro", "%", "medelvärde"}, {"Övertid", "tim", "Senaste"}, {"Friskvård", "%", nil}}}},
			check: func(t *testing.T, in *report.Inputs) {
				d := in.IndicatorDefs
				if len(d) != 3 || d[0].Measure != report.MeasureMean || d[1].Measure != report.MeasureLatest || d[2].Measure != report.MeasureDefault {
					t.Errorf("definitions = %+v", d)
				}
			},
		},
		{
			name:  "Indikatordefinitioner: a bad Mått",
			sheet: []sheet{{sheetIndDefs, [][]any{{"Indikator", "Mått"}, {"Sjukfrånvaro", "Median"}}}},
			want:  []want{{e, sheetIndDefs, "B2", `"Median" är inget mått. Skriv Medel`}},
		},
		{
			name: "defaults: Sjukfrånvaro Medel, Personalomsättning Senaste; Väsentlighet absent",
			check: func(t *testing.T, in *report.Inputs) {
				for _, d := range in.IndicatorDefs {
					want := map[string]report.Measure{"Sjukfrånvaro": report.MeasureMean, "Personalomsättning": report.MeasureLatest}[d.Name]
					if d.Measure != want {
						t.Errorf("%s: measure %v, want %v", d.Name, d.Measure, want)
					}
				}
				if in.Settings.Materiality != nil || in.Settings.Funding != nil {
					t.Errorf("settings = %+v", in.Settings)
				}
			},
		},
		{
			name:  "Inställningar: Regionbidrag in kr, Väsentlighet in mnkr",
			sheet: []sheet{settings([]any{"Regionbidrag", "371 200 000"}, []any{"Väsentlighet", "0,3"})},
			check: func(t *testing.T, in *report.Inputs) {
				f := in.Settings.Funding
				if f == nil || f.Label != "Regionbidrag" || f.Annual != 371_200_000*money.Kr || f.Place.Row != 3 {
					t.Errorf("funding = %+v", f)
				}
				if m := in.Settings.Materiality; m == nil || *m != 300_000*money.Kr {
					t.Errorf("materiality = %v", m)
				}
			},
		},
		{
			name:  "Inställningar: unit in the key or in the value; Kommunbidrag names the row",
			sheet: []sheet{settings([]any{"Kommunbidrag (mnkr)", 42.5}, []any{"Väsentlighet (tkr)", 250}, []any{"Regionbidrag", nil})},
			check: func(t *testing.T, in *report.Inputs) {
				f := in.Settings.Funding
				if f == nil || f.Label != "Kommunbidrag" || f.Annual != 42_500_000*money.Kr {
					t.Errorf("funding = %+v", f)
				}
				if m := in.Settings.Materiality; m == nil || *m != 250_000*money.Kr {
					t.Errorf("materiality = %v", m)
				}
			},
		},
		{
			name:  "Inställningar: unit written after the value",
			sheet: []sheet{settings([]any{"regionbidrag", "371,2 mnkr"})},
			check: func(t *testing.T, in *report.Inputs) {
				if f := in.Settings.Funding; f == nil || f.Annual != 371_200_000*money.Kr {
					t.Errorf("funding = %+v", f)
				}
			},
		},
		{
			name:  "Inställningar: both Regionbidrag and Kommunbidrag",
			sheet: []sheet{settings([]any{"Regionbidrag", 100}, []any{"Kommunbidrag", 100})},
			want:  []want{{e, sheetSettings, "A4", `"Kommunbidrag" anges, men Regionbidrag finns redan på rad 3`}},
		},
		{
			name:  "Inställningar: a negative bidrag or Väsentlighet, units that disagree, no number",
			sheet: []sheet{settings([]any{"Regionbidrag", -5}, []any{"Väsentlighet", "-0,1"})},
			want: []want{
				{e, sheetSettings, "B3", "inte ett positivt belopp"},
				{e, sheetSettings, "B4", "är negativ"},
			},
		},
		{
			name:  "Inställningar: unit in key and value disagree; text for a number",
			sheet: []sheet{settings([]any{"Regionbidrag (mnkr)", "300 tkr"}, []any{"Väsentlighet", "en halv"})},
			want: []want{
				{e, sheetSettings, "B3", "har enheten tkr men nyckeln anger mnkr"},
				{e, sheetSettings, "B4", `"en halv" är inte ett belopp`},
			},
		},
		{
			name:  "unit slip: a prognosis in mnkr under a kr header",
			sheet: []sheet{budget([]any{"Intäkter", 420_000_000}), prognosis([]any{"UR1", "Intäkter", "425,5"})},
			want: []want{{e, sheetPrognosis, "C2",
				`"425,5" läses som 425,50 kr, men årsbudgeten är 420 000 000,00 kr (Driftbudget!B2): troligen mnkr. Skriv 425 500 000 eller ange enheten i rubriken (mnkr)`}},
		},
		{
			name:  "unit slip: a cost in tkr, written positive",
			sheet: []sheet{budget([]any{"Personalkostnader", -612_400_000}), prognosis([]any{"UR1", "Personalkostnader", 615_900})},
			want: []want{{e, sheetPrognosis, "C2",
				`"615900" läses som 615 900,00 kr, men årsbudgeten är 612 400 000,00 kr (Driftbudget!B2): troligen tkr. Skriv 615 900 000 eller ange enheten i rubriken (tkr)`}},
		},
		{
			name: "unit slip: tkr header, value meant in mnkr",
			sheet: []sheet{budget([]any{"Intäkter", 420_000_000}),
				{sheetPrognosis, [][]any{{"Period", "Rad", "Årsprognos (tkr)"}, {"UR1", "Intäkter", "425,5"}}}},
			want: []want{{e, sheetPrognosis, "C2", "troligen mnkr. Skriv 425 500 eller ange enheten i rubriken (mnkr)"}},
		},
		{
			name:  "unit slip: a prognosis far larger than the budget",
			sheet: []sheet{budget([]any{"Intäkter", 420_000}), prognosis([]any{"UR1", "Intäkter", 425_000_000})},
			want:  []want{{e, sheetPrognosis, "C2", "mer än 20 gånger större, troligen fel enhet. Kontrollera beloppet och kolumnens enhet"}},
		},
		{
			name: "no unit slip: under 100 000 kr, within 20 times, or zero",
			sheet: []sheet{budget([]any{"Intäkter", 90_000}, []any{"Personalkostnader", -1_000_000}, []any{"Övriga driftskostnader", 0}),
				prognosis([]any{"UR1", "Intäkter", 10}, []any{"UR1", "Personalkostnader", -60_000}, []any{"UR1", "Övriga driftskostnader", -5_000_000})},
		},
		{
			name: "opposite signs: a warning at the prognosis",
			sheet: []sheet{budget([]any{"Intäkter", 1200}, []any{"Finansiella poster", -3_800_000}),
				prognosis([]any{"UR1", "Finansiella poster", 3_500_000})},
			want: []want{{w, sheetPrognosis, "C2", "har annat tecken än årsbudgeten −3 800 000,00 kr (Driftbudget!B3)"}},
		},
		{
			name:  "Finansiella poster is taken as written, a positive one questioned where costs are written positive",
			sheet: []sheet{budget([]any{"Intäkter", 1200}, []any{"Personalkostnader", 600}, []any{"Finansiella poster", 38})},
			want:  []want{{w, sheetBudget, "B4", "Finansiella poster är positiv och räknas som en intäkt"}},
			check: func(t *testing.T, in *report.Inputs) {
				if b := in.Budget[2]; b.Line != report.LineFinancial || b.Annual != 38*money.Kr {
					t.Errorf("budget = %+v", in.Budget)
				}
			},
		},
		{
			name:  "Finansiella poster negative with costs positive: no warning",
			sheet: []sheet{budget([]any{"Intäkter", 1200}, []any{"Personalkostnader", 600}, []any{"Finansiella poster", -38})},
			check: func(t *testing.T, in *report.Inputs) {
				if b := in.Budget[2]; b.Annual != -38*money.Kr {
					t.Errorf("budget = %+v", in.Budget)
				}
			},
		},
		{
			name: "Exempel rows: one error per row in any sheet; Exempelvis and Exempeldata are words",
			sheet: []sheet{settings([]any{"Exempeldata", "Nej"}, []any{"Organisation", "Exempel: Region X"}),
				{sheetGoals, [][]any{{"Nr", "Fokusområde", "Regionfullmäktiges mål", "Regionstyrelsens mål"},
					{"1", "EXEMPEL – fokusområde", "Exempel: mål", "RS 1"}, {"2", "Hälsa", "RF 2", "Exempelvis fler besök"}, {"3", "", "Cancervård", ""}}}},
			want: []want{
				{e, sheetSettings, "B4", `"Exempel: Region X" exempelraden från mallen är kvar`},
				{e, sheetGoals, "B2", `"EXEMPEL – fokusområde" exempelraden från mallen är kvar. Ta bort raden`},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, probs := read(t, buildWorkbook(t, with(baseSheets(), c.sheet...)), Options{})
			checkProblems(t, probs, c.want, true)
			if c.check != nil {
				c.check(t, in)
			}
		})
	}
}

func assertLen(t *testing.T, what string, got, want int) {
	t.Helper()
	if got != want {
		t.Errorf("%s: %d, want %d", what, got, want)
	}
}

// The template's example rows begin "Exempel:"; a controller's sentence
// may begin "Exempel på …" and is no example.
func TestIsExampleText(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"Exempel: IT-system", true},
		{"  EXEMPEL – fokusområde", true},
		{"Exempel", true},
		{"exempel.", true},
		{"Exempel IT-system", true},
		{"Exempel 1", true},
		{"Exempel på åtgärder som vidtagits: färre konsulter.", false},
		{"Exempel där prognosen ändrats är FVIS.", false},
		{"Exempelvis fler besök", false},
		{"Exempeldata", false},
		{"Ett exempel: IT", false},
		{"", false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := isExampleText(c.in); got != c.want {
				t.Errorf("isExampleText(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}
