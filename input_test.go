package compassdb_test

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"maps"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// Tests of bad input: text that is not valid UTF-8 (driver.go's argument check), values
// over the length limit (Options.MaxValueBytes), numbers out of a CHECK's range through
// the typed queries, and dates and enum values that dbtypes refuses before the database.

// tableCounts returns the row count of every table of h, read on the write connection
// so that it sees the latest commit.
func tableCounts(t testing.TB, h *compassdb.DB) map[string]int {
	t.Helper()
	rows, err := h.WriteDB().QueryContext(bg, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, name := range tables {
		var n int
		if err := h.WriteDB().QueryRowContext(bg, "SELECT count(*) FROM "+quoteIdent(name)).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[name] = n
	}
	return counts
}

// unchanged fails the test if any table's row count differs from before.
func unchanged(t testing.TB, h *compassdb.DB, before map[string]int) {
	t.Helper()
	after := tableCounts(t, h)
	if !maps.Equal(before, after) {
		for name, n := range after {
			if before[name] != n {
				t.Errorf("%s: %d rows before the refused write, %d after", name, before[name], n)
			}
		}
	}
}

// wantKind checks that err is a *compassdb.Error of kind and returns it.
func wantKind(t testing.TB, err, kind error) *compassdb.Error {
	t.Helper()
	var ce *compassdb.Error
	if !errors.Is(err, kind) || !errors.As(err, &ce) {
		t.Fatalf("err = %v, want a *compassdb.Error of kind %q", err, kind)
	}
	return ce
}

// label is a named string type with no Value method: database/sql converts it by its kind.
type label string

// textValuer is a driver.Valuer that produces the given text.
type textValuer string

func (v textValuer) Value() (driver.Value, error) { return string(v), nil }

func TestInvalidTextIsRefusedBeforeTheDatabase(t *testing.T) {
	t.Parallel()
	h, f := dbtest.OpenSeeded(t)
	before := tableCounts(t, h)

	task := func(edit func(p *db.CreateScheduleTaskParams)) db.CreateScheduleTaskParams {
		return like(f.ScheduleTask, func(p *db.CreateScheduleTaskParams) { p.ID = "task-new"; edit(p) })
	}
	cases := []struct {
		name     string
		argument int // position in CreateScheduleTask's VALUES (?1 … ?15)
		params   db.CreateScheduleTaskParams
	}{
		{"invalid byte in a string (title)", 3, task(func(p *db.CreateScheduleTaskParams) { p.Title = "Framing \xff walls" })},
		{"truncated sequence at the end (title)", 3, task(func(p *db.CreateScheduleTaskParams) { p.Title = "Fa\xc3" })},
		{"UTF-16 surrogate encoded as UTF-8 (phase)", 7, task(func(p *db.CreateScheduleTaskParams) { p.Phase = "\xed\xa0\x80" })},
		{"overlong encoding (phase)", 7, task(func(p *db.CreateScheduleTaskParams) { p.Phase = "\xc0\xaf" })},
		{"invalid byte in a *string (assigned_to)", 15, task(func(p *db.CreateScheduleTaskParams) { p.AssignedTo = ptr("user-\x80") })},
		{"NUL in a string (title)", 3, task(func(p *db.CreateScheduleTaskParams) { p.Title = "before\x00after" })},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Alone, and inside a transaction after a write that must be rolled back.
			_, err := h.Writer().CreateScheduleTask(bg, c.params)
			ce := wantKind(t, err, compassdb.ErrInvalidText)
			if ce.Argument != c.argument {
				t.Errorf("Argument = %d, want %d", ce.Argument, c.argument)
			}
			if want := fmt.Sprintf("(argument %d)", c.argument); !strings.Contains(err.Error(), want) {
				t.Errorf("message %q does not name %s", err, want)
			}
			var se sqlite3.Error
			if errors.As(err, &se) {
				t.Errorf("the statement reached SQLite: %v", se)
			}
			err = h.Tx(bg, func(q *db.Queries) error {
				if _, err := q.CreateProject(bg, like(f.Project, func(p *db.CreateProjectParams) { p.ID = "project-new" })); err != nil {
					return err
				}
				_, err := q.CreateScheduleTask(bg, c.params)
				return err
			})
			wantKind(t, err, compassdb.ErrInvalidText)
			unchanged(t, h, before)
		})
	}

	// Every kind of text argument is checked: a named string type, a Valuer's string, and
	// a pointer to a named string type; blobs are bytes, not text, and pass.
	w := h.WriteDB()
	for name, arg := range map[string]any{
		"named string type":            label("bad \xfe"),
		"pointer to named string type": ptr(label("bad \xfe")),
		"driver.Valuer":                textValuer("bad \xfe"),
		"second argument":              "ok",
	} {
		t.Run(name, func(t *testing.T) {
			args := []any{arg, "bad \x00"}
			wantArg := 2
			if name != "second argument" {
				args[1], wantArg = "ok", 1
			}
			_, err := w.ExecContext(bg, `UPDATE projects SET name = ? WHERE id = ?`, args...)
			if ce := wantKind(t, err, compassdb.ErrInvalidText); ce.Argument != wantArg {
				t.Errorf("Argument = %d, want %d", ce.Argument, wantArg)
			}
		})
	}
	var typ string
	if err := w.QueryRowContext(bg, `SELECT typeof(?)`, []byte("\xff\x00")).Scan(&typ); err != nil || typ != "blob" {
		t.Errorf("a []byte with invalid UTF-8 and NUL: %q, %v; want it bound as a blob", typ, err)
	}
	// The read pool checks too: a search with broken text is refused, not run.
	_, err := h.Reader().SearchProjects(bg, db.SearchProjectsParams{Pattern: compassdb.LikeContains("\xff"), RowLimit: 10})
	wantKind(t, err, compassdb.ErrInvalidText)
	unchanged(t, h, before)
}

