package report_test

import (
	"bytes"
	"fmt"
	"strings"

	"rapport/report"
)

// A template filled with nothing but its example rows reads back clean.
func ExampleWriteTemplate() {
	var buf bytes.Buffer
	if err := report.WriteTemplate(&buf, 2026); err != nil {
		fmt.Println(err)
		return
	}
	in, probs := report.ReadUnderlag(&buf, "underlag.xlsx", report.UnderlagOptions{})
	fmt.Println(len(probs), "problem")
	for _, b := range in.Budget {
		fmt.Printf("%s: %s mnkr\n", b.Line, b.Annual.FormatMnkr())
	}
	// Output:
	// 0 problem
	// Intäkter: 12,0 mnkr
	// Personalkostnader: −60,0 mnkr
	// Övriga driftskostnader: −36,0 mnkr
}

// Every problem names file, sheet and cell, the value found and what to do.
func ExampleReadUnderlag() {
	_, probs := report.ReadUnderlag(strings.NewReader("Rad;Årsbudget\n"), "underlag.xlsx", report.UnderlagOptions{Year: 2026})
	for _, p := range probs {
		fmt.Println(p)
	}
	// Output:
	// underlag.xlsx: filen är en textfil (till exempel CSV), inte en Excel-arbetsbok. Öppna filen i Excel och spara den som Excel-arbetsbok (.xlsx)
}
