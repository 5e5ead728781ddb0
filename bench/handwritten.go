package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// Result types of the composite operations. Generated rows keep the db package's types,
// so the library and the hand-written code produce identical values.
type (
	Member struct {
		ID, UserID, Role string
		DisplayName      *string
		Email            string
	}
	OverviewStats struct {
		Total, Complete, PastDue, DueToday, UpcomingMilestones int64
		Week                                                   [5]int64 // tasks overlapping Monday…Friday
	}
	PhaseStat struct {
		Phase            string
		Total, Completed int64
	}
	ProjectPage struct {
		Project    db.Project
		Members    []Member
		Tasks      []db.ScheduleTask
		Deps       []db.TaskDependency
		Exceptions []db.WorkdayException
		Stats      OverviewStats
		Phases     []PhaseStat
		Recent     []db.ScheduleTask
	}
	TeamRef struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	GroupRef struct {
		ID    string  `json:"id"`
		Name  string  `json:"name"`
		Color *string `json:"color"`
	}
	UserWithRelations struct {
		ID                string
		Email             string
		DisplayName       *string
		Role              dbtypes.UserRole
		IsActive          bool
		LastLoginAt       *dbtypes.Timestamp
		Teams             []TeamRef
		Groups            []GroupRef
		ProjectCount      int64
		OrganizationCount int64
	}
	Conversation struct {
		Conversation db.AgentConversation
		Messages     []db.AgentMemory
	}
	UsageMonth struct {
		UserID, Month    string
		Requests, Tokens int64
		Cost             float64
	}
	FinancialTotal struct {
		Kind, Status     string
		Count            int64
		Total, Paid, Due dbtypes.Money
	}
)

// queryer is what the hand-written functions need: a *sql.DB, *sql.Tx or *sql.Conn.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

type scanner interface{ Scan(dest ...any) error }

func scanTask(r scanner, t *db.ScheduleTask) error {
	return r.Scan(&t.ID, &t.ProjectID, &t.Title, &t.StartDate, &t.Workdays, &t.EndDateCalculated, &t.Phase, &t.Status,
		&t.IsCriticalPath, &t.IsMilestone, &t.SortOrder, &t.CreatedAt, &t.UpdatedAt, &t.PercentComplete, &t.AssignedTo)
}

