package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestWriteOverNonRegularFile: a symbolic link (to /dev/zero, say) or a
// folder at an output path is refused without being read or followed.
func TestWriteOverNonRegularFile(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
	}{
		{"symlink to a file", func(t *testing.T, path string) {
			target := filepath.Join(t.TempDir(), "mål")
			os.WriteFile(target, []byte("x"), 0o644)
			if err := os.Symlink(target, path); err != nil {
				t.Skip("no symbolic links here:", err)
			}
		}},
		{"symlink to an endless device", func(t *testing.T, path string) {
			if _, err := os.Stat("/dev/zero"); err != nil {
				t.Skip("no /dev/zero")
			}
			if err := os.Symlink("/dev/zero", path); err != nil {
				t.Skip("no symbolic links here:", err)
			}
		}},
		{"folder", func(t *testing.T, path string) { os.Mkdir(path, 0o755) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "Enhet_2026_UR1.pdf")
			tc.setup(t, path)
			_, err := writeFiles([]outFile{{path, []byte("ny")}})
			if err == nil || !strings.Contains(err.Error(), "finns redan och är ingen vanlig fil") {
				t.Errorf("err = %v", err)
			}
			if st, _ := os.Lstat(path); st.Mode().IsRegular() {
				t.Errorf("the %s was replaced", tc.name)
			}
		})
	}
}

// TestFailedRenameRestoresThePair: when the second of a unit's renames
// fails (a workbook open in Excel on a share), the first file gets its old
// content back, so the pair is both old, never a new PDF beside an old
// workbook; a file that was new is removed again. Only when putting the
// old file back fails too does the message name a mixed pair.
func TestFailedRenameRestoresThePair(t *testing.T) {
	inUse := &os.LinkError{Op: "rename", Err: fs.ErrPermission}
	tests := []struct {
		name     string
		old      bool  // the old pair exists
		fail     []int // the renames (counted from 0) that fail
		want     []string
		wantData [2]string // "" = no file
	}{
		{"second of two, in use", true, []int{1},
			[]string{"kan inte byta ut", "a.xlsx", "de andra filerna fick tillbaka sitt gamla innehåll, så inga filer ändrades", "Stäng filen i Excel (eller PDF-läsaren) och kör igen"},
			[2]string{"gammal pdf", "gammal xlsx"}},
		{"first of two", true, []int{0},
			[]string{"kan inte byta ut", "; inga filer ändrades"},
			[2]string{"gammal pdf", "gammal xlsx"}},
		{"second of two new files", false, []int{1},
			[]string{"kan inte byta ut", "inga filer ändrades"},
			[2]string{"", ""}},
		{"second of two, and putting the first back", true, []int{1, 2},
			[]string{"kan inte byta ut", "nya är a.pdf, gamla (från en tidigare körning) är a.xlsx"},
			[2]string{"ny pdf", "gammal xlsx"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			pdf, xl := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "a.xlsx")
			if tc.old {
				os.WriteFile(pdf, []byte("gammal pdf"), 0o644)
				os.WriteFile(xl, []byte("gammal xlsx"), 0o644)
			}
			n := 0
			defer func(r func(string, string) error) { rename = r }(rename)
			rename = func(from, to string) error {
				defer func() { n++ }()
				if slices.Contains(tc.fail, n) {
					return inUse
				}
				return os.Rename(from, to)
			}
			_, err := writeFiles([]outFile{{pdf, []byte("ny pdf")}, {xl, []byte("ny xlsx")}})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message lacks %q: %v", w, err)
				}
			}
			for i, p := range []string{pdf, xl} {
				if b, _ := os.ReadFile(p); string(b) != tc.wantData[i] {
					t.Errorf("%s = %q, want %q", p, b, tc.wantData[i])
				}
			}
			if tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmp) != 0 {
				t.Errorf("temporary files left: %v", tmp)
			}
		})
	}
}

// TestFailedRenameOnDisk: the same with a rename the file system itself
// refuses: a folder appears at the workbook's path after the check (as
// another program could make one), so the workbook's rename fails and the
// PDF, already replaced, gets its old content back.
func TestFailedRenameOnDisk(t *testing.T) {
	dir := t.TempDir()
	pdf, xl := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "a.xlsx")
	os.WriteFile(pdf, []byte("gammal pdf"), 0o644)
	defer func(r func(string, string) error) { rename = r }(rename)
	rename = func(from, to string) error {
		if to == xl {
			if err := os.Mkdir(xl, 0o755); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(xl, "x"), nil, 0o644)
		}
		return os.Rename(from, to)
	}
	if _, err := writeFiles([]outFile{{pdf, []byte("ny pdf")}, {xl, []byte("ny xlsx")}}); err == nil || !strings.Contains(err.Error(), "inga filer ändrades") {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(pdf); string(b) != "gammal pdf" {
		t.Errorf("a.pdf = %q, want the old one", b)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// TestFailedWriteChangesNothing: when one of a unit's files cannot be
// written at all, no file of the unit is replaced.
func TestFailedWriteChangesNothing(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "a.pdf")
	os.WriteFile(pdf, []byte("gammal pdf"), 0o644)
	// A folder that does not exist: its temporary file cannot be made.
	missing := filepath.Join(dir, "saknas", "a.xlsx")
	_, err := writeFiles([]outFile{{pdf, []byte("ny pdf")}, {missing, []byte("ny xlsx")}})
	if err == nil || !strings.Contains(err.Error(), "inga filer ändrades") {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(pdf); string(b) != "gammal pdf" {
		t.Errorf("a.pdf = %q: replaced though its partner failed", b)
	}
}

// TestWriteKeepsMode: a replaced file keeps its mode; a new one gets
// 0666 less the umask rather than a fixed 0644.
func TestWriteKeepsMode(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "gammal.pdf")
	os.WriteFile(old, []byte("x"), 0o600)
	os.Chmod(old, 0o640)
	nu := filepath.Join(dir, "ny.pdf")
	if _, err := writeFiles([]outFile{{old, []byte("yy")}, {nu, []byte("z")}}); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(old); st.Mode().Perm() != 0o640 {
		t.Errorf("replaced file has mode %v, want 0640", st.Mode().Perm())
	}
	if st, _ := os.Stat(nu); st.Mode().Perm() != newFileMode {
		t.Errorf("new file has mode %v, want %v", st.Mode().Perm(), newFileMode)
	}
}
