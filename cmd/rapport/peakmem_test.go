//go:build linux || darwin

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"rapport/report"
)

// maxPeak is the memory a run may take on any input: the hardening
// issue's bound, which the readers' limits are chosen to keep.
const maxPeak = 200 << 20

// peakRun is one run of the built program: its exit code, output, peak
// resident memory and CPU time, as /usr/bin/time -v reports them.
type peakRun struct {
	code   int
	output string
	peak   int64 // bytes
	cpu    float64
}

// runPeak runs bin validate, or bin generate (rendering every period the
// data reach into a folder of its own), on dir and reads its peak memory
// from the kernel's resource usage of the child. Through a helper process: on
// Linux a child started by this test process counts the test process's
// own peak memory in its own (exec records the memory it replaces), so
// the child is started by a fresh, small copy of the test binary, as
// /usr/bin/time starts it.
func runPeak(t *testing.T, bin, command, dir string) peakRun {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeakHelper$")
	cmd.Env = append(os.Environ(), "RAPPORT_PEAK_BIN="+bin, "RAPPORT_PEAK_DIR="+dir, "RAPPORT_PEAK_CMD="+command)
	if command == "generate" {
		cmd.Env = append(cmd.Env, "RAPPORT_PEAK_OUT="+t.TempDir())
	}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	var r peakRun
	head, rest, _ := strings.Cut(string(out), "\n")
	if _, err := fmt.Sscanf(head, "peak %d cpu %g code %d", &r.peak, &r.cpu, &r.code); err != nil {
		t.Fatalf("helper said %q: %v", head, err)
	}
	r.output = rest
	return r
}

// TestPeakHelper is the helper process of runPeak; run by itself it does
// nothing.
func TestPeakHelper(t *testing.T) {
	bin := os.Getenv("RAPPORT_PEAK_BIN")
	if bin == "" {
		t.Skip("the helper process of TestPeakMemory")
	}
	args := []string{os.Getenv("RAPPORT_PEAK_CMD"), "--in", os.Getenv("RAPPORT_PEAK_DIR")}
	if out := os.Getenv("RAPPORT_PEAK_OUT"); out != "" {
		args = append(args, "--out", out)
	}
	cmd := exec.Command(bin, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Println(err)
		os.Exit(2)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	peak := int64(ru.Maxrss) * 1024 // kilobytes on Linux
	if runtime.GOOS == "darwin" {
		peak = int64(ru.Maxrss) // bytes on macOS
	}
	cpu := float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
	fmt.Printf("peak %d cpu %g code %d\n%s", peak, cpu, cmd.ProcessState.ExitCode(), out.String())
	os.Exit(0)
}

// assessments is the example's underlag.xlsx with its Målbedömning
// (sheet3) holding n rows under the header, each with an analysis of
// size bytes written inline in the sheet.
func assessments(t *testing.T, n, size int) []byte {
	return replacePart(t, exampleFile(t, report.UnderlagFile), "xl/worksheets/sheet3.xml", func(old []byte, w io.Writer) {
		i, j := bytes.Index(old, []byte(`<row r="2">`)), bytes.Index(old, []byte("</sheetData>"))
		w.Write(old[:i])
		pad := strings.Repeat("x", size)
		for r := 2; r < n+2; r++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d"><v>1</v></c><c r="B%d" t="s"><v>44</v></c><c r="C%d" t="s"><v>45</v></c><c r="D%d" t="inlineStr"><is><t>%d %s</t></is></c></row>`,
				r, r, r, r, r, r, pad)
		}
		w.Write(old[j:])
	})
}

