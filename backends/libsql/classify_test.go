package libsql

import (
	"errors"
	"slices"
	"testing"

	"github.com/compass-eng/compassdb"
)

// The driver's error texts, as sqld 0.24 and libsql-client-go return them on a primary
// and, forwarded, on a replica.
func TestClassify(t *testing.T) {
	for _, c := range []struct {
		msg        string
		kind       error
		table      string
		columns    []string
		constraint string
	}{
		{"failed to execute SQL:\nSQLite error: UNIQUE constraint failed: users.email", compassdb.ErrUniqueViolation, "users", []string{"email"}, ""},
		{"failed to execute SQL:\nerror executing a request on the primary: UNIQUE constraint failed: organization_members.organization_id, organization_members.user_id", compassdb.ErrUniqueViolation, "organization_members", []string{"organization_id", "user_id"}, ""},
		{"failed to execute SQL:\nSQLite error: NOT NULL constraint failed: projects.name", compassdb.ErrNotNullViolation, "projects", []string{"name"}, ""},
		{"failed to execute SQL:\nSQLite error: CHECK constraint failed: schedule_tasks_percent_complete_check", compassdb.ErrCheckViolation, "", nil, "schedule_tasks_percent_complete_check"},
		{"failed to execute SQL:\nSQLite error: FOREIGN KEY constraint failed", compassdb.ErrForeignKeyViolation, "", nil, ""},
		{"failed to execute SQL:\nSQLite error: database is locked", compassdb.ErrBusy, "", nil, ""},
		{"failed to execute SQL:\nSQLite error: no such table: p", nil, "", nil, ""},
	} {
		raw := errors.New(c.msg)
		got := classify(raw)
		var e *compassdb.Error
		if c.kind == nil {
			if got != raw {
				t.Errorf("%q: classified as %v, want unchanged", c.msg, got)
			}
			continue
		}
		if !errors.Is(got, c.kind) || !errors.As(got, &e) || !errors.Is(got, raw) {
			t.Errorf("%q: %v, want %v wrapping the driver's error", c.msg, got, c.kind)
			continue
		}
		if e.Table != c.table || !slices.Equal(e.Columns, c.columns) || e.Constraint != c.constraint {
			t.Errorf("%q: table %q columns %q constraint %q", c.msg, e.Table, e.Columns, e.Constraint)
		}
	}
}
