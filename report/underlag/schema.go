package underlag

// The input workbook underlag.xlsx: decisions where SPEC section 2 is
// silent (for the README).
//
// Sheets
//   - Required: Mål, Målbedömning, Driftbudget. A missing one is an error
//     that names the sheet.
//   - Optional, with a warning when missing because a report needs them:
//     Prognos (the annual budget then stands in for the prognosis),
//     Investeringar (table 5 is empty), Indikatorer (table 2 has no values).
//   - Optional and silent: Inställningar (defaults: Enhet Regionstyrelsen,
//     Organisation Region Halland, Kontoplan Region-Bas), Kontoplan (the
//     standard chart), Indikatordefinitioner (the plan's table 2), Kalender
//     (the default follow-up calendar of SPEC 1), Texter (no texts) and
//     Planuppföljning (no plan follow-up); whether a report lacks a text it
//     needs is Compute's to say (SPEC 7.2).
//   - Sheet names match ignoring case, surrounding space and Swedish
//     diacritics ("Malbedomning" is Målbedömning); a few aliases are
//     accepted (Budget for Driftbudget …). Other sheets (such as
//     Instruktioner in the template) are ignored.
//   - The template (rapport template) writes every sheet but Kontoplan and
//     Kalender, which replace built-in defaults; its instructions describe
//     them.
//
// Headers
//   - Matched by name ignoring case, surrounding and repeated spaces,
//     Swedish diacritics and a trailing colon; the synonyms below are
//     accepted. Amount columns may carry (kr), (tkr) or (mnkr); a unit on
//     any other column is a warning and is ignored.
//   - The header is the first row within the first 20 holding every
//     required column. A column matched twice is an error.
//   - In Investeringar every header that is a year (2026, 2027 (tkr), …) is
//     a plan-year column. A note in parentheses, "Värde (%)", is allowed;
//     monthly budget columns may be headed Jan, jan., januari, 1, 01, M01,
//     a month of the plan year (2026-01, Jan 2026, januari 2026) or by a
//     date cell. In Driftbudget without monthly columns, a header that
//     looks like a month but is not read ("Budget jan", 2025-01) is an
//     error: the budget would be periodized by 1/12 without a word. A
//     header may end with the plan year ("Årsbudget 2026").
//
// Cells
//   - An empty row is skipped, as is a row with nothing in the sheet's own
//     columns (a note beside the table). Text is kept as written: a leading = + - @
//     is data. A text longer than 32 767 characters (Excel's own limit) is
//     an error. A formula cell gives its cached value; a formula without one
//     is an error asking to recalculate and save in Excel. A cell holding a
//     formula error (#DIV/0! …) is an error.
//   - A sheet is read up to its last filled row, found by a byte scan of
//     its XML, so a sheet formatted down to row 1 048 576 reads as fast as
//     its data. (Formulas and formats are found by the same scan, not by
//     excelize, which would load such a sheet whole.)
//   - Period: a month (202604, 2026-04, april 2026, a date cell or date
//     text) or a period code (M01–M12, UR1, UR2, ÅR/AR, or a code of the
//     Kalender sheet) or a period's Swedish name as the cover writes it
//     (Uppföljningsrapport 1, Månadsrapport mars), meaning its last month
//     in the report year. A number
//     cell is a date when it is a date serial of 1990–2099. Without a year
//     (neither År nor --year) a period code is an error at its cell;
//     months written with their year still read.
//   - A leading en dash is a minus ("–5 000", as word processors write it).
//   - An amount may carry its unit after the number ("1,2 mnkr", "-300
//     tkr"), as Inställningar's amounts do; a unit other than the
//     header's is an error.
//   - Rad matches ignoring case, spaces and diacritics, and takes
//     "Övriga driftkostnader" for Övriga driftskostnader.
//   - Indicator values accept 5,2 and 5.2 and 5,2 %; a number cell with a
//     percent format (0,052 shown as 5,2 %) is read as 5,2.
//
// Rows
//   - Mål and Investeringar fill empty Fokusområde, Regionfullmäktiges mål
//     and Grupp from the row above, as merged cells read; a row holding
//     only a Fokusområde or only a Grupp is a heading for the rows below.
//   - A merged cell spanning data rows (a Period merged over the goals it
//     assesses, an investment's name and budgets over its period rows)
//     gives its value to every row it covers, in every sheet. An amount
//     merged over rows of different records (two lines of Prognos, two
//     investments) is an error at each covered cell: it would count once
//     per row.
//   - Driftbudget and Prognos: a row named Netto, Nettobudget, Summa or
//     Totalt is not a line: it is never summed, only checked against the
//     sum of the lines (of the same period, for Prognos); a warning when it
//     differs by more than 1 kr.
//   - Sign: Personalkostnader and Övriga driftskostnader entered positive
//     are costs (the row is negated); Intäkter entered negative is a
//     warning and kept; other lines are taken as entered.
//   - Monthly columns in Driftbudget: all twelve or none; a row with all
//     months empty is periodized by Årsbudget × m/12; an empty Årsbudget
//     with months given is their sum.
//   - Duplicates are errors: a Mål Nr, a Driftbudget Rad, a Prognos
//     (Period, Rad), a Målbedömning (Nr, Period), an Indikatorer
//     (Indikator, Period), an Investeringar (Grupp, Investering, Projekt,
//     Period), a Kalender Kod.
//   - An Indikatordefinitioner sheet replaces the default definitions
//     entirely; an indicator value must name a defined indicator. A Kontoplan sheet replaces the standard charts; accounts
//     1000–2999 that it does not map stay balance sheet; a Rad naming no
//     standard line is a line of its own, and budget rows may name it.
//     Overlapping ranges are errors.
//   - A row of Investeringar whose Grupp or Investering begins with Summa,
//     Delsumma, Totalt or Total as a word is a sum row: never an
//     investment, since table 5 sums them itself. It is skipped only where
//     its Total budget and plan years are the sum of the investments since
//     an earlier sum row or its group's start, or of all above (each
//     investment once); otherwise it is an error at its cell, so that an
//     investment named "Total-renovering" is not lost without a word.
//   - An investment without Prognos or Kommentar is a warning; without
//     Ackumulerad förbrukning only when it has no Projekt (otherwise the
//     ledger may supply it).
//   - Texter: Avsnitt matches as headers do (case, spaces, diacritics:
//     "atgarder" is Åtgärder). Two texts for the same period and Avsnitt are
//     an error naming both cells, not joined: a second row is more often a
//     text copied from another period than a second paragraph, and a
//     paragraph break fits in the cell. A row without Text is a warning
//     and is skipped. Line breaks become \n, runs of blank lines one.
//   - Planuppföljning: an empty Del continues the Del above; a row holding
//     only a Del is a heading; Bedömning takes the goals' words, empty is
//     Ej bedömt; a (Del, Aktivitet, Period) twice is an error.
//   - Mått in Indikatordefinitioner: Medel or Senaste (Medelvärde,
//     Genomsnitt, Senaste värde also read); empty leaves the default
//     (Sjukfrånvaro averaged, others latest); other text is an error. The
//     built-in definitions say Senaste for Personalomsättning and Medel for
//     Sjukfrånvaro.
//   - Inställningar: Regionbidrag or Kommunbidrag is an amount in kr, or in
//     the unit of the key ("Regionbidrag (mnkr)") or written after the
//     number ("371,2 mnkr"); it must be positive; both keys with values are
//     an error, an empty one is nothing. Väsentlighet is in mnkr unless the
//     key or value says otherwise; negative is an error.
//   - Checks of SPEC 7.6, each at its cell: a Prognos row whose amount and
//     its line's Årsbudget are both non-zero, the larger at least 100 000
//     kr and more than 20 times the smaller, is an error (a unit slip); when
//     the prognosis is the smaller, the message names the unit (tkr or
//     mnkr) that brings it nearest the budget and the number to type. A
//     Prognos row of the other sign than its line's budget is a warning.
//     A text cell whose first word is "Exempel" (any case; "Exempel:",
//     "EXEMPEL –"; not "Exempelvis", the key Exempeldata, nor a sentence
//     going on in lower case, "Exempel på åtgärder är …") in a data row
//     of any sheet the reader reads, or as a value in Inställningar, is an
//     error, one per row: the template's example rows left in.
//   - Finansiella poster is taken as written (either sign is real); where
//     the costs are written positive, a positive Finansiella poster in the
//     budget is a warning, since it may be meant as a cost.
//
// Files
//   - At most 64 MB on disk and 256 MB unpacked; a worksheet's data rows at
//     most 50 000. A password-protected workbook, an .xls, an .ods, a text
//     (CSV) file, an empty file or a damaged zip each get their own message.

