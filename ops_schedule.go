package compassdb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// Schedule operations: the reads and writes of the app's schedule flows (create, update and
// delete a task, create and delete a dependency, reorder, baselines), each atomic.
//
// The functions that take a *db.Queries are the steps of a flow and belong inside one
// h.Tx together with the write that triggers them, e.g. updating a task, propagating its
// dates and refreshing the critical path:
//
//	err := h.Tx(ctx, func(q *db.Queries) error {
//		task, err := q.UpdateScheduleTaskFields(ctx, …)
//		…
//		s, err := compassdb.LoadProjectSchedule(ctx, q, projectID)
//		… // compute the new dates and the critical path from s
//		if err := compassdb.ApplyTaskDates(ctx, q, projectID, moved, now); err != nil {
//			return err
//		}
//		_, err = compassdb.SetCriticalFlags(ctx, q, projectID, critical)
//		return err
//	})
//
// The methods on *DB run one such step in a transaction of its own.

var (
	// ErrDependencyCycle refuses a dependency that would close a cycle, a self-dependency
	// included.
	ErrDependencyCycle = errors.New("this dependency would create a cycle")
	// ErrCrossProjectDependency refuses a dependency between tasks of different projects,
	// or between tasks of a project other than the one named.
	ErrCrossProjectDependency = errors.New("the dependency's tasks are not both in the project")
	// ErrTaskNotInProject reports task ids that are not tasks of the project a write was
	// scoped to; see TasksNotInProjectError.
	ErrTaskNotInProject = errors.New("task is not in the project")
)

// TasksNotInProjectError lists the task ids of a scoped write that are not tasks of the
// project (unknown ids included). errors.Is(err, ErrTaskNotInProject) matches it.
type TasksNotInProjectError struct {
	ProjectID string
	TaskIDs   []string // sorted
}

func (e *TasksNotInProjectError) Error() string {
	return fmt.Sprintf("compassdb: not tasks of project %s: %s", e.ProjectID, strings.Join(e.TaskIDs, ", "))
}

// Is matches ErrTaskNotInProject.
func (e *TasksNotInProjectError) Is(target error) bool { return target == ErrTaskNotInProject }

// ProjectSchedule is everything the schedule views and computations of one project need.
type ProjectSchedule struct {
	// Tasks in schedule order (sort_order, then id).
	Tasks []db.ScheduleTask
	// Dependencies whose predecessor and successor are both tasks of the project, by id.
	Dependencies []db.TaskDependency
	// Exceptions are the project's workday exceptions by start date.
	Exceptions []db.WorkdayException
}

// LoadProjectSchedule reads a project's schedule through q: three indexed queries. Inside
// a transaction they see one snapshot; a project without tasks (or that does not exist)
// has an empty schedule.
func LoadProjectSchedule(ctx context.Context, q *db.Queries, projectID string) (ProjectSchedule, error) {
	var s ProjectSchedule
	var err error
	if s.Tasks, err = q.ListScheduleTasksByProject(ctx, projectID); err != nil {
		return ProjectSchedule{}, err
	}
	if s.Dependencies, err = q.ListProjectTaskDependencies(ctx, projectID); err != nil {
		return ProjectSchedule{}, err
	}
	if s.Exceptions, err = q.ListWorkdayExceptionsByProject(ctx, projectID); err != nil {
		return ProjectSchedule{}, err
	}
	return s, nil
}

// ProjectSchedule reads a project's schedule from one snapshot of the database.
func (d *DB) ProjectSchedule(ctx context.Context, projectID string) (ProjectSchedule, error) {
	var s ProjectSchedule
	err := d.ReadTx(ctx, func(q *db.Queries) error {
		var err error
		s, err = LoadProjectSchedule(ctx, q, projectID)
		return err
	})
	return s, err
}

// ProjectOverview is the project dashboard's schedule summary for a given day.
type ProjectOverview struct {
	Today dbtypes.Date
	// TotalTasks, CompleteTasks (status COMPLETE) and PercentComplete, the share of
	// complete tasks rounded to the nearest whole percent (0 without tasks).
	TotalTasks      int64
	CompleteTasks   int64
	PercentComplete int64
	// PastDue counts tasks not complete whose end_date_calculated is before Today;
	// DueToday those not complete that end on Today.
	PastDue  int64
	DueToday int64
	// Phases has the same counts per phase, by phase name.
	Phases []db.ListProjectPhaseStatsRow
	// UpcomingMilestones are the milestones not complete that start on or after Today,
	// by start date then schedule order.
	UpcomingMilestones []db.ScheduleTask
	// RecentlyUpdated are the 5 tasks updated last, newest first.
	RecentlyUpdated []db.ScheduleTask
	// Week has the days Monday to Sunday of the week containing Today, each with the tasks
	// whose [start_date, end_date_calculated] contains the day, in schedule order.
	Week [7]OverviewDay
}

