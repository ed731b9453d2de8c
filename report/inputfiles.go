package report

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"rapport/report/problem"
)

// An input folder's files are found by name without regard to case
// (SPEC 15): ERP systems write HUVUDBOK.SE, Excel users save
// Underlag.XLSX, and a folder on a Windows share keeps whatever case it
// was given. A file whose name comes close is named in the error when the
// file itself is missing.

// inputFile is what a folder holds under one of an input's names.
type inputFile struct {
	found []string // the names that match, as the folder spells them
	near  []string // names that come close: a typo, another extension
}

// findInput lists the folder's entries whose name equals one of names
// (lower case) but for case, and those that come close to stem.
func findInput(folder fs.FS, names []string, stem string) (inputFile, error) {
	entries, err := fs.ReadDir(folder, ".")
	if err != nil {
		return inputFile{}, err
	}
	var f inputFile
	for _, e := range entries {
		name := e.Name()
		lower := strings.ToLower(name)
		switch {
		case slices.Contains(names, lower):
			f.found = append(f.found, name)
		case !e.IsDir() && nearName(lower, stem, names):
			f.near = append(f.near, name)
		}
	}
	// In the order of names (huvudbok.xlsx before huvudbok.csv), as the
	// messages always said them.
	slices.SortStableFunc(f.found, func(a, b string) int {
		return slices.Index(names, strings.ToLower(a)) - slices.Index(names, strings.ToLower(b))
	})
	return f, nil
}

// hasInput reports whether the folder has a file by one of names, in any
// case.
func hasInput(folder fs.FS, names ...string) bool {
	f, err := findInput(folder, names, "")
	return err == nil && len(f.found) > 0
}

// HasUnderlag reports whether the folder holds underlag.xlsx, in any case.
func HasUnderlag(folder fs.FS) bool { return hasInput(folder, UnderlagFile) }

// nearName reports whether lower, a file name in lower case, looks like a
// misspelt or mis-saved input whose right names are names: the right stem
// with another extension (huvudbok.txt), or a right extension with a stem
// one or two letters off the right one or holding it (huvudbk.csv,
// hufvudbok.xlsx, huvudbok 2026.csv).
func nearName(lower, stem string, names []string) bool {
	if stem == "" || strings.HasPrefix(lower, ".") || strings.HasPrefix(lower, "~$") {
		return false // hidden files, Excel's lock files
	}
	ext := path.Ext(lower)
	s := strings.TrimSuffix(lower, ext)
	if s == stem {
		return true
	}
	known := false
	for _, n := range names {
		known = known || path.Ext(n) == ext
	}
	return known && (strings.Contains(s, stem) || editDistance(s, stem, 3) <= 2)
}

// didYouMean is " Menar du X?" (or "X eller Y") for the near names, ""
// without any.
func didYouMean(near []string) string {
	switch len(near) {
	case 0:
		return ""
	case 1:
		return " Menar du " + near[0] + "?"
	}
	return fmt.Sprintf(" Menar du %s eller %s?", strings.Join(near[:len(near)-1], ", "), near[len(near)-1])
}

// notRegular checks that the named file is a regular file (or a link to
// one): a FIFO, a device or a folder would make a reader wait forever or
// fail half-way, so it is an input error instead.
func notRegular(folder fs.FS, name string) (problem.Problem, bool) {
	st, err := fs.Stat(folder, name)
	if err != nil || st.Mode().IsRegular() {
		return problem.Problem{}, false
	}
	return notRegularProblem(name, st.Mode()), true
}

// notRegularProblem says that the file name is of mode, not a regular file.
func notRegularProblem(name string, mode fs.FileMode) problem.Problem {
	what := "ingen vanlig fil"
	switch {
	case mode.IsDir():
		what = "en mapp, inte en fil"
	case mode&fs.ModeNamedPipe != 0:
		what = "en namngiven pipe (FIFO), inte en vanlig fil"
	case mode&fs.ModeDevice != 0 || mode&fs.ModeCharDevice != 0:
		what = "en enhetsfil, inte en vanlig fil"
	case mode&fs.ModeSocket != 0:
		what = "en socket, inte en vanlig fil"
	}
	return problem.Problem{Severity: problem.Error, File: path.Base(name),
		Message: "filen är " + what + ", och läses inte",
		Hint:    "Lägg exporten eller arbetsboken i mappen som en vanlig fil"}
}
