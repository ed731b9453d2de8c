// Package layouts says what each kind of report holds — which sections, in
// which order, under which headings — and how the plan words the table
// captions, as data shared by the PDF and Excel renderers. It turns nothing
// into pages itself, and it knows nothing about input files: it sees only
// report kinds and unit names.
package layouts

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"rapport/report"
	"rapport/report/period"
)

// SectionID names a section of a report. Renderers switch on it to build a
// section's content; which sections a report has is decided by Sections.
type SectionID string

// The sections a report can hold.
const (
	Summary          SectionID = "sammanfattning"
	Goals            SectionID = "mal"
	PlanFollowUp     SectionID = "planuppfoljning"
	Employees        SectionID = "medarbetare"
	Economy          SectionID = "ekonomi"
	Investments      SectionID = "investeringar"
	Prognosis        SectionID = "ekonomisk-prognos"
	OtherDeviations  SectionID = "ovriga-avvikelser"
	Risks            SectionID = "risker"
	Glossary         SectionID = "begrepp"
	ReconciliationID SectionID = "avstamning"
	WarningsID       SectionID = "varningar"
)

// Section is one top-level section of a report.
type Section struct {
	ID    SectionID `json:"id"`
	Title string    `json:"title"` // the heading, in Swedish
	// Appendix sections come after the body, under "Bilaga".
	Appendix bool `json:"appendix,omitempty"`
	// Lead are the controllers' texts (sheet Texter) that open the
	// section, before its tables, without a heading of their own: the
	// written summary.
	Lead []report.TextSection `json:"lead,omitempty"`
	// Texts are the controllers' texts that close the section, each
	// under its heading (TextTitle); a text that is empty for the period
	// leaves no heading.
	Texts []report.TextSection `json:"texts,omitempty"`
	// Optional sections are left out, heading and all, when they have
	// nothing to say (no plan follow-up rows, no risk texts).
	Optional bool `json:"optional,omitempty"`
}

// fullReport is what a full follow-up report and the annual report hold
// (SPEC sections 1 and 7.2): the written summary first, then the plan's
// order, each text of the controllers under the table it explains.
var fullReport = []Section{
	{ID: Summary, Title: "Sammanfattning", Lead: []report.TextSection{report.TextSummary}, Texts: []report.TextSection{report.TextEvents}},
	{ID: Goals, Title: "Mål"},
	{ID: PlanFollowUp, Title: "Uppföljning av verksamhetsplanens övriga delar", Optional: true},
	{ID: Employees, Title: "Medarbetare", Texts: []report.TextSection{report.TextEmployees}},
	{ID: Economy, Title: "Ekonomi", Texts: []report.TextSection{report.TextEconomy, report.TextActions}},
	{ID: Investments, Title: "Investeringar", Texts: []report.TextSection{report.TextInvestments}},
	{ID: Risks, Title: "Risker och intern kontroll", Texts: []report.TextSection{report.TextRisks, report.TextInternalControl}, Optional: true},
	{ID: Glossary, Title: "Ord- och begreppsförklaringar", Appendix: true},
}

// deviationReport is the short "avvikelserapport" of the months between
// the follow-up reports: prognosis with its analysis and actions,
// employees, other deviations.
var deviationReport = []Section{
	{ID: Prognosis, Title: "Ekonomisk prognos", Lead: []report.TextSection{report.TextSummary},
		Texts: []report.TextSection{report.TextEconomy, report.TextActions, report.TextEvents}},
	{ID: Employees, Title: "Medarbetare", Texts: []report.TextSection{report.TextEmployees}},
	{ID: OtherDeviations, Title: "Övriga avvikelser", Texts: []report.TextSection{report.TextInvestments, report.TextRisks, report.TextInternalControl}},
}

// Sections lists, per report kind, the sections in the order shown.
var Sections = map[period.Kind][]Section{
	period.Full:      fullReport,
	period.Annual:    fullReport,
	period.Deviation: deviationReport,
}

// For returns the sections of a report of kind k; an unknown kind gets the
// deviation report, the smallest report that still shows every deviation.
func For(k period.Kind) []Section {
	if s, ok := Sections[k]; ok {
		return s
	}
	return deviationReport
}

