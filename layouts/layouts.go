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

	"rapport/report/period"
)

// SectionID names a section of a report. Renderers switch on it to build a
// section's content; which sections a report has is decided by Sections.
type SectionID string

// The sections a report can hold.
const (
	Summary          SectionID = "sammanfattning"
	Goals            SectionID = "mal"
	Employees        SectionID = "medarbetare"
	Economy          SectionID = "ekonomi"
	Prognosis        SectionID = "ekonomisk-prognos"
	OtherDeviations  SectionID = "ovriga-avvikelser"
	Glossary         SectionID = "begrepp"
	ReconciliationID SectionID = "avstamning"
)

// Section is one top-level section of a report.
type Section struct {
	ID    SectionID `json:"id"`
	Title string    `json:"title"` // the heading, in Swedish
	// Appendix sections come after the body, under "Bilaga".
	Appendix bool `json:"appendix,omitempty"`
}

// fullReport is what a full follow-up report and the annual report hold
// (SPEC section 1): the summary first, then the plan's order.
var fullReport = []Section{
	{ID: Summary, Title: "Sammanfattning"},
	{ID: Goals, Title: "Mål"},
	{ID: Employees, Title: "Medarbetare"},
	{ID: Economy, Title: "Ekonomi"},
	{ID: Glossary, Title: "Ord- och begreppsförklaringar", Appendix: true},
	{ID: ReconciliationID, Title: "Avstämning mot huvudboken", Appendix: true},
}

// deviationReport is the short "avvikelserapport" of the months between
// the follow-up reports: prognosis, employees, other deviations.
var deviationReport = []Section{
	{ID: Prognosis, Title: "Ekonomisk prognos"},
	{ID: Employees, Title: "Medarbetare"},
	{ID: OtherDeviations, Title: "Övriga avvikelser"},
	{ID: ReconciliationID, Title: "Avstämning mot huvudboken", Appendix: true},
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
)
