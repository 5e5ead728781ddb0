-- workday_exceptions

-- name: GetWorkdayException :one
SELECT * FROM workday_exceptions
WHERE id = @id;

-- name: ListWorkdayExceptionsByProject :many
SELECT * FROM workday_exceptions
WHERE project_id = @project_id
ORDER BY start_date, id;

-- name: CreateWorkdayException :one
INSERT INTO workday_exceptions (id, project_id, title, start_date, end_date, type, category, recurrence, notes, created_at, updated_at)
VALUES (@id, @project_id, @title, @start_date, @end_date, @type, @category, @recurrence, @notes, @created_at, @updated_at)
RETURNING *;

-- name: UpdateWorkdayException :one
UPDATE workday_exceptions SET
  project_id = @project_id,
  title = @title,
  start_date = @start_date,
  end_date = @end_date,
  type = @type,
  category = @category,
  recurrence = @recurrence,
  notes = @notes,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeleteWorkdayException :execrows
DELETE FROM workday_exceptions
WHERE id = @id;

-- name: GetProjectWorkdayException :one
SELECT * FROM workday_exceptions
WHERE id = @id AND project_id = @project_id;

-- name: ListWorkdayExceptionsInRange :many
-- The project's exceptions that cover at least one day of [range_start, range_end], by
-- start date. A reversed exception (end_date before start_date) covers the days between
-- its two dates, as the app reads it. Each branch of the union is a range of the
-- (project_id, start_date) index; the union sits in IN (...) because sqlc leaves the
-- parameters of a top-level compound select untyped.
SELECT * FROM workday_exceptions AS w
WHERE w.id IN (
  SELECT a.id FROM workday_exceptions AS a
  WHERE a.project_id = @project_id AND a.start_date <= @range_end AND a.end_date >= @range_start AND a.start_date <= a.end_date
  UNION ALL
  SELECT b.id FROM workday_exceptions AS b
  WHERE b.project_id = @project_id AND b.start_date >= @range_start AND b.end_date <= @range_end AND b.end_date < b.start_date
)
ORDER BY w.start_date, w.id;

-- name: UpdateProjectWorkdayException :one
-- Rewrites every field of an exception of the project (its project stays). For the app's
-- optional-field update use compassdb.UpdateWorkdayException.
UPDATE workday_exceptions SET
  title = @title,
  start_date = @start_date,
  end_date = @end_date,
  type = @type,
  category = @category,
  recurrence = @recurrence,
  notes = @notes,
  updated_at = @updated_at
WHERE id = @id AND project_id = @project_id
RETURNING *;

-- name: DeleteProjectWorkdayException :execrows
DELETE FROM workday_exceptions
WHERE id = @id AND project_id = @project_id;

-- schedule_baselines

-- name: GetScheduleBaseline :one
SELECT * FROM schedule_baselines
WHERE id = @id;

-- name: ListScheduleBaselinesByProject :many
SELECT * FROM schedule_baselines
WHERE project_id = @project_id
ORDER BY created_at, id;

-- name: CreateScheduleBaseline :one
INSERT INTO schedule_baselines (id, project_id, name, snapshot_data, created_at)
VALUES (@id, @project_id, @name, @snapshot_data, @created_at)
RETURNING *;

-- name: UpdateScheduleBaseline :one
UPDATE schedule_baselines SET
  project_id = @project_id,
  name = @name,
  snapshot_data = @snapshot_data
WHERE id = @id
RETURNING *;

-- name: DeleteScheduleBaseline :execrows
DELETE FROM schedule_baselines
WHERE id = @id;

-- name: GetProjectScheduleBaseline :one
SELECT * FROM schedule_baselines
WHERE id = @id AND project_id = @project_id;

-- name: DeleteProjectScheduleBaseline :execrows
DELETE FROM schedule_baselines
WHERE id = @id AND project_id = @project_id;
