package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"rapport/fixtures"
	"rapport/report"
)

// folder is one unit's input folder.
type folder struct {
	name string // as given, for messages; "" for the embedded example
	fs   fs.FS
}

// findFolders turns the --in arguments into unit folders: a folder holding
// underlag.xlsx is one unit; a folder without it whose subfolders hold one
// is a folder of units. No --in means the embedded example.
func findFolders(inputs []string) ([]folder, error) {
	if len(inputs) == 0 {
		return []folder{{name: "", fs: fixtures.ExampleFolder()}}, nil
	}
	var out []folder
	seen := map[string]bool{}
	add := func(dir string) {
		abs, _ := filepath.Abs(dir)
		if !seen[abs] {
			seen[abs] = true
			out = append(out, folder{name: dir, fs: os.DirFS(dir)})
		}
	}
	for _, dir := range inputs {
		st, err := os.Stat(dir)
		switch {
		case err == nil && !st.IsDir():
			return nil, fmt.Errorf("--in %s är en fil, inte en mapp: ange mappen med underlag.xlsx och huvudboken (en huvudbok utanför mappen anges med --ledger)", dir)
		case err != nil:
			return nil, fmt.Errorf("--in %s: mappen finns inte", dir)
		}
		if isUnitFolder(dir) {
			add(dir)
			continue
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("--in %s: %v", dir, err)
		}
		var units []string
		for _, e := range entries {
			sub := filepath.Join(dir, e.Name())
			if e.IsDir() && isUnitFolder(sub) {
				units = append(units, sub)
			}
		}
		if len(units) == 0 {
			// Neither a unit nor a folder of units: import it anyway so that
			// the user gets the message about the missing files.
			add(dir)
			continue
		}
		sort.Strings(units)
		for _, u := range units {
			add(u)
		}
	}
	return out, nil
}

// isUnitFolder reports whether dir holds underlag.xlsx, in any case.
func isUnitFolder(dir string) bool {
	return report.HasUnderlag(os.DirFS(dir))
}
