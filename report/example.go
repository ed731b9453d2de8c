package report

import (
	"context"
	"io/fs"

	"rapport/fixtures"
	"rapport/report/problem"
)

// ExampleFolder is the embedded example input folder: Regionstyrelsen 2026.
func ExampleFolder() fs.FS {
	sub, err := fs.Sub(fixtures.Example, "example")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "example" is valid.
		panic(err)
	}
	return sub
}

// LoadExample imports the embedded example data, as `rapport generate` does
// without --in.
func LoadExample(ctx context.Context) (*Inputs, problem.List, error) {
	in, err := Import(ctx, ImportOptions{Folder: ExampleFolder()})
	if err != nil {
		return nil, nil, err
	}
	return in, in.Problems, nil
}
