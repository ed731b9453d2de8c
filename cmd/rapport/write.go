package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/gofrs/flock"

	"rapport/layouts"
	"rapport/report"
	"rapport/report/problem"
)

// Write statuses, as the log shows them.
const (
	statusNew       = "ny"
	statusChanged   = "ändrad"
	statusUnchanged = "oförändrad"
)

// outFile is one file to put in the output folder.
type outFile struct {
	path string
	data []byte
}

// rename is os.Rename, replaceable so that tests can make one fail.
var rename = os.Rename

// writeAtomic writes one file; see writeFiles.
func writeAtomic(path string, data []byte) (string, error) {
	st, err := writeFiles([]outFile{{path, data}})
	if err != nil {
		return "", err
	}
	return st[0], nil
}

// writeFiles writes a unit's files so that a reader, or a run killed
// half-way, only ever sees each file old or new: the bytes go to temporary
// files in the same folder, synced, and only when all of them are written
// are they renamed over the old ones, so a full disk leaves every file old.
// A file whose content would not change is left untouched, so its
// modification time tells when its content last changed. When a rename
// fails the error says which files are new and which still old.
func writeFiles(files []outFile) ([]string, error) {
	statuses := make([]string, len(files))
	modes := make([]os.FileMode, len(files))
	for i, f := range files {
		st, mode, err := compareExisting(f.path, f.data)
		if err != nil {
			return nil, err
		}
		statuses[i], modes[i] = st, mode
	}
	temps := make([]string, len(files))
	defer func() {
		for _, t := range temps {
			if t != "" {
				os.Remove(t)
				untrack(t)
			}
		}
	}()
	for i, f := range files {
		if statuses[i] == statusUnchanged {
			continue
		}
		t, err := writeTemp(f.path, f.data, modes[i])
		if err != nil {
			return nil, fmt.Errorf("%v; inga filer ändrades", err)
		}
		temps[i] = t
	}
	// Each old file that is replaced is kept under a second name (a hard
	// link, else a copy) until all renames are done: when one fails, the
	// files already renamed get their old content back, so that a
	// period's PDF and workbook are both new or both old (SPEC 15).
	backups := make([]string, len(files))
	defer func() {
		for _, b := range backups {
			if b != "" {
				os.Remove(b)
				untrack(b)
			}
		}
	}()
	for i, f := range files {
		if temps[i] == "" || statuses[i] == statusNew {
			continue
		}
		b, err := backup(f.path, modes[i])
		if err != nil {
			return nil, fmt.Errorf("%v; inga filer ändrades", err)
		}
		backups[i] = b
	}
	// A signal's watchdog waits for the renames (see abort.go).
	commitMu.Lock()
	defer commitMu.Unlock()
	var done []int
	for i, f := range files {
		if temps[i] == "" {
			continue
		}
		if err := rename(temps[i], f.path); err != nil {
			left := restore(done, files, backups)
			return nil, renameError(f.path, err, left, len(done)-len(left), files, temps, i)
		}
		untrack(temps[i])
		temps[i] = ""
		done = append(done, i)
	}
	return statuses, nil
}

// backup keeps the content of the file at path under a temporary name
// beside it: a hard link, which costs nothing, or where the file system
// has none a copy.
func backup(path string, mode os.FileMode) (string, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	for range 10 {
		name := filepath.Join(dir, fmt.Sprintf(".%s.%d.bak.tmp", base, rand.Uint32()))
		track(name)
		err := os.Link(path, name)
		if err == nil {
			return name, nil
		}
		untrack(name)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		data, rerr := os.ReadFile(path)
		if rerr != nil {
			return "", fmt.Errorf("kan inte läsa %s: %s", path, osReason(rerr))
		}
		return writeTemp(path, data, mode)
	}
	return "", fmt.Errorf("kan inte skriva i %s", dir)
}

// restore puts the old files back over the files[i] of done that a failed
// run already renamed, and removes those that were new. It returns the
// files it could not restore: they are new, their partners old.
func restore(done []int, files []outFile, backups []string) []string {
	var left []string
	for _, i := range done {
		var err error
		if backups[i] == "" {
			err = os.Remove(files[i].path)
		} else if err = rename(backups[i], files[i].path); err == nil {
			untrack(backups[i])
			backups[i] = ""
		}
		if err != nil {
			left = append(left, files[i].path)
		}
	}
	return left
}

