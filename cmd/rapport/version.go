package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// version is the release, set when building one:
//
//	go build -ldflags "-X main.version=1.2.0" ./cmd/rapport
//
// Without it the module version and the commit the binary was built from
// say which code made a report.
var version = "dev"

// programVersion is version, or else what the build recorded: the module
// version (a tagged module download) or "dev", plus the commit's first 12
// hex digits and "-ändrad" when the working tree had uncommitted changes.
// The same binary always says the same, so its reports stay reproducible.
func programVersion() string {
	if version != "dev" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	return buildVersion(bi)
}

func buildVersion(bi *debug.BuildInfo) string {
	v := "dev"
	if m := bi.Main.Version; m != "" && m != "(devel)" {
		v = m
	}
	rev, modified := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	// Since Go 1.24 a build in a checkout gets a pseudo-version that
	// already holds the commit (v0.0.0-20261125201949-15ed800a9588) and
	// "+dirty" for uncommitted changes: the commit is said once.
	v, dirty := strings.CutSuffix(v, "+dirty")
	if rev != "" {
		short := rev[:min(12, len(rev))]
		if !strings.Contains(v, short) {
			v += "-" + short
		}
	}
	if modified || dirty {
		v += "-ändrad"
	}
	return v
}

func printVersion(w io.Writer) int {
	fmt.Fprintf(w, "rapport %s\n", programVersion())
	return exitOK
}
