package ledger

import (
	"bytes"
	"context"
	"testing"

	"rapport/fixtures/ledgergen"
	"rapport/report/money"
)

func TestGeneratedExports(t *testing.T) {
	spec := ledgergen.Spec{Rows: 3000, Seed: 7}
	want := money.Amount(ledgergen.Total(spec))
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer, ledgergen.Spec) error
		spec  ledgergen.Spec
	}{
		{"csv", func(b *bytes.Buffer, s ledgergen.Spec) error { return ledgergen.WriteCSV(b, s) }, spec},
		{"xlsx shared strings", func(b *bytes.Buffer, s ledgergen.Spec) error { return ledgergen.WriteXLSX(b, s) }, spec},
		{"xlsx inline strings", func(b *bytes.Buffer, s ledgergen.Spec) error { return ledgergen.WriteXLSX(b, s) },
			ledgergen.Spec{Rows: spec.Rows, Seed: spec.Seed, Inline: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf, tc.spec); err != nil {
				t.Fatal(err)
			}
			l, err := Read(context.Background(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), "huvudbok", Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range l.Problems {
				t.Errorf("problem: %s", p)
			}
			if l.Total != want || l.RowsSummed != spec.Rows || l.RowsRead != spec.Rows {
				t.Errorf("total %d rows %d/%d, want %d and %d", l.Total, l.RowsSummed, l.RowsRead, want, spec.Rows)
			}
			var sum money.Amount
			for _, b := range l.Buckets {
				sum += b.Amount
			}
			if sum != l.Total {
				t.Errorf("Σ buckets %d ≠ total %d", sum, l.Total)
			}
			if !l.HasProject {
				t.Error("HasProject false")
			}
		})
	}
}