// collect runs query and scans every row with scan.
func collect[T any](ctx context.Context, q queryer, query string, scan func(scanner, *T) error, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	items := []T{}
	for rows.Next() {
		var it T
		if err := scan(rows, &it); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	return items, rows.Err()
}

// HandGetTask is the primary-key lookup written by hand with database/sql.
func HandGetTask(ctx context.Context, q queryer, id string) (db.ScheduleTask, error) {
	var t db.ScheduleTask
	err := scanTask(q.QueryRowContext(ctx, sqlGetScheduleTask, id), &t)
	return t, err
}

// HandGetTaskStmt is the same lookup through a prepared *sql.Stmt.
func HandGetTaskStmt(ctx context.Context, stmt *sql.Stmt, id string) (db.ScheduleTask, error) {
	var t db.ScheduleTask
	err := scanTask(stmt.QueryRowContext(ctx, id), &t)
	return t, err
}

// HandListTasks lists a project's tasks in schedule order.
func HandListTasks(ctx context.Context, q queryer, projectID string) ([]db.ScheduleTask, error) {
	return collect(ctx, q, sqlListTasksByProj, scanTask, projectID)
}

// HandListTasksStmt lists through a prepared *sql.Stmt.
func HandListTasksStmt(ctx context.Context, stmt *sql.Stmt, projectID string) ([]db.ScheduleTask, error) {
	rows, err := stmt.QueryContext(ctx, projectID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	items := []db.ScheduleTask{}
	for rows.Next() {
		var t db.ScheduleTask
		if err := scanTask(rows, &t); err != nil {
			return nil, err
		}
		items = append(items, t)
	}
	return items, rows.Err()
}

func scanMember(r scanner, m *Member) error {
	return r.Scan(&m.ID, &m.UserID, &m.Role, &m.DisplayName, &m.Email)
}

func scanDep(r scanner, d *db.TaskDependency) error {
	return r.Scan(&d.ID, &d.PredecessorID, &d.SuccessorID, &d.Type, &d.LagDays)
}

func scanException(r scanner, e *db.WorkdayException) error {
	return r.Scan(&e.ID, &e.ProjectID, &e.Title, &e.StartDate, &e.EndDate, &e.Type, &e.Category, &e.Recurrence,
		&e.Notes, &e.CreatedAt, &e.UpdatedAt)
}

func scanPhase(r scanner, p *PhaseStat) error { return r.Scan(&p.Phase, &p.Total, &p.Completed) }

// weekArgs are the overview query's parameters: the project, today and the weekdays of
// today's week.
func weekArgs(projectID string, today dbtypes.Date) []any {
	t := today.Time()
	monday := t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	args := []any{projectID, today.String()}
	for i := range 5 {
		args = append(args, monday.AddDate(0, 0, i).Format(time.DateOnly))
	}
	return args
}

func queryStats(ctx context.Context, q queryer, projectID string, today dbtypes.Date) (OverviewStats, error) {
	var s OverviewStats
	err := q.QueryRowContext(ctx, sqlOverviewStats, weekArgs(projectID, today)...).Scan(&s.Total, &s.Complete, &s.PastDue,
		&s.DueToday, &s.UpcomingMilestones, &s.Week[0], &s.Week[1], &s.Week[2], &s.Week[3], &s.Week[4])
	return s, err
}

// projectPageExtras runs the project page's statements that db/ has no query for yet.
func projectPageExtras(ctx context.Context, q queryer, p *ProjectPage, projectID string, today dbtypes.Date) error {
	var err error
	if p.Members, err = collect(ctx, q, sqlProjectMembers, scanMember, projectID); err != nil {
		return err
	}
	if p.Deps, err = collect(ctx, q, sqlProjectDependencies, scanDep, projectID); err != nil {
		return err
	}
	if p.Stats, err = queryStats(ctx, q, projectID, today); err != nil {
		return err
	}
	if p.Phases, err = collect(ctx, q, sqlPhaseStats, scanPhase, projectID); err != nil {
		return err
	}
	p.Recent, err = collect(ctx, q, sqlRecentTasks, scanTask, projectID)
	return err
}

// HandProjectPage loads the project page in one read transaction with database/sql.
func HandProjectPage(ctx context.Context, conn *sql.DB, projectID string, today dbtypes.Date) (*ProjectPage, error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p := &ProjectPage{}
	pr := &p.Project
	if err := tx.QueryRowContext(ctx, sqlGetProject, projectID).Scan(&pr.ID, &pr.Name, &pr.CreatedAt, &pr.Status, &pr.Address,
		&pr.ClientName, &pr.ProjectManager, &pr.NetsuiteJobID, &pr.OrganizationID); err != nil {
		return nil, err
	}
	if p.Tasks, err = collect(ctx, tx, sqlListTasksByProj, scanTask, projectID); err != nil {
		return nil, err
	}
	if p.Exceptions, err = collect(ctx, tx, sqlListExceptions, scanException, projectID); err != nil {
		return nil, err
	}
	if err := projectPageExtras(ctx, tx, p, projectID, today); err != nil {
		return nil, err
	}
	return p, tx.Commit()
}

func scanUserWithRelations(r scanner, u *UserWithRelations) error {
	var teams, groups []byte
	if err := r.Scan(&u.ID, &u.Email, &u.DisplayName, &u.Role, &u.IsActive, &u.LastLoginAt, &teams, &groups,
		&u.ProjectCount, &u.OrganizationCount); err != nil {
		return err
	}
	if err := json.Unmarshal(teams, &u.Teams); err != nil {
		return fmt.Errorf("teams of %s: %w", u.ID, err)
	}
	if err := json.Unmarshal(groups, &u.Groups); err != nil {
		return fmt.Errorf("groups of %s: %w", u.ID, err)
	}
	return nil
}

// HandUsersWithRelations lists the active users with their teams, groups and counts.
func HandUsersWithRelations(ctx context.Context, q queryer) ([]UserWithRelations, error) {
	return collect(ctx, q, sqlUsersWithRelations, scanUserWithRelations)
}

func scanMessage(r scanner, m *db.AgentMemory) error {
	return r.Scan(&m.ID, &m.ConversationID, &m.UserID, &m.Role, &m.Content, &m.Embedding, &m.Metadata, &m.CreatedAt)
}

// HandConversation loads a user's conversation and its messages in one read transaction.
func HandConversation(ctx context.Context, conn *sql.DB, id, userID string) (*Conversation, error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c := &Conversation{}
	cv := &c.Conversation
	if err := tx.QueryRowContext(ctx, sqlGetConversation, id, userID).Scan(&cv.ID, &cv.UserID, &cv.Title, &cv.LastMessageAt, &cv.CreatedAt); err != nil {
		return nil, err
	}
	if c.Messages, err = collect(ctx, tx, sqlListMessages, scanMessage, id, userID); err != nil {
		return nil, err
	}
	return c, tx.Commit()
}

func scanUsageMonth(r scanner, u *db.ListUsageCostByUserMonthRow) error {
	return r.Scan(&u.UserID, &u.Month, &u.Requests, &u.TotalTokens, &u.Cost)
}

// HandUsagePerUserMonth aggregates AI usage per user and month since the given time with
// query (sqlUsagePerUserMonth, or the variant without its index hint).
func HandUsagePerUserMonth(ctx context.Context, q queryer, query string, since dbtypes.Timestamp) ([]db.ListUsageCostByUserMonthRow, error) {
	return collect(ctx, q, query, scanUsageMonth, since)
}

func scanFinancialTotal(r scanner, f *FinancialTotal) error {
	return r.Scan(&f.Kind, &f.Status, &f.Count, &f.Total, &f.Paid, &f.Due)
}

// HandFinancialTotals sums a project's invoices, bills and payments by status.
func HandFinancialTotals(ctx context.Context, q queryer, projectID string) ([]FinancialTotal, error) {
	return collect(ctx, q, sqlFinancialTotals, scanFinancialTotal, projectID)
}

// ErrCycle is returned when a dependency would close a cycle (the library's own error).
var ErrCycle = compassdb.ErrDependencyCycle

// errCrossProject is returned when the two tasks are not both in the project.
var errCrossProject = compassdb.ErrCrossProjectDependency

// HandAddDependency checks and inserts a dependency in one write transaction, with the
// library's SQL: the cycle and project check, then INSERT … RETURNING.
func HandAddDependency(ctx context.Context, conn *sql.DB, projectID string, d db.CreateTaskDependencyParams) (db.TaskDependency, error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return db.TaskDependency{}, err
	}
	defer tx.Rollback()
	var c db.CheckNewTaskDependencyRow
	if err := tx.QueryRowContext(ctx, sqlWouldCycle, d.PredecessorID, d.SuccessorID).Scan(&c.PredecessorProjectID, &c.SuccessorProjectID, &c.CreatesCycle); err != nil {
		return db.TaskDependency{}, err
	}
	switch {
	case c.PredecessorProjectID != projectID || c.SuccessorProjectID != projectID:
		return db.TaskDependency{}, errCrossProject
	case c.CreatesCycle:
		return db.TaskDependency{}, ErrCycle
	}
	var out db.TaskDependency
	if err := scanDep(tx.QueryRowContext(ctx, sqlCreateDependency, d.ID, d.PredecessorID, d.SuccessorID, d.Type, d.LagDays), &out); err != nil {
		return db.TaskDependency{}, err
	}
	return out, tx.Commit()
}

// taskArgs are a task's values in taskColumns order.
func taskArgs(t *db.CreateScheduleTaskParams) []any {
	return []any{t.ID, t.ProjectID, t.Title, t.StartDate, t.Workdays, t.EndDateCalculated, t.Phase, t.Status,
		t.IsCriticalPath, t.IsMilestone, t.SortOrder, t.CreatedAt, t.UpdatedAt, t.PercentComplete, t.AssignedTo}
}

// HandImportRows inserts tasks one prepared INSERT per row, in one transaction.
func HandImportRows(ctx context.Context, conn *sql.DB, tasks []db.CreateScheduleTaskParams) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, sqlCreateTask)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i := range tasks {
		if _, err := stmt.ExecContext(ctx, taskArgs(&tasks[i])...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// ImportChunk is the number of rows per multi-row INSERT in the chunked import: 15
// columns × 64 rows = 960 parameters, under SQLite's historical limit of 999.
const ImportChunk = 64

// ImportChunked inserts tasks with multi-row INSERTs of ImportChunk rows inside tx.
func ImportChunked(ctx context.Context, tx *sql.Tx, tasks []db.CreateScheduleTaskParams) error {
	cols := tableColumns["schedule_tasks"]
	full, err := tx.PrepareContext(ctx, MultiRowInsert("schedule_tasks", cols, ImportChunk))
	if err != nil {
		return err
	}
	defer full.Close()
	args := make([]any, 0, ImportChunk*len(cols))
	for start := 0; start < len(tasks); start += ImportChunk {
		end := min(start+ImportChunk, len(tasks))
		args = args[:0]
		for i := start; i < end; i++ {
			args = append(args, taskArgs(&tasks[i])...)
		}
		stmt := full
		if end-start < ImportChunk {
			if stmt, err = tx.PrepareContext(ctx, MultiRowInsert("schedule_tasks", cols, end-start)); err != nil {
				return err
			}
			defer stmt.Close()
		}
		if _, err := stmt.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// HandImportChunked is the chunked import on a plain database/sql pool.
func HandImportChunked(ctx context.Context, conn *sql.DB, tasks []db.CreateScheduleTaskParams) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := ImportChunked(ctx, tx, tasks); err != nil {
		return err
	}
	return tx.Commit()
}
