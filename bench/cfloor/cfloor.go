// Package cfloor runs the physical floor of the read benchmarks: floor.c, a small C
// program that steps prepared statements with the SQLite C API.
//
// (The source is src/floor.c.) It is a separate process on purpose. The benchmarks' own process already contains an
// SQLite: mattn/go-sqlite3 compiles the amalgamation into the binary with the same
// sqlite3_* symbol names, so a cgo package linking -lsqlite3 would silently bind to that
// copy instead of the system library. And a cgo package that includes <sqlite3.h> would
// stop the whole bench module from compiling on a machine without libsqlite3-dev, where
// the C benchmarks are meant to skip. So floor.c is compiled at run time with the system
// C compiler against the system library, and only when the header is there.
package cfloor

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

//go:embed src/floor.c
var source []byte

// Header is where the system SQLite header must be for the floor to build
// (Debian/Ubuntu: apt-get install libsqlite3-dev).
const Header = "/usr/include/sqlite3.h"

// Available reports why the floor cannot run here, or nil.
func Available() error {
	if _, err := os.Stat(Header); err != nil {
		return fmt.Errorf("C floor skipped: %s is missing (install libsqlite3-dev to measure against the SQLite C API)", Header)
	}
	if _, err := exec.LookPath(compiler()); err != nil {
		return fmt.Errorf("C floor skipped: no C compiler %q on PATH", compiler())
	}
	return nil
}

func compiler() string {
	if cc := os.Getenv("CC"); cc != "" {
		return cc
	}
	return "cc"
}

// Floor is a running floor process.
type Floor struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
	// Version is the system SQLite's version, as sqlite3_libversion reports it.
	Version string
}

// Start compiles floor.c into dir and starts it on the database at dbPath (opened
// read-only). pk cycles through ids; list reads the tasks of projectID.
func Start(dir, dbPath string, ids []string, projectID string) (*Floor, error) {
	if err := Available(); err != nil {
		return nil, err
	}
	src := filepath.Join(dir, "floor.c")
	bin := filepath.Join(dir, "floor")
	idsFile := filepath.Join(dir, "ids.txt")
	if err := os.WriteFile(src, source, 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(idsFile, []byte(strings.Join(ids, "\n")+"\n"), 0o644); err != nil {
		return nil, err
	}
	if out, err := exec.Command(compiler(), "-O2", "-o", bin, src, "-lsqlite3").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("C floor skipped: compiling floor.c against the system libsqlite3 failed: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, dbPath, idsFile, projectID)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	f := &Floor{cmd: cmd, in: in, out: bufio.NewReader(out)}
	line, err := f.out.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "ready ") {
		f.Close()
		return nil, fmt.Errorf("floor did not start: %q %v", line, err)
	}
	f.Version = strings.TrimSpace(strings.TrimPrefix(line, "ready "))
	return f, nil
}

// Run executes command ("pk" or "list") n times inside the C process, waits for it and
// returns the CPU time the C process spent on the n operations.
func (f *Floor) Run(command string, n int) (time.Duration, error) {
	if _, err := fmt.Fprintf(f.in, "%s %d\n", command, n); err != nil {
		return 0, err
	}
	line, err := f.out.ReadString('\n')
	if err != nil {
		return 0, err
	}
	var sum uint64
	var cpu int64
	if _, err := fmt.Sscanf(line, "ok %d %d", &sum, &cpu); err != nil {
		return 0, errors.New("floor: " + strings.TrimSpace(line))
	}
	return time.Duration(cpu), nil
}

// Close stops the process.
func (f *Floor) Close() error {
	f.in.Close()
	return f.cmd.Wait()
}
