package underlag

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"rapport/report"
	"rapport/report/money"
	"rapport/report/problem"
)

// TestTemplateRoundTrip: an untouched template does not validate — each
// example row is an error naming its cell (SPEC 7.6) — and with the word
// "Exempel" taken out, every row reads back clean into the fields it fills.
func TestTemplateRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, 2026); err != nil {
		t.Fatal(err)
	}
	_, probs := read(t, buf.Bytes(), Options{})
	wantCells := []string{"Grupper!C2", "Investeringar!B2", "Mål!B2", "Målbedömning!D2", "Planuppföljning!B2", "Prognos!D4", "Texter!C2", "Texter!C3"}
	var got []string
	for _, p := range probs {
		if p.Severity != problem.Error || !strings.Contains(p.Message, "exempelraden från mallen är kvar") {
			t.Errorf("untouched template: unexpected problem %s", p)
			continue
		}
		got = append(got, p.Sheet+"!"+p.Cell)
	}
	if strings.Join(got, " ") != strings.Join(wantCells, " ") {
		t.Errorf("untouched template: example rows reported at %v, want %v", got, wantCells)
	}

	in, probs := read(t, withoutExamples(t, buf.Bytes()), Options{})
	if len(probs) != 0 {
		t.Fatalf("the template's example rows give problems:\n%s", dump(probs))
	}
	if in.Settings.Year != 2026 || in.Settings.Unit != "Regionstyrelsen" || in.Settings.Example ||
		in.Settings.Funding != nil || in.Settings.Materiality == nil || *in.Settings.Materiality != report.DefaultMateriality {
		t.Errorf("settings = %+v", in.Settings)
	}
	if len(in.Goals) != 1 || len(in.Assessments) != 1 || len(in.Prognoses) != 3 || len(in.IndicatorValue) != 2 {
		t.Errorf("goals %d, assessments %d, prognoses %d, indicator values %d",
			len(in.Goals), len(in.Assessments), len(in.Prognoses), len(in.IndicatorValue))
	}
	if len(in.Budget) != 3 || in.Budget[1].Line != report.LinePersonnel || in.Budget[1].Annual != -60_000_000*money.Kr ||
		in.Budget[1].Monthly == nil || in.Budget[1].Monthly[0] != -5_000_000*money.Kr {
		t.Errorf("budget = %+v", in.Budget)
	}
	if c := in.Prognoses[2].Comment; !strings.HasPrefix(c, "högre kostnader för IT-licenser") {
		t.Errorf("prognosis comment = %q", c)
	}
	inv := in.Investments
	if len(inv) != 1 || len(inv[0].PlanYears) != 3 || inv[0].PlanYears[2028] != 1_000_000*money.Kr || inv[0].Spent == nil ||
		inv[0].PriorYearsSpent == nil || *inv[0].PriorYearsSpent != 300_000*money.Kr ||
		inv[0].PrognosisTotal == nil || *inv[0].PrognosisTotal != 5_000_000*money.Kr {
		t.Errorf("investments = %+v", inv)
	}
	defs := DefaultIndicatorDefs()
	if len(in.IndicatorDefs) != 2 || in.IndicatorDefs[0].Description != defs[0].Description ||
		*in.IndicatorDefs[0].Reference != 8.5 || *in.IndicatorDefs[1].Target != 5.2 || !in.IndicatorDefs[1].LowerIsBetter ||
		in.IndicatorDefs[0].Measure != report.MeasureLatest || in.IndicatorDefs[1].Measure != report.MeasureMean {
		t.Errorf("indicator definitions = %+v", in.IndicatorDefs)
	}
	if len(in.Texts) != 2 || in.Texts[0].Section != report.TextSummary || in.Texts[0].Month.Month != time.April ||
		!strings.Contains(in.Texts[0].Text, "händelserna.\n\nEtt nytt stycke") || in.Texts[1].Section != report.TextActions {
		t.Errorf("texts = %+v", in.Texts)
	}
	if len(in.PlanItems) != 1 || in.PlanItems[0].Part != "Arbetsmiljöplan" || in.PlanItems[0].Level != report.Met {
		t.Errorf("plan items = %+v", in.PlanItems)
	}
}

