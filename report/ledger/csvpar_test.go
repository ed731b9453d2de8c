package ledger

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"rapport/fixtures/ledgergen"
)

// csvShape steers a generated CSV export for the parallel read's tests.
type csvShape struct {
	rows      int
	header    string                           // the header line; "" = ledgergen's
	pre       string                           // lines above the header
	cp1252    bool                             // the file is Windows-1252
	crlf      bool                             // line ends
	noLastEOL bool                             // the last line has no line end
	row       func(i int, r *rand.Rand) string // a data line; nil = ordinary
}

func (s csvShape) bytes() []byte {
	r := rand.New(rand.NewPCG(uint64(s.rows), 7))
	eol := "\n"
	if s.crlf {
		eol = "\r\n"
	}
	var b strings.Builder
	b.WriteString(s.pre)
	if s.header == "" {
		b.WriteString(strings.Join(ledgergen.Columns, ";"))
	} else {
		b.WriteString(s.header)
	}
	for i := 0; i < s.rows; i++ {
		b.WriteString(eol)
		if s.row != nil {
			if line := s.row(i, r); line != "-" {
				b.WriteString(line)
				continue
			}
		}
		fmt.Fprintf(&b, "2026-%02d-%02d;%d;%d;%d;%s;Verifikation %d;%d,%02d",
			1+r.IntN(10), 1+r.IntN(28), 3000+r.IntN(40)*100, 1000+r.IntN(5), 100+r.IntN(3),
			[]string{"", "", "P0001", "P0002"}[r.IntN(4)], r.IntN(100), r.IntN(100000)-20000, r.IntN(100))
	}
	if !s.noLastEOL {
		b.WriteString(eol)
	}
	out := []byte(b.String())
	if s.cp1252 {
		var err error
		if out, err = charmap.Windows1252.NewEncoder().Bytes(out); err != nil {
			panic(err)
		}
	}
	return out
}

// setParallel makes a test's CSV reads parallel in two shards, however
// small the file, or never parallel.
func setParallel(t *testing.T, on bool) {
	oldMin, oldProcs := parallelMin, parallelProcs
	t.Cleanup(func() { parallelMin, parallelProcs = oldMin, oldProcs })
	parallelMin, parallelProcs = 1<<62, 2
	if on {
		parallelMin = 0
	}
}

// readWith reads data sequentially (procs 1) or in parallel in procs
// shards, and says whether the shards were merged.
func readWith(t *testing.T, data []byte, procs int, units []Unit) (*Ledger, bool) {
	t.Helper()
	setParallel(t, true)
	parallelProcs = procs
	before := parallelMerged.Load()
	l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), "huvudbok.csv", Options{Units: units})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	checkInvariants(t, l)
	// The router's cache of codes already decided is no result.
	l.route = nil
	return l, parallelMerged.Load() > before
}

// testUnits makes units of the generated files' responsibilities 1000–1004.
func testUnits(t *testing.T, selectors ...string) []Unit {
	var us []Unit
	for i, s := range selectors {
		sel, err := ParseSelector(s)
		if err != nil {
			t.Fatal(err)
		}
		us = append(us, Unit{Name: fmt.Sprintf("enhet%d", i+1), Select: sel})
	}
	return us
}

