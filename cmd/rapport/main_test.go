package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"

	"rapport/fixtures"
	"rapport/fixtures/testkit"
	"rapport/report"
	"rapport/report/underlag"
)

// runCmd runs the program in-process and returns exit code, stdout, stderr.
func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// copyTestInput writes an embedded test input folder to disk.
func copyTestInput(t *testing.T, name, dst string) string {
	t.Helper()
	src, err := fs.Sub(fixtures.TestInputs, "testinputs/"+name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dst, src); err != nil {
		t.Fatal(err)
	}
	return dst
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	return testkit.Run(t, name, args...)
}

func pages(t *testing.T, pdf string) int {
	t.Helper()
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(tool(t, "pdfinfo", pdf))
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count", pdf)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestGenerateExample is the pipeline's acceptance: every period of the
// example, valid PDFs with the plan's content, and the same bytes twice.
func TestGenerateExample(t *testing.T) {
	out := t.TempDir()
	code, _, stderr := runCmd(t, "generate", "--period", "all", "--year", "2026", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, p := range []string{"M02", "UR1", "UR2", "M10"} {
		for _, ext := range []string{"pdf", "xlsx"} {
			name := filepath.Join(out, "Regionstyrelsen_2026_"+p+"."+ext)
			if _, err := os.Stat(name); err != nil {
				t.Fatalf("missing %s", name)
			}
			if ext == "pdf" {
				tool(t, "qpdf", "--check", name)
			}
		}
	}
	ur1 := filepath.Join(out, "Regionstyrelsen_2026_UR1.pdf")
	text := squash(tool(t, "pdftotext", ur1, "-"))
	in, err := report.Import(context.Background(), report.ImportOptions{Folder: fixtures.ExampleFolder(), OpenWorkbook: underlag.OpenWorkbook})
	if err != nil {
		t.Fatal(err)
	}
	board := 0
	for _, g := range in.Goals {
		if g.BoardGoal == "" {
			continue
		}
		board++
		if !strings.Contains(text, squash(g.BoardGoal)) {
			t.Errorf("UR1 lacks board goal %s: %q", g.Nr, g.BoardGoal)
		}
	}
	if board != 12 {
		t.Errorf("example has %d board goals, want 12", board)
	}
	for _, want := range []string{"Tabell 2", "Tabell 3", "Tabell 4 Regionstyrelsens driftbudget, redovisas i mnkr", "Tabell 5", "Sida 1 av"} {
		if !strings.Contains(text, want) {
			t.Errorf("UR1 text lacks %q", want)
		}
	}
	if m02 := filepath.Join(out, "Regionstyrelsen_2026_M02.pdf"); pages(t, m02) >= pages(t, ur1) {
		t.Errorf("M02 has %d pages, UR1 %d: the deviation report must be shorter", pages(t, m02), pages(t, ur1))
	}

	before := snapshot(t, out)
	code, _, stderr = runCmd(t, "generate", "--period", "all", "--year", "2026", "--out", out)
	if code != exitOK {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}
	after := snapshot(t, out)
	for name, b := range before {
		a := after[name]
		if !bytes.Equal(a.data, b.data) {
			t.Errorf("%s: second run gave other bytes", name)
		}
		if !a.mod.Equal(b.mod) {
			t.Errorf("%s: unchanged file was rewritten", name)
		}
	}
	if n := strings.Count(stderr, "status=oförändrad"); n != 8 {
		t.Errorf("second run logged %d unchanged files, want 8:\n%s", n, stderr)
	}
}

type fileState struct {
	data []byte
	mod  time.Time
}

func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]fileState{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		p := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(p)
		m[e.Name()] = fileState{data, st.ModTime()}
	}
	return m
}

