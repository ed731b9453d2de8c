package pdf

import (
	"strings"
)

// chartAlt is a chart's text alternative: what kind of chart it is, its
// title and unit, and its values, read from the same data the chart is
// drawn from, with the labels the tables show where the chart has them.
func chartAlt(c Chart) string {
	var b strings.Builder
	kind := "Stapeldiagram"
	if c.Kind == LineChart {
		kind = "Linjediagram"
	}
	b.WriteString(kind + ": " + c.Title)
	if c.Unit != "" && !strings.HasSuffix(c.Title, c.Unit) {
		b.WriteString(" (" + c.Unit + ")")
	}
	b.WriteString(".")
	value := func(s Series, i int) (string, bool) {
		if i >= len(s.Values) || s.Values[i] == nil {
			return "", false
		}
		if i < len(s.Labels) && s.Labels[i] != "" {
			return s.Labels[i], true
		}
		return number(*s.Values[i], 1), true
	}
	switch c.Kind {
	case StatusChart:
		// Levels with their counts: "Uppfyllt 3, Delvis uppfyllt 2".
		var parts []string
		for i, cat := range c.Categories {
			v := "0"
			if len(c.Series) > 0 {
				if i < len(c.Series[0].Values) && c.Series[0].Values[i] != nil {
					v = number(*c.Series[0].Values[i], 0)
				}
			}
			parts = append(parts, cat+" "+v)
		}
		b.WriteString(" " + strings.Join(parts, ", ") + ".")
	case LineChart:
		// Per series, the value of each month; then the reference lines.
		for _, s := range c.Series {
			var parts []string
			for i, cat := range c.Categories {
				if v, ok := value(s, i); ok {
					parts = append(parts, cat+" "+v)
				}
			}
			if len(parts) == 0 {
				parts = []string{"inga värden"}
			}
			b.WriteString(" " + s.Name + ": " + strings.Join(parts, ", ") + ".")
		}
		for _, r := range c.RefLines {
			if v := number(r.Value, 1); strings.Contains(r.Name, v) {
				b.WriteString(" " + r.Name + ".") // "Målvärde 5,2 %"
			} else {
				b.WriteString(" " + r.Name + ": " + v + ".")
			}
		}
	default:
		// Per category, the value of each series.
		for i, cat := range c.Categories {
			var parts []string
			for _, s := range c.Series {
				if v, ok := value(s, i); ok {
					parts = append(parts, s.Name+" "+v)
				}
			}
			if len(parts) > 0 {
				b.WriteString(" " + cat + ": " + strings.Join(parts, ", ") + ".")
			}
		}
	}
	return b.String()
}
