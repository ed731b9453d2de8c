package ledger

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"rapport/report/money"
	"rapport/report/period"
	"rapport/report/problem"
)

// pc8 encodes a test text in code page 437, as SIE files are written.
func pc8(t testing.TB, s string) []byte {
	t.Helper()
	b, err := charmap.CodePage437.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const sieHead = "#FLAGGA 0\n#PROGRAM \"Test\" 1.0\n#FORMAT PC8\n#GEN 20261101\n#SIETYP 4\n#FNAMN \"Region Test\"\n#RAR 0 20260101 20261231\n"

func mo(y int, m time.Month) period.Month { return period.Month{Year: y, Month: m} }

func kr(s string) money.Amount {
	a, err := money.Parse(s, money.UnitKr)
	if err != nil {
		panic(err)
	}
	return a
}

func TestReadSIE(t *testing.T) {
	type want struct {
		read, summed, errRows int
		buckets               map[Key]money.Amount // every bucket, when set
		hasProject            bool
		problems              []string // substrings of the problems' String(), in order
		severities            []problem.Severity
	}
	cases := []struct {
		name string
		file string
		data []byte
		want want
	}{
		{
			name: "balanserad verifikation",
			file: "huvudbok.se",
			data: []byte(sieHead + "#KONTO 4010 \"Löner\"\n#VER A 1 20260315 \"Lön mars\" 20260316\n{\n#TRANS 4010 {} 1234.50 20260315 \"lön\"\n#TRANS 1930 {} -1234.50\n}\n"),
			want: want{read: 2, summed: 2, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 3)}: kr("1234.50"),
				{Account: "1930", Month: mo(2026, 3)}: kr("-1234.50"),
			}},
		},
		{
			name: "obalanserad verifikation",
			file: "huvudbok.se",
			data: []byte(sieHead + "#VER A 1 20260315 \"\"\n{\n#TRANS 4010 {} 100.00\n#TRANS 1930 {} -100.00\n}\n#VER B 7 20260320 \"fel\"\n{\n#TRANS 4010 {} 100.00\n#TRANS 1930 {} -99.50\n}\n"),
			want: want{read: 4, summed: 2, errRows: 2, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 3)}: kr("100"),
				{Account: "1930", Month: mo(2026, 3)}: kr("-100"),
			}, problems: []string{"huvudbok.se: rad 13: verifikation B 7 den 2026-03-20 balanserar inte: dess 2 #TRANS-rader summerar till 0,50 kr, inte 0"}},
		},
		{
			name: "transaktionsdatum saknas eller är tomt: verifikationens datum",
			file: "huvudbok.sie",
			data: []byte(sieHead + "#VER A 1 20260430\n{\n#TRANS 4010 {} 10.00\n#TRANS 4010 {} 20.00 \"\" \"text\"\n#TRANS 4010 {} 30.00 20260502\n#TRANS 1930 {} -60.00 \"\"\n}\n"),
			want: want{read: 4, summed: 4, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 4)}: kr("30"),
				{Account: "4010", Month: mo(2026, 5)}: kr("30"),
				{Account: "1930", Month: mo(2026, 4)}: kr("-60"),
			}},
		},
		{
			name: "#RTRANS och #BTRANS summeras inte",
			file: "huvudbok.si",
			data: []byte(sieHead + "#VER A 1 20260110\n{\n#TRANS 4010 {} 50.00\n#BTRANS 4010 {} 40.00 20260110 \"\" 0 \"Anna\"\n#RTRANS 4011 {} 40.00 20260110 \"\" 0 \"Anna\"\n#TRANS 4011 {} 40.00 20260110\n#TRANS 1930 {} -90.00\n}\n"),
			want: want{read: 3, summed: 3, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 1)}: kr("50"),
				{Account: "4011", Month: mo(2026, 1)}: kr("40"),
				{Account: "1930", Month: mo(2026, 1)}: kr("-90"),
			}},
		},
		{
			name: "PC8: svenska tecken i kontonamn och objekt",
			file: "huvudbok.se",
			data: append(pc8(t, sieHead+"#KONTO 4010 \"Löner åäö ÅÄÖ\"\n#VER A 1 20260105 \"Lön\"\n{\n#TRANS 4010 {6 \"Å1\"} 10.00\n#TRANS 1930 {} -10.00\n}\n"),
				pc8(t, "#RES 0 4010 11.00\n")...),
			want: want{read: 2, summed: 2, hasProject: true, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 1), Project: "Å1"}: kr("10"),
				{Account: "1930", Month: mo(2026, 1)}:                kr("-10"),
			}, problems: []string{"konto 4010 Löner åäö ÅÄÖ: #RES anger 11,00 kr"}, severities: []problem.Severity{problem.Warning}},
		},
		{
			name: "UTF-8 med #FORMAT UTF8",
			file: "huvudbok.se",
			data: []byte("#FLAGGA 0\n#FORMAT UTF8\n#SIETYP 4\n#KONTO 4010 \"Löner\"\n#VER A 1 20260105\n{\n#TRANS 4010 {6 \"Ö2\"} 10.00\n#TRANS 1930 {} -10.00\n}\n#RES 0 4010 12.00\n"),
			want: want{read: 2, summed: 2, hasProject: true, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 1), Project: "Ö2"}: kr("10"),
				{Account: "1930", Month: mo(2026, 1)}:                kr("-10"),
			}, problems: []string{"konto 4010 Löner: #RES anger 12,00 kr för år 2026 (enligt verifikationerna, filen saknar #RAR 0), men de summerade #TRANS-raderna blir 10,00 kr (skillnad 2,00 kr)"},
				severities: []problem.Severity{problem.Warning}},
		},
		{
			name: "UTF-8 med BOM",
			file: "huvudbok.csv",
			data: []byte("\ufeff#FLAGGA 0\n#FORMAT PC8\n#VER A 1 20260105\n{\n#TRANS 4010 {6 \"Ö2\"} 10.00\n#TRANS 1930 {} -10.00\n}\n"),
			want: want{read: 2, summed: 2, hasProject: true, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 1), Project: "Ö2"}: kr("10"),
				{Account: "1930", Month: mo(2026, 1)}:                kr("-10"),
			}},
		},
		{
			name: "tabbar, flera mellanslag, CRLF, citerat #FORMAT, inga #RAR",
			file: "huvudbok.se",
			data: []byte("#FLAGGA\t0\r\n#FORMAT   \"PC8\"  \r\n#SIETYP \"4\"\r\n#ORGNR 556000-0000\r\n#DIM 1 \"Ansvar\"\r\n#OBJEKT 1 \"100\" \"Kansli\"\r\n#VER\t\"A\"\t\"12\"\t20261231\t\"Text med \\\"citat\\\"\"\r\n{\r\n\t#TRANS\t4010\t{}\t-1234.50\t\t20261231   \r\n   #TRANS    3010   {  }    +1234.50  \r\n}   \r\n"),
			want: want{read: 2, summed: 2, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 12)}: kr("-1234.50"),
				{Account: "3010", Month: mo(2026, 12)}: kr("1234.50"),
			}},
		},
		{
			name: "objekt i dimension 1 och 6, citerade och nakna",
			file: "huvudbok.se",
			data: []byte(sieHead + "#VER A 1 20260201\n{\n#TRANS 4010 {1 \"100\" 6 \"P123\"} 10.00\n#TRANS 4010 {\"1\" 200 \"6\" P123} 5.00\n#TRANS 4010 \"{1 \\\"100\\\" 2 \\\"9\\\"}\" 1.00\n#TRANS 1930 {1 \"\"} -16.00\n}\n"),
			want: want{read: 4, summed: 4, hasProject: true, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 2), Project: "P123"}: kr("15"),
				{Account: "4010", Month: mo(2026, 2)}:                  kr("1"),
				{Account: "1930", Month: mo(2026, 2)}:                  kr("-16"),
			}},
		},
		{
			name: "huvudbok.csv som börjar med #FLAGGA läses som SIE",
			file: "huvudbok.csv",
			data: []byte("  \n#FLAGGA 0\n#VER A 1 20260105\n{\n#TRANS 4010 {} 10.00\n#TRANS 1930 {} -10.00\n}\n"),
			want: want{read: 2, summed: 2, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 1)}: kr("10"),
				{Account: "1930", Month: mo(2026, 1)}: kr("-10"),
			}},
		},
		{
			name: "huvudbok.xlsx som är SIE: varning",
			file: "huvudbok.xlsx",
			data: []byte("#FLAGGA 0\n#VER A 1 20260105\n{\n#TRANS 4010 {} 10.00\n#TRANS 1930 {} -10.00\n}\n"),
			want: want{read: 2, summed: 2, problems: []string{"huvudbok.xlsx: filen heter .xlsx men är en SIE-fil"}, severities: []problem.Severity{problem.Warning}},
		},
		{
			name: "#RES stämmer med #RAR 0 och förra årets verifikationer ignoreras",
			file: "huvudbok.se",
			data: []byte(sieHead + "#RAR -1 20250101 20251231\n#RES 0 4010 10.00\n#RES -1 4010 99.00\n#VER A 1 20251231\n{\n#TRANS 4010 {} 7.00\n#TRANS 1930 {} -7.00\n}\n#VER A 2 20260105\n{\n#TRANS 4010 {} 10.00\n#TRANS 1930 {} -10.00\n}\n"),
			want: want{read: 4, summed: 4},
		},
		{
			name: "trasiga verifikationer: alla fel på en gång",
			file: "huvudbok.se",
			data: []byte(sieHead +
				"#TRANS 4010 {} 1.00\n" + // line 8: outside a block
				"#VER A 1 20260105\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n}\n" + // 9: no {
				"#VER A 2 20260105\n{\n#TRANS 4010 {} 1,50\n#TRANS 1930 {} -1.50\n}\n" + // 13: bad amount on 15
				"#VER A 3 20260105\n{\n#TRANS 40x0 {} 1.00\n#TRANS 1930 {} -1.00\n}\n" + // 18: bad account on 20
				"#VER A 4 20260105\n{\n#TRANS 4010 {} 1.00 2026-01-05\n#TRANS 1930 {} -1.00\n}\n" + // 23: bad date on 25
				"#VER A 5 20260105\n{\n#TRANS 4010 {1 \"100\" 1.00\n}\n" + // 28: open object list on 30
				"#VER A 6 20260230\n{\n}\n" + // 32: no such day
				"}\n" + // 35: stray
				"#VER A 7 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -1.00\n" + // 36: no }
				"#VER A 8 20260105\n{\n#TRANS 4010 {} 2.00\n#TRANS 1930 {} -2.00\n}\n"),
			want: want{read: 14, summed: 2, errRows: 12, problems: []string{
				"rad 8: #TRANS-raden står utanför en verifikation",
				"rad 9: verifikation A 1 den 2026-01-05 saknar {",
				"rad 15: \"1,50\" är inget belopp; verifikation A 2",
				"rad 20: \"40x0\" är inget kontonummer",
				"rad 25: \"2026-01-05\" är inget transaktionsdatum",
				"rad 30: \"1 \\\"100\\\" 1.00\" objektlistan avslutas inte med }",
				"rad 32: \"20260230\" är inget verifikationsdatum",
				"rad 35: ett } utan en öppen verifikation",
				"rad 36: verifikation A 7 den 2026-01-05 avslutas inte med } (före rad 40)",
			}},
		},
		{
			name: "fil som heter .se men inte är SIE",
			file: "huvudbok.se",
			data: []byte("Konto;Period;Belopp\n4010;202601;5\n"),
			want: want{problems: []string{"huvudbok.se: filen har inga SIE-rader"}},
		},
		{
			name: "SIE typ 2 utan verifikationer",
			file: "huvudbok.se",
			data: []byte("#FLAGGA 0\n#SIETYP 2\n#RES 0 4010 5.00\n"),
			want: want{problems: []string{"filen är SIE typ 2", "rad 3: konto 4010: #RES anger 5,00 kr"}, severities: []problem.Severity{problem.Error, problem.Warning}},
		},
		{
			name: "avkortad fil: sista verifikationen saknar }",
			file: "huvudbok.se",
			data: []byte(sieHead + "#VER A 1 20260105\n{\n#TRANS 4010 {} 1.00\n"),
			want: want{read: 1, errRows: 1, problems: []string{"rad 8: verifikation A 1 den 2026-01-05 avslutas inte med } (när filen tar slut)"}},
		},
		{
			name: "rader som slutar med CR ensamt (klassisk Mac)",
			file: "huvudbok.se",
			data: []byte(strings.ReplaceAll(sieHead+"#VER A 1 20260115\n{\n#TRANS 4010 {} 10.00\n#TRANS 1930 {} -10.00\n}\n", "\n", "\r")),
			want: want{read: 2, summed: 2, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 1)}: kr("10"),
				{Account: "1930", Month: mo(2026, 1)}: kr("-10"),
			}},
		},
		{
			name: "som programmen skriver: #KSUMMA, #PROSA, #KPTYP, flera #RAR, kvantitet och sign, Ctrl-Z sist",
			file: "huvudbok.se",
			data: []byte("#FLAGGA 0\r\n#KSUMMA\r\n#PROGRAM \"Visma Administration\" 2000\r\n#FORMAT PC8\r\n#GEN 20260401 \"AA\"\r\n#SIETYP 4\r\n" +
				"#PROSA \"Export\"\r\n#KPTYP BAS2014\r\n#RAR 0 20260101 20261231\r\n#RAR -1 20250101 20251231\r\n#UNDERDIM 21 \"Under\" 1\r\n" +
				"#VER A 1 20260115 \"Lön\" 20260116 \"AA\"\r\n{\r\n#TRANS 4010 {1 \"100\" 6 \"P1\" 21 \"x\"} 1234.50 20260115 \"lön\" 2.5 \"AA\"\r\n" +
				"#TRANS 1930 {} -1234.50 \"\" \"\" 0\r\n}\r\n#KSUMMA 1234567890\r\n\x1a"),
			want: want{read: 2, summed: 2, hasProject: true, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 1), Project: "P1"}: kr("1234.50"),
				{Account: "1930", Month: mo(2026, 1)}:                kr("-1234.50"),
			}},
		},
		{
			name: "klammer på #VER-raden och objektlistan utelämnad",
			file: "huvudbok.se",
			data: []byte(sieHead + "#VER A 1 20260105 \"x\" {\n#TRANS 4010 10.00\n#TRANS 1930 -10.00 20260106\n}\n"),
			want: want{read: 2, summed: 2, buckets: map[Key]money.Amount{
				{Account: "4010", Month: mo(2026, 1)}: kr("10"),
				{Account: "1930", Month: mo(2026, 1)}: kr("-10"),
			}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := read(t, c.data, c.file)
			w := c.want
			if l.RowsRead != w.read || l.RowsSummed != w.summed || l.ErrorRows != w.errRows || l.BlankRows != 0 {
				t.Errorf("rows read %d summed %d error %d blank %d; want %d %d %d 0",
					l.RowsRead, l.RowsSummed, l.ErrorRows, l.BlankRows, w.read, w.summed, w.errRows)
			}
			if w.buckets != nil {
				if len(l.Buckets) != len(w.buckets) {
					t.Errorf("buckets %v; want %v", l.Buckets, w.buckets)
				}
				for k, a := range w.buckets {
					if l.Buckets[k].Amount != a {
						t.Errorf("bucket %+v = %d; want %d", k, l.Buckets[k].Amount, a)
					}
				}
			}
			if l.HasProject != w.hasProject {
				t.Errorf("HasProject %v; want %v", l.HasProject, w.hasProject)
			}
			if len(l.Problems) != len(w.problems) {
				t.Fatalf("%d problems; want %d:\n%s", len(l.Problems), len(w.problems), dump(l.Problems))
			}
			l.Problems.Sort()
			for i, p := range l.Problems {
				if !strings.Contains(p.String(), w.problems[i]) {
					t.Errorf("problem %d:\n%s\nwant it to contain\n%s", i, p, w.problems[i])
				}
				sev := problem.Error
				if i < len(w.severities) {
					sev = w.severities[i]
				}
				if p.Severity != sev {
					t.Errorf("problem %d is %v; want %v", i, p.Severity, sev)
				}
			}
		})
	}
}

