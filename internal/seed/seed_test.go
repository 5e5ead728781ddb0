package seed_test

import (
	"context"
	"testing"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/internal/dbtest"
	"github.com/compass-eng/compassdb/internal/seed"
)

// TestFillWritesEveryTable fills a migrated database and checks that every table got rows,
// that no foreign key dangles and that the typed queries read the rows back.
func TestFillWritesEveryTable(t *testing.T) {
	ctx := context.Background()
	h := dbtest.Open(t)
	var counts seed.Counts
	var progress int
	err := h.Tx(ctx, func(q *db.Queries) error {
		var err error
		counts, err = seed.Fill(ctx, q, seed.Options{Projects: 3, TasksPerProject: 12, Users: 6, Progress: func(done, total int) { progress = done }})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if progress == 0 {
		t.Error("progress was never reported")
	}
	rows, err := h.ReadDB().QueryContext(ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	if len(tables) != 40 {
		t.Fatalf("%d tables", len(tables))
	}
	for _, table := range tables {
		var n int
		if err := h.ReadDB().QueryRowContext(ctx, `SELECT count(*) FROM "`+table+`"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 || n != counts[table] {
			t.Errorf("%s has %d rows, Fill reports %d", table, n, counts[table])
		}
	}
	fk, err := h.ReadDB().QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	if fk.Next() {
		t.Error("foreign_key_check finds orphans")
	}
	fk.Close()

	r := h.Reader()
	org, err := r.GetOrganizationBySlug(ctx, "maple-builders")
	if err != nil {
		t.Fatal(err)
	}
	projects, err := r.ListProjectsByOrganization(ctx, &org.ID)
	if err != nil || len(projects) != 3 {
		t.Fatalf("ListProjects: %d, %v", len(projects), err)
	}
	tasks, err := r.ListScheduleTasksByProject(ctx, projects[0].ID)
	if err != nil || len(tasks) != 12 {
		t.Fatalf("tasks: %d, %v", len(tasks), err)
	}
	for i := 1; i < len(tasks); i++ {
		if !tasks[i].StartDate.After(tasks[i-1].EndDateCalculated) {
			t.Errorf("task %d starts %s, before its predecessor ends %s", i, tasks[i].StartDate, tasks[i-1].EndDateCalculated)
		}
	}
	invoices, err := r.ListInvoicesByProject(ctx, db.ListInvoicesByProjectParams{ProjectID: projects[0].ID, Limit: -1})
	if err != nil || len(invoices) != 2 {
		t.Fatalf("invoices: %d, %v", len(invoices), err)
	}
	for _, inv := range invoices {
		if inv.Total != inv.Subtotal+inv.Tax || inv.AmountDue != inv.Total-inv.AmountPaid {
			t.Errorf("invoice %s does not add up: %+v", inv.ID, inv)
		}
	}
}

func TestFillIsDeterministic(t *testing.T) {
	ctx := context.Background()
	ids := func() []string {
		h := dbtest.Open(t)
		if err := h.Tx(ctx, func(q *db.Queries) error {
			_, err := seed.Fill(ctx, q, seed.Options{Projects: 1, TasksPerProject: 3, Users: 2, Seed: 7})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		org, err := h.Reader().GetOrganizationBySlug(ctx, "maple-builders")
		if err != nil {
			t.Fatal(err)
		}
		ps, err := h.Reader().ListProjectsByOrganization(ctx, &org.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	a, b := ids(), ids()
	if len(a) != 1 || a[0] != b[0] {
		t.Errorf("same seed gave %v and %v", a, b)
	}
}
