package ledger

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"rapport/report/money"
	"rapport/report/problem"
)

// TestSIEDuplicateVoucher: a voucher (series and number) twice in one
// file, as when two exports are joined with cat, is an error naming both
// lines, and the second is not summed, so that no figure doubles.
func TestSIEDuplicateVoucher(t *testing.T) {
	vouchers := "#VER A 1 20260105 \"Lön\"\n{\n#TRANS 4010 {} 10.00\n#TRANS 1930 {} -10.00\n}\n" +
		"#VER B 1 20260106\n{\n#TRANS 4010 {} 5.00\n#TRANS 1930 {} -5.00\n}\n"
	cases := []struct {
		name     string
		data     string
		summed   int
		problems []string // each in one problem, in order; none when empty
	}{
		{"samma verifikation två gånger", sieHead + vouchers + "#VER A 1 20260105 \"Lön\"\n{\n#TRANS 4010 {} 10.00\n#TRANS 1930 {} -10.00\n}\n", 4,
			[]string{"huvudbok.se: rad 18: verifikation A 1 den 2026-01-05 finns redan på rad 8: samma serie och nummer två gånger i filen, och den andra summeras inte"}},
		{"två exporter sammanslagna (cat)", sieHead + vouchers + sieHead + vouchers, 4,
			[]string{"rad 25: verifikation A 1 den 2026-01-05 finns redan på rad 8", "rad 30: verifikation B 1 den 2026-01-06 finns redan på rad 13"}},
		{"samma nummer med annat datum och citerad serie", sieHead + vouchers + "#VER \"B\" \"1\" 20260301\n{\n#TRANS 4010 {} 7.00\n#TRANS 1930 {} -7.00\n}\n", 4,
			[]string{"rad 18: verifikation B 1 den 2026-03-01 finns redan på rad 13"}},
		{"serie utan namn", sieHead + "#VER \"\" 7 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n#VER \"\" 7 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n", 2,
			[]string{"rad 13: verifikation 7 den 2026-01-05 finns redan på rad 8"}},
		{"nummer som inte är ett heltal", sieHead + "#VER A 2026-17 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n#VER A 2026-17 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n", 2,
			[]string{"rad 13: verifikation A 2026-17 den 2026-01-05 finns redan på rad 8"}},
		{"nummer över 40 bitar", sieHead + "#VER A 99999999999999999999 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n#VER A 99999999999999999999 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n", 2,
			[]string{"rad 13: verifikation A 99999999999999999999 den 2026-01-05 finns redan på rad 8"}},
		{"dubblett med trasigt datum", sieHead + vouchers + "#VER A 1 2026\n{\n#TRANS 4010 {} 10.00\n#TRANS 1930 {} -10.00\n}\n", 4,
			[]string{"rad 18: verifikation A 1 finns redan på rad 8", "rad 18: \"2026\" är inget verifikationsdatum"}},
		// SIE 4 lets a file for import leave the number to the program
		// that reads it: vouchers without a number are not the same.
		{"verifikationer utan nummer", sieHead + "#VER A \"\" 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n#VER A \"\" 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n#VER\n{\n#TRANS 4010 {} 1.00 20260105\n#TRANS 1930 {} -1.00 20260105\n}\n", 4,
			[]string{"rad 18: verifikationsdatum saknas"}},
		{"01 och 1 är olika nummer, liksom A 1 och B 1", sieHead + vouchers + "#VER A 01 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n", 6, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := read(t, []byte(c.data), "huvudbok.se")
			if l.RowsSummed != c.summed {
				t.Errorf("%d rows summed, want %d", l.RowsSummed, c.summed)
			}
			var errs []problem.Problem
			for _, p := range l.Problems {
				if p.Severity == problem.Error {
					errs = append(errs, p)
				}
			}
			if len(errs) != len(c.problems) {
				t.Fatalf("%d errors, want %d:\n%s", len(errs), len(c.problems), dump(l.Problems))
			}
			for i, want := range c.problems {
				if !strings.Contains(errs[i].String(), want) {
					t.Errorf("error %d:\n%s\nwant it to contain\n%s", i, errs[i], want)
				}
			}
		})
	}
	l := read(t, []byte(sieHead+vouchers+sieHead+vouchers), "huvudbok.se")
	if got := l.Buckets[Key{Account: "4010", Month: mo(2026, 1)}].Amount; got != kr("15") {
		t.Errorf("4010 in January: %s, want 15,00 kr: the joined export is summed once", got.FormatKr())
	}
}

