package compassdb_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// peopleFx is a migrated database with helpers that create the rows the people tests
// need. Its helper names are methods so they cannot clash with other test files.
type peopleFx struct {
	t   *testing.T
	ctx context.Context
	h   *compassdb.DB
	q   *db.Queries // the write connection
	now dbtypes.Timestamp
}

func newPeopleFx(t *testing.T) *peopleFx {
	h := dbtest.Open(t)
	now, err := dbtypes.ParseTimestamp("2026-02-04T12:00:00.000Z")
	if err != nil {
		t.Fatal(err)
	}
	return &peopleFx{t: t, ctx: context.Background(), h: h, q: h.Writer(), now: now}
}

// peopleMust(call())(t) fails the test if call returned an error, else returns its value.
func peopleMust[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func peopleStr(s string) *string { return &s }

func (f *peopleFx) at(d time.Duration) dbtypes.Timestamp { return dbtypes.NewTimestamp(f.now.Add(d)) }

func (f *peopleFx) user(email, display string, active bool) db.User {
	f.t.Helper()
	return peopleMust(f.q.CreateUser(f.ctx, db.CreateUserParams{
		ID: compassdb.NewID(), Email: email, DisplayName: peopleStr(display), Role: dbtypes.UserRoleOffice,
		IsActive: active, CreatedAt: f.now, UpdatedAt: f.now,
	}))(f.t)
}

func (f *peopleFx) org(name, slug string, active bool) db.Organization {
	f.t.Helper()
	return peopleMust(f.q.CreateOrganization(f.ctx, db.CreateOrganizationParams{
		ID: compassdb.NewID(), Name: name, Slug: slug, Type: dbtypes.OrganizationTypeInternal,
		IsActive: active, CreatedAt: f.now, UpdatedAt: f.now,
	}))(f.t)
}

func (f *peopleFx) team(orgID, name string) db.Team {
	f.t.Helper()
	return peopleMust(f.q.CreateTeam(f.ctx, db.CreateTeamParams{
		ID: compassdb.NewID(), OrganizationID: orgID, Name: name, CreatedAt: f.now,
	}))(f.t)
}

func (f *peopleFx) group(orgID, name string, color *string) db.Group {
	f.t.Helper()
	return peopleMust(f.q.CreateGroup(f.ctx, db.CreateGroupParams{
		ID: compassdb.NewID(), OrganizationID: orgID, Name: name, Color: color, CreatedAt: f.now,
	}))(f.t)
}

func (f *peopleFx) project(name string, orgID *string) db.Project {
	f.t.Helper()
	return peopleMust(f.q.CreateProject(f.ctx, db.CreateProjectParams{
		ID: compassdb.NewID(), Name: name, CreatedAt: f.now, Status: "OPEN", OrganizationID: orgID,
	}))(f.t)
}

func (f *peopleFx) addTeam(teamID, userID string) int64 {
	f.t.Helper()
	return peopleMust(f.q.AddTeamMember(f.ctx, db.AddTeamMemberParams{
		ID: compassdb.NewID(), TeamID: teamID, UserID: userID, JoinedAt: f.now,
	}))(f.t)
}

func (f *peopleFx) addGroup(groupID, userID string) int64 {
	f.t.Helper()
	return peopleMust(f.q.AddGroupMember(f.ctx, db.AddGroupMemberParams{
		ID: compassdb.NewID(), GroupID: groupID, UserID: userID, JoinedAt: f.now,
	}))(f.t)
}

func (f *peopleFx) addOrg(orgID, userID, role string) db.OrganizationMember {
	f.t.Helper()
	return peopleMust(f.q.CreateOrganizationMember(f.ctx, db.CreateOrganizationMemberParams{
		ID: compassdb.NewID(), OrganizationID: orgID, UserID: userID, Role: role, JoinedAt: f.now,
	}))(f.t)
}

func (f *peopleFx) addProject(projectID, userID, role string) db.ProjectMember {
	f.t.Helper()
	return peopleMust(f.q.UpsertProjectMember(f.ctx, db.UpsertProjectMemberParams{
		ID: compassdb.NewID(), ProjectID: projectID, UserID: userID, Role: role, AssignedAt: f.now,
	}))(f.t)
}

// peopleWantClass fails unless err is an *compassdb.Error of class kind on table(columns...).
func peopleWantClass(t *testing.T, err, kind error, table string, columns ...string) {
	t.Helper()
	var e *compassdb.Error
	if !errors.Is(err, kind) || !errors.As(err, &e) {
		t.Fatalf("err = %v, want %v", err, kind)
	}
	if e.Table != table || !slices.Equal(e.Columns, columns) {
		t.Fatalf("violation on %s%v, want %s%v", e.Table, e.Columns, table, columns)
	}
}

func TestListActiveUsersWithRelations(t *testing.T) {
	f := newPeopleFx(t)
	org := f.org("Maple", "maple", true)
	org2 := f.org("Birch", "birch", true)
	framing, roofing := f.team(org.ID, "Framing"), f.team(org.ID, "Roofing")
	crew := f.group(org.ID, "Crew", peopleStr("#ff0000"))
	office := f.group(org.ID, "Office", nil)
	p1, p2 := f.project("Alpha", &org.ID), f.project("Beta", nil)

	ada := f.user("ada@example.com", "ada", true)
	ben := f.user("ben@example.com", "Ben", true) // sorts after "ada" only case-insensitively
	cyd := f.user("cyd@example.com", "Cyd", false) // inactive: hidden, memberships too
	// Added in reverse name order: the decoded lists come back sorted by name.
	f.addTeam(roofing.ID, ada.ID)
	f.addTeam(framing.ID, ada.ID)
	f.addGroup(office.ID, ada.ID)
	f.addGroup(crew.ID, ada.ID)
	f.addProject(p1.ID, ada.ID, "manager")
	f.addProject(p2.ID, ada.ID, "viewer")
	f.addOrg(org.ID, ada.ID, "office")
	f.addOrg(org2.ID, ada.ID, "office")
	f.addTeam(framing.ID, cyd.ID)
	f.addProject(p1.ID, cyd.ID, "viewer")

	// The raw query is one statement.
	counter := dbtest.Count(f.h.ReadDB())
	rows := peopleMust(db.New(counter).ListActiveUsersWithRelations(f.ctx))(t)
	if counter.Statements() != 1 {
		t.Fatalf("%d statements, want 1", counter.Statements())
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}

	users := peopleMust(f.h.ListActiveUsersWithRelations(f.ctx))(t)
	if len(users) != 2 || users[0].ID != ada.ID || users[1].ID != ben.ID {
		t.Fatalf("users = %+v, want ada then ben (display name order, case-insensitive)", users)
	}
	a, b := users[0], users[1]
	if want := []compassdb.TeamRef{{ID: framing.ID, Name: "Framing"}, {ID: roofing.ID, Name: "Roofing"}}; !slices.Equal(a.Teams, want) {
		t.Errorf("teams = %+v, want %+v", a.Teams, want)
	}
	if len(a.Groups) != 2 || a.Groups[0].ID != crew.ID || a.Groups[0].Color == nil || *a.Groups[0].Color != "#ff0000" ||
		a.Groups[1].ID != office.ID || a.Groups[1].Name != "Office" || a.Groups[1].Color != nil {
		t.Errorf("groups = %+v", a.Groups)
	}
	if a.ProjectCount != 2 || a.OrganizationCount != 2 || a.Email != "ada@example.com" {
		t.Errorf("ada = %+v", a)
	}
	if b.Teams == nil || b.Groups == nil || len(b.Teams)+len(b.Groups) != 0 || b.ProjectCount != 0 || b.OrganizationCount != 0 {
		t.Errorf("ben = %+v, want empty non-nil lists and zero counts", b)
	}
}

func TestDecodeUserWithRelationsRefusesMalformedJSON(t *testing.T) {
	for _, row := range []db.ListActiveUsersWithRelationsRow{
		{TeamsJSON: `[{"id":"t1","name":"A"}`, GroupsJSON: `[]`},
		{TeamsJSON: `[]`, GroupsJSON: `[{"id":"g1","name":"A","colour":"red"}]`},
	} {
		_, err := compassdb.DecodeUserWithRelations(row)
		var inv *dbtypes.InvalidValueError
		if !errors.As(err, &inv) {
			t.Errorf("%+v: err = %v, want *dbtypes.InvalidValueError", row, err)
		}
	}
}

func TestUpsertUserOnLogin(t *testing.T) {
	f := newPeopleFx(t)
	params := db.UpsertUserOnLoginParams{
		ID: "user_01HABC", Email: "new@example.com", FirstName: peopleStr("New"), LastName: peopleStr("Person"),
		DisplayName: peopleStr("New Person"), Role: dbtypes.UserRoleOffice, Now: f.now,
	}
	counter := dbtest.Count(f.h.WriteDB())
	u := peopleMust(db.New(counter).UpsertUserOnLogin(f.ctx, params))(t)
	if counter.Statements() != 1 {
		t.Fatalf("%d statements, want 1", counter.Statements())
	}
	if !u.IsActive || u.Role != dbtypes.UserRoleOffice || u.LastLoginAt == nil || !u.LastLoginAt.Equal(f.now.Time) || !u.CreatedAt.Equal(f.now.Time) {
		t.Fatalf("inserted %+v", u)
	}

	// Again, later, with other profile values: only last_login_at changes.
	later := f.at(time.Hour)
	params.Now, params.FirstName, params.Role = later, peopleStr("Changed"), dbtypes.UserRoleAdmin
	u2 := peopleMust(f.q.UpsertUserOnLogin(f.ctx, params))(t)
	if !u2.LastLoginAt.Equal(later.Time) || !u2.CreatedAt.Equal(f.now.Time) || !u2.UpdatedAt.Equal(f.now.Time) ||
		*u2.FirstName != "New" || u2.Role != dbtypes.UserRoleOffice {
		t.Fatalf("after second login %+v", u2)
	}

	// A deactivated user stays deactivated.
	peopleMust(f.q.DeactivateUser(f.ctx, db.DeactivateUserParams{ID: u.ID, UpdatedAt: later}))(t)
	if u3 := peopleMust(f.q.UpsertUserOnLogin(f.ctx, params))(t); u3.IsActive {
		t.Fatal("login reactivated a deactivated user")
	}

	// Another id with a taken email is a unique violation on users(email).
	params.ID = "user_01HOTHER"
	_, err := f.q.UpsertUserOnLogin(f.ctx, params)
	peopleWantClass(t, err, compassdb.ErrUniqueViolation, "users", "email")
}

func TestUserUpdates(t *testing.T) {
	f := newPeopleFx(t)
	u := f.user("ada@example.com", "ada", true)
	later := f.at(time.Minute)

	if n := peopleMust(f.q.TouchUserLastLogin(f.ctx, db.TouchUserLastLoginParams{ID: u.ID, LastLoginAt: &later}))(t); n != 1 {
		t.Fatalf("touch: %d rows", n)
	}
	if n := peopleMust(f.q.TouchUserLastLogin(f.ctx, db.TouchUserLastLoginParams{ID: "nobody", LastLoginAt: &later}))(t); n != 0 {
		t.Fatalf("touch of a missing user: %d rows", n)
	}
	got := peopleMust(f.q.GetUser(f.ctx, u.ID))(t)
	if !got.LastLoginAt.Equal(later.Time) || !got.UpdatedAt.Equal(f.now.Time) {
		t.Fatalf("after touch %+v", got)
	}

	got = peopleMust(f.q.UpdateUserRole(f.ctx, db.UpdateUserRoleParams{ID: u.ID, Role: dbtypes.UserRoleField, UpdatedAt: later}))(t)
	if got.Role != dbtypes.UserRoleField || !got.UpdatedAt.Equal(later.Time) {
		t.Fatalf("after role update %+v", got)
	}
	got = peopleMust(f.q.UpdateUserProfile(f.ctx, db.UpdateUserProfileParams{
		ID: u.ID, FirstName: peopleStr("Ada"), LastName: peopleStr("Mason"), DisplayName: peopleStr("Ada Mason"), UpdatedAt: later,
	}))(t)
	if *got.FirstName != "Ada" || *got.LastName != "Mason" || *got.DisplayName != "Ada Mason" {
		t.Fatalf("after profile update %+v", got)
	}
	got = peopleMust(f.q.UpdateUserGoogleEmail(f.ctx, db.UpdateUserGoogleEmailParams{ID: u.ID, GoogleEmail: peopleStr("ada@gmail.example"), UpdatedAt: later}))(t)
	if *got.GoogleEmail != "ada@gmail.example" {
		t.Fatalf("after google email update %+v", got)
	}
	got = peopleMust(f.q.DeactivateUser(f.ctx, db.DeactivateUserParams{ID: u.ID, UpdatedAt: later}))(t)
	if got.IsActive {
		t.Fatal("still active")
	}
	if byEmail := peopleMust(f.q.GetUserByEmail(f.ctx, "ada@example.com"))(t); byEmail.ID != u.ID || byEmail.IsActive {
		t.Fatalf("by email %+v", byEmail)
	}
	if _, err := f.q.UpdateUserRole(f.ctx, db.UpdateUserRoleParams{ID: "nobody", Role: dbtypes.UserRoleAdmin, UpdatedAt: later}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatalf("update of a missing user: %v", err)
	}
	if _, err := f.q.DeactivateUser(f.ctx, db.DeactivateUserParams{ID: "nobody", UpdatedAt: later}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatalf("deactivate a missing user: %v", err)
	}
}

func TestInviteUser(t *testing.T) {
	f := newPeopleFx(t)
	org := f.org("Maple", "maple", true)

	u := peopleMust(f.h.InviteUser(f.ctx, compassdb.InviteParams{
		Email: "new.hire@example.com", Role: dbtypes.UserRoleField, OrganizationID: &org.ID, Now: f.now,
	}))(t)
	if u.IsActive || u.Role != dbtypes.UserRoleField || *u.DisplayName != "new.hire" || u.LastLoginAt != nil {
		t.Fatalf("placeholder %+v", u)
	}
	members := peopleMust(f.q.ListOrganizationMembersByUser(f.ctx, u.ID))(t)
	if len(members) != 1 || members[0].OrganizationID != org.ID || members[0].Role != "field" {
		t.Fatalf("memberships %+v", members)
	}
	if users := peopleMust(f.h.ListActiveUsersWithRelations(f.ctx))(t); len(users) != 0 {
		t.Fatalf("an inactive placeholder is listed: %+v", users)
	}

	// Without an organization, active (deployments without an identity provider).
	dev := peopleMust(f.h.InviteUser(f.ctx, compassdb.InviteParams{Email: "dev@example.com", Role: dbtypes.UserRoleAdmin, Active: true}))(t)
	if !dev.IsActive || peopleMust(f.q.CountOrganizationMembershipsByUser(f.ctx, dev.ID))(t) != 0 {
		t.Fatalf("dev invite %+v", dev)
	}

	// An existing email is refused with the typed error, and nothing is written.
	_, err := f.h.InviteUser(f.ctx, compassdb.InviteParams{Email: "new.hire@example.com", Role: dbtypes.UserRoleOffice, OrganizationID: &org.ID})
	peopleWantClass(t, err, compassdb.ErrUniqueViolation, "users", "email")

	// A failing membership (unknown organization) rolls the user back.
	_, err = f.h.InviteUser(f.ctx, compassdb.InviteParams{Email: "x@example.com", Role: dbtypes.UserRoleOffice, OrganizationID: peopleStr("no-such-org")})
	if !errors.Is(err, compassdb.ErrForeignKeyViolation) {
		t.Fatalf("invite into a missing organization: %v", err)
	}
	if _, err := f.q.GetUserByEmail(f.ctx, "x@example.com"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatalf("the user of a failed invitation exists: %v", err)
	}
	if n := len(peopleMust(f.q.ListUsers(f.ctx))(t)); n != 2 {
		t.Fatalf("%d users, want 2", n)
	}
}
