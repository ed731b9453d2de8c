package ledger

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"rapport/fixtures/ledgergen"
)

func TestProgressAndCancel(t *testing.T) {
	var csv, xlsx bytes.Buffer
	spec := ledgergen.Spec{Rows: 20_000, Seed: 2}
	if err := ledgergen.WriteCSV(&csv, spec); err != nil {
		t.Fatal(err)
	}
	if err := ledgergen.WriteXLSX(&xlsx, spec); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		data     []byte
		parallel bool // CSV in shards
	}{{"csv", csv.Bytes(), false}, {"csv-parallel", csv.Bytes(), true}, {"xlsx", xlsx.Bytes(), false}} {
		t.Run(tc.name+"/progress", func(t *testing.T) {
			setParallel(t, tc.parallel)
			merged := parallelMerged.Load()
			var last Progress
			calls := 0
			_, err := Read(context.Background(), bytes.NewReader(tc.data), int64(len(tc.data)), "h", Options{
				Progress: func(p Progress) { last = p; calls++ },
			})
			if err != nil {
				t.Fatal(err)
			}
			if calls == 0 || last.Rows != spec.Rows || last.BytesTotal <= 0 || last.BytesRead != last.BytesTotal {
				t.Errorf("%d calls, last %+v", calls, last)
			}
			if got := parallelMerged.Load() > merged; got != tc.parallel {
				t.Errorf("read in parallel shards: %v, want %v", got, tc.parallel)
			}
		})
		t.Run(tc.name+"/cancel", func(t *testing.T) {
			setParallel(t, tc.parallel)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, err := Read(ctx, bytes.NewReader(tc.data), int64(len(tc.data)), "h", Options{})
			if !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
		})
	}
}
