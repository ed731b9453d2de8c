package doc

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"rapport/layouts"
	"rapport/layouts/internal/testreports"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
)

// texts collects every sentence of a document: paragraphs, list items,
// table cells and notes, headings.
func texts(d Document) string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		switch x := bl.(type) {
		case Heading:
			b.WriteString(x.Text + "\n")
		case Paragraph:
			b.WriteString(x.Text + "\n")
		case List:
			b.WriteString(strings.Join(x.Items, "\n") + "\n")
		case Status:
			b.WriteString(x.Word + " " + x.Note + "\n")
		case Table:
			b.WriteString(x.Caption + "\n" + x.Note + "\n")
			for _, c := range x.Columns {
				b.WriteString(c.Title + "\t")
			}
			for _, r := range x.Rows {
				for _, c := range r.Cells {
					b.WriteString(c.Text + "\t")
				}
				b.WriteString("\n")
			}
		case Chart:
			b.WriteString(x.Title + "\n" + strings.Join(x.Categories, "\t") + "\n" + x.Alt + "\n")
		}
	}
	return b.String()
}

func mustBuild(t *testing.T, r *report.Report) string {
	t.Helper()
	d, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	return texts(d)
}

// TestPeriodWords: during the year every goal word is a forecast, in the
// annual report the outcome; the annual report never speaks of prognosis
// in its sentences.
func TestPeriodWords(t *testing.T) {
	for _, tc := range []struct {
		code      period.Code
		want      []string
		forbidden []string
	}{
		{"UR1", []string{"Av dem bedöms fem uppfyllas, fem delvis uppfyllas och två inte uppfyllas",
			"Bedöms delvis uppfyllas", "↑ (var Bedöms delvis uppfyllas)", "Inget eget mål för Regionstyrelsen",
			"Prognosen har förbättrats med", "Nettokostnaden för perioden"},
			[]string{"Uppfyllt", "Delvis uppfyllt", "Ej uppfyllt", "uppfyllt,", "bedöms sex uppfyllt", "Mål 13", "tretton"}},
		{"ÅR", []string{"Av dem är", "Nettokostnaden för 2026", "Utfall föregående år", "Uppfyllt"},
			[]string{"Bedöms uppfyllas\t", "Prognosen för helåret", "Prognosen har", "bedöms uppfyllas för perioden", "Årsprognos"}},
	} {
		t.Run(string(tc.code), func(t *testing.T) {
			got := mustBuild(t, testreports.Handmade(tc.code))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("document lacks %q", w)
				}
			}
			for _, w := range tc.forbidden {
				if strings.Contains(got, w) {
					t.Errorf("document says %q", w)
				}
			}
		})
	}
}

