package compassdb_test

import (
	"os"
	"os/exec"
	"testing"
)

// TestGeneratedCodeUpToDate fails when db/ is not what the pinned sqlc generates from
// schema/ and queries/ (someone edited a query or the schema without regenerating, or
// edited generated code by hand).
func TestGeneratedCodeUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not running `go tool -modfile=tools/go.mod sqlc diff` (it builds sqlc once, then takes a few seconds)")
	}
	t.Parallel()
	cmd := exec.Command("go", "tool", "-modfile=tools/go.mod", "sqlc", "diff")
	// The go command refuses -modfile in workspace mode (go.work adds nested modules).
	cmd.Env = append(os.Environ(), "GOWORK=off")
	cmd.Dir = "." // the module root: go test runs in the package's directory
	out, err := cmd.CombinedOutput()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("could not run sqlc: %v\n%s", err, out)
		}
		t.Fatalf("db/ is not up to date with schema/ and queries/: run `go generate ./...` and commit the result.\nsqlc diff:\n%s", out)
	}
}