// OverviewDay is one day of ProjectOverview.Week.
type OverviewDay struct {
	Date  dbtypes.Date
	Tasks []db.ScheduleTask
}

// MondayOf returns the Monday of the Monday-to-Sunday week that contains day.
func MondayOf(day dbtypes.Date) dbtypes.Date {
	return day.AddDays(-((int(day.Weekday()) + 6) % 7))
}

// ProjectOverviewStats computes the overview of a project for the day today, from one
// snapshot in two statements: the counts per phase (the totals are their sums) and the
// three task lists.
func (d *DB) ProjectOverviewStats(ctx context.Context, projectID string, today dbtypes.Date) (ProjectOverview, error) {
	o := ProjectOverview{
		Today:              today,
		UpcomingMilestones: []db.ScheduleTask{},
		RecentlyUpdated:    []db.ScheduleTask{},
	}
	monday := MondayOf(today)
	for i := range o.Week {
		o.Week[i] = OverviewDay{Date: monday.AddDays(i), Tasks: []db.ScheduleTask{}}
	}
	err := d.ReadTx(ctx, func(q *db.Queries) error {
		phases, err := q.ListProjectPhaseStats(ctx, db.ListProjectPhaseStatsParams{ProjectID: projectID, Today: today})
		if err != nil {
			return err
		}
		rows, err := q.ListProjectOverviewTasks(ctx, db.ListProjectOverviewTasksParams{ProjectID: projectID, Today: today})
		if err != nil {
			return err
		}
		o.Phases = phases
		for _, p := range phases {
			o.TotalTasks += p.Total
			o.CompleteTasks += p.Complete
			o.PastDue += p.PastDue
			o.DueToday += p.DueToday
		}
		for _, r := range rows {
			switch {
			case r.Section == "milestone":
				o.UpcomingMilestones = append(o.UpcomingMilestones, r.ScheduleTask)
			case r.Section == "recent":
				o.RecentlyUpdated = append(o.RecentlyUpdated, r.ScheduleTask)
			case r.Section == "week" && 0 <= r.Day && r.Day < int64(len(o.Week)):
				o.Week[r.Day].Tasks = append(o.Week[r.Day].Tasks, r.ScheduleTask)
			default: // the query and this switch disagree
				return fmt.Errorf("compassdb: project overview: unexpected row (%q, day %d)", r.Section, r.Day)
			}
		}
		return nil
	})
	if err != nil {
		return ProjectOverview{}, err
	}
	if o.TotalTasks > 0 {
		o.PercentComplete = (o.CompleteTasks*200 + o.TotalTasks) / (2 * o.TotalTasks)
	}
	return o, nil
}

// TaskDates are a task's propagated dates.
type TaskDates struct {
	StartDate         dbtypes.Date
	EndDateCalculated dbtypes.Date
}

// ApplyTaskDates writes new dates (and updated_at = now) to many tasks of a project in one
// statement. Tasks of other projects and unknown ids are never written; if dates names
// any, the error is a *TasksNotInProjectError listing them, and returning it from the h.Tx
// function rolls back the whole flow. Use it inside h.Tx.
func ApplyTaskDates(ctx context.Context, q *db.Queries, projectID string, dates map[string]TaskDates, now dbtypes.Timestamp) error {
	if len(dates) == 0 {
		return nil
	}
	doc := make(map[string][2]dbtypes.Date, len(dates))
	for id, d := range dates {
		doc[id] = [2]dbtypes.Date{d.StartDate, d.EndDateCalculated}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("compassdb: apply task dates: %w", err)
	}
	written, err := q.ApplyScheduleTaskDates(ctx, db.ApplyScheduleTaskDatesParams{Dates: string(b), UpdatedAt: now, ProjectID: projectID})
	if err != nil {
		return err
	}
	if len(written) == len(dates) {
		return nil
	}
	done := make(map[string]bool, len(written))
	for _, id := range written {
		done[id] = true
	}
	var missing []string
	for id := range dates {
		if !done[id] {
			missing = append(missing, id)
		}
	}
	slices.Sort(missing)
	return &TasksNotInProjectError{ProjectID: projectID, TaskIDs: missing}
}

