package bench

import "strings"

// The SQL of the benchmarked operations. The first group is the text of queries that
// db/ already generates (copied so that the hand-written, existing-schema and C variants
// run exactly the library's statement). The second group stands in for queries that are
// being added on other branches (project schedule and overview, users with relations,
// usage aggregates, financial totals, the dependency cycle check); when they land, the
// library functions in library.go switch to the generated methods and these stay as the
// hand-written side of the comparison.

const taskColumns = "id, project_id, title, start_date, workdays, end_date_calculated, phase, status, is_critical_path, is_milestone, sort_order, created_at, updated_at, percent_complete, assigned_to"

// Generated today (queries/*.sql).
const (
	sqlGetScheduleTask  = "SELECT " + taskColumns + " FROM schedule_tasks\nWHERE id = ?1"
	sqlListTasksByProj  = "SELECT " + taskColumns + " FROM schedule_tasks\nWHERE project_id = ?1\nORDER BY sort_order, id"
	sqlGetProject       = "SELECT id, name, created_at, status, address, client_name, project_manager, netsuite_job_id, organization_id FROM projects\nWHERE id = ?1"
	sqlListExceptions   = "SELECT id, project_id, title, start_date, end_date, type, category, recurrence, notes, created_at, updated_at FROM workday_exceptions\nWHERE project_id = ?1\nORDER BY created_at, id"
	sqlGetConversation  = "SELECT id, user_id, title, last_message_at, created_at FROM agent_conversations\nWHERE id = ?1 AND user_id = ?2"
	sqlListMessages     = "SELECT id, conversation_id, user_id, role, content, embedding, metadata, created_at FROM agent_memories\nWHERE conversation_id = ?1 AND user_id = ?2\nORDER BY created_at, id"
	sqlCreateTask       = "INSERT INTO schedule_tasks (" + taskColumns + ")\nVALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
	sqlCreateDependency = "INSERT INTO task_dependencies (id, predecessor_id, successor_id, type, lag_days)\nVALUES (?1, ?2, ?3, ?4, ?5)\nRETURNING id, predecessor_id, successor_id, type, lag_days"
	sqlUpdateTaskStatus = "UPDATE schedule_tasks SET status = ?2, updated_at = ?3 WHERE id = ?1"
	sqlCreateAgentUsage = "INSERT INTO agent_usage (id, conversation_id, user_id, model_id, prompt_tokens, completion_tokens, total_tokens, estimated_cost, created_at)\nVALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	sqlDeleteDependency = "DELETE FROM task_dependencies WHERE id = ?1"
)

// sqlUsagePerUserMonthNoHint is sqlUsagePerUserMonth without its INDEXED BY.
var sqlUsagePerUserMonthNoHint = strings.Replace(sqlUsagePerUserMonth, " INDEXED BY agent_usage_created_idx", "", 1)