func dump(l problem.List) string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Severity.String() + ": " + p.String() + "\n")
	}
	return b.String()
}

// TestSIEFirstSeen points messages about an account at its first summed
// #TRANS line.
func TestSIEFirstSeen(t *testing.T) {
	l := read(t, []byte(sieHead+"#VER A 1 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -2.00\n#TRANS 4010 {} 1.00\n}\n"), "huvudbok.se")
	if got := l.FirstSeen; got["4010"].Cell() != "rad 10" || got["1930"].Cell() != "rad 11" {
		t.Errorf("FirstSeen %v", got)
	}
}

// sieSpec describes a generated SIE 4 file.
type sieSpec struct {
	Trans int // #TRANS lines, about
	Seed  uint64
}

// writeSIE writes a PC8 SIE 4 file of balanced vouchers with objects of
// dimensions 1 and 6, dates left out now and then, tabs and quoted
// fields, and returns the sums it wrote, by Key, computed from the öre
// it generated and not by reading the file back.
func writeSIE(w io.Writer, s sieSpec) (map[Key]money.Amount, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	rng := rand.New(rand.NewPCG(s.Seed, 0x51e))
	want := map[Key]money.Amount{}
	enc := charmap.CodePage437.NewEncoder()
	head, _ := enc.String("#FLAGGA 0\n#PROGRAM \"rapport test\" 1\n#FORMAT PC8\n#GEN 20261101\n#SIETYP 4\n#FNAMN \"Region Halland\"\n#RAR 0 20260101 20261231\n#DIM 1 \"Ansvar\"\n#DIM 6 \"Projekt\"\n#KONTO 4010 \"Löner, ordinarie\"\n#KONTO 5410 \"Förbrukningsinventarier\"\n")
	bw.WriteString(head)
	accounts := []int{3011, 3110, 4010, 4110, 5410, 5810, 6110, 7010}
	n := 0
	for ver := 1; n < s.Trans; ver++ {
		m := time.Month(1 + rng.IntN(12))
		day := 1 + rng.IntN(28)
		date := fmt.Sprintf("2026%02d%02d", m, day)
		fmt.Fprintf(bw, "#VER\tA %d %s \"Verifikation \\\"%d\\\"\" %s\n{\n", ver, date, ver, date)
		rows := 1 + rng.IntN(5)
		var bal int64
		for r := 0; r < rows; r++ {
			acc := accounts[rng.IntN(len(accounts))]
			ore := rng.Int64N(10_000_000) - 3_000_000
			bal += ore
			resp := 100 + rng.IntN(20)
			proj := ""
			objs := fmt.Sprintf("1 \"%d\"", resp)
			if rng.IntN(3) == 0 {
				proj = fmt.Sprintf("P%d", rng.IntN(7))
				objs += fmt.Sprintf(" 6 \"%s\"", proj)
			}
			tm, tdate := m, ""
			switch rng.IntN(4) {
			case 0:
				tdate = " \"\""
			case 1:
				tm = time.Month(1 + rng.IntN(12))
				tdate = fmt.Sprintf(" 2026%02d%02d", tm, 1+rng.IntN(28))
			case 2:
				tdate = " " + date + " \"text\" 0"
			}
			fmt.Fprintf(bw, "   #TRANS  %d\t{%s}  %s%s\n", acc, objs, oreText(ore), tdate)
			want[Key{Account: strconv.Itoa(acc), Month: period.Month{Year: 2026, Month: tm}, Project: proj}] += money.Amount(ore)
			n++
		}
		fmt.Fprintf(bw, "   #TRANS 1930 {} %s\n}\n", oreText(-bal))
		want[Key{Account: "1930", Month: period.Month{Year: 2026, Month: m}}] += money.Amount(-bal)
		n++
	}
	return want, bw.Flush()
}

