package compassdb_test

import (
	"database/sql/driver"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// models maps every table to its generated model.
var models = map[string]reflect.Type{
	"users":                  reflect.TypeFor[db.User](),
	"organizations":          reflect.TypeFor[db.Organization](),
	"organization_members":   reflect.TypeFor[db.OrganizationMember](),
	"teams":                  reflect.TypeFor[db.Team](),
	"team_members":           reflect.TypeFor[db.TeamMember](),
	"groups":                 reflect.TypeFor[db.Group](),
	"group_members":          reflect.TypeFor[db.GroupMember](),
	"projects":               reflect.TypeFor[db.Project](),
	"project_members":        reflect.TypeFor[db.ProjectMember](),
	"schedule_tasks":         reflect.TypeFor[db.ScheduleTask](),
	"task_dependencies":      reflect.TypeFor[db.TaskDependency](),
	"workday_exceptions":     reflect.TypeFor[db.WorkdayException](),
	"schedule_baselines":     reflect.TypeFor[db.ScheduleBaseline](),
	"customers":              reflect.TypeFor[db.Customer](),
	"vendors":                reflect.TypeFor[db.Vendor](),
	"feedback":               reflect.TypeFor[db.Feedback](),
	"agent_conversations":    reflect.TypeFor[db.AgentConversation](),
	"agent_memories":         reflect.TypeFor[db.AgentMemory](),
	"feedback_interviews":    reflect.TypeFor[db.FeedbackInterview](),
	"slab_memories":          reflect.TypeFor[db.SlabMemory](),
	"push_tokens":            reflect.TypeFor[db.PushToken](),
	"netsuite_auth":          reflect.TypeFor[db.NetsuiteAuth](),
	"netsuite_sync_metadata": reflect.TypeFor[db.NetsuiteSyncMetadata](),
	"netsuite_sync_log":      reflect.TypeFor[db.NetsuiteSyncLog](),
	"invoices":               reflect.TypeFor[db.Invoice](),
	"vendor_bills":           reflect.TypeFor[db.VendorBill](),
	"payments":               reflect.TypeFor[db.Payment](),
	"credit_memos":           reflect.TypeFor[db.CreditMemo](),
	"plugins":                reflect.TypeFor[db.Plugin](),
	"plugin_config":          reflect.TypeFor[db.PluginConfig](),
	"plugin_events":          reflect.TypeFor[db.PluginEvent](),
	"agent_items":            reflect.TypeFor[db.AgentItem](),
	"agent_config":           reflect.TypeFor[db.AgentConfig](),
	"user_model_preference":  reflect.TypeFor[db.UserModelPreference](),
	"agent_usage":            reflect.TypeFor[db.AgentUsage](),
	"custom_themes":          reflect.TypeFor[db.CustomTheme](),
	"user_theme_preference":  reflect.TypeFor[db.UserThemePreference](),
	"google_auth":            reflect.TypeFor[db.GoogleAuth](),
	"google_starred_files":   reflect.TypeFor[db.GoogleStarredFile](),
	"custom_dashboards":      reflect.TypeFor[db.CustomDashboard](),
}

var (
	typeTimestamp = reflect.TypeFor[dbtypes.Timestamp]()
	typeDate      = reflect.TypeFor[dbtypes.Date]()
	typeNullDate  = reflect.TypeFor[dbtypes.NullDate]()
	typeMoney     = reflect.TypeFor[dbtypes.Money]()
	typeValuer    = reflect.TypeFor[driver.Valuer]()

	storedTimestamp = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`)
	storedDate      = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// base is a field type without its pointer.
func base(t reflect.Type) reflect.Type {
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}

// storageFits reports whether a Go field type can hold what a column of the declared
// type stores.
func storageFits(declared string, t reflect.Type) bool {
	t = base(t)
	switch declared {
	case "TEXT":
		return t.Kind() == reflect.String || t == typeTimestamp || t == typeDate || t == typeNullDate ||
			(t.PkgPath() == typeMoney.PkgPath() && t.Implements(typeValuer) && t != typeMoney)
	case "INTEGER":
		return t.Kind() == reflect.Int64 || t.Kind() == reflect.Bool
	case "REAL":
		return t.Kind() == reflect.Float64 || t == typeMoney
	}
	return false
}

func TestModelsMatchSchema(t *testing.T) {
	t.Parallel()
	h := dbtest.Open(t)
	s := readSchema(t, h)
	if names := slices.Sorted(func(yield func(string) bool) {
		for name := range models {
			if !yield(name) {
				return
			}
		}
	}); !slices.Equal(names, s.TableNames()) {
		t.Fatalf("models cover %q\nthe schema has %q", names, s.TableNames())
	}
	for _, tbl := range s.Tables {
		t.Run(tbl.Name, func(t *testing.T) {
			model := models[tbl.Name]
			if model.NumField() != len(tbl.Columns) {
				t.Errorf("%s has %d fields, the table %d columns", model, model.NumField(), len(tbl.Columns))
			}
			for i, col := range tbl.Columns {
				if i >= model.NumField() {
					break
				}
				field := model.Field(i)
				if field.Name != goName(col.Name) {
					t.Errorf("field %d is %s, want %s for column %s", i, field.Name, goName(col.Name), col.Name)
					continue
				}
				if nullable := isNullable(field.Type); nullable == col.NotNull {
					t.Errorf("%s.%s: column NOT NULL = %v, but field %s has type %s", tbl.Name, col.Name, col.NotNull, field.Name, field.Type)
				}
				if field.Type == typeNullDate && col.NotNull {
					t.Errorf("%s.%s: NullDate for a NOT NULL column", tbl.Name, col.Name)
				}
				if !storageFits(col.Type, field.Type) {
					t.Errorf("%s.%s: declared %s, but field %s has type %s", tbl.Name, col.Name, col.Type, field.Name, field.Type)
				}
				if col.Type == "TEXT" && strings.HasSuffix(col.Name, "_at") && base(field.Type) != typeTimestamp {
					t.Errorf("%s.%s: a TEXT timestamp column, but field %s has type %s", tbl.Name, col.Name, field.Name, field.Type)
				}
			}
		})
	}
}

// TestStoredFormats reads every column of every fixture row raw (typeof and value) and
// checks it is stored as the existing database stores it.
func TestStoredFormats(t *testing.T) {
	t.Parallel()
	h, f := dbtest.OpenSeeded(t)
	s := readSchema(t, h)
	for _, fr := range f.Rows() {
		t.Run(fr.Field, func(t *testing.T) {
			tbl := s.Table(fr.Table)
			pkCol := tbl.PrimaryKey()[0]
			pk := fieldOf(fr.Row, pkCol).Interface()
			row := reflect.ValueOf(fr.Row)
			for _, col := range tbl.Columns {
				var typ string
				var raw any
				var jsonValid *int64
				err := h.ReadDB().QueryRowContext(bg, fmt.Sprintf("SELECT typeof(%[1]s), %[1]s, json_valid(%[1]s) FROM %s WHERE %s = ?",
					quoteIdent(col.Name), quoteIdent(tbl.Name), quoteIdent(pkCol)), pk).Scan(&typ, &raw, &jsonValid)
				if err != nil {
					t.Fatalf("%s: %v", col.Name, err)
				}
				if b, ok := raw.([]byte); ok {
					raw = string(b)
				}
				field := row.FieldByName(goName(col.Name))
				if msg := checkStored(field, typ, raw, jsonValid); msg != "" {
					t.Errorf("%s.%s: stored %s %#v: %s", tbl.Name, col.Name, typ, raw, msg)
				}
			}

			// And the row reads back into its model unchanged.
			got := reflect.New(row.Type()).Elem()
			dest := make([]any, got.NumField())
			for i := range dest {
				dest[i] = got.Field(i).Addr().Interface()
			}
			err := h.ReadDB().QueryRowContext(bg, fmt.Sprintf("SELECT * FROM %s WHERE %s = ?", quoteIdent(tbl.Name), quoteIdent(pkCol)), pk).Scan(dest...)
			if err != nil {
				t.Fatalf("read back: %v", err)
			}
			if !reflect.DeepEqual(got.Interface(), fr.Row) {
				t.Errorf("read back %+v\nwant %+v", got.Interface(), fr.Row)
			}
		})
	}
}

// checkStored compares a raw stored value with the Go value it was written from; it
// returns what is wrong, or "".
func checkStored(v reflect.Value, typ string, raw any, jsonValid *int64) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			if typ != "null" {
				return "want NULL for a nil field"
			}
			return ""
		}
		v = v.Elem()
	}
	if v.Type() == typeNullDate {
		nd := v.Interface().(dbtypes.NullDate)
		if !nd.Valid {
			if typ != "null" {
				return "want NULL for an absent date"
			}
			return ""
		}
		v = reflect.ValueOf(nd.Date)
	}
	want := func(wantTyp string, wantRaw any) string {
		if typ != wantTyp || raw != wantRaw {
			return fmt.Sprintf("want %s %#v", wantTyp, wantRaw)
		}
		return ""
	}
	switch t := v.Type(); {
	case t == typeTimestamp:
		if s, _ := raw.(string); !storedTimestamp.MatchString(s) {
			return "want YYYY-MM-DDTHH:MM:SS.mmmZ text"
		}
		return want("text", v.Interface().(dbtypes.Timestamp).String())
	case t == typeDate:
		if s, _ := raw.(string); !storedDate.MatchString(s) {
			return "want YYYY-MM-DD text"
		}
		return want("text", v.Interface().(dbtypes.Date).String())
	case t == typeMoney:
		return want("real", v.Interface().(dbtypes.Money).Float64())
	case t.Kind() == reflect.Bool:
		return want("integer", map[bool]int64{false: 0, true: 1}[v.Bool()])
	case t.Kind() == reflect.Int64:
		return want("integer", v.Int())
	case t.Kind() == reflect.Float64:
		return want("real", v.Float())
	case t.Kind() == reflect.String: // ids, free text and enumerations
		return want("text", v.String())
	case t.Implements(typeValuer): // JSON documents
		value, err := v.Interface().(driver.Valuer).Value()
		if err != nil {
			return err.Error()
		}
		if jsonValid == nil || *jsonValid != 1 {
			return "not valid JSON"
		}
		return want("text", value)
	}
	return fmt.Sprintf("no check for Go type %s", v.Type())
}

// TestEdgeValues writes values at the edges of the typed columns through SQLite and reads
// them back, raw and typed.
func TestEdgeValues(t *testing.T) {
	t.Parallel()
	h, f := dbtest.OpenSeeded(t)
	w := h.Writer()
	cases := []struct {
		name      string
		money     dbtypes.Money
		issued    dbtypes.Date
		due       dbtypes.NullDate
		at        dbtypes.Timestamp
		rawMoney  float64
		rawIssued string
		rawAt     string
	}{
		{"one cent", dbtypes.Cents(1), dbtypes.MustParseDate("2024-02-29"), dbtypes.NullDate{},
			dbtypes.NewTimestamp(time.Date(2024, 2, 29, 23, 59, 59, 999_000_000, time.UTC)), 0.01, "2024-02-29", "2024-02-29T23:59:59.999Z"},
		{"negative", dbtypes.Cents(-30), dbtypes.MustParseDate("0001-01-01"), dbtypes.NewNullDate(dbtypes.MustParseDate("9999-12-31")),
			dbtypes.NewTimestamp(time.Date(1999, 12, 31, 23, 0, 0, 0, time.FixedZone("UTC-1", -3600))), -0.3, "0001-01-01", "2000-01-01T00:00:00.000Z"},
		{"large", dbtypes.Cents(99_999_999_999), dbtypes.MustParseDate("2026-12-31"), dbtypes.NewNullDate(dbtypes.MustParseDate("2027-01-01")),
			dbtypes.NewTimestamp(time.Date(2026, 1, 1, 0, 0, 0, 1_999_999, time.UTC)), 999_999_999.99, "2026-12-31", "2026-01-01T00:00:00.001Z"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := fmt.Sprintf("invoice-edge-%d", i)
			created, err := w.CreateInvoice(bg, like(f.Invoice, func(p *db.CreateInvoiceParams) {
				p.ID, p.NetsuiteID = id, nil
				p.Total, p.IssueDate, p.DueDate, p.CreatedAt = c.money, c.issued, c.due, c.at
			}))
			if err != nil {
				t.Fatal(err)
			}
			got, err := h.Reader().GetInvoice(bg, id)
			if err != nil || !reflect.DeepEqual(got, created) {
				t.Errorf("read back %+v, %v\nwant %+v", got, err, created)
			}
			if got.Total != c.money || got.IssueDate != c.issued || got.DueDate != c.due || !got.CreatedAt.Equal(c.at.Time) {
				t.Errorf("read back total %v, issued %v, due %v, created %v", got.Total, got.IssueDate, got.DueDate, got.CreatedAt)
			}
			var total float64
			var issued, at, dueType string
			err = h.ReadDB().QueryRowContext(bg, "SELECT total, issue_date, created_at, typeof(due_date) FROM invoices WHERE id = ?", id).
				Scan(&total, &issued, &at, &dueType)
			if err != nil {
				t.Fatal(err)
			}
			if total != c.rawMoney || issued != c.rawIssued || at != c.rawAt {
				t.Errorf("stored total %v, issue_date %q, created_at %q; want %v, %q, %q", total, issued, at, c.rawMoney, c.rawIssued, c.rawAt)
			}
			if wantType := map[bool]string{true: "text", false: "null"}[c.due.Valid]; dueType != wantType {
				t.Errorf("due_date stored as %s, want %s", dueType, wantType)
			}
		})
	}

	t.Run("legacy stored forms", func(t *testing.T) {
		// The existing system also wrote timestamps without a fraction and "" for no due date.
		_, err := h.WriteDB().ExecContext(bg, `UPDATE invoices SET created_at = '2026-02-04T12:00:00Z', due_date = '' WHERE id = ?`, f.Invoice.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, err := h.Reader().GetInvoice(bg, f.Invoice.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 2, 4, 12, 0, 0, 0, time.UTC); !got.CreatedAt.Equal(want) || got.DueDate.Valid {
			t.Errorf("read created_at %v, due_date %+v; want %v and no date", got.CreatedAt, got.DueDate, want)
		}
	})
}
