package xlsxstream

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
	"time"

	"rapport/fixtures/ledgergen"
)

// BenchmarkSheetXML parses sheet XML already in memory, to set the
// parser's cost beside inflating the same bytes (BenchmarkInflate): when
// parsing costs no more than inflating, the two overlap on two cores and
// a whole read takes about as long as decompression alone.
func BenchmarkSheetXML(b *testing.B) {
	for _, inline := range []bool{false, true} {
		name := "shared"
		if inline {
			name = "inline"
		}
		data, wb := genWorkbook(b, 100_000, inline)
		sheet := sheetXML(b, data)
		b.Run(name+"/parse", func(b *testing.B) {
			b.SetBytes(int64(len(sheet)))
			b.ReportAllocs()
			for b.Loop() {
				rows := &Rows{wb: wb, sc: newScanner(bytes.NewReader(sheet), 512<<10)}
				n := 0
				for rows.Next() {
					n += len(rows.Cells())
				}
				if rows.Err() != nil || n < 100_000*6 {
					b.Fatal(rows.Err(), n)
				}
			}
		})
		// parse/inflate alternates the two in one loop, so that a busy
		// machine slows both alike; the ratio is the figure to watch.
		b.Run(name+"/ratio", func(b *testing.B) {
			var tp, ti time.Duration
			for b.Loop() {
				t0 := time.Now()
				rows := &Rows{wb: wb, sc: newScanner(bytes.NewReader(sheet), 512<<10)}
				for rows.Next() {
				}
				t1 := time.Now()
				inflateSheet(data)
				tp, ti = tp+t1.Sub(t0), ti+time.Since(t1)
			}
			b.ReportMetric(float64(tp)/float64(ti), "parse/inflate")
		})
		b.Run(name+"/inflate", func(b *testing.B) {
			b.SetBytes(int64(len(sheet)))
			b.ReportAllocs()
			for b.Loop() {
				zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
				for _, f := range zr.File {
					if f.Name == "xl/worksheets/sheet1.xml" {
						rc, _ := f.Open()
						io.Copy(io.Discard, rc)
						rc.Close()
					}
				}
			}
		})
	}
}

func inflateSheet(data []byte) {
	zr, _ := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := f.Open()
			io.Copy(io.Discard, rc)
			rc.Close()
		}
	}
}

func genWorkbook(b *testing.B, rows int, inline bool) ([]byte, *Workbook) {
	var buf bytes.Buffer
	if err := ledgergen.WriteXLSX(&buf, ledgergen.Spec{Rows: rows, Seed: 1, Inline: inline}); err != nil {
		b.Fatal(err)
	}
	wb, err := Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()), DefaultLimits())
	if err != nil {
		b.Fatal(err)
	}
	return buf.Bytes(), wb
}

func sheetXML(b *testing.B, data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			return x
		}
	}
	b.Fatal("no sheet")
	return nil
}
