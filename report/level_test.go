package report

import (
	"strings"
	"testing"
)

// The assessment words as controllers write them: every word of the
// scale, the report's own forms, and the slips a hand-filled cell has.
func TestParseLevel(t *testing.T) {
	cases := []struct {
		in    string
		want  Level
		known bool
	}{
		{"Bedöms uppfyllas", Met, true},
		{"  BEDÖMS   uppfyllas ", Met, true},
		{"Bedöms uppfyllas.", Met, true},
		{"Bedoms uppfyllas", Met, true},
		{"Uppfylld", Met, true},
		{"Helt uppfylld", Met, true},
		{"Bedöms delvis uppfyllas", PartlyMet, true},
		{"Delvis uppfylld", PartlyMet, true},
		{"Bedöms inte uppfyllas", NotMet, true},
		{"Bedöms ej uppfyllas", NotMet, true},
		{"Inte uppfyllt", NotMet, true},
		{"Ej uppfylld", NotMet, true},
		{"Prognosen ser negativ ut", NotMet, true},
		{"Ej bedömt", NotAssessed, true},
		{"Inte bedömd", NotAssessed, true},
		{"", NotAssessed, true},
		{"Grönt", 0, false},
		{"Bedöms uppfylas", 0, false},
		{"Intern kontroll", 0, false},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, known := ParseLevel(c.in)
			if known != c.known || known && got != c.want {
				t.Errorf("ParseLevel(%q) = %v, %v; want %v, %v", c.in, got, known, c.want, c.known)
			}
		})
	}
}

func TestNearestAssessmentWord(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Bedöms uppfylas", "Bedöms uppfyllas"},
		{"Bedöms delvis uppfylas", "Bedöms delvis uppfyllas"},
		{"Ej bedömmt", "Ej bedömt"},
		{"Grönt", ""},
		{"Mycket bra arbete under perioden", ""},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := NearestAssessmentWord(c.in); got != c.want {
				t.Errorf("NearestAssessmentWord(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// FuzzParseLevel holds the assessment reader on any text: it never
// panics, case and surrounding space never change its answer, and a
// suggestion is always a word it accepts.
func FuzzParseLevel(f *testing.F) {
	for _, w := range AssessmentWords {
		f.Add(w)
	}
	f.Add("Bedöms inte uppfyllas.")
	f.Add("Bedoms uppfylas")
	f.Fuzz(func(t *testing.T, s string) {
		l, known := ParseLevel(s)
		if l2, known2 := ParseLevel("  " + strings.ToUpper(s) + " "); known2 != known || known && l2 != l {
			if strings.ToLower(strings.ToUpper(s)) == strings.ToLower(s) {
				t.Errorf("ParseLevel(%q) = %v, %v but upper case gives %v, %v", s, l, known, l2, known2)
			}
		}
		if near := NearestAssessmentWord(s); near != "" {
			if _, ok := ParseLevel(near); !ok {
				t.Errorf("suggestion %q for %q is not accepted", near, s)
			}
		}
	})
}
