package ledger

import (
	"archive/zip"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"rapport/fixtures/ledgergen"
)

// benchFile is a generated export in the temporary folder, written once.
func benchFile(b *testing.B, kind string, rows int) string {
	b.Helper()
	path, err := ledgergen.TempFile(kind, rows)
	if err != nil {
		b.Fatal(err)
	}
	return path
}

// sheetSize is the uncompressed size of the sheet XML, or the file size.
func sheetSize(b *testing.B, path string) int64 {
	zr, err := zip.OpenReader(path)
	if err != nil {
		st, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		return st.Size()
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			return int64(f.UncompressedSize64)
		}
	}
	b.Fatal("no sheet")
	return 0
}

// BenchmarkImport reads generated exports of 100k and 1M rows (1M only
// without -short), next to the floor: decompressing the sheet XML alone.
// MB/s is of sheet XML for XLSX, of the file for CSV.
func BenchmarkImport(b *testing.B) {
	sizes := []int{100_000, 1_000_000}
	if testing.Short() {
		sizes = sizes[:1]
	}
	for _, rows := range sizes {
		for _, kind := range []string{"shared", "inline", "csv"} {
			path := benchFile(b, kind, rows)
			size := sheetSize(b, path)
			if kind != "csv" {
				b.Run(fmt.Sprintf("%s/%dk/inflate-only", kind, rows/1000), func(b *testing.B) {
					b.SetBytes(size)
					b.ReportAllocs()
					for b.Loop() {
						inflate(b, path)
					}
					b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
				})
			}
			b.Run(fmt.Sprintf("%s/%dk/import", kind, rows/1000), func(b *testing.B) {
				b.SetBytes(size)
				b.ReportAllocs()
				for b.Loop() {
					l, err := ReadFile(context.Background(), path, Options{})
					if err != nil {
						b.Fatal(err)
					}
					if l.RowsSummed != rows || len(l.Problems) > 0 {
						b.Fatalf("%d rows summed, problems %v", l.RowsSummed, l.Problems)
					}
				}
				b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			})
		}
	}
}

func inflate(b *testing.B, path string) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		b.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil {
			b.Fatal(err)
		}
		rc.Close()
	}
}

var (
	benchHuge   = flag.Bool("bench.10m", false, "BenchmarkFloorRatio: also 10M postings (a 423 MB CSV, written once to the temporary folder)")
	benchRegion = flag.Bool("bench.region", false, "BenchmarkFloorRatio: a region's ledger (ledgergen.Spec.Region; 194 000 keys at 1M rows) instead of the small one")
)

// BenchmarkFloorRatio alternates the floor and the import in every
// iteration, so that a loaded machine slows both alike, and reports the
// import's time as a multiple of the floor's (x-floor): for CSV a plain
// encoding/csv loop summing by account class and period
// (ledgergen.FloorCSV), for XLSX inflating the sheet XML and looking at
// every byte (ledgergen.FloorXLSX). For XLSX, x-floor-kp is the import
// against that floor inflated the way rapport inflates
// (ledgergen.FloorXLSXFast).
func BenchmarkFloorRatio(b *testing.B) {
	sizes := []int{100_000, 1_000_000}
	if testing.Short() {
		sizes = sizes[:1]
	}
	if *benchHuge {
		sizes = append(sizes, 10_000_000)
	}
	for _, rows := range sizes {
		for _, kind := range []string{"csv", "shared", "inline"} {
			if rows > 1_000_000 && kind != "csv" {
				continue
			}
			if *benchRegion {
				kind = "region-" + kind
			}
			path := benchFile(b, kind, rows)
			b.Run(fmt.Sprintf("%s/%dk", kind, rows/1000), func(b *testing.B) {
				var tf, tk, ti time.Duration
				for b.Loop() {
					t0 := time.Now()
					if strings.HasSuffix(kind, "csv") {
						n, err := ledgergen.FloorCSV(path)
						if err != nil || n != rows {
							b.Fatal(n, err)
						}
					} else {
						if _, err := ledgergen.FloorXLSX(path); err != nil {
							b.Fatal(err)
						}
						tk0 := time.Now()
						if _, err := ledgergen.FloorXLSXFast(path); err != nil {
							b.Fatal(err)
						}
						tk += time.Since(tk0)
						t0 = t0.Add(time.Since(tk0))
					}
					t1 := time.Now()
					l, err := ReadFile(context.Background(), path, Options{})
					if err != nil {
						b.Fatal(err)
					}
					if l.RowsSummed != rows || len(l.Problems) > 0 {
						b.Fatalf("%d rows summed, problems %v", l.RowsSummed, l.Problems)
					}
					tf, ti = tf+t1.Sub(t0), ti+time.Since(t1)
				}
				b.ReportMetric(float64(ti)/float64(tf), "x-floor")
				if tk > 0 {
					b.ReportMetric(float64(ti)/float64(tk), "x-floor-kp")
				}
				b.ReportMetric(tf.Seconds()/float64(b.N), "floor-s/op")
				b.ReportMetric(ti.Seconds()/float64(b.N), "import-s/op")
			})
		}
	}
}

// BenchmarkRoute reads the same export of a million rows as one unit
// and routed to 20 units by responsibility (ledgergen's 200 codes, ten
// each; of a region's ledger 2 000, a hundred each), the two alternating
// in every iteration; x-unrouted is the routed reads' time over the plain
// ones'.
func BenchmarkRoute(b *testing.B) {
	rows := 1_000_000
	if testing.Short() {
		rows = 100_000
	}
	unitsOf := func(codes int) []Unit {
		var units []Unit
		for i := 0; i < 20; i++ {
			sel, err := ParseSelector(fmt.Sprintf("%d-%d", 1000+codes*i, 999+codes*(i+1)))
			if err != nil {
				b.Fatal(err)
			}
			units = append(units, Unit{Name: fmt.Sprint(i), Select: sel})
		}
		return units
	}
	for _, kind := range []string{"csv", "shared", "region-csv", "region-shared"} {
		path := benchFile(b, kind, rows)
		// A region's ledger has 2 000 responsibilities: 100 a unit.
		units := unitsOf(10)
		if strings.HasPrefix(kind, "region-") {
			units = unitsOf(100)
		}
		b.Run(kind, func(b *testing.B) {
			var plain, routed time.Duration
			for i := 0; i < b.N; i++ {
				for _, r := range []struct {
					units []Unit
					d     *time.Duration
				}{{nil, &plain}, {units, &routed}} {
					start := time.Now()
					l, err := ReadFile(context.Background(), path, Options{Units: r.units})
					*r.d += time.Since(start)
					if err != nil || l.Problems.HasErrors() || l.RowsSummed != rows {
						b.Fatalf("%v %v %d", err, l.Problems, l.RowsSummed)
					}
				}
			}
			b.ReportMetric(float64(routed)/float64(plain), "x-unrouted")
		})
	}
}
