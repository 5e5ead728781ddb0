package dbtest

import (
	"context"
	"database/sql"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/compass-eng/compassdb/db"
)

// Counter is a db.DBTX that counts the statements sent through it, so a test can prove
// that an operation is one round trip: wrap the pool or transaction, run the query
// through db.New(counter), and compare Statements() with 1.
type Counter struct {
	db.DBTX
	n atomic.Int64
}

// Count wraps dbtx.
func Count(dbtx db.DBTX) *Counter { return &Counter{DBTX: dbtx} }

// Statements is the number of statements sent so far.
func (c *Counter) Statements() int { return int(c.n.Load()) }

func (c *Counter) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	c.n.Add(1)
	return c.DBTX.ExecContext(ctx, query, args...)
}

func (c *Counter) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.DBTX.QueryContext(ctx, query, args...)
}

func (c *Counter) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	c.n.Add(1)
	return c.DBTX.QueryRowContext(ctx, query, args...)
}

// QueryPlan returns the detail lines of EXPLAIN QUERY PLAN for query with args, e.g.
// "SEARCH schedule_tasks USING INDEX schedule_tasks_project_sort_idx (project_id=?)".
func QueryPlan(t testing.TB, conn *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := conn.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("explain: %v", err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return plan
}

// AssertNoScan fails the test if the plan walks the whole of any of tables: a "SCAN t"
// step, with or without an index (a full index scan grows with the table too). Lookups
// are "SEARCH t USING INDEX …". A plan names an aliased table by its alias, so pass the
// aliases the query uses as well as the table names.
func AssertNoScan(t testing.TB, plan []string, tables ...string) {
	t.Helper()
	for _, step := range plan {
		for _, table := range tables {
			if step == "SCAN "+table || strings.HasPrefix(step, "SCAN "+table+" ") {
				t.Errorf("full scan of %s: %q (plan: %q)", table, step, plan)
			}
		}
	}
}
