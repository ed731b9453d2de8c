//go:build windows

package main

import (
	"errors"
	"os"
	"syscall"
)

// newFileMode: Windows has no umask; only the write bit means anything.
var newFileMode os.FileMode = 0o666

// Windows error codes for a file that another program holds open.
const (
	errorSharingViolation syscall.Errno = 32
	errorLockViolation    syscall.Errno = 33
)

// sharingViolation reports whether err says another program, such as
// Excel, holds the file open.
func sharingViolation(err error) bool {
	return errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}
