package compassdb_test

import (
	"cmp"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

func TestPeopleOrganizations(t *testing.T) {
	f := newPeopleFx(t)
	zeta := f.org("Zeta Homes", "zeta", true)
	acme := f.org("Acme", "acme", true)
	f.org("Closed Co", "closed", false)

	active := peopleMust(f.q.ListActiveOrganizations(f.ctx))(t)
	if len(active) != 2 || active[0].ID != acme.ID || active[1].ID != zeta.ID {
		t.Fatalf("active organizations %+v, want acme, zeta", active)
	}
	if got := peopleMust(f.q.GetOrganizationBySlug(f.ctx, "zeta"))(t); got.ID != zeta.ID {
		t.Fatalf("by slug %+v", got)
	}
	if _, err := f.q.GetOrganizationBySlug(f.ctx, "nope"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatalf("missing slug: %v", err)
	}
	_, err := f.q.CreateOrganization(f.ctx, db.CreateOrganizationParams{
		ID: compassdb.NewID(), Name: "Other Zeta", Slug: "zeta", Type: dbtypes.OrganizationTypeClient, IsActive: true, CreatedAt: f.now, UpdatedAt: f.now,
	})
	peopleWantClass(t, err, compassdb.ErrUniqueViolation, "organizations", "slug")

	ada, ben := f.user("ada@example.com", "Ada", true), f.user("ben@example.com", "Ben", true)
	f.addOrg(zeta.ID, ada.ID, "admin")
	f.addOrg(acme.ID, ada.ID, "office")
	f.addOrg(zeta.ID, ben.ID, "field")
	if n := peopleMust(f.q.CountOrganizationMembershipsByUser(f.ctx, ada.ID))(t); n != 2 {
		t.Fatalf("ada in %d organizations, want 2", n)
	}
	if n := peopleMust(f.q.CountOrganizationMembershipsByUser(f.ctx, "nobody"))(t); n != 0 {
		t.Fatalf("nobody in %d organizations", n)
	}
	if m := peopleMust(f.q.ListOrganizationMembersByOrganization(f.ctx, zeta.ID))(t); len(m) != 2 {
		t.Fatalf("zeta members %+v", m)
	}
	if m := peopleMust(f.q.ListOrganizationMembersByUser(f.ctx, ben.ID))(t); len(m) != 1 || m[0].Role != "field" {
		t.Fatalf("ben's memberships %+v", m)
	}
	_, err = f.q.CreateOrganizationMember(f.ctx, db.CreateOrganizationMemberParams{
		ID: compassdb.NewID(), OrganizationID: zeta.ID, UserID: ben.ID, Role: "office", JoinedAt: f.now,
	})
	peopleWantClass(t, err, compassdb.ErrUniqueViolation, "organization_members", "organization_id", "user_id")
}

func TestPeopleTeamsAndGroups(t *testing.T) {
	f := newPeopleFx(t)
	org, other := f.org("Maple", "maple", true), f.org("Birch", "birch", true)
	framing, roofing := f.team(org.ID, "Framing"), f.team(org.ID, "Roofing")
	f.team(other.ID, "Elsewhere")
	crew := f.group(org.ID, "Crew", peopleStr("#00ff00"))
	f.group(other.ID, "Elsewhere", nil)
	ada, ben := f.user("ada@example.com", "Ada", true), f.user("ben@example.com", "Ben", true)

	// Lists are scoped by organization.
	if ts := peopleMust(f.q.ListTeamsByOrganization(f.ctx, org.ID))(t); len(ts) != 2 || ts[0].ID != framing.ID || ts[1].ID != roofing.ID {
		t.Fatalf("teams of org %+v", ts)
	}
	if gs := peopleMust(f.q.ListGroupsByOrganization(f.ctx, org.ID))(t); len(gs) != 1 || gs[0].ID != crew.ID || *gs[0].Color != "#00ff00" {
		t.Fatalf("groups of org %+v", gs)
	}

	// Adding reports whether a row was added; a repeat adds nothing.
	for _, step := range []struct {
		added, want int64
	}{
		{f.addTeam(roofing.ID, ada.ID), 1},
		{f.addTeam(framing.ID, ada.ID), 1},
		{f.addTeam(framing.ID, ada.ID), 0},
		{f.addTeam(framing.ID, ben.ID), 1},
		{f.addGroup(crew.ID, ada.ID), 1},
		{f.addGroup(crew.ID, ada.ID), 0},
	} {
		if step.added != step.want {
			t.Fatalf("added %d rows, want %d", step.added, step.want)
		}
	}
	if m := peopleMust(f.q.ListTeamMembersByTeam(f.ctx, framing.ID))(t); len(m) != 2 {
		t.Fatalf("framing members %+v", m)
	}
	if ts := peopleMust(f.q.ListTeamsByUser(f.ctx, ada.ID))(t); len(ts) != 2 || ts[0].ID != framing.ID || ts[1].ID != roofing.ID {
		t.Fatalf("ada's teams %+v", ts)
	}
	if gs := peopleMust(f.q.ListGroupsByUser(f.ctx, ada.ID))(t); len(gs) != 1 || gs[0].ID != crew.ID {
		t.Fatalf("ada's groups %+v", gs)
	}
	if gs := peopleMust(f.q.ListGroupsByUser(f.ctx, ben.ID))(t); len(gs) != 0 || gs == nil {
		t.Fatalf("ben's groups %+v, want empty", gs)
	}
	// An unknown team or user is a foreign key violation, not a silent no-op.
	_, err := f.q.AddTeamMember(f.ctx, db.AddTeamMemberParams{ID: compassdb.NewID(), TeamID: "no-team", UserID: ada.ID, JoinedAt: f.now})
	if !errors.Is(err, compassdb.ErrForeignKeyViolation) {
		t.Fatalf("add to a missing team: %v", err)
	}

	// Deleting a team or group deletes its memberships.
	if n := peopleMust(f.q.DeleteTeam(f.ctx, framing.ID))(t); n != 1 {
		t.Fatalf("deleted %d teams", n)
	}
	if m := peopleMust(f.q.ListTeamMembersByTeam(f.ctx, framing.ID))(t); len(m) != 0 {
		t.Fatalf("members of a deleted team %+v", m)
	}
	if ts := peopleMust(f.q.ListTeamsByUser(f.ctx, ada.ID))(t); len(ts) != 1 || ts[0].ID != roofing.ID {
		t.Fatalf("ada's teams after delete %+v", ts)
	}
	peopleMust(f.q.DeleteGroup(f.ctx, crew.ID))(t)
	if m := peopleMust(f.q.ListGroupMembersByUser(f.ctx, ada.ID))(t); len(m) != 0 {
		t.Fatalf("group memberships after delete %+v", m)
	}
}

func TestPeopleProjects(t *testing.T) {
	f := newPeopleFx(t)
	org, other := f.org("Maple", "maple", true), f.org("Birch", "birch", true)
	// Names are inserted out of order; two share a name; one has no organization (as
	// every project of the existing single-tenant database).
	names := []struct {
		name string
		org  *string
	}{
		{"Oak Street", &org.ID}, {"Beach House", &org.ID}, {"Cabin 50% done", &org.ID},
		{"Beach House", &other.ID}, {"Cabin 500", nil}, {"Alder Ave", nil},
	}
	byID := map[string]db.Project{}
	for _, n := range names {
		p := f.project(n.name, n.org)
		byID[p.ID] = p
	}

	all := peopleMust(f.q.ListProjectNames(f.ctx, nil))(t)
	if len(all) != len(names) || !slices.IsSortedFunc(all, func(a, b db.ListProjectNamesRow) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	}) {
		t.Fatalf("unscoped list %+v", all)
	}
	scoped := peopleMust(f.q.ListProjectNames(f.ctx, &org.ID))(t)
	var scopedNames []string
	for _, p := range scoped {
		scopedNames = append(scopedNames, p.Name)
	}
	if !slices.Equal(scopedNames, []string{"Beach House", "Cabin 50% done", "Oak Street"}) {
		t.Fatalf("scoped list %v", scopedNames)
	}

	if first := peopleMust(f.q.GetFirstProject(f.ctx, nil))(t); first.Name != "Alder Ave" {
		t.Fatalf("first project %+v", first)
	}
	if first := peopleMust(f.q.GetFirstProject(f.ctx, &org.ID))(t); first.Name != "Beach House" || *first.OrganizationID != org.ID {
		t.Fatalf("first project of org %+v", first)
	}
	empty := f.org("Empty", "empty", true)
	if _, err := f.q.GetFirstProject(f.ctx, &empty.ID); !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatalf("first project of an empty org: %v", err)
	}
	some := all[2].ID
	if got := peopleMust(f.q.GetProject(f.ctx, some))(t); !reflect.DeepEqual(got, byID[some]) {
		t.Fatalf("get %+v, want %+v", got, byID[some])
	}

	// Search matches user text literally ("50%" is not a wildcard) and honours the limit.
	search := func(text string, orgID *string, limit int64) []string {
		rows := peopleMust(f.q.SearchProjects(f.ctx, db.SearchProjectsParams{
			OrganizationID: orgID, Pattern: compassdb.LikeContains(text), RowLimit: limit,
		}))(t)
		var out []string
		for _, r := range rows {
			out = append(out, r.Name)
		}
		return out
	}
	for _, c := range []struct {
		text  string
		org   *string
		limit int64
		want  []string
	}{
		{"50%", nil, 10, []string{"Cabin 50% done"}},
		{"cabin", nil, 10, []string{"Cabin 50% done", "Cabin 500"}}, // LIKE is case-insensitive for ASCII
		{"beach", &other.ID, 10, []string{"Beach House"}},
		{"", nil, 2, []string{"Alder Ave", "Beach House"}},
		{"_", nil, 10, nil},
	} {
		if got := search(c.text, c.org, c.limit); !slices.Equal(got, c.want) {
			t.Errorf("search %q: %v, want %v", c.text, got, c.want)
		}
	}

	// Keyset pages of 2 walk every project once, in (name, id) order.
	var paged []string
	afterName, afterID := "", ""
	for pages := 0; ; pages++ {
		page := peopleMust(f.q.ListProjectsPage(f.ctx, db.ListProjectsPageParams{AfterName: afterName, AfterID: afterID, RowLimit: 2}))(t)
		if len(page) == 0 {
			break
		}
		if pages > len(names) {
			t.Fatal("pagination does not end")
		}
		for _, p := range page {
			paged = append(paged, p.ID)
		}
		afterName, afterID = page[len(page)-1].Name, page[len(page)-1].ID
	}
	var want []string
	for _, p := range all {
		want = append(want, p.ID)
	}
	if !slices.Equal(paged, want) {
		t.Fatalf("pages %v, want %v", paged, want)
	}
	if page := peopleMust(f.q.ListProjectsPage(f.ctx, db.ListProjectsPageParams{OrganizationID: &other.ID, RowLimit: 10}))(t); len(page) != 1 {
		t.Fatalf("scoped page %+v", page)
	}
}