import (
	"strconv"
	"strings"

	"rapport/report"
	"rapport/report/period"
)

// fieldKind says how a column's cells are read.
type fieldKind int

const (
	kindText   fieldKind = iota
	kindAmount           // money; may carry a unit suffix
	kindPeriod           // a month or a period code
	kindNumber           // a decimal number, "5,2 %" allowed
	kindInt              // a whole number: accounts, years
	kindBool             // Ja/Nej
	kindMonth            // a month of the year: 4, april, apr
)

// field is one column of a sheet.
type field struct {
	key      string   // stable name the reader uses
	names    []string // names[0] is the header the template writes; the rest are synonyms
	required bool
	kind     fieldKind
	width    float64 // column width in the template
}

// sheetSchema describes one sheet of underlag.xlsx.
type sheetSchema struct {
	name     string
	aliases  []string
	required bool
	// missing is the warning given when an optional sheet is absent; empty
	// means an absent sheet is silent.
	missing string
	// keyValue sheets hold key/value rows instead of a header and records.
	keyValue bool
	// yearColumns: every header that is a year is a plan-year amount column.
	yearColumns bool
	fields      []field
	// purpose is the sheet's line in the template's instructions.
	purpose string
}

// Sheet names: report's, one spelling for the reader and the messages.
const (
	sheetSettings  = report.SheetSettings
	sheetChart     = report.SheetChart
	sheetGoals     = report.SheetGoals
	sheetAssess    = report.SheetAssess
	sheetBudget    = report.SheetBudget
	sheetPrognosis = report.SheetPrognosis
	sheetInvest    = report.SheetInvest
	sheetIndValues = report.SheetIndValues
	sheetIndDefs   = report.SheetIndDefs
	sheetCalendar  = report.SheetCalendar
	sheetColumns   = report.SheetColumns
	sheetTexts     = report.SheetTexts
	sheetPlan      = report.SheetPlan
	sheetGroups    = report.SheetGroups
)