// TestGoalCountSentence: the count of goals per level in grammatical
// Swedish, for the year and for the annual report.
func TestGoalCountSentence(t *testing.T) {
	for _, tc := range []struct {
		name   string
		kind   period.Kind
		counts [4]int
		want   string
	}{
		{"forecast", period.Full, [4]int{0, 6, 5, 1}, "Regionstyrelsen har tolv mål för 2026. Av dem bedöms sex uppfyllas, fem delvis uppfyllas och ett inte uppfyllas för perioden januari–april 2026."},
		{"outcome", period.Annual, [4]int{0, 6, 5, 1}, "Regionstyrelsen har tolv mål för 2026. Av dem är sex uppfyllda, fem delvis uppfyllda och ett inte uppfyllt."},
		{"one met", period.Annual, [4]int{0, 1, 0, 0}, "Regionstyrelsen har ett mål för 2026. Av dem är ett uppfyllt."},
		{"not assessed", period.Full, [4]int{2, 10, 0, 0}, "Regionstyrelsen har tolv mål för 2026. Av dem bedöms tio uppfyllas för perioden januari–april 2026. Två mål är inte bedömda."},
		{"one not assessed", period.Full, [4]int{1, 0, 0, 0}, "Regionstyrelsen har ett mål för 2026. Ett mål är inte bedömt."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &report.Report{Year: 2026, GoalCounts: tc.counts, Period: period.Entry{Kind: tc.kind, LastMonth: 4, Name: "x"}}
			b := &builder{r: r, unit: "Regionstyrelsen", kind: tc.kind}
			if got := b.goalCountSentence(); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestShortenNeverCutsWords: every shortened text ends at a word's end.
func TestShortenNeverCutsWords(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		n        int
		want     string
	}{
		{"short", "Ett mål", 70, "Ett mål"},
		{"at a space", "Regionstyrelsen ska leda och samordna arbetet", 20, "Regionstyrelsen ska …"},
		{"long first word", "Investeringsnamnutandmellanslag och mer", 10, "Investeringsnamnutandmellanslag …"},
		{"no space at all", strings.Repeat("x", 50), 10, strings.Repeat("x", 50)},
		{"comma before cut", "Hallands tillgänglighet, till arbete", 25, "Hallands tillgänglighet …"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := shorten(tc.in, tc.n); got != tc.want {
				t.Errorf("shorten(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
			}
		})
	}
}

// TestMaterialityAndDirection: a deviation under Väsentlighet is left out
// of the summary's bullets and the deviation report's list; bullets say
// which way, never a bare signed number.
func TestMaterialityAndDirection(t *testing.T) {
	for _, code := range []period.Code{"UR1", "M10"} {
		t.Run(string(code), func(t *testing.T) {
			r := testreports.Handmade(code)
			got := mustBuild(t, r)
			if strings.Contains(got, "Möbler och utrustning, övrigt väntas") {
				t.Error("a 0,2 mnkr deviation is listed under a 0,5 mnkr materiality")
			}
			for _, w := range []string{"Investeringen IT utrustning väntas överskrida årets budget med 1,4 mnkr.",
				"Investeringen Bredbandsutbyggnad väntas underskrida årets budget med 5,5 mnkr."} {
				if !strings.Contains(got, w) {
					t.Errorf("document lacks %q", w)
				}
			}
			if strings.Contains(got, "avviker från budget med") {
				t.Error("a bullet gives a bare signed deviation")
			}
			r.Materiality = 0
			if got := mustBuild(t, r); !strings.Contains(got, "Möbler och utrustning, övrigt väntas underskrida årets budget med 0,2 mnkr.") {
				t.Error("without materiality the small deviation is not listed")
			}
		})
	}
}

// TestNetCostOrResult: a negative Netto without funding is a net cost;
// a positive one, or any Netto with the funding among the lines, is a
// result (SPEC 7.5). The period's and the year's sentences word their
// figures alike, and say so when the year's is of the other kind; in
// every period kind.
func TestNetCostOrResult(t *testing.T) {
	for _, tc := range []struct {
		name           string
		code           period.Code
		result, annual money.Amount // period net; the year's prognosis
		funded         bool
		want           []string
		never          []string
	}{
		{"UR1 net cost, year net cost", "UR1", -371 * money.Mnkr, -1115 * money.Mnkr, false,
			[]string{"Nettokostnaden för perioden januari–april 2026 är 371,0 mnkr", "Prognosen för helårets nettokostnad är 1 115,0 mnkr"},
			[]string{"resultat på", "Resultatet för"}},
		{"UR1 positive net, year net cost", "UR1", 2 * money.Mnkr, -5 * money.Mnkr, false,
			[]string{"Resultatet för perioden januari–april 2026 är 2,0 mnkr", "För helåret är prognosen i stället en nettokostnad på 5,0 mnkr"},
			[]string{"Prognosen för helårets nettokostnad", "Nettokostnaden för"}},
		{"UR1 net cost, year positive", "UR1", -3 * money.Mnkr, 1 * money.Mnkr, false,
			[]string{"Nettokostnaden för perioden januari–april 2026 är 3,0 mnkr", "För helåret är prognosen i stället ett resultat på 1,0 mnkr"},
			[]string{"helårets nettokostnad", "Resultatet för"}},
		{"UR1 positive both", "UR1", 2 * money.Mnkr, 4 * money.Mnkr, false,
			[]string{"Resultatet för perioden januari–april 2026 är 2,0 mnkr", "Prognosen för helårets resultat är 4,0 mnkr"},
			[]string{"nettokostnad på", "Nettokostnaden för", "helårets nettokostnad"}},
		{"UR1 funded", "UR1", 12 * money.Mnkr, -1 * money.Mnkr, true,
			[]string{"Resultatet för perioden januari–april 2026 är 12,0 mnkr", "Prognosen för helårets resultat är −1,0 mnkr"},
			[]string{"nettokostnad på", "Nettokostnaden för", "helårets nettokostnad"}},
		{"M10 positive net, year net cost", "M10", 2 * money.Mnkr, -5 * money.Mnkr, false,
			[]string{"Resultatet för perioden januari–oktober 2026 är 2,0 mnkr", "För helåret är prognosen i stället en nettokostnad på 5,0 mnkr"},
			[]string{"Prognosen för helårets nettokostnad", "Nettokostnaden för"}},
		{"ÅR net cost", "ÅR", -26 * money.Mnkr, -26 * money.Mnkr, false,
			[]string{"Nettokostnaden för 2026 blev 26,0 mnkr"}, []string{"Resultatet för", "prognos"}},
		{"ÅR positive net", "ÅR", 3 * money.Mnkr, 3 * money.Mnkr, false,
			[]string{"Resultatet för 2026 blev 3,0 mnkr"}, []string{"Nettokostnaden för", "nettokostnad på", "prognos"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testreports.Handmade(tc.code)
			r.NetIsResult, r.Economy.PeriodResult = tc.funded, tc.result
			r.Operating.Net.Prognosis = tc.annual
			r.Operating.PrognosisIsBudget = false
			d, err := Build(r)
			if err != nil {
				t.Fatal(err)
			}
			// The sentences before the first table: the summary's or the
			// deviation report's opening.
			var got string
			for _, bl := range d.Blocks {
				if p, ok := bl.(Paragraph); ok && p.Style == Body {
					got = p.Text
					if strings.Contains(got, " mnkr") {
						break
					}
				}
			}
			saysAndNever(t, got, tc.want, tc.never)
		})
	}
}

// TestEmptyTextsLeaveNoHeadings: without the controllers' texts and plan
// follow-up, their headings and optional sections are gone.
func TestEmptyTextsLeaveNoHeadings(t *testing.T) {
	r := testreports.Handmade("UR1")
	r.Texts = map[report.TextSection]string{report.TextRisks: "  "}
	r.PlanFollowUp = nil
	d, err := Build(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, bl := range d.Blocks {
		if h, ok := bl.(Heading); ok {
			for _, s := range report.TextSections {
				if h.Text == layouts.TextTitle(s) && s != report.TextSummary {
					t.Errorf("heading %q without its text", h.Text)
				}
			}
			if h.Text == "Risker och intern kontroll" || h.Text == "Uppföljning av verksamhetsplanens övriga delar" {
				t.Errorf("empty section %q", h.Text)
			}
		}
	}
}

// TestGlossaryExamplesFollowIndicators: the glossary's examples for
// Målvärde and Referensvärde quote the workbook's own indicators and
// organisation, or no figure at all; an empty organisation or unit never
// leaves an empty cover fact or a sentence without a subject.
func TestGlossaryExamplesFollowIndicators(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, tc := range []struct {
		name       string
		org, unit  string
		indicators []report.IndicatorDef
		want       []string
		notWant    []string
	}{
		{"own values", "Gävle kommun", "Kommunstyrelsen",
			[]report.IndicatorDef{{Name: "Sjukfrånvaro", Unit: "%", Target: f(6.1)}, {Name: "Personalomsättning", Unit: "%", Reference: f(9.25)}},
			[]string{"enligt verksamhetsplanen, till exempel sjukfrånvaro 6,1 procent.", "till exempel Gävle kommuns personalomsättning 9,3 procent; inte", "Kommunstyrelsen"},
			[]string{"5,2", "8,5", "Region Halland"}},
		{"no yardsticks", "Region Halland", "Regionstyrelsen",
			[]report.IndicatorDef{{Name: "Sjukfrånvaro", Unit: "%"}},
			[]string{"enligt verksamhetsplanen.\t", "för en indikator; inte ett mål i sig."},
			[]string{"till exempel"}},
		{"no organisation or unit", "", "",
			[]report.IndicatorDef{{Name: "Personalomsättning", Unit: "%", Reference: f(8.5)}},
			[]string{"till exempel personalomsättning 8,5 procent;", "Organisation\t–", "Nämnd/styrelse\t–", "Enheten har"},
			[]string{"Region Halland", "Regionstyrelsen har", "\tRegionstyrelsen\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testReport()
			r.Organisation, r.Unit = tc.org, tc.unit
			r.Indicators = nil
			for _, def := range tc.indicators {
				r.Indicators = append(r.Indicators, report.IndicatorResult{IndicatorDef: def})
			}
			d, err := Build(r)
			if err != nil {
				t.Fatal(err)
			}
			got := texts(d)
			for _, c := range d.Cover {
				got += c.Label + "\t" + c.Value + "\n"
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("unexpected %q in:\n%s", w, got)
				}
			}
		})
	}
}

// TestDeviationReportGoalWords: the deviation report's goal list is
// headed and, when empty, worded in grammatical Swedish (SPEC 7.1), with
// the period's own word and no double negative.
func TestDeviationReportGoalWords(t *testing.T) {
	r := testreports.Handmade("M02")
	got := mustBuild(t, r)
	if !strings.Contains(got, "Mål som inte bedöms uppfyllas\n") || strings.Contains(got, "som bedöms inte") {
		t.Error("the goals not met are not headed \"Mål som inte bedöms uppfyllas\"")
	}
	r.Deviations.Goals = nil
	got = mustBuild(t, r)
	if !strings.Contains(got, "Inget mål har bedömningen Bedöms inte uppfyllas för perioden.") || strings.Contains(got, "Inget mål bedöms inte") {
		t.Error("no goal not met is not worded \"Inget mål har bedömningen Bedöms inte uppfyllas för perioden.\"")
	}
}

// TestPeriodResultNote: table 3's note calls Periodresultat a net cost
// only when it is one, and names the funding of a region or of a
// municipality (SPEC 7.5).
func TestPeriodResultNote(t *testing.T) {
	for _, tc := range []struct {
		name   string
		org    string
		result money.Amount
		funded bool
		want   string
		never  []string
	}{
		{"region, net cost", "Region Norrby", -3 * money.Mnkr, false,
			"Periodresultat är enhetens nettokostnad: regionbidraget ingår inte i raderna.", []string{"kommunbidrag"}},
		{"municipality, net cost", "Norrby kommun", -3 * money.Mnkr, false,
			"Periodresultat är enhetens nettokostnad: kommunbidraget ingår inte i raderna.", []string{"regionbidrag"}},
		{"region, positive net", "Region Norrby", 2 * money.Mnkr, false,
			"Periodresultat är enhetens netto utan regionbidrag: bidraget ingår inte i raderna.", []string{"enhetens nettokostnad"}},
		{"funded", "Region Norrby", 2 * money.Mnkr, true, "", []string{"enhetens nettokostnad", "enhetens netto utan"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testreports.Handmade("UR1")
			r.Organisation, r.Economy.PeriodResult, r.NetIsResult = tc.org, tc.result, tc.funded
			got := mustBuild(t, r)
			if !strings.Contains(got, tc.want) {
				t.Errorf("document lacks %q", tc.want)
			}
			for _, w := range tc.never {
				if strings.Contains(got, w) {
					t.Errorf("document says %q", w)
				}
			}
		})
	}
}

// TestIndicatorWithoutValue: an indicator without a value for the period
// says so in table 2's Status, with no goal word and no symbol, and its
// Trend claims nothing (SPEC 7.4).
func TestIndicatorWithoutValue(t *testing.T) {
	for _, code := range []period.Code{"UR1", "M10", "ÅR"} {
		t.Run(string(code), func(t *testing.T) {
			r := testreports.Handmade(code)
			in := &r.Indicators[0]
			in.Value, in.PriorYear, in.ValueLabel = nil, nil, ""
			in.Grade, in.Trend, in.Level = report.GradeNoValue, report.ChangeNone, report.NotAssessed
			d, err := Build(r)
			if err != nil {
				t.Fatal(err)
			}
			var row *Row
			for _, bl := range d.Blocks {
				if tb, ok := bl.(Table); ok && tb.Caption == layouts.Caption(2, r.Unit) {
					row = &tb.Rows[0]
				}
			}
			if row == nil {
				t.Fatal("no table 2")
			}
			status, trend := row.Cells[5], row.Cells[6]
			if status.Text != "Värde saknas" || status.Level != nil {
				t.Errorf("Status = %q with symbol %v, want \"Värde saknas\" without a symbol", status.Text, status.Level)
			}
			if trend.Text != "–" {
				t.Errorf("Trend = %q, want \"–\"", trend.Text)
			}
		})
	}
}

// TestKeyFiguresBesideWrittenSummary: where the controller wrote a
// Sammanfattning, it comes first and the generated sentences on the net
// and the prognosis follow under their own heading, not as a second
// summary straight after it; without one they open the section
// themselves (SPEC 7.2).
func TestKeyFiguresBesideWrittenSummary(t *testing.T) {
	for _, tc := range []struct {
		name    string
		code    period.Code
		summary string
		heading bool
	}{
		{"UR1 with a written summary", "UR1", "Verksamheten följer planen.", true},
		{"UR1 without", "UR1", "", false},
		{"UR1 with a blank summary", "UR1", " \n ", false},
		{"M10 with a written summary", "M10", "Prognosen är bättre än budget.", true},
		{"M10 without", "M10", "", false},
		{"ÅR with a written summary", "ÅR", "Året gick enligt plan.", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testreports.Handmade(tc.code)
			if r.Texts == nil {
				r.Texts = map[report.TextSection]string{}
			}
			r.Texts[report.TextSummary] = tc.summary
			d, err := Build(r)
			if err != nil {
				t.Fatal(err)
			}
			// The first section: its blocks up to the first table.
			var seq []string
			for _, bl := range d.Blocks[1:] {
				if _, ok := bl.(Table); ok {
					break
				}
				switch x := bl.(type) {
				case Heading:
					seq = append(seq, "H"+strconv.Itoa(x.Level)+" "+x.Text)
				case Paragraph:
					seq = append(seq, x.Text)
				}
			}
			i := slices.IndexFunc(seq, func(s string) bool {
				return strings.Contains(s, " mnkr, vilket är ") || strings.Contains(s, "för 2026 blev ")
			})
			if i < 0 {
				t.Fatalf("no sentence on the net in %q", seq)
			}
			if tc.heading {
				if seq[0] != strings.TrimSpace(tc.summary) || i < 2 || seq[i-1] != "H2 "+keyFiguresTitle {
					t.Errorf("want the written summary, then %q over the key figures; got %q", keyFiguresTitle, seq)
				}
			} else if i != 0 || slices.Contains(seq, "H2 "+keyFiguresTitle) {
				t.Errorf("without a written summary the key figures open the section; got %q", seq)
			}
		})
	}
}

// TestTable1NamesTheUnitsOwnAssembly: table 1's columns, the goal
// headings and the summary name the report's own assembly and unit in the
// plan's places, not Region Halland's (SPEC 7.1).
func TestTable1NamesTheUnitsOwnAssembly(t *testing.T) {
	for _, tc := range []struct {
		name, org, unit string
		want, never     []string
	}{
		{"the plan's own", "Region Halland", "Regionstyrelsen",
			[]string{"Regionfullmäktiges mål\tRegionstyrelsens mål\tBedömning\tFörändring", "Regionfullmäktiges mål: En region som utvecklar och förbättrar cancervården"},
			[]string{"Kommunfullmäktiges"}},
		{"a region's committee", "Region Norrby", "Miljönämnden",
			[]string{"Regionfullmäktiges mål\tMiljönämndens mål\tBedömning", "Regionfullmäktiges mål: En region som utvecklar"},
			[]string{"Regionstyrelsens mål", "Kommunfullmäktiges"}},
		{"a municipality's committee", "Norrby kommun", "Kultur- och fritidsnämnden",
			[]string{"Kommunfullmäktiges mål\tKultur- och fritidsnämndens mål\tBedömning", "Kommunfullmäktiges mål: En region som utvecklar",
				"Kommunfullmäktiges mål: En organisation med robust verksamhet"},
			[]string{"Regionstyrelsens mål", "Regionfullmäktiges", "regionfullmäktige"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testreports.Handmade("UR1")
			r.Organisation, r.Unit = tc.org, tc.unit
			saysAndNever(t, mustBuild(t, r), tc.want, tc.never)
		})
	}
}

// saysAndNever checks that text holds every want and none of never.
func saysAndNever(t *testing.T, text string, want, never []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("document lacks %q", w)
		}
	}
	for _, w := range never {
		if strings.Contains(text, w) {
			t.Errorf("document says %q", w)
		}
	}
}