// TestCSVParallelSameAsSequential reads generated exports both ways: the
// ledgers, counts, FirstSeen and every message (text, row, order, the
// 200 cap with its exact count) must be the same. Clean files must be
// merged from shards, and files with something only the sequential read
// reports right must fall back to it.
func TestCSVParallelSameAsSequential(t *testing.T) {
	bad := func(every int, line string) func(int, *rand.Rand) string {
		return func(i int, _ *rand.Rand) string {
			if i%every == every-1 {
				return line
			}
			return "-"
		}
	}
	for _, tc := range []struct {
		name     string
		shape    csvShape
		parallel bool   // the shards are merged
		units    []Unit // nil = read routed as well as not
	}{
		{"plain UTF-8", csvShape{rows: 3000}, true, nil},
		{"CRLF, no line end at the end", csvShape{rows: 3000, crlf: true, noLastEOL: true}, true, nil},
		{"title rows and sep= above the header", csvShape{rows: 3000, pre: "sep=;\nHuvudbok 2026\n\n"}, true, nil},
		{"byte-order mark", csvShape{rows: 3000, pre: "\ufeff"}, true, nil},
		{"Windows-1252 texts and projects", csvShape{rows: 3000, cp1252: true, row: func(i int, r *rand.Rand) string {
			if i%7 == 0 {
				return fmt.Sprintf("2026-03-01;4010;1000;100;Projekt Å%d;Inköp åäö %d;-12,50", i%3, i)
			}
			return "-"
		}}, true, nil},
		{"UTF-8 first, Windows-1252 later: mixed", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			switch i {
			case 10:
				return "2026-03-01;4010;1000;100;;Inköp;-12,50"
			case 2500:
				return "2026-03-01;4010;1000;100;Proj\xe5;Ink\xf6p;-12,50"
			}
			return "-"
		}}, false, nil},
		{"UTF-8 and Windows-1252 on neighbouring lines: mixed", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			switch i {
			case 1500:
				return "2026-03-01;4010;1000;100;;Inköp;-12,50"
			case 1501:
				return "2026-03-01;4010;1000;100;Proj\xe5;Ink\xf6p;-12,50"
			}
			return "-"
		}}, false, nil},
		{"quoted fields with delimiters and doubled quotes", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			if i%5 == 0 {
				return fmt.Sprintf("\"2026-04-02\";\"%d\";1000;100;\"\";\"Text; med \"\"citat\"\"\";\"-1 234,5%d\"", 4000+i%30, i%10)
			}
			return "-"
		}}, true, nil},
		{"a stray quote inside a text", csvShape{rows: 3000, row: bad(400, `2026-04-02;4010;1000;100;;Bildskärm 24" Dell;100,00`)}, true, nil},
		{"an unclosed quote", csvShape{rows: 3000, row: bad(2000, `2026-04-02;4010;1000;100;;"Text utan slut;100,00`)}, false, nil},
		{"a quote running over lines", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			switch i {
			case 1200:
				return `2026-04-02;4010;1000;100;;"Början;100,00`
			case 1210:
				return `2026-04-02;4010;1000;100;;slut";100,00`
			}
			return "-"
		}}, false, nil},
		{"blank lines and empty fields", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			switch i % 97 {
			case 0:
				return ""
			case 1:
				return ";;;;;;"
			}
			return "-"
		}}, true, nil},
		{"amounts with more decimals than öre, the first late", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			if i >= 1700 && i%300 == 0 {
				return fmt.Sprintf("2026-05-03;5010;1000;100;;x;1,23%d", i%10)
			}
			return "-"
		}}, true, nil},
		{"accounts first seen late", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			if i > 2000 && i%50 == 0 {
				return fmt.Sprintf("2026-06-03;%d;1000;100;;x;10,00", 7000+i)
			}
			return "-"
		}}, true, nil},
		{"over 200 bad rows: the cap and its count", csvShape{rows: 3000, row: bad(9, "2026-06-03;Summa;1000;100;;x;10,00")}, false, nil},
		{"one bad amount at the end", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			if i == 2999 {
				return "2026-06-03;4010;1000;100;;x;tio kronor"
			}
			return "-"
		}}, false, nil},
		{"a line with more fields than a sheet has columns", csvShape{rows: 3000, row: bad(2500, "2026-06-03;4010;1000;100;;x;10,00"+strings.Repeat(";", maxFields))}, false, nil},
		{"summary rows that add up: Delsumma and Summa", csvShape{rows: 3000, header: "Konto;Period;Belopp", row: summaryRows()}, false, nil},
		{"periods 00 and 13 and Debet/Kredit", csvShape{rows: 3000, header: "Konto;Bokf.period;Debet;Kredit", row: func(i int, r *rand.Rand) string {
			p := []string{"00", "01", "06", "12", "13"}[i%5]
			if i%2 == 0 {
				return fmt.Sprintf("%d;2026%s;%d,%02d;", 3000+i%40*100, p, i, i%100)
			}
			return fmt.Sprintf("%d;2026%s;;%d,50", 3000+i%40*100, p, i)
		}}, true, nil},
		{"Kredit written negative", csvShape{rows: 3000, header: "Konto;Period;Debet;Kredit", row: func(i int, r *rand.Rand) string {
			if i%2 == 0 {
				return fmt.Sprintf("%d;2026%02d;%d,%02d;", 4000+i%40*10, 1+i%12, i, i%100)
			}
			return fmt.Sprintf("%d;2026%02d;;-%d,50", 3000+i%40*10, 1+i%12, i)
		}}, false, nil},
		{"Kredit with mixed signs, the odd one late", csvShape{rows: 3000, header: "Konto;Period;Debet;Kredit", row: func(i int, r *rand.Rand) string {
			if i == 2700 {
				return "3010;202604;;-5"
			}
			return fmt.Sprintf("%d;2026%02d;;%d,50", 3000+i%40*10, 1+i%12, i)
		}}, false, nil},
		{"comma-separated with an unquoted decimal comma", csvShape{rows: 3000, header: "Konto,Period,Belopp", row: func(i int, r *rand.Rand) string {
			if i == 1500 {
				return "4010,202604,-1000,50"
			}
			return fmt.Sprintf("%d,2026%02d,%d", 4000+i%20, 1+i%10, i)
		}}, false, nil},
		{"routed, two units selecting the same responsibility", csvShape{rows: 3000}, false, testUnits(t, "1000-1002", "1002-1003")},
		{"routed, rows without a responsibility in later chunks", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			if i > 1800 && i%400 == 0 {
				return fmt.Sprintf("2026-03-01;4010;;100;;Utan ansvar %d;%d,25", i, i)
			}
			return "-"
		}}, true, testUnits(t, "1000-1001", "1002")},
		{"page headers and a footer as text rows: one warning naming the first", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			switch i {
			case 1400:
				return ";;;;;Huvudbok sida 2;"
			case 1401:
				return strings.Join(ledgergen.Columns, ";")
			case 2999:
				return "Utskrivet av AA 2026-05-02"
			}
			return "-"
		}}, false, nil},
		{"rules and a DOS end-of-file mark are blank rows", csvShape{rows: 3000, noLastEOL: true, row: func(i int, r *rand.Rand) string {
			switch {
			case i%700 == 0:
				return "-----;-----;----;----;;;------"
			case i == 2999:
				return "\x1a"
			}
			return "-"
		}}, true, nil},
		// SPEC 15: a data row with more fields than the header.
		{"a Text with an unquoted delimiter", csvShape{rows: 3000, row: bad(1700, "2026-04-02;4010;1000;100;;Faktura 4712; 17;1500,00")}, false, nil},
		{"the first data row wider than the header", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			if i == 0 {
				return "2026-04-02;4010;1000;100;;Faktura 4712; 17;1500,00"
			}
			return "-"
		}}, false, nil},
		{"wide rows filling whole chunks, the others not", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			if i >= 1600 && i < 1700 {
				return fmt.Sprintf("2026-04-02;4010;1000;100;;Faktura %d; 17;1500,00", i)
			}
			return "-"
		}}, false, nil},
		{"every row with a column without a header", csvShape{rows: 3000, row: func(i int, r *rand.Rand) string {
			return fmt.Sprintf("2026-%02d-02;%d;1000;100;;Text %d;%d,%02d;K%d", 1+i%10, 4000+i%30, i, i-1000, i%100, i%3)
		}}, true, nil},
		{"every row as wide as two joined rows", csvShape{rows: 3000, header: "Konto;Period;Belopp;Text", row: func(i int, r *rand.Rand) string {
			return fmt.Sprintf("%d;2026%02d;%d;x,%d;2026%02d;7;y", 4000+i%30, 1+i%10, i, 4000+i%20, 1+i%12)
		}}, false, nil},
		{"comma-separated, clean", csvShape{rows: 3000, header: "Konto,Period,Belopp", row: func(i int, r *rand.Rand) string {
			return fmt.Sprintf("%d,2026%02d,\"%d,%02d\"", 4000+i%20, 1+i%10, i, i%100)
		}}, true, nil},
	} {
		routings := [][]Unit{nil, testUnits(t, "1000-1001", "1002")}
		if tc.units != nil {
			routings = [][]Unit{tc.units}
		}
		for _, us := range routings {
			name := tc.name
			if us != nil {
				name += "/routed"
			}
			t.Run(name, func(t *testing.T) {
				data := tc.shape.bytes()
				want, merged := readWith(t, data, 1, us)
				if merged {
					t.Fatal("the sequential read merged shards")
				}
				if strings.HasPrefix(tc.name, "summary rows") && (want.SummaryRows != 30 || want.ErrorRows != 0) {
					t.Fatalf("%d summary rows verified, %d error rows: %v", want.SummaryRows, want.ErrorRows, want.Problems)
				}
				if strings.HasPrefix(tc.name, "page headers") && (want.BlankRows != 3 || len(want.Problems) != 1 ||
					!strings.Contains(want.Problems[0].String(), "rad 1402: \"Huvudbok sida 2\" raden har varken kontonummer eller belopp (en rubrik, ett sidhuvud eller en sidfot) och hoppas över som en tom rad, liksom 2 rader till")) {
					t.Fatalf("%d blank rows: %v", want.BlankRows, want.Problems)
				}
				// Routed, a file without a responsibility column is an
				// error, which the sequential read reports.
				parallel := tc.parallel && (us == nil || tc.shape.header == "")
				for _, procs := range []int{2, 3} {
					got, merged := readWith(t, data, procs, us)
					if merged != parallel {
						t.Errorf("procs %d: shards merged %v, want %v", procs, merged, parallel)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("procs %d: parallel read differs\n got %d rows, %d summed, total %d, units %v, first seen %v, problems %v\nwant %d rows, %d summed, total %d, units %v, first seen %v, problems %v",
							procs, got.RowsRead, got.RowsSummed, got.Total, got.Units, got.FirstSeen, got.Problems,
							want.RowsRead, want.RowsSummed, want.Total, want.Units, want.FirstSeen, want.Problems)
					}
				}
			})
		}
	}
}