// TestArgumentCheckKeepsDefaultConversion binds every kind of value the generated code
// passes and reads back what SQLite received: the check returns driver.ErrSkip, so the
// conversions (driver.Valuer, nil pointers, bool, ints, floats, bytes) stay database/sql's.
func TestArgumentCheckKeepsDefaultConversion(t *testing.T) {
	t.Parallel()
	h := dbtest.Open(t)
	ts := dbtypes.NewTimestamp(time.Date(2026, 2, 4, 12, 0, 56, 789_000_000, time.UTC))
	cases := []struct {
		name     string
		arg      any
		wantType string
		wantText string
	}{
		{"dbtypes.Timestamp", ts, "text", "2026-02-04T12:00:56.789Z"},
		{"*dbtypes.Timestamp", &ts, "text", "2026-02-04T12:00:56.789Z"},
		{"nil *dbtypes.Timestamp", (*dbtypes.Timestamp)(nil), "null", ""},
		{"dbtypes.Date", dbtypes.MustParseDate("2024-02-29"), "text", "2024-02-29"},
		{"dbtypes.NullDate (absent)", dbtypes.NullDate{}, "null", ""},
		{"dbtypes.Money", dbtypes.Cents(1234), "real", "12.34"},
		{"enum", dbtypes.TaskStatusInProgress, "text", "IN_PROGRESS"},
		{"string with every kind of character", "ÄÖ 日本 🔐 \t\n'\"%_\\", "text", "ÄÖ 日本 🔐 \t\n'\"%_\\"},
		{"U+FFFD itself is valid", "\uFFFD", "text", "\uFFFD"},
		{"nil *string", (*string)(nil), "null", ""},
		{"*string", ptr("x"), "text", "x"},
		{"named string type", label("lbl"), "text", "lbl"},
		{"bool", true, "integer", "1"},
		{"int", 42, "integer", "42"},
		{"float64", 0.5, "real", "0.5"},
		{"[]byte", []byte("raw"), "blob", "raw"},
		{"nil", nil, "null", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for pool, conn := range map[string]*sql.DB{"writer": h.WriteDB(), "reader": h.ReadDB()} {
				var typ string
				var text sql.NullString
				if err := conn.QueryRowContext(bg, `SELECT typeof(?1), CAST(?1 AS TEXT)`, c.arg).Scan(&typ, &text); err != nil {
					t.Fatalf("%s: %v", pool, err)
				}
				if typ != c.wantType || text.String != c.wantText {
					t.Errorf("%s: bound as %s %q, want %s %q", pool, typ, text.String, c.wantType, c.wantText)
				}
			}
		})
	}
	// A Valuer's own error still comes from the default conversion, unwrapped as before.
	_, err := h.WriteDB().ExecContext(bg, `SELECT ?`, dbtypes.TaskStatus("DONE"))
	var inv *dbtypes.InvalidValueError
	if !errors.As(err, &inv) || errors.Is(err, compassdb.ErrInvalidText) {
		t.Errorf("an invalid enum value: %v, want *dbtypes.InvalidValueError", err)
	}
}

