package report

import (
	"slices"
	"strings"
	"testing"

	"rapport/report/ledger"
	"rapport/report/period"
	"rapport/report/problem"
)

// TestAllPeriods: "--period all" is every calendar period whose last month
// the ledger reaches in the plan year, and a warning when that is none.
func TestAllPeriods(t *testing.T) {
	cases := []struct {
		name    string
		edit    func(in *Inputs)
		want    []period.Code
		warning string // a substring of the one warning; "" for none
	}{
		{"ledger to June reaches M02 and UR1", func(*Inputs) {}, []period.Code{"M02", "UR1"}, ""},
		{"a period ends in the ledger's last month", func(in *Inputs) {
			in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: 8}}] = ledger.Bucket{Rows: 1}
		}, []period.Code{"M02", "UR1", "UR2"}, ""},
		{"no postings in the plan year", func(in *Inputs) { in.Settings.Year = 2027 },
			nil, "huvudboken har inga poster för 2027"},
		{"no ledger names the default file", func(in *Inputs) { in.Ledger = nil },
			nil, "huvudboken har inga poster för 2026"},
		{"errors in the inputs explain the silence", func(in *Inputs) {
			in.Ledger = nil
			in.Problems.Add(problem.Problem{Severity: problem.Error, File: LedgerXLSX, Message: "saknas"})
		}, nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := handInputs()
			c.edit(in)
			got, probs := in.AllPeriods()
			if !slices.Equal(got, c.want) {
				t.Errorf("periods = %v, want %v", got, c.want)
			}
			switch {
			case c.warning == "" && len(probs) > 0:
				t.Errorf("problems %v, want none", probs)
			case c.warning != "" && (len(probs) != 1 || probs[0].Severity != problem.Warning || !strings.Contains(probs[0].Message, c.warning)):
				t.Errorf("problems %v, want one warning with %q", probs, c.warning)
			}
		})
	}
}

// TestCheckReach: a period whose last month the ledger has not reached is
// an error that says how far the ledger goes.
func TestCheckReach(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(in *Inputs)
		codes []period.Code
		want  []string // one substring per error, in order
	}{
		{"reached periods pass", func(*Inputs) {}, []period.Code{"M02", "UR1"}, nil},
		{"a later period is refused", func(*Inputs) {}, []period.Code{"UR1", "UR2", "ÅR"},
			[]string{"huvudboken når bara till juni 2026, men Uppföljningsrapport 2 2026 gäller",
				"huvudboken når bara till juni 2026, men Årsredovisning 2026 gäller"}},
		{"the last month itself is enough", func(in *Inputs) {
			in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: 8}}] = ledger.Bucket{Rows: 1}
		}, []period.Code{"UR2"}, nil},
		{"no postings in the year", func(in *Inputs) { in.Settings.Year = 2027 }, []period.Code{"M02"},
			[]string{"huvudboken har inga poster för 2027"}},
		{"an unknown code is left to Compute", func(*Inputs) {}, []period.Code{"X9"}, nil},
		{"no ledger, nothing to check", func(in *Inputs) { in.Ledger = nil }, []period.Code{"ÅR"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := handInputs()
			c.edit(in)
			probs := in.CheckReach(c.codes)
			if len(probs) != len(c.want) {
				t.Fatalf("problems %v, want %d", probs, len(c.want))
			}
			for i, p := range probs {
				if p.Severity != problem.Error || !strings.Contains(p.Message, c.want[i]) || p.File != "huvudbok.csv" {
					t.Errorf("problem %d = %v, want an error in huvudbok.csv with %q", i, p, c.want[i])
				}
			}
		})
	}
}
