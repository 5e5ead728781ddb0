package compassdb_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// Rows that updates move foreign keys to (besides the fixture's user-1, org-1, …).
const (
	user2         = "user-2"
	org2          = "org-2"
	team2         = "team-2"
	group2        = "group-2"
	project2      = "project-2"
	task3         = "task-3"
	customer2     = "customer-2"
	vendor2       = "vendor-2"
	conversation2 = "conversation-2" // user-1's second conversation
	plugin2       = "plugin-2"
)

// crud is the create / get / list / update / delete cycle of one table, on a row the test
// creates itself: M is the model, C and U the Create and Update parameters.
type crud[M, C, U any] struct {
	setup  func(t *testing.T, w *db.Queries) // optional, before create
	create func(*db.Queries, context.Context, C) (M, error)
	params C
	get    func(*db.Queries, M) (M, error)
	// lists are the table's List queries (and lookups by a natural key), each called with
	// the keys of the row; one returns errNoKey when the row has no value for its key.
	lists  map[string]func(*db.Queries, M) ([]M, error)
	update func(*db.Queries, context.Context, U) (M, error)
	change func(M) U // an update of the row that changes every updatable column
	keys   []string  // U's fields that pick the row (its WHERE); default ID
	// partial: the update sets only the columns given (its pointer fields are optional,
	// coalesce(sqlc.narg(x), x)): a nil field keeps the column instead of storing NULL.
	partial bool
	del     func(*db.Queries, M) (int64, error)
	other   string // for personal tables: another user, whose id must reach nothing
}

func rawJSON(s string) json.RawMessage { return json.RawMessage(s) }

var errNoKey = errors.New("the row has no value for this list's key")

// one wraps a single-row lookup as a list.
func one[M any](row M, err error) ([]M, error) {
	if err != nil {
		return nil, err
	}
	return []M{row}, nil
}

// key returns *p, or errNoKey when p is nil.
func key[T any](p *T) (T, error) {
	if p == nil {
		var zero T
		return zero, errNoKey
	}
	return *p, nil
}

// byKey runs a list whose key column is nullable.
func byKey[M, K any](k *K, list func(context.Context, *K) ([]M, error)) ([]M, error) {
	if _, err := key(k); err != nil {
		return nil, err
	}
	return list(bg, k)
}

// byValue runs a list whose key column is nullable but whose parameter is the plain
// value (a NULL key matches nothing anyway): mk makes the parameters from the value.
func byValue[M, K, P any](k *K, mk func(K) P, list func(context.Context, P) ([]M, error)) ([]M, error) {
	v, err := key(k)
	if err != nil {
		return nil, err
	}
	return list(bg, mk(v))
}

// allRows is the Limit or PageSize of a paged list that returns every row: SQLite reads a
// negative LIMIT as none.
const allRows = -1

// like returns a P whose fields are copied from the same-named fields of row, then
// edited: new Create parameters from an existing row.
func like[P any](row any, edit func(*P)) P {
	var p P
	pv, rv := reflect.ValueOf(&p).Elem(), reflect.ValueOf(row)
	for i := range pv.NumField() {
		if f := rv.FieldByName(pv.Type().Field(i).Name); f.IsValid() {
			pv.Field(i).Set(f)
		}
	}
	if edit != nil {
		edit(&p)
	}
	return p
}

// expectRow checks every field of got: a field that params has must equal it, any other
// must equal before's (with before nil, every field must come from params). With partial,
// a nil pointer parameter must have kept before's value too.
func expectRow[M any](t *testing.T, step string, got M, before *M, params any, partial bool) {
	t.Helper()
	gv, pv := reflect.ValueOf(got), reflect.ValueOf(params)
	for i := range gv.NumField() {
		name := gv.Type().Field(i).Name
		want := pv.FieldByName(name)
		if !want.IsValid() || (partial && want.Kind() == reflect.Pointer && want.IsNil()) {
			if before == nil {
				t.Errorf("%s: the parameters have no %s", step, name)
				continue
			}
			want = reflect.ValueOf(*before).Field(i)
		}
		if !sameValue(gv.Field(i), want) {
			t.Errorf("%s: %s = %s, want %s", step, name, show(gv.Field(i)), show(want))
		}
	}
}

// sameValue is reflect.DeepEqual, except that a pointer and a value of its element type
// (a partial update's *string for a NOT NULL column, a plain Timestamp for a nullable
// updated_at) compare by the pointed-to value; a nil pointer equals no value.
func sameValue(a, b reflect.Value) bool {
	if a.Type() != b.Type() {
		switch {
		case a.Kind() == reflect.Pointer && a.Type().Elem() == b.Type():
			return !a.IsNil() && reflect.DeepEqual(a.Elem().Interface(), b.Interface())
		case b.Kind() == reflect.Pointer && b.Type().Elem() == a.Type():
			return !b.IsNil() && reflect.DeepEqual(a.Interface(), b.Elem().Interface())
		}
		return false
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// show formats a field's value, following a pointer.
func show(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "nil"
		}
		return "&" + show(v.Elem())
	}
	return fmt.Sprintf("%+v", v.Interface())
}

// changesAll checks that u gives every field it sets, other than the keys, a new value
// (with partial, a nil field would set nothing, so every field must be given).
func changesAll[M, U any](t *testing.T, before M, u U, keys []string, partial bool) {
	t.Helper()
	uv, bv := reflect.ValueOf(u), reflect.ValueOf(before)
	for i := range uv.NumField() {
		name := uv.Type().Field(i).Name
		if slices.Contains(keys, name) {
			continue
		}
		b, f := bv.FieldByName(name), uv.Field(i)
		switch {
		case !b.IsValid():
			t.Errorf("update parameter %s has no column in the model", name)
		case partial && f.Kind() == reflect.Pointer && f.IsNil():
			t.Errorf("the partial update does not set %s", name)
		case sameValue(b, f):
			t.Errorf("the update does not change %s (%s)", name, show(b))
		}
	}
}

// withNulls returns u with every nullable field set to NULL, and whether it has any.
func withNulls[U any](u U) (U, bool) {
	v := reflect.ValueOf(&u).Elem()
	found := false
	for i := range v.NumField() {
		if isNullable(v.Field(i).Type()) {
			v.Field(i).SetZero()
			found = true
		}
	}
	return u, found
}

// withField returns row with its field name set to value.
func withField[M any](row M, name string, value any) M {
	reflect.ValueOf(&row).Elem().FieldByName(name).Set(reflect.ValueOf(value))
	return row
}

func sameID(a, b any) bool {
	id := func(x any) any {
		if f := reflect.ValueOf(x).FieldByName("ID"); f.IsValid() {
			return f.Interface()
		}
		return reflect.ValueOf(x).FieldByName("UserID").Interface()
	}
	return id(a) == id(b)
}

// checkLists checks that every list returns row (present) or no row with row's id.
func checkLists[M any](t *testing.T, step string, q *db.Queries, lists map[string]func(*db.Queries, M) ([]M, error), keys, row M, present bool) {
	t.Helper()
	for name, list := range lists {
		rows, err := list(q, keys)
		if errors.Is(err, errNoKey) {
			continue
		}
		if !present && errors.Is(err, compassdb.ErrNotFound) {
			continue // a lookup by natural key
		}
		if err != nil {
			t.Errorf("%s: %s: %v", step, name, err)
			continue
		}
		found, sameRow := false, false
		for _, r := range rows {
			if sameID(r, row) {
				found, sameRow = true, reflect.DeepEqual(r, row)
			}
		}
		switch {
		case present && !found:
			t.Errorf("%s: %s does not return the row", step, name)
		case present && !sameRow:
			t.Errorf("%s: %s returns the row with other values", step, name)
		case !present && found:
			t.Errorf("%s: %s returns the row", step, name)
		}
	}
}

func runCRUD[M, C, U any](t *testing.T, h *compassdb.DB, c crud[M, C, U]) {
	t.Parallel()
	w, r := h.Writer(), h.Reader()
	if c.keys == nil {
		c.keys = []string{"ID"}
	}
	getEquals := func(step string, want M) {
		t.Helper()
		got, err := c.get(r, want)
		if err != nil {
			t.Fatalf("%s: get: %v", step, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: get = %+v, want %+v", step, got, want)
		}
	}
	if c.setup != nil {
		c.setup(t, w)
	}

	// Create, then read it back.
	row, err := c.create(w, bg, c.params)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	expectRow(t, "create", row, nil, c.params, false)
	getEquals("after create", row)
	checkLists(t, "after create", r, c.lists, row, row, true)

	// Another user's id reaches nothing.
	if c.other != "" {
		other := withField(row, "UserID", c.other)
		if _, err := c.get(r, other); !errors.Is(err, compassdb.ErrNotFound) {
			t.Errorf("get as %s: %v, want ErrNotFound", c.other, err)
		}
		if _, err := c.update(w, bg, c.change(other)); !errors.Is(err, compassdb.ErrNotFound) {
			t.Errorf("update as %s: %v, want ErrNotFound", c.other, err)
		}
		if n, err := c.del(w, other); n != 0 || err != nil {
			t.Errorf("delete as %s: %d rows, %v; want 0 rows", c.other, n, err)
		}
		checkLists(t, "as "+c.other, r, c.lists, other, row, false)
		getEquals("after another user's update and delete", row)
	}

	// Update every updatable column.
	u := c.change(row)
	changesAll(t, row, u, c.keys, c.partial)
	updated, err := c.update(w, bg, u)
	if err != nil {
		t.Fatalf("update: %v", err)
	}
	expectRow(t, "update", updated, &row, u, c.partial)
	getEquals("after update", updated)
	checkLists(t, "after update", r, c.lists, updated, updated, true)
	row = updated

	// Update the nullable columns to NULL (a partial update: give none of the optional
	// fields, which must keep every column but the ones always set, such as updated_at).
	if nulls, ok := withNulls(u); ok {
		step := "update to NULL"
		if c.partial {
			step = "update without optional fields"
		}
		updated, err := c.update(w, bg, nulls)
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		expectRow(t, step, updated, &row, nulls, c.partial)
		getEquals("after "+step, updated)
		row = updated
	}

	// Delete, twice.
	if n, err := c.del(w, row); n != 1 || err != nil {
		t.Fatalf("delete: %d rows, %v; want 1 row", n, err)
	}
	if _, err := c.get(r, row); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("get after delete: %v, want ErrNotFound", err)
	}
	checkLists(t, "after delete", r, c.lists, row, row, false)
	if n, err := c.del(w, row); n != 0 || err != nil {
		t.Errorf("second delete: %d rows, %v; want 0 rows", n, err)
	}
}

