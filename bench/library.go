package bench

import (
	"context"
	"database/sql"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// The library side of every operation, as a service calls it: through compassdb.Open's
// pools and the generated db package. Where db/ had no query for an operation when these
// benchmarks were written, the body runs the stand-in SQL of sql.go on the library's own
// pool; each such function names the generated call (now on main) that replaces its body.
// When switching one, copy the generated SQL into sql.go too, so that the hand-written,
// GORM and existing-schema variants keep running the same statement.

// LibGetTask is the primary-key lookup.
func LibGetTask(ctx context.Context, h *compassdb.DB, id string) (db.ScheduleTask, error) {
	return h.Reader().GetScheduleTask(ctx, id)
}

// LibListTasks is a project's tasks in schedule order.
func LibListTasks(ctx context.Context, h *compassdb.DB, projectID string) ([]db.ScheduleTask, error) {
	return h.Reader().ListScheduleTasksByProject(ctx, projectID)
}

// LibProjectPage loads the project page from one snapshot: project, members, schedule
// (tasks, dependencies, workday exceptions) and overview statistics.
// Switch to: one h.ReadTx with q.GetProject, q.ListProjectMembersWithUsers,
// compassdb.LoadProjectSchedule (ListScheduleTasksByProject, ListProjectTaskDependencies,
// ListWorkdayExceptionsByProject), q.ListProjectPhaseStats and q.ListProjectOverviewTasks
// (what h.ProjectOverviewStats runs in a snapshot of its own).
func LibProjectPage(ctx context.Context, h *compassdb.DB, projectID string, today dbtypes.Date) (*ProjectPage, error) {
	tx, err := h.ReadDB().BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	q := db.New(tx)
	p := &ProjectPage{}
	if p.Project, err = q.GetProject(ctx, projectID); err != nil {
		return nil, err
	}
	if p.Tasks, err = q.ListScheduleTasksByProject(ctx, projectID); err != nil {
		return nil, err
	}
	if p.Exceptions, err = q.ListWorkdayExceptionsByProject(ctx, projectID); err != nil {
		return nil, err
	}
	if err := projectPageExtras(ctx, tx, p, projectID, today); err != nil {
		return nil, err
	}
	return p, tx.Commit()
}

// LibUsersWithRelations lists active users with teams, groups and membership counts.
// Switch to: h.Reader().ListActiveUsersWithRelations(ctx).
func LibUsersWithRelations(ctx context.Context, h *compassdb.DB) ([]UserWithRelations, error) {
	return HandUsersWithRelations(ctx, h.ReadDB())
}

// LibConversation loads a user's conversation with its messages from one snapshot.
// Switch to: q.ListConversationMessages (ordered by the stored position) in place of
// ListAgentMemoriesByConversation.
func LibConversation(ctx context.Context, h *compassdb.DB, id, userID string) (*Conversation, error) {
	c := &Conversation{}
	err := h.ReadTx(ctx, func(q *db.Queries) error {
		var err error
		if c.Conversation, err = q.GetAgentConversation(ctx, db.GetAgentConversationParams{ID: id, UserID: userID}); err != nil {
			return err
		}
		c.Messages, err = q.ListAgentMemoriesByConversation(ctx, db.ListAgentMemoriesByConversationParams{ConversationID: id, UserID: userID})
		return err
	})
	return c, err
}

// LibUsagePerUserMonth aggregates AI usage per user and month: the generated query.
func LibUsagePerUserMonth(ctx context.Context, h *compassdb.DB, since dbtypes.Timestamp) ([]db.ListUsageCostByUserMonthRow, error) {
	return h.Reader().ListUsageCostByUserMonth(ctx, since)
}

// LibFinancialTotals sums a project's financial documents by status.
// Switch to: q.SumInvoicesByProject, q.SumVendorBillsByProject and q.SumPaymentsByProject
// (three statements, exact cents) in one h.ReadTx.
func LibFinancialTotals(ctx context.Context, h *compassdb.DB, projectID string) ([]FinancialTotal, error) {
	return HandFinancialTotals(ctx, h.ReadDB(), projectID)
}

// LibAddDependency inserts a dependency after its cycle and project check, in one write
// transaction: the library's own CreateDependency (generated CheckNewTaskDependency, then
// CreateTaskDependency, in h.Tx).
func LibAddDependency(ctx context.Context, h *compassdb.DB, projectID string, d db.CreateTaskDependencyParams) (db.TaskDependency, error) {
	return h.CreateDependency(ctx, compassdb.NewTaskDependency{ID: d.ID, ProjectID: projectID, PredecessorID: d.PredecessorID,
		SuccessorID: d.SuccessorID, Type: d.Type, LagDays: d.LagDays})
}

// LibImportRows is a bulk import with today's generated API: one CreateScheduleTask
// (INSERT … RETURNING *) per row inside h.Tx.
func LibImportRows(ctx context.Context, h *compassdb.DB, tasks []db.CreateScheduleTaskParams) error {
	return h.Tx(ctx, func(q *db.Queries) error {
		for i := range tasks {
			if _, err := q.CreateScheduleTask(ctx, tasks[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// LibImportChunked is the bulk import with multi-row INSERTs on the library's write
// connection (sqlc cannot generate a variable-length multi-row INSERT for SQLite).
func LibImportChunked(ctx context.Context, h *compassdb.DB, tasks []db.CreateScheduleTaskParams) error {
	tx, err := h.WriteDB().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := ImportChunked(ctx, tx, tasks); err != nil {
		return err
	}
	return tx.Commit()
}

// LibWriteRequest is the write side of the concurrent load: one request's transaction
// (a task status change and an AI usage record).
func LibWriteRequest(ctx context.Context, h *compassdb.DB, w WriteRequest) error {
	return h.Tx(ctx, func(q *db.Queries) error { return w.run(ctx, q) })
}

// WriteRequest is one write transaction of the concurrent load.
type WriteRequest struct {
	TaskID, Status string
	Usage          db.CreateAgentUsageParams
}

func (w WriteRequest) run(ctx context.Context, q *db.Queries) error {
	t, err := q.GetScheduleTask(ctx, w.TaskID)
	if err != nil {
		return err
	}
	t.Status = dbtypes.TaskStatus(w.Status)
	t.UpdatedAt = w.Usage.CreatedAt
	if _, err := q.UpdateScheduleTask(ctx, db.UpdateScheduleTaskParams{ID: t.ID, ProjectID: t.ProjectID, Title: t.Title,
		StartDate: t.StartDate, Workdays: t.Workdays, EndDateCalculated: t.EndDateCalculated, Phase: t.Phase, Status: t.Status,
		IsCriticalPath: t.IsCriticalPath, IsMilestone: t.IsMilestone, SortOrder: t.SortOrder, UpdatedAt: t.UpdatedAt,
		PercentComplete: t.PercentComplete, AssignedTo: t.AssignedTo}); err != nil {
		return err
	}
	_, err = q.CreateAgentUsage(ctx, w.Usage)
	return err
}

// SharedWriteRequest is the same transaction on a single shared pool (no read/write
// split): a plain BEGIN IMMEDIATE transaction on whichever connection the pool hands out.
func SharedWriteRequest(ctx context.Context, pool *sql.DB, w WriteRequest) error {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := w.run(ctx, db.New(tx)); err != nil {
		return err
	}
	return tx.Commit()
}
