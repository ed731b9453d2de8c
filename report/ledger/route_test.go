package ledger

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"rapport/report/money"
)

func TestParseSelector(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		match   []string
		nomatch []string
		err     string // part of the message; "" = valid
	}{
		{name: "empty takes every row", in: "  ", match: []string{"1", "", "RK1"}},
		{name: "codes", in: "100, 2100", match: []string{"100", " 2100 ", "0100"}, nomatch: []string{"1000", "", "210"}},
		{name: "numeric range", in: "1000-1999", match: []string{"1000", "1999", "01500"}, nomatch: []string{"999", "2000", "15A0", ""}},
		{name: "en dash range", in: "10–19", match: []string{"10", "19"}, nomatch: []string{"20"}},
		{name: "text range of equal length", in: "RK10-RK19", match: []string{"RK10", "rk15", "RK19"}, nomatch: []string{"RK1", "RK20", "RK100"}},
		{name: "prefix", in: "RK*", match: []string{"RK", "RK10", "rk9"}, nomatch: []string{"R", "XRK"}},
		{name: "mixed", in: "RK*, 5000-5999,7", match: []string{"RK1", "5500", "7"}, nomatch: []string{"6000", "8"}},
		{name: "letters in a code", in: "A100", match: []string{"a100"}, nomatch: []string{"100"}},
		{name: "reversed range", in: "5000-1000", err: "börjar efter sitt slut"},
		{name: "star alone", in: "*", err: "väljer alla rader"},
		{name: "star inside", in: "R*K", err: "står * inte sist"},
		{name: "empty part", in: "100,,200", err: "tom del"},
		{name: "trailing comma", in: "100,", err: "tom del"},
		{name: "open range", in: "100-", err: "inget intervall"},
		{name: "two dashes", in: "1-2-3", err: "inget intervall"},
		{name: "text range of unequal length", in: "A1-A10", err: "olika längd"},
		{name: "reversed text range", in: "B1-A1", err: "börjar efter sitt slut"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sel, err := ParseSelector(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range tc.match {
				if !sel.Match(c) {
					t.Errorf("%q does not match %q", tc.in, c)
				}
			}
			for _, c := range tc.nomatch {
				if sel.Match(c) {
					t.Errorf("%q matches %q", tc.in, c)
				}
			}
		})
	}
}

func units(t *testing.T, spec ...string) []Unit {
	t.Helper()
	var out []Unit
	for i := 0; i+1 < len(spec); i += 2 {
		sel, err := ParseSelector(spec[i+1])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, Unit{Name: spec[i], Select: sel})
	}
	return out
}

func readRouted(t *testing.T, data []byte, name string, us []Unit) *Ledger {
	t.Helper()
	l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), name, Options{Units: us})
	if err != nil {
		t.Fatal(err)
	}
	checkInvariants(t, l)
	return l
}