// plans is the example's underlag.xlsx with its Planuppföljning (sheet9)
// holding n rows for UR1 under the header, each with an activity and a
// comment of size characters written inline in the sheet.
func plans(t *testing.T, n, size int) []byte {
	return replacePart(t, exampleFile(t, report.UnderlagFile), "xl/worksheets/sheet9.xml", func(old []byte, w io.Writer) {
		i, j := bytes.Index(old, []byte(`<row r="2">`)), bytes.Index(old, []byte("</sheetData>"))
		w.Write(old[:i])
		// size characters in all, cut at a character, not inside one.
		pad := string([]rune(strings.Repeat("Åtgärden följs upp enligt plan ", size/31+1))[:size-5])
		// The example's first row gives a Del, a period and an assessment
		// as shared strings; each new row uses the same three.
		shared := func(col string) string {
			m := regexp.MustCompile(`<c r="` + col + `2"[^>]*t="s"><v>(\d+)</v>`).FindSubmatch(old)
			if m == nil {
				t.Fatalf("the example's Planuppföljning has no shared string in %s2", col)
			}
			return string(m[1])
		}
		del, per, word := shared("A"), shared("C"), shared("D")
		for r := 2; r < n+2; r++ {
			fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="s"><v>%s</v></c><c r="B%d" t="inlineStr"><is><t>Aktivitet %d</t></is></c><c r="C%d" t="s"><v>%s</v></c><c r="D%d" t="s"><v>%s</v></c><c r="E%d" t="inlineStr"><is><t>%04d %s</t></is></c></row>`,
				r, r, del, r, r, r, per, r, word, r, r%10000, pad)
		}
		w.Write(old[j:])
	})
}

// withElementsIn is the example's underlag.xlsx with n copies of elem put
// before closing in part.
func withElementsIn(t *testing.T, part, closing, elem string, n int) []byte {
	return replacePart(t, exampleFile(t, report.UnderlagFile), part, func(old []byte, w io.Writer) {
		i := bytes.Index(old, []byte(closing))
		w.Write(old[:i])
		w.Write(bytes.Repeat([]byte(elem), n))
		w.Write(old[i:])
	})
}

// TestPeakMemory runs the built program, validate and generate (which
// renders every period the data reach), on the hostile files of the
// hardening issue, and on the worst file each reader's bound admits, and
// checks that none takes more than 200 MB. Time is logged, not asserted:
// the machine may be shared. Run with -v for the figures.
func TestPeakMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program and runs it on large inputs; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "rapport")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	unclosed := func(lines int) []byte {
		var b bytes.Buffer
		b.WriteString("Konto;Ansvar;Period;Belopp;Text\n4010;100;2026-01;5;\"Kaffe\n")
		for i := 0; i < lines; i++ {
			b.WriteString("4010;100;2026-02;7;mat och dryck till mötet\n")
		}
		return b.Bytes()
	}
	// SPEC 15: an SIE voucher of a million rows is admitted (it
	// balances), and its rows are not all held at once: short rows, as
	// many as a 100 MB file holds, took 7 times the file when they were.
	bigVoucher := func(rows int) []byte {
		var b bytes.Buffer
		b.Grow(rows * 22)
		b.WriteString("#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20260101 20261231\n#VER A 1 20260215 \"Ombokning\"\n{\n")
		for i := 0; i < rows/2; i++ {
			b.WriteString("#TRANS 4010 {} 1.50\n#TRANS 1930 {} -1.50\n")
		}
		b.WriteString("}\n")
		return b.Bytes()
	}
	tests := []struct {
		name  string
		files map[string][]byte
		code  int
		want  string // in the output
	}{
		{"ledger: a million cells at A2", map[string][]byte{report.LedgerXLSX: rawLedgerXLSX(t, `<row r="2">`+strings.Repeat(`<c r="A2"><v>4010</v></c>`, 1_000_000)+`</row>`, 0)},
			exitInvalid, "cellen står inte till höger om cellen före den i raden"},
		{"ledger: workbook part nesting a million deep", map[string][]byte{report.LedgerXLSX: rawLedgerXLSX(t, "", 1_000_000)},
			exitInvalid, "för djup nästling"},
		{"ledger: sheet nesting a million deep", map[string][]byte{report.LedgerXLSX: rawLedgerXLSX(t, `<row r="2">`+strings.Repeat("<a>", 1_000_000)+`</row>`, 0)},
			exitInvalid, "för djup nästling"},
		{"ledger: a row of 20 cells of 1 MB", map[string][]byte{report.LedgerXLSX: rawLedgerXLSX(t, `<row r="2">`+strings.Repeat(`<c t="inlineStr"><is><t>`+strings.Repeat("x", 1<<20-1)+`</t></is></c>`, 20)+`</row>`, 0)},
			exitInvalid, "raden har orimligt mycket text"},
		{"ledger: 15 MB CSV after an unclosed quote", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: unclosed(350_000)},
			exitInvalid, "huvudbok.csv: rad 2–"},
		{"ledger: CSV line of 8 million delimiters", map[string][]byte{report.LedgerXLSX: nil, report.LedgerCSV: []byte("Konto;Ansvar;Period;Belopp\n4010;100;2026-01;5" + strings.Repeat(";", 8<<20) + "\n")},
			exitInvalid, "raden har orimligt många fält"},
		{"ledger: an SIE voucher of 5 million rows (admitted)", map[string][]byte{report.LedgerXLSX: nil, "huvudbok.se": bigVoucher(5_000_000)},
			exitOK, "inga fel"},
		{"underlag: 50 000 assessments of 5 KB", map[string][]byte{report.UnderlagFile: assessments(t, 50_000, 5000)},
			exitInvalid, "filen packas upp till mer än 64 MB"},
		{"underlag: 5 000 assessments", map[string][]byte{report.UnderlagFile: assessments(t, 5_000, 10)},
			exitInvalid, "Målbedömning: bladet har fler än 5 000 rader"},
		{"underlag: 4 999 Planuppföljning rows of 1 400 characters (admitted)", map[string][]byte{report.UnderlagFile: plans(t, 4_999, 1_400)},
			exitOK, "inga fel"},
		{"underlag: an analysis cell of 50 MB", map[string][]byte{report.UnderlagFile: assessments(t, 1, 50<<20)},
			exitInvalid, "Målbedömning: bladet har mer än 8 MB text"},
		{"underlag: 4 999 assessments of 1 400 characters (admitted)", map[string][]byte{report.UnderlagFile: assessments(t, 4_999, 1_400)},
			exitInvalid, "Målbedömning!A3"}, // the rows repeat goal 1's assessment: each is an error
		{"underlag: 4 000 assessments, 9 MB of text", map[string][]byte{report.UnderlagFile: assessments(t, 4_000, 2300)},
			exitInvalid, "Målbedömning: bladet har mer än 8 MB text"},
		{"underlag: 99 000 more shared strings of 150 characters (admitted)", map[string][]byte{report.UnderlagFile: withElementsIn(t, "xl/sharedStrings.xml", "</sst>", "<si><t>"+strings.Repeat("x", 150)+"</t></si>", 99_000)},
			exitOK, "inga fel"},
		{"underlag: 900 000 more shared strings", map[string][]byte{report.UnderlagFile: withElementsIn(t, "xl/sharedStrings.xml", "</sst>", "<si><t>x</t></si>", 900_000)},
			exitInvalid, "fler än 100 000 olika texter"},
		{"underlag: 99 000 styles (admitted)", map[string][]byte{report.UnderlagFile: withElementsIn(t, "xl/styles.xml", "</cellXfs>", `<xf numFmtId="10"/>`, 99_000)},
			exitOK, "inga fel"},
		{"underlag: 3 million styles", map[string][]byte{report.UnderlagFile: withElementsIn(t, "xl/styles.xml", "</cellXfs>", `<xf numFmtId="10"/>`, 3_000_000)},
			exitInvalid, "xl/styles.xml av arbetsboken packas upp till mer än 4 MB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := exampleFolderWith(t, tc.files)
			for _, command := range []string{"validate", "generate"} {
				r := runPeak(t, bin, command, dir)
				t.Logf("%s: peak %d MB, cpu %.2f s, exit %d", command, r.peak>>20, r.cpu, r.code)
				want := tc.want
				if command == "generate" && tc.code == exitOK {
					want = "resultat=klar" // generate says no "inga fel"
				}
				if r.code != tc.code || !strings.Contains(r.output, want) {
					t.Errorf("%s: exit %d, want %d with %q:\n%.2000s", command, r.code, tc.code, want, r.output)
				}
				if r.peak > maxPeak {
					t.Errorf("%s: peak memory %d MB, over %d MB", command, r.peak>>20, maxPeak>>20)
				}
			}
		})
	}
}
