package report_test

import (
	"context"
	"fmt"

	"rapport/fixtures"
	"rapport/report"
	"rapport/report/underlag"
)

// Compute turns imported inputs into one period's report: a plain value
// with every figure in öre.
func ExampleCompute() {
	in, err := report.Import(context.Background(), report.ImportOptions{Folder: fixtures.ExampleFolder(), OpenWorkbook: underlag.OpenWorkbook})
	if err != nil {
		panic(err)
	}
	r, problems := report.Compute(in, "UR1", report.ComputeOptions{})
	fmt.Println(r.Unit, r.Year, r.Period.Name, r.Period.Months())
	fmt.Println("fel:", len(problems.Errors()))
	for _, l := range r.Operating.Lines {
		fmt.Printf("%s: utfall ack %s mnkr\n", l.Line, l.OutcomeAcc.FormatMnkr())
	}
	fmt.Println("avstämd:", r.Reconciliation.Balanced())
	// Output:
	// Regionstyrelsen 2026 Uppföljningsrapport 1 januari–april
	// fel: 0
	// Intäkter: utfall ack 137,4 mnkr
	// Personalkostnader: utfall ack −213,4 mnkr
	// Övriga driftskostnader: utfall ack −294,3 mnkr
	// Finansiella poster: utfall ack −0,9 mnkr
	// avstämd: true
}
