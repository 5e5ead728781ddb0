package main

import (
	"net/http"
	"strings"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/authz"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// GET /ai/usage?days=30: the assistant's usage since days ago — totals, per UTC day and
// per model — from one snapshot. The usage aggregates need agent:update, which only
// admins have, so the wrapper answers 403 to everyone else.
func (a *api) getUsage(w http.ResponseWriter, r *http.Request, s *session) error {
	days, err := queryInt(r, "days", 30, 1, 366)
	if err != nil {
		return err
	}
	since := dbtypes.NewTimestamp(a.now().Add(-time.Duration(days) * 24 * time.Hour))
	v := usageView{Since: since, Days: days}
	err = s.readTx(r.Context(), func(q *authz.Querier) error {
		totals, err := q.SumUsageSince(r.Context(), since)
		if err != nil {
			return err
		}
		daily, err := q.ListUsageByDay(r.Context(), since)
		if err != nil {
			return err
		}
		byModel, err := q.ListUsageByModel(r.Context(), since)
		if err != nil {
			return err
		}
		v.Totals = usageRowView{Requests: totals.Requests, TotalTokens: totals.TotalTokens, Cost: cost(totals.Cost)}
		v.Daily = mapSlice(daily, func(d db.ListUsageByDayRow) usageRowView {
			return usageRowView{Day: d.Day, Requests: d.Requests, TotalTokens: d.TotalTokens, Cost: cost(d.Cost)}
		})
		v.ByModel = mapSlice(byModel, func(m db.ListUsageByModelRow) usageRowView {
			return usageRowView{ModelID: m.ModelID, Requests: m.Requests, TotalTokens: m.TotalTokens, Cost: cost(m.Cost)}
		})
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

// The acting user's dashboards and themes. Every query takes the actor's own id: the
// API has no way to name another user's rows, and the wrapper would refuse it anyway.

// GET /me/dashboards
func (a *api) listDashboards(w http.ResponseWriter, r *http.Request, s *session) error {
	rows, err := s.read.ListCustomDashboardsByUser(r.Context(), s.actor.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": mapSlice(rows, func(d db.ListCustomDashboardsByUserRow) dashboardSummaryView {
		return dashboardSummaryView{ID: d.ID, Name: d.Name, Description: d.Description, UpdatedAt: d.UpdatedAt}
	})})
	return nil
}

type dashboardInput struct {
	Name         string                   `json:"name"`
	Description  string                   `json:"description"`
	Spec         *dbtypes.DashboardSpec   `json:"spec"`
	Queries      dbtypes.DashboardQueries `json:"queries"`
	RenderPrompt string                   `json:"render_prompt"`
}

// POST /me/dashboards: at most compassdb.MaxDashboardsPerUser per user (409 beyond).
func (a *api) createDashboard(w http.ResponseWriter, r *http.Request, s *session) error {
	var in dashboardInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(in.Name) == "":
		return missing("name")
	case in.Spec == nil:
		return missing("spec")
	case in.Spec.Root == "":
		return missing("spec.root")
	}
	if err := authorizeTx(s.actor, "CreateDashboard"); err != nil {
		return err
	}
	d, err := s.h.CreateDashboard(r.Context(), db.CreateFreshCustomDashboardParams{
		ID: compassdb.NewID(), UserID: s.actor.ID, Name: strings.TrimSpace(in.Name), Description: in.Description,
		SpecData: *in.Spec, Queries: in.Queries, RenderPrompt: in.RenderPrompt, CreatedAt: a.timestamp(),
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewDashboard(d))
	return nil
}

// DELETE /me/dashboards/{id}
func (a *api) deleteDashboard(w http.ResponseWriter, r *http.Request, s *session) error {
	n, err := s.write.DeleteCustomDashboard(r.Context(), db.DeleteCustomDashboardParams{ID: r.PathValue("id"), UserID: s.actor.ID})
	return deleted(w, "dashboard", n, err)
}

// GET /me/themes
func (a *api) listThemes(w http.ResponseWriter, r *http.Request, s *session) error {
	themes, err := s.read.ListCustomThemesByUser(r.Context(), s.actor.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": mapSlice(themes, viewTheme)})
	return nil
}

type themeInput struct {
	Name        string             `json:"name"`
	Description string             `json:"description"`
	ThemeData   *dbtypes.ThemeData `json:"theme_data"`
}

// POST /me/themes
func (a *api) createTheme(w http.ResponseWriter, r *http.Request, s *session) error {
	var in themeInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(in.Name) == "":
		return missing("name")
	case in.ThemeData == nil:
		return missing("theme_data")
	}
	t, err := s.write.CreateFreshCustomTheme(r.Context(), db.CreateFreshCustomThemeParams{
		ID: compassdb.NewID(), UserID: s.actor.ID, Name: strings.TrimSpace(in.Name), Description: in.Description,
		ThemeData: *in.ThemeData, CreatedAt: a.timestamp(),
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewTheme(t))
	return nil
}

// DELETE /me/themes/{id}: also resets the active theme to the default if it was this one
// (the library's DeleteCustomTheme, one transaction).
func (a *api) deleteTheme(w http.ResponseWriter, r *http.Request, s *session) error {
	if err := authorizeTx(s.actor, "DeleteCustomTheme"); err != nil {
		return err
	}
	if err := s.h.DeleteCustomTheme(r.Context(), s.actor.ID, r.PathValue("id")); err != nil {
		return notFound("theme", err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
