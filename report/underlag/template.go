package underlag

import (
	"fmt"
	"io"
	"rapport/report"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"rapport/report/problem"
)

// templateRows are the example rows of each sheet, keyed by field (plan-year
// columns by "y0", "y1", "y2": the template year and the two after). A row
// whose text starts "Exempel" is an error until the controller replaces it
// (SPEC 7.6), so an untouched template never validates; with that word
// taken out, every row reads back without errors or warnings: a test holds
// them to it.
func templateRows(year int) map[string][]map[string]any {
	ur1 := "UR1"
	return map[string][]map[string]any{
		sheetGoals: {{
			fNr: "1", fFocus: "Exempel: Fokusområde ur planen",
			fCouncilGoal: "Exempel: Regionfullmäktiges mål som planen anger det",
			fBoardGoal:   "Exempel: Regionstyrelsens mål som planen anger det",
		}},
		sheetAssess: {{
			fNr: "1", fPeriod: ur1, fLevel: "Bedöms uppfyllas",
			fAnalysis: "Exempel: analys av måluppfyllelsen under perioden, med de viktigaste aktiviteterna och resultaten.",
		}},
		sheetBudget: {
			budgetRow(report.LineRevenue, 12_000_000),
			budgetRow(report.LinePersonnel, 60_000_000),
			budgetRow(report.LineOther, 36_000_000),
		},
		sheetPrognosis: {
			{fPeriod: ur1, fLine: report.LineRevenue, fPrognosis: 12_500_000},
			{fPeriod: ur1, fLine: report.LinePersonnel, fPrognosis: 59_000_000},
			{fPeriod: ur1, fLine: report.LineOther, fPrognosis: 37_000_000,
				fComment: "Exempel: högre kostnader för IT-licenser än budgeterat; avtalet omförhandlas under hösten."},
		},
		sheetInvest: {{
			fGroup: InvestmentGroups[0], fInvestment: "Exempel: IT-system", fProject: "P1001",
			fTotalBudget: 5_000_000, "y0": 2_000_000, "y1": 2_000_000, "y2": 1_000_000,
			fPeriod: ur1, fSpent: 500_000, fPrognosis: 2_000_000,
			fComment:    "Exempel: upphandlingen är klar och införandet följer tidplanen; prognosen motsvarar årets budget.",
			fPriorSpent: 300_000, fProgTotal: 5_000_000,
		}},
		sheetTexts: {
			{fPeriod: ur1, fSection: string(report.TextSummary),
				fText: "Exempel: sammanfattning av perioden – måluppfyllelse, ekonomi och de viktigaste händelserna.\n\nEtt nytt stycke börjar efter en tom rad."},
			{fPeriod: ur1, fSection: string(report.TextActions),
				fText: "Exempel: åtgärder för de negativa avvikelserna, med ansvar och tidplan."},
		},
		sheetGroups: {{
			fDimension: report.DimResponsibility, fCodes: "1000-1999, RK*", fGroupName: "Exempel: Vårdcentraler",
		}},
		sheetPlan: {{
			fPart: "Arbetsmiljöplan", fActivity: "Exempel: prioriterad aktivitet ur planen", fPeriod: ur1,
			fLevel: "Bedöms uppfyllas", fAnalysis: "Exempel: vad som gjorts under perioden och vad som återstår.",
		}},
		sheetIndValues: {
			{fIndicator: "Sjukfrånvaro", fPeriod: fmt.Sprintf("%d-01", year), fValue: 5.4},
			{fIndicator: "Personalomsättning", fPeriod: fmt.Sprintf("%d-01", year), fValue: 8.1},
		},
		sheetIndDefs: indicatorDefRows(),
	}
}

func budgetRow(line string, annual int) map[string]any {
	row := map[string]any{fLine: line, fAnnual: annual}
	for m := 1; m <= 12; m++ {
		row[monthKey(m)] = annual / 12
	}
	return row
}

func indicatorDefRows() []map[string]any {
	var rows []map[string]any
	for _, d := range DefaultIndicatorDefs() {
		row := map[string]any{fIndicator: d.Name, fDescription: d.Description, fUnit: d.Unit, fLowerBetter: "Nej"}
		if d.LowerIsBetter {
			row[fLowerBetter] = "Ja"
		}
		if d.Target != nil {
			row[fTarget] = *d.Target
		}
		if d.Reference != nil {
			row[fReference] = *d.Reference
		}
		switch d.Measure {
		case report.MeasureMean:
			row[fMeasure] = MeasureChoices[0]
		case report.MeasureLatest:
			row[fMeasure] = MeasureChoices[1]
		}
		rows = append(rows, row)
	}
	return rows
}

