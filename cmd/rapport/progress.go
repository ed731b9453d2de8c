package main

import (
	"fmt"
	"io"
	"time"

	"rapport/report"
)

// newProgress draws the ledger import's progress on one terminal line:
// rows read, speed and time left. It is only used when standard error is a
// terminal, so logs never hold it.
func newProgress(w io.Writer) func(report.Progress) {
	start := time.Now()
	last := time.Time{}
	return func(p report.Progress) {
		now := time.Now()
		if now.Sub(last) < 200*time.Millisecond {
			return
		}
		last = now
		secs := now.Sub(start).Seconds()
		if secs <= 0 {
			return
		}
		mbps := float64(p.BytesRead) / secs / 1e6
		left := ""
		if p.BytesTotal > 0 && p.BytesRead > 0 && p.BytesRead < p.BytesTotal {
			rest := secs * float64(p.BytesTotal-p.BytesRead) / float64(p.BytesRead)
			left = fmt.Sprintf(", ca %.0f s kvar", rest+0.5)
		}
		fmt.Fprintf(w, "\rLäser huvudboken: %d rader, %.1f MB/s%s   ", p.Rows, mbps, left)
	}
}

// clearProgress removes the progress line.
func clearProgress(w io.Writer) {
	fmt.Fprint(w, "\r\033[K")
}