// TestSIEObjectListSameDimensionTwice: a posting cannot belong to two
// Ansvar (or two projects): two objects of one dimension are an error
// naming the line; the same object twice is the same posting.
func TestSIEObjectListSameDimensionTwice(t *testing.T) {
	cases := []struct {
		list, want string // want "" = no problem
	}{
		{`{1 "100" 1 "200"}`, `rad 10: "1 \"100\" 1 \"200\"" objektlistan har två olika objekt i dimension 1, "100" och "200": raden kan inte höra till två kostnadsställen (Ansvar); verifikation A 1 den 2026-02-01 (rad 8) summeras inte`},
		{`{6 "P1" 1 "100" 6 "P2"}`, `objektlistan har två olika objekt i dimension 6, "P1" och "P2": raden kan inte höra till två projekt`},
		{`{1 "100" 6 "P1" 1 "100"}`, ""},
		{`{1 "100" 1 ""}`, ""},
		{`{2 "A" 2 "B" 1 "100"}`, ""}, // dimensions that are not read
	}
	for _, c := range cases {
		t.Run(c.list, func(t *testing.T) {
			l := read(t, []byte(sieHead+"#VER A 1 20260201\n{\n#TRANS 4010 "+c.list+" 10.00\n#TRANS 1930 {} -10.00\n}\n"), "huvudbok.se")
			if c.want == "" {
				if len(l.Problems) > 0 || l.RowsSummed != 2 {
					t.Fatalf("%d rows summed, problems:\n%s", l.RowsSummed, dump(l.Problems))
				}
				return
			}
			if len(l.Problems) != 1 || l.Problems[0].Severity != problem.Error || !strings.Contains(l.Problems[0].String(), c.want) {
				t.Fatalf("problems:\n%s\nwant one error with %q", dump(l.Problems), c.want)
			}
			if l.RowsSummed != 0 || l.ErrorRows != 2 {
				t.Errorf("%d rows summed, %d error rows; the voucher is not summed", l.RowsSummed, l.ErrorRows)
			}
		})
	}
}

// bigVoucher is an SIE file of one voucher of n #TRANS rows over a few
// accounts, objects and months; off is added to the last row (0 = the
// voucher balances). It returns what each bucket should hold.
func bigVoucher(n int, off money.Amount) ([]byte, map[Key]money.Amount) {
	var b bytes.Buffer
	b.WriteString(sieHead + "#VER A 1 20260215 \"Stor\"\n{\n")
	want := map[Key]money.Amount{}
	accs := []string{"4010", "5410", "6110"}
	var bal money.Amount
	for i := 0; i < n-1; i++ {
		acc := accs[i%len(accs)]
		m := time.Month(1 + i%3)
		a := money.Amount(int64(i%1000+1) * 137)
		fmt.Fprintf(&b, "#TRANS %s {1 \"%d\" 6 \"P%d\"} %s 2026%02d15 \"rad %d\"\n", acc, 100+i%2, i%2, oreText(int64(a)), m, i)
		want[Key{Account: acc, Month: mo(2026, m), Project: fmt.Sprintf("P%d", i%2)}] += a
		bal += a
	}
	last := -bal + off
	fmt.Fprintf(&b, "#TRANS 1930 {} %s\n}\n", oreText(int64(last)))
	want[Key{Account: "1930", Month: mo(2026, 2)}] += last
	return b.Bytes(), want
}

// TestSIEBigVoucher: a voucher of many rows is summed as one of few (the
// rows are folded as they are read), and not at all when it does not
// balance.
func TestSIEBigVoucher(t *testing.T) {
	n := 3*foldRows + 17
	data, want := bigVoucher(n, 0)
	l := read(t, data, "huvudbok.se")
	if len(l.Problems) > 0 || l.RowsSummed != n {
		t.Fatalf("%d rows summed of %d; problems:\n%s", l.RowsSummed, n, dump(l.Problems))
	}
	if len(l.Buckets) != len(want) {
		t.Errorf("%d buckets, want %d", len(l.Buckets), len(want))
	}
	rows := 0
	for k, a := range want {
		if got := l.Buckets[k]; got.Amount != a {
			t.Errorf("%+v: %s, want %s", k, got.Amount.FormatKr(), a.FormatKr())
		}
		rows += l.Buckets[k].Rows
	}
	if rows != n {
		t.Errorf("buckets hold %d rows, want %d", rows, n)
	}
	if got := l.FirstSeen["5410"].Cell(); got != "rad 11" {
		t.Errorf("5410 first seen at %s, want rad 11", got)
	}
	data, _ = bigVoucher(n, 1)
	l = read(t, data, "huvudbok.se")
	if l.RowsSummed != 0 || l.ErrorRows != n || len(l.Problems) != 1 || !strings.Contains(l.Problems[0].Message, fmt.Sprintf("dess %d #TRANS-rader summerar till 0,01 kr", n)) {
		t.Errorf("unbalanced: %d summed, %d error rows, problems:\n%s", l.RowsSummed, l.ErrorRows, dump(l.Problems))
	}
	// Rows past the int64 bound of Σ|amount| are caught in folded rows too.
	var b bytes.Buffer
	b.WriteString(sieHead + "#VER A 1 20260215\n{\n")
	for i := 0; i < foldRows+100; i++ {
		fmt.Fprintf(&b, "#TRANS 4010 {} 99999999999999\n#TRANS 1930 {} -99999999999999\n")
	}
	b.WriteString("}\n")
	l = read(t, b.Bytes(), "huvudbok.se")
	if l.RowsSummed != 0 || len(l.Problems) != 1 || !strings.Contains(l.Problems[0].Message, "för stor för att räknas exakt") {
		t.Errorf("huge amounts: %d summed, problems:\n%s", l.RowsSummed, dump(l.Problems))
	}
}

