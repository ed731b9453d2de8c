package ledger

import (
	"strings"
	"testing"
	"time"

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
			}, problems: []string{"huvudbok.se: rad 13: verifikation B 7 den 2026-03-20 (rad 13) balanserar inte: #TRANS-raderna summerar till 0,50 kr"}},
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
				"rad 9: verifikation A 1 den 2026-01-05 (rad 9) saknar {",
				"rad 15: \"1,50\" är inget belopp; verifikation A 2",
				"rad 20: \"40x0\" är inget kontonummer",
				"rad 25: \"2026-01-05\" är inget transaktionsdatum",
				"rad 30: \"1 \\\"100\\\" 1.00\" objektlistan avslutas inte med }",
				"rad 32: \"20260230\" är inget verifikationsdatum",
				"rad 35: ett } utan en öppen verifikation",
				"rad 36: verifikation A 7 den 2026-01-05 (rad 36) avslutas inte med } (före rad 40)",
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
			want: want{read: 1, errRows: 1, problems: []string{"rad 8: verifikation A 1 den 2026-01-05 (rad 8) avslutas inte med } (när filen tar slut)"}},
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
	if got := l.FirstSeen; got["4010"] != "rad 10" || got["1930"] != "rad 11" {
		t.Errorf("FirstSeen %v", got)
	}
}
