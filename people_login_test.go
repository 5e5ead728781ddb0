package compassdb_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// rowCounts counts the rows of every table.
func (f *peopleFx) rowCounts() map[string]int {
	f.t.Helper()
	conn := f.h.ReadDB()
	rows, err := conn.QueryContext(f.ctx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		f.t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			f.t.Fatal(err)
		}
		names = append(names, n)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		f.t.Fatal(err)
	}
	counts := map[string]int{}
	for _, n := range names {
		var c int
		if err := conn.QueryRowContext(f.ctx, fmt.Sprintf(`SELECT count(*) FROM "%s"`, n)).Scan(&c); err != nil {
			f.t.Fatal(err)
		}
		counts[n] = c
	}
	return counts
}

// references counts, per referencing column, the rows whose foreign key to users.id
// holds userID. Its list of columns comes from the schema, independently of LoginUser.
func (f *peopleFx) references(userID string) map[string]int {
	f.t.Helper()
	conn := f.h.ReadDB()
	rows, err := conn.QueryContext(f.ctx, `SELECT m.name, f."from" FROM sqlite_schema AS m, pragma_foreign_key_list(m.name) AS f
		WHERE m.type = 'table' AND f."table" = 'users'`)
	if err != nil {
		f.t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var c [2]string
		if err := rows.Scan(&c[0], &c[1]); err != nil {
			f.t.Fatal(err)
		}
		cols = append(cols, c)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		f.t.Fatal(err)
	}
	refs := map[string]int{}
	for _, c := range cols {
		var n int
		q := fmt.Sprintf(`SELECT count(*) FROM "%s" WHERE "%s" = ?`, c[0], c[1])
		if err := conn.QueryRowContext(f.ctx, q, userID).Scan(&n); err != nil {
			f.t.Fatal(err)
		}
		if n > 0 {
			refs[c[0]+"."+c[1]] = n
		}
	}
	return refs
}

func (f *peopleFx) exec(query string, args ...any) {
	f.t.Helper()
	if _, err := f.h.WriteDB().ExecContext(f.ctx, query, args...); err != nil {
		f.t.Fatal(err)
	}
}

// invited makes an invited placeholder (inactive, never logged in) that is a member of an
// organization, a team, a group and a project, and that other tables reference too:
// a push token, a feedback interview and a model preference (foreign keys without a
// cascade) and an agent conversation.
func (f *peopleFx) invited(email string) db.User {
	f.t.Helper()
	org := f.org("Maple", "maple-"+email, true)
	u := peopleMust(f.h.InviteUser(f.ctx, compassdb.InviteParams{
		Email: email, Role: dbtypes.UserRoleField, OrganizationID: &org.ID, Now: f.now,
	}))(f.t)
	f.addTeam(f.team(org.ID, "Framing").ID, u.ID)
	f.addGroup(f.group(org.ID, "Crew", nil).ID, u.ID)
	f.addProject(f.project("Alpha "+email, &org.ID).ID, u.ID, "viewer")
	peopleMust(f.q.UpsertPushToken(f.ctx, db.UpsertPushTokenParams{
		ID: compassdb.NewID(), UserID: u.ID, Token: "tok-" + email, Platform: dbtypes.PlatformIOS, Now: f.now,
	}))(f.t)
	peopleMust(f.q.CreateFeedbackInterview(f.ctx, db.CreateFeedbackInterviewParams{
		ID: compassdb.NewID(), UserID: u.ID, UserName: email, UserRole: "field",
		Responses: dbtypes.InterviewResponses{{Question: "q", Answer: "a"}}, Summary: "s",
		OverallSentiment: dbtypes.SentimentNeutral, CreatedAt: f.now,
	}))(f.t)
	f.exec(`INSERT INTO user_model_preference (user_id, model_id, prompt_cost, completion_cost, updated_at) VALUES (?, 'm', '0', '0', ?)`, u.ID, f.now)
	f.exec(`INSERT INTO agent_conversations (id, user_id, title, last_message_at, created_at) VALUES (?, ?, NULL, ?, ?)`, compassdb.NewID(), u.ID, f.now, f.now)
	return u
}

