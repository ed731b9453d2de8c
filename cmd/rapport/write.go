package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"rapport/report"
	"rapport/report/problem"
)

// Write statuses, as the log shows them.
const (
	statusNew       = "ny"
	statusChanged   = "ändrad"
	statusUnchanged = "oförändrad"
)

// writeAtomic writes data to path so that a reader, or a run killed
// half-way, only ever sees the old file or the new one: the bytes go to a
// temporary file in the same folder, which is synced and renamed over the
// old one. A file whose content would not change is left untouched, so its
// modification time tells when its content last changed.
func writeAtomic(path string, data []byte) (string, error) {
	old, err := os.ReadFile(path)
	status := statusChanged
	switch {
	case err == nil && bytes.Equal(old, data):
		return statusUnchanged, nil
	case errors.Is(err, os.ErrNotExist):
		status = statusNew
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("kan inte skriva i %s: %v", dir, err)
	}
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return "", fmt.Errorf("kan inte skriva %s: %v", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return "", fmt.Errorf("kan inte skriva %s: %v", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return "", fmt.Errorf("kan inte skriva %s: %v", path, err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("kan inte skriva %s: %v", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return "", fmt.Errorf("kan inte byta ut %s: %v", path, err)
	}
	committed = true
	return status, nil
}

// lockName is the lock file that keeps two runs from writing into one
// output folder at once.
const lockName = ".rapport.lock"

// lockWait is how long a run waits for another run's lock.
var lockWait = 2 * time.Minute

// lockFolder takes the output folder's lock, waiting while another live run
// holds it and saying who that is. A lock left by a run that died (its
// process is gone) is taken over. The returned function releases it.
func lockFolder(ctx context.Context, dir string, stderr io.Writer) (func(), error) {
	path := filepath.Join(dir, lockName)
	host, _ := os.Hostname()
	me := fmt.Sprintf("%d %s", os.Getpid(), host)
	deadline := time.Now().Add(lockWait)
	told := false
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			fmt.Fprintln(f, me)
			f.Close()
			removeLeftovers(dir)
			return func() { os.Remove(path) }, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("kan inte låsa mappen %s: %v", dir, err)
		}
		holder, _ := os.ReadFile(path)
		if stale(string(holder), host) {
			os.Remove(path)
			continue
		}
		if !told {
			fmt.Fprintf(stderr, "Mappen %s används av en annan körning (process %s); väntar…\n", dir, strings.TrimSpace(string(holder)))
			told = true
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("mappen %s är låst av en annan körning (process %s, låsfil %s); försök igen när den är klar, eller ta bort låsfilen om ingen körning pågår",
				dir, strings.TrimSpace(string(holder)), path)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// stale reports whether a lock's holder ("pid host") is a process of this
// machine that no longer runs.
func stale(holder, host string) bool {
	f := strings.Fields(holder)
	if len(f) != 2 || f[1] != host {
		return false
	}
	pid, err := strconv.Atoi(f[0])
	if err != nil || pid <= 0 {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err != nil && !errors.Is(err, syscall.EPERM)
}

// removeLeftovers deletes temporary files that a killed run left behind.
// It runs under the folder's lock, so no live run is writing them.
func removeLeftovers(dir string) {
	for _, pattern := range []string{".*.pdf.*.tmp", ".*.xlsx.*.tmp"} {
		names, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, n := range names {
			os.Remove(n)
		}
	}
}

// maxNameBytes bounds an output file's name: most file systems allow 255
// bytes, and the temporary file's name adds a dot, a random number and
// ".tmp" to it.
const maxNameBytes = 200

// checkOutputName makes sure the files named base + ".pdf" etc. lie in the
// output folder itself: no separator, no "..", no absolute path, whatever
// the unit name or a Kalender period code held, and a name short enough
// to create. The problem names where the unit name comes from.
func checkOutputName(dir, base, unit string) (problem.Problem, bool) {
	p := problem.Problem{Severity: problem.Error, File: report.UnderlagFile, Sheet: "Inställningar", Value: unit}
	name := base + ".xlsx"
	if len(name) > maxNameBytes {
		p.Message = fmt.Sprintf("Enhet är för lång för ett filnamn (%s blir %d byte, högst %d)", base, len(name), maxNameBytes)
		p.Hint = "Korta enhetens namn i Inställningar (Enhet) eller ange ett kortare med --unit"
		return p, false
	}
	if !insideDir(dir, name) {
		p.Message = fmt.Sprintf("filnamnet %s skulle hamna utanför mappen %s", name, dir)
		p.Hint = "Enhet i Inställningar och periodkoderna i Kalender får inte innehålla / \\ eller .."
		return p, false
	}
	return p, true
}

// insideDir reports whether name is a plain file name that joined to dir
// stays inside dir.
func insideDir(dir, name string) bool {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || !filepath.IsLocal(name) {
		return false
	}
	rel, err := filepath.Rel(dir, filepath.Join(dir, name))
	return err == nil && rel == name
}
