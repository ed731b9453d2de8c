package report

import "strings"

// levelWords are the accepted assessment words of SPEC 2.3, in the form
// levelKey gives them.
var levelWords = func() map[string]Level {
	words := map[string]Level{
		"uppfyllt": Met, "helt uppfyllt": Met, "bedöms uppfyllas": Met, "prognosen är god": Met,
		"delvis uppfyllt": PartlyMet, "bedöms delvis uppfyllas": PartlyMet, "prognosen är osäker": PartlyMet,
		"ej uppfyllt": NotMet, "bedöms ej uppfyllas": NotMet, "prognosen ser negativ ut": NotMet,
		"ej bedömt": NotAssessed, "ingen prognos": NotAssessed, "": NotAssessed,
	}
	out := map[string]Level{}
	for w, l := range words {
		out[levelKey(w)] = l
	}
	return out
}()

// AssessmentWords lists the accepted words, for dropdowns and messages.
var AssessmentWords = []string{
	"Uppfyllt", "Helt uppfyllt", "Bedöms uppfyllas", "Prognosen är god",
	"Delvis uppfyllt", "Bedöms delvis uppfyllas", "Prognosen är osäker",
	"Ej uppfyllt", "Bedöms ej uppfyllas", "Prognosen ser negativ ut",
	"Ej bedömt", "Ingen prognos",
}

// levelVariants are the spellings controllers write for the words of the
// scale: the report's own "Bedöms inte uppfyllas" (SPEC 7.1), "inte" for
// "ej", the common gender "uppfylld" and "bedömd".
var levelVariants = strings.NewReplacer("inte ", "ej ", "uppfylld", "uppfyllt", "bedomd", "bedomt")

// levelKey is the form in which assessment words are compared: lower
// case, single spaces, Swedish letters without their dots and rings (a
// keyboard without them gives "Bedoms uppfyllas"), no closing full stop,
// and the variants above.
func levelKey(s string) string {
	w := strings.ToLower(strings.Join(strings.Fields(s), " "))
	w = strings.TrimSpace(strings.TrimRight(w, ".!"))
	w = strings.NewReplacer("å", "a", "ä", "a", "ö", "o").Replace(w)
	return levelVariants.Replace(w)
}

// ParseLevel reads an assessment word, ignoring case, surrounding space,
// repeated inner spaces, a closing full stop and the Swedish letters'
// dots and rings, and taking "inte" for "ej" and "uppfylld" for
// "uppfyllt".
func ParseLevel(s string) (Level, bool) {
	l, ok := levelWords[levelKey(s)]
	return l, ok
}

// NearestAssessmentWord is the accepted word an unknown one most likely
// misspells (at most two letters wrong in the compared form), for the
// message's hint; "" when none is that near.
func NearestAssessmentWord(s string) string {
	key := levelKey(s)
	best, bestD := "", 3
	for _, w := range AssessmentWords {
		if d := editDistance(key, levelKey(w), bestD); d < bestD {
			best, bestD = w, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, or limit when it
// is at least limit (the words compared are short).
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit || len(ra) > 64 {
		return limit
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit)
}