// TestSIEBigVoucherMemory: reading a voucher of 300 000 rows allocates
// far less than its rows would take if they were kept (48 bytes each
// and more as the slice grows); a voucher of a million rows then stays
// within SPEC 15's 200 MB (TestPeakMemory in cmd/rapport runs one).
func TestSIEBigVoucherMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a file of 30 MB")
	}
	n := 300_000
	data, _ := bigVoucher(n, 0)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), "huvudbok.se", Options{})
	runtime.ReadMemStats(&after)
	if err != nil || l.RowsSummed != n {
		t.Fatalf("%v; %d rows summed:\n%s", err, l.RowsSummed, dump(l.Problems))
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%d rows: %d KB allocated", n, alloc>>10)
	if alloc > uint64(4*n) {
		t.Errorf("%d rows allocated %d bytes, over 4 bytes a row", n, alloc)
	}
}

// TestSIEReconcileBalances: #IB, #UB and #PSALDO are reconciled with the
// summed #TRANS rows like #RES: a difference is a warning naming the line.
func TestSIEReconcileBalances(t *testing.T) {
	// Lines 8–18: two vouchers in January, one in February.
	vouchers := "#VER A 1 20260110\n{\n#TRANS 4010 {1 \"100\" 6 \"P1\"} 60.00\n#TRANS 4010 {1 \"200\"} 40.00\n#TRANS 1930 {} -100.00\n}\n" +
		"#VER A 2 20260220\n{\n#TRANS 4010 {1 \"100\"} 25.00 20260301\n#TRANS 1930 {} -25.00\n}\n"
	cases := []struct {
		name     string
		balances string // after the vouchers, from line 19
		before   string // before them, from line 8 (the vouchers move down)
		want     []string
	}{
		{name: "allt stämmer", balances: "#IB 0 1930 1000.00\n#UB 0 1930 875.00\n#RES 0 4010 125.00\n#IB -1 1930 5.00\n#UB -1 1930 1000.00\n" +
			"#PSALDO 0 202601 4010 {} 100.00\n#PSALDO 0 202602 4010 {} 25.00\n#PSALDO 0 202601 4010 {6 \"P1\"} 60.00\n#PSALDO 0 202601 1930 {} -100.00\n#PSALDO 0 202602 1930 {} 875.00\n"},
		{name: "#UB stämmer inte", balances: "#IB 0 1930 1000.00\n#UB 0 1930 800.00\n",
			want: []string{"huvudbok.se: rad 20: konto 1930: #UB − #IB anger en förändring på −200,00 kr för räkenskapsåret 2026-01-01–2026-12-31 (#UB 800,00 kr, #IB 1\u00a0000,00 kr på rad 19), men de summerade #TRANS-raderna blir −125,00 kr (skillnad −75,00 kr)"}},
		{name: "#IB utan #UB för kontot", balances: "#IB 0 1930 1000.00\n#UB 0 1510 0.00\n#IB 0 2440 -50.00\n",
			want: []string{"rad 19: konto 1930: #UB − #IB anger en förändring på −1\u00a0000,00 kr för räkenskapsåret 2026-01-01–2026-12-31 (#UB saknas (0 kr), #IB 1\u00a0000,00 kr på rad 19)",
				"rad 21: konto 2440: #UB − #IB anger en förändring på 50,00 kr"}},
		{name: "#UB utan #IB", balances: "#UB 0 1930 -100.00\n",
			want: []string{"rad 19: konto 1930: #UB − #IB anger en förändring på −100,00 kr för räkenskapsåret 2026-01-01–2026-12-31 (#UB −100,00 kr, #IB saknas (0 kr)), men de summerade #TRANS-raderna blir −125,00 kr (skillnad 25,00 kr)"}},
		{name: "ingen #UB i filen: #IB stäms inte av", balances: "#IB 0 1930 1000.00\n"},
		{name: "#PSALDO för en månad utan verifikationer", balances: "#PSALDO 0 202601 4010 {} 100.00\n#PSALDO 0 202603 4010 {} 25.00\n",
			want: []string{"rad 20: konto 4010: #PSALDO anger 25,00 kr för mars 2026, men de summerade #TRANS-raderna för månaden blir 0,00 kr (skillnad 25,00 kr)"}},
		{name: "#PSALDO per projekt", balances: "#PSALDO 0 202601 4010 {6 \"P1\"} 60.00\n#PSALDO 0 202601 4010 {6 \"P2\"} 40.00\n",
			want: []string{"rad 20: konto 4010, objekt {6 \"P2\"}: #PSALDO anger 40,00 kr för januari 2026, men de summerade #TRANS-raderna för månaden blir 0,00 kr"}},
		{name: "#PSALDO per Ansvar, före verifikationerna", before: "#PSALDO 0 202601 4010 {1 \"100\"} 60.00\n#PSALDO 0 202601 4010 {1 \"200\"} 30.00\n#PSALDO 0 202602 4010 {1 \"100\" 6 \"P1\"} 25.00\n#PSALDO 0 202602 4010 {1 \"100\"} 25.00\n",
			want: []string{"rad 9: konto 4010, objekt {1 \"200\"}: #PSALDO anger 30,00 kr för januari 2026, men de summerade #TRANS-raderna för månaden blir 40,00 kr (skillnad −10,00 kr)",
				"rad 10: konto 4010, objekt {1 \"100\" 6 \"P1\"}: #PSALDO anger 25,00 kr för februari 2026, men de summerade #TRANS-raderna för månaden blir 0,00 kr"}},
		// The standard puts balances before the vouchers; a line by
		// Ansvar after them would need every posting by Ansvar kept.
		{name: "#PSALDO per Ansvar efter verifikationerna stäms inte av", balances: "#PSALDO 0 202601 4010 {1 \"200\"} 30.00\n"},
		{name: "#PSALDO med en annan dimension stäms inte av", balances: "#PSALDO 0 202601 4010 {2 \"X\"} 30.00\n#PSALDO -1 202501 4010 {} 30.00\n"},
		{name: "balanskonto: förändring eller saldo vid månadens slut", balances: "#IB 0 1930 1000.00\n#UB 0 1930 875.00\n#PSALDO 0 202601 1930 {} 900.00\n#PSALDO 0 202602 1930 {} -25.00\n#PSALDO 0 202602 1930 {} 870.00\n#PSALDO 0 202601 1930 {1 \"100\"} 5.00\n",
			want: []string{"rad 23: konto 1930: #PSALDO anger 870,00 kr för februari 2026, men de summerade #TRANS-raderna för månaden blir −25,00 kr, och med #IB till och med månaden 875,00 kr (skillnad 895,00 kr)"}},
		{name: "#PSALDO som inte är ett belopp", balances: "#PSALDO 0 202601 4010 {} 1,00\n#IB 0 1930 x\n",
			want: []string{"rad 19: \"1,00\" är inget belopp i #PSALDO och stäms inte av", "rad 20: \"x\" är inget belopp i #IB och stäms inte av"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := read(t, []byte(sieHead+c.before+vouchers+c.balances), "huvudbok.se")
			if l.RowsSummed != 5 {
				t.Errorf("%d rows summed", l.RowsSummed)
			}
			if len(l.Problems) != len(c.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(l.Problems), len(c.want), dump(l.Problems))
			}
			for i, w := range c.want {
				if p := l.Problems[i]; p.Severity != problem.Warning || !strings.Contains(p.String(), w) {
					t.Errorf("problem %d:\n%s: %s\nwant a warning with\n%s", i, p.Severity, p, w)
				}
			}
		})
	}
}

