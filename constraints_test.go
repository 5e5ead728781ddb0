package compassdb_test

import (
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// checkViolation is a write that breaks one CHECK constraint: the fixture row of table
// with set's values.
type checkViolation struct {
	table string
	set   map[string]any
}

// checkViolations has one violating write per named CHECK constraint of the schema;
// TestCheckConstraints fails when the two lists differ.
var checkViolations = map[string]checkViolation{
	"users_role_check":                           {"users", map[string]any{"role": "owner"}},
	"users_is_active_check":                      {"users", map[string]any{"is_active": 2}},
	"organizations_type_check":                   {"organizations", map[string]any{"type": "vendor"}},
	"organizations_is_active_check":              {"organizations", map[string]any{"is_active": -1}},
	"schedule_tasks_status_check":                {"schedule_tasks", map[string]any{"status": "DONE"}},
	"schedule_tasks_workdays_check":              {"schedule_tasks", map[string]any{"workdays": -1}},
	"schedule_tasks_is_critical_path_check":      {"schedule_tasks", map[string]any{"is_critical_path": 2}},
	"schedule_tasks_is_milestone_check":          {"schedule_tasks", map[string]any{"is_milestone": 2}},
	"schedule_tasks_percent_complete_check":      {"schedule_tasks", map[string]any{"percent_complete": 101}},
	"task_dependencies_type_check":               {"task_dependencies", map[string]any{"type": "XX"}},
	"task_dependencies_no_self_check":            {"task_dependencies", map[string]any{"successor_id": "task-1"}},
	"workday_exceptions_type_check":              {"workday_exceptions", map[string]any{"type": "half_day"}},
	"workday_exceptions_category_check":          {"workday_exceptions", map[string]any{"category": "birthday"}},
	"workday_exceptions_recurrence_check":        {"workday_exceptions", map[string]any{"recurrence": "monthly"}},
	"schedule_baselines_snapshot_data_check":     {"schedule_baselines", map[string]any{"snapshot_data": "{tasks:"}},
	"feedback_type_check":                        {"feedback", map[string]any{"type": "praise"}},
	"agent_memories_role_check":                  {"agent_memories", map[string]any{"role": "tool"}},
	"agent_memories_embedding_check":             {"agent_memories", map[string]any{"embedding": "[0.25,"}},
	"agent_memories_metadata_check":              {"agent_memories", map[string]any{"metadata": "not json"}},
	"feedback_interviews_sentiment_check":        {"feedback_interviews", map[string]any{"overall_sentiment": "angry"}},
	"feedback_interviews_responses_check":        {"feedback_interviews", map[string]any{"responses": "["}},
	"feedback_interviews_pain_points_check":      {"feedback_interviews", map[string]any{"pain_points": "pain"}},
	"feedback_interviews_feature_requests_check": {"feedback_interviews", map[string]any{"feature_requests": "{]"}},
	"slab_memories_memory_type_check":            {"slab_memories", map[string]any{"memory_type": "rumor"}},
	"slab_memories_importance_check":             {"slab_memories", map[string]any{"importance": 1.5}},
	"slab_memories_pinned_check":                 {"slab_memories", map[string]any{"pinned": 3}},
	"slab_memories_access_count_check":           {"slab_memories", map[string]any{"access_count": -1}},
	"push_tokens_platform_check":                 {"push_tokens", map[string]any{"platform": "web"}},
	"netsuite_sync_metadata_local_table_check":   {"netsuite_sync_metadata", map[string]any{"local_table": "users"}},
	"netsuite_sync_metadata_record_type_check":   {"netsuite_sync_metadata", map[string]any{"netsuite_record_type": "employee"}},
	"netsuite_sync_metadata_sync_status_check":   {"netsuite_sync_metadata", map[string]any{"sync_status": "unknown"}},
	"netsuite_sync_metadata_conflict_data_check": {"netsuite_sync_metadata", map[string]any{"conflict_data": "{remote}"}},
	"netsuite_sync_metadata_retry_count_check":   {"netsuite_sync_metadata", map[string]any{"retry_count": -1}},
	"netsuite_sync_log_record_type_check":        {"netsuite_sync_log", map[string]any{"record_type": "employee"}},
	"netsuite_sync_log_direction_check":          {"netsuite_sync_log", map[string]any{"direction": "both"}},
	"netsuite_sync_log_status_check":             {"netsuite_sync_log", map[string]any{"status": "paused"}},
	"netsuite_sync_log_counts_check":             {"netsuite_sync_log", map[string]any{"records_failed": -1}},
	"invoices_line_items_check":                  {"invoices", map[string]any{"line_items": "[{"}},
	"vendor_bills_line_items_check":              {"vendor_bills", map[string]any{"line_items": "[{"}},
	"payments_payment_type_check":                {"payments", map[string]any{"payment_type": "refund"}},
	"payments_counterparty_check":                {"payments", map[string]any{"vendor_id": "vendor-1"}},
	"payments_payment_method_check":              {"payments", map[string]any{"payment_method": "bitcoin"}},
	"credit_memos_status_check":                  {"credit_memos", map[string]any{"status": "open"}},
	"credit_memos_line_items_check":              {"credit_memos", map[string]any{"line_items": "[{"}},
	"plugins_source_type_check":                  {"plugins", map[string]any{"source_type": "git"}},
	"plugins_status_check":                       {"plugins", map[string]any{"status": "paused"}},
	"plugins_required_env_vars_check":            {"plugins", map[string]any{"required_env_vars": "WEATHER_API_KEY"}},
	"plugin_config_is_encrypted_check":           {"plugin_config", map[string]any{"is_encrypted": 2}},
	"plugin_events_event_type_check":             {"plugin_events", map[string]any{"event_type": "deleted"}},
	"agent_items_type_check":                     {"agent_items", map[string]any{"type": "reminder"}},
	"agent_items_done_check":                     {"agent_items", map[string]any{"done": 2}},
	"agent_items_metadata_check":                 {"agent_items", map[string]any{"metadata": "{priority: high}"}},
	"agent_config_singleton_check":               {"agent_config", map[string]any{"id": "second"}},
	"agent_config_allow_user_selection_check":    {"agent_config", map[string]any{"allow_user_selection": 2}},
	"agent_usage_tokens_check":                   {"agent_usage", map[string]any{"prompt_tokens": -1}},
	"custom_themes_theme_data_check":             {"custom_themes", map[string]any{"theme_data": "{"}},
	"custom_dashboards_spec_data_check":          {"custom_dashboards", map[string]any{"spec_data": "{root}"}},
	"custom_dashboards_queries_check":            {"custom_dashboards", map[string]any{"queries": "[queries]"}},
}

// updateStmt is `UPDATE table SET col = ?, … WHERE pk = ?` with its arguments.
func updateStmt(table, pkCol, pk string, set map[string]any) (string, []any) {
	var assigns []string
	var args []any
	for _, col := range slices.Sorted(maps.Keys(set)) {
		assigns = append(assigns, quoteIdent(col)+" = ?")
		args = append(args, set[col])
	}
	return fmt.Sprintf("UPDATE %s SET %s WHERE %s = ?", quoteIdent(table), strings.Join(assigns, ", "), quoteIdent(pkCol)),
		append(args, pk)
}

// violation runs one violating write in a rolled-back transaction: prepare (whose writes
// are setup), then write, which must fail with kind and change nothing. It returns the
// classified error for further checks.
func (d *testDB) violation(t *testing.T, kind error, prepare func(c *copier) func(tx *sql.Tx) error) *compassdb.Error {
	t.Helper()
	var ce *compassdb.Error
	d.inTx(t, func(tx *sql.Tx, c *copier) {
		write := prepare(c)
		before := d.snapshot(t, tx)
		err := write(tx)
		ce = wantClassified(t, err, kind)
		if diff := before.diff(d.snapshot(t, tx)); diff != "" {
			t.Errorf("the failed write changed the database:\n%s", diff)
		}
	})
	return ce
}

func insertOf(in insert) func(tx *sql.Tx) error {
	return func(tx *sql.Tx) error { _, err := in.exec(tx); return err }
}

func execOf(query string, args []any) func(tx *sql.Tx) error {
	return func(tx *sql.Tx) error { _, err := tx.ExecContext(bg, query, args...); return err }
}

func TestCheckConstraints(t *testing.T) {
	t.Parallel()
	d := openTestDB(t)
	s := d.s

	var named []string
	for _, tbl := range s.Tables {
		for _, c := range tbl.Checks {
			if c.Name == "" {
				t.Errorf("%s has an unnamed CHECK (%s): compassdb.Error.Constraint could not name it", tbl.Name, c.Expr)
				continue
			}
			named = append(named, c.Name)
			if v, ok := checkViolations[c.Name]; ok && v.table != tbl.Name {
				t.Errorf("%s is a CHECK of %s, the test case writes to %s", c.Name, tbl.Name, v.table)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(checkViolations)) {
		if !slices.Contains(named, name) {
			t.Errorf("test case for %s, which the schema does not have", name)
		}
	}

	tested := 0
	for _, name := range named {
		t.Run(name, func(t *testing.T) {
			v, ok := checkViolations[name]
			if !ok {
				t.Fatalf("no violating write for CHECK %s: add one to checkViolations", name)
			}
			pkCol, pk := d.primaryKey(t, v.table)
			t.Run("insert", func(t *testing.T) {
				ce := d.violation(t, compassdb.ErrCheckViolation, func(c *copier) func(*sql.Tx) error {
					return insertOf(c.prepare(v.table, pk, v.set))
				})
				if ce != nil && ce.Constraint != name {
					t.Errorf("Constraint = %q, want %q", ce.Constraint, name)
				}
			})
			t.Run("update", func(t *testing.T) {
				ce := d.violation(t, compassdb.ErrCheckViolation, func(*copier) func(*sql.Tx) error {
					return execOf(updateStmt(v.table, pkCol, pk, v.set))
				})
				if ce != nil && ce.Constraint != name {
					t.Errorf("Constraint = %q, want %q", ce.Constraint, name)
				}
			})
			if !t.Failed() {
				tested++
			}
		})
	}
	t.Logf("CHECK constraints tested: %d of %d (an insert and an update each)", tested, len(named))
}

func TestUniqueConstraints(t *testing.T) {
	t.Parallel()
	d := openTestDB(t)
	s := d.s

	tested, total := 0, 0
	for _, tbl := range s.Tables {
		pkCol, pk := d.primaryKey(t, tbl.Name)
		for _, ix := range tbl.UniqueIndexes() {
			total++
			t.Run(tbl.Name+"/"+ix.Name, func(t *testing.T) {
				if slices.Contains(ix.Columns, "") {
					t.Fatalf("unique index on an expression: no test for it")
				}
				check := func(ce *compassdb.Error) {
					if ce != nil && (ce.Table != tbl.Name || !slices.Equal(ce.Columns, ix.Columns)) {
						t.Errorf("error names %s %q, want %s %q", ce.Table, ce.Columns, tbl.Name, ix.Columns)
					}
				}
				t.Run("insert", func(t *testing.T) {
					check(d.violation(t, compassdb.ErrUniqueViolation, func(c *copier) func(*sql.Tx) error {
						return insertOf(c.prepare(tbl.Name, pk, nil, ix.Columns...))
					}))
				})
				t.Run("update", func(t *testing.T) {
					if singletonTables[tbl.Name] {
						t.Skip("a singleton table cannot hold a second row to update")
					}
					check(d.violation(t, compassdb.ErrUniqueViolation, func(c *copier) func(*sql.Tx) error {
						other := c.copy(tbl.Name, pk, nil)
						source := c.values(tbl.Name, pk)
						set := map[string]any{}
						for _, col := range ix.Columns {
							set[col] = source[col]
						}
						return execOf(updateStmt(tbl.Name, pkCol, other, set))
					}))
				})
				if !t.Failed() {
					tested++
				}
			})
		}
	}
	t.Logf("unique indexes tested: %d of %d (primary keys and partial indexes included)", tested, total)
}

func TestNotNullConstraints(t *testing.T) {
	t.Parallel()
	d := openTestDB(t)
	s := d.s

	tested, total := 0, 0
	for _, tbl := range s.Tables {
		pkCol, pk := d.primaryKey(t, tbl.Name)
		for _, col := range tbl.Columns {
			if !col.NotNull || col.Default != nil {
				continue
			}
			total++
			t.Run(tbl.Name+"."+col.Name, func(t *testing.T) {
				check := func(ce *compassdb.Error) {
					if ce != nil && (ce.Table != tbl.Name || !slices.Equal(ce.Columns, []string{col.Name})) {
						t.Errorf("error names %s %q, want %s [%s]", ce.Table, ce.Columns, tbl.Name, col.Name)
					}
				}
				set := map[string]any{col.Name: nil}
				t.Run("insert", func(t *testing.T) {
					check(d.violation(t, compassdb.ErrNotNullViolation, func(c *copier) func(*sql.Tx) error {
						return insertOf(c.prepare(tbl.Name, pk, set))
					}))
				})
				t.Run("update", func(t *testing.T) {
					check(d.violation(t, compassdb.ErrNotNullViolation, func(*copier) func(*sql.Tx) error {
						return execOf(updateStmt(tbl.Name, pkCol, pk, set))
					}))
				})
				if !t.Failed() {
					tested++
				}
			})
		}
	}
	t.Logf("NOT NULL columns without a default tested: %d of %d", tested, total)
}

// newUser is a valid CreateUserParams with the given id.
func newUser(id string) db.CreateUserParams {
	return db.CreateUserParams{
		ID: id, Email: id + "@maple.example", Role: dbtypes.UserRoleOffice, IsActive: true,
		CreatedAt: dbtest.At(0), UpdatedAt: dbtest.At(0),
	}
}

// userExists reports whether the users table has id, read through the write pool so
// that it sees the latest commit.
func userExists(t *testing.T, h *compassdb.DB, id string) bool {
	t.Helper()
	var n int
	if err := h.WriteDB().QueryRowContext(bg, "SELECT count(*) FROM users WHERE id = ?", id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n == 1
}

// lockDatabase opens a second, plain connection to h's file and holds the write lock
// (BEGIN IMMEDIATE) until the returned function is called.
func lockDatabase(t *testing.T, h *compassdb.DB) (release func()) {
	t.Helper()
	other, err := sql.Open("sqlite3", h.Path())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	conn, err := other.Conn(bg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(bg, "BEGIN IMMEDIATE"); err != nil {
		t.Fatalf("lock: %v", err)
	}
	var once atomic.Bool
	release = func() {
		if once.CompareAndSwap(false, true) {
			if _, err := conn.ExecContext(bg, "ROLLBACK"); err != nil {
				t.Errorf("unlock: %v", err)
			}
			conn.Close()
		}
	}
	t.Cleanup(release)
	return release
}

func openWithBusyTimeout(t *testing.T, timeout time.Duration) *compassdb.DB {
	t.Helper()
	h, err := compassdb.Open(bg, dbtest.Path(t), compassdb.Options{Migrate: true, BusyTimeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

func TestBusy(t *testing.T) {
	t.Parallel()
	const timeout = 20 * time.Millisecond

	t.Run("a write past the busy timeout is ErrBusy", func(t *testing.T) {
		t.Parallel()
		h := openWithBusyTimeout(t, timeout)
		lockDatabase(t, h)
		start := time.Now()
		_, err := h.Writer().CreateUser(bg, newUser("user-busy"))
		if !errors.Is(err, compassdb.ErrBusy) {
			t.Fatalf("write while locked: %v, want ErrBusy", err)
		}
		if waited := time.Since(start); waited < timeout {
			t.Errorf("returned after %v, before the busy timeout %v", waited, timeout)
		}
	})

	t.Run("Tx retries until the lock is released", func(t *testing.T) {
		t.Parallel()
		// The first attempt gives up after 100 ms, before the lock is released at 150 ms, so
		// only a retry can succeed; the retries (after 50, 100, 150 ms pauses) wait until
		// about 700 ms, which leaves a loaded machine time to release the lock.
		h := openWithBusyTimeout(t, 100*time.Millisecond)
		release := lockDatabase(t, h)
		const hold = 150 * time.Millisecond
		go func() { time.Sleep(hold); release() }()
		start := time.Now()
		err := h.Tx(bg, func(q *db.Queries) error {
			_, err := q.CreateUser(bg, newUser("user-retried"))
			return err
		})
		if err != nil {
			t.Fatalf("Tx: %v", err)
		}
		if waited := time.Since(start); waited < hold {
			t.Errorf("Tx returned after %v, before the lock was released (%v)", waited, hold)
		}
		if !userExists(t, h, "user-retried") {
			t.Error("the retried transaction did not commit")
		}
	})

	t.Run("Tx gives up with ErrBusy when the lock stays", func(t *testing.T) {
		t.Parallel()
		h := openWithBusyTimeout(t, timeout)
		lockDatabase(t, h)
		err := h.Tx(bg, func(q *db.Queries) error {
			_, err := q.CreateUser(bg, newUser("user-never"))
			return err
		})
		if !errors.Is(err, compassdb.ErrBusy) {
			t.Fatalf("Tx: %v, want ErrBusy", err)
		}
	})
}

func TestTx(t *testing.T) {
	t.Parallel()
	h := dbtest.Open(t)

	t.Run("commits when fn returns nil", func(t *testing.T) {
		err := h.Tx(bg, func(q *db.Queries) error {
			_, err := q.CreateUser(bg, newUser("user-committed"))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := h.Reader().GetUser(bg, "user-committed"); err != nil || got.ID != "user-committed" {
			t.Errorf("after commit: %v, %v", got.ID, err)
		}
	})

	t.Run("rolls back when fn returns an error", func(t *testing.T) {
		boom := errors.New("boom")
		err := h.Tx(bg, func(q *db.Queries) error {
			if _, err := q.CreateUser(bg, newUser("user-rolled-back")); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Tx = %v, want fn's error", err)
		}
		if userExists(t, h, "user-rolled-back") {
			t.Error("the row written before the error was committed")
		}
	})

	t.Run("rolls back a failed statement's transaction", func(t *testing.T) {
		err := h.Tx(bg, func(q *db.Queries) error {
			if _, err := q.CreateUser(bg, newUser("user-before-duplicate")); err != nil {
				return err
			}
			_, err := q.CreateUser(bg, newUser("user-committed")) // duplicate id
			return err
		})
		wantClassified(t, err, compassdb.ErrUniqueViolation)
		if userExists(t, h, "user-before-duplicate") {
			t.Error("the row written before the failed statement was committed")
		}
	})

	t.Run("rolls back on panic and re-panics", func(t *testing.T) {
		type sentinel struct{}
		var recovered any
		func() {
			defer func() { recovered = recover() }()
			_ = h.Tx(bg, func(q *db.Queries) error {
				if _, err := q.CreateUser(bg, newUser("user-panicked")); err != nil {
					return err
				}
				panic(sentinel{})
			})
		}()
		if _, ok := recovered.(sentinel); !ok {
			t.Fatalf("recovered %v, want the panic of fn", recovered)
		}
		if userExists(t, h, "user-panicked") {
			t.Error("the row written before the panic was committed")
		}
		// The write connection is free again.
		if _, err := h.Writer().CreateUser(bg, newUser("user-after-panic")); err != nil {
			t.Errorf("write after the panic: %v", err)
		}
	})

	t.Run("the read pool refuses writes", func(t *testing.T) {
		_, err := h.Reader().CreateUser(bg, newUser("user-via-reader"))
		var se sqlite3.Error
		if !errors.As(err, &se) || se.Code != sqlite3.ErrReadonly {
			t.Errorf("write through Reader: %v, want SQLITE_READONLY", err)
		}
		if userExists(t, h, "user-via-reader") {
			t.Error("a write through the read pool was committed")
		}
	})
}
