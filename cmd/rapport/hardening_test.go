package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/gofrs/flock"
	"github.com/xuri/excelize/v2"

	"rapport/fixtures"
	"rapport/report"
)

// TestYearContradictsWorkbook: Driftbudget and Prognos carry no year, so a
// run for another year than the workbook's År would report that year with
// this year's budget and replace the right files. It is an input error.
func TestYearContradictsWorkbook(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"--year", []string{"--year", "2025", "--period", "UR1"}},
		{"due in January", []string{"--period", "due", "--date", "2026-01-05"}},
		{"due in January, all formats", []string{"--period", "due", "--date", "2026-01-31", "--format", "pdf"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := runCmd(t, append([]string{"generate", "--out", out}, tc.args...)...)
			if code != exitInvalid {
				t.Errorf("exit %d, want 1\n%s", code, stderr)
			}
			for _, want := range []string{"underlag.xlsx: Inställningar!", "underlaget gäller 2026, men körningen gäller 2025"} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if files := snapshot(t, out); len(files) != 0 {
				t.Errorf("wrote %v", keys(files))
			}
		})
	}
	// ÅR 2026 due on 5 January 2027 is the workbook's own year, but the
	// example's ledger ends in October: still an input error, no report.
	out0 := t.TempDir()
	if code, _, stderr := runCmd(t, "generate", "--out", out0, "--period", "due", "--date", "2027-01-05"); code != exitInvalid || !strings.Contains(stderr, "når bara till oktober 2026") {
		t.Errorf("due on 2027-01-05: exit %d\n%s", code, stderr)
	}
	if files := snapshot(t, out0); len(files) != 0 {
		t.Errorf("due on 2027-01-05 wrote %v", keys(files))
	}
	// The matching year stays allowed.
	out := t.TempDir()
	if code, _, stderr := runCmd(t, "generate", "--out", out, "--year", "2026", "--period", "M02"); code != exitOK {
		t.Errorf("--year 2026 on År 2026: exit %d\n%s", code, stderr)
	}
	if files := snapshot(t, out); len(files) != 2 {
		t.Errorf("--year 2026 wrote %v, want the M02 pair", keys(files))
	}
}

// exampleWith writes the example input folder with its underlag.xlsx
// changed by edit, and returns the folder.
func exampleWith(t *testing.T, edit func(f *excelize.File)) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, fixtures.ExampleFolder()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, report.UnderlagFile)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edit(f)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return dir
}

// setSetting replaces the value of one key of Inställningar.
func setSetting(t *testing.T, f *excelize.File, key, value string) {
	t.Helper()
	rows, err := f.GetRows("Inställningar")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		for j, c := range r {
			if strings.EqualFold(strings.TrimSpace(c), key) {
				cell, _ := excelize.CoordinatesToCellName(j+2, i+1)
				f.SetCellStr("Inställningar", cell, value)
				return
			}
		}
	}
	t.Fatalf("Inställningar has no %s", key)
}

// TestOutputsStayInOutFolder: neither a Kalender period code nor a unit
// name can put a file outside --out, and an over-long unit name is an
// input error naming Inställningar rather than an OS error.
func TestOutputsStayInOutFolder(t *testing.T) {
	calendar := func(code string) func(f *excelize.File) {
		return func(f *excelize.File) {
			f.NewSheet("Kalender")
			f.SetSheetRow("Kalender", "A1", &[]any{"Kod", "Namn", "Sista månad", "Typ"})
			rows := [][]any{{"M02", "Februari", 2, "Avvikelserapport"}, {"UR1", "UR1", 4, "Fullständig"},
				{code, "Halvår", 6, "Avvikelserapport"}, {"UR2", "UR2", 8, "Fullständig"},
				{"M10", "Oktober", 10, "Avvikelserapport"}, {"ÅR", "Årsredovisning", 12, "Årsredovisning"}}
			for i, r := range rows {
				f.SetSheetRow("Kalender", fmt.Sprintf("A%d", i+2), &r)
			}
		}
	}
	unit := func(name string) func(f *excelize.File) {
		return func(f *excelize.File) { setSetting(t, f, "Enhet", name) }
	}
	tests := []struct {
		name   string
		edit   func(f *excelize.File)
		period string
		want   string
		code   int
	}{
		{"code climbing out", calendar("/../../../X"), "all", `underlag.xlsx: Kalender!A4: "/../../../X" är ingen giltig periodkod`, exitInvalid},
		{"code with a dot", calendar(".."), "all", "är ingen giltig periodkod", exitInvalid},
		{"code too long", calendar("TERTIAL1"), "all", "är ingen giltig periodkod", exitInvalid},
		{"good custom code", calendar("T1"), "T1", "", exitOK},
		{"unit with slashes", unit("../../ut"), "M02", "", exitOK},
		{"unit of dots", unit(".."), "M02", "", exitOK},
		{"unit too long", unit(strings.Repeat("Nämnden för långa namn ", 10)), "M02", "Inställningar: ", exitInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := exampleWith(t, tc.edit)
			root := t.TempDir()
			out := filepath.Join(root, "a", "b", "ut")
			code, _, stderr := runCmd(t, "generate", "--in", in, "--out", out, "--period", tc.period)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want %d and %q:\n%s", code, tc.code, tc.want, stderr)
			}
			// validate finds the same.
			if code, stdout, _ := runCmd(t, "validate", "--in", in, "--period", tc.period); code != tc.code || !strings.Contains(stdout, tc.want) {
				t.Errorf("validate: exit %d, want %d and %q:\n%s", code, tc.code, tc.want, stdout)
			}
			// Everything written is directly in out.
			filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && filepath.Dir(p) != out {
					t.Errorf("wrote %s outside --out", p)
				}
				return nil
			})
		})
	}
}

