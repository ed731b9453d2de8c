package doc

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"rapport/fixtures/testkit"
	"rapport/layouts/internal/testreports"
	"rapport/report"
)

// TestTree snapshots the document tree — sections, rows, texts, figures
// and their text alternatives — of the hand-made reports and two of the
// example's, apart from any drawing. It needs no PDF tools.
func TestTree(t *testing.T) {
	cases := []struct {
		name string
		r    *report.Report
	}{
		{"handmade_UR1", testreports.Handmade("UR1")},
		{"handmade_M10", testreports.Handmade("M10")},
		{"handmade_M02", testreports.Handmade("M02")},
		{"handmade_AR", testreports.Handmade("ÅR")},
	}
	example, err := testreports.Example()
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"UR1", "M10"} {
		cases = append(cases, struct {
			name string
			r    *report.Report
		}{"example_" + code, example[code]})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Build(c.r)
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			testkit.Golden(t, filepath.Join("testdata", c.name+".tree.json"), append(b, '\n'))
		})
	}
}
