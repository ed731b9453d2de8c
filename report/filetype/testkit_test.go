package filetype

// testkit registers the shared -update flag, which `go test ./... -update`
// passes to every test binary, this one too.
import _ "rapport/fixtures/testkit"