// Field keys.
const (
	fNr          = "nr"
	fFocus       = "focus"
	fCouncilGoal = "council"
	fBoardGoal   = "board"
	fPeriod      = "period"
	fLevel       = "level"
	fAnalysis    = "analysis"
	fLine        = "line"
	fAnnual      = "annual"
	fPrognosis   = "prognosis"
	fGroup       = "group"
	fInvestment  = "investment"
	fProject     = "project"
	fTotalBudget = "total"
	fSpent       = "spent"
	fComment     = "comment"
	fIndicator   = "indicator"
	fValue       = "value"
	fDescription = "description"
	fUnit        = "unit"
	fTarget      = "target"
	fReference   = "reference"
	fLowerBetter = "lower"
	fFrom        = "from"
	fTo          = "to"
	fCode        = "code"
	fName        = "name"
	fLastMonth   = "lastmonth"
	fKind        = "kind"
	fField       = "field"
	fHeader      = "header"
	fSection     = "section"
	fText        = "text"
	fPart        = "part"
	fActivity    = "activity"
	fPriorSpent  = "priorspent"
	fProgTotal   = "prognosistotal"
	fMeasure     = "measure"
)

// monthKey is the field key of a monthly budget column: m1 … m12.
func monthKey(m int) string { return "m" + strconv.Itoa(m) }

// monthNumber is the month of a monthly column's key, 0 for other keys.
func monthNumber(key string) int {
	if !strings.HasPrefix(key, "m") {
		return 0
	}
	n, err := strconv.Atoi(key[1:])
	if err != nil || n < 1 || n > 12 {
		return 0
	}
	return n
}

// monthFields are Driftbudget's optional Jan … Dec columns.
func monthFields() []field {
	var fs []field
	for m := 1; m <= 12; m++ {
		short := period.ShortMonthName(monthOf(m))
		long := period.MonthName(monthOf(m))
		fs = append(fs, field{
			key:   monthKey(m),
			names: []string{strings.ToUpper(short[:1]) + short[1:], long, strconv.Itoa(m), "0" + strconv.Itoa(m), "M" + strconv.Itoa(m), "M0" + strconv.Itoa(m)},
			kind:  kindAmount, width: 12,
		})
	}
	return fs
}

