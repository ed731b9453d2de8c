package doc

import (
	"encoding/json"
	"strings"
	"testing"

	"rapport/layouts"
	"rapport/report"
)

// TestReconciliationERPRows: the rows of SPEC 6.1 (summary rows, opening
// balance, closing periods) appear in the reconciliation only when the
// ledger has such rows, so that other reports stay as they were.
func TestReconciliationERPRows(t *testing.T) {
	section := []layouts.Section{{ID: layouts.ReconciliationID, Title: "Avstämning"}}
	labels := []string{layouts.SummaryRowsLabel, report.ReconOpeningLabel, report.ReconClosingLabel, report.ReconClosingIncludedLabel}
	with := testReport()
	with.Reconciliation = report.Reconciliation{File: "huvudbok.csv", RowsRead: 10, RowsSummed: 7, SummaryRows: 3,
		Opening:         report.ReconPart{Label: report.ReconOpeningLabel, Rows: 2, Amount: 0},
		Closing:         report.ReconPart{Label: report.ReconClosingLabel, Rows: 1, Amount: 500},
		ClosingIncluded: report.ReconPart{Label: report.ReconClosingIncludedLabel, Rows: 1, Amount: 700}}
	without := testReport()
	for _, tc := range []struct {
		name string
		r    *report.Report
		want bool
	}{{"ledger with the new rows", with, true}, {"ledger without", without, false}} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := BuildSections(tc.r, section)
			if err != nil {
				t.Fatal(err)
			}
			js, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range labels {
				if got := strings.Contains(string(js), l); got != tc.want {
					t.Errorf("label %q shown = %v, want %v", l, got, tc.want)
				}
			}
		})
	}
}