func TestPeopleProjectMembers(t *testing.T) {
	f := newPeopleFx(t)
	p, q2 := f.project("Alpha", nil), f.project("Beta", nil)
	ada, ben := f.user("ada@example.com", "Ada", true), f.user("ben@example.com", "ben", true)

	counter := dbtest.Count(f.h.WriteDB())
	first := peopleMust(db.New(counter).UpsertProjectMember(f.ctx, db.UpsertProjectMemberParams{
		ID: compassdb.NewID(), ProjectID: p.ID, UserID: ada.ID, Role: "viewer", AssignedAt: f.now,
	}))(t)
	if counter.Statements() != 1 {
		t.Fatalf("%d statements, want 1", counter.Statements())
	}
	// Assigning again changes the role only: id and assigned_at stay.
	again := peopleMust(f.q.UpsertProjectMember(f.ctx, db.UpsertProjectMemberParams{
		ID: compassdb.NewID(), ProjectID: p.ID, UserID: ada.ID, Role: "manager", AssignedAt: f.at(time.Hour),
	}))(t)
	if again.ID != first.ID || again.Role != "manager" || !again.AssignedAt.Equal(f.now.Time) {
		t.Fatalf("re-assignment %+v (first %+v)", again, first)
	}
	f.addProject(q2.ID, ada.ID, "viewer")
	f.addProject(p.ID, ben.ID, "viewer")

	if n := peopleMust(f.q.CountProjectMembershipsByUser(f.ctx, ada.ID))(t); n != 2 {
		t.Fatalf("ada on %d projects, want 2", n)
	}
	members := peopleMust(f.q.ListProjectMembersWithUsers(f.ctx, p.ID))(t)
	if len(members) != 2 || members[0].User.ID != ada.ID || members[0].ProjectMember.Role != "manager" ||
		members[1].User.Email != "ben@example.com" || members[1].ProjectMember.ProjectID != p.ID {
		t.Fatalf("members %+v", members)
	}
	if m := peopleMust(f.q.ListProjectMembersByUser(f.ctx, ben.ID))(t); len(m) != 1 {
		t.Fatalf("ben's projects %+v", m)
	}
}

