-- workday_exceptions

-- name: GetWorkdayException :one
SELECT * FROM workday_exceptions
WHERE id = @id;

-- name: ListWorkdayExceptionsByProject :many
SELECT * FROM workday_exceptions
WHERE project_id = @project_id
ORDER BY created_at, id;

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