// TestBrokenInputWritesNothing: a malformed amount, a "Summa" row and an
// unmapped account are all named with file, sheet and cell, by generate and
// validate alike, and nothing is written.
func TestBrokenInputWritesNothing(t *testing.T) {
	in := copyTestInput(t, "trasig", t.TempDir())
	out := t.TempDir()
	want := []string{
		`underlag.xlsx: Prognos!C7: "12,3,4"`,
		`huvudbok.xlsx: Huvudbok!H580: "580223547" summeringsraden "Summa"`,
		`huvudbok.xlsx: Huvudbok!A1014: "9100"`,
	}
	code, _, stderr := runCmd(t, "generate", "--in", in, "--out", out, "--period", "UR1")
	if code != exitInvalid {
		t.Errorf("generate: exit %d, want 1", code)
	}
	code2, stdout, _ := runCmd(t, "validate", "--in", in)
	if code2 != exitInvalid {
		t.Errorf("validate: exit %d, want 1", code2)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("generate does not say %s:\n%s", w, stderr)
		}
		if !strings.Contains(stdout, w) {
			t.Errorf("validate does not say %s:\n%s", w, stdout)
		}
	}
	if files := snapshot(t, out); len(files) != 0 {
		t.Errorf("broken input wrote %d files", len(files))
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "Kommandon"},
		{"unknown command", []string{"gör"}, "okänt kommando"},
		{"unknown flag", []string{"generate", "--färg", "röd"}, "okänd flagga"},
		{"bad period", []string{"generate", "--period", "Q3"}, "--period"},
		{"bad date", []string{"due", "--date", "2026-13-01"}, "--date"},
		{"bad format", []string{"generate", "--format", "docx"}, "--format"},
		{"missing folder", []string{"validate", "--in", "/finns/inte"}, "finns inte"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, tc.args...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
		})
	}
}

func TestDueCommand(t *testing.T) {
	for date, want := range map[string]string{
		"2026-05-05": "UR1 2026 Uppföljningsrapport 1",
		"2026-11-23": "M10 2026 Månadsrapport oktober",
		"2026-01-10": "ÅR 2025 Årsredovisning",
	} {
		code, stdout, _ := runCmd(t, "due", "--date", date)
		if code != exitOK || !strings.HasPrefix(stdout, want) {
			t.Errorf("due %s = %d %q, want %q", date, code, stdout, want)
		}
	}
}

// TestSeveralUnits: one broken unit does not stop the others, and the run
// exits 1.
func TestSeveralUnits(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"kommun-csv", "xlsx-datum", "trasig"} {
		copyTestInput(t, name, filepath.Join(root, name))
	}
	out := t.TempDir()
	code, _, stderr := runCmd(t, "generate", "--in", root, "--out", out, "--period", "all", "--jobs", "2")
	if code != exitInvalid {
		t.Errorf("exit %d, want 1\n%s", code, stderr)
	}
	files := snapshot(t, out)
	for _, unit := range []string{"Kultur- och fritidsnämnden_2026_", "Servicenämnden_2026_"} {
		found := false
		for name := range files {
			found = found || strings.HasPrefix(name, unit)
		}
		if !found {
			t.Errorf("no reports for %s: %v\n%s", unit, keys(files), stderr)
		}
	}
	for name := range files {
		if strings.HasPrefix(name, "Regionstyrelsen") {
			t.Errorf("broken unit wrote %s", name)
		}
	}
	if !strings.Contains(stderr, "trasig") || !strings.Contains(stderr, `resultat="fel i indata"`) {
		t.Errorf("summary does not name the broken unit:\n%s", stderr)
	}
}

func keys(m map[string]fileState) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	return k
}

