package compassdb_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// peopleSQLRecorder is a db.DBTX that remembers the last statement and arguments sent through
// it, so a test can EXPLAIN exactly the SQL that a generated method runs.
type peopleSQLRecorder struct {
	db.DBTX
	query string
	args  []any
}

func (r *peopleSQLRecorder) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	r.query, r.args = query, args
	return r.DBTX.ExecContext(ctx, query, args...)
}

func (r *peopleSQLRecorder) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	r.query, r.args = query, args
	return r.DBTX.QueryContext(ctx, query, args...)
}

func (r *peopleSQLRecorder) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	r.query, r.args = query, args
	return r.DBTX.QueryRowContext(ctx, query, args...)
}

// TestPeopleQueryPlans proves that the membership reads (counts by user, lists by
// organization, project, team, group or user, and the people list's subqueries) look
// rows up through indexes instead of scanning the membership tables, as do the rate-limit
// count and the push-token list.
func TestPeopleQueryPlans(t *testing.T) {
	f := newPeopleFx(t)
	members := []string{"organization_members", "project_members", "team_members", "group_members"}
	since := f.now
	for _, c := range []struct {
		name     string
		run      func(q *db.Queries) error
		searches []string // tables the plan must look up by index
	}{
		{"CountOrganizationMembershipsByUser", func(q *db.Queries) error {
			_, err := q.CountOrganizationMembershipsByUser(f.ctx, "u")
			return err
		}, []string{"organization_members"}},
		{"ListOrganizationMembersByUser", func(q *db.Queries) error {
			_, err := q.ListOrganizationMembersByUser(f.ctx, "u")
			return err
		}, []string{"organization_members"}},
		{"ListOrganizationMembersByOrganization", func(q *db.Queries) error {
			_, err := q.ListOrganizationMembersByOrganization(f.ctx, "o")
			return err
		}, []string{"organization_members"}},
		{"CountProjectMembershipsByUser", func(q *db.Queries) error {
			_, err := q.CountProjectMembershipsByUser(f.ctx, "u")
			return err
		}, []string{"project_members"}},
		{"ListProjectMembersByUser", func(q *db.Queries) error {
			_, err := q.ListProjectMembersByUser(f.ctx, "u")
			return err
		}, []string{"project_members"}},
		{"ListProjectMembersByProject", func(q *db.Queries) error {
			_, err := q.ListProjectMembersByProject(f.ctx, "p")
			return err
		}, []string{"project_members"}},
		{"ListProjectMembersWithUsers", func(q *db.Queries) error {
			_, err := q.ListProjectMembersWithUsers(f.ctx, "p")
			return err
		}, []string{"project_members", "users"}},
		{"ListTeamMembersByTeam", func(q *db.Queries) error {
			_, err := q.ListTeamMembersByTeam(f.ctx, "t")
			return err
		}, []string{"team_members"}},
		{"ListTeamMembersByUser", func(q *db.Queries) error {
			_, err := q.ListTeamMembersByUser(f.ctx, "u")
			return err
		}, []string{"team_members"}},
		{"ListTeamsByUser", func(q *db.Queries) error {
			_, err := q.ListTeamsByUser(f.ctx, "u")
			return err
		}, []string{"team_members", "teams"}},
		{"ListGroupMembersByGroup", func(q *db.Queries) error {
			_, err := q.ListGroupMembersByGroup(f.ctx, "g")
			return err
		}, []string{"group_members"}},
		{"ListGroupMembersByUser", func(q *db.Queries) error {
			_, err := q.ListGroupMembersByUser(f.ctx, "u")
			return err
		}, []string{"group_members"}},
		{"ListGroupsByUser", func(q *db.Queries) error {
			_, err := q.ListGroupsByUser(f.ctx, "u")
			return err
		}, []string{"group_members", "groups"}},
		{"ListActiveUsersWithRelations", func(q *db.Queries) error {
			_, err := q.ListActiveUsersWithRelations(f.ctx)
			return err
		}, []string{"users", "team_members", "teams", "group_members", "groups", "project_members", "organization_members"}},
		{"CountFeedbackByIPHashSince", func(q *db.Queries) error {
			_, err := q.CountFeedbackByIPHashSince(f.ctx, db.CountFeedbackByIPHashSinceParams{IPHash: "h", Since: since})
			return err
		}, []string{"feedback"}},
		{"ListPushTokensByUser", func(q *db.Queries) error {
			_, err := q.ListPushTokensByUser(f.ctx, "u")
			return err
		}, []string{"push_tokens"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := &peopleSQLRecorder{DBTX: f.h.ReadDB()}
			if err := c.run(db.New(rec)); err != nil {
				t.Fatal(err)
			}
			plan := dbtest.QueryPlan(t, f.h.ReadDB(), rec.query, rec.args...)
			dbtest.AssertNoScan(t, plan, append(members, "feedback", "push_tokens")...)
			for _, table := range c.searches {
				if !peoplePlanSearches(plan, table) {
					t.Errorf("no index lookup on %s: %q", table, plan)
				}
			}
		})
	}
}

// peoplePlanSearches reports whether the plan looks table up through an index or its key.
func peoplePlanSearches(plan []string, table string) bool {
	for _, step := range plan {
		if strings.HasPrefix(step, "SEARCH "+table+" ") {
			return true
		}
	}
	return false
}
