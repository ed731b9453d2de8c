package report

import "strings"

// levelWords are the accepted assessment words of SPEC 2.3, lower case.
var levelWords = map[string]Level{
	"uppfyllt": Met, "helt uppfyllt": Met, "bedöms uppfyllas": Met, "prognosen är god": Met,
	"delvis uppfyllt": PartlyMet, "bedöms delvis uppfyllas": PartlyMet, "prognosen är osäker": PartlyMet,
	"ej uppfyllt": NotMet, "bedöms ej uppfyllas": NotMet, "prognosen ser negativ ut": NotMet,
	"ej bedömt": NotAssessed, "ingen prognos": NotAssessed, "": NotAssessed,
}

// AssessmentWords lists the accepted words, for dropdowns and messages.
var AssessmentWords = []string{
	"Uppfyllt", "Helt uppfyllt", "Bedöms uppfyllas", "Prognosen är god",
	"Delvis uppfyllt", "Bedöms delvis uppfyllas", "Prognosen är osäker",
	"Ej uppfyllt", "Bedöms ej uppfyllas", "Prognosen ser negativ ut",
	"Ej bedömt", "Ingen prognos",
}

// ParseLevel reads an assessment word, ignoring case, surrounding space and
// repeated inner spaces.
func ParseLevel(s string) (Level, bool) {
	w := strings.ToLower(strings.Join(strings.Fields(s), " "))
	l, ok := levelWords[w]
	return l, ok
}
