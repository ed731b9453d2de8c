//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"rapport/report"
)

// buildRapport builds the program for tests that run it as a process.
func buildRapport(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "rapport")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// TestFIFOIsAnErrorNotAHang: a FIFO as the output folder's lock file or
// as an input used to hang the run forever (opening it waits for a writer)
// and, blocked in the open, it ignored SIGTERM. Each is an error within a
// second.
func TestFIFOIsAnErrorNotAHang(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program; skipped with -short")
	}
	bin := buildRapport(t)
	tests := []struct {
		name string
		fifo string // in the input folder, or "out/" + name in the output folder
		code int
		want string
	}{
		{"lock file", "out/" + lockName, exitFailure, "låsfilen"},
		{"huvudbok.csv", report.LedgerCSV, exitInvalid, "huvudbok.csv: filen är en namngiven pipe (FIFO)"},
		{"huvudbok.xlsx", report.LedgerXLSX, exitInvalid, "huvudbok.xlsx: filen är en namngiven pipe (FIFO)"},
		{"underlag.xlsx", report.UnderlagFile, exitInvalid, "underlag.xlsx: filen är en namngiven pipe (FIFO)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in, out := exampleFolderWith(t, map[string][]byte{report.LedgerXLSX: nil}), t.TempDir()
			if tc.fifo != report.LedgerXLSX && tc.fifo != report.LedgerCSV {
				os.WriteFile(filepath.Join(in, report.LedgerXLSX), exampleFile(t, report.LedgerXLSX), 0o644)
			}
			path := filepath.Join(in, tc.fifo)
			if rest, ok := strings.CutPrefix(tc.fifo, "out/"); ok {
				path = filepath.Join(out, rest)
			}
			os.Remove(path)
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Skip("no FIFO:", err)
			}
			cmd := exec.Command(bin, "generate", "--in", in, "--period", "UR1", "--out", out)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			timer := time.AfterFunc(10*time.Second, func() { cmd.Process.Kill() })
			defer timer.Stop()
			cmd.Wait()
			took := time.Since(start)
			if took > 5*time.Second {
				t.Fatalf("the run hung (killed after %v)", took.Round(time.Millisecond))
			}
			if code := cmd.ProcessState.ExitCode(); code != tc.code || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d after %v, want %d with %q:\n%s", code, took.Round(time.Millisecond), tc.code, tc.want, stderr.String())
			}
		})
	}
}

// TestSIGTERMEndsRunWithinASecond sends SIGTERM at moments spread over a
// run of every period and checks that the process ends within a second of
// it, leaving either all of the unit's files or none (never a temporary
// file, nor a temporary folder).
func TestSIGTERMEndsRunWithinASecond(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and signals the program; skipped with -short")
	}
	bin := buildRapport(t)
	gen := func(out, tmp string) *exec.Cmd {
		cmd := exec.Command(bin, "generate", "--period", "all", "--out", out, "--date", "2026-12-01")
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
		return cmd
	}
	fullDir := t.TempDir()
	start := time.Now()
	if out, err := gen(fullDir, t.TempDir()).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	full := time.Since(start)
	want := snapshot(t, fullDir)
	const tries = 8
	for i := range tries {
		out, tmp := t.TempDir(), t.TempDir()
		cmd := gen(out, tmp)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(full * time.Duration(i) / tries)
		cmd.Process.Signal(syscall.SIGTERM)
		signalled := time.Now()
		timer := time.AfterFunc(10*time.Second, func() { cmd.Process.Kill() })
		cmd.Wait()
		timer.Stop()
		if took := time.Since(signalled); took > time.Second {
			t.Errorf("try %d: the run ended %v after SIGTERM", i, took.Round(time.Millisecond))
		}
		got := snapshot(t, out)
		if len(got) != 0 && len(got) != len(want) {
			t.Errorf("try %d: the folder holds %d of the unit's %d files", i, len(got), len(want))
		}
		for name, f := range got {
			if !bytes.Equal(f.data, want[name].data) {
				t.Errorf("try %d: %s is not the complete file", i, name)
			}
		}
		if tmps, _ := filepath.Glob(filepath.Join(out, ".*.tmp")); len(tmps) != 0 {
			t.Errorf("try %d: temporary files left: %v", i, tmps)
		}
		if left, _ := os.ReadDir(tmp); len(left) != 0 {
			t.Errorf("try %d: the temporary folder holds %v", i, left)
		}
	}
	t.Logf("one run takes %v", full.Round(time.Millisecond))
}