func TestLoginUserCreatesAndTouches(t *testing.T) {
	f := newPeopleFx(t)
	res := peopleMust(f.h.LoginUser(f.ctx, compassdb.LoginParams{
		ID: "user_01HNEW", Email: "nia@example.com", FirstName: peopleStr("Nia"), LastName: peopleStr("Hart"), Now: f.now,
	}))(t)
	u := res.User
	if res.AdoptedID != "" || u.ID != "user_01HNEW" || !u.IsActive || u.Role != dbtypes.UserRoleOffice ||
		*u.DisplayName != "Nia Hart" || !u.LastLoginAt.Equal(f.now.Time) {
		t.Fatalf("new user %+v", res)
	}

	later := f.at(time.Hour)
	res = peopleMust(f.h.LoginUser(f.ctx, compassdb.LoginParams{ID: "user_01HNEW", Email: "nia@example.com", Now: later}))(t)
	if res.AdoptedID != "" || !res.User.LastLoginAt.Equal(later.Time) || !res.User.CreatedAt.Equal(f.now.Time) || *res.User.DisplayName != "Nia Hart" {
		t.Fatalf("second login %+v", res)
	}

	// Without names the display name is the email's local part.
	res = peopleMust(f.h.LoginUser(f.ctx, compassdb.LoginParams{ID: "user_01HANON", Email: "o.k@example.com"}))(t)
	if *res.User.DisplayName != "o.k" || res.User.LastLoginAt == nil {
		t.Fatalf("login without names %+v", res)
	}

	if _, err := f.h.LoginUser(f.ctx, compassdb.LoginParams{ID: "user_01HX"}); err == nil {
		t.Fatal("a login without an email succeeded")
	}
}

func TestLoginUserAdoptsInvitedPlaceholder(t *testing.T) {
	f := newPeopleFx(t)
	placeholder := f.invited("nia@example.com")
	before := f.rowCounts()
	oldRefs := f.references(placeholder.ID)
	for _, col := range []string{"organization_members.user_id", "team_members.user_id", "group_members.user_id",
		"project_members.user_id", "push_tokens.user_id", "feedback_interviews.user_id",
		"user_model_preference.user_id", "agent_conversations.user_id"} {
		if oldRefs[col] != 1 {
			t.Fatalf("fixture: %s holds %d rows of the placeholder, want 1 (all: %v)", col, oldRefs[col], oldRefs)
		}
	}

	login := f.at(24 * time.Hour)
	res := peopleMust(f.h.LoginUser(f.ctx, compassdb.LoginParams{
		ID: "user_01HNIA", Email: "nia@example.com", FirstName: peopleStr("Nia"), LastName: peopleStr("Hart"),
		AvatarURL: peopleStr("https://img.example/nia.png"), Now: login,
	}))(t)
	u := res.User
	if res.AdoptedID != placeholder.ID || u.ID != "user_01HNIA" || u.Email != "nia@example.com" || !u.IsActive ||
		u.Role != dbtypes.UserRoleField || !u.CreatedAt.Equal(f.now.Time) || !u.LastLoginAt.Equal(login.Time) ||
		!u.UpdatedAt.Equal(login.Time) || *u.FirstName != "Nia" || *u.LastName != "Hart" || *u.DisplayName != "Nia Hart" ||
		*u.AvatarURL != "https://img.example/nia.png" {
		t.Fatalf("adopted user %+v", res)
	}

	// Nothing lost, nothing duplicated: every table has the rows it had, every reference
	// moved, and the placeholder id is gone.
	if after := f.rowCounts(); !maps.Equal(before, after) {
		t.Fatalf("row counts changed:\nbefore %v\nafter  %v", before, after)
	}
	if refs := f.references(placeholder.ID); len(refs) != 0 {
		t.Fatalf("rows still reference the placeholder: %v", refs)
	}
	if newRefs := f.references(u.ID); !maps.Equal(newRefs, oldRefs) {
		t.Fatalf("references of the new id %v, want %v", newRefs, oldRefs)
	}
	if _, err := f.q.GetUser(f.ctx, placeholder.ID); !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatalf("placeholder id still present: %v", err)
	}
	var problems int
	if err := f.h.ReadDB().QueryRowContext(f.ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&problems); err != nil || problems != 0 {
		t.Fatalf("foreign_key_check: %d problems, %v", problems, err)
	}
	if teams := peopleMust(f.q.ListTeamsByUser(f.ctx, u.ID))(t); len(teams) != 1 || teams[0].Name != "Framing" {
		t.Fatalf("teams %+v", teams)
	}
	if groups := peopleMust(f.q.ListGroupsByUser(f.ctx, u.ID))(t); len(groups) != 1 || groups[0].Name != "Crew" {
		t.Fatalf("groups %+v", groups)
	}
	listed := peopleMust(f.h.ListActiveUsersWithRelations(f.ctx))(t)
	if len(listed) != 1 || listed[0].ID != u.ID || len(listed[0].Teams) != 1 || len(listed[0].Groups) != 1 ||
		listed[0].ProjectCount != 1 || listed[0].OrganizationCount != 1 {
		t.Fatalf("people list %+v", listed)
	}

	// The next login is an ordinary one.
	res = peopleMust(f.h.LoginUser(f.ctx, compassdb.LoginParams{ID: "user_01HNIA", Email: "nia@example.com", Now: f.at(25 * time.Hour)}))(t)
	if res.AdoptedID != "" || res.User.ID != u.ID {
		t.Fatalf("second login %+v", res)
	}
}