// Setting keys of the sheet Inställningar, with their accepted spellings.
var settingKeys = []struct {
	key   string
	names []string
	help  string
}{
	{"unit", []string{"Enhet", "Nämnd", "Styrelse"}, "enheten som rapporten gäller; standard Regionstyrelsen"},
	{"organisation", []string{"Organisation", "Region", "Kommun"}, "standard Region Halland"},
	{"year", []string{"År", "Planår", "Verksamhetsår", "Year"}, "verksamhetsplanens år, t.ex. 2026"},
	{"chart", []string{sheetChart}, "Region-Bas eller Kommun-Bas; ett blad Kontoplan ersätter båda"},
	{"date", []string{"Rapportdatum", "Datum"}, "rapportens datum, åååå-mm-dd, som står på försättsbladet; utan det står bara perioden där (valfritt)"},
	{"case", []string{"Diarienummer", "Dnr", "Diarienr"}, "ärendets diarienummer, t.ex. RS 2026/123, på försättsbladet (valfritt)"},
	{"body", []string{"Beslutsinstans", "Beslutande organ"}, "den som beslutar om rapporten, t.ex. Regionstyrelsen, på försättsbladet (valfritt)"},
	{"meeting", []string{"Sammanträdesdatum", "Sammanträde"}, "sammanträdets datum, åååå-mm-dd, på försättsbladet (valfritt)"},
	{"example", []string{"Exempeldata", "Exempel"}, "Ja om underlaget är exempeldata"},
	{"funding", []string{"Regionbidrag", "Kommunbidrag"}, "enhetens årliga regionbidrag eller kommunbidrag i kr, t.ex. 371 200 000, om det inte finns bland raderna i tabell 4; skriv (mnkr) efter nyckeln för mnkr; nyckelordet blir radens namn (valfritt)"},
	{"materiality", []string{"Väsentlighet", "Väsentlighetsgräns"}, "avvikelser under gränsen tas inte upp i sammanfattningens punkter, i mnkr; standard 0,5"},
	{"responsibility", []string{"Ansvar", "Ansvarskoder"}, "enhetens ansvar i en gemensam huvudbok: koder, intervall och prefix, t.ex. 1000-1999, RK* (utan: alla rader)"},
}

// Measures as written in the column Mått of Indikatordefinitioner.
var measureWords = []struct {
	measure report.Measure
	names   []string
}{
	{report.MeasureMean, []string{"Medel", "Medelvärde", "Genomsnitt"}},
	{report.MeasureLatest, []string{"Senaste", "Senaste värde", "Senast"}},
}

// MeasureChoices are the words the template's Mått dropdown offers.
var MeasureChoices = []string{"Medel", "Senaste"}

// Investment groups of table 5 in the plan.
var InvestmentGroups = []string{"Redan beslutade investeringar", "Reinvesteringar"}

// PeriodChoices are the period codes offered in the template's dropdowns.
var PeriodChoices = []string{"M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09", "M10", "M11", "M12", "UR1", "UR2", "ÅR"}

// Calendar kinds as written in the sheet Kalender.
var calendarKinds = []struct {
	kind  period.Kind
	names []string
}{
	{period.Deviation, []string{"Avvikelserapport", "Avvikelse", "Månadsrapport"}},
	{period.Full, []string{"Fullständig", "Fullständig rapport", "Full", "Uppföljningsrapport"}},
	{period.Annual, []string{"Årsredovisning", "År", "Årsrapport"}},
}

