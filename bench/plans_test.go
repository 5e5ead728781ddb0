package bench

import (
	"database/sql"
	"strings"
	"testing"
)

// planQueries are the benchmarked statements with sample arguments.
func planQueries(e *env) []struct {
	name, sql string
	args      []any
} {
	m := e.d.Manifest
	return []struct {
		name, sql string
		args      []any
	}{
		{"pk lookup", sqlGetScheduleTask, []any{m.LookupTaskIDs[0]}},
		{"tasks of a project", sqlListTasksByProj, []any{m.ProjectLarge}},
		{"project members", sqlProjectMembers, []any{m.ProjectLarge}},
		{"project dependencies", sqlProjectDependencies, []any{m.ProjectLarge}},
		{"project exceptions", sqlListExceptions, []any{m.ProjectLarge}},
		{"overview stats", sqlOverviewStats, weekArgs(m.ProjectLarge, e.today)},
		{"phase stats", sqlPhaseStats, []any{m.ProjectLarge}},
		{"recent tasks", sqlRecentTasks, []any{m.ProjectLarge}},
		{"users with relations", sqlUsersWithRelations, nil},
		{"conversation messages", sqlListMessages, []any{m.ConversationID, m.ConversationOwner}},
		{"usage per user per month", sqlUsagePerUserMonth, []any{usageSince(e)}},
		{"financial totals", sqlFinancialTotals, []any{m.ProjectLarge}},
		{"cycle check", sqlWouldCycle, []any{m.HugeTaskIDs[0], m.HugeTaskIDs[100]}},
	}
}

func plan(t testing.TB, conn *sql.DB, query string, args ...any) []string {
	rows, err := conn.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("explain: %v", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		out = append(out, detail)
	}
	return out
}

// TestQueryPlans logs the plan of every benchmarked statement in both schemas (run with
// -v) and fails if a library-schema plan scans a whole table that the operation only
// needs a slice of.
func TestQueryPlans(t *testing.T) {
	e := getEnv(t)
	// Whole-table work that is inherent to the operation (it aggregates everything).
	allowed := map[string]bool{"users with relations": true, "usage per user per month": true}
	for _, q := range planQueries(e) {
		for _, s := range []struct {
			name string
			conn *sql.DB
		}{{"library", e.hand}, {"library+idx", e.proposedDB(t).ReadDB()}, {"legacy", e.legacy}} {
			query := q.sql
			if query == sqlUsagePerUserMonth && s.name != "library" {
				query = sqlUsagePerUserMonthNoHint // no agent_usage_created_idx hint: see sql.go
			}
			p := plan(t, s.conn, query, q.args...)
			t.Logf("%s [%s]:\n    %s", q.name, s.name, strings.Join(p, "\n    "))
			if s.name != "library" || allowed[q.name] {
				continue
			}
			for _, step := range p {
				// The recursive CTE's own queue (reach, aliased r) is scanned by design.
				if strings.HasPrefix(step, "SCAN ") && step != "SCAN r" && step != "SCAN reach" && step != "SCAN CONSTANT ROW" {
					t.Errorf("%s: the library schema scans: %q", q.name, step)
				}
			}
		}
	}
}
