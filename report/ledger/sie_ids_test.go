package ledger

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestVoucherIDs holds voucherIDs to a map of every series and number, in
// the orders numbers come in: running, with gaps, backwards, at random,
// and mixed with texts.
func TestVoucherIDs(t *testing.T) {
	orders := map[string]func(i int, rng *rand.Rand) string{
		"löpande":     func(i int, _ *rand.Rand) string { return fmt.Sprint(i + 1) },
		"med luckor":  func(i int, _ *rand.Rand) string { return fmt.Sprint(1 + i + i/7*3) },
		"baklänges":   func(i int, _ *rand.Rand) string { return fmt.Sprint(5000 - i) },
		"slumpvis":    func(_ int, rng *rand.Rand) string { return fmt.Sprint(1 + rng.IntN(3000)) },
		"två i otakt": func(i int, _ *rand.Rand) string { return fmt.Sprint(1 + i%2*2500 + i/2) },
		"text och nollor": func(i int, rng *rand.Rand) string {
			return []string{fmt.Sprint(i + 1), fmt.Sprintf("0%d", i%50), fmt.Sprintf("2026-%d", rng.IntN(40)), "1099511627776", "99999999999999"}[rng.IntN(5)]
		},
	}
	for name, next := range orders {
		t.Run(name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(1, 2))
			var v voucherIDs
			want := map[string]int{}
			for i := 0; i < 4000; i++ {
				series := []string{"A", "B", ""}[rng.IntN(3)]
				number := next(i, rng)
				line := 10 + i
				first := v.seen([]byte(series), []byte(number), line)
				k := series + " " + number
				if first != want[k] {
					t.Fatalf("voucher %d, %q %q: first seen at %d, want %d", i, series, number, first, want[k])
				}
				if first == 0 {
					want[k] = line
				}
			}
			if v.seen([]byte("A"), nil, 1) != 0 || v.seen([]byte("A"), nil, 2) != 0 {
				t.Error("vouchers without a number are told apart")
			}
		})
	}
}

// TestVoucherIDsMemory: the numbers of a series that runs take 4 bytes
// each, not a map entry.
func TestVoucherIDsMemory(t *testing.T) {
	var v voucherIDs
	for i := 1; i <= 100_000; i++ {
		v.seen([]byte("A"), []byte(fmt.Sprint(i)), 10+5*i)
	}
	if len(v.runs) != 1 || len(v.runs[0].runs) != 1 || v.byNum != nil || v.byText != nil {
		t.Fatalf("runs %d, byNum %v, byText %v", len(v.runs[0].runs), v.byNum != nil, v.byText != nil)
	}
	if first := v.seen([]byte("A"), []byte("777"), 1_000_000); first != 10+5*777 {
		t.Errorf("A 777 first at %d", first)
	}
}
