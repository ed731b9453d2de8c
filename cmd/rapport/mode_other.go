//go:build !unix && !windows

package main

import "os"

var newFileMode os.FileMode = 0o644

func sharingViolation(error) bool { return false }
