package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"rapport/fixtures"
	"rapport/fixtures/testkit"
)

// TestStrictPDFs generates every report the test inputs reach — each
// folder's periods (a region folder's units against its one export), in
// the board's edition and the controller's draft — and holds each PDF
// against a strict PDF 1.7 reader (SPEC 15). A folder whose input is
// broken on purpose writes nothing, and has nothing to hold.
func TestStrictPDFs(t *testing.T) {
	entries, err := fs.ReadDir(fixtures.TestInputs, "testinputs")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			root := copyTestInput(t, name, t.TempDir())
			args := []string{"generate", "--in", root, "--format", "pdf", "--quiet"}
			if _, err := os.Stat(filepath.Join(root, "underlag.xlsx")); err != nil {
				ledgers, _ := filepath.Glob(filepath.Join(root, "huvudbok.*"))
				if len(ledgers) != 1 {
					t.Fatalf("a region folder with %d exports", len(ledgers))
				}
				args = append(args, "--ledger", ledgers[0])
			}
			for _, edition := range [][]string{nil, {"--utkast"}} {
				out := t.TempDir()
				code, _, stderr := runCmd(t, append(append(args, "--out", out), edition...)...)
				pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
				if code == exitOK && len(pdfs) == 0 {
					t.Errorf("exit 0 and no PDF written %v\n%s", edition, stderr)
				}
				for _, p := range pdfs {
					b, err := os.ReadFile(p)
					if err != nil {
						t.Fatal(err)
					}
					t.Run(filepath.Base(p), func(t *testing.T) { testkit.StrictPDF(t, b) })
				}
			}
		})
	}
}
