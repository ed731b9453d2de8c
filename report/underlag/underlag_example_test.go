package underlag_test

import (
	"bytes"
	"fmt"
	"rapport/report/underlag"
	"strings"
)

// A template left with its example rows does not validate: each row whose
// text starts "Exempel" is an error until it is replaced.
func ExampleWriteTemplate() {
	var buf bytes.Buffer
	if err := underlag.WriteTemplate(&buf, 2026); err != nil {
		fmt.Println(err)
		return
	}
	in, probs := underlag.Read(&buf, "underlag.xlsx", underlag.Options{})
	fmt.Println(len(probs.Errors()), "fel, till exempel:")
	fmt.Println(probs.Errors()[0])
	for _, b := range in.Budget {
		fmt.Printf("%s: %s mnkr\n", b.Line, b.Annual.FormatMnkr())
	}
	// Output:
	// 8 fel, till exempel:
	// underlag.xlsx: Grupper!C2: "Exempel: Vårdcentraler" exempelraden från mallen är kvar. Ta bort raden, eller skriv era egna uppgifter i den
	// Intäkter: 12,0 mnkr
	// Personalkostnader: −60,0 mnkr
	// Övriga driftskostnader: −36,0 mnkr
}

// Every problem names file, sheet and cell, the value found and what to do.
func ExampleRead() {
	_, probs := underlag.Read(strings.NewReader("Rad;Årsbudget\n"), "underlag.xlsx", underlag.Options{Year: 2026})
	for _, p := range probs {
		fmt.Println(p)
	}
	// Output:
	// underlag.xlsx: filen är en textfil (till exempel CSV), inte en Excel-arbetsbok (.xlsx). Öppna filen i Excel och spara den som Excel-arbetsbok (.xlsx)
}
