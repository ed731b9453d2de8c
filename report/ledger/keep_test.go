package ledger

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// codeSums sums a ledger's buckets per kept code ("resp/act").
func codeSums(l *Ledger) string {
	sums := map[string]int64{}
	for k, b := range l.Buckets {
		sums[k.Responsibility+"/"+k.Activity] += int64(b.Amount)
	}
	var out []string
	for k, v := range sums {
		out = append(out, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// TestKeepCodes: asked to, every reader keeps each posting's Ansvar (and
// CSV and XLSX its Verksamhet) in the key, as written, a number cell's
// digits for a number; not asked, the keys hold no code.
func TestKeepCodes(t *testing.T) {
	csv := "Konto;Period;Ansvar;Vht;Belopp\n" +
		"4010;202603;0100;V1;10,00\n" +
		"4010;202603; 0100 ;V1;1,00\n" +
		"4010;202603;RK10;V2;5,00\n" +
		"4010;202603;;V2;2,00\n"
	xlsx := rawXLSX(t, `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`+
		`<row r="2"><c r="A2"><v>4010</v></c><c r="B2"><v>202603</v></c><c r="C2"><v>100</v></c><c r="D2"><v>10</v></c></row>`+
		`<row r="3"><c r="A3"><v>4010</v></c><c r="B3"><v>202603</v></c><c r="C3"><v>100.0</v></c><c r="D3"><v>1</v></c></row>`+
		`<row r="4"><c r="A4"><v>4010</v></c><c r="B4"><v>202603</v></c><c r="C4" t="s"><v>4</v></c><c r="D4"><v>5</v></c></row>`+
		`<row r="5"><c r="A5"><v>4010</v></c><c r="B5"><v>202603</v></c><c r="D5"><v>2</v></c></row>`,
		[]string{"Konto", "Period", "Ansvar", "Belopp", "RK10"}, false)
	sie := "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20260101 20261231\n" +
		"#VER A 1 20260315\n{\n#TRANS 4010 {1 \"100\"} 11.00\n#TRANS 4010 {1 \"RK10\"} 5.00\n#TRANS 4010 {} 2.00\n#TRANS 1930 {} -18.00\n}\n"
	for _, tc := range []struct {
		name, file, data string
		opt              Options
		want             string
	}{
		{"csv ansvar", "huvudbok.csv", csv, Options{KeepResponsibility: true}, "/=200 0100/=1100 RK10/=500"},
		{"csv verksamhet", "huvudbok.csv", csv, Options{KeepActivity: true}, "/V1=1100 /V2=700"},
		{"csv both", "huvudbok.csv", csv, Options{KeepResponsibility: true, KeepActivity: true}, "/V2=200 0100/V1=1100 RK10/V2=500"},
		{"csv none", "huvudbok.csv", csv, Options{}, "/=1800"},
		{"xlsx ansvar", "huvudbok.xlsx", string(xlsx), Options{KeepResponsibility: true}, "/=200 100/=1100 RK10/=500"},
		{"sie ansvar", "huvudbok.se", sie, Options{KeepResponsibility: true}, "/=-1600 100/=1100 RK10/=500"},
		{"sie none", "huvudbok.se", sie, Options{}, "/=0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Read(context.Background(), strings.NewReader(tc.data), int64(len(tc.data)), tc.file, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if l.Problems.HasErrors() {
				t.Fatalf("problems: %v", l.Problems)
			}
			if got := codeSums(l); got != tc.want {
				t.Errorf("sums %s, want %s", got, tc.want)
			}
		})
	}
}

// TestKeepCodesParallel: the shards of a parallel CSV read keep the codes
// as the sequential read does.
func TestKeepCodesParallel(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Konto;Period;Ansvar;Belopp\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&b, "4010;2026%02d;%d;%d,00\n", i%12+1, 1000+i%5, i%7+1)
	}
	data := b.Bytes()
	read := func(procs int) *Ledger {
		setParallel(t, true)
		parallelProcs = procs
		before := parallelMerged.Load()
		l, err := Read(context.Background(), bytes.NewReader(data), int64(len(data)), "huvudbok.csv", Options{KeepResponsibility: true})
		if err != nil {
			t.Fatal(err)
		}
		if procs > 1 && parallelMerged.Load() == before {
			t.Fatal("not read in parallel")
		}
		return l
	}
	seq, par := read(1), read(2)
	if s, p := codeSums(seq), codeSums(par); s != p || !strings.Contains(s, "1004/=") {
		t.Errorf("sequential %s, parallel %s", s, p)
	}
}