// TestRoute sends each reader's postings to units by responsibility: the
// same postings as CSV, XLSX and SIE give the same sums per unit.
func TestRoute(t *testing.T) {
	csv := "Konto;Period;Ansvar;Belopp\n" +
		"4010;202603;100;10,00\n" +
		"4010;202603;150;5,00\n" +
		"5010;202604;RK7;-3,00\n" +
		"4010;202603;900;1,00\n" +
		"4010;202603;;2,00\n"
	xlsx := rawXLSX(t, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`+
		`<row r="2"><c r="A2"><v>4010</v></c><c r="B2"><v>202603</v></c><c r="C2"><v>100</v></c><c r="D2"><v>10</v></c></row>`+
		`<row r="3"><c r="A3"><v>4010</v></c><c r="B3"><v>202603</v></c><c r="C3"><v>150</v></c><c r="D3"><v>5</v></c></row>`+
		`<row r="4"><c r="A4"><v>5010</v></c><c r="B4"><v>202604</v></c><c r="C4" t="s"><v>4</v></c><c r="D4"><v>-3</v></c></row>`+
		`<row r="5"><c r="A5"><v>4010</v></c><c r="B5"><v>202603</v></c><c r="C5"><v>900</v></c><c r="D5"><v>1</v></c></row>`+
		`<row r="6"><c r="A6"><v>4010</v></c><c r="B6"><v>202603</v></c><c r="D6"><v>2</v></c></row>`,
		[]string{"Konto", "Period", "Ansvar", "Belopp", "RK7"}, false)
	sie := "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20260101 20261231\n" +
		"#VER A 1 20260315\n{\n#TRANS 4010 {1 \"100\"} 10.00\n#TRANS 4010 {1 \"150\"} 5.00\n#TRANS 4010 {1 \"900\"} 1.00\n#TRANS 4010 {} 2.00\n#TRANS 1930 {1 \"900\"} -18.00\n}\n" +
		"#VER A 2 20260410\n{\n#TRANS 5010 {1 \"RK7\"} -3.00\n#TRANS 1930 {} 3.00\n}\n"
	for _, tc := range []struct {
		name   string
		data   []byte
		file   string
		noUnit money.Amount
		noCode string // the warning about rows without Ansvar
	}{
		{"csv", []byte(csv), "huvudbok.csv", 300, "huvudbok.csv: rad 6, kolumn Ansvar: 1 rader (2,00 kr) saknar ansvar"},
		{"xlsx", xlsx, "huvudbok.xlsx", 300, "C6: 1 rader (2,00 kr) saknar ansvar"},
		{"sie", []byte(sie), "huvudbok.se", 300 - 1800 + 300, "huvudbok.se: rad 10: 2 rader (5,00 kr) saknar ansvar"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := readRouted(t, tc.data, tc.file, units(t, "Nämnd A", "100-149", "Nämnd B", "150, RK*"))
			if l.Problems.HasErrors() {
				t.Fatalf("problems: %v", l.Problems)
			}
			if got := l.Units[0].Total; got != 1000 {
				t.Errorf("A total %d, want 1000", got)
			}
			if got := l.Units[1].Total; got != 200 {
				t.Errorf("B total %d, want 200", got)
			}
			if got := l.NoUnit().Amount; got != tc.noUnit {
				t.Errorf("no unit %d, want %d", got, tc.noUnit)
			}
			v := l.ForUnit(1)
			if v.Routing.OtherUnits.Amount != 1000 || v.Routing.NoUnit.Amount != tc.noUnit || len(v.Buckets) != 2 {
				t.Errorf("view of B: %+v, %d buckets", v.Routing, len(v.Buckets))
			}
			for i := range l.Units {
				var got strings.Builder
				for _, p := range l.ForUnit(i).Problems {
					got.WriteString(p.String() + "\n")
				}
				if !strings.Contains(got.String(), tc.noCode) {
					t.Errorf("unit %d problems %q lack %q", i, got.String(), tc.noCode)
				}
			}
		})
	}
}

// TestRouteProblems: an overlap is one message per code naming both
// units, in both units' problems only; a file without a responsibility
// column cannot be routed.
func TestRouteProblems(t *testing.T) {
	csv := "Konto;Period;Ansvar;Belopp\n" +
		"4010;202603;120;10,00\n" +
		"4010;202604;120;10,00\n" +
		"4010;202603;130;1,00\n" +
		"4010;202603;300;1,00\n"
	l := readRouted(t, []byte(csv), "huvudbok.csv", units(t, "Nämnd A", "100-199", "Nämnd B", "120-129", "Nämnd C", "300"))
	for i, want := range []int{1, 1, 0} {
		if got := len(l.Units[i].Problems); got != want {
			t.Errorf("unit %d: %d problems, want %d: %v", i, got, want, l.Units[i].Problems)
		}
	}
	msg := l.Units[0].Problems[0].String()
	for _, w := range []string{"Nämnd A", "Nämnd B", "120", "rad 2"} {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q lacks %q", msg, w)
		}
	}
	if l.overlap.Rows != 2 || l.Units[0].Total != 100 {
		t.Errorf("overlap %+v, A %d", l.overlap, l.Units[0].Total)
	}

	l = readRouted(t, []byte("Konto;Period;Belopp\n4010;202603;1,00\n"), "huvudbok.csv", units(t, "Nämnd A", "100"))
	if !l.Problems.HasErrors() || !strings.Contains(l.Problems[0].Message, "ingen kolumn för ansvar") {
		t.Errorf("no responsibility column: %v", l.Problems)
	}
	sie := "#FLAGGA 0\n#SIETYP 4\n#VER A 1 20260315\n{\n#TRANS 4010 {} 10.00\n#TRANS 1930 {} -10.00\n}\n"
	l = readRouted(t, []byte(sie), "huvudbok.se", units(t, "Nämnd A", "100"))
	if !l.Problems.HasErrors() || !strings.Contains(l.Problems[0].Message, "dimension 1") {
		t.Errorf("SIE without dimension 1: %v", l.Problems)
	}
}

// FuzzParseSelector: any Ansvar text parses or is refused with a message,
// never panics, and a refused one selects nothing while not counting as
// absent (which would take every row).
func FuzzParseSelector(f *testing.F) {
	for _, s := range []string{"1000-1999", "RK*, 2100", "A1-A9", "5000-1000", "*", "1,,2", "0100", "–"} {
		f.Add(s, "1500")
	}
	f.Fuzz(func(t *testing.T, s, code string) {
		sel, err := ParseSelector(s)
		if err != nil {
			if err.Error() == "" || sel.IsZero() || sel.Match(code) {
				t.Fatalf("%q refused (%v) but IsZero %v, Match(%q) %v", s, err, sel.IsZero(), code, sel.Match(code))
			}
			return
		}
		if strings.TrimSpace(s) != "" && sel.IsZero() {
			t.Fatalf("%q parsed to an empty selector", s)
		}
		if strings.TrimSpace(code) == "" && !sel.IsZero() && sel.Match(code) {
			t.Fatalf("%q selects an empty responsibility", s)
		}
	})
}
