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

-- name: GetNextScheduleTaskSortOrder :one
-- The sort_order a new task of the project gets: one past the largest, 0 for the first.
SELECT CAST(coalesce(max(sort_order) + 1, 0) AS INTEGER) AS next_sort_order
FROM schedule_tasks
WHERE project_id = @project_id;

-- name: CreateScheduleTaskAtEnd :one
-- Creates a task as the app's createTask does (status PENDING, not critical) and places it
-- after the project's last task, in one statement: the sort order cannot race another create.
INSERT INTO schedule_tasks (id, project_id, title, start_date, workdays, end_date_calculated, phase, status, is_critical_path, is_milestone, sort_order, created_at, updated_at, percent_complete, assigned_to)
VALUES (@id, @project_id, @title, @start_date, @workdays, @end_date_calculated, @phase, 'PENDING', 0, @is_milestone,
  (SELECT coalesce(max(s.sort_order) + 1, 0) FROM schedule_tasks AS s WHERE s.project_id = @project_id),
  @now, @now, @percent_complete, @assigned_to)
RETURNING *;

-- name: UpdateScheduleTaskFields :one
-- The app's updateTask: dates and workdays always; title and phase only when given and
-- not empty; is_milestone and percent_complete when given; assigned_to when
-- set_assigned_to (then NULL unassigns).
UPDATE schedule_tasks SET
  title = coalesce(nullif(CAST(sqlc.narg(title) AS TEXT), ''), title),
  phase = coalesce(nullif(CAST(sqlc.narg(phase) AS TEXT), ''), phase),
  start_date = @start_date,
  workdays = @workdays,
  end_date_calculated = @end_date_calculated,
  is_milestone = coalesce(CAST(sqlc.narg(is_milestone) AS BOOLEAN), is_milestone),
  percent_complete = coalesce(sqlc.narg(percent_complete), percent_complete),
  assigned_to = CASE WHEN CAST(@set_assigned_to AS BOOLEAN) THEN sqlc.narg(assigned_to) ELSE assigned_to END,
  updated_at = @updated_at
WHERE id = @id AND project_id = @project_id
RETURNING *;

-- name: UpdateScheduleTaskStatus :one
UPDATE schedule_tasks SET
  status = @status,
  updated_at = @updated_at
WHERE id = @id AND project_id = @project_id
RETURNING *;

-- name: ApplyScheduleTaskDates :many
-- Writes propagated dates for many tasks at once. dates is a JSON object
-- {"<task id>": ["<start_date>", "<end_date_calculated>"], ...}; tasks of other projects
-- and unknown ids are not written. Returns the ids written. Use compassdb.ApplyTaskDates,
-- which builds dates from typed values and reports the ids that were not written.
UPDATE schedule_tasks SET
  start_date = (SELECT json_extract(d.value, '$[0]') FROM json_each(CAST(@dates AS TEXT)) AS d WHERE d.key = schedule_tasks.id),
  end_date_calculated = (SELECT json_extract(d.value, '$[1]') FROM json_each(CAST(@dates AS TEXT)) AS d WHERE d.key = schedule_tasks.id),
  updated_at = @updated_at
WHERE project_id = @project_id
  AND id IN (SELECT d.key FROM json_each(CAST(@dates AS TEXT)) AS d)
RETURNING id;

-- name: SetScheduleTaskCriticalFlags :execrows
-- Sets is_critical_path on exactly the listed tasks of the project (critical_ids: JSON array
-- of ids) and clears it on the others. Only rows whose flag changes are written, and
-- updated_at is left alone, as in the app. Returns the number of rows changed.
UPDATE schedule_tasks SET
  is_critical_path = (id IN (SELECT c.value FROM json_each(CAST(@critical_ids AS TEXT)) AS c))
WHERE project_id = @project_id
  AND is_critical_path <> (id IN (SELECT c.value FROM json_each(CAST(@critical_ids AS TEXT)) AS c));

-- name: ReorderScheduleTasks :execrows
-- Sets sort_order of the listed tasks of the project (orders: JSON object
-- {"<task id>": <sort_order>, ...}); only changed rows are written, updated_at is left
-- alone, as in the app. Returns the number of rows changed.
UPDATE schedule_tasks SET
  sort_order = (SELECT o.value FROM json_each(CAST(@orders AS TEXT)) AS o WHERE o.key = schedule_tasks.id)
WHERE project_id = @project_id
  AND sort_order <> (SELECT o.value FROM json_each(CAST(@orders AS TEXT)) AS o WHERE o.key = schedule_tasks.id);

-- name: DeleteProjectScheduleTask :execrows
-- Deletes a task of the project; its dependencies go with it (ON DELETE CASCADE).
DELETE FROM schedule_tasks
WHERE id = @id AND project_id = @project_id;