// SetCriticalFlags marks exactly the tasks criticalIDs of the project as on the critical
// path and clears the flag on its other tasks, in one statement that writes only the rows
// whose flag changes (updated_at untouched, as in the app). Ids of other projects are
// ignored. It returns the number of rows changed.
func SetCriticalFlags(ctx context.Context, q *db.Queries, projectID string, criticalIDs []string) (int64, error) {
	b, err := json.Marshal(nonNilSlice(criticalIDs))
	if err != nil {
		return 0, err
	}
	return q.SetScheduleTaskCriticalFlags(ctx, db.SetScheduleTaskCriticalFlagsParams{CriticalIds: string(b), ProjectID: projectID})
}

// ReorderTasks sets the sort_order of tasks of a project (task id → sort order) in one
// statement, writing only the rows that change (updated_at untouched, as in the app). Ids
// of other projects are ignored. It returns the number of rows changed.
func ReorderTasks(ctx context.Context, q *db.Queries, projectID string, order map[string]int64) (int64, error) {
	if len(order) == 0 {
		return 0, nil
	}
	b, err := json.Marshal(order)
	if err != nil {
		return 0, err
	}
	return q.ReorderScheduleTasks(ctx, db.ReorderScheduleTasksParams{Orders: string(b), ProjectID: projectID})
}

// NewTaskDependency is a dependency to create between two tasks of ProjectID.
type NewTaskDependency struct {
	ID            string // empty: NewID()
	ProjectID     string
	PredecessorID string
	SuccessorID   string
	Type          dbtypes.DependencyType
	LagDays       int64
}

// AddTaskDependency checks and inserts a dependency through q, which must be a
// transaction's (h.Tx) so that the check and the insert see the same dependencies. It
// refuses a self-dependency or one that would close a cycle (ErrDependencyCycle; the
// cycle search is a recursive query over the dependencies), a missing task
// (ErrNotFound), tasks not both in ProjectID (ErrCrossProjectDependency) and an edge that
// already exists (ErrUniqueViolation).
func AddTaskDependency(ctx context.Context, q *db.Queries, dep NewTaskDependency) (db.TaskDependency, error) {
	if dep.PredecessorID == dep.SuccessorID {
		return db.TaskDependency{}, ErrDependencyCycle
	}
	check, err := q.CheckNewTaskDependency(ctx, db.CheckNewTaskDependencyParams{PredecessorID: dep.PredecessorID, SuccessorID: dep.SuccessorID})
	switch {
	case err != nil:
		return db.TaskDependency{}, err
	case check.PredecessorProjectID != dep.ProjectID || check.SuccessorProjectID != dep.ProjectID:
		return db.TaskDependency{}, ErrCrossProjectDependency
	case check.CreatesCycle:
		return db.TaskDependency{}, ErrDependencyCycle
	}
	if dep.ID == "" {
		dep.ID = NewID()
	}
	return q.CreateTaskDependency(ctx, db.CreateTaskDependencyParams{
		ID: dep.ID, PredecessorID: dep.PredecessorID, SuccessorID: dep.SuccessorID, Type: dep.Type, LagDays: dep.LagDays,
	})
}

// CreateDependency runs AddTaskDependency in a transaction of its own.
func (d *DB) CreateDependency(ctx context.Context, dep NewTaskDependency) (db.TaskDependency, error) {
	var created db.TaskDependency
	err := d.Tx(ctx, func(q *db.Queries) error {
		var err error
		created, err = AddTaskDependency(ctx, q, dep)
		return err
	})
	return created, err
}

// WorkdayExceptionPatch is the app's partial update of a workday exception: a nil or
// zero field keeps the stored value; notes change only when SetNotes is true, and then
// Notes nil clears them.
type WorkdayExceptionPatch struct {
	Title      *string
	StartDate  *dbtypes.Date
	EndDate    *dbtypes.Date
	Type       *dbtypes.ExceptionType
	Category   *dbtypes.ExceptionCategory
	Recurrence *dbtypes.ExceptionRecurrence
	SetNotes   bool
	Notes      *string
}

