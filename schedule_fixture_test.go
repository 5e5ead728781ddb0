package compassdb_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// schedFixture builds schedule data in a fresh database. Its inserts go through the plain
// generated queries, so a test can also build states the checked operations refuse
// (cross-project or cyclic dependencies of legacy data).
type schedFixture struct {
	t   *testing.T
	ctx context.Context
	h   *compassdb.DB
	q   *db.Queries
	now dbtypes.Timestamp
	// tick makes every created row's timestamps distinct and increasing.
	tick int
}

func newSchedFixture(t *testing.T) *schedFixture {
	t.Helper()
	h := dbtest.Open(t)
	return &schedFixture{
		t: t, ctx: context.Background(), h: h, q: h.Writer(),
		now: dbtypes.NewTimestamp(time.Date(2026, 2, 4, 12, 0, 0, 0, time.UTC)),
	}
}

// at returns a distinct timestamp per call, after f.now.
func (f *schedFixture) at() dbtypes.Timestamp {
	f.tick++
	return dbtypes.NewTimestamp(f.now.Add(time.Duration(f.tick) * time.Second))
}

func (f *schedFixture) project(id string) {
	f.t.Helper()
	if _, err := f.q.CreateProject(f.ctx, db.CreateProjectParams{ID: id, Name: "Project " + id, CreatedAt: f.now, Status: "OPEN"}); err != nil {
		f.t.Fatalf("create project %s: %v", id, err)
	}
}

// schedTaskSpec describes a task; zero fields get defaults.
type schedTaskSpec struct {
	start, end string // YYYY-MM-DD; default 2026-02-02 .. start
	phase      string // default "framing"
	status     dbtypes.TaskStatus
	milestone  bool
	critical   bool
	sort       int64
	updated    dbtypes.Timestamp
	title      string
}

func (f *schedFixture) task(project, id string, s schedTaskSpec) db.ScheduleTask {
	f.t.Helper()
	if s.start == "" {
		s.start = "2026-02-02"
	}
	if s.end == "" {
		s.end = s.start
	}
	if s.phase == "" {
		s.phase = "framing"
	}
	if s.status == "" {
		s.status = dbtypes.TaskStatusPending
	}
	if s.title == "" {
		s.title = "Task " + id
	}
	created := f.at()
	if s.updated.IsZero() {
		s.updated = created
	}
	task, err := f.q.CreateScheduleTask(f.ctx, db.CreateScheduleTaskParams{
		ID: id, ProjectID: project, Title: s.title,
		StartDate: dbtypes.MustParseDate(s.start), Workdays: 1, EndDateCalculated: dbtypes.MustParseDate(s.end),
		Phase: s.phase, Status: s.status, IsCriticalPath: s.critical, IsMilestone: s.milestone, SortOrder: s.sort,
		CreatedAt: created, UpdatedAt: s.updated,
	})
	if err != nil {
		f.t.Fatalf("create task %s: %v", id, err)
	}
	return task
}

// dep inserts a dependency without any check.
func (f *schedFixture) dep(id, pred, succ string) db.TaskDependency {
	f.t.Helper()
	d, err := f.q.CreateTaskDependency(f.ctx, db.CreateTaskDependencyParams{
		ID: id, PredecessorID: pred, SuccessorID: succ, Type: dbtypes.DependencyTypeFS,
	})
	if err != nil {
		f.t.Fatalf("create dependency %s: %v", id, err)
	}
	return d
}

func (f *schedFixture) exception(project, id, start, end string) db.WorkdayException {
	f.t.Helper()
	notes := "notes of " + id
	e, err := f.q.CreateWorkdayException(f.ctx, db.CreateWorkdayExceptionParams{
		ID: id, ProjectID: project, Title: "Exception " + id,
		StartDate: dbtypes.MustParseDate(start), EndDate: dbtypes.MustParseDate(end),
		Type: dbtypes.ExceptionTypeNonWorking, Category: dbtypes.ExceptionCategoryCompanyHoliday,
		Recurrence: dbtypes.ExceptionRecurrenceOneTime, Notes: &notes, CreatedAt: f.at(), UpdatedAt: f.now,
	})
	if err != nil {
		f.t.Fatalf("create exception %s: %v", id, err)
	}
	return e
}

func (f *schedFixture) getTask(id string) db.ScheduleTask {
	f.t.Helper()
	task, err := f.q.GetScheduleTask(f.ctx, id)
	if err != nil {
		f.t.Fatalf("get task %s: %v", id, err)
	}
	return task
}

// schedRecorder is a db.DBTX that keeps every statement and its arguments, so that a test can
// run an operation once and then ask SQLite for the plan of each statement it sent.
type schedRecorder struct {
	db.DBTX
	stmts []schedStmt
}

type schedStmt struct {
	query string
	args  []any
}

func (r *schedRecorder) add(query string, args []any) {
	r.stmts = append(r.stmts, schedStmt{query, args})
}

func (r *schedRecorder) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	r.add(query, args)
	return r.DBTX.ExecContext(ctx, query, args...)
}

func (r *schedRecorder) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	r.add(query, args)
	return r.DBTX.QueryContext(ctx, query, args...)
}

func (r *schedRecorder) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	r.add(query, args)
	return r.DBTX.QueryRowContext(ctx, query, args...)
}

// plans returns the query plan of each recorded statement, explained on conn.
func (r *schedRecorder) plans(t *testing.T, conn *sql.DB) [][]string {
	t.Helper()
	plans := make([][]string, len(r.stmts))
	for i, s := range r.stmts {
		plans[i] = dbtest.QueryPlan(t, conn, s.query, s.args...)
	}
	return plans
}

// name returns the sqlc query name of a recorded statement ("-- name: X :kind").
func (s schedStmt) name() string {
	first, _, _ := strings.Cut(s.query, "\n")
	fields := strings.Fields(first)
	if len(fields) >= 3 && fields[1] == "name:" {
		return fields[2]
	}
	return first
}

func schedTaskIDs(tasks []db.ScheduleTask) []string {
	out := make([]string, len(tasks))
	for i, t := range tasks {
		out[i] = t.ID
	}
	return out
}

func schedDepIDs(deps []db.TaskDependency) []string {
	out := make([]string, len(deps))
	for i, d := range deps {
		out[i] = d.ID
	}
	return out
}

func schedExceptionIDs(es []db.WorkdayException) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

func schedEq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) || len(got) != len(want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}