// underlagSchema is the whole workbook contract, in the order the template
// writes the sheets.
var underlagSchema = []sheetSchema{
	{
		name: sheetSettings, aliases: []string{"Installningar", "Inställning", "Settings"},
		keyValue: true,
		purpose:  "Nyckel och värde per rad: Enhet, Organisation, År, Kontoplan (Region-Bas eller Kommun-Bas), Rapportdatum, Exempeldata (Ja/Nej). Flaggorna --unit och --year går före.",
	},
	{
		name: sheetGoals, aliases: []string{"Mal", "Målen", "Goals"}, required: true,
		fields: []field{
			{key: fNr, names: []string{"Nr", "Nummer", "Målnr", "Mål nr", "Målnummer"}, required: true, kind: kindText, width: 6},
			{key: fFocus, names: []string{"Fokusområde", "Fokusomrade", "Område"}, kind: kindText, width: 28},
			{key: fCouncilGoal, names: []string{"Regionfullmäktiges mål", "Fullmäktiges mål", "RF mål", "RF-mål", "Kommunfullmäktiges mål", "KF mål"}, kind: kindText, width: 50},
			{key: fBoardGoal, names: []string{"Regionstyrelsens mål", "Styrelsens mål", "Nämndens mål", "RS mål", "RS-mål", "Mål"}, required: true, kind: kindText, width: 50},
		},
		purpose: "Planens mål, ett per rad. Ett fullmäktigemål utan styrelsemål behåller sin rad med tomt styrelsemål. Tomma Fokusområde och Regionfullmäktiges mål ärver raden ovanför.",
	},
	{
		name: sheetAssess, aliases: []string{"Malbedomning", "Bedömning", "Målbedömningar"}, required: true,
		fields: []field{
			{key: fNr, names: []string{"Nr", "Nummer", "Målnr", "Mål nr", "Målnummer"}, required: true, kind: kindText, width: 6},
			{key: fPeriod, names: []string{"Period", "Månad", "Rapport"}, required: true, kind: kindPeriod, width: 10},
			{key: fLevel, names: []string{"Bedömning", "Måluppfyllelse", "Status"}, required: true, kind: kindText, width: 26},
			{key: fAnalysis, names: []string{"Analys", "Kommentar", "Analys och kommentar"}, kind: kindText, width: 80},
		},
		purpose: "Bedömning av varje styrelsemål per period, med analys. Bedömning väljs i listan.",
	},
	{
		name: sheetBudget, aliases: []string{"Budget", "Driftsbudget"}, required: true,
		fields: append([]field{
			{key: fLine, names: []string{"Rad", "Kontoklass", "Rapportrad"}, required: true, kind: kindText, width: 26},
			{key: fAnnual, names: []string{"Årsbudget", "Budget", "Budget år", "Helårsbudget"}, required: true, kind: kindAmount, width: 16},
		}, append(monthFields(), groupField)...),
		purpose: "Årsbudget per rad i tabell 4, och gärna budget per månad (Jan–Dec) som ska summera till årsbudgeten (±1 kr). Kostnader kan skrivas positiva. En rad Netto kontrolleras men summeras inte.",
	},
	{
		name: sheetPrognosis, aliases: []string{"Prognoser", "Årsprognos"},
		missing: "bladet Prognos saknas: årsbudgeten används som prognos",
		fields: []field{
			{key: fPeriod, names: []string{"Period", "Månad", "Prognosmånad"}, required: true, kind: kindPeriod, width: 10},
			{key: fLine, names: []string{"Rad", "Kontoklass", "Rapportrad"}, required: true, kind: kindText, width: 26},
			{key: fPrognosis, names: []string{"Årsprognos", "Prognos", "Helårsprognos"}, required: true, kind: kindAmount, width: 16},
			{key: fComment, names: []string{"Kommentar", "Orsak", "Förklaring", "Analys"}, kind: kindText, width: 60},
			groupField,
		},
		purpose: "Helårsprognos per rad, gjord vid en period, och i Kommentar orsaken till radens avvikelse. Rapporten använder prognosen för sin egen månad eller den senaste före.",
	},
	{
		name: sheetInvest, aliases: []string{"Investering", "Investeringsbudget"},
		missing:     "bladet Investeringar saknas: tabell 5 blir tom",
		yearColumns: true,
		fields: []field{
			{key: fGroup, names: []string{"Grupp", "Investeringsgrupp", "Typ"}, required: true, kind: kindText, width: 30},
			{key: fInvestment, names: []string{"Investering", "Namn", "Benämning"}, required: true, kind: kindText, width: 30},
			{key: fProject, names: []string{"Projekt", "Projektnr", "Projektkod", "Projektnummer"}, kind: kindText, width: 10},
			{key: fTotalBudget, names: []string{"Total budget", "Totalbudget", "Budget total", "Total"}, required: true, kind: kindAmount, width: 16},
			{key: fPeriod, names: []string{"Period", "Månad"}, kind: kindPeriod, width: 10},
			{key: fSpent, names: []string{"Ackumulerad förbrukning", "Ack förbrukning", "Ack. förbrukning", "Förbrukning", "Utfall ack"}, kind: kindAmount, width: 16},
			{key: fPrognosis, names: []string{"Prognos", "Årsprognos"}, kind: kindAmount, width: 16},
			{key: fComment, names: []string{"Kommentar", "Analys", "Kommentar och analys"}, kind: kindText, width: 60},
			{key: fPriorSpent, names: []string{"Utfall tidigare år", "Förbrukning tidigare år", "Utfall före året"}, kind: kindAmount, width: 16},
			{key: fProgTotal, names: []string{"Prognos total", "Total prognos", "Prognos totalt", "Prognos slutkostnad"}, kind: kindAmount, width: 16},
		},
		purpose: "En rad per investering och period: grupp, budget totalt och per planår (en kolumn per år, t.ex. 2026), ackumulerad förbrukning, prognos för året och en analys i Kommentar. Utfall tidigare år (förbrukning före året) och Prognos total (beräknad slutkostnad) är valfria. Tomma celler betyder att värdet saknas, inte noll.",
	},
	{
		name: sheetIndValues, aliases: []string{"Indikator", "Indikatorvärden"},
		missing: "bladet Indikatorer saknas: tabell 2 får inga värden",
		fields: []field{
			{key: fIndicator, names: []string{"Indikator", "Namn"}, required: true, kind: kindText, width: 24},
			{key: fPeriod, names: []string{"Period", "Månad"}, required: true, kind: kindPeriod, width: 10},
			{key: fValue, names: []string{"Värde", "Utfall"}, required: true, kind: kindNumber, width: 10},
		},
		purpose: "Indikatorernas värde per månad, t.ex. 5,2 för 5,2 %.",
	},
	{
		name: sheetIndDefs, aliases: []string{"Indikatordefinition", "Definitioner"},
		fields: []field{
			{key: fIndicator, names: []string{"Indikator", "Namn"}, required: true, kind: kindText, width: 24},
			{key: fDescription, names: []string{"Beskrivning"}, kind: kindText, width: 60},
			{key: fUnit, names: []string{"Enhet"}, kind: kindText, width: 8},
			{key: fTarget, names: []string{"Målvärde", "Mål"}, kind: kindNumber, width: 10},
			{key: fReference, names: []string{"Referensvärde", "Referens"}, kind: kindNumber, width: 12},
			{key: fLowerBetter, names: []string{"Lägre är bättre", "Lägre bättre"}, kind: kindBool, width: 14},
			{key: fMeasure, names: []string{"Mått", "Beräkning"}, kind: kindText, width: 10},
		},
		purpose: "Indikatorernas definitioner. Mått är Medel (medelvärdet januari–rapportmånaden) eller Senaste (det senaste värdet). Utan bladet gäller planens tabell 2 (Personalomsättning: Senaste, Sjukfrånvaro: Medel); med bladet gäller bara dess rader.",
	},
	{
		name: sheetTexts, aliases: []string{"Text", "Texterna", "Kommentarer"},
		fields: []field{
			{key: fPeriod, names: []string{"Period", "Månad", "Rapport"}, required: true, kind: kindPeriod, width: 10},
			{key: fSection, names: []string{"Avsnitt", "Rubrik", "Del"}, required: true, kind: kindText, width: 22},
			{key: fText, names: []string{"Text", "Kommentar", "Analys"}, required: true, kind: kindText, width: 100},
		},
		purpose: "Controllernas texter per rapport: Period, Avsnitt (väljs i listan: " + sectionList() + ") och Text; stycken skiljs med en tom rad (Alt+Enter två gånger). En text visas bara i sin egen periods rapport. Ett avsnitt får en text per period.",
	},
	{
		name: sheetPlan, aliases: []string{"Planuppfoljning", "Uppföljning av planen", "Plan"},
		fields: []field{
			{key: fPart, names: []string{"Del", "Planens del", "Område"}, kind: kindText, width: 24},
			{key: fActivity, names: []string{"Aktivitet", "Uppdrag", "Insats"}, required: true, kind: kindText, width: 50},
			{key: fPeriod, names: []string{"Period", "Månad", "Rapport"}, required: true, kind: kindPeriod, width: 10},
			{key: fLevel, names: []string{"Bedömning", "Status"}, required: true, kind: kindText, width: 26},
			{key: fAnalysis, names: []string{"Analys", "Kommentar"}, kind: kindText, width: 80},
		},
		purpose: "Uppföljning av planens övriga delar (grunduppdraget, arbetsmiljöplanens prioriterade aktiviteter, effektiviseringskravet) i de fullständiga rapporterna, med samma bedömningar som målen. Tom Del ärver raden ovanför.",
	},
	groupsSchema,
	{
		name: sheetChart, aliases: []string{"Kontoplanen", "Kontomappning"},
		fields: []field{
			{key: fFrom, names: []string{"Från konto", "Från", "Fr.o.m. konto", "From konto"}, required: true, kind: kindInt, width: 12},
			{key: fTo, names: []string{"Till konto", "Till", "T.o.m. konto", "Tom konto"}, required: true, kind: kindInt, width: 12},
			{key: fLine, names: []string{"Rad", "Rapportrad", "Kontoklass"}, required: true, kind: kindText, width: 26},
		},
		purpose: "Valfritt: egen kontoplan med kontointervall (fyra siffror) och rad. Ersätter Region-Bas och Kommun-Bas; konton 1000–2999 som bladet inte tar upp förblir balansräkning.",
	},
	{
		name: sheetCalendar, aliases: []string{"Uppföljningskalender", "Perioder"},
		fields: []field{
			{key: fCode, names: []string{"Kod", "Period"}, required: true, kind: kindText, width: 8},
			{key: fName, names: []string{"Namn", "Benämning"}, required: true, kind: kindText, width: 28},
			{key: fLastMonth, names: []string{"Sista månad", "Till månad", "Månad"}, required: true, kind: kindMonth, width: 12},
			{key: fKind, names: []string{"Typ", "Rapporttyp"}, required: true, kind: kindText, width: 18},
		},
		purpose: "Valfritt: egen uppföljningskalender (Kod, Namn, Sista månad, Typ = Avvikelserapport, Fullständig eller Årsredovisning). Ersätter standardkalendern M02, UR1, UR2, M10, ÅR.",
	},
	{
		name: sheetColumns, aliases: []string{"Kolumnnamn", "Kolumnrubriker"},
		fields: []field{
			{key: fField, names: []string{"Fält"}, required: true, kind: kindText, width: 12},
			{key: fHeader, names: []string{"Rubrik", "Kolumnrubrik", "Rubrik i huvudboken"}, required: true, kind: kindText, width: 30},
		},
		purpose: "Valfritt: huvudbokens egna kolumnrubriker, när ingen av de godtagna rubrikerna passar. Fält är Konto, Belopp, Debet, Kredit, Period, Datum, Ansvar, Verksamhet eller Projekt; Rubrik är rubriken som den står i exporten.",
	},
}

