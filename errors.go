package compassdb

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
	"syscall"

	"github.com/mattn/go-sqlite3"
)

// Error classes for errors.Is. Every error that the handle's connections return for a
// constraint violation or a lock conflict is an *Error whose Kind is one of these; it wraps
// the driver's sqlite3.Error, so errors.As(err, &sqlite3.Error{}) keeps working.
var (
	// ErrNotFound is sql.ErrNoRows under this package's name: a :one query that matched
	// no row returns it as is, so errors.Is(err, ErrNotFound) needs no translation.
	ErrNotFound = sql.ErrNoRows

	ErrUniqueViolation     = errors.New("unique constraint violated")
	ErrForeignKeyViolation = errors.New("foreign key constraint violated")
	ErrCheckViolation      = errors.New("check constraint violated")
	ErrNotNullViolation    = errors.New("not null constraint violated")
	// ErrBusy means another connection or process held the database lock past the busy
	// timeout. It is the only error that Tx retries.
	ErrBusy = errors.New("database is busy")
	// ErrReadOnlyReplica means a write reached a node that cannot take it: any write
	// through a handle opened with Options{ReadOnly: true} (refused before it reaches the
	// file), or a write that LiteFS refused because this node is not the primary (SQLite
	// reports it as a disk I/O error, "permission denied", at COMMIT). Send the write to
	// the primary, which (*DB).Primary names. It is never retried.
	ErrReadOnlyReplica = errors.New("database is a read-only replica")
	// ErrInvalidText means a text argument (a string, a *string, a named string type or
	// the string a driver.Valuer produced) is not valid UTF-8 or contains a NUL character.
	// It is refused before the statement runs, so nothing was written; Error.Argument
	// names the argument's position. The message never includes the text. NUL is refused
	// because SQLite's text functions (LIKE, length, instr, the JSON functions) stop at the
	// first NUL, so such a value would be stored but searched and measured wrongly.
	ErrInvalidText = errors.New("text argument is not valid UTF-8 or contains NUL")
	// ErrTooLarge means a string or blob exceeded the connection's length limit
	// (Options.MaxValueBytes, 64 MiB by default), SQLite's SQLITE_TOOBIG: a bound value,
	// a value a statement computed, or a whole row. The statement wrote nothing.
	ErrTooLarge = errors.New("string or blob too large")
)

// Error is a classified SQLite error.
type Error struct {
	// Kind is one of the Err* class values above.
	Kind error
	// Table and Columns name what a UNIQUE or NOT NULL violation was about, as SQLite
	// reports it (e.g. "organization_members", ["organization_id", "user_id"]).
	Table   string
	Columns []string
	// Constraint is the violated CHECK constraint's name (schema/ names every CHECK).
	Constraint string
	// Argument is the 1-based position of the statement argument an ErrInvalidText is
	// about; 0 for every other class.
	Argument int
	// Err is the driver's error.
	Err error
}

func (e *Error) Error() string {
	var where string
	switch {
	case e.Constraint != "":
		where = " (" + e.Constraint + ")"
	case e.Table != "":
		where = " on " + e.Table + "(" + strings.Join(e.Columns, ", ") + ")"
	case e.Argument > 0:
		where = fmt.Sprintf(" (argument %d)", e.Argument)
	}
	return fmt.Sprintf("compassdb: %v%s: %v", e.Kind, where, e.Err)
}

// Is reports whether target is the error's class.
func (e *Error) Is(target error) bool { return target == e.Kind }

// Unwrap returns the driver's error.
func (e *Error) Unwrap() error { return e.Err }

// classify turns a sqlite3.Error into an *Error when it is a constraint violation, a lock
// conflict or a value over the length limit, and returns every other error unchanged (driver.ErrBadConn and io.EOF must
// reach database/sql as they are).
func classify(err error) error { return role{}.classify(err) }

// classify is classify for a connection of role r: on a replica handle a refused write
// (SQLITE_READONLY, which query_only gives) and, on a LiteFS mount, an I/O error with
// "permission denied" (LiteFS's answer to a write on a replica) are ErrReadOnlyReplica.
func (r role) classify(err error) error {
	// io.EOF ends every result set: skip the reflection of errors.As for it.
	if err == nil || err == io.EOF {
		return err
	}
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return err
	}
	e := &Error{Err: err}
	if (r.readOnly && se.Code == sqlite3.ErrReadonly) || ((r.readOnly || r.liteFS) && liteFSRefusal(se)) {
		e.Kind = ErrReadOnlyReplica
		return e
	}
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
		e.Kind = ErrUniqueViolation
		e.Table, e.Columns = parseColumns(se.Error(), "UNIQUE constraint failed: ")
	case sqlite3.ErrConstraintForeignKey:
		e.Kind = ErrForeignKeyViolation
	case sqlite3.ErrConstraintCheck:
		e.Kind = ErrCheckViolation
		e.Constraint = strings.TrimPrefix(se.Error(), "CHECK constraint failed: ")
	case sqlite3.ErrConstraintNotNull:
		e.Kind = ErrNotNullViolation
		e.Table, e.Columns = parseColumns(se.Error(), "NOT NULL constraint failed: ")
	default:
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			e.Kind = ErrBusy
		case sqlite3.ErrTooBig:
			e.Kind = ErrTooLarge
		default:
			return err
		}
	}
	return e
}

// liteFSRefusal reports whether se is how a write on a LiteFS replica fails: the FUSE
// file system answers the WAL or journal write with EACCES (or EPERM), which SQLite
// reports as SQLITE_IOERR ("disk I/O error: permission denied").
func liteFSRefusal(se sqlite3.Error) bool {
	if se.Code != sqlite3.ErrIoErr {
		return false
	}
	return se.SystemErrno == syscall.EACCES || se.SystemErrno == syscall.EPERM ||
		strings.Contains(se.Error(), "permission denied")
}

// parseColumns reads SQLite's "<prefix>t.c1, t.c2" message into the table and its columns.
func parseColumns(msg, prefix string) (table string, columns []string) {
	rest, ok := strings.CutPrefix(msg, prefix)
	if !ok {
		return "", nil
	}
	for _, qualified := range strings.Split(rest, ", ") {
		t, c, ok := strings.Cut(qualified, ".")
		if !ok {
			continue
		}
		table = t
		columns = append(columns, c)
	}
	return table, columns
}