// seedUpdateTargets creates the second rows that updates point foreign keys to.
func seedUpdateTargets(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
	t.Helper()
	err := h.Tx(bg, func(q *db.Queries) error {
		_, err1 := q.CreateUser(bg, like(f.User, func(p *db.CreateUserParams) { p.ID, p.Email = user2, "ben.carter@maple.example" }))
		_, err2 := q.CreateOrganization(bg, like(f.Organization, func(p *db.CreateOrganizationParams) { p.ID, p.Slug = org2, "birch-renovations" }))
		_, err3 := q.CreateTeam(bg, like(f.Team, func(p *db.CreateTeamParams) { p.ID = team2 }))
		_, err4 := q.CreateGroup(bg, like(f.Group, func(p *db.CreateGroupParams) { p.ID = group2 }))
		_, err5 := q.CreateProject(bg, like(f.Project, func(p *db.CreateProjectParams) { p.ID = project2 }))
		_, err6 := q.CreateScheduleTask(bg, like(f.ScheduleTask, func(p *db.CreateScheduleTaskParams) { p.ID = task3 }))
		_, err7 := q.CreateCustomer(bg, like(f.Customer, func(p *db.CreateCustomerParams) { p.ID, p.NetsuiteID = customer2, ptr("NS-CUST-1002") }))
		_, err8 := q.CreateVendor(bg, like(f.Vendor, func(p *db.CreateVendorParams) { p.ID, p.NetsuiteID = vendor2, ptr("NS-VEND-2002") }))
		_, err9 := q.CreateAgentConversation(bg, like(f.AgentConversation, func(p *db.CreateAgentConversationParams) { p.ID = conversation2 }))
		_, err10 := q.CreatePlugin(bg, like(f.Plugin, func(p *db.CreatePluginParams) { p.ID = plugin2 }))
		return errors.Join(err1, err2, err3, err4, err5, err6, err7, err8, err9, err10)
	})
	if err != nil {
		t.Fatalf("second rows: %v", err)
	}
}

// crudCase is one table's test.
type crudCase struct {
	table string
	run   func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture)
}