// textTitles are the headings of the controllers' texts where they close a
// section.
var textTitles = map[report.TextSection]string{
	report.TextSummary:         "Sammanfattning",
	report.TextEvents:          "Väsentliga händelser",
	report.TextEconomy:         "Analys av ekonomin",
	report.TextActions:         "Åtgärder",
	report.TextEmployees:       "Analys av medarbetarindikatorerna",
	report.TextInvestments:     "Analys av investeringarna",
	report.TextRisks:           "Risker",
	report.TextInternalControl: "Intern kontroll",
}

// TextTitle is the heading a text of section s stands under.
func TextTitle(s report.TextSection) string {
	if t, ok := textTitles[s]; ok {
		return t
	}
	return string(s)
}

// Edition is who a PDF is for (SPEC 7.7). The board's edition is
// published: it holds no reconciliation, no input warnings, no file
// names. The controller's review edition (generate --utkast) marks every
// page and adds the controller's material as appendices.
type Edition struct {
	Name string `json:"name"`
	// Mark is printed on every page ("UTKAST"); empty for the board.
	Mark string `json:"mark,omitempty"`
	// FileSuffix goes after the base name, so that a draft never
	// overwrites the board's file: "_utkast".
	FileSuffix string `json:"file_suffix,omitempty"`
	// Appendix are sections added after the report kind's own.
	Appendix []Section `json:"appendix,omitempty"`
}

// The two editions.
var (
	BoardEdition = Edition{Name: "styrelse"}
	DraftEdition = Edition{Name: "utkast", Mark: "UTKAST", FileSuffix: "_utkast", Appendix: []Section{
		{ID: ReconciliationID, Title: "Avstämning mot huvudboken", Appendix: true},
		{ID: WarningsID, Title: "Varningar i underlaget", Appendix: true, Optional: true},
	}}
)

// Sections is the report kind's sections followed by the edition's
// appendices.
func (e Edition) Sections(k period.Kind) []Section {
	return append(append([]Section(nil), For(k)...), e.Appendix...)
}

// Genitive is the Swedish genitive of a unit's name: "Regionstyrelsens",
// "Hälso- och sjukvårdsnämndens"; a name that already ends in s, x or z
// takes no extra s ("Regionkontorets" but "Kultur och fritids").
func Genitive(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	switch strings.ToLower(name[len(name)-1:]) {
	case "s", "x", "z":
		return name
	}
	return name + "s"
}

// Caption is table n's caption worded as in the plan, with the unit's own
// name: Caption(4, "Regionstyrelsen") is "Tabell 4 Regionstyrelsens
// driftbudget, redovisas i mnkr". Tables outside 1–5 get "Tabell n".
func Caption(n int, unit string) string {
	g := Genitive(unit)
	switch n {
	case 1:
		return "Tabell 1 " + g + " mål och bedömning"
	case 2:
		return "Tabell 2 " + g + " kvalitetsindikatorer för medarbetare"
	case 3:
		return "Tabell 3 " + g + " kvalitetsindikatorer för Ekonomi"
	case 4:
		return "Tabell 4 " + g + " driftbudget, redovisas i mnkr"
	case 5:
		return "Tabell 5 " + g + " investeringsbudget, belopp redovisas i mnkr"
	}
	return "Tabell " + strconv.Itoa(n)
}

// Table column headers and row labels, as SPEC section 4 words them; the
// PDF and the workbook use the same words.
var (
	Table2Columns = []string{"Indikator", "Värde", "Föregående år", "Målvärde", "Referensvärde", "Status"}
	Table3Rows    = []string{"Periodresultat", "Ackumulerad budgetavvikelse", "Prognos budgetavvikelse", "Prognos investeringsbudgetavvikelse"}
	Table3Columns = []string{"Indikator", "Värde"}
	Table4Columns = []string{"Kontoklass", "Årsbudget", "Budget ack", "Utfall ack", "Avvikelse ack", "Årsprognos", "Prognosavvikelse", "Utfall ack föregående år"}
	// Table5Columns lacks the plan-year columns, which come from the
	// report (e.g. 2026, 2027, 2028) and go after "Total budget".
	Table5Columns = []string{"Investering", "Total budget", "Ackumulerad förbrukning", "Prognos", "Avvikelse", "Kommentar"}
)

// Table1Columns are the plan's columns of table 1; Fokusområde is a group
// row above its goals.
var Table1Columns = []string{"Regionfullmäktiges mål", "Regionstyrelsens mål", "Bedömning", "Förändring"}