// withoutExamples is a workbook with "Exempel: " taken out of every cell,
// as a controller who kept the example rows' content would leave it.
func withoutExamples(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if strings.HasPrefix(v, "Exempel: ") {
					if err := f.SetCellStr(sh, problem.CellName(c+1, r+1), strings.TrimPrefix(v, "Exempel: ")); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestTemplateDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteTemplate(&a, 2026); err != nil {
		t.Fatal(err)
	}
	if err := WriteTemplate(&b, 2026); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two templates for the same year differ")
	}
}

func TestTemplateContents(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, 2026); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheets[0] != "Instruktioner" {
		t.Errorf("first sheet = %s", sheets[0])
	}
	for _, s := range templateSheets() {
		found := false
		for _, name := range sheets {
			found = found || name == s.name
		}
		if !found {
			t.Errorf("sheet %s missing", s.name)
		}
	}
	// Every header the template writes is one the reader accepts.
	for _, s := range templateSheets() {
		if s.keyValue {
			continue
		}
		rows, err := f.GetRows(s.name)
		if err != nil || len(rows) < 2 {
			t.Fatalf("%s: %v, %d rows", s.name, err, len(rows))
		}
		tb := &table{schema: s}
		cols, years, _, _, dups := tb.headerMatch(dataRow{n: 1, cells: rows[0]})
		if len(cols)+len(years) != len(rows[0]) || len(dups) > 0 {
			t.Errorf("%s: header %v matches %d columns and %d years", s.name, rows[0], len(cols), len(years))
		}
		panes, err := f.GetPanes(s.name)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: header not frozen: %+v", s.name, panes)
		}
	}
	lists := func(sheet string) string {
		dvs, err := f.GetDataValidations(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var formulas []string
		for _, dv := range dvs {
			formulas = append(formulas, dv.Formula1)
		}
		return strings.Join(formulas, " ")
	}
	if l := lists(sheetAssess); !strings.Contains(l, "Bedöms delvis uppfyllas") || !strings.Contains(l, "UR2") {
		t.Errorf("Målbedömning dropdowns = %s", l)
	}
	for _, wantItem := range []string{"UR1", "ÅR", "M12", report.LineOther} {
		if l := lists(sheetPrognosis); !strings.Contains(l, wantItem) {
			t.Errorf("Prognos dropdowns lack %s: %s", wantItem, l)
		}
	}
	if l := lists(sheetInvest); !strings.Contains(l, "Reinvesteringar") {
		t.Errorf("Investeringar dropdowns = %s", l)
	}
	if l := lists(sheetTexts); !strings.Contains(l, "Intern kontroll") || !strings.Contains(l, "Åtgärder") || !strings.Contains(l, "UR2") {
		t.Errorf("Texter dropdowns = %s", l)
	}
	if l := lists(sheetPlan); !strings.Contains(l, "Bedöms delvis uppfyllas") || !strings.Contains(l, "UR2") {
		t.Errorf("Planuppföljning dropdowns = %s", l)
	}
	if l := lists(sheetIndDefs); !strings.Contains(l, "Medel") || !strings.Contains(l, "Senaste") {
		t.Errorf("Indikatordefinitioner dropdowns = %s", l)
	}
	st, _ := f.GetCellStyle(sheetBudget, "B2")
	if s, _ := f.GetStyle(st); s == nil || s.NumFmt != 3 {
		t.Errorf("Driftbudget!B2 number format = %+v", s)
	}
	props, err := f.GetDocProps()
	if err != nil || props.Created != "2026-01-01T00:00:00Z" || props.Language != "sv-SE" {
		t.Errorf("doc props = %+v", props)
	}
}
