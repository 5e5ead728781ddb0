-- schedule_tasks

-- name: GetScheduleTask :one
SELECT * FROM schedule_tasks
WHERE id = @id;

-- name: ListScheduleTasksByProject :many
SELECT * FROM schedule_tasks
WHERE project_id = @project_id
ORDER BY sort_order, id;

-- name: CreateScheduleTask :one
INSERT INTO schedule_tasks (id, project_id, title, start_date, workdays, end_date_calculated, phase, status, is_critical_path, is_milestone, sort_order, created_at, updated_at, percent_complete, assigned_to)
VALUES (@id, @project_id, @title, @start_date, @workdays, @end_date_calculated, @phase, @status, @is_critical_path, @is_milestone, @sort_order, @created_at, @updated_at, @percent_complete, @assigned_to)
RETURNING *;

-- name: UpdateScheduleTask :one
UPDATE schedule_tasks SET
  project_id = @project_id,
  title = @title,
  start_date = @start_date,
  workdays = @workdays,
  end_date_calculated = @end_date_calculated,
  phase = @phase,
  status = @status,
  is_critical_path = @is_critical_path,
  is_milestone = @is_milestone,
  sort_order = @sort_order,
  updated_at = @updated_at,
  percent_complete = @percent_complete,
  assigned_to = @assigned_to
WHERE id = @id
RETURNING *;

-- name: DeleteScheduleTask :execrows
DELETE FROM schedule_tasks
WHERE id = @id;

-- task_dependencies

-- name: GetTaskDependency :one
SELECT * FROM task_dependencies
WHERE id = @id;

-- name: ListTaskDependenciesBySuccessor :many
SELECT * FROM task_dependencies
WHERE successor_id = @successor_id
ORDER BY id;

-- name: ListTaskDependenciesByPredecessor :many
SELECT * FROM task_dependencies
WHERE predecessor_id = @predecessor_id
ORDER BY id;

-- name: CreateTaskDependency :one
INSERT INTO task_dependencies (id, predecessor_id, successor_id, type, lag_days)
VALUES (@id, @predecessor_id, @successor_id, @type, @lag_days)
RETURNING *;

-- name: UpdateTaskDependency :one
UPDATE task_dependencies SET
  predecessor_id = @predecessor_id,
  successor_id = @successor_id,
  type = @type,
  lag_days = @lag_days
WHERE id = @id
RETURNING *;

-- name: DeleteTaskDependency :execrows
DELETE FROM task_dependencies
WHERE id = @id;