// compareExisting tells what writing data to path would do, and the mode
// the new file gets: the replaced file's, else 0666 less the umask. Only a
// regular file of the same size is read: a symbolic link, a FIFO or a
// device there could be endless or never answer, so it is an error.
func compareExisting(path string, data []byte) (string, os.FileMode, error) {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return statusNew, newFileMode, nil
	case err != nil:
		return "", 0, fmt.Errorf("kan inte läsa %s: %s", path, osReason(err))
	case !st.Mode().IsRegular():
		return "", 0, fmt.Errorf("%s finns redan och är ingen vanlig fil; flytta eller ta bort den och kör igen", path)
	case st.Size() != int64(len(data)):
		return statusChanged, st.Mode().Perm(), nil
	}
	old, err := os.ReadFile(path)
	if err != nil {
		return "", 0, fmt.Errorf("kan inte läsa %s: %s", path, osReason(err))
	}
	if bytes.Equal(old, data) {
		return statusUnchanged, st.Mode().Perm(), nil
	}
	return statusChanged, st.Mode().Perm(), nil
}

// writeTemp writes data to a new temporary file beside path.
func writeTemp(path string, data []byte, mode os.FileMode) (string, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("kan inte skriva i %s: %s", dir, osReason(err))
	}
	track(tmp.Name())
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		untrack(tmp.Name())
		return "", fmt.Errorf("kan inte skriva %s: %s", path, osReason(err))
	}
	return tmp.Name(), nil
}

// renameError says which of a unit's files are new and which are still
// from an earlier run after the rename of files[failed] failed: done are
// those left new, restored the number put back to their old content.
func renameError(path string, err error, done []string, restored int, files []outFile, temps []string, failed int) error {
	var old []string
	for i := failed; i < len(files); i++ {
		if temps[i] != "" {
			old = append(old, filepath.Base(files[i].path))
		}
	}
	var news []string
	for _, d := range done {
		news = append(news, filepath.Base(d))
	}
	msg := fmt.Sprintf("kan inte byta ut %s: %s", path, osReason(err))
	switch {
	case len(news) > 0:
		msg += fmt.Sprintf(". Filerna hör nu inte ihop: nya är %s, gamla (från en tidigare körning) är %s",
			strings.Join(news, ", "), strings.Join(old, ", "))
	case restored > 0:
		msg += "; de andra filerna fick tillbaka sitt gamla innehåll, så inga filer ändrades"
	default:
		msg += "; inga filer ändrades"
	}
	if fileInUse(err) {
		msg += ". Stäng filen i Excel (eller PDF-läsaren) och kör igen"
	}
	return errors.New(msg)
}

// fileInUse reports whether err means that another program holds the file
// or refuses access: on Windows, a report open in Excel cannot be replaced.
func fileInUse(err error) bool {
	return errors.Is(err, fs.ErrPermission) || sharingViolation(err)
}

