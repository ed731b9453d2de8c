package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestKilledRunLeavesOutputsIntact kills real runs at moments spread over
// their whole length and checks that every output file is always either
// the complete old file or the complete new one, never a torn mix, and that
// the lock a killed run leaves behind does not stop the next run.
func TestKilledRunLeavesOutputsIntact(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the program; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "rapport")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	gen := func(dir, date string) *exec.Cmd {
		return exec.Command(bin, "generate", "--period", "UR1", "--out", dir, "--date", date)
	}
	oldDir, newDir := t.TempDir(), t.TempDir()
	if out, err := gen(oldDir, "2026-05-01").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	start := time.Now()
	if out, err := gen(newDir, "2026-05-02").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	full := time.Since(start)
	oldFiles, newFiles := snapshot(t, oldDir), snapshot(t, newDir)
	for name := range oldFiles {
		if bytes.Equal(oldFiles[name].data, newFiles[name].data) {
			t.Fatalf("%s: the two report dates give the same bytes; the test would prove nothing", name)
		}
	}

	work := t.TempDir()
	const tries = 12
	sawNew := false
	for i := 0; i < tries; i++ {
		for name, f := range oldFiles {
			if err := os.WriteFile(filepath.Join(work, name), f.data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cmd := gen(work, "2026-05-02")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(full * time.Duration(i+1) / tries)
		cmd.Process.Kill()
		cmd.Wait()
		for name, f := range snapshot(t, work) {
			switch {
			case bytes.Equal(f.data, oldFiles[name].data):
			case bytes.Equal(f.data, newFiles[name].data):
				sawNew = true
			default:
				t.Fatalf("kill %d: %s is neither the old nor the new file (%d bytes)", i, name, len(f.data))
			}
		}
	}
	// The last killed run may have left its lock: a new run must take over.
	if out, err := gen(work, "2026-05-02").CombinedOutput(); err != nil {
		t.Fatalf("run after kills: %v\n%s", err, out)
	}
	for name, f := range snapshot(t, work) {
		if !bytes.Equal(f.data, newFiles[name].data) {
			t.Errorf("%s: run after kills did not complete the file", name)
		}
	}
	t.Logf("one run takes %v; %d kills spread over it; saw new files: %v", full, tries, sawNew)
}
