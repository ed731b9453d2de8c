package main

import (
	"strings"
	"testing"
)

// TestLongUnitFlagBlamesTheFlag: a --unit too long for a file name is the
// command line's mistake, said about the flag and not about Enhet in
// Inställningar, which the user did not write.
func TestLongUnitFlagBlamesTheFlag(t *testing.T) {
	for _, args := range [][]string{
		{"generate", "--period", "UR1", "--out", t.TempDir()},
		{"generate", "--utkast", "--period", "UR1", "--out", t.TempDir()},
		{"validate"},
	} {
		args = append(args, "--unit", strings.Repeat("Nämnden för långa namn ", 9))
		code, stdout, stderr := runCmd(t, args...)
		if code != exitUsage || !strings.Contains(stderr, "--unit är för långt för ett filnamn") ||
			strings.Contains(stdout+stderr, "Inställningar") {
			t.Errorf("%v: exit %d\n%s%s", args[:2], code, stdout, stderr)
		}
	}
}
