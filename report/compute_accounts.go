package report

import (
	"cmp"
	"slices"
)

// accounts lists the non-zero outcome per account and month behind table 4,
// in the report's sign, so that a layout can offer the ledger's detail
// (a pivot table per account) that adds up to the table's figures.
func (c *computation) accounts(s ledgerSums) {
	order := map[string]int{}
	for i, l := range c.lineOrder(nil) {
		order[l] = i
	}
	for k, a := range s.accounts {
		if a != 0 {
			k.Amount = -a
			c.r.Accounts = append(c.r.Accounts, k)
		}
	}
	slices.SortFunc(c.r.Accounts, func(a, b AccountMonth) int {
		if a.Line != b.Line {
			if o := cmp.Compare(order[a.Line], order[b.Line]); o != 0 {
				return o
			}
			return cmp.Compare(a.Line, b.Line)
		}
		if a.Account != b.Account {
			return cmp.Compare(a.Account, b.Account)
		}
		if a.Month.Year != b.Month.Year {
			return cmp.Compare(a.Month.Year, b.Month.Year)
		}
		return cmp.Compare(a.Month.Month, b.Month.Month)
	})
}
