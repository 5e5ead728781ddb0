package bench

import (
	"context"
	"database/sql"
	"reflect"
	"testing"

	"github.com/compass-eng/compassdb"
)

// TestTinyDataset builds the CI data set into both schemas and checks that it is valid
// (foreign keys, the library's CHECK constraints) and deterministic.
func TestTinyDataset(t *testing.T) {
	ctx := context.Background()
	d, err := BuildBoth(ctx, t.TempDir(), Sizes["tiny"])
	if err != nil {
		t.Fatal(err)
	}
	m2, err := Generate(Sizes["tiny"], func(string, []any) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d.Manifest, m2) {
		t.Errorf("the generator is not deterministic: two runs gave different manifests")
	}

	h, err := compassdb.Open(ctx, d.Library, compassdb.Options{})
	if err != nil {
		t.Fatalf("the library database is not current: %v", err)
	}
	defer h.Close()
	for _, path := range []string{d.Library, d.Legacy} {
		conn, err := sql.Open("sqlite3", "file:"+path+"?_query_only=1")
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		rows, err := conn.Query("PRAGMA foreign_key_check")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var table, parent string
			var rowid, fkid sql.NullInt64
			rows.Scan(&table, &rowid, &parent, &fkid)
			t.Errorf("%s: foreign key violation: %s row %d -> %s", path, table, rowid.Int64, parent)
			break
		}
		rows.Close()
		counts := map[string]int{}
		for _, q := range []struct{ name, sql string }{
			{"tasks", "SELECT COUNT(*) FROM schedule_tasks"},
			{"huge", "SELECT COUNT(*) FROM schedule_tasks WHERE project_id = '" + d.Manifest.ProjectHuge + "'"},
			{"large", "SELECT COUNT(*) FROM schedule_tasks WHERE project_id = '" + d.Manifest.ProjectLarge + "'"},
			{"conversation", "SELECT COUNT(*) FROM agent_memories WHERE conversation_id = '" + d.Manifest.ConversationID + "'"},
			{"usage", "SELECT COUNT(*) FROM agent_usage"},
		} {
			var n int
			if err := conn.QueryRow(q.sql).Scan(&n); err != nil {
				t.Fatal(err)
			}
			counts[q.name] = n
		}
		want := map[string]int{"tasks": 6000, "huge": ProbeHuge, "large": ProbeLarge, "conversation": ProbeMessages, "usage": 20000}
		if !reflect.DeepEqual(counts, want) {
			t.Errorf("%s: counts %v, want %v", path, counts, want)
		}
		var deps float64
		if err := conn.QueryRow("SELECT CAST(COUNT(*) AS REAL) / (SELECT COUNT(*) FROM schedule_tasks) FROM task_dependencies").Scan(&deps); err != nil {
			t.Fatal(err)
		}
		if deps < 1.3 || deps > 1.7 {
			t.Errorf("%s: %.2f dependencies per task, want about 1.5", path, deps)
		}
	}
}

// TestLegacyDDL checks that the existing schema has no secondary index besides the two
// unique ones of the existing migrations.
func TestLegacyDDL(t *testing.T) {
	d := t.TempDir() + "/legacy.db"
	if _, err := Build(context.Background(), d, LegacySchema, Size{Name: "x", Projects: 4, Tasks: ProbeSmall + ProbeLarge + ProbeHuge, Users: 2, Orgs: 1, Customers: 1, Vendors: 1, Financial: 1, Conversations: 2, Messages: ProbeMessages, Usage: 1}); err != nil {
		t.Fatal(err)
	}
	conn, err := sql.Open("sqlite3", "file:"+d)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		got = append(got, n)
	}
	want := []string{"organizations_slug_unique", "users_email_unique"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("legacy indexes %v, want %v", got, want)
	}
}
