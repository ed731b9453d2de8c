package main

import (
	"strings"
	"testing"
)

// TestYearContradictsWorkbook: Driftbudget and Prognos carry no year, so a
// run for another year than the workbook's År would report that year with
// this year's budget and replace the right files. It is an input error.
func TestYearContradictsWorkbook(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"--year", []string{"--year", "2025", "--period", "UR1"}},
		{"due in January", []string{"--period", "due", "--date", "2026-01-05"}},
		{"due in January, all formats", []string{"--period", "due", "--date", "2026-01-31", "--format", "pdf"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := runCmd(t, append([]string{"generate", "--out", out}, tc.args...)...)
			if code != exitInvalid {
				t.Errorf("exit %d, want 1\n%s", code, stderr)
			}
			for _, want := range []string{"underlag.xlsx: Inställningar!", "underlaget gäller 2026, men körningen gäller 2025"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if files := snapshot(t, out); len(files) != 0 {
				t.Errorf("wrote %v", keys(files))
			}
		})
	}
	// The matching year stays allowed.
	out := t.TempDir()
	if code, _, stderr := runCmd(t, "generate", "--out", out, "--year", "2026", "--period", "M02"); code != exitOK {
		t.Errorf("--year 2026 on År 2026: exit %d\n%s", code, stderr)
	}
	if files := snapshot(t, out); len(files) != 2 {
		t.Errorf("--year 2026 wrote %v, want the M02 pair", keys(files))
	}
}
