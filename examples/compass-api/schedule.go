package main

import (
	"errors"
	"net/http"
	"strings"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/authz"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

func (a *api) timestamp() dbtypes.Timestamp { return dbtypes.NewTimestamp(a.now()) }
func (a *api) today() dbtypes.Date          { return dbtypes.DateOf(a.now()) }

// GET /projects/{id}/schedule: the project's tasks in schedule order, the dependencies
// between them and its workday exceptions, read from one snapshot.
func (a *api) getSchedule(w http.ResponseWriter, r *http.Request, s *session) error {
	if err := authorizeTx(s.actor, "ProjectSchedule"); err != nil {
		return err
	}
	project, err := s.read.GetProject(r.Context(), r.PathValue("id"))
	if err != nil {
		return notFound("project", err)
	}
	sched, err := s.h.ProjectSchedule(r.Context(), project.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, scheduleView{
		Project:      viewProject(project),
		Tasks:        mapSlice(sched.Tasks, viewTask),
		Dependencies: mapSlice(sched.Dependencies, viewDependency),
		Exceptions:   mapSlice(sched.Exceptions, viewException),
	})
	return nil
}

// GET /projects/{id}/overview?today=YYYY-MM-DD: the dashboard's schedule summary for a
// day, by default the server's current date.
func (a *api) getOverview(w http.ResponseWriter, r *http.Request, s *session) error {
	today, err := queryDate(r, "today", a.today())
	if err != nil {
		return err
	}
	if err := authorizeTx(s.actor, "ProjectOverviewStats"); err != nil {
		return err
	}
	project, err := s.read.GetProject(r.Context(), r.PathValue("id"))
	if err != nil {
		return notFound("project", err)
	}
	o, err := s.h.ProjectOverviewStats(r.Context(), project.ID, today)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewOverview(o))
	return nil
}

// taskInput is the body of POST and PATCH on tasks; absent fields are nil.
type taskInput struct {
	Title             *string             `json:"title"`
	Phase             *string             `json:"phase"`
	StartDate         *dbtypes.Date       `json:"start_date"`
	Workdays          *int64              `json:"workdays"`
	EndDateCalculated *dbtypes.Date       `json:"end_date_calculated"`
	IsMilestone       *bool               `json:"is_milestone"`
	PercentComplete   *int64              `json:"percent_complete"`
	AssignedTo        optional[string]    `json:"assigned_to"` // null unassigns
	Status            *dbtypes.TaskStatus `json:"status"`
}

// check validates what can be checked without the stored task.
func (in *taskInput) check() error {
	for field, v := range map[string]*string{"title": in.Title, "phase": in.Phase} {
		if v != nil && strings.TrimSpace(*v) == "" {
			return invalidField(field, "must not be empty")
		}
	}
	if in.Workdays != nil && *in.Workdays < 0 {
		return invalidField("workdays", "must not be negative")
	}
	if in.Status != nil {
		return checkEnum("status", *in.Status, dbtypes.TaskStatusValues())
	}
	return nil
}

// POST /projects/{id}/tasks: a task at the end of the schedule order. The end date is
// computed from start_date and workdays (Monday to Friday) unless given. A status other
// than PENDING is set in the same transaction.
func (a *api) createTask(w http.ResponseWriter, r *http.Request, s *session) error {
	var in taskInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case in.Title == nil:
		return missing("title")
	case in.Phase == nil:
		return missing("phase")
	case in.StartDate == nil:
		return missing("start_date")
	case in.Workdays == nil:
		return missing("workdays")
	}
	if err := in.check(); err != nil {
		return err
	}
	end := addWorkdays(*in.StartDate, *in.Workdays)
	if in.EndDateCalculated != nil {
		end = *in.EndDateCalculated
	}
	if end.Before(*in.StartDate) {
		return invalidField("end_date_calculated", "must not be before start_date")
	}
	projectID, now := r.PathValue("id"), a.timestamp()
	var task db.ScheduleTask
	err := s.tx(r.Context(), func(q *authz.Querier) error {
		if _, err := q.GetProject(r.Context(), projectID); err != nil {
			return notFound("project", err)
		}
		var err error
		task, err = q.CreateScheduleTaskAtEnd(r.Context(), db.CreateScheduleTaskAtEndParams{
			ID: compassdb.NewID(), ProjectID: projectID, Title: strings.TrimSpace(*in.Title), Phase: *in.Phase,
			StartDate: *in.StartDate, Workdays: *in.Workdays, EndDateCalculated: end,
			IsMilestone: in.IsMilestone != nil && *in.IsMilestone, PercentComplete: deref(in.PercentComplete),
			AssignedTo: in.AssignedTo.Value, Now: now,
		})
		if err != nil || in.Status == nil || *in.Status == task.Status {
			return err
		}
		task, err = q.UpdateScheduleTaskStatus(r.Context(), db.UpdateScheduleTaskStatusParams{
			Status: *in.Status, UpdatedAt: now, ID: task.ID, ProjectID: projectID,
		})
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewTask(task))
	return nil
}

