package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/migrations"
)

const migrateUsage = `compassdb migrate status|up|down N|goto V|force V|new NAME|hash|lint [flags]`

func (e *env) migrate(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprintf(e.stderr, "Usage: %s\n\nRun 'compassdb migrate SUBCOMMAND --help' for details.\n", migrateUsage)
		return &exitErr{code: exitUsage, err: errors.New("")}
	}
	switch sub, rest := args[0], args[1:]; sub {
	case "status":
		return e.migrateStatus(ctx, rest)
	case "up":
		return e.migrateUp(ctx, rest)
	case "down":
		return e.migrateDown(ctx, rest)
	case "goto":
		return e.migrateGoto(ctx, rest)
	case "force":
		return e.migrateForce(ctx, rest)
	case "new":
		return e.migrateNew(ctx, rest)
	case "hash":
		return e.migrateHash(ctx, rest)
	case "lint":
		return e.migrateLint(ctx, rest)
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(e.stdout, "Usage: %s\n\nRun 'compassdb migrate SUBCOMMAND --help' for details.\n", migrateUsage)
		return nil
	default:
		return usageErr("unknown migrate subcommand %q (want status, up, down, goto, force, new, hash or lint)", sub)
	}
}

// dbFlag adds --db with the quickstart's default file.
func dbFlag(fs interface {
	StringVar(*string, string, string, string)
}) *string {
	var p string
	fs.StringVar(&p, "db", "compass.db", "SQLite database `file`")
	return &p
}

var sqliteHeader = []byte("SQLite format 3\x00")

// checkDBFile fails clearly for a missing file (without creating it), a directory and a
// file that is not SQLite. An empty file is an empty database.
func checkDBFile(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: no such database file (check --db; `compassdb migrate up` creates a new one)", path)
	}
	if err != nil {
		return err
	}
	if st.IsDir() {
		return fmt.Errorf("%s is a directory, not a database file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == io.ErrUnexpectedEOF) {
		return nil
	}
	if n < len(head) || string(head) != string(sqliteHeader) {
		return fmt.Errorf("%s is not a SQLite database (its first bytes are not the SQLite header)", path)
	}
	return nil
}

func isStateErr(err error) bool {
	var se *compassdb.SchemaStateError
	return errors.As(err, &se)
}

// migrationNames maps each embedded version to its up file's name.
func migrationNames() map[uint]string {
	names := map[uint]string{}
	entries, _ := fs.ReadDir(migrations.FS, ".")
	re := regexp.MustCompile(`^(\d+)_(.+)\.up\.sql$`)
	for _, e := range entries {
		if m := re.FindStringSubmatch(e.Name()); m != nil {
			v, _ := strconv.ParseUint(m[1], 10, 64)
			names[uint(v)] = m[1] + "_" + m[2]
		}
	}
	return names
}

func embeddedVersions() []uint {
	var vs []uint
	for v := range migrationNames() {
		vs = append(vs, v)
	}
	slices.Sort(vs)
	return vs
}

func describe(v uint) string {
	if v == 0 {
		return "0 (nothing applied)"
	}
	if name, ok := migrationNames()[v]; ok {
		return fmt.Sprintf("%d (%s)", v, name)
	}
	return fmt.Sprintf("%d (unknown to this binary)", v)
}

const statusHelp = `Reports the database's migration version, golang-migrate's dirty flag, the embedded
migrations it has not applied yet and whether it is newer than this binary. It changes
nothing and never creates the file. Exit code 3 when migrations are pending, the database
is dirty or it is newer than this binary.`