// Table1ColumnsFor is table 1's columns with the report's own assembly
// and unit in the plan's places: "Kommunfullmäktiges mål" and
// "Kultur- och fritidsnämndens mål" in a municipality's committee, the
// plan's words for Regionstyrelsen. council is the assembly in lower case
// ("regionfullmäktige").
func Table1ColumnsFor(council, unit string) []string {
	c := append([]string(nil), Table1Columns...)
	if r, n := utf8.DecodeRuneInString(council); n > 0 {
		c[0] = string(unicode.ToUpper(r)) + council[n:] + "s mål"
	}
	if g := Genitive(unit); g != "" {
		c[1] = g + " mål"
	}
	return c
}

// Columns added by SPEC 7.3 and 7.2, shared by the PDF and the workbook.
const (
	TrendColumn           = "Trend"
	CostDevelopmentColumn = "Förändring mot föregående år, %"
	CommentColumn         = "Kommentar"
	PriorYearsSpentColumn = "Utfall tidigare år"
	PrognosisTotalColumn  = "Prognos total"
)

// Table3RowsFor is table 3's row labels for a report of kind k: the annual
// report has no prognosis, so its labels speak of the year's outcome.
func Table3RowsFor(k period.Kind) []string {
	if k == period.Annual {
		// The year's outcome once (SPEC 12.1): the result, its deviation
		// from the annual budget and the investments' deviation.
		return []string{Table3Rows[0], "Budgetavvikelse", "Investeringsbudgetavvikelse"}
	}
	return Table3Rows
}

// Table4ColumnsFor is table 4's columns for a report of kind k, before
// the change against the prior year: the annual report shows the year's
// outcome once (SPEC 12.1), without accumulated or forecast columns.
func Table4ColumnsFor(k period.Kind) []string {
	if k == period.Annual {
		return []string{Table4Columns[0], Table4Columns[1], "Utfall", "Avvikelse", "Utfall föregående år"}
	}
	return Table4Columns
}

// NetLabel is the sum row of table 4.
const NetLabel = "Netto"

// TotalLabel is the sum row of table 5.
const TotalLabel = "Totalt"

// GroupSumLabel is the sum row of a group of table 5, the group's name
// after "Summa": "Summa reinvesteringar".
func GroupSumLabel(group string) string {
	if r, n := utf8.DecodeRuneInString(group); n > 0 {
		group = string(unicode.ToLower(r)) + group[n:]
	}
	return strings.TrimSpace("Summa " + group)
}

// Row labels of the reconciliation with the ledger, shared by the PDF's
// appendix and the workbook's control sheet.
const (
	RowsReadLabel   = "Lästa rader"
	RowsSummedLabel = "Summerade rader"
	PartsSumLabel   = "Summa delar"
	DifferenceLabel = "Differens"
	// SummaryRowsLabel counts the ledger's summary rows (Summa, Delsumma
	// …) that were checked against the rows above them and skipped; shown
	// only when there are any.
	SummaryRowsLabel = "Summeringsrader, kontrollerade (hoppade över)"
)

// ValueHeader is table 2's Värde header: "Värde jan–aug" when every
// indicator's value is measured alike (SPEC 7.4); otherwise "Värde", and
// perIndicator tells the renderer to say each indicator's measure in a
// note.
func ValueHeader(ins []report.IndicatorResult) (header string, perIndicator bool) {
	label := ""
	for i, in := range ins {
		if i == 0 {
			label = in.ValueLabel
		} else if in.ValueLabel != label {
			return Table2Columns[1], true
		}
	}
	if label == "" {
		return Table2Columns[1], false
	}
	return Table2Columns[1] + " " + label, false
}

// TrendText is table 2's Trend: "↑ förbättrad", "↓ försämrad".
func TrendText(c report.Change) string {
	switch c {
	case report.ChangeBetter:
		return "↑ förbättrad"
	case report.ChangeWorse:
		return "↓ försämrad"
	case report.ChangeSame:
		return "– oförändrad"
	}
	return ""
}

// InvestmentComment is an investment's comment, with its period when it
// comes from an earlier report than the one of month m: "… (kommentar
// från UR1)".
func InvestmentComment(row report.InvestmentRow, m period.Month) string {
	c := strings.TrimSpace(row.Comment)
	if c == "" || row.CommentMonth.IsZero() || !row.CommentMonth.Before(m) {
		return c
	}
	from := row.CommentMonth.Swedish()
	if e, ok := period.DefaultCalendar.ForMonth(row.CommentMonth.Month); ok && row.CommentMonth.Year == m.Year {
		from = string(e.Code)
	}
	return c + " (kommentar från " + from + ")"
}
