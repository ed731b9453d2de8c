package money_test

import (
	"fmt"

	"rapport/report/money"
)

func ExampleParse() {
	for _, s := range []string{"1 234 567,89", "−1 234,5", "1234567.89", "12,3"} {
		a, err := money.Parse(s, money.UnitKr)
		fmt.Printf("%q %v\n", a.FormatKr(), err)
	}
	a, _ := money.Parse("12,3", money.UnitTkr) // a column headed "Belopp (tkr)"
	fmt.Printf("%q\n", a.FormatKr())
	// Output:
	// "1\u00a0234\u00a0567,89" <nil>
	// "−1\u00a0234,50" <nil>
	// "1\u00a0234\u00a0567,89" <nil>
	// "12,30" <nil>
	// "12\u00a0300,00"
}

func ExampleAmount_FormatMnkr() {
	// Thousands are separated by a no-break space, so that a figure never
	// breaks across lines.
	fmt.Printf("%q\n", money.Amount(-123_456_789_012).FormatMnkr()) // −1 234 567 890,12 kr
	fmt.Println(money.Amount(5_000_000).FormatMnkr())               // 50 000 kr: half a tenth rounds away from zero
	fmt.Println(money.Amount(-4_999_999).FormatMnkr())
	// Output:
	// "−1\u00a0234,6"
	// 0,1
	// 0,0
}