// oreText writes öre as an SIE amount: -1234.50, or 12 for whole kronor.
func oreText(ore int64) string {
	sign := ""
	if ore < 0 {
		sign, ore = "-", -ore
	}
	if ore%100 == 0 {
		return fmt.Sprintf("%s%d", sign, ore/100)
	}
	return fmt.Sprintf("%s%d.%02d", sign, ore/100, ore%100)
}

// TestSIEGenerated reads a generated file and compares every bucket with
// the sums the generator computed.
func TestSIEGenerated(t *testing.T) {
	var b bytes.Buffer
	want, err := writeSIE(&b, sieSpec{Trans: 20_000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	l := read(t, b.Bytes(), "huvudbok.se")
	if len(l.Problems) > 0 {
		t.Fatalf("problems:\n%s", dump(l.Problems))
	}
	if l.RowsRead != l.RowsSummed || l.RowsRead < 20_000 || !l.HasProject {
		t.Errorf("rows read %d summed %d, HasProject %v", l.RowsRead, l.RowsSummed, l.HasProject)
	}
	if len(l.Buckets) != len(want) {
		t.Errorf("%d buckets; want %d", len(l.Buckets), len(want))
	}
	for k, a := range want {
		if l.Buckets[k].Amount != a {
			t.Errorf("%+v: %d; want %d", k, l.Buckets[k].Amount, a)
		}
	}
	if l.Total != 0 {
		t.Errorf("Total %d; balanced vouchers sum to 0", l.Total)
	}
}

// FuzzLedgerSIE reads arbitrary bytes as an SIE file: never a panic or
// an error, and the counts and sums always reconcile.
func FuzzLedgerSIE(f *testing.F) {
	for _, s := range []string{
		sieHead + "#KONTO 4010 \"Löner\"\n#VER A 1 20260315 \"Lön\"\n{\n#TRANS 4010 {1 \"100\" 6 \"P1\"} 1234.50 \"\"\n#TRANS 1930 {} -1234.50\n}\n#RES 0 4010 1.00\n",
		"#FLAGGA 0\r\n#VER\t\"A\"\t1\t20260101\r\n{\r\n#TRANS 4010 \"{1 \\\"1\\\"}\" 1\r\n#RTRANS 4010 {} 1\r\n#BTRANS 4010 {} 1\r\n}\r\n",
		"#FLAGGA 0\n#TRANS 4010 {} 1\n}\n{\n#VER A 1 2026\n#VER A 2 20260101 {\n#TRANS 4010 {1 \"x} 1,5\n",
		"#FLAGGA 0\n#FORMAT UTF8\n#SIETYP 2\n#RAR 0 20250701 20260630\n#RES 0 3010 -5\n",
		sieHead + "#IB 0 1930 5.00\n#UB 0 1930 3\n#PSALDO 0 202601 4010 {1 \"100\" 6 \"P1\"} 1\n#PSALDO 0 202601 1930 {} 2\n#VER A 1 20260115\n{\n#TRANS 4010 {1 \"100\" 6 \"P1\"} 1\n#TRANS 1930 {} -1\n}\n#VER A 1 20260116\n{\n}\n#PSALDO 0 202601 4010 {1 \"100\"} 1\n",
		"#FLAGGA 0\r#KSUMMA\r#VER A 1 20260115\r{\r#TRANS 4010 {1 100 6 P1} 1.00 20260115 \"x\" 2.5 \"AA\"\r#TRANS 1930 {} -1.00\r}\r#KSUMMA 1\r\x1a",
	} {
		f.Add([]byte(s))
	}
	var gen bytes.Buffer
	if _, err := writeSIE(&gen, sieSpec{Trans: 30, Seed: 1}); err != nil {
		f.Fatal(err)
	}
	f.Add(gen.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), "huvudbok.se", Options{})
		if err != nil {
			t.Fatalf("error on input: %v", err)
		}
		checkInvariants(t, l)
		if l.RowsSummed > 0 && l.Total != 0 {
			t.Fatalf("summed vouchers balance, but Total is %d", l.Total)
		}
		for _, p := range l.Problems {
			if !utf8.ValidString(p.String()) {
				t.Fatalf("problem is not UTF-8: %q", p.String())
			}
		}
	})
}

