package doc

import (
	"strings"
	"testing"
)

func TestAltText(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	months := []string{"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
	for _, tc := range []struct {
		name  string
		chart Chart
		want  string
	}{
		{"status", Chart{Kind: StatusChart, Title: "Mål per bedömning", Unit: "antal mål",
			Categories: []string{"Uppfyllt", "Ej uppfyllt"},
			Series:     []Series{{Name: "Antal mål", Values: []*float64{f(3), f(1)}}}},
			"Mål per bedömning (liggande stapeldiagram, antal mål): Uppfyllt 3 och Ej uppfyllt 1."},
		{"bars use the table's labels", Chart{Kind: BarChart, Title: "Budget och utfall, mnkr",
			Categories: []string{"Intäkter", "Netto"},
			Series: []Series{
				{Name: "Budget ack", Values: []*float64{f(1.26), f(-2)}, Labels: []string{"1,3", "−2,0"}},
				{Name: "Utfall ack", Values: []*float64{f(1.1), nil}},
			}},
			"Budget och utfall, mnkr (stapeldiagram): Intäkter budget ack 1,3 och utfall ack 1,1; Netto budget ack −2,0 och utfall ack saknas."},
		{"lines: latest month and reference", Chart{Kind: LineChart, Title: "Sjukfrånvaro per månad, procent", Unit: "%",
			Categories: months,
			Series: []Series{
				{Name: "2026", Values: []*float64{f(5.8), f(5.6), nil, f(5.4), nil, nil, nil, nil, nil, nil, nil, nil}},
				{Name: "2025", Values: []*float64{f(6), f(6), f(6), f(5.5), f(5), nil, nil, nil, nil, nil, nil, nil}},
			},
			RefLines: []RefLine{{Name: "Målvärde 5,2\u00a0%", Value: 5.2}}},
			"Sjukfrånvaro per månad, procent (linjediagram): 2026 senast 5,4\u00a0% i april, 2025 samma månad 5,5\u00a0%; Målvärde 5,2\u00a0%."},
		{"lines without values", Chart{Kind: LineChart, Title: "Personalomsättning per månad, procent", Unit: "%",
			Categories: months, Series: []Series{{Name: "2026", Values: make([]*float64, 12)}}},
			"Personalomsättning per månad, procent (linjediagram): 2026 saknar värden."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := altText(tc.chart)
			if got != tc.want {
				t.Errorf("altText =\n%q\nwant\n%q", got, tc.want)
			}
			if !strings.HasSuffix(got, ".") || strings.Contains(strings.TrimSuffix(got, "."), ". ") {
				t.Errorf("%q is not one sentence", got)
			}
		})
	}
}

// TestEveryChartHasAlt: Build gives every chart of a report its text
// alternative.
func TestEveryChartHasAlt(t *testing.T) {
	d, err := Build(testReport())
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, b := range d.Blocks {
		if c, ok := b.(Chart); ok {
			charts++
			if c.Alt == "" || !strings.HasPrefix(c.Alt, c.Title) {
				t.Errorf("chart %q has alt %q", c.Title, c.Alt)
			}
		}
	}
	if charts == 0 {
		t.Error("the report has no charts")
	}
}
