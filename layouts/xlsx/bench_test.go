package xlsx

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"rapport/fixtures"
	"rapport/fixtures/ledgergen"
	"rapport/report"
	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/underlag"
)

// BenchmarkRenderLedger renders the workbook of UR1 and ÅR computed from
// the example's underlag and a generated ledger of 1M postings (100k with
// -short), accounts the chart lacks on Ej klassificerat. Import and
// Compute run once, outside the timing.
func BenchmarkRenderLedger(b *testing.B) {
	rows := 1_000_000
	if testing.Short() {
		rows = 100_000
	}
	path := filepath.Join(b.TempDir(), "huvudbok.csv")
	fh, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := ledgergen.WriteCSV(fh, ledgergen.Spec{Rows: rows, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		b.Fatal(err)
	}
	in, err := report.Import(context.Background(), report.ImportOptions{Folder: fixtures.ExampleFolder(), LedgerPath: path, OpenWorkbook: underlag.OpenWorkbook})
	if err != nil {
		b.Fatal(err)
	}
	for _, code := range []string{"UR1", "ÅR"} {
		r, probs := report.Compute(in, period.Code(code), report.ComputeOptions{AllowUnmapped: true})
		if probs.HasErrors() {
			b.Fatal(probs)
		}
		b.Run(fmt.Sprintf("%dk/%s", rows/1000, code), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Render(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRenderAccounts renders the sample report with a region-sized
// Underlag: n accounts, each with an amount in every month of the report
// year and the year before (2 000 accounts in ÅR: 48 000 table rows).
func BenchmarkRenderAccounts(b *testing.B) {
	for _, n := range []int{100, 2000} {
		r := sampleReport()
		r.Period.Code, r.Month.Month = "ÅR", time.December
		r.Accounts = nil
		for i := range n {
			line := r.Monthly[i%len(r.Monthly)].Line
			for _, y := range []int{r.Year - 1, r.Year} {
				for m := time.January; m <= time.December; m++ {
					r.Accounts = append(r.Accounts, report.AccountMonth{Line: line, Account: strconv.Itoa(30000 + i),
						Month: period.Month{Year: y, Month: m}, Amount: money.Amount(1_234_567 * (i + int(m)))})
				}
			}
		}
		b.Run(fmt.Sprintf("%d-accounts/%d-rows", n, len(r.Accounts)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Render(io.Discard, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
