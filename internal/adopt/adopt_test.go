package adopt_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/internal/adopt"
	"github.com/compass-eng/compassdb/internal/seed"
)

// reference is testdata/reference-schema.json, a copy of the existing system's data
// model (shared/spec/reference-schema.json): its tables, columns, defaults, foreign keys
// and unique columns, as read off a database built by that system's migrations.
type reference struct {
	Groups []struct {
		Name   string   `json:"name"`
		Tables []string `json:"tables"`
	} `json:"groups"`
	Tables map[string]struct {
		Columns []struct {
			Name    string  `json:"name"`
			Type    string  `json:"type"`
			NotNull bool    `json:"notnull"`
			Default *string `json:"default"`
			PK      bool    `json:"pk"`
		} `json:"columns"`
		ForeignKeys []struct {
			Column, Table, To string
			OnDelete          string `json:"on_delete"`
		} `json:"foreign_keys"`
		Unique [][]string `json:"unique"`
	} `json:"tables"`
}

func loadReference(t *testing.T) reference {
	t.Helper()
	b, err := os.ReadFile("testdata/reference-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var r reference
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// legacyDDL is the existing system's DDL as drizzle writes it: column constraints inline,
// booleans defaulting to true/false, foreign keys as table constraints, the two unique
// indexes and nothing else (no CHECKs, no other indexes, no schema_migrations).
func legacyDDL(r reference) []string {
	var out []string
	for _, g := range r.Groups {
		for _, name := range g.Tables {
			t := r.Tables[name]
			var parts []string
			for _, c := range t.Columns {
				p := fmt.Sprintf("`%s` %s", c.Name, strings.ToLower(c.Type))
				if c.PK {
					p += " PRIMARY KEY"
				}
				if c.NotNull {
					p += " NOT NULL"
				}
				if c.Default != nil {
					p += " DEFAULT " + *c.Default
				}
				parts = append(parts, p)
			}
			for _, fk := range t.ForeignKeys {
				parts = append(parts, fmt.Sprintf("FOREIGN KEY (`%s`) REFERENCES `%s`(`%s`) ON UPDATE no action ON DELETE %s", fk.Column, fk.Table, fk.To, strings.ToLower(fk.OnDelete)))
			}
			out = append(out, fmt.Sprintf("CREATE TABLE `%s` (\n\t%s\n)", name, strings.Join(parts, ",\n\t")))
			for _, u := range t.Unique {
				out = append(out, fmt.Sprintf("CREATE UNIQUE INDEX `%s_%s_unique` ON `%s` (`%s`)", name, strings.Join(u, "_"), name, strings.Join(u, "`,`")))
			}
		}
	}
	return out
}

func exec(t *testing.T, conn *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := conn.Exec(s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
}

// legacyDB builds the existing system's database at a new path: its DDL, the demo data
// set copied in table by table (every table gets rows), and rows written the way the
// existing system writes them (ids like user-1, timestamps with and without
// milliseconds, YYYY-MM-DD dates, the legacy "" due date, the bare `prompt` capability).
func legacyDB(t *testing.T, r reference) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo.db")
	h, err := compassdb.Open(ctx, demo, compassdb.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Tx(ctx, func(q *db.Queries) error {
		_, err := seed.Fill(ctx, q, seed.Options{Projects: 2, TasksPerProject: 6, Users: 4})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	h.Close()

	path := filepath.Join(dir, "legacy.db")
	conn, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetMaxOpenConns(1)
	exec(t, conn, legacyDDL(r)...)
	exec(t, conn, "CREATE TABLE d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)",
		"INSERT INTO d1_migrations (name) VALUES ('0000_init.sql')")
	exec(t, conn, "ATTACH DATABASE '"+demo+"' AS demo")
	for _, g := range r.Groups {
		for _, name := range g.Tables {
			var cols []string
			for _, c := range r.Tables[name].Columns {
				cols = append(cols, "`"+c.Name+"`")
			}
			l := strings.Join(cols, ", ")
			exec(t, conn, fmt.Sprintf("INSERT INTO main.`%s` (%s) SELECT %s FROM demo.`%s`", name, l, l, name))
		}
	}
	exec(t, conn, "DETACH DATABASE demo")
	exec(t, conn,
		// Rows as the existing system writes them, relying on its DDL defaults.
		`INSERT INTO users (id, email, first_name, role, created_at, updated_at) VALUES
			('user-1', 'pat@legacy.example', 'Pat', 'admin', '2025-01-05T09:00:00Z', '2025-01-05T09:00:00.000Z')`,
		`INSERT INTO organizations (id, name, slug, type, created_at, updated_at) VALUES ('org-1', 'Legacy Co', 'legacy-co', 'internal', '2025-01-05T09:00:00Z', '2025-01-05T09:00:00Z')`,
		`INSERT INTO organization_members VALUES ('om-1', 'org-1', 'user-1', 'admin', '2025-01-05T09:00:00Z')`,
		`INSERT INTO projects (id, name, created_at, organization_id) VALUES ('proj-1', 'Legacy Project', '2025-01-06T10:30:00.123Z', 'org-1')`,
		`INSERT INTO schedule_tasks (id, project_id, title, start_date, workdays, end_date_calculated, phase, created_at, updated_at) VALUES
			('task-n001-001', 'proj-1', 'Dig', '2025-02-03', 3, '2025-02-05', 'sitework', '2025-01-06T10:30:00Z', '2025-01-06T10:30:00Z'),
			('task-n001-002', 'proj-1', 'Pour', '2025-02-06', 1, '2025-02-06', 'foundation', '2025-01-06T10:30:00Z', '2025-01-06T10:30:00Z')`,
		`INSERT INTO task_dependencies (id, predecessor_id, successor_id) VALUES ('dep-1', 'task-n001-001', 'task-n001-002')`,
		`INSERT INTO customers (id, name, created_at) VALUES ('cust-001', 'Legacy Customer', '2025-01-07T08:00:00Z')`,
		`INSERT INTO invoices (id, customer_id, project_id, issue_date, due_date, subtotal, tax, total, amount_due, line_items, created_at, updated_at) VALUES
			('inv-1', 'cust-001', 'proj-1', '2025-02-01', '', 100.5, 8.04, 108.54, 108.54, '[{"description":"Dig","quantity":1,"rate":100.5,"amount":100.5}]', '2025-02-01T00:00:00Z', '2025-02-01T00:00:00Z')`,
		`INSERT INTO plugins (id, name, version, source, source_type, capabilities, installed_at, updated_at) VALUES
			('skill-1', 'estimating', '1.0.0', 'skills:estimating', 'skills', 'prompt', '2025-01-08T00:00:00Z', '2025-01-08T00:00:00Z')`,
		`INSERT INTO agent_config (id, model_id, model_name, provider, prompt_cost, completion_cost, context_length, updated_by, updated_at)
			SELECT 'global', 'x', 'x', 'x', '0', '0', 1, 'user-1', '2025-01-08T00:00:00Z' WHERE NOT EXISTS (SELECT 1 FROM agent_config)`,
	)
	return path
}

func counts(t *testing.T, path string) map[string]int64 {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('schema_migrations', 'd1_migrations')`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	out := map[string]int64{}
	for _, n := range names {
		var c int64
		if err := conn.QueryRow(`SELECT count(*) FROM "` + n + `"`).Scan(&c); err != nil {
			t.Fatal(err)
		}
		out[n] = c
	}
	return out
}

// TestLegacySchemaIsTheReference checks the premise of adopt: migrations up to
// LegacyVersion have exactly the existing system's tables and columns.
func TestLegacySchemaIsTheReference(t *testing.T) {
	r := loadReference(t)
	path := filepath.Join(t.TempDir(), "legacy.db")
	if err := compassdb.MigrateTo(context.Background(), path, adopt.LegacyVersion); err != nil {
		t.Fatal(err)
	}
	conn, _ := sql.Open("sqlite3", path)
	defer conn.Close()
	for name, table := range r.Tables {
		var want, got []string
		for _, c := range table.Columns {
			want = append(want, c.Name)
		}
		rows, err := conn.Query(`SELECT name FROM pragma_table_info(?)`, name)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var n string
			rows.Scan(&n)
			got = append(got, n)
		}
		rows.Close()
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(want, got) {
			t.Errorf("%s: reference columns %v, migrations %v", name, want, got)
		}
	}
}

func TestAdoptKeepsEveryRow(t *testing.T) {
	ctx := context.Background()
	r := loadReference(t)
	path := legacyDB(t, r)
	before := counts(t, path)

	res, err := adopt.Run(ctx, path, adopt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 || !res.Adopted {
		t.Fatalf("not adopted: %v", res.Problems)
	}
	if _, err := os.Stat(res.Backup); err != nil {
		t.Errorf("backup: %v", err)
	}
	after := counts(t, path)
	for table, n := range before {
		if after[table] != n || n == 0 {
			t.Errorf("%s: %d rows before, %d after", table, n, after[table])
		}
	}
	if !slices.ContainsFunc(res.Notes, func(n string) bool { return strings.HasPrefix(n, "d1_migrations") }) {
		t.Errorf("notes do not mention d1_migrations: %v", res.Notes)
	}

	// The adopted file is a current compassdb database: Open without migrating, and the
	// typed queries read the legacy-format rows.
	h, err := compassdb.Open(ctx, path, compassdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	q := h.Reader()
	u, err := q.GetUser(ctx, "user-1")
	if err != nil || !u.IsActive || u.Role != "admin" || u.CreatedAt.Year() != 2025 {
		t.Errorf("user-1: %+v %v", u, err)
	}
	tasks, err := q.ListScheduleTasksByProject(ctx, "proj-1")
	if err != nil || len(tasks) != 2 || tasks[0].Status != "PENDING" || tasks[0].StartDate.String() != "2025-02-03" || tasks[0].IsMilestone {
		t.Errorf("tasks of proj-1: %+v %v", tasks, err)
	}
	inv, err := q.GetInvoice(ctx, "inv-1")
	if err != nil || inv.DueDate.Valid || inv.Total.String() != "108.54" || len(*inv.LineItems) != 1 || inv.Status != "draft" {
		t.Errorf("inv-1: %+v %v", inv, err)
	}
	pl, err := q.GetPlugin(ctx, "skill-1")
	if err != nil || len(pl.Capabilities) != 1 || pl.Capabilities[0] != "prompt" {
		t.Errorf("skill-1: %+v %v", pl, err)
	}
	// Every row of every table reads through the typed model (adopt checked it, and here
	// the Go queries do it for a few list queries as well).
	org, err := q.GetOrganizationBySlug(ctx, "maple-builders")
	if err != nil {
		t.Fatal(err)
	}
	projects, err := q.ListProjectsByOrganization(ctx, &org.ID)
	if err != nil || len(projects) != 2 {
		t.Fatalf("projects: %d %v", len(projects), err)
	}
	for _, p := range projects {
		if _, err := q.ListScheduleTasksByProject(ctx, p.ID); err != nil {
			t.Error(err)
		}
		if _, err := q.ListInvoicesByProject(ctx, db.ListInvoicesByProjectParams{ProjectID: p.ID, Limit: -1}); err != nil {
			t.Error(err)
		}
	}
	var fk int
	if err := h.ReadDB().QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil || fk != 0 {
		t.Errorf("foreign_key_check: %d %v", fk, err)
	}
}

func TestAdoptReportsBadRowsAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	r := loadReference(t)
	path := legacyDB(t, r)
	conn, _ := sql.Open("sqlite3", path)
	exec(t, conn,
		`INSERT INTO organization_members VALUES ('om-dup', 'org-1', 'user-1', 'office', '2025-03-01T00:00:00Z')`,
		`UPDATE schedule_tasks SET status = 'DONE' WHERE id = 'task-n001-002'`,
		`UPDATE invoices SET line_items = '[{"description":' WHERE id = 'inv-1'`,
		`INSERT INTO task_dependencies (id, predecessor_id, successor_id) VALUES ('dep-self', 'task-n001-001', 'task-n001-001')`,
		`INSERT INTO customers (id, name, created_at, netsuite_id) VALUES ('cust-a', 'A', '2025-01-07T08:00:00Z', 'NS-9'), ('cust-b', 'B', '2025-01-08T08:00:00Z', 'NS-9')`,
		`INSERT INTO users (id, email, role, created_at, updated_at) VALUES ('user-2', 'x@legacy.example', 'office', 'yesterday', '2025-01-05T09:00:00Z')`,
	)
	conn.Close()
	original, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	res, err := adopt.Run(ctx, path, adopt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Adopted {
		t.Fatal("adopted a database with bad rows")
	}
	var report []string
	for _, p := range res.Problems {
		report = append(report, p.String())
	}
	text := strings.Join(report, "\n")
	for _, want := range []string{
		"organization_members om-1: unique organization_members_org_user_unique",
		"organization_members om-dup: unique organization_members_org_user_unique",
		"schedule_tasks task-n001-002: check schedule_tasks_status_check",
		"invoices inv-1: check invoices_line_items_check",
		"task_dependencies dep-self: check task_dependencies_no_self_check",
		"customers cust-a: unique customers_netsuite_id_unique",
		"customers cust-b: unique customers_netsuite_id_unique",
		"users user-2: type created_at",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	now, _ := os.ReadFile(path)
	if !bytes.Equal(original, now) {
		t.Error("the database file changed")
	}
	if m, _ := filepath.Glob(path + ".*"); len(m) > 0 {
		t.Errorf("files left next to the database: %v", m)
	}

	// Explicit fixes repair what they cover; the rest is still reported.
	res, err = adopt.Run(ctx, path, adopt.Options{Fixes: []string{"merge-duplicate-members", "drop-self-dependencies", "clear-duplicate-netsuite-ids"}})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]bool{}
	for _, p := range res.Problems {
		rows[p.Table+" "+p.ID] = true
	}
	if res.Adopted || len(rows) != 3 {
		t.Fatalf("after fixes, want the 3 rows without a fix: %v", res.Problems)
	}
	if !slices.Contains(res.Notes, "merge-duplicate-members: dropped organization_members om-dup") {
		t.Errorf("notes: %v", res.Notes)
	}
	if now, _ := os.ReadFile(path); !bytes.Equal(original, now) {
		t.Error("the database file changed")
	}
}
