package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"rapport/fixtures"
	"rapport/report"
)

// unitFolders makes n unit folders from the embedded example, each with its
// own unit name so that their reports do not collide.
func unitFolders(b *testing.B, n int) string {
	b.Helper()
	root := b.TempDir()
	for i := 1; i <= n; i++ {
		dir := filepath.Join(root, fmt.Sprintf("enhet%02d", i))
		if err := os.CopyFS(dir, fixtures.ExampleFolder()); err != nil {
			b.Fatal(err)
		}
		f, err := excelize.OpenFile(filepath.Join(dir, report.UnderlagFile))
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.GetRows("Inställningar")
		if err != nil {
			b.Fatal(err)
		}
		for r, row := range rows {
			if len(row) > 1 && row[0] == "Enhet" {
				f.SetCellValue("Inställningar", "B"+strconv.Itoa(r+1), fmt.Sprintf("Nämnd %02d", i))
			}
		}
		if err := f.Save(); err != nil {
			b.Fatal(err)
		}
	}
	return root
}

// BenchmarkUnits renders 20 units × 4 periods (160 files) from one shared
// example, with one job and with one job per core.
func BenchmarkUnits(b *testing.B) {
	root := unitFolders(b, 20)
	for _, jobs := range []int{1, 2} {
		b.Run("jobs="+strconv.Itoa(jobs), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				out := b.TempDir()
				code, _, stderr := runBench(root, out, jobs)
				if code != exitOK {
					b.Fatalf("exit %d\n%s", code, stderr)
				}
			}
		})
	}
}

func runBench(root, out string, jobs int) (int, string, string) {
	var o, e bytes.Buffer
	code := run(context.Background(), []string{"generate", "--in", root, "--out", out, "--period", "all",
		"--jobs", strconv.Itoa(jobs), "--quiet"}, &o, &e)
	return code, "", e.String()
}