func TestLoginUserAdoptionKeepsDeactivation(t *testing.T) {
	f := newPeopleFx(t)
	// A user who logged in before under another id (re-created at the identity provider)
	// and was then deactivated: the row is adopted but stays inactive, and its profile
	// is kept.
	old := f.user("gone@example.com", "Gone Person", true)
	peopleMust(f.q.UpdateUserProfile(f.ctx, db.UpdateUserProfileParams{
		ID: old.ID, FirstName: peopleStr("Gone"), LastName: peopleStr("Person"), DisplayName: peopleStr("Gone Person"), UpdatedAt: f.now,
	}))(t)
	peopleMust(f.q.TouchUserLastLogin(f.ctx, db.TouchUserLastLoginParams{ID: old.ID, LastLoginAt: &f.now}))(t)
	peopleMust(f.q.DeactivateUser(f.ctx, db.DeactivateUserParams{ID: old.ID, UpdatedAt: f.now}))(t)

	res := peopleMust(f.h.LoginUser(f.ctx, compassdb.LoginParams{
		ID: "user_01HGONE", Email: "gone@example.com", FirstName: peopleStr("Other"), Now: f.at(time.Hour),
	}))(t)
	if res.AdoptedID != old.ID || res.User.ID != "user_01HGONE" || res.User.IsActive ||
		*res.User.FirstName != "Gone" || *res.User.DisplayName != "Gone Person" {
		t.Fatalf("adopted %+v", res)
	}
}

func TestLoginUserKnownIDLeavesOtherRowWithEmail(t *testing.T) {
	f := newPeopleFx(t)
	known := peopleMust(f.h.LoginUser(f.ctx, compassdb.LoginParams{ID: "user_01HKNOWN", Email: "old@example.com", Now: f.now}))(t).User
	placeholder := f.invited("new@example.com")

	// The identity provider now reports another email for the known id, one that an
	// invitation holds: the login is the known user's; the invitation stays as it is.
	res := peopleMust(f.h.LoginUser(f.ctx, compassdb.LoginParams{ID: known.ID, Email: "new@example.com", Now: f.at(time.Hour)}))(t)
	if res.AdoptedID != "" || res.User.ID != known.ID || res.User.Email != "old@example.com" || !res.User.LastLoginAt.Equal(f.at(time.Hour).Time) {
		t.Fatalf("login %+v", res)
	}
	if p := peopleMust(f.q.GetUser(f.ctx, placeholder.ID))(t); p.IsActive || p.LastLoginAt != nil {
		t.Fatalf("placeholder changed: %+v", p)
	}
}

func TestLoginUserAdoptionRollsBack(t *testing.T) {
	f := newPeopleFx(t)
	placeholder := f.invited("nia@example.com")
	before := f.rowCounts()
	oldRefs := f.references(placeholder.ID)

	// Moving the push token fails after the user row has been re-keyed and the earlier
	// tables (in name order) have moved: everything must roll back.
	f.exec(`CREATE TRIGGER people_test_fail BEFORE UPDATE OF user_id ON push_tokens BEGIN SELECT RAISE(ABORT, 'push tokens are frozen'); END`)
	_, err := f.h.LoginUser(f.ctx, compassdb.LoginParams{ID: "user_01HNIA", Email: "nia@example.com", Now: f.at(time.Hour)})
	if err == nil || !strings.Contains(err.Error(), "push tokens are frozen") {
		t.Fatalf("login through the failing trigger: %v", err)
	}

	p := peopleMust(f.q.GetUser(f.ctx, placeholder.ID))(t)
	if !reflect.DeepEqual(p, placeholder) {
		t.Fatalf("placeholder changed:\n%+v\nwant\n%+v", p, placeholder)
	}
	if _, err := f.q.GetUser(f.ctx, "user_01HNIA"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatalf("new id present after rollback: %v", err)
	}
	if after := f.rowCounts(); !maps.Equal(before, after) {
		t.Fatalf("row counts changed:\nbefore %v\nafter  %v", before, after)
	}
	if refs := f.references(placeholder.ID); !maps.Equal(refs, oldRefs) {
		t.Fatalf("references after rollback %v, want %v", refs, oldRefs)
	}

	// The deferral ended with the transaction: on the same (single) write connection a
	// foreign key violation fails at once again.
	_, err = f.q.CreateTeamMember(f.ctx, db.CreateTeamMemberParams{ID: compassdb.NewID(), TeamID: "no-team", UserID: "no-user", JoinedAt: f.now})
	if !errors.Is(err, compassdb.ErrForeignKeyViolation) {
		t.Fatalf("insert with dangling keys after the failed login: %v", err)
	}

	f.exec(`DROP TRIGGER people_test_fail`)
	res := peopleMust(f.h.LoginUser(f.ctx, compassdb.LoginParams{ID: "user_01HNIA", Email: "nia@example.com", Now: f.at(time.Hour)}))(t)
	if res.AdoptedID != placeholder.ID || len(f.references(placeholder.ID)) != 0 {
		t.Fatalf("retry %+v", res)
	}
}

