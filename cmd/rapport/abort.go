package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// A run stopped by SIGTERM or Ctrl-C ends within a second, whatever it is
// doing (SPEC 15): the signal cancels the run's context, which the
// readers and the writer check; a run that has not ended by itself after
// abortGrace (blocked in a system call, or rendering a long report) is
// ended by the signal's watchdog, which first removes every temporary
// file the run has made. The renames that put a unit's files in place are
// not cut: the watchdog waits for them (they take milliseconds), so that
// a pair is never left half old, half new.

// abortGrace is how long a signalled run may take to end by itself.
const abortGrace = 500 * time.Millisecond

// scratch is what a run has on disk that is not an output: temporary
// files and folders, removed by whoever made them, or by the watchdog.
var scratch = struct {
	sync.Mutex
	paths map[string]bool
}{paths: map[string]bool{}}

// commitMu is held while a unit's files are renamed into place.
var commitMu sync.Mutex

// track notes a temporary file or folder; untrack forgets it once removed
// or renamed into place.
func track(path string) {
	scratch.Lock()
	scratch.paths[path] = true
	scratch.Unlock()
}

func untrack(path string) {
	scratch.Lock()
	delete(scratch.paths, path)
	scratch.Unlock()
}

// removeScratch removes every tracked temporary file and folder.
func removeScratch() {
	scratch.Lock()
	defer scratch.Unlock()
	for p := range scratch.paths {
		os.RemoveAll(p)
		delete(scratch.paths, p)
	}
}

// signalContext is a context that SIGTERM or Ctrl-C cancels; a second
// signal, or abortGrace after the first, ends the process with exit code
// exitFailure after removing the run's temporary files. stop releases the
// signals.
func signalContext(stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
		case <-done:
			return
		}
		cancel()
		select {
		case <-sigs:
		case <-time.After(abortGrace):
		case <-done:
			return
		}
		// Never released: no rename starts after this. A rename that
		// hangs (a share gone away) does not hold the exit up for long.
		for wait := time.Now().Add(2 * time.Second); !commitMu.TryLock() && time.Now().Before(wait); {
			time.Sleep(5 * time.Millisecond)
		}
		removeScratch()
		fmt.Fprintf(stderr, "rapport: %v\n", errAborted)
		os.Exit(exitFailure)
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel()
	}
}
