package doc

import (
	"strings"
	"testing"

	"rapport/layouts"
	"rapport/report"
	"rapport/report/period"
)

// TestBuildUnknownSection: a section kind that Build has no case for is an
// error naming the section, not a report that silently leaves it out.
func TestBuildUnknownSection(t *testing.T) {
	r := &report.Report{Year: 2026, Period: period.DefaultCalendar[1]}
	const fake layouts.SectionID = "nytt-avsnitt"
	for _, tc := range []struct {
		name     string
		sections []layouts.Section
		wantErr  bool
	}{
		{"known sections", layouts.For(period.Full), false},
		{"deviation sections", layouts.For(period.Deviation), false},
		{"fake section alone", []layouts.Section{{ID: fake, Title: "Nytt"}}, true},
		{"fake section after known ones", append(append([]layouts.Section(nil), layouts.For(period.Full)...), layouts.Section{ID: fake, Title: "Nytt"}), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := BuildSections(r, tc.sections)
			if !tc.wantErr {
				if err != nil {
					t.Fatalf("BuildSections: %v", err)
				}
				if len(d.Blocks) == 0 {
					t.Error("no blocks")
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), string(fake)) {
				t.Errorf("BuildSections error = %v, want one naming %q", err, fake)
			}
		})
	}
}

// testReport is a small full report with goals and an indicator.
func testReport() *report.Report {
	v := 5.4
	target := 5.2
	r := &report.Report{Organisation: "Region Halland", Unit: "Regionstyrelsen", Year: 2026,
		Period: period.DefaultCalendar[1], Month: period.Month{Year: 2026, Month: 4}}
	r.Goals = []report.GoalResult{{Goal: report.Goal{Nr: "1", BoardGoal: "Ett mål"}, Level: report.Met}}
	r.GoalCounts[report.Met] = 1
	r.Indicators = []report.IndicatorResult{{IndicatorDef: report.IndicatorDef{Name: "Sjukfrånvaro", Unit: "%", Target: &target, LowerIsBetter: true},
		Value: &v, ValueAt: r.Month, Level: report.NotMet, OffTarget: true,
		Series: []report.IndicatorPoint{{Month: r.Month, Value: v}}}}
	r.Operating.Lines = []report.OperatingLine{{Line: "Intäkter"}}
	return r
}

// TestBuildUnknownKind: a report kind without cover wording is an error.
func TestBuildUnknownKind(t *testing.T) {
	for _, tc := range []struct {
		name    string
		kind    period.Kind
		wantErr bool
	}{
		{"full", period.Full, false},
		{"annual", period.Annual, false},
		{"deviation", period.Deviation, false},
		{"unknown", period.Kind(7), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := testReport()
			r.Period.Kind = tc.kind
			d, err := BuildSections(r, nil)
			if (err != nil) != tc.wantErr {
				t.Fatalf("BuildSections error = %v, want error %v", err, tc.wantErr)
			}
			if err == nil && d.Cover[len(d.Cover)-1].Value == "" {
				t.Error("the cover does not say what kind of report it is")
			}
		})
	}
}

func TestSwedishDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2026-05-12", "12 maj 2026"},
		{"", "–"},
		{"i maj", "i maj"},
	} {
		if got := swedishDate(tc.in); got != tc.want {
			t.Errorf("swedishDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
