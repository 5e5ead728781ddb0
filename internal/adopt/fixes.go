package adopt

import (
	"context"
	"database/sql"
	"fmt"
)

var memberTables = []struct{ table, parent, joined string }{
	{"organization_members", "organization_id", "joined_at"},
	{"team_members", "team_id", "joined_at"},
	{"group_members", "group_id", "joined_at"},
	{"project_members", "project_id", "assigned_at"},
}

// deleteReturning runs a DELETE … RETURNING id and describes each removed row.
func deleteReturning(ctx context.Context, db *sql.DB, table, where string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `DELETE FROM `+quote(table)+` WHERE `+where+` RETURNING id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("dropped %s %s", table, id))
	}
	return out, rows.Err()
}

func mergeDuplicateMembers(ctx context.Context, db *sql.DB) ([]string, error) {
	var out []string
	for _, m := range memberTables {
		done, err := deleteReturning(ctx, db, m.table, fmt.Sprintf(`id IN (
			SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY %[1]s, user_id ORDER BY %[2]s, id) AS n FROM %[3]s) WHERE n > 1)`,
			quote(m.parent), quote(m.joined), quote(m.table)))
		if err != nil {
			return nil, err
		}
		out = append(out, done...)
	}
	return out, nil
}

func dropSelfDependencies(ctx context.Context, db *sql.DB) ([]string, error) {
	return deleteReturning(ctx, db, "task_dependencies", `predecessor_id = successor_id`)
}

func dropDuplicateDependencies(ctx context.Context, db *sql.DB) ([]string, error) {
	return deleteReturning(ctx, db, "task_dependencies", `id IN (
		SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY predecessor_id, successor_id ORDER BY rowid) AS n FROM task_dependencies) WHERE n > 1)`)
}

var netsuiteTables = []string{"customers", "vendors", "invoices", "vendor_bills", "payments", "credit_memos"}

func clearDuplicateNetsuiteIDs(ctx context.Context, db *sql.DB) ([]string, error) {
	var out []string
	for _, t := range netsuiteTables {
		rows, err := db.QueryContext(ctx, `UPDATE `+quote(t)+` SET netsuite_id = NULL WHERE id IN (
			SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY netsuite_id ORDER BY created_at, id) AS n FROM `+quote(t)+` WHERE netsuite_id IS NOT NULL) WHERE n > 1)
			RETURNING id`)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, fmt.Sprintf("cleared the duplicate netsuite_id of %s %s", t, id))
		}
		rows.Close()
	}
	return out, nil
}