// PATCH /projects/{id}/tasks/{taskID}: change any of the task's fields and its status,
// in one transaction. A new start_date or workdays without end_date_calculated
// recomputes the end date.
func (a *api) updateTask(w http.ResponseWriter, r *http.Request, s *session) error {
	var in taskInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	if err := in.check(); err != nil {
		return err
	}
	fields := in.Title != nil || in.Phase != nil || in.StartDate != nil || in.Workdays != nil ||
		in.EndDateCalculated != nil || in.IsMilestone != nil || in.PercentComplete != nil || in.AssignedTo.Set
	if !fields && in.Status == nil {
		return newError(http.StatusUnprocessableEntity, codeMissingField, "nothing to update")
	}
	projectID, taskID, now := r.PathValue("id"), r.PathValue("taskID"), a.timestamp()
	var task db.ScheduleTask
	err := s.tx(r.Context(), func(q *authz.Querier) error {
		cur, err := q.GetScheduleTask(r.Context(), taskID)
		if err == nil && cur.ProjectID != projectID {
			err = compassdb.ErrNotFound
		}
		if err != nil {
			return notFound("task", err)
		}
		task = cur
		if fields {
			start, workdays, end := given(in.StartDate, cur.StartDate), given(in.Workdays, cur.Workdays), cur.EndDateCalculated
			switch {
			case in.EndDateCalculated != nil:
				end = *in.EndDateCalculated
			case in.StartDate != nil || in.Workdays != nil:
				end = addWorkdays(start, workdays)
			}
			if end.Before(start) {
				return invalidField("end_date_calculated", "must not be before start_date")
			}
			task, err = q.UpdateScheduleTaskFields(r.Context(), db.UpdateScheduleTaskFieldsParams{
				Title: in.Title, Phase: in.Phase, StartDate: start, Workdays: workdays, EndDateCalculated: end,
				IsMilestone: in.IsMilestone, PercentComplete: in.PercentComplete,
				SetAssignedTo: in.AssignedTo.Set, AssignedTo: in.AssignedTo.Value,
				UpdatedAt: now, ID: taskID, ProjectID: projectID,
			})
			if err != nil {
				return err
			}
		}
		if in.Status != nil {
			task, err = q.UpdateScheduleTaskStatus(r.Context(), db.UpdateScheduleTaskStatusParams{
				Status: *in.Status, UpdatedAt: now, ID: taskID, ProjectID: projectID,
			})
		}
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewTask(task))
	return nil
}

// DELETE /projects/{id}/tasks/{taskID}: the task and its dependencies.
func (a *api) deleteTask(w http.ResponseWriter, r *http.Request, s *session) error {
	n, err := s.write.DeleteProjectScheduleTask(r.Context(), db.DeleteProjectScheduleTaskParams{
		ID: r.PathValue("taskID"), ProjectID: r.PathValue("id"),
	})
	return deleted(w, "task", n, err)
}

type dependencyInput struct {
	PredecessorID string                 `json:"predecessor_id"`
	SuccessorID   string                 `json:"successor_id"`
	Type          dbtypes.DependencyType `json:"type"` // default FS
	LagDays       int64                  `json:"lag_days"`
}

// POST /projects/{id}/dependencies: a dependency between two tasks of the project,
// refused with 409 when it would close a cycle, already exists or crosses projects.
func (a *api) createDependency(w http.ResponseWriter, r *http.Request, s *session) error {
	var in dependencyInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case in.PredecessorID == "":
		return missing("predecessor_id")
	case in.SuccessorID == "":
		return missing("successor_id")
	case in.Type == "":
		in.Type = dbtypes.DependencyTypeFS
	}
	if err := checkEnum("type", in.Type, dbtypes.DependencyTypeValues()); err != nil {
		return err
	}
	if err := authorizeTx(s.actor, "CreateDependency"); err != nil {
		return err
	}
	projectID := r.PathValue("id")
	if _, err := s.read.GetProject(r.Context(), projectID); err != nil {
		return notFound("project", err)
	}
	dep, err := s.h.CreateDependency(r.Context(), compassdb.NewTaskDependency{
		ProjectID: projectID, PredecessorID: in.PredecessorID, SuccessorID: in.SuccessorID, Type: in.Type, LagDays: in.LagDays,
	})
	if errors.Is(err, compassdb.ErrUniqueViolation) {
		return &apiError{status: http.StatusConflict, code: codeAlreadyExists, message: "this dependency already exists", cause: err}
	}
	if err != nil {
		return notFound("task", err)
	}
	writeJSON(w, http.StatusCreated, viewDependency(dep))
	return nil
}