func TestTooLarge(t *testing.T) {
	t.Parallel()

	t.Run("the default cap is 64 MiB on every connection", func(t *testing.T) {
		t.Parallel()
		h := dbtest.Open(t)
		if compassdb.DefaultMaxValueBytes != 64<<20 {
			t.Fatalf("DefaultMaxValueBytes = %d, the README says 64 MiB", compassdb.DefaultMaxValueBytes)
		}
		replica, err := compassdb.Open(bg, h.Path(), compassdb.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer replica.Close()
		// zeroblob(n) checks n against the limit without allocating it.
		for name, conn := range map[string]*sql.DB{"writer": h.WriteDB(), "reader": h.ReadDB(), "replica": replica.ReadDB()} {
			var n int
			if err := conn.QueryRowContext(bg, `SELECT length(zeroblob(?))`, compassdb.DefaultMaxValueBytes).Scan(&n); err != nil || n != compassdb.DefaultMaxValueBytes {
				t.Errorf("%s: a value of exactly the cap: %d, %v", name, n, err)
			}
			err := conn.QueryRowContext(bg, `SELECT length(zeroblob(?))`, compassdb.DefaultMaxValueBytes+1).Scan(&n)
			wantKind(t, err, compassdb.ErrTooLarge)
		}
	})

	t.Run("a value over the cap writes nothing", func(t *testing.T) {
		t.Parallel()
		const limit = 64 << 10
		h, err := compassdb.Open(bg, dbtest.Path(t), compassdb.Options{Migrate: true, MaxValueBytes: limit})
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		f, err := dbtest.Seed(bg, h.Writer())
		if err != nil {
			t.Fatal(err)
		}
		before := tableCounts(t, h)
		memory := func(id, content string) db.CreateSlabMemoryParams {
			return db.CreateSlabMemoryParams{ID: id, UserID: f.User.ID, Content: content, MemoryType: dbtypes.MemoryTypeFact, Importance: 0.5, CreatedAt: dbtest.At(1)}
		}
		huge := strings.Repeat("x", limit+1)
		_, err = h.Writer().CreateSlabMemory(bg, memory("mem-huge", huge))
		ce := wantKind(t, err, compassdb.ErrTooLarge)
		if strings.Contains(ce.Error(), "xxxxxxxx") {
			t.Errorf("the message holds the value: %.200s", ce.Error())
		}
		err = h.Tx(bg, func(q *db.Queries) error {
			if _, err := q.CreateSlabMemory(bg, memory("mem-small", "small")); err != nil {
				return err
			}
			_, err := q.CreateSlabMemory(bg, memory("mem-huge", huge))
			return err
		})
		wantKind(t, err, compassdb.ErrTooLarge)
		// A value the statement computes is limited too: doubling a stored content.
		if _, err := h.Writer().CreateSlabMemory(bg, memory("mem-half", strings.Repeat("y", limit/2+100))); err != nil {
			t.Fatal(err)
		}
		before["slab_memories"]++
		_, err = h.WriteDB().ExecContext(bg, `UPDATE slab_memories SET content = content || content WHERE id = 'mem-half'`)
		wantKind(t, err, compassdb.ErrTooLarge)
		unchanged(t, h, before)
		var n int
		if err := h.ReadDB().QueryRowContext(bg, `SELECT length(content) FROM slab_memories WHERE id = 'mem-half'`).Scan(&n); err != nil || n != limit/2+100 {
			t.Errorf("the refused update changed the row: length %d, %v", n, err)
		}
		// Under the cap is fine.
		if _, err := h.Writer().CreateSlabMemory(bg, memory("mem-fits", strings.Repeat("z", limit-1024))); err != nil {
			t.Errorf("a value under the cap: %v", err)
		}
	})
}

// TestOutOfRangeNumbersThroughTypedQueries writes numbers outside a CHECK's range through
// the generated methods a service calls (TestCheckConstraints covers every CHECK with
// raw SQL at one bound): both bounds of the ranges, IEEE specials, and each counter.
func TestOutOfRangeNumbersThroughTypedQueries(t *testing.T) {
	t.Parallel()
	h, f := dbtest.OpenSeeded(t)
	before := tableCounts(t, h)
	task := func(edit func(p *db.CreateScheduleTaskParams)) func(q *db.Queries) error {
		return func(q *db.Queries) error {
			_, err := q.CreateScheduleTask(bg, like(f.ScheduleTask, func(p *db.CreateScheduleTaskParams) { p.ID = "task-new"; edit(p) }))
			return err
		}
	}
	update := func(edit func(p *db.UpdateScheduleTaskFieldsParams)) func(q *db.Queries) error {
		return func(q *db.Queries) error {
			st := f.ScheduleTask
			p := db.UpdateScheduleTaskFieldsParams{
				ID: st.ID, ProjectID: st.ProjectID, StartDate: st.StartDate, Workdays: st.Workdays, EndDateCalculated: st.EndDateCalculated, UpdatedAt: dbtest.At(30),
			}
			edit(&p)
			_, err := q.UpdateScheduleTaskFields(bg, p)
			return err
		}
	}
	memory := func(edit func(p *db.CreateSlabMemoryParams)) func(q *db.Queries) error {
		return func(q *db.Queries) error {
			_, err := q.CreateSlabMemory(bg, like(f.SlabMemory, func(p *db.CreateSlabMemoryParams) { p.ID = "mem-new"; edit(p) }))
			return err
		}
	}
	usage := func(edit func(p *db.CreateAgentUsageParams)) func(q *db.Queries) error {
		return func(q *db.Queries) error {
			_, err := q.CreateAgentUsage(bg, like(f.AgentUsage, func(p *db.CreateAgentUsageParams) { p.ID = "usage-new"; edit(p) }))
			return err
		}
	}
	cases := []struct {
		name       string
		kind       error
		constraint string
		write      func(q *db.Queries) error
	}{
		{"create task percent_complete -1", compassdb.ErrCheckViolation, "schedule_tasks_percent_complete_check", task(func(p *db.CreateScheduleTaskParams) { p.PercentComplete = -1 })},
		{"create task percent_complete 101", compassdb.ErrCheckViolation, "schedule_tasks_percent_complete_check", task(func(p *db.CreateScheduleTaskParams) { p.PercentComplete = 101 })},
		{"create task workdays -1", compassdb.ErrCheckViolation, "schedule_tasks_workdays_check", task(func(p *db.CreateScheduleTaskParams) { p.Workdays = -1 })},
		{"create task workdays min int64", compassdb.ErrCheckViolation, "schedule_tasks_workdays_check", task(func(p *db.CreateScheduleTaskParams) { p.Workdays = math.MinInt64 })},
		{"update task percent_complete 101", compassdb.ErrCheckViolation, "schedule_tasks_percent_complete_check", update(func(p *db.UpdateScheduleTaskFieldsParams) { p.PercentComplete = ptr(int64(101)) })},
		{"update task percent_complete -1", compassdb.ErrCheckViolation, "schedule_tasks_percent_complete_check", update(func(p *db.UpdateScheduleTaskFieldsParams) { p.PercentComplete = ptr(int64(-1)) })},
		{"update task workdays -1", compassdb.ErrCheckViolation, "schedule_tasks_workdays_check", update(func(p *db.UpdateScheduleTaskFieldsParams) { p.Workdays = -1 })},
		{"memory importance 1.5", compassdb.ErrCheckViolation, "slab_memories_importance_check", memory(func(p *db.CreateSlabMemoryParams) { p.Importance = 1.5 })},
		{"memory importance just above 1", compassdb.ErrCheckViolation, "slab_memories_importance_check", memory(func(p *db.CreateSlabMemoryParams) { p.Importance = math.Nextafter(1, 2) })},
		{"memory importance -0.01", compassdb.ErrCheckViolation, "slab_memories_importance_check", memory(func(p *db.CreateSlabMemoryParams) { p.Importance = -0.01 })},
		{"memory importance +Inf", compassdb.ErrCheckViolation, "slab_memories_importance_check", memory(func(p *db.CreateSlabMemoryParams) { p.Importance = math.Inf(1) })},
		{"memory importance -Inf", compassdb.ErrCheckViolation, "slab_memories_importance_check", memory(func(p *db.CreateSlabMemoryParams) { p.Importance = math.Inf(-1) })},
		// SQLite stores a NaN as NULL, so the NOT NULL constraint answers.
		{"memory importance NaN", compassdb.ErrNotNullViolation, "", memory(func(p *db.CreateSlabMemoryParams) { p.Importance = math.NaN() })},
		{"memory access_count -1", compassdb.ErrCheckViolation, "slab_memories_access_count_check", memory(func(p *db.CreateSlabMemoryParams) { p.AccessCount = -1 })},
		{"usage prompt_tokens -1", compassdb.ErrCheckViolation, "agent_usage_tokens_check", usage(func(p *db.CreateAgentUsageParams) { p.PromptTokens = -1 })},
		{"usage completion_tokens -1", compassdb.ErrCheckViolation, "agent_usage_tokens_check", usage(func(p *db.CreateAgentUsageParams) { p.CompletionTokens = -1 })},
		{"usage total_tokens -1", compassdb.ErrCheckViolation, "agent_usage_tokens_check", usage(func(p *db.CreateAgentUsageParams) { p.TotalTokens = -1 })},
		{"sync metadata retry_count -1", compassdb.ErrCheckViolation, "netsuite_sync_metadata_retry_count_check", func(q *db.Queries) error {
			_, err := q.CreateNetsuiteSyncMetadata(bg, like(f.NetsuiteSyncMetadata, func(p *db.CreateNetsuiteSyncMetadataParams) {
				p.ID, p.LocalRecordID, p.NetsuiteInternalID, p.RetryCount = "meta-new", "customer-new", nil, -1
			}))
			return err
		}},
		{"sync log records_processed -1", compassdb.ErrCheckViolation, "netsuite_sync_log_counts_check", func(q *db.Queries) error {
			_, err := q.CreateNetsuiteSyncLog(bg, like(f.NetsuiteSyncLog, func(p *db.CreateNetsuiteSyncLogParams) { p.ID, p.RecordsProcessed = "log-new", -1 }))
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ce := wantKind(t, h.Tx(bg, c.write), c.kind)
			if ce.Constraint != c.constraint {
				t.Errorf("Constraint = %q, want %q", ce.Constraint, c.constraint)
			}
			unchanged(t, h, before)
		})
	}
	t.Logf("out-of-range paths tried: %d", len(cases))
}

// TestBadDatesAndEnumsAreRefusedBeforeTheDatabase: a date in another format, an impossible
// date and an unknown enum value fail in dbtypes, as *dbtypes.InvalidValueError, while
// database/sql converts the arguments: the statement never reaches SQLite.
func TestBadDatesAndEnumsAreRefusedBeforeTheDatabase(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"2026/03/01", "03/01/2026", "2026-3-1", "2026-03-01T00:00:00Z", "2026-02-30", "0000-01-01", "", " 2026-03-01"} {
		if _, err := dbtypes.ParseDate(s); !isInvalidValue(err) {
			t.Errorf("ParseDate(%q) = %v, want *dbtypes.InvalidValueError", s, err)
		}
	}

	h, f := dbtest.OpenSeeded(t)
	before := tableCounts(t, h)
	task := func(edit func(p *db.CreateScheduleTaskParams)) func(q *db.Queries) error {
		return func(q *db.Queries) error {
			_, err := q.CreateScheduleTask(bg, like(f.ScheduleTask, func(p *db.CreateScheduleTaskParams) { p.ID = "task-new"; edit(p) }))
			return err
		}
	}
	cases := map[string]func(q *db.Queries) error{
		"impossible start date 2026-02-30": task(func(p *db.CreateScheduleTaskParams) { p.StartDate = dbtypes.Date{Year: 2026, Month: 2, Day: 30} }),
		"month 13": task(func(p *db.CreateScheduleTaskParams) {
			p.EndDateCalculated = dbtypes.Date{Year: 2026, Month: 13, Day: 1}
		}),
		"zero date":                 task(func(p *db.CreateScheduleTaskParams) { p.StartDate = dbtypes.Date{} }),
		"task status DONE":          task(func(p *db.CreateScheduleTaskParams) { p.Status = "DONE" }),
		"task status in lower case": task(func(p *db.CreateScheduleTaskParams) { p.Status = "pending" }),
		"zero timestamp":            task(func(p *db.CreateScheduleTaskParams) { p.CreatedAt = dbtypes.Timestamp{} }),
		"user role owner": func(q *db.Queries) error {
			_, err := q.CreateUser(bg, like(f.User, func(p *db.CreateUserParams) { p.ID, p.Email, p.Role = "user-new", "new@example.com", "owner" }))
			return err
		},
		"dependency type XX": func(q *db.Queries) error {
			_, err := q.CreateTaskDependency(bg, like(f.TaskDependency, func(p *db.CreateTaskDependencyParams) { p.ID, p.Type = "dep-new", "XX" }))
			return err
		},
		"invoice due date 2026-04-31": func(q *db.Queries) error {
			_, err := q.CreateInvoice(bg, like(f.Invoice, func(p *db.CreateInvoiceParams) {
				p.ID, p.NetsuiteID, p.DueDate = "invoice-new", nil, dbtypes.NewNullDate(dbtypes.Date{Year: 2026, Month: 4, Day: 31})
			}))
			return err
		},
	}
	for name, write := range cases {
		t.Run(name, func(t *testing.T) {
			err := h.Tx(bg, write)
			if !isInvalidValue(err) {
				t.Fatalf("err = %v, want *dbtypes.InvalidValueError", err)
			}
			var se sqlite3.Error
			var ce *compassdb.Error
			if errors.As(err, &se) || errors.As(err, &ce) {
				t.Errorf("the statement reached SQLite: %v", err)
			}
			unchanged(t, h, before)
		})
	}
}

func isInvalidValue(err error) bool {
	var inv *dbtypes.InvalidValueError
	return errors.As(err, &inv)
}