func TestPeopleFeedback(t *testing.T) {
	f := newPeopleFx(t)
	if got := compassdb.FeedbackIPHash("127.0.0.1"); got != "12ca17b49af2289436f303e0166030a21e525d266e209267433801a8fd4071a0" {
		t.Fatalf("FeedbackIPHash = %s", got)
	}
	if got := compassdb.FeedbackIPHash(""); got != "b23a6a8439c0dde5515893e7c90c1e3233b8616e634470f20dc4928bcf3609bc" {
		t.Fatalf(`FeedbackIPHash("") = %s, want the hash of "unknown"`, got)
	}
	ip := compassdb.FeedbackIPHash("203.0.113.7")
	submit := func(ipHash *string, at dbtypes.Timestamp) (db.Feedback, error) {
		return f.h.CreateFeedbackRateLimited(f.ctx, db.CreateFeedbackParams{
			ID: compassdb.NewID(), Type: dbtypes.FeedbackTypeBug, Message: "it broke", IPHash: ipHash, CreatedAt: at,
		})
	}

	// Five in the hour pass, the sixth is refused; another address is not affected.
	var firstID string
	for i := range compassdb.FeedbackRateLimit {
		fb := peopleMust(submit(&ip, f.at(time.Duration(i)*time.Minute)))(t)
		if i == 0 {
			firstID = fb.ID
		}
	}
	if _, err := submit(&ip, f.at(30*time.Minute)); !errors.Is(err, compassdb.ErrRateLimited) {
		t.Fatalf("sixth submission: %v", err)
	}
	other := compassdb.FeedbackIPHash("198.51.100.1")
	peopleMust(submit(&other, f.at(30*time.Minute)))(t)
	peopleMust(submit(nil, f.at(30*time.Minute)))(t)
	// One hour after the first one, it has left the window.
	peopleMust(submit(&ip, f.at(time.Hour+time.Millisecond)))(t)

	n := peopleMust(f.q.CountFeedbackByIPHashSince(f.ctx, db.CountFeedbackByIPHashSinceParams{IPHash: ip, Since: f.at(-time.Millisecond)}))(t)
	if n != 6 {
		t.Fatalf("count = %d, want 6", n)
	}
	n = peopleMust(f.q.CountFeedbackByIPHashSince(f.ctx, db.CountFeedbackByIPHashSinceParams{IPHash: ip, Since: f.at(4 * time.Minute)}))(t)
	if n != 1 {
		t.Fatalf("count after the fifth = %d, want 1", n)
	}

	if rows := peopleMust(f.q.SetFeedbackGithubIssueURL(f.ctx, db.SetFeedbackGithubIssueURLParams{ID: firstID, GithubIssueURL: peopleStr("https://github.com/o/r/issues/1")}))(t); rows != 1 {
		t.Fatalf("set issue url: %d rows", rows)
	}
	if got := peopleMust(f.q.GetFeedback(f.ctx, firstID))(t); got.GithubIssueURL == nil || *got.GithubIssueURL != "https://github.com/o/r/issues/1" {
		t.Fatalf("feedback %+v", got)
	}
	if rows := peopleMust(f.q.SetFeedbackGithubIssueURL(f.ctx, db.SetFeedbackGithubIssueURLParams{ID: "nope"}))(t); rows != 0 {
		t.Fatalf("set issue url of a missing row: %d rows", rows)
	}

	// Interviews: insert, list by user, set the issue url.
	u := f.user("ada@example.com", "Ada", true)
	iv := peopleMust(f.q.CreateFeedbackInterview(f.ctx, db.CreateFeedbackInterviewParams{
		ID: compassdb.NewID(), UserID: u.ID, UserName: "Ada", UserRole: "office",
		Responses: dbtypes.InterviewResponses{{Question: "What hurts?", Answer: "Invoices"}}, Summary: "invoices",
		PainPoints: &dbtypes.StringList{"invoices"}, OverallSentiment: dbtypes.SentimentMixed, CreatedAt: f.now,
	}))(t)
	peopleMust(f.q.SetFeedbackInterviewGithubIssueURL(f.ctx, db.SetFeedbackInterviewGithubIssueURLParams{ID: iv.ID, GithubIssueURL: peopleStr("https://x/2")}))(t)
	list := peopleMust(f.q.ListFeedbackInterviewsByUser(f.ctx, u.ID))(t)
	if len(list) != 1 || list[0].Responses[0].Answer != "Invoices" || *list[0].GithubIssueURL != "https://x/2" {
		t.Fatalf("interviews %+v", list)
	}
}