// TestMergeKnowsEveryLedgerField: mergeShards adds a shard's ledger field
// by field, so a field added to Ledger must be merged there too (or make
// a shard that sets it unclean); this test names the fields it knows.
func TestMergeKnowsEveryLedgerField(t *testing.T) {
	known := map[string]string{
		"File": "the same in every shard", "Sheet": "XLSX only", "Sheets": "XLSX only",
		"Buckets": "merged", "HasProject": "merged", "FirstSeen": "merged, the first row of all shards",
		"RowsRead": "merged", "RowsSummed": "merged", "BlankRows": "merged", "ErrorRows": "a shard with error rows is unclean",
		"Total": "merged", "absTotal": "merged, checked", "Problems": "a shard with problems is unclean",
		"Units": "merged; a shard with a unit's problem is unclean", "Routing": "only in a unit's view (ForUnit)",
		"route": "a shard routes by the same units", "noUnit": "merged", "noCode": "merged", "noCodeAt": "merged, the first row of all shards",
		"overlap": "a shard with an overlap is unclean", "noRespTold": "told with a problem: unclean",
		"SummaryRows": "a summary row is checked against the rows above it, all of them: unclean",
		"keep":        "the same in every chunk", "OpeningRows": "merged", "ClosingRows": "merged", "OpeningTotal": "merged", "ClosingTotal": "merged",
	}
	typ := reflect.TypeOf(Ledger{})
	for i := 0; i < typ.NumField(); i++ {
		if name := typ.Field(i).Name; known[name] == "" {
			t.Errorf("Ledger.%s is new: merge it in mergeShards (csvpar.go), or let a shard that sets it be unclean, and add it here", name)
		}
	}
}