func TestInsideDir(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Enhet_2026_UR1.pdf", true}, {".._2026_UR1.pdf", true},
		{"..", false}, {".", false}, {"", false}, {"a/b.pdf", false}, {`a\b.pdf`, false},
		{"/etc/x", false}, {"../x", false},
	}
	for _, tc := range tests {
		if got := insideDir("ut", tc.name); got != tc.want {
			t.Errorf("insideDir(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestQuietStillShowsWriteFailures: --quiet drops progress and summary,
// never the reason for exit 3.
func TestQuietStillShowsWriteFailures(t *testing.T) {
	out := t.TempDir()
	if err := os.Mkdir(filepath.Join(out, "Regionstyrelsen_2026_M02.pdf"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, "generate", "--period", "M02", "--out", out, "--quiet")
	if code != exitFailure {
		t.Errorf("exit %d, want 3", code)
	}
	want := "Regionstyrelsen_2026_M02.pdf finns redan och är ingen vanlig fil"
	if !strings.Contains(stderr, want) || stdout != "" {
		t.Errorf("stderr lacks %q:\n%s\nstdout: %s", want, stderr, stdout)
	}
}

// TestCancelledRunSaysAborted: a run stopped by SIGTERM or Ctrl-C says so
// in Swedish.
func TestCancelledRunSaysAborted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"generate", "--period", "M02", "--out", t.TempDir()}, &stdout, &stderr)
	if code != exitFailure || !strings.Contains(stderr.String(), "avbruten") || strings.Contains(stderr.String(), "context canceled") {
		t.Errorf("exit %d:\n%s", code, stderr.String())
	}
}

// TestNoTemporaryFilesLeft: a run, finished or stopped by a signal, leaves
// nothing in the system's temporary folder (excelize unpacks large
// worksheets there), and removes what a killed run left, but not the
// folder of a run still going.
func TestNoTemporaryFilesLeft(t *testing.T) {
	tests := []struct {
		name   string
		cancel bool
	}{{"finished", false}, {"cancelled", true}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			// A killed run's folder with an excelize file, its lock free.
			dead := filepath.Join(tmp, tempPrefix+"111")
			os.Mkdir(dead, 0o700)
			os.WriteFile(filepath.Join(dead, lockName), nil, 0o600)
			os.WriteFile(filepath.Join(dead, "excelize-222"), []byte("<worksheet>"), 0o600)
			hourAgo := time.Now().Add(-time.Hour)
			os.Chtimes(dead, hourAgo, hourAgo)
			// A live run's folder: its lock is held.
			live := filepath.Join(tmp, tempPrefix+"333")
			os.Mkdir(live, 0o700)
			held := flock.New(filepath.Join(live, lockName))
			if ok, err := held.TryLock(); !ok || err != nil {
				t.Fatal(ok, err)
			}
			defer held.Unlock()
			os.Chtimes(live, hourAgo, hourAgo)
			ctx, cancel := context.WithCancel(context.Background())
			if tc.cancel {
				cancel()
			}
			defer cancel()
			var stdout, stderr bytes.Buffer
			run(ctx, []string{"generate", "--period", "M02", "--out", t.TempDir()}, &stdout, &stderr)
			left, _ := os.ReadDir(tmp)
			if len(left) != 1 || left[0].Name() != filepath.Base(live) {
				t.Errorf("temporary folder holds %v, want only the live run's", left)
			}
		})
	}
}

