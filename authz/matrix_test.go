package authz_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb/authz"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// section6 is the table of §6 of the access-pattern spec, copied verbatim.
const section6 = `
| Resource | admin | office | field | client |
|---|---|---|---|---|
| project | CRUDA | CRU | R | R |
| schedule | CRUDA | CRU | RU | R |
| budget | CRUDA | CRU | R | R |
| changeorder | CRUDA | CRU | CR | R |
| document | CRUDA | CRU | CR | R |
| user | CRUD | R | R | R |
| organization | CRUD | R | R | R |
| team | CRUD | R | R | R |
| group | CRUD | R | R | R |
| customer | CRUD | CRU | R | R |
| vendor | CRUD | CRU | R | R |
| finance | CRUDA | CRU | R | R |
| agent | CRUD | R | R | — |
`

func TestMatrixIsSection6(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(section6), "\n")
	cells := func(line string) []string {
		f := strings.Split(strings.Trim(line, "|"), "|")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		return f
	}
	header := cells(lines[0])
	var roles []dbtypes.UserRole
	for _, r := range header[1:] {
		roles = append(roles, dbtypes.UserRole(r))
	}
	if !slices.Equal(roles, authz.Roles) {
		t.Errorf("Roles = %v, §6 columns are %v", authz.Roles, roles)
	}
	var resources []authz.Resource
	for _, line := range lines[2:] {
		row := cells(line)
		r := authz.Resource(row[0])
		resources = append(resources, r)
		got, ok := authz.Matrix[r]
		if !ok {
			t.Errorf("Matrix has no row %q", r)
			continue
		}
		if len(got) != len(roles) {
			t.Errorf("Matrix[%s] has %d roles, want %d", r, len(got), len(roles))
		}
		for i, role := range roles {
			want := row[i+1]
			if want == "—" {
				want = ""
			}
			if cell, ok := got[role]; !ok || string(cell) != want {
				t.Errorf("Matrix[%s][%s] = %q (present %v), §6 says %q", r, role, cell, ok, row[i+1])
			}
		}
	}
	if !slices.Equal(resources, authz.Resources) {
		t.Errorf("Resources = %v, §6 rows are %v", authz.Resources, resources)
	}
	if len(authz.Matrix) != len(resources) {
		t.Errorf("Matrix has %d rows, §6 has %d", len(authz.Matrix), len(resources))
	}
}

func TestCan(t *testing.T) {
	user := func(role dbtypes.UserRole, active bool) db.User {
		return db.User{ID: "u1", Role: role, IsActive: active}
	}
	for _, role := range authz.Roles {
		for _, r := range authz.Resources {
			for _, a := range authz.AllActions {
				want := strings.IndexByte(string(authz.Matrix[r][role]), byte(a)) >= 0
				if got := authz.Can(user(role, true), r, a); got != want {
					t.Errorf("Can(%s, %s, %s) = %v, want %v", role, r, a, got, want)
				}
				if authz.Can(user(role, false), r, a) {
					t.Errorf("Can(inactive %s, %s, %s) = true", role, r, a)
				}
				if authz.Can(db.User{Role: role, IsActive: true}, r, a) {
					t.Errorf("Can(%s without an id, %s, %s) = true", role, r, a)
				}
			}
		}
	}
	for _, role := range []dbtypes.UserRole{"", "Admin", "superuser", "admin "} {
		for _, r := range authz.Resources {
			for _, a := range authz.AllActions {
				if authz.Can(user(role, true), r, a) {
					t.Errorf("Can(unknown role %q, %s, %s) = true", role, r, a)
				}
			}
		}
	}
	if authz.Can(user(authz.Admin, true), "payroll", authz.Read) {
		t.Error("Can(admin, an unknown resource) = true")
	}
	if authz.Can(user(authz.Admin, true), authz.Project, 'X') {
		t.Error("Can(admin, project, an unknown action) = true")
	}
	// Spot checks, read off §6 by hand.
	for _, c := range []struct {
		role dbtypes.UserRole
		r    authz.Resource
		a    authz.Action
		want bool
	}{
		{authz.Admin, authz.Finance, authz.Approve, true},
		{authz.Admin, authz.Customer, authz.Approve, false},
		{authz.Office, authz.Customer, authz.Delete, false},
		{authz.Office, authz.Customer, authz.Update, true},
		{authz.Field, authz.Schedule, authz.Update, true},
		{authz.Field, authz.Project, authz.Update, false},
		{authz.Field, authz.Document, authz.Create, true},
		{authz.Client, authz.Agent, authz.Read, false},
		{authz.Client, authz.Project, authz.Read, true},
	} {
		if got := authz.Can(user(c.role, true), c.r, c.a); got != c.want {
			t.Errorf("Can(%s, %s, %s) = %v, want %v", c.role, c.r, c.a, got, c.want)
		}
	}
}

func TestActionString(t *testing.T) {
	var words []string
	for _, a := range authz.AllActions {
		words = append(words, a.String())
	}
	if got := strings.Join(words, " "); got != "create read update delete approve" {
		t.Errorf("action words = %q", got)
	}
}
