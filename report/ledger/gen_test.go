package ledger

import (
	"bytes"
	"context"
	"maps"
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

// TestGeneratedRegionExports reads a region's generated ledger in every
// form: CSV, both kinds of XLSX and SIE hold the same postings, so their
// buckets must be the same, and every voucher of four balances.
func TestGeneratedRegionExports(t *testing.T) {
	spec := ledgergen.Spec{Rows: 4000, Seed: 3, Region: true}
	inline := spec
	inline.Inline = true
	var want map[Key]Bucket
	for _, tc := range []struct {
		name, file string
		write      func(*bytes.Buffer) error
	}{
		{"csv", "huvudbok.csv", func(b *bytes.Buffer) error { return ledgergen.WriteCSV(b, spec) }},
		{"xlsx shared strings", "huvudbok.xlsx", func(b *bytes.Buffer) error { return ledgergen.WriteXLSX(b, spec) }},
		{"xlsx inline strings", "huvudbok.xlsx", func(b *bytes.Buffer) error { return ledgergen.WriteXLSX(b, inline) }},
		{"sie", "huvudbok.se", func(b *bytes.Buffer) error { return ledgergen.WriteSIE(b, spec) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf); err != nil {
				t.Fatal(err)
			}
			l, err := Read(context.Background(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), tc.file, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range l.Problems {
				t.Errorf("problem: %s", p)
			}
			if l.RowsSummed != spec.Rows || l.Total != 0 || len(l.Buckets) < spec.Rows/2 {
				t.Errorf("%d rows summed, total %d, %d buckets; want %d rows, total 0 (balanced vouchers), many buckets",
					l.RowsSummed, l.Total, len(l.Buckets), spec.Rows)
			}
			if want == nil {
				want = l.Buckets
			} else if !maps.Equal(l.Buckets, want) {
				t.Errorf("%d buckets differ from the CSV's %d", len(l.Buckets), len(want))
			}
		})
	}
}