func (e *env) migrateStatus(ctx context.Context, args []string) error {
	fs := e.newFlags("status", "compassdb migrate status [--db PATH]", statusHelp)
	db := dbFlag(fs)
	if _, err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	if err := checkDBFile(*db); err != nil {
		return err
	}
	st, err := compassdb.ReadStatus(ctx, *db)
	if err != nil {
		return err
	}
	w := e.stdout
	fmt.Fprintf(w, "database: %s\n", *db)
	fmt.Fprintf(w, "version:  %s\n", describe(st.Version))
	fmt.Fprintf(w, "dirty:    %t\n", st.Dirty)
	fmt.Fprintf(w, "binary:   %s (newest embedded migration)\n", describe(st.Latest))
	if len(st.Pending) == 0 {
		fmt.Fprintln(w, "pending:  none")
	} else {
		fmt.Fprintf(w, "pending:  %d\n", len(st.Pending))
		for _, v := range st.Pending {
			fmt.Fprintf(w, "  %s\n", describe(v))
		}
	}
	switch {
	case st.Dirty:
		return attention("%s is dirty at version %d: a migration run by another tool failed there; repair the schema (or restore a backup), then `compassdb migrate force VERSION` with the last version that applied cleanly", *db, st.Version)
	case st.Newer():
		return attention("%s is at version %d, newer than this binary's %d: use a newer compassdb", *db, st.Version, st.Latest)
	case len(st.Pending) > 0:
		return attention("%d migration(s) pending: run `compassdb migrate up --db %s`", len(st.Pending), *db)
	}
	fmt.Fprintln(w, "up to date")
	return nil
}

const upHelp = `Applies every pending embedded migration in one transaction (see the README's
Migrations section): on failure the database stays at its previous version. Creates the
database file when it does not exist.`

func (e *env) migrateUp(ctx context.Context, args []string) error {
	fs := e.newFlags("up", "compassdb migrate up [--db PATH]", upHelp)
	db := dbFlag(fs)
	if _, err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	from := uint(0)
	if _, err := os.Stat(*db); err == nil {
		if err := checkDBFile(*db); err != nil {
			return err
		}
		st, err := compassdb.ReadStatus(ctx, *db)
		if err != nil {
			return err
		}
		from = st.Version
	} else {
		fmt.Fprintf(e.stderr, "creating %s\n", *db)
	}
	if err := compassdb.Migrate(ctx, *db); err != nil {
		return err
	}
	to := compassdb.LatestVersion()
	if from == to {
		fmt.Fprintf(e.stdout, "%s: already at version %s\n", *db, describe(to))
	} else {
		fmt.Fprintf(e.stdout, "%s: migrated from version %d to %s\n", *db, from, describe(to))
	}
	return nil
}

const downHelp = `Reverts the last N applied migrations (N >= 1) in one transaction. Down migrations drop
tables and columns, so their data is lost: the command lists what it reverts and asks for
confirmation unless --yes.`

func (e *env) migrateDown(ctx context.Context, args []string) error {
	fs := e.newFlags("down", "compassdb migrate down N [--db PATH] [--yes]", downHelp)
	db := dbFlag(fs)
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	pos, err := parse(fs, args, 1, 1)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(pos[0])
	if err != nil || n < 1 {
		return usageErr("down needs a number of steps >= 1, got %q", pos[0])
	}
	st, err := e.currentState(ctx, *db)
	if err != nil {
		return err
	}
	applied := []uint{0}
	for _, v := range embeddedVersions() {
		if v <= st.Version {
			applied = append(applied, v)
		}
	}
	if n > len(applied)-1 {
		return fmt.Errorf("%s has %d migration(s) applied; cannot go down %d", *db, len(applied)-1, n)
	}
	return e.moveTo(ctx, *db, st.Version, applied[len(applied)-1-n], *yes)
}

const gotoHelp = `Moves the database up or down to version V (0 = before the first migration), in one
transaction. Going down asks for confirmation unless --yes.`

func (e *env) migrateGoto(ctx context.Context, args []string) error {
	fs := e.newFlags("goto", "compassdb migrate goto V [--db PATH] [--yes]", gotoHelp)
	db := dbFlag(fs)
	yes := fs.Bool("yes", false, "do not ask for confirmation when going down")
	pos, err := parse(fs, args, 1, 1)
	if err != nil {
		return err
	}
	v, err := strconv.ParseUint(pos[0], 10, 32)
	if err != nil {
		return usageErr("goto needs a version number, got %q", pos[0])
	}
	if _, ok := migrationNames()[uint(v)]; v != 0 && !ok {
		return usageErr("no embedded migration has version %d (this binary knows %v)", v, embeddedVersions())
	}
	st, err := e.currentState(ctx, *db)
	if err != nil {
		return err
	}
	return e.moveTo(ctx, *db, st.Version, uint(v), *yes)
}

