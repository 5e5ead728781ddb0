package compassdb_test

import (
	"database/sql"
	"fmt"
	"slices"
	"testing"

	"github.com/compass-eng/compassdb"
)

// foreignKey is a foreign key of the data model: child.column → parent.id.
type foreignKey struct {
	child, column, parent, onDelete string
}

const (
	cascade  = "CASCADE"
	noAction = "NO ACTION"
)

// dataModelForeignKeys are the 46 foreign keys of the Compass data model (the reference
// data-model.md, "key / reference" column), each referencing the parent's id. A database
// made by the existing system has exactly these; ours must too.
var dataModelForeignKeys = []foreignKey{
	// 1. core
	{"organization_members", "organization_id", "organizations", cascade},
	{"organization_members", "user_id", "users", cascade},
	{"teams", "organization_id", "organizations", cascade},
	{"team_members", "team_id", "teams", cascade},
	{"team_members", "user_id", "users", cascade},
	{"groups", "organization_id", "organizations", cascade},
	{"group_members", "group_id", "groups", cascade},
	{"group_members", "user_id", "users", cascade},
	{"projects", "organization_id", "organizations", noAction},
	{"project_members", "project_id", "projects", cascade},
	{"project_members", "user_id", "users", cascade},
	{"schedule_tasks", "project_id", "projects", cascade},
	{"task_dependencies", "predecessor_id", "schedule_tasks", cascade},
	{"task_dependencies", "successor_id", "schedule_tasks", cascade},
	{"workday_exceptions", "project_id", "projects", cascade},
	{"schedule_baselines", "project_id", "projects", cascade},
	{"agent_conversations", "user_id", "users", cascade},
	{"agent_memories", "conversation_id", "agent_conversations", cascade},
	{"agent_memories", "user_id", "users", cascade},
	{"feedback_interviews", "user_id", "users", noAction},
	{"slab_memories", "user_id", "users", cascade},
	{"push_tokens", "user_id", "users", cascade},
	// 2. netsuite
	{"invoices", "customer_id", "customers", noAction},
	{"invoices", "project_id", "projects", noAction},
	{"vendor_bills", "vendor_id", "vendors", noAction},
	{"vendor_bills", "project_id", "projects", noAction},
	{"payments", "customer_id", "customers", noAction},
	{"payments", "vendor_id", "vendors", noAction},
	{"payments", "project_id", "projects", noAction},
	{"credit_memos", "customer_id", "customers", noAction},
	{"credit_memos", "project_id", "projects", noAction},
	// 3. plugins
	{"plugins", "enabled_by", "users", noAction},
	{"plugin_config", "plugin_id", "plugins", cascade},
	{"plugin_events", "plugin_id", "plugins", cascade},
	{"plugin_events", "user_id", "users", noAction},
	// 4. agent
	{"agent_items", "user_id", "users", cascade},
	// 5. ai_config
	{"agent_config", "updated_by", "users", noAction},
	{"user_model_preference", "user_id", "users", noAction},
	{"agent_usage", "conversation_id", "agent_conversations", cascade},
	{"agent_usage", "user_id", "users", noAction},
	// 6. theme
	{"custom_themes", "user_id", "users", cascade},
	{"user_theme_preference", "user_id", "users", cascade},
	// 7. google
	{"google_auth", "organization_id", "organizations", cascade},
	{"google_auth", "connected_by", "users", noAction},
	{"google_starred_files", "user_id", "users", cascade},
	// 8. dashboards
	{"custom_dashboards", "user_id", "users", cascade},
}

// fkCopyValues are further columns a copy of the child row needs so that only the foreign
// key can fail: a payment with a vendor is a payment sent, with no customer
// (payments_counterparty_check).
var fkCopyValues = map[string]map[string]any{
	"payments.vendor_id": {"payment_type": "sent", "customer_id": nil},
}

func (fk foreignKey) String() string {
	return fmt.Sprintf("%s.%s → %s.id ON DELETE %s", fk.child, fk.column, fk.parent, fk.onDelete)
}