// UpdateWorkdayException applies patch to the exception id of the project (ErrNotFound if
// the project has no such exception) and sets updated_at = now, in one transaction.
func (d *DB) UpdateWorkdayException(ctx context.Context, projectID, id string, patch WorkdayExceptionPatch, now dbtypes.Timestamp) (db.WorkdayException, error) {
	var updated db.WorkdayException
	err := d.Tx(ctx, func(q *db.Queries) error {
		cur, err := q.GetProjectWorkdayException(ctx, db.GetProjectWorkdayExceptionParams{ID: id, ProjectID: projectID})
		if err != nil {
			return err
		}
		p := db.UpdateProjectWorkdayExceptionParams{
			Title:      given(patch.Title, cur.Title),
			StartDate:  given(patch.StartDate, cur.StartDate),
			EndDate:    given(patch.EndDate, cur.EndDate),
			Type:       given(patch.Type, cur.Type),
			Category:   given(patch.Category, cur.Category),
			Recurrence: given(patch.Recurrence, cur.Recurrence),
			Notes:      cur.Notes,
			UpdatedAt:  now,
			ID:         id,
			ProjectID:  projectID,
		}
		if patch.SetNotes {
			p.Notes = patch.Notes
		}
		updated, err = q.UpdateProjectWorkdayException(ctx, p)
		return err
	})
	return updated, err
}

// given returns *v unless v is nil or points to the zero value (the app updates a field
// only when it is "truthy"), else cur.
func given[T comparable](v *T, cur T) T {
	var zero T
	if v == nil || *v == zero {
		return cur
	}
	return *v
}

// NewScheduleBaseline names a baseline to take of a project's current schedule.
type NewScheduleBaseline struct {
	ID        string // empty: NewID()
	ProjectID string
	Name      string
	CreatedAt dbtypes.Timestamp
}

// CreateBaseline stores a snapshot of the project's current tasks and of the
// dependencies between them, read and written in one transaction.
func (d *DB) CreateBaseline(ctx context.Context, b NewScheduleBaseline) (db.ScheduleBaseline, error) {
	if b.ID == "" {
		b.ID = NewID()
	}
	var created db.ScheduleBaseline
	err := d.Tx(ctx, func(q *db.Queries) error {
		tasks, err := q.ListScheduleTasksByProject(ctx, b.ProjectID)
		if err != nil {
			return err
		}
		deps, err := q.ListProjectTaskDependencies(ctx, b.ProjectID)
		if err != nil {
			return err
		}
		created, err = q.CreateScheduleBaseline(ctx, db.CreateScheduleBaselineParams{
			ID: b.ID, ProjectID: b.ProjectID, Name: b.Name, SnapshotData: Snapshot(tasks, deps), CreatedAt: b.CreatedAt,
		})
		return err
	})
	return created, err
}

// Snapshot converts tasks and dependencies to a baseline snapshot, in the stored formats
// the app writes (dates YYYY-MM-DD, timestamps as toISOString()).
func Snapshot(tasks []db.ScheduleTask, deps []db.TaskDependency) dbtypes.BaselineSnapshot {
	s := dbtypes.BaselineSnapshot{
		Tasks:        make([]dbtypes.BaselineTask, len(tasks)),
		Dependencies: make([]dbtypes.BaselineDependency, len(deps)),
	}
	for i, t := range tasks {
		s.Tasks[i] = dbtypes.BaselineTask{
			ID:                t.ID,
			ProjectID:         t.ProjectID,
			Title:             t.Title,
			StartDate:         t.StartDate.String(),
			Workdays:          int(t.Workdays),
			EndDateCalculated: t.EndDateCalculated.String(),
			Phase:             t.Phase,
			Status:            string(t.Status),
			IsCriticalPath:    t.IsCriticalPath,
			IsMilestone:       t.IsMilestone,
			PercentComplete:   int(t.PercentComplete),
			AssignedTo:        t.AssignedTo,
			SortOrder:         int(t.SortOrder),
			CreatedAt:         t.CreatedAt.String(),
			UpdatedAt:         t.UpdatedAt.String(),
		}
	}
	for i, d := range deps {
		s.Dependencies[i] = dbtypes.BaselineDependency{
			ID:            d.ID,
			PredecessorID: d.PredecessorID,
			SuccessorID:   d.SuccessorID,
			Type:          string(d.Type),
			LagDays:       int(d.LagDays),
		}
	}
	return s
}

// nonNilSlice returns s, or an empty slice for nil (which JSON would write as null).
func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