func TestCRUD(t *testing.T) {
	t.Parallel()
	h, f := dbtest.OpenSeeded(t)
	seedUpdateTargets(t, h, f)
	at := dbtest.At
	date := dbtypes.MustParseDate

	// The fixture's own rows read back as Seed returned them.
	t.Run("fixture", func(t *testing.T) {
		r := h.Reader()
		check := func(name string, got any, err error, want any) {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			} else if !reflect.DeepEqual(got, want) {
				t.Errorf("%s = %+v, want %+v", name, got, want)
			}
		}
		user, err := r.GetUser(bg, f.User.ID)
		check("users", user, err, f.User)
		cm, err := r.GetCreditMemo(bg, f.CreditMemo.ID)
		check("credit_memos", cm, err, f.CreditMemo)
		dash, err := r.GetCustomDashboard(bg, db.GetCustomDashboardParams{ID: f.CustomDashboard.ID, UserID: f.User.ID})
		check("custom_dashboards", dash, err, f.CustomDashboard)
	})

	cases := []crudCase{
		{"users", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.User, db.CreateUserParams, db.UpdateUserParams]{
				create: (*db.Queries).CreateUser,
				params: like(f.User, func(p *db.CreateUserParams) { p.ID, p.Email = "user-crud", "crud@maple.example" }),
				get:    func(q *db.Queries, r db.User) (db.User, error) { return q.GetUser(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.User) ([]db.User, error){
					"ListUsers":      func(q *db.Queries, _ db.User) ([]db.User, error) { return q.ListUsers(bg) },
					"GetUserByEmail": func(q *db.Queries, r db.User) ([]db.User, error) { return one(q.GetUserByEmail(bg, r.Email)) },
				},
				update: (*db.Queries).UpdateUser,
				change: func(r db.User) db.UpdateUserParams {
					return db.UpdateUserParams{
						ID: r.ID, Email: "crud.changed@maple.example", FirstName: ptr("Ben"), LastName: ptr("Carter"),
						DisplayName: ptr("Ben Carter"), AvatarURL: ptr("https://cdn.maple.example/avatars/ben.png"),
						Role: dbtypes.UserRoleField, IsActive: false, LastLoginAt: ptr(at(90)), UpdatedAt: at(91),
						GoogleEmail: ptr("ben@maplebuilders.example"),
					}
				},
				del: func(q *db.Queries, r db.User) (int64, error) { return q.DeleteUser(bg, r.ID) },
			})
		}},
		{"organizations", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.Organization, db.CreateOrganizationParams, db.UpdateOrganizationParams]{
				create: (*db.Queries).CreateOrganization,
				params: like(f.Organization, func(p *db.CreateOrganizationParams) { p.ID, p.Slug = "org-crud", "org-crud" }),
				get:    func(q *db.Queries, r db.Organization) (db.Organization, error) { return q.GetOrganization(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.Organization) ([]db.Organization, error){
					"ListOrganizations": func(q *db.Queries, _ db.Organization) ([]db.Organization, error) { return q.ListOrganizations(bg) },
					"GetOrganizationBySlug": func(q *db.Queries, r db.Organization) ([]db.Organization, error) {
						return one(q.GetOrganizationBySlug(bg, r.Slug))
					},
				},
				update: (*db.Queries).UpdateOrganization,
				change: func(r db.Organization) db.UpdateOrganizationParams {
					return db.UpdateOrganizationParams{
						ID: r.ID, Name: "Cedar Homes", Slug: "cedar-homes", Type: dbtypes.OrganizationTypeClient,
						LogoURL: ptr("https://cdn.cedar.example/logo.png"), IsActive: false, UpdatedAt: at(91),
					}
				},
				del: func(q *db.Queries, r db.Organization) (int64, error) { return q.DeleteOrganization(bg, r.ID) },
			})
		}},
		{"organization_members", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.OrganizationMember, db.CreateOrganizationMemberParams, db.UpdateOrganizationMemberParams]{
				create: (*db.Queries).CreateOrganizationMember,
				params: like(f.OrganizationMember, func(p *db.CreateOrganizationMemberParams) { p.ID, p.UserID = "org-member-crud", user2 }),
				get: func(q *db.Queries, r db.OrganizationMember) (db.OrganizationMember, error) {
					return q.GetOrganizationMember(bg, r.ID)
				},
				lists: map[string]func(*db.Queries, db.OrganizationMember) ([]db.OrganizationMember, error){
					"ListOrganizationMembersByUser": func(q *db.Queries, r db.OrganizationMember) ([]db.OrganizationMember, error) {
						return q.ListOrganizationMembersByUser(bg, r.UserID)
					},
					"ListOrganizationMembersByOrganization": func(q *db.Queries, r db.OrganizationMember) ([]db.OrganizationMember, error) {
						return q.ListOrganizationMembersByOrganization(bg, r.OrganizationID)
					},
				},
				update: (*db.Queries).UpdateOrganizationMember,
				change: func(r db.OrganizationMember) db.UpdateOrganizationMemberParams {
					return db.UpdateOrganizationMemberParams{ID: r.ID, OrganizationID: org2, UserID: f.User.ID, Role: "member", JoinedAt: at(91)}
				},
				del: func(q *db.Queries, r db.OrganizationMember) (int64, error) {
					return q.DeleteOrganizationMember(bg, r.ID)
				},
			})
		}},
		{"teams", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.Team, db.CreateTeamParams, db.UpdateTeamParams]{
				create: (*db.Queries).CreateTeam,
				params: like(f.Team, func(p *db.CreateTeamParams) { p.ID = "team-crud" }),
				get:    func(q *db.Queries, r db.Team) (db.Team, error) { return q.GetTeam(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.Team) ([]db.Team, error){
					"ListTeamsByOrganization": func(q *db.Queries, r db.Team) ([]db.Team, error) {
						return q.ListTeamsByOrganization(bg, r.OrganizationID)
					},
				},
				update: (*db.Queries).UpdateTeam,
				change: func(r db.Team) db.UpdateTeamParams {
					return db.UpdateTeamParams{ID: r.ID, OrganizationID: org2, Name: "Finish crew", Description: ptr("Trim and paint")}
				},
				del: func(q *db.Queries, r db.Team) (int64, error) { return q.DeleteTeam(bg, r.ID) },
			})
		}},
		{"team_members", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.TeamMember, db.CreateTeamMemberParams, db.UpdateTeamMemberParams]{
				create: (*db.Queries).CreateTeamMember,
				params: like(f.TeamMember, func(p *db.CreateTeamMemberParams) { p.ID, p.UserID = "team-member-crud", user2 }),
				get:    func(q *db.Queries, r db.TeamMember) (db.TeamMember, error) { return q.GetTeamMember(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.TeamMember) ([]db.TeamMember, error){
					"ListTeamMembersByUser": func(q *db.Queries, r db.TeamMember) ([]db.TeamMember, error) {
						return q.ListTeamMembersByUser(bg, r.UserID)
					},
					"ListTeamMembersByTeam": func(q *db.Queries, r db.TeamMember) ([]db.TeamMember, error) {
						return q.ListTeamMembersByTeam(bg, r.TeamID)
					},
				},
				update: (*db.Queries).UpdateTeamMember,
				change: func(r db.TeamMember) db.UpdateTeamMemberParams {
					return db.UpdateTeamMemberParams{ID: r.ID, TeamID: team2, UserID: f.User.ID, JoinedAt: at(91)}
				},
				del: func(q *db.Queries, r db.TeamMember) (int64, error) { return q.DeleteTeamMember(bg, r.ID) },
			})
		}},
		{"groups", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.Group, db.CreateGroupParams, db.UpdateGroupParams]{
				create: (*db.Queries).CreateGroup,
				params: like(f.Group, func(p *db.CreateGroupParams) { p.ID = "group-crud" }),
				get:    func(q *db.Queries, r db.Group) (db.Group, error) { return q.GetGroup(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.Group) ([]db.Group, error){
					"ListGroupsByOrganization": func(q *db.Queries, r db.Group) ([]db.Group, error) {
						return q.ListGroupsByOrganization(bg, r.OrganizationID)
					},
				},
				update: (*db.Queries).UpdateGroup,
				change: func(r db.Group) db.UpdateGroupParams {
					return db.UpdateGroupParams{ID: r.ID, OrganizationID: org2, Name: "Site leads", Description: ptr("Superintendents"), Color: ptr("#a33b20")}
				},
				del: func(q *db.Queries, r db.Group) (int64, error) { return q.DeleteGroup(bg, r.ID) },
			})
		}},
		{"group_members", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.GroupMember, db.CreateGroupMemberParams, db.UpdateGroupMemberParams]{
				create: (*db.Queries).CreateGroupMember,
				params: like(f.GroupMember, func(p *db.CreateGroupMemberParams) { p.ID, p.UserID = "group-member-crud", user2 }),
				get:    func(q *db.Queries, r db.GroupMember) (db.GroupMember, error) { return q.GetGroupMember(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.GroupMember) ([]db.GroupMember, error){
					"ListGroupMembersByUser": func(q *db.Queries, r db.GroupMember) ([]db.GroupMember, error) {
						return q.ListGroupMembersByUser(bg, r.UserID)
					},
					"ListGroupMembersByGroup": func(q *db.Queries, r db.GroupMember) ([]db.GroupMember, error) {
						return q.ListGroupMembersByGroup(bg, r.GroupID)
					},
				},
				update: (*db.Queries).UpdateGroupMember,
				change: func(r db.GroupMember) db.UpdateGroupMemberParams {
					return db.UpdateGroupMemberParams{ID: r.ID, GroupID: group2, UserID: f.User.ID, JoinedAt: at(91)}
				},
				del: func(q *db.Queries, r db.GroupMember) (int64, error) { return q.DeleteGroupMember(bg, r.ID) },
			})
		}},
		{"projects", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.Project, db.CreateProjectParams, db.UpdateProjectParams]{
				create: (*db.Queries).CreateProject,
				params: like(f.Project, func(p *db.CreateProjectParams) { p.ID = "project-crud" }),
				get:    func(q *db.Queries, r db.Project) (db.Project, error) { return q.GetProject(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.Project) ([]db.Project, error){
					"ListProjectsByOrganization": func(q *db.Queries, r db.Project) ([]db.Project, error) {
						return byKey(r.OrganizationID, q.ListProjectsByOrganization)
					},
				},
				update: (*db.Queries).UpdateProject,
				change: func(r db.Project) db.UpdateProjectParams {
					return db.UpdateProjectParams{
						ID: r.ID, Name: "Cedar Lane Addition", Status: "CLOSED", Address: ptr("7 Cedar Lane"),
						ClientName: ptr("Sam Ortiz"), ProjectManager: ptr("Ben Carter"), NetsuiteJobID: ptr("NS-JOB-1002"),
						OrganizationID: ptr(org2),
					}
				},
				del: func(q *db.Queries, r db.Project) (int64, error) { return q.DeleteProject(bg, r.ID) },
			})
		}},
		{"project_members", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.ProjectMember, db.CreateProjectMemberParams, db.UpdateProjectMemberParams]{
				create: (*db.Queries).CreateProjectMember,
				params: like(f.ProjectMember, func(p *db.CreateProjectMemberParams) { p.ID, p.UserID = "project-member-crud", user2 }),
				get:    func(q *db.Queries, r db.ProjectMember) (db.ProjectMember, error) { return q.GetProjectMember(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.ProjectMember) ([]db.ProjectMember, error){
					"ListProjectMembersByUser": func(q *db.Queries, r db.ProjectMember) ([]db.ProjectMember, error) {
						return q.ListProjectMembersByUser(bg, r.UserID)
					},
					"ListProjectMembersByProject": func(q *db.Queries, r db.ProjectMember) ([]db.ProjectMember, error) {
						return q.ListProjectMembersByProject(bg, r.ProjectID)
					},
				},
				update: (*db.Queries).UpdateProjectMember,
				change: func(r db.ProjectMember) db.UpdateProjectMemberParams {
					return db.UpdateProjectMemberParams{ID: r.ID, ProjectID: project2, UserID: f.User.ID, Role: "viewer", AssignedAt: at(91)}
				},
				del: func(q *db.Queries, r db.ProjectMember) (int64, error) { return q.DeleteProjectMember(bg, r.ID) },
			})
		}},
		{"schedule_tasks", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.ScheduleTask, db.CreateScheduleTaskParams, db.UpdateScheduleTaskParams]{
				create: (*db.Queries).CreateScheduleTask,
				params: like(f.ScheduleTask, func(p *db.CreateScheduleTaskParams) { p.ID = "task-crud" }),
				get:    func(q *db.Queries, r db.ScheduleTask) (db.ScheduleTask, error) { return q.GetScheduleTask(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.ScheduleTask) ([]db.ScheduleTask, error){
					"ListScheduleTasksByProject": func(q *db.Queries, r db.ScheduleTask) ([]db.ScheduleTask, error) {
						return q.ListScheduleTasksByProject(bg, r.ProjectID)
					},
				},
				update: (*db.Queries).UpdateScheduleTask,
				change: func(r db.ScheduleTask) db.UpdateScheduleTaskParams {
					return db.UpdateScheduleTaskParams{
						ID: r.ID, ProjectID: project2, Title: "Drywall", StartDate: date("2026-04-01"), Workdays: 5,
						EndDateCalculated: date("2026-04-07"), Phase: "interior", Status: dbtypes.TaskStatusComplete,
						IsCriticalPath: false, IsMilestone: true, SortOrder: 9, UpdatedAt: at(91), PercentComplete: 100,
						AssignedTo: ptr(user2),
					}
				},
				del: func(q *db.Queries, r db.ScheduleTask) (int64, error) { return q.DeleteScheduleTask(bg, r.ID) },
			})
		}},
		{"task_dependencies", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.TaskDependency, db.CreateTaskDependencyParams, db.UpdateTaskDependencyParams]{
				create: (*db.Queries).CreateTaskDependency,
				params: like(f.TaskDependency, func(p *db.CreateTaskDependencyParams) { p.ID, p.SuccessorID = "dependency-crud", task3 }),
				get: func(q *db.Queries, r db.TaskDependency) (db.TaskDependency, error) {
					return q.GetTaskDependency(bg, r.ID)
				},
				lists: map[string]func(*db.Queries, db.TaskDependency) ([]db.TaskDependency, error){
					"ListTaskDependenciesBySuccessor": func(q *db.Queries, r db.TaskDependency) ([]db.TaskDependency, error) {
						return q.ListTaskDependenciesBySuccessor(bg, r.SuccessorID)
					},
					"ListTaskDependenciesByPredecessor": func(q *db.Queries, r db.TaskDependency) ([]db.TaskDependency, error) {
						return q.ListTaskDependenciesByPredecessor(bg, r.PredecessorID)
					},
				},
				update: (*db.Queries).UpdateTaskDependency,
				change: func(r db.TaskDependency) db.UpdateTaskDependencyParams {
					return db.UpdateTaskDependencyParams{ID: r.ID, PredecessorID: task3, SuccessorID: f.SuccessorTask.ID, Type: dbtypes.DependencyTypeSF, LagDays: 3}
				},
				del: func(q *db.Queries, r db.TaskDependency) (int64, error) { return q.DeleteTaskDependency(bg, r.ID) },
			})
		}},
		{"workday_exceptions", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.WorkdayException, db.CreateWorkdayExceptionParams, db.UpdateWorkdayExceptionParams]{
				create: (*db.Queries).CreateWorkdayException,
				params: like(f.WorkdayException, func(p *db.CreateWorkdayExceptionParams) { p.ID = "exception-crud" }),
				get: func(q *db.Queries, r db.WorkdayException) (db.WorkdayException, error) {
					return q.GetWorkdayException(bg, r.ID)
				},
				lists: map[string]func(*db.Queries, db.WorkdayException) ([]db.WorkdayException, error){
					"ListWorkdayExceptionsByProject": func(q *db.Queries, r db.WorkdayException) ([]db.WorkdayException, error) {
						return q.ListWorkdayExceptionsByProject(bg, r.ProjectID)
					},
				},
				update: (*db.Queries).UpdateWorkdayException,
				change: func(r db.WorkdayException) db.UpdateWorkdayExceptionParams {
					return db.UpdateWorkdayExceptionParams{
						ID: r.ID, ProjectID: project2, Title: "Independence Day", StartDate: date("2026-07-03"), EndDate: date("2026-07-04"),
						Type: dbtypes.ExceptionTypeHoliday, Category: dbtypes.ExceptionCategoryNationalHoliday,
						Recurrence: dbtypes.ExceptionRecurrenceYearly, Notes: ptr("Observed on Friday"), UpdatedAt: at(91),
					}
				},
				del: func(q *db.Queries, r db.WorkdayException) (int64, error) { return q.DeleteWorkdayException(bg, r.ID) },
			})
		}},
		{"schedule_baselines", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.ScheduleBaseline, db.CreateScheduleBaselineParams, db.UpdateScheduleBaselineParams]{
				create: (*db.Queries).CreateScheduleBaseline,
				params: like(f.ScheduleBaseline, func(p *db.CreateScheduleBaselineParams) { p.ID = "baseline-crud" }),
				get: func(q *db.Queries, r db.ScheduleBaseline) (db.ScheduleBaseline, error) {
					return q.GetScheduleBaseline(bg, r.ID)
				},
				lists: map[string]func(*db.Queries, db.ScheduleBaseline) ([]db.ScheduleBaseline, error){
					"ListScheduleBaselinesByProject": func(q *db.Queries, r db.ScheduleBaseline) ([]db.ScheduleBaseline, error) {
						return q.ListScheduleBaselinesByProject(bg, r.ProjectID)
					},
				},
				update: (*db.Queries).UpdateScheduleBaseline,
				change: func(r db.ScheduleBaseline) db.UpdateScheduleBaselineParams {
					return db.UpdateScheduleBaselineParams{
						ID: r.ID, ProjectID: project2, Name: "Re-baseline after permit delay",
						SnapshotData: dbtypes.BaselineSnapshot{
							Tasks: []dbtypes.BaselineTask{{
								ID: "task-9", ProjectID: project2, Title: "Permits", StartDate: "2026-03-02", Workdays: 10,
								EndDateCalculated: "2026-03-13", Phase: "preconstruction", Status: "PENDING",
								CreatedAt: "2026-02-04T12:00:00Z", UpdatedAt: "2026-02-04T12:00:00Z",
							}},
							Dependencies: []dbtypes.BaselineDependency{},
						},
					}
				},
				del: func(q *db.Queries, r db.ScheduleBaseline) (int64, error) { return q.DeleteScheduleBaseline(bg, r.ID) },
			})
		}},
		{"customers", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.Customer, db.CreateCustomerParams, db.UpdateCustomerParams]{
				create: (*db.Queries).CreateCustomer,
				params: like(f.Customer, func(p *db.CreateCustomerParams) { p.ID, p.NetsuiteID = "customer-crud", ptr("NS-CUST-crud") }),
				get:    func(q *db.Queries, r db.Customer) (db.Customer, error) { return q.GetCustomer(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.Customer) ([]db.Customer, error){
					"ListCustomers": func(q *db.Queries, _ db.Customer) ([]db.Customer, error) {
						return q.ListCustomers(bg, db.ListCustomersParams{Limit: allRows})
					},
					"ListCustomers after the row's predecessor": func(q *db.Queries, r db.Customer) ([]db.Customer, error) {
						return q.ListCustomers(bg, db.ListCustomersParams{AfterName: r.Name, AfterID: r.ID[:len(r.ID)-1], Limit: 1})
					},
				},
				update: (*db.Queries).UpdateCustomer,
				change: func(r db.Customer) db.UpdateCustomerParams {
					return db.UpdateCustomerParams{
						ID: r.ID, Name: ptr("Sam Ortiz"), Email: ptr("sam@example.com"), Phone: ptr("+1 555 0142"),
						NetsuiteID: ptr("NS-CUST-1003"), UpdatedAt: at(91), Company: ptr("Ortiz Holdings"),
						Address: ptr("7 Cedar Lane"), Notes: ptr("Call after 5pm"),
					}
				},
				partial: true,
				del:     func(q *db.Queries, r db.Customer) (int64, error) { return q.DeleteCustomer(bg, r.ID) },
			})
		}},
		{"vendors", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.Vendor, db.CreateVendorParams, db.UpdateVendorParams]{
				create: (*db.Queries).CreateVendor,
				params: like(f.Vendor, func(p *db.CreateVendorParams) { p.ID, p.NetsuiteID = "vendor-crud", ptr("NS-VEND-crud") }),
				get:    func(q *db.Queries, r db.Vendor) (db.Vendor, error) { return q.GetVendor(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.Vendor) ([]db.Vendor, error){
					"ListVendors": func(q *db.Queries, _ db.Vendor) ([]db.Vendor, error) {
						return q.ListVendors(bg, db.ListVendorsParams{Limit: allRows})
					},
					"ListVendors after the row's predecessor": func(q *db.Queries, r db.Vendor) ([]db.Vendor, error) {
						return q.ListVendors(bg, db.ListVendorsParams{AfterName: r.Name, AfterID: r.ID[:len(r.ID)-1], Limit: 1})
					},
				},
				update: (*db.Queries).UpdateVendor,
				change: func(r db.Vendor) db.UpdateVendorParams {
					return db.UpdateVendorParams{
						ID: r.ID, Name: ptr("Ortiz Electric"), Category: ptr("Subcontractor"), Email: ptr("office@ortiz-electric.example"),
						Phone: ptr("+1 555 0177"), Address: ptr("9 Volt Street"), NetsuiteID: ptr("NS-VEND-2003"), UpdatedAt: at(91),
					}
				},
				partial: true,
				del:     func(q *db.Queries, r db.Vendor) (int64, error) { return q.DeleteVendor(bg, r.ID) },
			})
		}},
		{"feedback", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.Feedback, db.CreateFeedbackParams, db.UpdateFeedbackParams]{
				create: (*db.Queries).CreateFeedback,
				params: like(f.Feedback, func(p *db.CreateFeedbackParams) { p.ID = "feedback-crud" }),
				get:    func(q *db.Queries, r db.Feedback) (db.Feedback, error) { return q.GetFeedback(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.Feedback) ([]db.Feedback, error){
					"ListFeedback": func(q *db.Queries, _ db.Feedback) ([]db.Feedback, error) { return q.ListFeedback(bg) },
				},
				update: (*db.Queries).UpdateFeedback,
				change: func(r db.Feedback) db.UpdateFeedbackParams {
					return db.UpdateFeedbackParams{
						ID: r.ID, Type: dbtypes.FeedbackTypeFeature, Message: "Export the schedule to PDF", Name: ptr("Ben Carter"),
						Email: ptr("ben.carter@maple.example"), PageURL: ptr("https://compass.example/dashboards"),
						UserAgent: ptr("Mozilla/5.0 (X11; Linux x86_64)"), ViewportWidth: ptr(int64(1920)), ViewportHeight: ptr(int64(1080)),
						IPHash: ptr("60303ae22b998861bce3b28f33eec1be"), GithubIssueURL: ptr("https://github.example/compass/issues/44"),
					}
				},
				del: func(q *db.Queries, r db.Feedback) (int64, error) { return q.DeleteFeedback(bg, r.ID) },
			})
		}},
		{"agent_conversations", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.AgentConversation, db.CreateAgentConversationParams, db.UpdateAgentConversationParams]{
				create: (*db.Queries).CreateAgentConversation,
				params: like(f.AgentConversation, func(p *db.CreateAgentConversationParams) { p.ID = "conversation-crud" }),
				get: func(q *db.Queries, r db.AgentConversation) (db.AgentConversation, error) {
					return q.GetAgentConversation(bg, db.GetAgentConversationParams{ID: r.ID, UserID: r.UserID})
				},
				lists: map[string]func(*db.Queries, db.AgentConversation) ([]db.AgentConversation, error){
					"ListAgentConversationsByUser": func(q *db.Queries, r db.AgentConversation) ([]db.AgentConversation, error) {
						return q.ListAgentConversationsByUser(bg, r.UserID)
					},
				},
				update: (*db.Queries).UpdateAgentConversation,
				change: func(r db.AgentConversation) db.UpdateAgentConversationParams {
					return db.UpdateAgentConversationParams{ID: r.ID, UserID: r.UserID, Title: ptr("Invoice follow-up"), LastMessageAt: at(91)}
				},
				keys: []string{"ID", "UserID"},
				del: func(q *db.Queries, r db.AgentConversation) (int64, error) {
					return q.DeleteAgentConversation(bg, db.DeleteAgentConversationParams{ID: r.ID, UserID: r.UserID})
				},
				other: user2,
			})
		}},
		{"agent_memories", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.AgentMemory, db.CreateAgentMemoryParams, db.UpdateAgentMemoryParams]{
				create: (*db.Queries).CreateAgentMemory,
				params: like(f.AgentMemory, func(p *db.CreateAgentMemoryParams) { p.ID = "memory-crud" }),
				get: func(q *db.Queries, r db.AgentMemory) (db.AgentMemory, error) {
					return q.GetAgentMemory(bg, db.GetAgentMemoryParams{ID: r.ID, UserID: r.UserID})
				},
				lists: map[string]func(*db.Queries, db.AgentMemory) ([]db.AgentMemory, error){
					"ListAgentMemoriesByUser": func(q *db.Queries, r db.AgentMemory) ([]db.AgentMemory, error) {
						return q.ListAgentMemoriesByUser(bg, r.UserID)
					},
					"ListAgentMemoriesByConversation": func(q *db.Queries, r db.AgentMemory) ([]db.AgentMemory, error) {
						return q.ListAgentMemoriesByConversation(bg, db.ListAgentMemoriesByConversationParams{ConversationID: r.ConversationID, UserID: r.UserID})
					},
				},
				update: (*db.Queries).UpdateAgentMemory,
				change: func(r db.AgentMemory) db.UpdateAgentMemoryParams {
					return db.UpdateAgentMemoryParams{
						ID: r.ID, UserID: r.UserID, ConversationID: conversation2, Role: dbtypes.MessageRoleUser,
						Content: "Which invoices are overdue?", Embedding: ptr(dbtypes.Embedding{-1, 0.125}),
						Metadata: ptr(dbtypes.MessageParts{{"type": rawJSON(`"text"`), "text": rawJSON(`"Which invoices are overdue?"`)}}),
					}
				},
				keys: []string{"ID", "UserID"},
				del: func(q *db.Queries, r db.AgentMemory) (int64, error) {
					return q.DeleteAgentMemory(bg, db.DeleteAgentMemoryParams{ID: r.ID, UserID: r.UserID})
				},
				other: user2,
			})
		}},
		{"feedback_interviews", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.FeedbackInterview, db.CreateFeedbackInterviewParams, db.UpdateFeedbackInterviewParams]{
				create: (*db.Queries).CreateFeedbackInterview,
				params: like(f.FeedbackInterview, func(p *db.CreateFeedbackInterviewParams) { p.ID = "interview-crud" }),
				get: func(q *db.Queries, r db.FeedbackInterview) (db.FeedbackInterview, error) {
					return q.GetFeedbackInterview(bg, r.ID)
				},
				lists: map[string]func(*db.Queries, db.FeedbackInterview) ([]db.FeedbackInterview, error){
					"ListFeedbackInterviewsByUser": func(q *db.Queries, r db.FeedbackInterview) ([]db.FeedbackInterview, error) {
						return q.ListFeedbackInterviewsByUser(bg, r.UserID)
					},
				},
				update: (*db.Queries).UpdateFeedbackInterview,
				change: func(r db.FeedbackInterview) db.UpdateFeedbackInterviewParams {
					return db.UpdateFeedbackInterviewParams{
						ID: r.ID, UserID: user2, UserName: "Ben Carter", UserRole: "field",
						Responses: dbtypes.InterviewResponses{{Question: "What would help on site?", Answer: "Offline photos"}},
						Summary:   "Needs offline mode", PainPoints: ptr(dbtypes.StringList{"no signal on site"}),
						FeatureRequests: ptr(dbtypes.StringList{"offline photos"}), OverallSentiment: dbtypes.SentimentPositive,
						GithubIssueURL: ptr("https://github.example/compass/issues/45"), ConversationID: ptr(conversation2),
					}
				},
				del: func(q *db.Queries, r db.FeedbackInterview) (int64, error) { return q.DeleteFeedbackInterview(bg, r.ID) },
			})
		}},
		{"slab_memories", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.SlabMemory, db.CreateSlabMemoryParams, db.UpdateSlabMemoryParams]{
				create: (*db.Queries).CreateSlabMemory,
				params: like(f.SlabMemory, func(p *db.CreateSlabMemoryParams) { p.ID = "slab-crud" }),
				get: func(q *db.Queries, r db.SlabMemory) (db.SlabMemory, error) {
					return q.GetSlabMemory(bg, db.GetSlabMemoryParams{ID: r.ID, UserID: r.UserID})
				},
				lists: map[string]func(*db.Queries, db.SlabMemory) ([]db.SlabMemory, error){
					"ListSlabMemoriesByUser": func(q *db.Queries, r db.SlabMemory) ([]db.SlabMemory, error) {
						return q.ListSlabMemoriesByUser(bg, db.ListSlabMemoriesByUserParams{UserID: r.UserID, PageSize: allRows})
					},
				},
				update: (*db.Queries).UpdateSlabMemory,
				change: func(r db.SlabMemory) db.UpdateSlabMemoryParams {
					return db.UpdateSlabMemoryParams{
						ID: r.ID, UserID: r.UserID, Content: "Invoices go out on the 1st", MemoryType: dbtypes.MemoryTypeWorkflow,
						Tags: ptr("billing"), Importance: 0.5, Pinned: false, AccessCount: 9, LastAccessedAt: ptr(at(91)),
					}
				},
				keys: []string{"ID", "UserID"},
				// DELETE … RETURNING id: no row is ErrNotFound.
				del: func(q *db.Queries, r db.SlabMemory) (int64, error) {
					id, err := q.DeleteSlabMemory(bg, db.DeleteSlabMemoryParams{ID: r.ID, UserID: r.UserID})
					switch {
					case errors.Is(err, compassdb.ErrNotFound):
						return 0, nil
					case err != nil:
						return 0, err
					case id != r.ID:
						return 0, fmt.Errorf("DeleteSlabMemory returned id %q, want %q", id, r.ID)
					}
					return 1, nil
				},
				other: user2,
			})
		}},
		{"push_tokens", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			// user-2's token: user-1 already has the fixture's iOS token, and (user, platform) is unique.
			runCRUD(t, h, crud[db.PushToken, db.CreatePushTokenParams, db.UpdatePushTokenParams]{
				create: (*db.Queries).CreatePushToken,
				params: like(f.PushToken, func(p *db.CreatePushTokenParams) { p.ID, p.UserID = "push-token-crud", user2 }),
				get: func(q *db.Queries, r db.PushToken) (db.PushToken, error) {
					return q.GetPushToken(bg, db.GetPushTokenParams{ID: r.ID, UserID: r.UserID})
				},
				lists: map[string]func(*db.Queries, db.PushToken) ([]db.PushToken, error){
					"ListPushTokensByUser": func(q *db.Queries, r db.PushToken) ([]db.PushToken, error) {
						return q.ListPushTokensByUser(bg, r.UserID)
					},
				},
				update: (*db.Queries).UpdatePushToken,
				change: func(r db.PushToken) db.UpdatePushTokenParams {
					return db.UpdatePushTokenParams{ID: r.ID, UserID: r.UserID, Token: "fcm:token-xyz", Platform: dbtypes.PlatformAndroid, UpdatedAt: at(91)}
				},
				keys: []string{"ID", "UserID"},
				del: func(q *db.Queries, r db.PushToken) (int64, error) {
					return q.DeletePushToken(bg, db.DeletePushTokenParams{ID: r.ID, UserID: r.UserID})
				},
				other: f.User.ID,
			})
		}},
		{"netsuite_auth", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.NetsuiteAuth, db.CreateNetsuiteAuthParams, db.UpdateNetsuiteAuthParams]{
				create: (*db.Queries).CreateNetsuiteAuth,
				params: like(f.NetsuiteAuth, func(p *db.CreateNetsuiteAuthParams) { p.ID, p.AccountID = "netsuite-auth-crud", "TSTDRV-CRUD" }),
				get:    func(q *db.Queries, r db.NetsuiteAuth) (db.NetsuiteAuth, error) { return q.GetNetsuiteAuth(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.NetsuiteAuth) ([]db.NetsuiteAuth, error){
					"ListNetsuiteAuths": func(q *db.Queries, _ db.NetsuiteAuth) ([]db.NetsuiteAuth, error) { return q.ListNetsuiteAuths(bg) },
				},
				update: (*db.Queries).UpdateNetsuiteAuth,
				change: func(r db.NetsuiteAuth) db.UpdateNetsuiteAuthParams {
					return db.UpdateNetsuiteAuthParams{
						ID: r.ID, AccountID: "TSTDRV-CRUD-2", AccessTokenEncrypted: "v1.iv-access2.ciphertext-access2",
						RefreshTokenEncrypted: "v1.iv-refresh2.ciphertext-refresh2", ExpiresIn: 1800, TokenType: "bearer",
						IssuedAt: f.NetsuiteAuth.IssuedAt + 3_600_000, UpdatedAt: at(91),
					}
				},
				del: func(q *db.Queries, r db.NetsuiteAuth) (int64, error) { return q.DeleteNetsuiteAuth(bg, r.ID) },
			})
		}},
		{"netsuite_sync_metadata", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.NetsuiteSyncMetadata, db.CreateNetsuiteSyncMetadataParams, db.UpdateNetsuiteSyncMetadataParams]{
				create: (*db.Queries).CreateNetsuiteSyncMetadata,
				params: like(f.NetsuiteSyncMetadata, func(p *db.CreateNetsuiteSyncMetadataParams) {
					p.ID, p.LocalTable, p.LocalRecordID = "sync-metadata-crud", dbtypes.LocalTableVendors, f.Vendor.ID
					p.NetsuiteRecordType, p.NetsuiteInternalID = dbtypes.RecordTypeVendor, ptr("2001")
				}),
				get: func(q *db.Queries, r db.NetsuiteSyncMetadata) (db.NetsuiteSyncMetadata, error) {
					return q.GetNetsuiteSyncMetadata(bg, r.ID)
				},
				lists: map[string]func(*db.Queries, db.NetsuiteSyncMetadata) ([]db.NetsuiteSyncMetadata, error){
					"ListNetsuiteSyncMetadata": func(q *db.Queries, _ db.NetsuiteSyncMetadata) ([]db.NetsuiteSyncMetadata, error) {
						return q.ListNetsuiteSyncMetadata(bg)
					},
				},
				update: (*db.Queries).UpdateNetsuiteSyncMetadata,
				change: func(r db.NetsuiteSyncMetadata) db.UpdateNetsuiteSyncMetadataParams {
					return db.UpdateNetsuiteSyncMetadataParams{
						ID: r.ID, LocalTable: dbtypes.LocalTableProjects, LocalRecordID: f.Project.ID,
						NetsuiteRecordType: dbtypes.RecordTypeJob, NetsuiteInternalID: ptr("3001"), LastSyncedAt: ptr(at(90)),
						LastModifiedLocal: ptr(at(89).String()), LastModifiedRemote: ptr("2026-02-04T13:00:00Z"),
						SyncStatus:   dbtypes.SyncStatusError,
						ConflictData: ptr(dbtypes.ConflictData{Remote: rawJSON(`{"entityid":"NS-JOB-1001"}`), Reason: "job renamed"}),
						ErrorMessage: ptr("INSUFFICIENT_PERMISSION"), RetryCount: 4, UpdatedAt: at(91),
					}
				},
				del: func(q *db.Queries, r db.NetsuiteSyncMetadata) (int64, error) {
					return q.DeleteNetsuiteSyncMetadata(bg, r.ID)
				},
			})
		}},
		{"netsuite_sync_log", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.NetsuiteSyncLog, db.CreateNetsuiteSyncLogParams, db.UpdateNetsuiteSyncLogParams]{
				create: (*db.Queries).CreateNetsuiteSyncLog,
				params: like(f.NetsuiteSyncLog, func(p *db.CreateNetsuiteSyncLogParams) { p.ID = "sync-log-crud" }),
				get: func(q *db.Queries, r db.NetsuiteSyncLog) (db.NetsuiteSyncLog, error) {
					return q.GetNetsuiteSyncLog(bg, r.ID)
				},
				lists: map[string]func(*db.Queries, db.NetsuiteSyncLog) ([]db.NetsuiteSyncLog, error){
					"ListNetsuiteSyncLogs": func(q *db.Queries, _ db.NetsuiteSyncLog) ([]db.NetsuiteSyncLog, error) {
						return q.ListNetsuiteSyncLogs(bg)
					},
				},
				update: (*db.Queries).UpdateNetsuiteSyncLog,
				change: func(r db.NetsuiteSyncLog) db.UpdateNetsuiteSyncLogParams {
					return db.UpdateNetsuiteSyncLogParams{
						ID: r.ID, SyncType: "full", RecordType: dbtypes.RecordTypeInvoice, Direction: dbtypes.SyncDirectionPush,
						Status: dbtypes.SyncRunStatusFailed, RecordsProcessed: 40, RecordsFailed: 40,
						ErrorSummary: ptr("token expired"), StartedAt: at(90), CompletedAt: ptr(at(91)),
					}
				},
				del: func(q *db.Queries, r db.NetsuiteSyncLog) (int64, error) { return q.DeleteNetsuiteSyncLog(bg, r.ID) },
			})
		}},
		{"invoices", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.Invoice, db.CreateInvoiceParams, db.UpdateInvoiceParams]{
				create: (*db.Queries).CreateInvoice,
				params: like(f.Invoice, func(p *db.CreateInvoiceParams) { p.ID, p.NetsuiteID = "invoice-crud", ptr("NS-INV-crud") }),
				get:    func(q *db.Queries, r db.Invoice) (db.Invoice, error) { return q.GetInvoice(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.Invoice) ([]db.Invoice, error){
					"ListInvoicesByProject": func(q *db.Queries, r db.Invoice) ([]db.Invoice, error) {
						return byValue(r.ProjectID, func(id string) db.ListInvoicesByProjectParams {
							return db.ListInvoicesByProjectParams{ProjectID: id, Limit: allRows}
						}, q.ListInvoicesByProject)
					},
					"ListInvoicesByCustomer": func(q *db.Queries, r db.Invoice) ([]db.Invoice, error) {
						return q.ListInvoicesByCustomer(bg, db.ListInvoicesByCustomerParams{CustomerID: r.CustomerID, Limit: allRows})
					},
					"ListInvoicesByCustomer before the row's successor": func(q *db.Queries, r db.Invoice) ([]db.Invoice, error) {
						return q.ListInvoicesByCustomer(bg, db.ListInvoicesByCustomerParams{
							CustomerID: r.CustomerID, BeforeIssueDate: &r.IssueDate, BeforeID: ptr(r.ID + "~"), Limit: 1,
						})
					},
				},
				update: (*db.Queries).UpdateInvoice,
				change: func(r db.Invoice) db.UpdateInvoiceParams {
					return db.UpdateInvoiceParams{
						ID: r.ID, NetsuiteID: ptr("NS-INV-3002"), CustomerID: customer2, ProjectID: ptr(project2),
						InvoiceNumber: ptr("INV-1002"), Status: "paid", IssueDate: date("2026-04-01"),
						DueDate:  dbtypes.NewNullDate(date("2026-05-01")),
						Subtotal: dbtypes.Cents(10), Tax: dbtypes.Cents(1), Total: dbtypes.Cents(11), AmountPaid: dbtypes.Cents(11),
						AmountDue: dbtypes.Cents(0), Memo: ptr("Final billing"),
						LineItems: ptr(dbtypes.LineItems{{Description: "Punch list", Quantity: 1, Rate: 0.1, Amount: 0.1}}),
						UpdatedAt: at(91),
					}
				},
				del: func(q *db.Queries, r db.Invoice) (int64, error) { return q.DeleteInvoice(bg, r.ID) },
			})
		}},
		{"vendor_bills", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.VendorBill, db.CreateVendorBillParams, db.UpdateVendorBillParams]{
				create: (*db.Queries).CreateVendorBill,
				params: like(f.VendorBill, func(p *db.CreateVendorBillParams) { p.ID, p.NetsuiteID = "bill-crud", ptr("NS-BILL-crud") }),
				get:    func(q *db.Queries, r db.VendorBill) (db.VendorBill, error) { return q.GetVendorBill(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.VendorBill) ([]db.VendorBill, error){
					"ListVendorBillsByProject": func(q *db.Queries, r db.VendorBill) ([]db.VendorBill, error) {
						return byValue(r.ProjectID, func(id string) db.ListVendorBillsByProjectParams {
							return db.ListVendorBillsByProjectParams{ProjectID: id, Limit: allRows}
						}, q.ListVendorBillsByProject)
					},
					"ListVendorBillsByVendor": func(q *db.Queries, r db.VendorBill) ([]db.VendorBill, error) {
						return q.ListVendorBillsByVendor(bg, db.ListVendorBillsByVendorParams{VendorID: r.VendorID, Limit: allRows})
					},
					"ListVendorBillsByVendor before the row's successor": func(q *db.Queries, r db.VendorBill) ([]db.VendorBill, error) {
						return q.ListVendorBillsByVendor(bg, db.ListVendorBillsByVendorParams{
							VendorID: r.VendorID, BeforeBillDate: &r.BillDate, BeforeID: ptr(r.ID + "~"), Limit: 1,
						})
					},
				},
				update: (*db.Queries).UpdateVendorBill,
				change: func(r db.VendorBill) db.UpdateVendorBillParams {
					return db.UpdateVendorBillParams{
						ID: r.ID, NetsuiteID: ptr("NS-BILL-4002"), VendorID: vendor2, ProjectID: ptr(project2),
						BillNumber: ptr("OE-17"), Status: "paid", BillDate: date("2026-04-02"),
						DueDate:  dbtypes.NewNullDate(date("2026-05-02")),
						Subtotal: dbtypes.Cents(-500), Tax: dbtypes.Cents(-40), Total: dbtypes.Cents(-540), AmountPaid: dbtypes.Cents(-540),
						AmountDue: dbtypes.Cents(0), Memo: ptr("Returned fixtures"),
						LineItems: ptr(dbtypes.LineItems{{Description: "Return", Quantity: -1, Rate: 5, Amount: -5}}),
						UpdatedAt: at(91),
					}
				},
				del: func(q *db.Queries, r db.VendorBill) (int64, error) { return q.DeleteVendorBill(bg, r.ID) },
			})
		}},
		{"payments", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.Payment, db.CreatePaymentParams, db.UpdatePaymentParams]{
				create: (*db.Queries).CreatePayment,
				params: like(f.Payment, func(p *db.CreatePaymentParams) { p.ID, p.NetsuiteID = "payment-crud", ptr("NS-PAY-crud") }),
				get:    func(q *db.Queries, r db.Payment) (db.Payment, error) { return q.GetPayment(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.Payment) ([]db.Payment, error){
					"ListPaymentsByProject": func(q *db.Queries, r db.Payment) ([]db.Payment, error) {
						return byValue(r.ProjectID, func(id string) db.ListPaymentsByProjectParams {
							return db.ListPaymentsByProjectParams{ProjectID: id, Limit: allRows}
						}, q.ListPaymentsByProject)
					},
					"ListPaymentsByVendor": func(q *db.Queries, r db.Payment) ([]db.Payment, error) {
						return byValue(r.VendorID, func(id string) db.ListPaymentsByVendorParams {
							return db.ListPaymentsByVendorParams{VendorID: id, Limit: allRows}
						}, q.ListPaymentsByVendor)
					},
					"ListPaymentsByCustomer": func(q *db.Queries, r db.Payment) ([]db.Payment, error) {
						return byValue(r.CustomerID, func(id string) db.ListPaymentsByCustomerParams {
							return db.ListPaymentsByCustomerParams{CustomerID: id, Limit: allRows}
						}, q.ListPaymentsByCustomer)
					},
					"ListPaymentsByProject before the row's successor": func(q *db.Queries, r db.Payment) ([]db.Payment, error) {
						return byValue(r.ProjectID, func(id string) db.ListPaymentsByProjectParams {
							return db.ListPaymentsByProjectParams{ProjectID: id, BeforePaymentDate: &r.PaymentDate, BeforeID: ptr(r.ID + "~"), Limit: 1}
						}, q.ListPaymentsByProject)
					},
				},
				update: (*db.Queries).UpdatePayment,
				// A payment received from a customer becomes one sent to a vendor.
				change: func(r db.Payment) db.UpdatePaymentParams {
					return db.UpdatePaymentParams{
						ID: r.ID, NetsuiteID: ptr("NS-PAY-5002"), CustomerID: nil, VendorID: ptr(vendor2), ProjectID: ptr(project2),
						PaymentType: dbtypes.PaymentTypeSent, Amount: dbtypes.Cents(133333), PaymentDate: date("2026-04-03"),
						PaymentMethod: ptr(dbtypes.PaymentMethodCheck), ReferenceNumber: ptr("CHK-1042"), Memo: ptr("Bill OE-17"),
						UpdatedAt: at(91),
					}
				},
				del: func(q *db.Queries, r db.Payment) (int64, error) { return q.DeletePayment(bg, r.ID) },
			})
		}},
		{"credit_memos", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.CreditMemo, db.CreateCreditMemoParams, db.UpdateCreditMemoParams]{
				create: (*db.Queries).CreateCreditMemo,
				params: like(f.CreditMemo, func(p *db.CreateCreditMemoParams) { p.ID, p.NetsuiteID = "credit-memo-crud", ptr("NS-CM-crud") }),
				get:    func(q *db.Queries, r db.CreditMemo) (db.CreditMemo, error) { return q.GetCreditMemo(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.CreditMemo) ([]db.CreditMemo, error){
					"ListCreditMemosByProject": func(q *db.Queries, r db.CreditMemo) ([]db.CreditMemo, error) {
						return byValue(r.ProjectID, func(id string) db.ListCreditMemosByProjectParams {
							return db.ListCreditMemosByProjectParams{ProjectID: id, Limit: allRows}
						}, q.ListCreditMemosByProject)
					},
					"ListCreditMemosByCustomer": func(q *db.Queries, r db.CreditMemo) ([]db.CreditMemo, error) {
						return q.ListCreditMemosByCustomer(bg, db.ListCreditMemosByCustomerParams{CustomerID: r.CustomerID, Limit: allRows})
					},
					"ListCreditMemosByCustomer before the row's successor": func(q *db.Queries, r db.CreditMemo) ([]db.CreditMemo, error) {
						return q.ListCreditMemosByCustomer(bg, db.ListCreditMemosByCustomerParams{
							CustomerID: r.CustomerID, BeforeIssueDate: &r.IssueDate, BeforeID: ptr(r.ID + "~"), Limit: 1,
						})
					},
				},
				update: (*db.Queries).UpdateCreditMemo,
				change: func(r db.CreditMemo) db.UpdateCreditMemoParams {
					return db.UpdateCreditMemoParams{
						ID: r.ID, NetsuiteID: ptr("NS-CM-6002"), CustomerID: customer2, ProjectID: ptr(project2),
						MemoNumber: ptr("CM-13"), Status: dbtypes.CreditMemoStatusVoid, IssueDate: date("2026-04-04"),
						Total: dbtypes.Cents(999999), AmountApplied: dbtypes.Cents(0), AmountRemaining: dbtypes.Cents(999999),
						Memo: ptr("Voided"), LineItems: ptr(dbtypes.LineItems{}), UpdatedAt: at(91),
					}
				},
				del: func(q *db.Queries, r db.CreditMemo) (int64, error) { return q.DeleteCreditMemo(bg, r.ID) },
			})
		}},
		{"plugins", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.Plugin, db.CreatePluginParams, db.UpdatePluginParams]{
				create: (*db.Queries).CreatePlugin,
				params: like(f.Plugin, func(p *db.CreatePluginParams) { p.ID = "plugin-crud" }),
				get:    func(q *db.Queries, r db.Plugin) (db.Plugin, error) { return q.GetPlugin(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.Plugin) ([]db.Plugin, error){
					"ListPluginsByEnabledBy": func(q *db.Queries, r db.Plugin) ([]db.Plugin, error) {
						return byKey(r.EnabledBy, q.ListPluginsByEnabledBy)
					},
				},
				update: (*db.Queries).UpdatePlugin,
				change: func(r db.Plugin) db.UpdatePluginParams {
					return db.UpdatePluginParams{
						ID: r.ID, Name: "Estimator", Description: ptr("Takeoffs from plans"), Version: "0.3.1",
						Source: "./plugins/estimator", SourceType: dbtypes.PluginSourceTypeLocal,
						Capabilities:    dbtypes.Capabilities{dbtypes.CapabilityActions, dbtypes.CapabilityComponents, dbtypes.CapabilityQueries},
						RequiredEnvVars: ptr(dbtypes.StringList{}), Status: dbtypes.PluginStatusError,
						StatusReason: ptr("missing ESTIMATOR_KEY"), EnabledBy: ptr(user2), EnabledAt: ptr(at(90)), UpdatedAt: at(91),
					}
				},
				del: func(q *db.Queries, r db.Plugin) (int64, error) { return q.DeletePlugin(bg, r.ID) },
			})
		}},
		{"plugin_config", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.PluginConfig, db.CreatePluginConfigParams, db.UpdatePluginConfigParams]{
				create: (*db.Queries).CreatePluginConfig,
				params: like(f.PluginConfig, func(p *db.CreatePluginConfigParams) { p.ID, p.Key = "plugin-config-crud", "FORECAST_DAYS" }),
				get:    func(q *db.Queries, r db.PluginConfig) (db.PluginConfig, error) { return q.GetPluginConfig(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.PluginConfig) ([]db.PluginConfig, error){
					"ListPluginConfigsByPlugin": func(q *db.Queries, r db.PluginConfig) ([]db.PluginConfig, error) {
						return q.ListPluginConfigsByPlugin(bg, r.PluginID)
					},
				},
				update: (*db.Queries).UpdatePluginConfig,
				change: func(r db.PluginConfig) db.UpdatePluginConfigParams {
					return db.UpdatePluginConfigParams{ID: r.ID, PluginID: plugin2, Key: "UNITS", Value: "metric", IsEncrypted: false, UpdatedAt: at(91)}
				},
				del: func(q *db.Queries, r db.PluginConfig) (int64, error) { return q.DeletePluginConfig(bg, r.ID) },
			})
		}},
		{"plugin_events", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.PluginEvent, db.CreatePluginEventParams, db.UpdatePluginEventParams]{
				create: (*db.Queries).CreatePluginEvent,
				params: like(f.PluginEvent, func(p *db.CreatePluginEventParams) { p.ID = "plugin-event-crud" }),
				get:    func(q *db.Queries, r db.PluginEvent) (db.PluginEvent, error) { return q.GetPluginEvent(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.PluginEvent) ([]db.PluginEvent, error){
					"ListPluginEventsByUser": func(q *db.Queries, r db.PluginEvent) ([]db.PluginEvent, error) {
						return byKey(r.UserID, q.ListPluginEventsByUser)
					},
					"ListPluginEventsByPlugin": func(q *db.Queries, r db.PluginEvent) ([]db.PluginEvent, error) {
						return q.ListPluginEventsByPlugin(bg, r.PluginID)
					},
				},
				update: (*db.Queries).UpdatePluginEvent,
				change: func(r db.PluginEvent) db.UpdatePluginEventParams {
					return db.UpdatePluginEventParams{ID: r.ID, PluginID: plugin2, EventType: dbtypes.PluginEventTypeError, Details: ptr("timeout"), UserID: ptr(user2)}
				},
				del: func(q *db.Queries, r db.PluginEvent) (int64, error) { return q.DeletePluginEvent(bg, r.ID) },
			})
		}},
		{"agent_items", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.AgentItem, db.CreateAgentItemParams, db.UpdateAgentItemParams]{
				create: (*db.Queries).CreateAgentItem,
				params: like(f.AgentItem, func(p *db.CreateAgentItemParams) { p.ID = "agent-item-crud" }),
				get: func(q *db.Queries, r db.AgentItem) (db.AgentItem, error) {
					return q.GetAgentItem(bg, db.GetAgentItemParams{ID: r.ID, UserID: r.UserID})
				},
				lists: map[string]func(*db.Queries, db.AgentItem) ([]db.AgentItem, error){
					"ListAgentItemsByUser": func(q *db.Queries, r db.AgentItem) ([]db.AgentItem, error) {
						return q.ListAgentItemsByUser(bg, r.UserID)
					},
				},
				// The columns the application edits (title, content, done, sort_order, metadata);
				// conversation_id, type and parent_id stay as created.
				update: (*db.Queries).UpdateAgentItem,
				change: func(r db.AgentItem) db.UpdateAgentItemParams {
					return db.UpdateAgentItemParams{
						ID: r.ID, UserID: r.UserID, Title: ptr("Closeout"), Content: ptr("Punch list, warranty binder"),
						Done: ptr(true), SortOrder: ptr(int64(7)),
						Metadata: ptr(dbtypes.JSONObject{"due": rawJSON(`"2026-05-01"`)}), UpdatedAt: at(91),
					}
				},
				partial: true,
				keys:    []string{"ID", "UserID"},
				del: func(q *db.Queries, r db.AgentItem) (int64, error) {
					return q.DeleteAgentItem(bg, db.DeleteAgentItemParams{ID: r.ID, UserID: r.UserID})
				},
				other: user2,
			})
		}},
		{"agent_config", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.AgentConfig, db.CreateAgentConfigParams, db.UpdateAgentConfigParams]{
				// The table holds one row, id 'global': the test replaces the fixture's.
				setup: func(t *testing.T, w *db.Queries) {
					if n, err := w.DeleteAgentConfig(bg, f.AgentConfig.ID); n != 1 || err != nil {
						t.Fatalf("delete the fixture's agent_config: %d, %v", n, err)
					}
				},
				create: (*db.Queries).CreateAgentConfig,
				params: like(f.AgentConfig, func(p *db.CreateAgentConfigParams) { p.ModelID = "openai/gpt-4.1" }),
				get:    func(q *db.Queries, _ db.AgentConfig) (db.AgentConfig, error) { return q.GetAgentConfig(bg) },
				lists: map[string]func(*db.Queries, db.AgentConfig) ([]db.AgentConfig, error){
					"ListAgentConfigsByUpdatedBy": func(q *db.Queries, r db.AgentConfig) ([]db.AgentConfig, error) {
						return q.ListAgentConfigsByUpdatedBy(bg, r.UpdatedBy)
					},
				},
				update: (*db.Queries).UpdateAgentConfig,
				change: func(r db.AgentConfig) db.UpdateAgentConfigParams {
					return db.UpdateAgentConfigParams{
						ID: r.ID, ModelID: "google/gemini-2.5-pro", ModelName: "Gemini 2.5 Pro", Provider: "google",
						PromptCost: "0.00000125", CompletionCost: "0.00001", ContextLength: 1048576, UpdatedBy: user2,
						UpdatedAt: at(91), MaxCostPerMillion: ptr("12.50"), AllowUserSelection: false,
					}
				},
				del: func(q *db.Queries, r db.AgentConfig) (int64, error) { return q.DeleteAgentConfig(bg, r.ID) },
			})
		}},
		{"user_model_preference", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.UserModelPreference, db.CreateUserModelPreferenceParams, db.UpdateUserModelPreferenceParams]{
				create: (*db.Queries).CreateUserModelPreference,
				params: like(f.UserModelPreference, func(p *db.CreateUserModelPreferenceParams) { p.UserID = user2 }),
				get: func(q *db.Queries, r db.UserModelPreference) (db.UserModelPreference, error) {
					return q.GetUserModelPreference(bg, r.UserID)
				},
				update: (*db.Queries).UpdateUserModelPreference,
				change: func(r db.UserModelPreference) db.UpdateUserModelPreferenceParams {
					return db.UpdateUserModelPreferenceParams{
						UserID: r.UserID, ModelID: "anthropic/claude-haiku-4", PromptCost: "0.0000008", CompletionCost: "0.000004", UpdatedAt: at(91),
					}
				},
				keys: []string{"UserID"},
				del: func(q *db.Queries, r db.UserModelPreference) (int64, error) {
					return q.DeleteUserModelPreference(bg, r.UserID)
				},
			})
		}},
		{"agent_usage", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.AgentUsage, db.CreateAgentUsageParams, db.UpdateAgentUsageParams]{
				create: (*db.Queries).CreateAgentUsage,
				params: like(f.AgentUsage, func(p *db.CreateAgentUsageParams) { p.ID = "usage-crud" }),
				get: func(q *db.Queries, r db.AgentUsage) (db.AgentUsage, error) {
					return q.GetAgentUsage(bg, db.GetAgentUsageParams{ID: r.ID, UserID: r.UserID})
				},
				lists: map[string]func(*db.Queries, db.AgentUsage) ([]db.AgentUsage, error){
					"ListAgentUsageByUser": func(q *db.Queries, r db.AgentUsage) ([]db.AgentUsage, error) {
						return q.ListAgentUsageByUser(bg, db.ListAgentUsageByUserParams{UserID: r.UserID, PageSize: allRows})
					},
					"ListAgentUsageByConversationForUser": func(q *db.Queries, r db.AgentUsage) ([]db.AgentUsage, error) {
						return q.ListAgentUsageByConversationForUser(bg, db.ListAgentUsageByConversationForUserParams{ConversationID: r.ConversationID, UserID: r.UserID})
					},
					// Every user's usage of the conversation (for admins), narrowed here to r's
					// user, so that another user's id finds nothing as in the other lists.
					"ListAgentUsageByConversation": func(q *db.Queries, r db.AgentUsage) ([]db.AgentUsage, error) {
						rows, err := q.ListAgentUsageByConversation(bg, r.ConversationID)
						return slices.DeleteFunc(rows, func(u db.AgentUsage) bool { return u.UserID != r.UserID }), err
					},
				},
				update: (*db.Queries).UpdateAgentUsage,
				change: func(r db.AgentUsage) db.UpdateAgentUsageParams {
					return db.UpdateAgentUsageParams{
						ID: r.ID, UserID: r.UserID, ConversationID: conversation2, ModelID: "openai/gpt-4.1-mini",
						PromptTokens: 10, CompletionTokens: 20, TotalTokens: 30, EstimatedCost: "0.00003600",
					}
				},
				keys: []string{"ID", "UserID"},
				del: func(q *db.Queries, r db.AgentUsage) (int64, error) {
					return q.DeleteAgentUsage(bg, db.DeleteAgentUsageParams{ID: r.ID, UserID: r.UserID})
				},
				other: user2,
			})
		}},
		{"custom_themes", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.CustomTheme, db.CreateCustomThemeParams, db.UpdateCustomThemeParams]{
				create: (*db.Queries).CreateCustomTheme,
				params: like(f.CustomTheme, func(p *db.CreateCustomThemeParams) { p.ID = "theme-crud" }),
				get: func(q *db.Queries, r db.CustomTheme) (db.CustomTheme, error) {
					return q.GetCustomTheme(bg, db.GetCustomThemeParams{ID: r.ID, UserID: r.UserID})
				},
				lists: map[string]func(*db.Queries, db.CustomTheme) ([]db.CustomTheme, error){
					"ListCustomThemesByUser": func(q *db.Queries, r db.CustomTheme) ([]db.CustomTheme, error) {
						return q.ListCustomThemesByUser(bg, r.UserID)
					},
				},
				update: (*db.Queries).UpdateCustomTheme,
				change: func(r db.CustomTheme) db.UpdateCustomThemeParams {
					data := r.ThemeData
					data.Name, data.IsPreset = "Slate", true
					data.Light = map[string]string{"background": "oklch(0.97 0 0)"}
					return db.UpdateCustomThemeParams{ID: r.ID, UserID: r.UserID, Name: "Slate", Description: "Cool greys", ThemeData: data, UpdatedAt: at(91)}
				},
				keys: []string{"ID", "UserID"},
				del: func(q *db.Queries, r db.CustomTheme) (int64, error) {
					return q.DeleteCustomTheme(bg, db.DeleteCustomThemeParams{ID: r.ID, UserID: r.UserID})
				},
				other: user2,
			})
		}},
		{"user_theme_preference", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.UserThemePreference, db.CreateUserThemePreferenceParams, db.UpdateUserThemePreferenceParams]{
				create: (*db.Queries).CreateUserThemePreference,
				params: like(f.UserThemePreference, func(p *db.CreateUserThemePreferenceParams) { p.UserID = user2 }),
				get: func(q *db.Queries, r db.UserThemePreference) (db.UserThemePreference, error) {
					return q.GetUserThemePreference(bg, r.UserID)
				},
				update: (*db.Queries).UpdateUserThemePreference,
				change: func(r db.UserThemePreference) db.UpdateUserThemePreferenceParams {
					return db.UpdateUserThemePreferenceParams{UserID: r.UserID, ActiveThemeID: "preset-midnight", UpdatedAt: at(91)}
				},
				keys: []string{"UserID"},
				del: func(q *db.Queries, r db.UserThemePreference) (int64, error) {
					return q.DeleteUserThemePreference(bg, r.UserID)
				},
			})
		}},
		{"google_auth", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.GoogleAuth, db.CreateGoogleAuthParams, db.UpdateGoogleAuthParams]{
				create: (*db.Queries).CreateGoogleAuth,
				params: like(f.GoogleAuth, func(p *db.CreateGoogleAuthParams) { p.ID = "google-auth-crud" }),
				get:    func(q *db.Queries, r db.GoogleAuth) (db.GoogleAuth, error) { return q.GetGoogleAuth(bg, r.ID) },
				lists: map[string]func(*db.Queries, db.GoogleAuth) ([]db.GoogleAuth, error){
					"ListGoogleAuthsByConnectedBy": func(q *db.Queries, r db.GoogleAuth) ([]db.GoogleAuth, error) {
						return q.ListGoogleAuthsByConnectedBy(bg, r.ConnectedBy)
					},
					"ListGoogleAuthsByOrganization": func(q *db.Queries, r db.GoogleAuth) ([]db.GoogleAuth, error) {
						return q.ListGoogleAuthsByOrganization(bg, r.OrganizationID)
					},
				},
				update: (*db.Queries).UpdateGoogleAuth,
				change: func(r db.GoogleAuth) db.UpdateGoogleAuthParams {
					return db.UpdateGoogleAuthParams{
						ID: r.ID, OrganizationID: org2, ServiceAccountKeyEncrypted: "v1.iv-sa2.ciphertext-sa2",
						WorkspaceDomain: "birch.example", SharedDriveID: ptr("0AGdrive456"), SharedDriveName: ptr("Birch projects"),
						ConnectedBy: user2, UpdatedAt: at(91),
					}
				},
				del: func(q *db.Queries, r db.GoogleAuth) (int64, error) { return q.DeleteGoogleAuth(bg, r.ID) },
			})
		}},
		{"google_starred_files", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.GoogleStarredFile, db.CreateGoogleStarredFileParams, db.UpdateGoogleStarredFileParams]{
				create: (*db.Queries).CreateGoogleStarredFile,
				params: like(f.GoogleStarredFile, func(p *db.CreateGoogleStarredFileParams) { p.ID, p.GoogleFileID = "starred-crud", "1CrudFile" }),
				get: func(q *db.Queries, r db.GoogleStarredFile) (db.GoogleStarredFile, error) {
					return q.GetGoogleStarredFile(bg, db.GetGoogleStarredFileParams{ID: r.ID, UserID: r.UserID})
				},
				lists: map[string]func(*db.Queries, db.GoogleStarredFile) ([]db.GoogleStarredFile, error){
					"ListGoogleStarredFilesByUser": func(q *db.Queries, r db.GoogleStarredFile) ([]db.GoogleStarredFile, error) {
						return q.ListGoogleStarredFilesByUser(bg, r.UserID)
					},
				},
				update: (*db.Queries).UpdateGoogleStarredFile,
				change: func(r db.GoogleStarredFile) db.UpdateGoogleStarredFileParams {
					return db.UpdateGoogleStarredFileParams{ID: r.ID, UserID: r.UserID, GoogleFileID: "1CrudFileRenamed"}
				},
				keys: []string{"ID", "UserID"},
				del: func(q *db.Queries, r db.GoogleStarredFile) (int64, error) {
					return q.DeleteGoogleStarredFile(bg, db.DeleteGoogleStarredFileParams{ID: r.ID, UserID: r.UserID})
				},
				other: user2,
			})
		}},
		{"custom_dashboards", func(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) {
			runCRUD(t, h, crud[db.CustomDashboard, db.CreateCustomDashboardParams, db.UpdateCustomDashboardParams]{
				create: (*db.Queries).CreateCustomDashboard,
				params: like(f.CustomDashboard, func(p *db.CreateCustomDashboardParams) { p.ID = "dashboard-crud" }),
				get: func(q *db.Queries, r db.CustomDashboard) (db.CustomDashboard, error) {
					return q.GetCustomDashboard(bg, db.GetCustomDashboardParams{ID: r.ID, UserID: r.UserID})
				},
				lists: map[string]func(*db.Queries, db.CustomDashboard) ([]db.CustomDashboard, error){
					// The list's columns (id, name, description, updated_at) over the rest of r:
					// the row is found, and equal, when those columns are the row's.
					"ListCustomDashboardsByUser": func(q *db.Queries, r db.CustomDashboard) ([]db.CustomDashboard, error) {
						rows, err := q.ListCustomDashboardsByUser(bg, r.UserID)
						full := make([]db.CustomDashboard, len(rows))
						for i, s := range rows {
							full[i] = r
							full[i].ID, full[i].Name, full[i].Description, full[i].UpdatedAt = s.ID, s.Name, s.Description, s.UpdatedAt
						}
						return full, err
					},
				},
				update: (*db.Queries).UpdateCustomDashboard,
				change: func(r db.CustomDashboard) db.UpdateCustomDashboardParams {
					return db.UpdateCustomDashboardParams{
						ID: r.ID, UserID: r.UserID, Name: "Schedule health", Description: "Late tasks",
						SpecData: dbtypes.DashboardSpec{Root: "list", Elements: map[string]dbtypes.DashboardElement{
							"list": {Type: "Table", Props: rawJSON(`{"rows":{"path":"/tasks"}}`), Children: []string{}},
						}},
						Queries:      dbtypes.DashboardQueries{{Key: "tasks", QueryType: "schedule_tasks", ID: ptr("project-1")}},
						RenderPrompt: "Show late tasks", UpdatedAt: at(91),
					}
				},
				keys: []string{"ID", "UserID"},
				del: func(q *db.Queries, r db.CustomDashboard) (int64, error) {
					return q.DeleteCustomDashboard(bg, db.DeleteCustomDashboardParams{ID: r.ID, UserID: r.UserID})
				},
				other: user2,
			})
		}},
	}

	s := readSchema(t, h)
	var covered []string
	var passed atomic.Int32
	t.Run("tables", func(t *testing.T) {
		for _, c := range cases {
			covered = append(covered, c.table)
			t.Run(c.table, func(t *testing.T) {
				t.Cleanup(func() {
					if !t.Failed() {
						passed.Add(1)
					}
				})
				c.run(t, h, f)
			})
		}
	})
	slices.Sort(covered)
	if tables := s.TableNames(); !slices.Equal(covered, tables) {
		t.Errorf("CRUD cases cover %q\nthe schema has %q", covered, tables)
	}
	t.Logf("tables round-tripped: %d of %d", passed.Load(), len(covered))
}