func TestForeignKeys(t *testing.T) {
	t.Parallel()
	d := openTestDB(t)
	s := d.s

	t.Run("schema has exactly the data model's foreign keys", func(t *testing.T) {
		var want, got []string
		for _, fk := range dataModelForeignKeys {
			want = append(want, fk.String())
		}
		for _, tbl := range s.Tables {
			for _, fk := range tbl.ForeignKeys {
				if fk.ParentColumn != "id" {
					t.Errorf("%s.%s references %s.%s, want %s.id", fk.Table, fk.Column, fk.Parent, fk.ParentColumn, fk.Parent)
				}
				got = append(got, foreignKey{fk.Table, fk.Column, fk.Parent, fk.OnDelete}.String())
			}
		}
		if len(want) != 46 {
			t.Errorf("the data model has 46 foreign keys, the table in this test %d", len(want))
		}
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("missing: %s", w)
			}
		}
		for _, g := range got {
			if !slices.Contains(want, g) {
				t.Errorf("not in the data model: %s", g)
			}
		}
	})

	counts := map[string]int{}
	for _, fk := range dataModelForeignKeys {
		t.Run(fk.child+"."+fk.column, func(t *testing.T) {
			if tbl := s.Table(fk.child); tbl == nil || tbl.ForeignKey(fk.column) == nil {
				t.Fatalf("no foreign key on %s.%s in the schema", fk.child, fk.column)
			}
			_, childPK := d.primaryKey(t, fk.child)
			_, parentPK := d.primaryKey(t, fk.parent)
			set := func(parentID any) map[string]any {
				m := map[string]any{fk.column: parentID}
				for col, v := range fkCopyValues[fk.child+"."+fk.column] {
					m[col] = v
				}
				return m
			}

			t.Run("orphan insert", func(t *testing.T) {
				d.inTx(t, func(tx *sql.Tx, c *copier) {
					in := c.prepare(fk.child, childPK, set("missing-"+fk.parent))
					before := d.snapshot(t, tx)
					_, err := in.exec(tx)
					wantClassified(t, err, compassdb.ErrForeignKeyViolation)
					if diff := before.diff(d.snapshot(t, tx)); diff != "" {
						t.Errorf("the failed insert changed the database:\n%s", diff)
					}
				})
			})

			t.Run("delete parent", func(t *testing.T) {
				d.inTx(t, func(tx *sql.Tx, c *copier) {
					// A new parent row with one child, so that this foreign key alone decides.
					parent := c.copy(fk.parent, parentPK, nil)
					child := c.copy(fk.child, childPK, set(parent))
					before := d.snapshot(t, tx)
					res, err := tx.ExecContext(bg, fmt.Sprintf("DELETE FROM %s WHERE id = ?", quoteIdent(fk.parent)), parent)
					after := d.snapshot(t, tx)
					switch fk.onDelete {
					case cascade:
						if err != nil {
							t.Fatalf("delete %s %s: %v", fk.parent, parent, err)
						}
						if n, _ := res.RowsAffected(); n != 1 {
							t.Errorf("deleted %d rows, want 1", n)
						}
						want := before.without([2]string{fk.parent, parent}, [2]string{fk.child, child})
						if diff := want.diff(after); diff != "" {
							t.Errorf("ON DELETE CASCADE removed other than the parent and its child:\n%s", diff)
						}
					case noAction:
						wantClassified(t, err, compassdb.ErrForeignKeyViolation)
						if diff := before.diff(after); diff != "" {
							t.Errorf("the refused delete changed the database:\n%s", diff)
						}
					default:
						t.Fatalf("no test for ON DELETE %s", fk.onDelete)
					}
				})
			})
			if !t.Failed() {
				counts[fk.onDelete]++
			}
		})
	}
	t.Logf("foreign keys tested: %d (%d CASCADE, %d NO ACTION), each with an orphan insert and a parent delete",
		counts[cascade]+counts[noAction], counts[cascade], counts[noAction])
}