// FuzzCSVParallel reads arbitrary bytes as a CSV export sequentially and
// in parallel shards: the two ledgers must be the same.
func FuzzCSVParallel(f *testing.F) {
	for _, s := range []csvShape{
		{rows: 12},
		{rows: 12, crlf: true, noLastEOL: true, pre: "sep=;\nTitel\n"},
		{rows: 12, cp1252: true, row: func(i int, _ *rand.Rand) string {
			return fmt.Sprintf("2026-03-01;4010;1000;100;Å%d;\"x;\"\"y\";-1,234", i)
		}},
		{rows: 12, row: func(i int, _ *rand.Rand) string {
			return []string{"-", "", `2026-03-01;4010;1000;100;;"öppen;1,00`, "2026-03-01;Summa;;;;;1"}[i%4]
		}},
	} {
		f.Add(s.bytes(), false)
		f.Add(s.bytes(), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, routed bool) {
		var us []Unit
		if routed {
			us = testUnits(t, "1000-1001", "1002")
		}
		want, _ := readWith(t, data, 1, us)
		got, _ := readWith(t, data, 2, us)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("parallel read differs\n got %d rows, %d summed, total %d, first seen %v, problems %v\nwant %d rows, %d summed, total %d, first seen %v, problems %v",
				got.RowsRead, got.RowsSummed, got.Total, got.FirstSeen, got.Problems,
				want.RowsRead, want.RowsSummed, want.Total, want.FirstSeen, want.Problems)
		}
	})
}

// failingReaderAt fails every read that reaches past at.
type failingReaderAt struct {
	data []byte
	at   int64
}

func (f failingReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off+int64(len(p)) <= f.at {
		return copy(p, f.data[off:]), nil
	}
	n := 0
	if off < f.at {
		n = copy(p, f.data[off:f.at])
	}
	return n, errors.New("lässtörning")
}