// DELETE /projects/{id}/dependencies/{depID}
func (a *api) deleteDependency(w http.ResponseWriter, r *http.Request, s *session) error {
	n, err := s.write.DeleteProjectTaskDependency(r.Context(), db.DeleteProjectTaskDependencyParams{
		ID: r.PathValue("depID"), ProjectID: r.PathValue("id"),
	})
	return deleted(w, "dependency", n, err)
}

type exceptionInput struct {
	Title      *string                      `json:"title"`
	StartDate  *dbtypes.Date                `json:"start_date"`
	EndDate    *dbtypes.Date                `json:"end_date"` // default: start_date
	Type       *dbtypes.ExceptionType       `json:"type"`
	Category   *dbtypes.ExceptionCategory   `json:"category"`
	Recurrence *dbtypes.ExceptionRecurrence `json:"recurrence"`
	Notes      optional[string]             `json:"notes"` // null clears on PATCH
}

func (in *exceptionInput) check() error {
	if in.Title != nil && strings.TrimSpace(*in.Title) == "" {
		return invalidField("title", "must not be empty")
	}
	if in.StartDate != nil && in.EndDate != nil && in.EndDate.Before(*in.StartDate) {
		return invalidField("end_date", "must not be before start_date")
	}
	if in.Type != nil {
		if err := checkEnum("type", *in.Type, dbtypes.ExceptionTypeValues()); err != nil {
			return err
		}
	}
	if in.Category != nil {
		if err := checkEnum("category", *in.Category, dbtypes.ExceptionCategoryValues()); err != nil {
			return err
		}
	}
	if in.Recurrence != nil {
		return checkEnum("recurrence", *in.Recurrence, dbtypes.ExceptionRecurrenceValues())
	}
	return nil
}

