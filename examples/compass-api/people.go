package main

import (
	"net/http"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
)

// GET /me: the acting user.
func (a *api) getMe(w http.ResponseWriter, r *http.Request, s *session) error {
	writeJSON(w, http.StatusOK, viewUser(s.actor))
	return nil
}

// GET /users: active users with their teams, groups and membership counts, in one query.
func (a *api) listUsers(w http.ResponseWriter, r *http.Request, s *session) error {
	rows, err := s.read.ListActiveUsersWithRelations(r.Context())
	if err != nil {
		return err
	}
	users := make([]userWithRelationsView, len(rows))
	for i, row := range rows {
		u, err := compassdb.DecodeUserWithRelations(row)
		if err != nil {
			return err
		}
		users[i] = viewUserWithRelations(u)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": users})
	return nil
}

// GET /users/{id}
func (a *api) getUser(w http.ResponseWriter, r *http.Request, s *session) error {
	u, err := s.read.GetUser(r.Context(), r.PathValue("id"))
	if err != nil {
		return notFound("user", err)
	}
	writeJSON(w, http.StatusOK, viewUser(u))
	return nil
}

// GET /organizations: the active organizations.
func (a *api) listOrganizations(w http.ResponseWriter, r *http.Request, s *session) error {
	orgs, err := s.read.ListActiveOrganizations(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": mapSlice(orgs, viewOrganization)})
	return nil
}

// GET /projects?organization_id=&limit=&cursor=: projects by name, keyset-paginated.
func (a *api) listProjects(w http.ResponseWriter, r *http.Request, s *session) error {
	limit, err := queryLimit(r)
	if err != nil {
		return err
	}
	p := db.ListProjectsPageParams{RowLimit: limit} // first page: after ("", "")
	if org := r.URL.Query().Get("organization_id"); org != "" {
		p.OrganizationID = &org
	}
	if keys, ok, err := queryCursor(r, 2); err != nil {
		return err
	} else if ok {
		p.AfterName, p.AfterID = keys[0], keys[1]
	}
	projects, err := s.read.ListProjectsPage(r.Context(), p)
	if err != nil {
		return err
	}
	res := page[projectView]{Items: mapSlice(projects, viewProject)}
	if n := len(projects); n > 0 {
		res.NextCursor = nextCursor(n, limit, projects[n-1].Name, projects[n-1].ID)
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// GET /projects/{id}
func (a *api) getProject(w http.ResponseWriter, r *http.Request, s *session) error {
	p, err := s.read.GetProject(r.Context(), r.PathValue("id"))
	if err != nil {
		return notFound("project", err)
	}
	writeJSON(w, http.StatusOK, viewProject(p))
	return nil
}