// describedOnly tells the sheets that the template describes but does not
// write: they replace built-in defaults or name what most exports never
// need, so an empty one would only be in the way.
func describedOnly(s *sheetSchema) bool {
	return s.name == sheetChart || s.name == sheetCalendar || s.name == sheetColumns
}

// sectionList names the Avsnitt of Texter for instructions and messages.
func sectionList() string {
	var names []string
	for _, s := range report.TextSections {
		names = append(names, string(s))
	}
	return strings.Join(names, ", ")
}

// schemaFor returns the schema of a sheet by its canonical name.
func schemaFor(name string) *sheetSchema {
	for i := range underlagSchema {
		if underlagSchema[i].name == name {
			return &underlagSchema[i]
		}
	}
	return nil
}

// fieldFor returns a sheet's field by key.
func (s *sheetSchema) fieldFor(key string) *field {
	for i := range s.fields {
		if s.fields[i].key == key {
			return &s.fields[i]
		}
	}
	return nil
}

// fold normalises a name for matching: lower case, single spaces, no
// surrounding space or trailing colon, Swedish diacritics folded, so that
// "  Årsbudget: " and "arsbudget" meet.
func fold(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.TrimSpace(strings.TrimSuffix(s, ":"))
	return strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", "\u00a0", " ").Replace(s)
}