// BenchmarkSIE reads a generated SIE file of 1M #TRANS lines (100k with
// -short). MB/s is of the file.
func BenchmarkSIE(b *testing.B) {
	rows := 1_000_000
	if testing.Short() {
		rows = 100_000
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("rapport-bench-sie-%d.se", rows))
	if _, err := os.Stat(path); err != nil {
		f, err := os.Create(path + ".tmp")
		if err != nil {
			b.Fatal(err)
		}
		_, err = writeSIE(f, sieSpec{Trans: rows, Seed: 1})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(path+".tmp", path)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		l, err := ReadFile(context.Background(), path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if l.RowsSummed < rows || len(l.Problems) > 0 {
			b.Fatalf("%d rows summed, problems %v", l.RowsSummed, l.Problems)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// TestSIEProgressAndCancel: the SIE reader reports progress in #TRANS
// rows and bytes, and stops on a cancelled context.
func TestSIEProgressAndCancel(t *testing.T) {
	var b bytes.Buffer
	if _, err := writeSIE(&b, sieSpec{Trans: 20_000, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	var last Progress
	calls := 0
	l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), "huvudbok.se", Options{
		Progress: func(p Progress) { last = p; calls++ },
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 || last.Rows != l.RowsRead || last.BytesRead != int64(len(data)) || last.BytesTotal != int64(len(data)) {
		t.Errorf("%d calls, last %+v, %d rows", calls, last, l.RowsRead)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Read(ctx, bytes.NewReader(data), int64(len(data)), "huvudbok.se", Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestSIEProblemCap: past 200 problems only a summary is added, and the
// counts stay exact.
func TestSIEProblemCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(sieHead)
	for i := 0; i < 250; i++ {
		fmt.Fprintf(&b, "#VER A %d 20260105\n{\n#TRANS 4010 {} 1.00\n#TRANS 1930 {} -0.99\n}\n", i)
	}
	l := read(t, []byte(b.String()), "huvudbok.se")
	if l.RowsRead != 500 || l.ErrorRows != 500 || len(l.Problems) != maxProblems+1 {
		t.Fatalf("rows %d, error rows %d, %d problems", l.RowsRead, l.ErrorRows, len(l.Problems))
	}
	if last := l.Problems[len(l.Problems)-1]; !strings.Contains(last.Message, "och 50 fel till") {
		t.Errorf("summary %q", last.Message)
	}
}

// TestSIEBrokenFiscalYear reconciles #RES over a fiscal year that is not
// a calendar year, as #RAR 0 gives it.
func TestSIEBrokenFiscalYear(t *testing.T) {
	data := "#FLAGGA 0\n#SIETYP 4\n#RAR 0 20250701 20260630\n#RES 0 4010 30.00\n#RES 0 3010 -5.00\n" +
		"#VER A 1 20250801\n{\n#TRANS 4010 {} 10.00\n#TRANS 1930 {} -10.00\n}\n" +
		"#VER A 2 20260630\n{\n#TRANS 4010 {} 20.00 20260701\n#TRANS 1930 {} -20.00\n}\n" +
		"#VER A 3 20260701\n{\n#TRANS 4010 {} 40.00\n#TRANS 1930 {} -40.00\n}\n"
	l := read(t, []byte(data), "huvudbok.se")
	if len(l.Problems) != 1 || !strings.Contains(l.Problems[0].String(), "rad 5: konto 3010: #RES anger −5,00 kr för räkenskapsåret 2025-07-01–2026-06-30, men de summerade #TRANS-raderna blir 0,00 kr") {
		t.Fatalf("problems:\n%s", dump(l.Problems))
	}
	if got := l.Buckets[Key{Account: "4010", Month: mo(2026, 7)}].Amount; got != kr("60") {
		t.Errorf("4010 in July 2026: %d; the transaction date decides the bucket", got)
	}
}