// templateSheets are the sheets the template writes; Kontoplan and Kalender
// replace built-in defaults, so they are only described in the
// instructions, never written empty.
func templateSheets() []*sheetSchema {
	var out []*sheetSchema
	for i := range underlagSchema {
		s := &underlagSchema[i]
		if !describedOnly(s) {
			out = append(out, s)
		}
	}
	return out
}

const templateDataRows = 500 // rows below the header that get formats and dropdowns

// WriteTemplate writes an empty input workbook in the contract of SPEC
// section 2: an instructions sheet, every sheet with its styled header,
// dropdowns, number formats and one example row that validates clean. The
// bytes depend on year only.
func WriteTemplate(w io.Writer, year int) error {
	f := excelize.NewFile()
	defer f.Close()
	tw := &templateWriter{f: f, year: year}
	if err := tw.styles(); err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", "Instruktioner"); err != nil {
		return err
	}
	tw.instructions()
	tw.settings()
	for _, s := range templateSheets() {
		if !s.keyValue {
			tw.sheet(s)
		}
	}
	if tw.err != nil {
		return tw.err
	}
	date := fmt.Sprintf("%d-01-01T00:00:00Z", year)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: "Underlag för uppföljning " + strconv.Itoa(year), Subject: "Indata till rapport",
		Creator: "rapport", LastModifiedBy: "rapport", Created: date, Modified: date,
		Language: "sv-SE", Description: "Mall för målbedömningar, indikatorer, budget, prognos och investeringar",
	}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// templateWriter keeps the first error, so that the many small calls that
// build a sheet read as a list.
type templateWriter struct {
	f                              *excelize.File
	year                           int
	err                            error
	header, title, bold, wrap, amt int
}

func (tw *templateWriter) check(err error) {
	if tw.err == nil && err != nil {
		tw.err = err
	}
}

func (tw *templateWriter) styles() error {
	var err error
	mk := func(s *excelize.Style) int {
		id, e := tw.f.NewStyle(s)
		if err == nil {
			err = e
		}
		return id
	}
	border := []excelize.Border{{Type: "bottom", Color: "1F4E79", Style: 2}}
	tw.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Color: []string{"1F4E79"}, Pattern: 1},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}, Border: border})
	tw.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F4E79"}})
	tw.bold = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	tw.wrap = mk(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	tw.amt = mk(&excelize.Style{NumFmt: 3}) // #,##0: 1 234 567 in Swedish Excel
	return err
}