// TestScheduledRunTwice: the same scheduled command run twice leaves every
// output's modification time as it was.
func TestScheduledRunTwice(t *testing.T) {
	out := t.TempDir()
	args := []string{"generate", "--period", "due", "--date", "2026-11-23", "--out", out, "--log-format", "json"}
	if code, _, stderr := runCmd(t, args...); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	before := snapshot(t, out)
	if len(before) != 2 {
		t.Fatalf("due on 2026-11-23 wrote %v, want the M10 pair", keys(before))
	}
	time.Sleep(20 * time.Millisecond)
	code, _, stderr := runCmd(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for name, a := range snapshot(t, out) {
		if !a.mod.Equal(before[name].mod) {
			t.Errorf("%s modified by an idempotent run", name)
		}
	}
	if !strings.Contains(stderr, `"status":"oförändrad"`) {
		t.Errorf("json log lacks the unchanged status:\n%s", stderr)
	}
}

// TestLockHeldByAnotherRun: a second run into a folder that a live run
// holds waits, then says who holds it, and writes nothing.
func TestLockHeldByAnotherRun(t *testing.T) {
	out := t.TempDir()
	path := filepath.Join(out, lockName)
	// The OS lock is per open file, so this process can hold it against
	// its own run.
	held := flock.New(path)
	if ok, err := held.TryLock(); !ok || err != nil {
		t.Fatalf("lock: %v %v", ok, err)
	}
	defer held.Unlock()
	writeHolder(path, "4242 annan-dator")
	defer func(d time.Duration) { lockWait = d }(lockWait)
	lockWait = 300 * time.Millisecond
	code, _, stderr := runCmd(t, "generate", "--period", "M02", "--out", out)
	if code != exitFailure || !strings.Contains(stderr, "låst av en annan körning (process 4242 på annan-dator") {
		t.Errorf("exit %d, want 3 and the holder named:\n%s", code, stderr)
	}
	if files := snapshot(t, out); len(files) != 0 {
		t.Errorf("wrote %v while the folder was locked", keys(files))
	}
}

// TestLockFileWithoutHolder: a lock file that no live process holds never
// blocks, whatever it says: empty, a dead process, another host (a
// container), a PID that this machine reuses.
func TestLockFileWithoutHolder(t *testing.T) {
	host, _ := os.Hostname()
	tests := []struct{ name, content string }{
		{"empty", ""},
		{"other host", "1 en-annan-container\n"},
		{"live pid of this host", strconv.Itoa(os.Getpid()) + " " + host + "\n"},
		{"garbage", "\x00\x00xyz"},
	}
	defer func(d time.Duration) { lockWait = d }(lockWait)
	lockWait = 0
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			if err := os.WriteFile(filepath.Join(out, lockName), []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runCmd(t, "generate", "--period", "M02", "--out", out)
			if code != exitOK {
				t.Errorf("exit %d\n%s", code, stderr)
			}
			if files := snapshot(t, out); len(files) != 2 {
				t.Errorf("wrote %v, want the M02 pair", keys(files))
			}
		})
	}
}

// TestPeriodBeyondLedger: a period whose last month the ledger has not
// reached is refused rather than reported on part of its months.
func TestPeriodBeyondLedger(t *testing.T) {
	out := t.TempDir()
	for _, p := range []string{"M11", "ÅR"} {
		code, _, stderr := runCmd(t, "generate", "--period", p, "--out", out)
		if code != exitInvalid || !strings.Contains(stderr, "når bara till oktober 2026") {
			t.Errorf("%s on a ledger through October: exit %d\n%s", p, code, stderr)
		}
	}
	if code, _, stderr := runCmd(t, "generate", "--period", "due", "--date", "2026-12-01", "--out", out); code != exitOK {
		t.Errorf("due in December (M10): exit %d\n%s", code, stderr)
	}
}

func TestTemplateKeepsExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "underlag.xlsx")
	if err := os.WriteFile(path, []byte("ifyllt"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(t, "template", "--out", path)
	if b, _ := os.ReadFile(path); code != exitUsage || string(b) != "ifyllt" || !strings.Contains(stderr, "--force") {
		t.Errorf("exit %d, file %q\n%s", code, b, stderr)
	}
	if code, _, _ := runCmd(t, "template", "--out", path, "--force"); code != exitOK {
		t.Errorf("--force: exit %d", code)
	}
}
