package doc

import (
	"fmt"
	"strings"

	"rapport/report/money"
	"rapport/report/period"
)

// altText is a chart's text alternative: one Swedish sentence saying what
// the chart shows and its key values, made from the chart's own data so
// that the two cannot disagree. A tagged PDF gives it as the figure's /Alt;
// a screen reader reads it instead of the drawing.
func altText(c Chart) string {
	switch c.Kind {
	case StatusChart:
		return statusAlt(c)
	case BarChart:
		return barAlt(c)
	case LineChart:
		return lineAlt(c)
	}
	panic(fmt.Sprintf("okänd diagramtyp %q", c.Kind))
}

// statusAlt: "Mål per bedömning (liggande stapeldiagram, antal mål):
// Uppfyllt 3, Delvis uppfyllt 2, Ej uppfyllt 1 och Ej bedömt 0."
func statusAlt(c Chart) string {
	parts := make([]string, len(c.Categories))
	for i, cat := range c.Categories {
		parts[i] = cat + " " + chartValue(c, 0, i, 0)
	}
	return fmt.Sprintf("%s (liggande stapeldiagram, %s): %s.", c.Title, c.Unit, joinSwedish(parts))
}

// barAlt: "Budget och utfall …, mnkr (stapeldiagram): Intäkter budget ack
// 12,3 och utfall ack 11,9; …; Netto budget ack −30,0 och utfall ack −31,2."
func barAlt(c Chart) string {
	parts := make([]string, len(c.Categories))
	for i, cat := range c.Categories {
		vals := make([]string, len(c.Series))
		for j, s := range c.Series {
			vals[j] = lowerFirst(s.Name) + " " + chartValue(c, j, i, 1)
		}
		parts[i] = cat + " " + joinSwedish(vals)
	}
	return fmt.Sprintf("%s (stapeldiagram): %s.", c.Title, strings.Join(parts, "; "))
}

// lineAlt: "Sjukfrånvaro per månad, procent (linjediagram): 2026 senast
// 5,6 % i april, 2025 samma månad 5,4 %; Målvärde 5,2 %." The first series
// is this year, whose latest month is the key value; the others are shown
// at that month.
func lineAlt(c Chart) string {
	last := -1
	if len(c.Series) > 0 {
		for i, v := range c.Series[0].Values {
			if v != nil {
				last = i
			}
		}
	}
	var parts []string
	if last < 0 {
		if len(c.Series) > 0 {
			parts = append(parts, c.Series[0].Name+" saknar värden")
		}
	} else {
		parts = append(parts, fmt.Sprintf("%s senast %s i %s", c.Series[0].Name, withUnit(chartValue(c, 0, last, 1), c.Unit), monthCategory(c, last)))
		for j := 1; j < len(c.Series); j++ {
			parts = append(parts, fmt.Sprintf("%s samma månad %s", c.Series[j].Name, withUnit(chartValue(c, j, last, 1), c.Unit)))
		}
	}
	s := fmt.Sprintf("%s (linjediagram): %s", c.Title, strings.Join(parts, ", "))
	for _, ref := range c.RefLines {
		s += "; " + ref.Name
	}
	return s + "."
}

// chartValue is series j's value at category i as the chart labels it:
// the table's text where the series carries labels, else the value with
// the given decimals; "saknas" where there is no value.
func chartValue(c Chart, j, i, decimals int) string {
	if j >= len(c.Series) {
		return "saknas"
	}
	s := c.Series[j]
	if i < len(s.Labels) && s.Labels[i] != "" {
		return s.Labels[i]
	}
	if i >= len(s.Values) || s.Values[i] == nil {
		return "saknas"
	}
	return money.FormatNumber(*s.Values[i], decimals)
}

func withUnit(v, unit string) string {
	if v == "saknas" || unit == "" {
		return v
	}
	return v + money.NoBreakSpace + unit
}

// monthCategory names category i of a line chart, whose categories are
// the months: "april", not the axis's "apr".
func monthCategory(c Chart, i int) string {
	if i < 12 && i < len(c.Categories) && c.Categories[i] == period.ShortMonthName(monthOf(i)) {
		return period.MonthName(monthOf(i))
	}
	if i < len(c.Categories) {
		return c.Categories[i]
	}
	return ""
}

// lowerFirst lower-cases the first letter, for a series name inside a
// sentence: "budget ack".
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}
