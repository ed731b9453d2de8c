package report_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The program flows files → report → layouts → files: readers turn input
// files into report's model, report computes, layouts draw. A package may
// import packages below it in that flow, never one above, so that the core
// stays free of excelize and test data and a new reader or renderer touches
// only its own package. go list answers for the whole module at once.

// goList runs go list in the module and returns its output lines. A
// missing go command fails the test rather than skipping it: the rules
// would otherwise go unchecked without anyone noticing.
func goList(t *testing.T, args ...string) []string {
	t.Helper()
	cmd := exec.Command("go", append([]string{"list"}, args...)...)
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("go list %v: %v\n%s", args, err, msg)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// TestImportLayers checks each package's own (non-test) imports against
// the flow: report and its readers import no renderer, command or test
// data; renderers import no reader.
func TestImportLayers(t *testing.T) {
	imports := map[string][]string{}
	for _, line := range goList(t, "-f", `{{.ImportPath}} {{join .Imports " "}}`, "rapport/...") {
		f := strings.Fields(line)
		imports[f[0]] = f[1:]
	}
	rules := []struct {
		name      string
		pkgs      string   // import path prefix the rule is about
		except    []string // packages under pkgs the rule leaves out, and why
		forbidden []string // import path prefixes they must not import
	}{
		{name: "report imports no layouts, command or fixtures", pkgs: "rapport/report",
			forbidden: []string{"rapport/layouts", "rapport/cmd", "rapport/fixtures"}},
		{name: "layouts import no readers or fixtures", pkgs: "rapport/layouts",
			// testreports builds reports for the layouts' tests only
			// (TestTestreportsOnlyInTests below keeps it that way).
			except: []string{"rapport/layouts/internal/testreports"},
			forbidden: []string{"rapport/report/underlag", "rapport/report/ledger", "rapport/report/xlsxstream",
				"rapport/fixtures", "rapport/cmd"}},
		{name: "value packages import nothing of the program", pkgs: "rapport/report/money",
			forbidden: []string{"rapport/"}},
		{name: "problem imports nothing of the program", pkgs: "rapport/report/problem",
			forbidden: []string{"rapport/"}},
		{name: "period imports nothing of the program", pkgs: "rapport/report/period",
			forbidden: []string{"rapport/"}},
		{name: "filetype imports nothing of the program", pkgs: "rapport/report/filetype",
			forbidden: []string{"rapport/"}},
	}
	for _, r := range rules {
		t.Run(r.name, func(t *testing.T) {
			checked := 0
			for pkg, deps := range imports {
				if !under(pkg, r.pkgs) || contains(r.except, pkg) {
					continue
				}
				checked++
				for _, d := range deps {
					for _, f := range r.forbidden {
						if under(d, f) || (strings.HasSuffix(f, "/") && strings.HasPrefix(d, f)) {
							t.Errorf("%s imports %s", pkg, d)
						}
					}
				}
			}
			if checked == 0 {
				t.Errorf("no package under %s: the rule checks nothing", r.pkgs)
			}
		})
	}
}

// TestReportDeps checks everything report pulls in, directly or not: no
// excelize (the workbook reader is handed in by the caller) and no test
// data (the example is handed in by the command).
func TestReportDeps(t *testing.T) {
	deps := goList(t, "-deps", "rapport/report")
	if len(deps) < 5 {
		t.Fatalf("go list -deps gave %d packages: %v", len(deps), deps)
	}
	for _, d := range deps {
		for _, bad := range []string{"github.com/xuri/excelize", "rapport/fixtures", "rapport/layouts", "rapport/report/underlag"} {
			if under(d, bad) {
				t.Errorf("report depends on %s", d)
			}
		}
	}
}

// TestTestreportsOnlyInTests keeps the layouts' test-report builder, which
// reads the example through report/underlag, out of every program package.
func TestTestreportsOnlyInTests(t *testing.T) {
	for _, line := range goList(t, "-f", `{{.ImportPath}} {{join .Imports " "}}`, "rapport/...") {
		f := strings.Fields(line)
		if contains(f[1:], "rapport/layouts/internal/testreports") {
			t.Errorf("%s imports the test-report builder outside its tests", f[0])
		}
	}
}

// under reports whether pkg is path or a package below it.
func under(pkg, path string) bool {
	return pkg == path || strings.HasPrefix(pkg, path+"/")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
