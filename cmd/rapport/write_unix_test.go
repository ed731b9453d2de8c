//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteOverFIFO: a FIFO at an output path used to hang the run forever
// (reading it waits for a writer) while it held the folder's lock.
func TestWriteOverFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Enhet_2026_UR1.pdf")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip("no FIFO:", err)
	}
	_, err := writeFiles([]outFile{{path, []byte("ny")}})
	if err == nil || !strings.Contains(err.Error(), "finns redan och är ingen vanlig fil") {
		t.Errorf("err = %v", err)
	}
	if st, _ := os.Lstat(path); st.Mode()&os.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
}

// TestNewFileModeFollowsUmask: 0666 less the process's umask.
func TestNewFileModeFollowsUmask(t *testing.T) {
	mask := syscall.Umask(0)
	syscall.Umask(mask)
	if want := os.FileMode(0o666 &^ mask); newFileMode != want {
		t.Errorf("newFileMode = %v, want %v (umask %03o)", newFileMode, want, mask)
	}
}