// RekeyUser gives a user row the id of its first sign-in (LoginUser adopts an invited
// placeholder with it, after deferring foreign keys and moving the references): it fills
// only missing profile fields, activates only a user who never signed in, and stamps the
// sign-in. On its own it cannot move a user that other rows reference.
func TestRekeyUserQuery(t *testing.T) {
	f := newPeopleFx(t)
	mk := func(p db.CreateUserParams) db.User {
		p.Role, p.CreatedAt, p.UpdatedAt = dbtypes.UserRoleField, f.now, f.now
		return peopleMust(f.q.CreateUser(f.ctx, p))(f.t)
	}
	invited := mk(db.CreateUserParams{ID: "invite-1", Email: "ben@example.com", DisplayName: peopleStr("ben@example.com")})
	known := mk(db.CreateUserParams{
		ID: "known-1", Email: "ada@example.com", FirstName: peopleStr("Ada"), LastName: peopleStr("Mason"),
		DisplayName: peopleStr("Ada Mason"), AvatarURL: peopleStr("https://img.example/ada.png"), LastLoginAt: ptr(f.now),
	})
	half := mk(db.CreateUserParams{ID: "half-1", Email: "cy@example.com", FirstName: peopleStr("Cy"), DisplayName: peopleStr("Cy")})
	referenced := mk(db.CreateUserParams{ID: "ref-1", Email: "dee@example.com", IsActive: true})
	peopleMust(f.q.CreatePushToken(f.ctx, db.CreatePushTokenParams{
		ID: "tok-1", UserID: referenced.ID, Token: "tok", Platform: dbtypes.PlatformIOS, CreatedAt: f.now, UpdatedAt: f.now,
	}))(f.t)

	now := f.at(time.Hour)
	profile := func(oldID, newID string) db.RekeyUserParams {
		return db.RekeyUserParams{
			NewID: newID, FirstName: peopleStr("Given"), LastName: peopleStr("Name"), DisplayName: peopleStr("Given Name"),
			AvatarURL: peopleStr("https://img.example/new.png"), Now: now, OldID: oldID,
		}
	}
	for _, c := range []struct {
		name string
		old  db.User
		want func(u db.User) db.User
	}{
		{"invited, never signed in: activated, profile filled", invited, func(u db.User) db.User {
			u.IsActive, u.FirstName, u.LastName, u.DisplayName, u.AvatarURL = true, peopleStr("Given"), peopleStr("Name"), peopleStr("Given Name"), peopleStr("https://img.example/new.png")
			return u
		}},
		{"signed in before and deactivated: stays inactive, profile kept", known, func(u db.User) db.User { return u }},
		{"first name only: last name and avatar filled, display name kept", half, func(u db.User) db.User {
			u.IsActive, u.LastName, u.AvatarURL = true, peopleStr("Name"), peopleStr("https://img.example/new.png")
			return u
		}},
	} {
		newID := "user_" + c.old.ID
		got, err := f.q.RekeyUser(f.ctx, profile(c.old.ID, newID))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want := c.want(c.old)
		want.ID, want.UpdatedAt, want.LastLoginAt = newID, now, ptr(now)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", c.name, peopleJSON(got), peopleJSON(want))
		}
		if _, err := f.q.GetUser(f.ctx, c.old.ID); !errors.Is(err, compassdb.ErrNotFound) {
			t.Errorf("%s: the old id still reads: %v", c.name, err)
		}
		if stored, err := f.q.GetUser(f.ctx, newID); err != nil || !reflect.DeepEqual(stored, want) {
			t.Errorf("%s: stored %s, %v", c.name, peopleJSON(stored), err)
		}
	}

	if _, err := f.q.RekeyUser(f.ctx, profile("missing-1", "user_missing")); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("a missing user: %v, want ErrNotFound", err)
	}
	if _, err := f.q.RekeyUser(f.ctx, profile(referenced.ID, "user_ref")); !errors.Is(err, compassdb.ErrForeignKeyViolation) {
		t.Errorf("a referenced user: %v, want ErrForeignKeyViolation", err)
	}
	if stored, err := f.q.GetUser(f.ctx, referenced.ID); err != nil || !reflect.DeepEqual(stored, referenced) {
		t.Errorf("the referenced user changed: %s, %v", peopleJSON(stored), err)
	}
}

// peopleJSON shows a row with its pointer fields' values.
func peopleJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%+v", v)
	}
	return string(b)
}