// Stand-ins for queries not generated yet.
const (
	// Project members with their names, for the project page.
	sqlProjectMembers = `SELECT pm.id, pm.user_id, pm.role, u.display_name, u.email
FROM project_members pm JOIN users u ON u.id = pm.user_id
WHERE pm.project_id = ?1
ORDER BY u.display_name, pm.id`

	// The dependencies whose two ends belong to the project (the existing app loads the
	// whole table and filters in memory).
	sqlProjectDependencies = `SELECT d.id, d.predecessor_id, d.successor_id, d.type, d.lag_days
FROM schedule_tasks p
JOIN task_dependencies d ON d.predecessor_id = p.id
JOIN schedule_tasks s ON s.id = d.successor_id
WHERE p.project_id = ?1 AND s.project_id = ?1
ORDER BY d.id`

	// Overview counters of the project page; ?2 is today, ?3..?7 the weekdays of the
	// current week.
	sqlOverviewStats = `SELECT COUNT(*),
  COALESCE(SUM(status = 'COMPLETE'), 0),
  COALESCE(SUM(status <> 'COMPLETE' AND end_date_calculated < ?2), 0),
  COALESCE(SUM(status <> 'COMPLETE' AND end_date_calculated = ?2), 0),
  COALESCE(SUM(is_milestone = 1 AND start_date >= ?2 AND status <> 'COMPLETE'), 0),
  COALESCE(SUM(start_date <= ?3 AND end_date_calculated >= ?3), 0),
  COALESCE(SUM(start_date <= ?4 AND end_date_calculated >= ?4), 0),
  COALESCE(SUM(start_date <= ?5 AND end_date_calculated >= ?5), 0),
  COALESCE(SUM(start_date <= ?6 AND end_date_calculated >= ?6), 0),
  COALESCE(SUM(start_date <= ?7 AND end_date_calculated >= ?7), 0)
FROM schedule_tasks
WHERE project_id = ?1`

	sqlPhaseStats = `SELECT phase, COUNT(*), COALESCE(SUM(status = 'COMPLETE'), 0)
FROM schedule_tasks
WHERE project_id = ?1
GROUP BY phase
ORDER BY phase`

	sqlRecentTasks = "SELECT " + taskColumns + ` FROM schedule_tasks
WHERE project_id = ?1
ORDER BY updated_at DESC
LIMIT 5`

	// Active users with their teams and groups (JSON arrays) and membership counts, in one
	// statement instead of the existing app's 1 + 4N.
	sqlUsersWithRelations = `SELECT u.id, u.email, u.display_name, u.role, u.is_active, u.last_login_at,
  (SELECT json_group_array(json_object('id', t.id, 'name', t.name))
     FROM team_members tm JOIN teams t ON t.id = tm.team_id WHERE tm.user_id = u.id) AS teams,
  (SELECT json_group_array(json_object('id', g.id, 'name', g.name, 'color', g.color))
     FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.user_id = u.id) AS groups,
  (SELECT COUNT(*) FROM project_members pm WHERE pm.user_id = u.id) AS project_count,
  (SELECT COUNT(*) FROM organization_members om WHERE om.user_id = u.id) AS organization_count
FROM users u
WHERE u.is_active = 1
ORDER BY u.display_name, u.id`

	// AI usage per user per calendar month (UTC), since ?1: the text of the generated
	// ListUsageCostByUserMonth (landed on main), whose INDEXED BY keeps SQLite from walking
	// the whole (user_id, created_at) index. sqlUsagePerUserMonthNoHint is the same
	// without the hint, for the existing schema (which has no such index) and for the
	// proposed covering index.
	sqlUsagePerUserMonth = `SELECT
  user_id,
  CAST(substr(created_at, 1, 7) AS TEXT) AS month,
  COUNT(*) AS requests,
  CAST(coalesce(SUM(total_tokens), 0) AS INTEGER) AS total_tokens,
  CAST(coalesce(SUM(CAST(estimated_cost AS REAL)), 0) AS REAL) AS cost
FROM agent_usage INDEXED BY agent_usage_created_idx
WHERE created_at >= ?1
GROUP BY user_id, month
ORDER BY user_id, month`

	// A project's financial totals by document kind and status.
	sqlFinancialTotals = `SELECT 'invoice', status, COUNT(*), ROUND(SUM(total), 2), ROUND(SUM(amount_paid), 2), ROUND(SUM(amount_due), 2)
FROM invoices WHERE project_id = ?1 GROUP BY status
UNION ALL
SELECT 'vendor_bill', status, COUNT(*), ROUND(SUM(total), 2), ROUND(SUM(amount_paid), 2), ROUND(SUM(amount_due), 2)
FROM vendor_bills WHERE project_id = ?1 GROUP BY status
UNION ALL
SELECT 'payment', payment_type, COUNT(*), ROUND(SUM(amount), 2), ROUND(SUM(amount), 2), 0.0
FROM payments WHERE project_id = ?1 GROUP BY payment_type
ORDER BY 1, 2`

	// The generated CheckNewTaskDependency (landed on main): both tasks' projects, and
	// whether predecessor ?1 is reachable from successor ?2, i.e. whether the edge would
	// close a cycle.
	sqlWouldCycle = `WITH RECURSIVE reach(id) AS (
  SELECT CAST(?2 AS TEXT)
  UNION
  SELECT d.successor_id FROM task_dependencies AS d JOIN reach AS r ON d.predecessor_id = r.id
)
SELECT p.project_id AS predecessor_project_id, s.project_id AS successor_project_id,
  EXISTS (SELECT 1 FROM reach WHERE reach.id = p.id) AS creates_cycle
FROM schedule_tasks AS p, schedule_tasks AS s
WHERE p.id = ?1 AND s.id = ?2`
)