// TestCSVParallelReadFailure: a shard that cannot be read is read again
// sequentially, which counts the rows before the failure and reports it,
// as the sequential read alone does.
func TestCSVParallelReadFailure(t *testing.T) {
	data := csvShape{rows: 3000}.bytes()
	for _, at := range []int64{int64(len(data)) / 3, int64(len(data)) - 10, int64(len(data)) - 1} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			r := failingReaderAt{data, at}
			read := func(procs int) *Ledger {
				setParallel(t, true)
				parallelProcs = procs
				l, err := Read(context.Background(), r, int64(len(data)), "huvudbok.csv", Options{})
				if err != nil {
					t.Fatal(err)
				}
				return l
			}
			want, got := read(1), read(2)
			if !want.Problems.HasErrors() {
				t.Fatalf("the sequential read: %d rows, problems %v", want.RowsRead, want.Problems)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("parallel: %d rows, problems %v; sequential: %d rows, problems %v", got.RowsRead, got.Problems, want.RowsRead, want.Problems)
			}
		})
	}
}

// summaryRows gives data rows with a Delsumma of the rows since the last
// one after every 99, and a Summa of all at the end, as SPEC 6.1 verifies.
func summaryRows() func(int, *rand.Rand) string {
	var since, all int
	return func(i int, _ *rand.Rand) string {
		if i == 0 {
			since, all = 0, 0
		}
		switch {
		case i == 2999:
			return fmt.Sprintf("Summa;;%d", all)
		case i%100 == 99:
			line := fmt.Sprintf("Delsumma;;%d", since)
			since = 0
			return line
		}
		since += i
		all += i
		return fmt.Sprintf("%d;2026%02d;%d", 4000+i%20, 1+i%10, i)
	}
}

// TestCSVParallelSummaryInOneShard: a summary row that the rows of its
// own shard add up to, but not the rows above it in the file, must not be
// counted verified: a shard sees only some of the rows above.
func TestCSVParallelSummaryInOneShard(t *testing.T) {
	var b strings.Builder
	b.WriteString("Konto;Period;Belopp")
	var lines [][]byte
	for i := 0; i < 2000; i++ {
		line := fmt.Sprintf("%d;2026%02d;1", 4000+i%50, 1+i%12)
		b.WriteString("\n" + line)
		lines = append(lines, []byte(line))
	}
	// The summary row's shard, and the sum of that shard's rows.
	summary := func(amount int) string { return fmt.Sprintf("Summa;;%d", amount) }
	shard := shardOf(bytes.Split([]byte(summary(0)), []byte(";")), 0, 1, 2)
	own := 0
	for _, line := range lines {
		if shardOf(bytes.Split(line, []byte(";")), 0, 1, 2) == shard {
			own++
		}
	}
	if own == 0 || own == len(lines) {
		t.Fatalf("the rows fall to one shard: %d of %d", own, len(lines))
	}
	b.WriteString("\n" + summary(own) + "\n")
	data := []byte(b.String())
	want, _ := readWith(t, data, 1, nil)
	got, merged := readWith(t, data, 2, nil)
	if want.ErrorRows != 1 || want.SummaryRows != 0 {
		t.Fatalf("sequential: %d error rows, %d summary rows", want.ErrorRows, want.SummaryRows)
	}
	if merged || !reflect.DeepEqual(got, want) {
		t.Errorf("merged %v; parallel %d error rows, %d summary rows, problems %v", merged, got.ErrorRows, got.SummaryRows, got.Problems)
	}
}

// TestCSVParallelRegionShape reads a region's generated ledger (thousands
// of accounts, responsibilities routed to 20 units) sequentially and in
// two and three shards: the ledgers must be the same, merged from shards.
func TestCSVParallelRegionShape(t *testing.T) {
	var buf bytes.Buffer
	if err := ledgergen.WriteCSV(&buf, ledgergen.Spec{Rows: 20000, Seed: 5, Region: true}); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	var sels []string
	for i := 0; i < 20; i++ {
		sels = append(sels, fmt.Sprintf("%d-%d", 1000+100*i, 1099+100*i))
	}
	for _, us := range [][]Unit{nil, testUnits(t, sels...)} {
		want, _ := readWith(t, data, 1, us)
		for _, procs := range []int{2, 3} {
			got, merged := readWith(t, data, procs, us)
			if !merged {
				t.Errorf("%d units, procs %d: not merged from shards", len(us), procs)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%d units, procs %d: the parallel read differs: %d rows, %d summed, total %d, problems %v",
					len(us), procs, got.RowsRead, got.RowsSummed, got.Total, got.Problems)
			}
		}
	}
}
