package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rapport/fixtures"
	"rapport/fixtures/ledgergen"
	"rapport/report"
)

var (
	packHuge   = flag.Bool("bench.10m", false, "BenchmarkPackRatio: also a CSV of 10M postings (written once to the temporary folder)")
	packRegion = flag.Bool("bench.region", false, "BenchmarkPackRatio: only the ledgers of a region's shape (ledgergen.Spec.Region): CSV, XLSX and SIE of 1M (SIE 2M) rows, with -bench.10m also CSV of 10M")
)

// BenchmarkPackRatio makes the whole UR1 pack (PDF and Excel) of the
// example's underlag over a generated ledger of a million postings, and
// in the same iteration reads the ledger the plainest way (the floor:
// ledgergen.FloorCSV, an encoding/csv loop, or ledgergen.FloorXLSX,
// inflating the sheet XML), alternating the two so that a loaded machine
// slows both alike. x-floor is the pack's time as a multiple of the
// floor's; for XLSX, x-floor-kp is the same against the floor inflated
// the way rapport inflates (ledgergen.FloorXLSXFast). With -bench.region
// the ledgers are a region's (ledgergen.Spec.Region), and SIE is read
// too: its floor is the CSV floor of the same postings, and x-csv-pack
// its pack's time over the pack's from that CSV, in the same iteration.
func BenchmarkPackRatio(b *testing.B) {
	in := b.TempDir()
	f, err := fixtures.ExampleFolder().Open(report.UnderlagFile)
	if err != nil {
		b.Fatal(err)
	}
	dst, err := os.Create(filepath.Join(in, report.UnderlagFile))
	if err == nil {
		_, err = io.Copy(dst, f)
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
	}
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	type input struct {
		kind string
		rows int
	}
	rows := 1_000_000
	if testing.Short() {
		rows = 100_000
	}
	inputs := []input{{"csv", rows}, {"shared", rows}, {"inline", rows}}
	if *packHuge {
		inputs = append(inputs, input{"csv", 10_000_000})
	}
	if *packRegion {
		inputs = []input{{"region-csv", rows}, {"region-shared", rows}, {"region-inline", rows}, {"region-sie", 2 * rows}}
		if *packHuge {
			inputs = append(inputs, input{"region-csv", 10_000_000})
		}
	}
	pack := func(b *testing.B, path string) {
		out := b.TempDir()
		code, _, stderr := runArgs([]string{"generate", "--in", in, "--ledger", path, "--out", out, "--period", "UR1", "--quiet"})
		if code != exitOK {
			b.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	for _, in1 := range inputs {
		kind, rows := in1.kind, in1.rows
		path, err := ledgergen.TempFile(kind, rows)
		if err != nil {
			b.Fatal(err)
		}
		csvKind := kind == "csv" || kind == "region-csv"
		floorPath := path
		if kind == "region-sie" {
			// The floor and the CSV pack read the same postings as CSV.
			if floorPath, err = ledgergen.TempFile("region-csv", rows); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("%s/%dk", kind, rows/1000), func(b *testing.B) {
			var tf, tk, tp, tc time.Duration
			for b.Loop() {
				t0 := time.Now()
				if csvKind || kind == "region-sie" {
					_, err = ledgergen.FloorCSV(floorPath)
				} else {
					_, err = ledgergen.FloorXLSX(path)
				}
				if err != nil {
					b.Fatal(err)
				}
				if kind == "region-sie" {
					// The pack from the CSV of the same postings.
					tc0 := time.Now()
					pack(b, floorPath)
					tc += time.Since(tc0)
					t0 = t0.Add(time.Since(tc0))
				}
				if !csvKind && kind != "region-sie" {
					tk0 := time.Now()
					if _, err := ledgergen.FloorXLSXFast(path); err != nil {
						b.Fatal(err)
					}
					tk += time.Since(tk0)
					t0 = t0.Add(time.Since(tk0)) // the floor proper is the standard one
				}
				t1 := time.Now()
				pack(b, path)
				tf, tp = tf+t1.Sub(t0), tp+time.Since(t1)
			}
			b.ReportMetric(float64(tp)/float64(tf), "x-floor")
			if tc > 0 {
				// SIE against the pack from the CSV of the same postings.
				b.ReportMetric(float64(tp)/float64(tc), "x-csv-pack")
			}
			if tk > 0 {
				// Beside the floor with rapport's own inflater.
				b.ReportMetric(float64(tp)/float64(tk), "x-floor-kp")
			}
			b.ReportMetric(tf.Seconds()/float64(b.N), "floor-s/op")
			b.ReportMetric(tp.Seconds()/float64(b.N), "pack-s/op")
		})
	}
}

func runArgs(args []string) (int, string, string) {
	var o, e bytes.Buffer
	code := run(context.Background(), args, &o, &e)
	return code, o.String(), e.String()
}