-- name: SearchScheduleTasks :many
-- Tasks of every project whose title matches pattern (build it with
-- compassdb.LikeContains; "%%" matches all), in (project_id, sort_order, id) order, one
-- page after the keyset (after_project_id, after_sort_order, after_id): pass the last row's
-- values for the next page, zero values ("", 0, "") for the first.
SELECT * FROM schedule_tasks
WHERE project_id >= @after_project_id
  AND (project_id > @after_project_id OR sort_order > @after_sort_order OR (sort_order = @after_sort_order AND id > @after_id))
  AND (title LIKE @pattern ESCAPE '\')
ORDER BY project_id, sort_order, id
LIMIT @page_size;

-- name: ListDownstreamScheduleTasks :many
-- Every task reachable from task_id through dependencies (of any type), each once, in
-- schedule order. The walk terminates on cyclic legacy data too.
WITH RECURSIVE reach(id) AS (
  SELECT d.successor_id FROM task_dependencies AS d WHERE d.predecessor_id = @task_id
  UNION
  SELECT d.successor_id FROM task_dependencies AS d JOIN reach AS r ON d.predecessor_id = r.id
)
SELECT t.* FROM reach AS r
JOIN schedule_tasks AS t ON t.id = r.id
ORDER BY t.sort_order, t.id;

-- name: ListProjectTaskDependencies :many
-- The dependencies whose predecessor and successor both belong to the project.
SELECT d.* FROM schedule_tasks AS p
JOIN task_dependencies AS d ON d.predecessor_id = p.id
JOIN schedule_tasks AS s ON s.id = d.successor_id
WHERE p.project_id = @project_id AND s.project_id = @project_id
ORDER BY d.id;

-- name: CheckNewTaskDependency :one
-- For a proposed edge predecessor -> successor: the projects of both tasks (no row if
-- either is missing) and whether the edge would close a cycle, i.e. whether the
-- predecessor is reachable from the successor through existing dependencies.
WITH RECURSIVE reach(id) AS (
  SELECT CAST(@successor_id AS TEXT)
  UNION
  SELECT d.successor_id FROM task_dependencies AS d JOIN reach AS r ON d.predecessor_id = r.id
)
SELECT p.project_id AS predecessor_project_id, s.project_id AS successor_project_id,
  EXISTS (SELECT 1 FROM reach WHERE reach.id = p.id) AS creates_cycle
FROM schedule_tasks AS p, schedule_tasks AS s
WHERE p.id = @predecessor_id AND s.id = @successor_id;

-- name: DeleteProjectTaskDependency :execrows
-- Deletes a dependency of the project (its predecessor is one of the project's tasks).
DELETE FROM task_dependencies
WHERE id = CAST(@id AS TEXT)
  AND (SELECT t.project_id FROM schedule_tasks AS t WHERE t.id = task_dependencies.predecessor_id) = CAST(@project_id AS TEXT);

-- name: ListProjectPhaseStats :many
-- Per phase of the project: tasks, completed tasks, past due (not complete, ending
-- before today) and due today (not complete, ending today).
SELECT phase,
  count(*) AS total,
  CAST(total(status = 'COMPLETE') AS INTEGER) AS complete,
  CAST(total(status <> 'COMPLETE' AND end_date_calculated < @today) AS INTEGER) AS past_due,
  CAST(total(status <> 'COMPLETE' AND end_date_calculated = @today) AS INTEGER) AS due_today
FROM schedule_tasks
WHERE project_id = @project_id
GROUP BY phase
ORDER BY phase;

-- name: ListProjectOverviewTasks :many
-- The task lists of the project overview, by section:
--   'milestone': upcoming milestones (start_date >= today, not complete), by start date;
--   'recent':    the 5 most recently updated tasks;
--   'week':      for each day (0 = Monday ... 6 = Sunday) of the week containing today, the
--                tasks whose [start_date, end_date_calculated] contains it.
-- day is -1 outside 'week'; rows come ordered by section, day, pos.
WITH RECURSIVE week(day) AS (
  SELECT 0
  UNION ALL
  SELECT day + 1 FROM week WHERE day < 6
)
SELECT CAST(x.section AS TEXT) AS section, CAST(x.day AS INTEGER) AS day, CAST(x.pos AS INTEGER) AS pos, sqlc.embed(t)
FROM (
  SELECT 'milestone' AS section, -1 AS day,
    row_number() OVER (ORDER BY m.start_date, m.sort_order, m.id) AS pos, m.id AS id
  FROM schedule_tasks AS m
  WHERE m.project_id = @project_id AND m.is_milestone = 1 AND m.start_date >= @today AND m.status <> 'COMPLETE'
  UNION ALL
  SELECT 'recent', -1, row_number() OVER (ORDER BY r.updated_at DESC, r.id), r.id
  FROM (
    SELECT u.id, u.updated_at FROM schedule_tasks AS u
    WHERE u.project_id = @project_id
    ORDER BY u.updated_at DESC, u.id
    LIMIT 5
  ) AS r
  UNION ALL
  SELECT 'week', w.day, row_number() OVER (PARTITION BY w.day ORDER BY k.sort_order, k.id), k.id
  FROM week AS w
  JOIN schedule_tasks AS k ON k.project_id = @project_id
   AND k.start_date <= date(@today, 'weekday 0', '-6 days', '+' || w.day || ' days')
   AND k.end_date_calculated >= date(@today, 'weekday 0', '-6 days', '+' || w.day || ' days')
) AS x
CROSS JOIN schedule_tasks AS t ON t.id = x.id -- CROSS: x drives, t is looked up by id
ORDER BY x.section, x.day, x.pos;
