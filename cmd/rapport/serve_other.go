//go:build !windows

package main

// startedFromExplorer: only Windows starts a program by a double-click in
// Explorer without arguments that mean something else.
func startedFromExplorer() bool { return false }
