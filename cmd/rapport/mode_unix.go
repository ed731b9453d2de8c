//go:build unix

package main

import (
	"os"
	"syscall"
)

// newFileMode is the mode of a new output file: 0666 less the umask, as
// any program's new file. Read once at start, before other goroutines
// create files, since reading the umask means setting it.
var newFileMode = func() os.FileMode {
	mask := syscall.Umask(0)
	syscall.Umask(mask)
	return 0o666 &^ os.FileMode(mask)
}()

// sharingViolation: Unix lets a file that another program has open be
// replaced, so there is no such error.
func sharingViolation(error) bool { return false }