// osReason says in Swedish why a file operation failed, for the errors a
// user can act on; others keep the system's text.
func osReason(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "disken är full"
	case errors.Is(err, syscall.ENAMETOOLONG):
		return "namnet är för långt"
	case errors.Is(err, fs.ErrPermission) || sharingViolation(err):
		return "åtkomst nekad (filen kan vara öppen i ett annat program, eller mappen skrivskyddad)"
	case errors.Is(err, fs.ErrNotExist):
		return "finns inte"
	case errors.Is(err, syscall.ENOTDIR):
		return "en del av sökvägen är en fil, inte en mapp"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// lockName is the lock file that keeps two runs from writing into one
// output folder at once. It is locked with the operating system's file
// lock, which ends with the process: a run that died never blocks the
// next one, whatever the file holds. The file stays; its text names the
// holder (process and host), for the message only.
const lockName = ".rapport.lock"

// lockWait is how long a run waits for another run's lock.
var lockWait = 2 * time.Minute

// lockFolder takes the output folder's lock, waiting while another run
// holds it and saying who that is. The returned function releases it.
func lockFolder(ctx context.Context, dir string, msgs *messages) (func(), error) {
	path := filepath.Join(dir, lockName)
	if st, err := os.Lstat(path); err == nil && !st.Mode().IsRegular() {
		// A FIFO there would make opening it wait forever, a link could
		// lead anywhere: the lock file must be a file of its own.
		return nil, fmt.Errorf("låsfilen %s är ingen vanlig fil (%s); ta bort den och kör igen", path, fileKind(st.Mode()))
	}
	lock := flock.New(path, flock.SetPermissions(newFileMode))
	deadline := time.Now().Add(lockWait)
	told := false
	for {
		ok, err := lock.TryLock()
		if err != nil {
			return nil, fmt.Errorf("kan inte låsa mappen %s: %s", dir, osReason(err))
		}
		if ok {
			host, _ := os.Hostname()
			writeHolder(path, fmt.Sprintf("%d %s", os.Getpid(), host))
			removeLeftovers(dir)
			return func() {
				writeHolder(path, "")
				lock.Unlock()
			}, nil
		}
		holder := readHolder(path)
		if !told {
			msgs.warnf("Mappen %s används av en annan körning (%s); väntar…", dir, holder)
			told = true
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("mappen %s är låst av en annan körning (%s, låsfil %s); försök igen när den är klar",
				dir, holder, path)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// fileKind names what a path that is no regular file is.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "en mapp"
	case mode&fs.ModeSymlink != 0:
		return "en symbolisk länk"
	case mode&fs.ModeNamedPipe != 0:
		return "en namngiven pipe, FIFO"
	case mode&fs.ModeSocket != 0:
		return "en socket"
	case mode&fs.ModeDevice != 0:
		return "en enhetsfil"
	}
	return "ingen fil"
}

// The holder's text starts at byte 1: Windows locks byte 0 of the file
// against every other handle, even the holder's own second one.
const holderOffset = 1

// writeHolder puts the holder's "pid host" into the lock file ("" empties
// it). It is only information: failing to write it changes nothing.
func writeHolder(path, holder string) {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return
	}
	defer f.Close()
	if holder == "" {
		f.Truncate(holderOffset)
		return
	}
	b := []byte(holder + "\n")
	f.WriteAt(b, holderOffset)
	f.Truncate(int64(holderOffset + len(b)))
}

// readHolder says who holds the lock, as well as the lock file tells.
func readHolder(path string) string {
	f, err := os.Open(path)
	if err == nil {
		defer f.Close()
		b := make([]byte, 256)
		n, _ := f.ReadAt(b, holderOffset)
		if pid, host, ok := strings.Cut(strings.TrimSpace(string(b[:n])), " "); ok {
			return "process " + pid + " på " + host
		}
	}
	return "okänd process"
}

// removeLeftovers deletes temporary files that a killed run left behind.
// It runs under the folder's lock, so no live run is writing them.
func removeLeftovers(dir string) {
	for _, pattern := range []string{".*.pdf.*.tmp", ".*.xlsx.*.tmp", ".*.json.*.tmp"} {
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

// nameTail is what a file name adds to the unit's: year, a period code
// (a Kalender code has at most six letters), a draft's suffix and the
// longest extension.
func nameTail(draft bool) string {
	if draft {
		return "_2026_ABCDEF" + layouts.DraftEdition.FileSuffix + ".xlsx"
	}
	return "_2026_ABCDEF.xlsx"
}

// checkOutputName makes sure the files named base + ".pdf" etc. lie in the
// output folder itself: no separator, no "..", no absolute path, whatever
// the unit name or a Kalender period code held, and a name short enough
// to create. The problem names where the unit name comes from.
func checkOutputName(dir, base, unit string, unitFlag bool) (problem.Problem, bool) {
	p := problem.Problem{Severity: problem.Error, File: report.UnderlagFile, Sheet: report.SheetSettings, Value: unit}
	name := base + ".xlsx"
	if len(name) > maxNameBytes {
		p.Message = fmt.Sprintf("Enhet är för lång för ett filnamn (%s blir %d byte, högst %d)", base, len(name), maxNameBytes)
		p.Hint = "Korta enhetens namn i Inställningar (Enhet) eller ange ett kortare med --unit"
		if unitFlag {
			// The name is the command line's, not the workbook's.
			p = problem.Problem{Severity: problem.Error,
				Message: fmt.Sprintf("--unit är för långt för ett filnamn (%s blir %d byte, högst %d)", base, len(name), maxNameBytes),
				Hint:    "Ange ett kortare namn med --unit"}
		}
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

// tempPrefix starts the name of each run's temporary folder.
const tempPrefix = "rapport-"

// runTempDir makes this run's temporary folder, for excelize's files,
// under the system's and holds an OS lock in it while the run lives. The
// returned function removes it. A run killed outright (SIGKILL, power
// loss) cannot remove its folder, so each run first removes every other
// run's folder whose lock nobody holds any longer.
func runTempDir() (string, func(), error) {
	sweepTempDirs()
	dir, err := os.MkdirTemp("", tempPrefix)
	if err != nil {
		return "", nil, err
	}
	track(dir)
	lock := flock.New(filepath.Join(dir, lockName), flock.SetPermissions(0o600))
	if ok, err := lock.TryLock(); !ok || err != nil {
		os.RemoveAll(dir)
		return "", nil, fmt.Errorf("kan inte låsa %s", dir)
	}
	return dir, func() {
		lock.Unlock()
		os.RemoveAll(dir)
		untrack(dir)
	}, nil
}

// sweepTempDirs removes the temporary folders of runs that are gone.
func sweepTempDirs() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), tempPrefix+"*"))
	for _, dir := range dirs {
		// A minute's grace: a run that made its folder an instant ago may
		// not hold the lock yet.
		if st, err := os.Lstat(dir); err != nil || !st.IsDir() || time.Since(st.ModTime()) < time.Minute {
			continue
		}
		path := filepath.Join(dir, lockName)
		if _, err := os.Lstat(path); err != nil {
			continue // not ours, or a run between making and locking it
		}
		lock := flock.New(path)
		if ok, err := lock.TryLock(); ok && err == nil {
			lock.Unlock()
			os.RemoveAll(dir)
		}
	}
}