func TestPeoplePushTokens(t *testing.T) {
	f := newPeopleFx(t)
	ada, ben := f.user("ada@example.com", "Ada", true), f.user("ben@example.com", "Ben", true)
	register := func(userID, token string, platform dbtypes.Platform, at dbtypes.Timestamp) db.PushToken {
		t.Helper()
		return peopleMust(f.q.UpsertPushToken(f.ctx, db.UpsertPushTokenParams{
			ID: compassdb.NewID(), UserID: userID, Token: token, Platform: platform, Now: at,
		}))(t)
	}

	ios := register(ada.ID, "tok-1", dbtypes.PlatformIOS, f.now)
	// Registering the same platform again replaces the token in the same row.
	later := f.at(time.Hour)
	ios2 := register(ada.ID, "tok-2", dbtypes.PlatformIOS, later)
	if ios2.ID != ios.ID || ios2.Token != "tok-2" || !ios2.CreatedAt.Equal(f.now.Time) || !ios2.UpdatedAt.Equal(later.Time) {
		t.Fatalf("re-registration %+v (first %+v)", ios2, ios)
	}
	android := register(ada.ID, "tok-a", dbtypes.PlatformAndroid, f.now)
	register(ben.ID, "tok-2", dbtypes.PlatformIOS, f.now) // token strings may repeat across users

	tokens := peopleMust(f.q.ListPushTokensByUser(f.ctx, ada.ID))(t)
	if len(tokens) != 2 {
		t.Fatalf("ada's tokens %+v", tokens)
	}

	// Delete by (user, token) touches only that user's row.
	if n := peopleMust(f.q.DeletePushTokenByToken(f.ctx, db.DeletePushTokenByTokenParams{UserID: ada.ID, Token: "tok-2"}))(t); n != 1 {
		t.Fatalf("deleted %d rows by token", n)
	}
	if toks := peopleMust(f.q.ListPushTokensByUser(f.ctx, ben.ID))(t); len(toks) != 1 {
		t.Fatalf("ben's tokens after ada's delete %+v", toks)
	}
	// Delete by id is scoped to the user.
	if n := peopleMust(f.q.DeletePushToken(f.ctx, db.DeletePushTokenParams{ID: android.ID, UserID: ben.ID}))(t); n != 0 {
		t.Fatalf("deleted another user's token: %d rows", n)
	}
	if n := peopleMust(f.q.DeletePushToken(f.ctx, db.DeletePushTokenParams{ID: android.ID, UserID: ada.ID}))(t); n != 1 {
		t.Fatalf("delete by id: %d rows", n)
	}
	register(ada.ID, "tok-3", dbtypes.PlatformIOS, later)
	register(ada.ID, "tok-4", dbtypes.PlatformAndroid, later)
	if n := peopleMust(f.q.DeletePushTokensByUser(f.ctx, ada.ID))(t); n != 2 {
		t.Fatalf("sign-out deleted %d rows, want 2", n)
	}
	if n := len(peopleMust(f.q.ListPushTokensByUser(f.ctx, ben.ID))(t)); n != 1 {
		t.Fatalf("sign-out of ada left ben with %d tokens", n)
	}
}