// POST /projects/{id}/exceptions: a workday exception (holiday, weather day, …).
func (a *api) createException(w http.ResponseWriter, r *http.Request, s *session) error {
	var in exceptionInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case in.Title == nil:
		return missing("title")
	case in.StartDate == nil:
		return missing("start_date")
	case in.EndDate == nil:
		in.EndDate = in.StartDate
	}
	if err := in.check(); err != nil {
		return err
	}
	projectID, now := r.PathValue("id"), a.timestamp()
	var e db.WorkdayException
	err := s.tx(r.Context(), func(q *authz.Querier) error {
		if _, err := q.GetProject(r.Context(), projectID); err != nil {
			return notFound("project", err)
		}
		var err error
		e, err = q.CreateWorkdayException(r.Context(), db.CreateWorkdayExceptionParams{
			ID: compassdb.NewID(), ProjectID: projectID, Title: strings.TrimSpace(*in.Title),
			StartDate: *in.StartDate, EndDate: *in.EndDate,
			Type:       given(in.Type, dbtypes.ExceptionTypeNonWorking),
			Category:   given(in.Category, dbtypes.ExceptionCategoryCompanyHoliday),
			Recurrence: given(in.Recurrence, dbtypes.ExceptionRecurrenceOneTime),
			Notes:      in.Notes.Value, CreatedAt: now, UpdatedAt: now,
		})
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewException(e))
	return nil
}

// PATCH /projects/{id}/exceptions/{exceptionID}: the library's partial update (read and
// write in one transaction); "notes": null clears the notes.
func (a *api) updateException(w http.ResponseWriter, r *http.Request, s *session) error {
	var in exceptionInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	if err := in.check(); err != nil {
		return err
	}
	if err := authorizeTx(s.actor, "UpdateWorkdayException"); err != nil {
		return err
	}
	e, err := s.h.UpdateWorkdayException(r.Context(), r.PathValue("id"), r.PathValue("exceptionID"), compassdb.WorkdayExceptionPatch{
		Title: in.Title, StartDate: in.StartDate, EndDate: in.EndDate, Type: in.Type, Category: in.Category,
		Recurrence: in.Recurrence, SetNotes: in.Notes.Set, Notes: in.Notes.Value,
	}, a.timestamp())
	if err != nil {
		return notFound("exception", err)
	}
	writeJSON(w, http.StatusOK, viewException(e))
	return nil
}

// DELETE /projects/{id}/exceptions/{exceptionID}
func (a *api) deleteException(w http.ResponseWriter, r *http.Request, s *session) error {
	n, err := s.write.DeleteProjectWorkdayException(r.Context(), db.DeleteProjectWorkdayExceptionParams{
		ID: r.PathValue("exceptionID"), ProjectID: r.PathValue("id"),
	})
	return deleted(w, "exception", n, err)
}

// GET /projects/{id}/baselines
func (a *api) listBaselines(w http.ResponseWriter, r *http.Request, s *session) error {
	var baselines []db.ScheduleBaseline
	err := s.readTx(r.Context(), func(q *authz.Querier) error {
		if _, err := q.GetProject(r.Context(), r.PathValue("id")); err != nil {
			return notFound("project", err)
		}
		var err error
		baselines, err = q.ListScheduleBaselinesByProject(r.Context(), r.PathValue("id"))
		return err
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": mapSlice(baselines, viewBaseline)})
	return nil
}

// POST /projects/{id}/baselines {"name": …}: a snapshot of the current schedule.
func (a *api) createBaseline(w http.ResponseWriter, r *http.Request, s *session) error {
	var in struct {
		Name string `json:"name"`
	}
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	if strings.TrimSpace(in.Name) == "" {
		return missing("name")
	}
	if err := authorizeTx(s.actor, "CreateBaseline"); err != nil {
		return err
	}
	projectID := r.PathValue("id")
	if _, err := s.read.GetProject(r.Context(), projectID); err != nil {
		return notFound("project", err)
	}
	b, err := s.h.CreateBaseline(r.Context(), compassdb.NewScheduleBaseline{
		ProjectID: projectID, Name: strings.TrimSpace(in.Name), CreatedAt: a.timestamp(),
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewBaseline(b))
	return nil
}

// deleted finishes a DELETE handler: 204 when a row went, 404 when none matched.
func deleted(w http.ResponseWriter, what string, n int64, err error) error {
	if err != nil {
		return inUse(what, err)
	}
	if n == 0 {
		return notFound(what, compassdb.ErrNotFound)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// given returns *v, or def when v is nil.
func given[T any](v *T, def T) T {
	if v == nil {
		return def
	}
	return *v
}

func deref[T any](v *T) T {
	var zero T
	return given(v, zero)
}