// TestBoardMemberReading holds wording a board member stumbled on: a
// caption that repeated its section's heading, an indicator named twice
// and its yardstick quoted without a unit in the deviation report, a
// glossary out of alphabetical order, and an empty Förändring for a goal
// assessed for the first time.
func TestBoardMemberReading(t *testing.T) {
	t.Run("plan follow-up caption", func(t *testing.T) {
		d, err := Build(testreports.Handmade("UR1"))
		if err != nil {
			t.Fatal(err)
		}
		heading := ""
		for _, bl := range d.Blocks {
			switch x := bl.(type) {
			case Heading:
				heading = x.Text
			case Table:
				if x.Caption != "" && x.Caption == heading {
					t.Errorf("table caption %q repeats its heading", x.Caption)
				}
			}
		}
	})
	t.Run("deviation report indicator", func(t *testing.T) {
		r := testreports.Handmade("M10")
		if len(r.Deviations.Indicators) == 0 {
			t.Fatal("the handmade M10 has no indicator off target")
		}
		in := r.Deviations.Indicators[0]
		got := mustBuild(t, r)
		i := strings.Index(got, "Indikatorer utanför mål- eller referensvärde\n")
		if i < 0 {
			t.Fatal("no list of indicators off target")
		}
		tail := got[i:]
		if strings.Contains(tail, in.Name+": ") || (in.Description != "" && strings.Contains(tail, in.Description)) {
			t.Errorf("the indicator's name or description is repeated:\n%s", tail)
		}
		if !strings.Contains(tail, in.Name+"\n"+capitalize(lowerFirst(in.Grade.Word()))+" (") {
			t.Errorf("the deviation does not follow the indicator's name:\n%s", tail)
		}
	})
	t.Run("glossary in Swedish alphabetical order", func(t *testing.T) {
		terms := glossaryTerms(testreports.Handmade("UR1"))
		want := []string{"Ackumulerad budgetavvikelse", "Ackumulerad förbrukning", "Avvikelserapport", "Budget ack", "Förändring",
			"Mnkr", "Målvärde", "Netto", "Nettokostnad", "Periodiserad budget", "Periodresultat", "Prognos",
			"Prognos investeringsbudgetavvikelse", "Prognosavvikelse", "Referensvärde", "Trend", "Utfall",
			"Utfall ack föregående år", "Väsentlighet"}
		var got []string
		for _, t := range terms {
			got = append(got, t[0])
		}
		if !slices.Equal(got, want) {
			t.Errorf("glossary order\n%q\nwant\n%q", got, want)
		}
	})
	t.Run("goal assessed for the first time", func(t *testing.T) {
		r := testreports.Handmade("UR1")
		// SPEC 12.5: it says so, and is not counted as a change.
		g := &r.Goals[0]
		g.Level, g.Previous, g.Change, g.FirstAssessed = report.Met, nil, report.ChangeNone, true
		if got := changeText(*g, r.Previous.Name, r.Period.Kind); got != "Första bedömningen" {
			t.Errorf("Förändring = %q, want \"Första bedömningen\"", got)
		}
		got := mustBuild(t, r)
		if strings.Contains(got, "Mål 1 (Regionstyrelsen ska leda och samordna arbetet med att stärka och utveckla Region …): Bedöms uppfyllas") {
			t.Error("the summary lists a first assessment as a change")
		}
		if !strings.Contains(got, "Mål 1 har fått sin första bedömning i år.") {
			t.Error("the summary does not say the goal was assessed for the first time")
		}
	})
	t.Run("goal compared with the latest report that assessed it", func(t *testing.T) {
		r := testreports.Handmade("UR1")
		g := &r.Goals[0]
		prev := report.NotMet
		g.Level, g.Previous, g.Change, g.PreviousFrom = report.Met, &prev, report.ChangeBetter, "Månadsrapport mars"
		if got := changeText(*g, r.Previous.Name, r.Period.Kind); got != "↑ (var Bedöms inte uppfyllas i Månadsrapport mars)" {
			t.Errorf("Förändring = %q", got)
		}
	})
}

// TestDeviationChartWithoutPrognosis: when no prognosis is given and the
// budget stands in for it, the chart shows the accumulated deviation
// alone, not a row of zero prognosis deviations.
func TestDeviationChartWithoutPrognosis(t *testing.T) {
	for _, tc := range []struct {
		name   string
		budget bool
		series []string
	}{
		{"with a prognosis", false, []string{"Avvikelse ack", "Prognosavvikelse"}},
		{"budget as prognosis", true, []string{"Avvikelse ack"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testreports.Handmade("M02")
			r.Operating.PrognosisIsBudget = tc.budget
			d, err := Build(r)
			if err != nil {
				t.Fatal(err)
			}
			for _, bl := range d.Blocks {
				if c, ok := bl.(Chart); ok && c.Kind == DeviationChart {
					var names []string
					for _, s := range c.Series {
						names = append(names, s.Name)
					}
					if !slices.Equal(names, tc.series) {
						t.Errorf("series %q, want %q", names, tc.series)
					}
					return
				}
			}
			t.Fatal("no deviation chart")
		})
	}
}