// TestSIEReconcilePsaldoCap: a file whose vouchers are missing differs
// in every month of every account: 20 lines are named, then a count.
func TestSIEReconcilePsaldoCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(sieHead + "#VER A 1 20260110\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n")
	for acc := 5000; acc < 5003; acc++ {
		for m := 1; m <= 12; m++ {
			fmt.Fprintf(&b, "#PSALDO 0 2026%02d %d {} 10.00\n", m, acc)
		}
	}
	l := read(t, []byte(b.String()), "huvudbok.se")
	if len(l.Problems) != maxPsaldoWarnings+1 {
		t.Fatalf("%d problems:\n%s", len(l.Problems), dump(l.Problems))
	}
	if last := l.Problems[len(l.Problems)-1].String(); !strings.Contains(last, "rad 33: och 16 #PSALDO-rader till stämmer inte med de summerade #TRANS-raderna") {
		t.Errorf("last problem %q", last)
	}
	// A file of balances only is an error already: its balances are
	// not each a warning.
	l = read(t, []byte("#FLAGGA 0\n#SIETYP 3\n#UB 0 1930 5.00\n#PSALDO 0 202601 4010 {} 5.00\n"), "huvudbok.se")
	if len(l.Problems) != 1 || l.Problems[0].Severity != problem.Error {
		t.Errorf("problems:\n%s", dump(l.Problems))
	}
}

