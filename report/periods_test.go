package report

import (
	"slices"
	"strings"
	"testing"
	"time"

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
			in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: 7}}] = ledger.Bucket{Rows: 1}
			in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: 8}}] = ledger.Bucket{Rows: 1}
		}, []period.Code{"M02", "UR1", "UR2"}, ""},
		{"period 13 does not reach December", func(in *Inputs) {
			for m := 7; m <= 11; m++ {
				in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: time.Month(m)}}] = ledger.Bucket{Rows: 1}
			}
			in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: 12}, Kind: ledger.Closing13}] = ledger.Bucket{Rows: 1}
		}, []period.Code{"M02", "UR1", "UR2", "M10"}, ""},
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
			in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: 7}}] = ledger.Bucket{Rows: 1}
			in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: 8}}] = ledger.Bucket{Rows: 1}
		}, []period.Code{"UR2"}, nil},
		// SPEC 15: period 13–15 postings are not December's, nor period
		// 00 January's.
		{"a closing period is not the last month", func(in *Inputs) {
			for m := 7; m <= 11; m++ {
				in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: time.Month(m)}}] = ledger.Bucket{Rows: 1}
			}
			in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: 12}, Kind: ledger.Closing13}] = ledger.Bucket{Rows: 1}
		}, []period.Code{"ÅR"}, []string{"huvudboken når bara till november 2026, men Årsredovisning 2026 gäller"}},
		{"an opening balance is no posting of January", func(in *Inputs) {
			for m := time.January; m <= time.June; m++ {
				deleteMonth(in, m)
			}
			in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: 1}, Kind: ledger.Opening}] = ledger.Bucket{Rows: 1}
		}, []period.Code{"M02"}, []string{"huvudboken har inga poster för 2026"}},
		{"a month lost between two is an error for the periods that include it", func(in *Inputs) {
			deleteMonth(in, 3)
		}, []period.Code{"M02", "UR1"}, []string{"huvudboken saknar poster för mars 2026 men har poster för senare månader; Uppföljningsrapport 1 2026 (januari–april) omfattar"}},
		{"one error per lost month, naming every period", func(in *Inputs) {
			for m := 7; m <= 12; m++ {
				in.Ledger.Buckets[ledger.Key{Account: "3011", Month: period.Month{Year: 2026, Month: time.Month(m)}}] = ledger.Bucket{Rows: 1}
			}
			deleteMonth(in, 3)
			deleteMonth(in, 5)
		}, []period.Code{"M02", "UR1", "ÅR"}, []string{
			"huvudboken saknar poster för mars 2026 men har poster för senare månader; Uppföljningsrapport 1 2026 (januari–april) och Årsredovisning 2026 (januari–december) omfattar",
			"huvudboken saknar poster för maj 2026 men har poster för senare månader; Årsredovisning 2026 (januari–december) omfattar"}},
		{"the last month needs postings of its own", func(in *Inputs) {
			deleteMonth(in, 4)
		}, []period.Code{"UR1"}, []string{"huvudboken saknar poster för april 2026"}},
		{"months before the first posting are no gap", func(in *Inputs) {
			deleteMonth(in, 1)
		}, []period.Code{"M02"}, nil},
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

// deleteMonth removes a month's postings of 2026 from the ledger.
func deleteMonth(in *Inputs, m time.Month) {
	for k := range in.Ledger.Buckets {
		if k.Month == (period.Month{Year: 2026, Month: m}) {
			delete(in.Ledger.Buckets, k)
		}
	}
}

// TestAllPeriodsGap: "--period all" refuses the periods that include a
// month without postings between months that have them.
func TestAllPeriodsGap(t *testing.T) {
	in := handInputs()
	deleteMonth(in, 2)
	codes, probs := in.AllPeriods()
	if !slices.Equal(codes, []period.Code{"M02", "UR1"}) {
		t.Errorf("periods = %v", codes)
	}
	if len(probs) != 1 || probs[0].Severity != problem.Error ||
		!strings.HasPrefix(probs[0].Message, "huvudboken saknar poster för februari 2026 men har poster för senare månader; Månadsrapport februari 2026 (januari–februari) och Uppföljningsrapport 1 2026 (januari–april)") {
		t.Errorf("problems %v, want one error for February", probs)
	}
}