// instructions writes the sheet that tells a controller how to fill in the
// workbook, generated from the schema so that the two cannot drift.
func (tw *templateWriter) instructions() {
	const sh = "Instruktioner"
	f := tw.f
	const widthA, widthB = 22.0, 90.0
	row := 1
	// put writes a row; text with b == "" spans both columns. LibreOffice
	// and Excel do not grow a row for wrapped text on opening, so the
	// height is set from an estimate of the lines.
	put := func(a, b string, style int) {
		r := strconv.Itoa(row)
		tw.check(f.SetCellStr(sh, "A"+r, a))
		width, text := widthB, b
		if b != "" {
			tw.check(f.SetCellStr(sh, "B"+r, b))
		} else {
			tw.check(f.MergeCell(sh, "A"+r, "B"+r))
			width, text = widthA+widthB, a
		}
		tw.check(f.SetCellStyle(sh, "A"+r, "B"+r, style))
		if lines := textLines(text, width); lines > 1 {
			tw.check(f.SetRowHeight(sh, row, 15*float64(lines)))
		}
		row++
	}
	put(fmt.Sprintf("Underlag för uppföljning %d", tw.year), "", tw.title)
	row++
	for _, line := range []string{
		"Fyll i ett blad per del av uppföljningen. Exempelraderna visar formen: ersätt dem med era egna uppgifter. En rad vars text börjar med \"Exempel\" ger fel tills den tagits bort.",
		"Rubrikraden får stå var som helst bland de 20 första raderna och kolumnerna i valfri ordning; stavning och stora eller små bokstäver spelar ingen roll. Okända kolumner och blad bortses från.",
		"Belopp skrivs i kronor. Skriv (tkr) eller (mnkr) efter en rubrik, t.ex. \"Årsbudget (tkr)\", om kolumnen har den enheten.",
		"Kostnader kan skrivas som positiva belopp; de räknas som kostnader. Intäkter skrivs positiva.",
		"Period är en månad (2026-04 eller ett datum) eller en period: M01–M12, UR1 (januari–april), UR2 (januari–augusti) eller ÅR.",
		"Tomma celler betyder att uppgiften saknas, inte noll. Formler går bra, men spara filen i Excel så att värdena finns sparade.",
		"Kontrollera underlaget med: rapport validate --in MAPP",
	} {
		put(line, "", tw.wrap)
	}
	row++
	put("Blad", "Innehåll och kolumner (* = obligatorisk)", tw.header)
	for i := range underlagSchema {
		s := &underlagSchema[i]
		text := s.purpose
		if len(s.fields) > 0 {
			var cols []string
			for _, fl := range s.fields {
				if m := monthNumber(fl.key); m > 1 {
					continue // the months are one entry
				}
				name := fl.names[0]
				if fl.key == monthKey(1) {
					name = "Jan … Dec"
				}
				if fl.required {
					name += " *"
				}
				cols = append(cols, name)
			}
			if s.yearColumns {
				cols = append(cols, "ett år per kolumn, t.ex. "+strconv.Itoa(tw.year))
			}
			text += "\nKolumner: " + strings.Join(cols, ", ") + "."
		} else if s.keyValue {
			var keys []string
			for _, k := range settingKeys {
				keys = append(keys, k.names[0]+" ("+k.help+")")
			}
			text += "\nNycklar: " + strings.Join(keys, "; ") + "."
		}
		switch {
		case s.required:
			text += "\nBladet krävs."
		case describedOnly(s):
			text += "\nBladet finns inte i mallen; lägg till det vid behov."
		default:
			text += "\nBladet är valfritt."
		}
		put(s.name, text, tw.wrap)
		tw.check(f.SetCellStyle(sh, "A"+strconv.Itoa(row-1), "A"+strconv.Itoa(row-1), tw.bold))
	}
	row++
	put("Bedömningar som godtas", strings.Join(report.AssessmentWords, ", "), tw.wrap)
	tw.check(f.SetCellStyle(sh, "A"+strconv.Itoa(row-1), "A"+strconv.Itoa(row-1), tw.bold))
	tw.check(f.SetColWidth(sh, "A", "A", widthA))
	tw.check(f.SetColWidth(sh, "B", "B", widthB))
	tw.printSetup(sh, "portrait")
}

// textLines estimates how many lines text takes in a wrapped column of the
// given width (in characters).
func textLines(text string, width float64) int {
	n := 0
	for _, para := range strings.Split(text, "\n") {
		n += int(float64(len([]rune(para)))/(width*0.95)) + 1
	}
	return n
}

// printSetup makes a sheet print on A4, one page wide.
func (tw *templateWriter) printSetup(sheet, orientation string) {
	size, one, any := 9, 1, 0 // 9 is A4
	tw.check(tw.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orientation,
		FitToWidth: &one, FitToHeight: &any}))
	fit := true
	tw.check(tw.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
}

// settings writes Inställningar as key/value rows with a note per key.
func (tw *templateWriter) settings() {
	const sh = sheetSettings
	f := tw.f
	_, err := f.NewSheet(sh)
	tw.check(err)
	for i, h := range []string{"Inställning", "Värde", "Förklaring"} {
		tw.check(f.SetCellStr(sh, problem.CellName(i+1, 1), h))
	}
	tw.check(f.SetCellStyle(sh, "A1", "C1", tw.header))
	values := map[string]any{"unit": "Regionstyrelsen", "organisation": "Region Halland", "year": tw.year,
		"chart": report.RegionBas.Name, "date": "", "case": "", "body": "", "meeting": "", "example": "Nej", "funding": "", "materiality": 0.5}
	for i, k := range settingKeys {
		r := strconv.Itoa(i + 2)
		tw.check(f.SetCellStr(sh, "A"+r, k.names[0]))
		switch v := values[k.key].(type) {
		case int:
			tw.check(f.SetCellInt(sh, "B"+r, int64(v)))
		case float64:
			tw.check(f.SetCellFloat(sh, "B"+r, v, -1, 64))
		case string:
			if v != "" {
				tw.check(f.SetCellStr(sh, "B"+r, v))
			}
		}
		tw.check(f.SetCellStr(sh, "C"+r, k.help))
		switch k.key {
		case "chart":
			tw.dropList(sh, "B"+r, []string{report.RegionBas.Name, report.KommunBas.Name}, true)
		case "example":
			tw.dropList(sh, "B"+r, []string{"Ja", "Nej"}, true)
		}
	}
	tw.check(f.SetColWidth(sh, "A", "A", 18))
	tw.check(f.SetColWidth(sh, "B", "B", 22))
	tw.check(f.SetColWidth(sh, "C", "C", 60))
	tw.freeze(sh)
	tw.printSetup(sh, "portrait")
}