// TestVersion: --version and version say it; a build's VCS stamp makes it
// precise; the PDF's Producer and the workbook's properties carry it.
func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		code, stdout, _ := runCmd(t, arg)
		if code != exitOK || stdout != "rapport "+programVersion()+"\n" {
			t.Errorf("%s: exit %d, %q", arg, code, stdout)
		}
	}
	builds := []struct {
		name string
		bi   debug.BuildInfo
		want string
	}{
		{"tagged", debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{"checkout", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "false"}}}, "dev-0123456789ab"},
		{"changed checkout", debug.BuildInfo{Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}, "dev-0123456789ab-ändrad"},
		// Go 1.24 and later stamp a checkout's pseudo-version, which
		// holds the commit already: said once, not twice.
		{"pseudo-version", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261125201949-15ed800a9588"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "15ed800a9588a4a5f0b4c2f6f1b1e1d1c1b1a191"}, {Key: "vcs.modified", Value: "false"}}}, "v0.0.0-20261125201949-15ed800a9588"},
		{"changed pseudo-version", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261125201949-15ed800a9588+dirty"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "15ed800a9588a4a5f0b4c2f6f1b1e1d1c1b1a191"}, {Key: "vcs.modified", Value: "true"}}}, "v0.0.0-20261125201949-15ed800a9588-ändrad"},
	}
	for _, tc := range builds {
		if got := buildVersion(&tc.bi); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}

	defer func(v string) { version = v }(version)
	version = "9.9.9-test"
	out := t.TempDir()
	if code, _, stderr := runCmd(t, "generate", "--period", "M02", "--out", out); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	base := filepath.Join(out, "Regionstyrelsen_2026_M02")
	if info := tool(t, "pdfinfo", base+".pdf"); !strings.Contains(info, "rapport 9.9.9-test") {
		t.Errorf("PDF Producer lacks the version:\n%s", info)
	}
	f, err := excelize.OpenFile(base + ".xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props, err := f.GetDocProps()
	if err != nil || props.Version != "9.9.9-test" || !strings.Contains(props.Description, "rapport 9.9.9-test") {
		t.Errorf("workbook properties %+v, %v", props, err)
	}
}

// TestJSONLogEveryLine: with --log-format json every line of stdout and
// stderr is a JSON record with a level, for a good run, a broken input (one
// record per problem, with its place), a failed unit (with its reason)
// and a bad command line.
func TestJSONLogEveryLine(t *testing.T) {
	broken := copyTestInput(t, "trasig", t.TempDir())
	tests := []struct {
		name string
		args []string
		code int
		want []string // in some record
	}{
		{"generate example", []string{"generate", "--period", "M02", "--out", t.TempDir()}, exitOK, []string{`"msg":"fil"`, `"level":"INFO"`}},
		{"validate example", []string{"validate"}, exitOK, []string{"inga fel"}},
		{"generate broken", []string{"generate", "--in", broken, "--out", t.TempDir(), "--period", "UR1"}, exitInvalid,
			[]string{`"level":"ERROR","msg":"fel i indata"`, `"file":"underlag.xlsx","sheet":"Prognos","cell":"C7","value":"12,3,4"`, `"orsak":"`}},
		{"validate broken", []string{"validate", "--in", broken}, exitInvalid, []string{`"cell":"H580"`, `"hint":`}},
		{"bad flag", []string{"generate", "--jobs", "x"}, exitUsage, []string{`"level":"ERROR"`, "--jobs"}},
		{"bad flag, = form", []string{"validate", "--log-format=json", "--färg"}, exitUsage, []string{"okänd flagga"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{}, tc.args[0], "--log-format", "json"), tc.args[1:]...)
			if strings.Contains(strings.Join(tc.args, " "), "--log-format") {
				args = tc.args
			}
			code, stdout, stderr := runCmd(t, args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			all := stdout + stderr
			for _, stream := range []string{stdout, stderr} {
				for _, line := range strings.Split(strings.TrimSuffix(stream, "\n"), "\n") {
					if line == "" && stream == "" {
						continue
					}
					var rec map[string]any
					if err := json.Unmarshal([]byte(line), &rec); err != nil {
						t.Errorf("not JSON: %q", line)
						continue
					}
					if _, ok := rec["level"].(string); !ok {
						t.Errorf("no level: %q", line)
					}
				}
			}
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("no record holds %s:\n%s", w, all)
				}
			}
		})
	}
}

// TestFlagErrorsInSwedish: every kind of flag error pflag reports comes
// out in Swedish, naming the flag, with exit 2.
func TestFlagErrorsInSwedish(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"generate", "--färg", "röd"}, "okänd flagga --färg"},
		{"unknown shorthand", []string{"validate", "-x"}, "okänd kortflagga -x"},
		{"unknown shorthand in a group", []string{"due", "-hz"}, "okänd kortflagga -z"},
		{"value missing", []string{"generate", "--out"}, "flaggan --out behöver ett värde"},
		{"not a number", []string{"generate", "--jobs", "x"}, `ogiltigt värde "x" för --jobs: ange ett heltal`},
		{"not a number, = form", []string{"template", "--year=tjugo"}, `ogiltigt värde "tjugo" för --year: ange ett heltal`},
		{"not a boolean", []string{"validate", "--strict=kanske"}, `ogiltigt värde "kanske" för --strict: ange true eller false`},
		{"bad syntax", []string{"generate", "---out", "x"}, "felaktig flagga ---out"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCmd(t, tc.args...)
			if code != exitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tc.want)
			}
			if english := regexp.MustCompile(`\b(flag|invalid|argument|unknown|syntax|needs)\b`).FindString(stderr); english != "" {
				t.Errorf("stderr has English %q: %s", english, stderr)
			}
		})
	}
}

// TestTemplateMakesFolder: template --out ny/underlag.xlsx makes ny/, as
// generate --out makes its folder.
func TestTemplateMakesFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ny", "enhet", "underlag.xlsx")
	code, _, stderr := runCmd(t, "template", "--out", path)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Errorf("no template written: %v", err)
	}
}
