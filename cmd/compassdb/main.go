// Command compassdb manages Compass SQLite databases and the migrations of the compassdb
// module: it reports and moves a database's migration version, generates the next
// migration from an edit of schema/, guards the migration files against edits, lints new
// migrations, adopts a database made by the TypeScript application, fills a database with
// demo data and prints the schema.
//
// Exit codes: 0 success, 1 error, 2 usage error, 3 needs attention (pending or dirty
// database, a database newer than this binary, lint findings, an adopt report).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
)

// Exit codes, documented in the README.
const (
	exitOK        = 0
	exitError     = 1
	exitUsage     = 2
	exitAttention = 3
)

const usage = `compassdb manages a Compass SQLite database and the compassdb migrations.

Usage:
  compassdb migrate status            [--db PATH]   version, dirty flag, pending migrations
  compassdb migrate up                [--db PATH]   apply every pending migration
  compassdb migrate down N            [--db PATH]   revert the last N migrations
  compassdb migrate goto V            [--db PATH]   move up or down to version V
  compassdb migrate force V           [--db PATH]   record version V without running anything
  compassdb migrate new NAME          [--dir DIR]   write the migration that turns migrations/ into schema/
  compassdb migrate hash              [--dir DIR]   record new migration files in migrations.sum
  compassdb migrate lint              [--dir DIR]   flag risky changes in unrecorded migrations
  compassdb adopt --db PATH [--fix RULES]           bring a database of the TypeScript app to this schema
  compassdb seed --db PATH [--projects N ...]       fill a database with generated demo data
  compassdb schema [--er FILE]                      print the migrated schema, or write ER diagrams

Run 'compassdb COMMAND --help' for a command's flags. --db defaults to compass.db.

Exit codes: 0 ok, 1 error, 2 usage error, 3 needs attention (pending or dirty database,
database newer than this binary, lint findings, a non-empty adopt report).
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is what a command reads and writes; tests pass buffers.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// exitErr carries an exit code other than 1 up to run.
type exitErr struct {
	code int
	err  error
}

func (e *exitErr) Error() string { return e.err.Error() }
func (e *exitErr) Unwrap() error { return e.err }

func usageErr(format string, a ...any) error {
	return &exitErr{code: exitUsage, err: fmt.Errorf(format, a...)}
}

func attention(format string, a ...any) error {
	return &exitErr{code: exitAttention, err: fmt.Errorf(format, a...)}
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "migrate":
		err = e.migrate(ctx, rest)
	case "adopt":
		err = e.adopt(ctx, rest)
	case "seed":
		err = e.seed(ctx, rest)
	case "schema":
		err = e.schema(ctx, rest)
	default:
		fmt.Fprintf(stderr, "compassdb: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	code := exitError
	var ee *exitErr
	if errors.As(err, &ee) {
		code = ee.code
	} else if isStateErr(err) {
		code = exitAttention
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintln(stderr, "compassdb: "+strings.TrimPrefix(msg, "compassdb: "))
	}
	return code
}

// newFlags makes a flag set whose usage text is the command's synopsis and help.
func (e *env) newFlags(name, synopsis, help string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: %s\n\n%s\n", synopsis, strings.TrimSpace(help))
		var has bool
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintln(e.stderr, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags that may come before, between or after the positional arguments
// (`migrate down 2 --db x.db`) and checks the number of positional arguments.
func parse(fs *flag.FlagSet, args []string, minPos, maxPos int) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &exitErr{code: exitUsage, err: errors.New("")}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) < minPos || len(pos) > maxPos {
		fs.Usage()
		return nil, &exitErr{code: exitUsage, err: errors.New("")}
	}
	return pos, nil
}