// currentState reads the status of an existing database and refuses dirty or newer ones
// (exit code 3) before anything is changed.
func (e *env) currentState(ctx context.Context, db string) (compassdb.Status, error) {
	if err := checkDBFile(db); err != nil {
		return compassdb.Status{}, err
	}
	st, err := compassdb.ReadStatus(ctx, db)
	if err != nil {
		return st, err
	}
	switch {
	case st.Dirty:
		return st, attention("%s is dirty at version %d; see `compassdb migrate status`", db, st.Version)
	case st.Newer():
		return st, attention("%s is at version %d, newer than this binary's %d: use a newer compassdb", db, st.Version, st.Latest)
	}
	return st, nil
}

func (e *env) moveTo(ctx context.Context, db string, from, to uint, yes bool) error {
	if from == to {
		fmt.Fprintf(e.stdout, "%s: already at version %s\n", db, describe(to))
		return nil
	}
	if to < from {
		fmt.Fprintf(e.stdout, "%s: reverting from version %d to %s:\n", db, from, describe(to))
		vs := embeddedVersions()
		for i := len(vs) - 1; i >= 0; i-- {
			if vs[i] > to && vs[i] <= from {
				fmt.Fprintf(e.stdout, "  %s.down.sql\n", migrationNames()[vs[i]])
			}
		}
		if err := e.confirm(yes, "Data in the tables and columns these migrations drop is lost."); err != nil {
			return err
		}
	}
	if err := compassdb.MigrateTo(ctx, db, to); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: migrated from version %d to %s\n", db, from, describe(to))
	return nil
}

// confirm asks on stdin unless yes is set; anything but y/yes, or no input, aborts.
func (e *env) confirm(yes bool, warning string) error {
	if yes {
		return nil
	}
	fmt.Fprintf(e.stderr, "%s\nContinue? [y/N] ", warning)
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if answer := strings.ToLower(strings.TrimSpace(line)); answer == "y" || answer == "yes" {
		return nil
	}
	if err != nil && strings.TrimSpace(line) == "" {
		return errors.New("aborted: no confirmation on standard input (pass --yes to run without asking)")
	}
	return errors.New("aborted; nothing was changed")
}

const forceHelp = `Records version V in schema_migrations and clears the dirty flag WITHOUT running any
migration (golang-migrate's 'force'). Use it only after repairing a database that another
tool left dirty: the recorded version must match the schema the database really has.
V = 0 records that nothing is applied. Prints what it will do and asks for confirmation
unless --yes.`

func (e *env) migrateForce(ctx context.Context, args []string) error {
	fs := e.newFlags("force", "compassdb migrate force V [--db PATH] [--yes]", forceHelp)
	db := dbFlag(fs)
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	pos, err := parse(fs, args, 1, 1)
	if err != nil {
		return err
	}
	v, err := strconv.Atoi(pos[0])
	if err != nil || v < 0 {
		return usageErr("force needs a version number >= 0, got %q", pos[0])
	}
	if _, ok := migrationNames()[uint(v)]; v != 0 && !ok {
		return usageErr("no embedded migration has version %d (this binary knows %v)", v, embeddedVersions())
	}
	if err := checkDBFile(*db); err != nil {
		return err
	}
	st, err := compassdb.ReadStatus(ctx, *db)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: now version %s, dirty=%t\n", *db, describe(st.Version), st.Dirty)
	fmt.Fprintf(e.stdout, "force will record version %s with dirty=false, running no migration.\n", describe(uint(v)))
	if err := e.confirm(*yes, "Only do this when the schema really is at that version."); err != nil {
		return err
	}
	if err := compassdb.ForceVersion(ctx, *db, v); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: version %s recorded, dirty flag cleared\n", *db, describe(uint(v)))
	return nil
}