// FuzzSIEVoucherIdentity: a file read twice over (two exports joined)
// sums what the file sums once, when every voucher has a number: each
// voucher of the second copy is the first's again, an error naming the
// first's line, and is not summed. Without numbers the second copy may
// be summed, but never more than twice the first. The input is made a
// whole file first: no byte order mark (a second one would stand inside
// a line), line feeds for carriage returns, and a } after it so that a
// voucher left open does not take the second copy's first rows.
func FuzzSIEVoucherIdentity(f *testing.F) {
	for _, s := range []string{
		sieHead + "#VER A 1 20260105\n{\n#TRANS 4010 {} 10.00\n#TRANS 1930 {} -10.00\n}\n#VER B 1 20260106\n{\n#TRANS 4010 {1 \"100\"} 5.00\n#TRANS 1930 {} -5.00\n}\n",
		sieHead + "#VER \"\" 7 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n#VER A 01 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n#VER A 1 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n",
		sieHead + "#VER A \"\" 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n#VER\n{\n#TRANS 4010 {} 2.00 20260105\n#TRANS 1930 {} -2.00 20260105\n}\n",
		"#VER A 99999999999999999999 20260105 {\n#TRANS 4010 {6 \"P1\" 6 \"P1\"} 1\n#TRANS 1930 -1\n}\n#VER A 1099511627776 20260105\n{\n#TRANS 4010 1\n#TRANS 1930 -1\n}\n",
		"#TRANS 4010 {} 1\n#TRANS 1930 {} -1\n}\n#VER A 1 20260101\n{\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := bytes.ReplaceAll(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte("\r"), []byte("\n"))
		g = append(g, "\n}\n"...)
		once := read(t, g, "huvudbok.se")
		twice := read(t, append(append([]byte{}, g...), g...), "huvudbok.se")
		lines := bytes.Count(g, []byte("\n"))
		for _, p := range twice.Problems {
			_, after, ok := strings.Cut(p.Message, "finns redan på rad ")
			var first int
			if _, err := fmt.Sscanf(after, "%d", &first); ok && (err != nil || first >= p.Row || first > lines) {
				t.Fatalf("a voucher at line %d is said to be first at line %d (%v): %s", p.Row, first, err, p)
			}
		}
		if twice.RowsSummed < once.RowsSummed || twice.RowsSummed > 2*once.RowsSummed {
			t.Fatalf("%d rows summed once, %d twice over", once.RowsSummed, twice.RowsSummed)
		}
		// Does every voucher have a number? Lines as the reader splits
		// them, labels as it reads them.
		var z sieTokenizer
		for _, line := range bytes.Split(g, []byte("\n")) {
			toks := z.split(line)
			if len(toks) > 0 && !toks[0].quoted && !toks[0].list && strings.EqualFold(string(toks[0].text), "#VER") && len(tokText(toks, 2)) == 0 {
				return
			}
		}
		if twice.RowsSummed != once.RowsSummed || twice.Total != once.Total || len(twice.Buckets) != len(once.Buckets) {
			t.Fatalf("once: %d rows, %d öre; twice over: %d rows, %d öre", once.RowsSummed, once.Total, twice.RowsSummed, twice.Total)
		}
		for k, b := range once.Buckets {
			if twice.Buckets[k] != b {
				t.Fatalf("%+v: %+v once, %+v twice over", k, b, twice.Buckets[k])
			}
		}
		if once.RowsSummed > 0 && !twice.Problems.HasErrors() {
			t.Fatalf("the second copy is no error:\n%s", dump(twice.Problems))
		}
	})
}