// templateColumn is one column as the template writes it.
type templateColumn struct {
	key    string
	header string
	field  *field
}

// columns gives a sheet's columns in template order: the fields, with the
// plan-year columns after Total budget.
func (tw *templateWriter) columns(s *sheetSchema) []templateColumn {
	var cols []templateColumn
	for i := range s.fields {
		fl := &s.fields[i]
		cols = append(cols, templateColumn{fl.key, fl.names[0], fl})
		if s.yearColumns && fl.key == fTotalBudget {
			for k := 0; k < 3; k++ {
				cols = append(cols, templateColumn{"y" + strconv.Itoa(k), strconv.Itoa(tw.year + k),
					&field{kind: kindAmount, width: 12}})
			}
		}
	}
	return cols
}

// sheet writes one sheet of records: header, example rows, formats,
// dropdowns, frozen header.
func (tw *templateWriter) sheet(s *sheetSchema) {
	f := tw.f
	_, err := f.NewSheet(s.name)
	tw.check(err)
	cols := tw.columns(s)
	rows := templateRows(tw.year)[s.name]
	last := strconv.Itoa(templateDataRows + 1)
	for i, c := range cols {
		col := problem.ColumnName(i + 1)
		tw.check(f.SetColWidth(s.name, col, col, c.field.width))
		switch c.field.kind {
		case kindAmount:
			tw.check(f.SetCellStyle(s.name, col+"2", col+last, tw.amt))
		case kindText:
			if c.field.width >= 40 {
				tw.check(f.SetCellStyle(s.name, col+"2", col+last, tw.wrap))
			}
		}
		tw.check(f.SetCellStr(s.name, col+"1", c.header))
		for r, row := range rows {
			cell := col + strconv.Itoa(r+2)
			switch v := row[c.key].(type) {
			case string:
				tw.check(f.SetCellStr(s.name, cell, v))
			case int:
				tw.check(f.SetCellInt(s.name, cell, int64(v)))
			case float64:
				tw.check(f.SetCellFloat(s.name, cell, v, -1, 64))
			}
		}
		rng := col + "2:" + col + last
		switch {
		case c.key == fLevel:
			tw.dropList(s.name, rng, report.AssessmentWords, true)
		case c.key == fLine:
			tw.dropList(s.name, rng, report.OperatingLines, false)
		case c.key == fGroup:
			tw.dropList(s.name, rng, InvestmentGroups, false)
		case c.key == fDimension:
			tw.dropList(s.name, rng, GroupDimensions, true)
		case c.key == fPeriod:
			tw.dropList(s.name, rng, PeriodChoices, false)
		case c.key == fIndicator && s.name == sheetIndValues:
			var names []string
			for _, d := range DefaultIndicatorDefs() {
				names = append(names, d.Name)
			}
			tw.dropList(s.name, rng, names, false)
		case c.key == fLowerBetter:
			tw.dropList(s.name, rng, []string{"Ja", "Nej"}, true)
		case c.key == fSection:
			var names []string
			for _, sec := range report.TextSections {
				names = append(names, string(sec))
			}
			tw.dropList(s.name, rng, names, true)
		case c.key == fMeasure:
			tw.dropList(s.name, rng, MeasureChoices, true)
		}
	}
	tw.check(f.SetCellStyle(s.name, "A1", problem.CellName(len(cols), 1), tw.header))
	tw.check(f.SetRowHeight(s.name, 1, 30))
	tw.freeze(s.name)
	tw.printSetup(s.name, "landscape")
}

// dropList adds a dropdown. strict lists refuse other values; the others
// only warn, since a month such as 2026-04 or a line of an own chart is
// also right.
func (tw *templateWriter) dropList(sheet, sqref string, items []string, strict bool) {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	tw.check(dv.SetDropList(items))
	if strict {
		dv.SetError(excelize.DataValidationErrorStyleStop, "Ogiltigt värde", "Välj ett värde i listan.")
	} else {
		dv.SetError(excelize.DataValidationErrorStyleWarning, "Värdet finns inte i listan",
			"Värdet finns inte i listan. Behåll det bara om det är rätt.")
	}
	tw.check(tw.f.AddDataValidation(sheet, dv))
}

func (tw *templateWriter) freeze(sheet string) {
	tw.check(tw.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
}
