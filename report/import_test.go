package report_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"rapport/fixtures"
	"rapport/report"
	"rapport/report/underlag"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestYearFromLedger: without År in Inställningar and without --year, the
// plan year is the ledger's last, and period codes in the workbook are read
// in it, with the workbook opened once.
func TestYearFromLedger(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, fixtures.ExampleFolder()); err != nil {
		t.Fatal(err)
	}
	raw, _ := fs.ReadFile(fixtures.ExampleFolder(), report.UnderlagFile)
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Inställningar")
	for i := len(rows) - 1; i >= 0; i-- {
		if len(rows[i]) > 0 && rows[i][0] == "År" {
			if err := f.RemoveRow("Inställningar", i+1); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(filepath.Join(dir, report.UnderlagFile)); err != nil {
		t.Fatal(err)
	}
	opens := 0
	open := func(r io.Reader, name string, opt report.WorkbookOptions) report.Workbook {
		opens++
		return underlag.OpenWorkbook(r, name, opt)
	}
	in, err := report.Import(context.Background(), report.ImportOptions{Folder: os.DirFS(dir), Dir: dir, OpenWorkbook: open})
	if err != nil {
		t.Fatal(err)
	}
	if opens != 1 {
		t.Errorf("underlag.xlsx opened %d times, want 1", opens)
	}
	if in.Problems.HasErrors() || in.Settings.Year != 2026 {
		t.Fatalf("year %d, errors %v", in.Settings.Year, in.Problems.Errors())
	}
	example, _ := report.Import(context.Background(), report.ImportOptions{Folder: fixtures.ExampleFolder(), OpenWorkbook: underlag.OpenWorkbook})
	a, _ := report.Compute(in, "UR1", report.ComputeOptions{})
	b, _ := report.Compute(example, "UR1", report.ComputeOptions{})
	if !report.EqualLine(a.Operating.Net, b.Operating.Net) || len(a.Goals) != len(b.Goals) || a.Goals[0].Word != b.Goals[0].Word {
		t.Errorf("without År: net %s, goal 1 %q; with: %s, %q", report.FmtLine(a.Operating.Net), a.Goals[0].Word, report.FmtLine(b.Operating.Net), b.Goals[0].Word)
	}
}

// TestImportAnsvar: a unit whose own folder holds the ledger takes only
// the rows its Ansvar selects; its reconciliation still accounts for the
// whole file, the other rows as "andra enheters rader", to the öre.
func TestImportAnsvar(t *testing.T) {
	for _, tc := range []struct {
		name   string
		ansvar string
		own    bool // the unit takes rows; the rest are other units'
	}{
		{"no Ansvar takes every row", "", true},
		{"a range", "150000-169999", true},
		{"a prefix and a code", "18*, 120000", true},
		{"nothing selected", "999", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, fixtures.ExampleFolder()); err != nil {
				t.Fatal(err)
			}
			if tc.ansvar != "" {
				raw, _ := fs.ReadFile(fixtures.ExampleFolder(), report.UnderlagFile)
				f, err := excelize.OpenReader(bytes.NewReader(raw))
				if err != nil {
					t.Fatal(err)
				}
				rows, _ := f.GetRows("Inställningar")
				f.SetSheetRow("Inställningar", "A"+fmt.Sprint(len(rows)+1), &[]any{"Ansvar", tc.ansvar})
				if err := f.SaveAs(filepath.Join(dir, report.UnderlagFile)); err != nil {
					t.Fatal(err)
				}
			}
			in, err := report.Import(context.Background(), report.ImportOptions{Folder: os.DirFS(dir), Dir: dir, OpenWorkbook: underlag.OpenWorkbook})
			if err != nil {
				t.Fatal(err)
			}
			if in.Problems.HasErrors() {
				t.Fatalf("errors: %v", in.Problems.Errors())
			}
			r, _ := report.Compute(in, "UR1", report.ComputeOptions{})
			if r == nil {
				t.Fatal("no report")
			}
			rec := r.Reconciliation
			if !rec.Balanced() {
				t.Errorf("reconciliation off by %v", rec.Difference)
			}
			rows := 0
			for _, p := range rec.Parts() {
				rows += p.Rows
			}
			if rows != rec.RowsSummed {
				t.Errorf("parts hold %d rows, the file %d", rows, rec.RowsSummed)
			}
			switch {
			case tc.ansvar == "":
				if rec.NoUnit != nil {
					t.Errorf("a unit without Ansvar has other units' rows: %+v", rec.NoUnit)
				}
			case tc.own:
				if rec.NoUnit == nil || rec.NoUnit.Rows == 0 || rec.NoUnit.Rows == rec.RowsSummed {
					t.Errorf("andra enheters rader %+v of %d", rec.NoUnit, rec.RowsSummed)
				}
			default:
				if rec.NoUnit == nil || rec.NoUnit.Rows != rec.RowsSummed || rec.NoUnit.Amount != rec.LedgerTotal {
					t.Errorf("andra enheters rader %+v, want every row", rec.NoUnit)
				}
			}
		})
	}
}
