package compassdb_test

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

func agentDashboard(user, id, created string) db.CreateFreshCustomDashboardParams {
	ts, _ := dbtypes.ParseTimestamp(created)
	return db.CreateFreshCustomDashboardParams{
		ID: id, UserID: user, Name: "Board " + id, Description: "about " + id,
		SpecData:     dbtypes.DashboardSpec{Root: "card", Elements: map[string]dbtypes.DashboardElement{"card": {Type: "Card"}}},
		Queries:      dbtypes.DashboardQueries{},
		RenderPrompt: "Board " + id, CreatedAt: ts,
	}
}

func TestCreateDashboardLimit(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	for i := range compassdb.MaxDashboardsPerUser {
		if _, err := h.CreateDashboard(agentCtx, agentDashboard(alice, fmt.Sprintf("d%d", i), "2026-01-01T00:00:00.000Z")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.CreateDashboard(agentCtx, agentDashboard(alice, "d-sixth", "2026-01-01T00:00:00.000Z")); !errors.Is(err, compassdb.ErrDashboardLimit) {
		t.Errorf("sixth dashboard: %v, want ErrDashboardLimit", err)
	}
	if n, err := h.Reader().CountCustomDashboardsByUser(agentCtx, alice); err != nil || n != 5 {
		t.Errorf("count = %d, %v", n, err)
	}
	if _, err := h.CreateDashboard(agentCtx, agentDashboard(bob, "d-bob", "2026-01-01T00:00:00.000Z")); err != nil {
		t.Errorf("bob's first dashboard: %v", err)
	}
	// Freeing a slot allows one more.
	if n, err := h.Writer().DeleteCustomDashboard(agentCtx, db.DeleteCustomDashboardParams{ID: "d0", UserID: alice}); err != nil || n != 1 {
		t.Fatalf("delete = %d, %v", n, err)
	}
	if _, err := h.CreateDashboard(agentCtx, agentDashboard(alice, "d-new", "2026-01-01T00:00:00.000Z")); err != nil {
		t.Errorf("dashboard after a delete: %v", err)
	}
}

// Concurrent saves cannot pass the limit: count and insert are one transaction.
func TestCreateDashboardLimitConcurrent(t *testing.T) {
	h := dbtest.Open(t)
	alice := agentUser(t, h, "user-alice")
	var wg sync.WaitGroup
	var mu sync.Mutex
	created, refused := 0, 0
	for i := range 12 {
		wg.Go(func() {
			_, err := h.CreateDashboard(agentCtx, agentDashboard(alice, fmt.Sprintf("d%02d", i), "2026-01-01T00:00:00.000Z"))
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				created++
			case errors.Is(err, compassdb.ErrDashboardLimit):
				refused++
			default:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if created != compassdb.MaxDashboardsPerUser || refused != 12-compassdb.MaxDashboardsPerUser {
		t.Errorf("created %d, refused %d", created, refused)
	}
}

func TestCreateDashboardRollback(t *testing.T) {
	h := dbtest.Open(t)
	alice := agentUser(t, h, "user-alice")
	agentFailOn(t, h, "INSERT", "custom_dashboards")
	if _, err := h.CreateDashboard(agentCtx, agentDashboard(alice, "d1", "2026-01-01T00:00:00.000Z")); !agentInjected(err) {
		t.Errorf("create with failing insert: %v", err)
	}
	if n, _ := h.Reader().CountCustomDashboardsByUser(agentCtx, alice); n != 0 {
		t.Errorf("%d dashboards after a failed create", n)
	}
}

func TestDashboardsAreScopedToTheOwner(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	for _, d := range []db.CreateFreshCustomDashboardParams{
		agentDashboard(alice, "d1", "2026-01-01T00:00:00.000Z"),
		agentDashboard(alice, "d2", "2026-01-03T00:00:00.000Z"),
		agentDashboard(alice, "d3", "2026-01-03T00:00:00.000Z"),
		agentDashboard(bob, "d-bob", "2026-01-09T00:00:00.000Z"),
	} {
		if _, err := h.CreateDashboard(agentCtx, d); err != nil {
			t.Fatal(err)
		}
	}
	w, r := h.Writer(), h.Reader()
	upd := db.UpdateCustomDashboardParams{
		Name: "Renamed", Description: "new", SpecData: dbtypes.DashboardSpec{Root: "grid", Elements: map[string]dbtypes.DashboardElement{"grid": {Type: "Grid", Children: []string{}}}},
		Queries: dbtypes.DashboardQueries{{Key: "k", QueryType: "customers"}}, RenderPrompt: "Renamed",
		UpdatedAt: agentTS(t, "2026-01-05T00:00:00.000Z"), ID: "d1", UserID: alice,
	}
	if d, err := w.UpdateCustomDashboard(agentCtx, upd); err != nil || d.Name != "Renamed" || d.SpecData.Root != "grid" || len(d.Queries) != 1 {
		t.Errorf("update = %+v, %v", d, err)
	}
	upd.UserID = bob
	if _, err := w.UpdateCustomDashboard(agentCtx, upd); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob updates alice's dashboard: %v", err)
	}
	if _, err := r.GetCustomDashboard(agentCtx, db.GetCustomDashboardParams{ID: "d1", UserID: bob}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob gets alice's dashboard: %v", err)
	}
	if n, err := w.DeleteCustomDashboard(agentCtx, db.DeleteCustomDashboardParams{ID: "d1", UserID: bob}); err != nil || n != 0 {
		t.Errorf("bob deletes alice's dashboard: %d, %v", n, err)
	}
	list, err := r.ListCustomDashboardsByUser(agentCtx, alice)
	if err != nil {
		t.Fatal(err)
	}
	got := agentIDs(list, func(d db.ListCustomDashboardsByUserRow) string { return d.ID + ":" + d.Name })
	if !slices.Equal(got, []string{"d1:Renamed", "d3:Board d3", "d2:Board d2"}) || list[0].Description != "new" {
		t.Errorf("list = %v", got)
	}
	plan := agentPlan(t, h, func(q *db.Queries) error { _, err := q.ListCustomDashboardsByUser(agentCtx, alice); return err })
	agentAssertIndex(t, plan, "custom_dashboards", "custom_dashboards_user_updated_idx")
}

// CreateFreshCustomDashboard stores a new dashboard with updated_at = created_at. It does
// not count: the limit of MaxDashboardsPerUser is the operation's (TestCreateDashboardLimit).
func TestCreateFreshCustomDashboard(t *testing.T) {
	h := dbtest.Open(t)
	alice := agentUser(t, h, "user-alice")
	for i := range compassdb.MaxDashboardsPerUser + 1 {
		p := agentDashboard(alice, fmt.Sprintf("d%d", i), fmt.Sprintf("2026-01-01T00:00:0%d.000Z", i))
		got, err := h.Writer().CreateFreshCustomDashboard(agentCtx, p)
		if err != nil {
			t.Fatalf("dashboard %d: %v", i, err)
		}
		want := db.CustomDashboard{
			ID: p.ID, UserID: alice, Name: p.Name, Description: p.Description, SpecData: p.SpecData, Queries: p.Queries,
			RenderPrompt: p.RenderPrompt, CreatedAt: p.CreatedAt, UpdatedAt: p.CreatedAt,
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("dashboard %d = %+v, want %+v", i, got, want)
		}
		if stored, err := h.Reader().GetCustomDashboard(agentCtx, db.GetCustomDashboardParams{ID: p.ID, UserID: alice}); err != nil || !reflect.DeepEqual(stored, want) {
			t.Errorf("stored dashboard %d = %+v, %v", i, stored, err)
		}
	}
	if n, err := h.Reader().CountCustomDashboardsByUser(agentCtx, alice); err != nil || n != int64(compassdb.MaxDashboardsPerUser+1) {
		t.Errorf("%d dashboards, %v", n, err)
	}
}
