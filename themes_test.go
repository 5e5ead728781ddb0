package compassdb_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

func agentTheme(t *testing.T, h *compassdb.DB, user, id, created string) db.CustomTheme {
	t.Helper()
	th, err := h.Writer().CreateFreshCustomTheme(agentCtx, db.CreateFreshCustomThemeParams{
		ID: id, UserID: user, Name: "Theme " + id, ThemeData: dbtypes.ThemeData{Name: "Theme " + id},
		CreatedAt: agentTS(t, created),
	})
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func TestThemePresets(t *testing.T) {
	want := []string{"native-compass", "corpo", "notebook", "doom-64", "bubblegum", "developers-choice", "anslopics-clood", "violet-bloom", "soy", "mocha"}
	if got := compassdb.ThemePresets(); !slices.Equal(got, want) {
		t.Errorf("presets = %v", got)
	}
	if compassdb.DefaultThemeID != "native-compass" || !compassdb.IsThemePreset("mocha") || compassdb.IsThemePreset("theme-1") {
		t.Error("preset checks")
	}
}

func TestCustomThemes(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	agentTheme(t, h, alice, "t1", "2026-01-01T00:00:00.000Z")
	t2 := agentTheme(t, h, alice, "t2", "2026-01-02T00:00:00.000Z")
	agentTheme(t, h, alice, "t3", "2026-01-02T00:00:00.000Z")
	agentTheme(t, h, bob, "t-bob", "2026-01-05T00:00:00.000Z")
	if t2.UpdatedAt != t2.CreatedAt || t2.Description != "" {
		t.Errorf("new theme = %+v", t2)
	}
	w, r := h.Writer(), h.Reader()

	upd := db.UpdateCustomThemeParams{
		Name: "Renamed", Description: "warmer", ThemeData: dbtypes.ThemeData{Name: "Renamed", Light: map[string]string{"primary": "oklch(0.5 0.1 30)"}},
		UpdatedAt: agentTS(t, "2026-01-03T00:00:00.000Z"), ID: "t1", UserID: alice,
	}
	got, err := w.UpdateCustomTheme(agentCtx, upd)
	if err != nil || got.Name != "Renamed" || got.ThemeData.Light["primary"] == "" || got.CreatedAt == got.UpdatedAt {
		t.Errorf("update = %+v, %v", got, err)
	}
	upd.UserID = bob
	if _, err := w.UpdateCustomTheme(agentCtx, upd); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob updates alice's theme: %v", err)
	}
	if _, err := r.GetCustomTheme(agentCtx, db.GetCustomThemeParams{ID: "t1", UserID: bob}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob gets alice's theme: %v", err)
	}
	list, _ := r.ListCustomThemesByUser(agentCtx, alice)
	if ids := agentIDs(list, func(th db.CustomTheme) string { return th.ID }); !slices.Equal(ids, []string{"t1", "t3", "t2"}) {
		t.Errorf("themes by updated_at = %v", ids)
	}
	plan := agentPlan(t, h, func(q *db.Queries) error { _, err := q.ListCustomThemesByUser(agentCtx, alice); return err })
	agentAssertIndex(t, plan, "custom_themes", "custom_themes_user_updated_idx")
}

func TestActiveTheme(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	agentTheme(t, h, alice, "t-alice", "2026-01-01T00:00:00.000Z")
	agentTheme(t, h, bob, "t-bob", "2026-01-01T00:00:00.000Z")
	active := func(user string) string {
		t.Helper()
		id, err := h.Reader().GetActiveThemeID(agentCtx, user)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	if id := active(alice); id != compassdb.DefaultThemeID {
		t.Errorf("active theme without a preference = %q", id)
	}
	for _, id := range []string{"mocha", "t-alice"} {
		if p, err := h.SetActiveTheme(agentCtx, alice, id); err != nil || p.ActiveThemeID != id || active(alice) != id {
			t.Errorf("set %s = %+v, %v", id, p, err)
		}
	}
	for _, id := range []string{"t-bob", "no-such-theme"} {
		if _, err := h.SetActiveTheme(agentCtx, alice, id); !errors.Is(err, compassdb.ErrNotFound) {
			t.Errorf("set %s: %v, want ErrNotFound", id, err)
		}
	}
	if id := active(alice); id != "t-alice" {
		t.Errorf("active theme after refused sets = %q", id)
	}
	if id := active(bob); id != compassdb.DefaultThemeID {
		t.Errorf("bob's active theme = %q", id)
	}

	// The upsert is the last step: when it fails the preference stays.
	agentFailOn(t, h, "UPDATE", "user_theme_preference")
	if _, err := h.SetActiveTheme(agentCtx, alice, "corpo"); !agentInjected(err) {
		t.Errorf("set with failing upsert: %v", err)
	}
	if id := active(alice); id != "t-alice" {
		t.Errorf("active theme after failed set = %q", id)
	}
}

func TestDeleteCustomTheme(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	agentTheme(t, h, alice, "t1", "2026-01-01T00:00:00.000Z")
	agentTheme(t, h, alice, "t2", "2026-01-01T00:00:00.000Z")
	if _, err := h.SetActiveTheme(agentCtx, alice, "t1"); err != nil {
		t.Fatal(err)
	}
	// A preference row of bob's naming the same id (no foreign key holds it back) is
	// bob's business: alice's delete does not reset it.
	if _, err := h.Writer().UpsertUserThemePreference(agentCtx, db.UpsertUserThemePreferenceParams{UserID: bob, ActiveThemeID: "t1", UpdatedAt: dbtypes.Now()}); err != nil {
		t.Fatal(err)
	}
	active := func(user string) string {
		id, _ := h.Reader().GetActiveThemeID(agentCtx, user)
		return id
	}

	if err := h.DeleteCustomTheme(agentCtx, alice, "t2"); err != nil || active(alice) != "t1" {
		t.Errorf("delete of an inactive theme: %v; active %q", err, active(alice))
	}
	if err := h.DeleteCustomTheme(agentCtx, bob, "t1"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob deletes alice's theme: %v", err)
	}

	// The reset is the last step: when it fails the theme stays.
	agentFailOn(t, h, "UPDATE", "user_theme_preference")
	if err := h.DeleteCustomTheme(agentCtx, alice, "t1"); !agentInjected(err) {
		t.Fatalf("delete with failing reset: %v", err)
	}
	if _, err := h.Reader().GetCustomTheme(agentCtx, db.GetCustomThemeParams{ID: "t1", UserID: alice}); err != nil {
		t.Errorf("theme after failed delete: %v", err)
	}
	if _, err := h.WriteDB().Exec(`DROP TRIGGER test_fail_update_user_theme_preference`); err != nil {
		t.Fatal(err)
	}

	if err := h.DeleteCustomTheme(agentCtx, alice, "t1"); err != nil {
		t.Fatal(err)
	}
	if id := active(alice); id != compassdb.DefaultThemeID {
		t.Errorf("active theme after deleting it = %q", id)
	}
	if id := active(bob); id != "t1" {
		t.Errorf("bob's preference = %q", id)
	}
	if err := h.DeleteCustomTheme(agentCtx, alice, "t1"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
}

// ResetUserThemePreference points the user back at native-compass only while the active
// theme is the given one (DeleteCustomTheme runs it for the deleted theme).
func TestResetUserThemePreference(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	carol := agentUser(t, h, "user-carol") // never chose a theme
	w := h.Writer()
	set, later := agentTS(t, "2026-01-01T00:00:00.000Z"), agentTS(t, "2026-01-02T00:00:00.000Z")
	prefs := map[string]db.UserThemePreference{}
	for _, user := range []string{alice, bob} {
		p, err := w.UpsertUserThemePreference(agentCtx, db.UpsertUserThemePreferenceParams{UserID: user, ActiveThemeID: "theme-x", UpdatedAt: set})
		if err != nil {
			t.Fatal(err)
		}
		prefs[user] = p
	}
	reset := func(user, theme string) int64 {
		t.Helper()
		n, err := w.ResetUserThemePreference(agentCtx, db.ResetUserThemePreferenceParams{UpdatedAt: later, UserID: user, ThemeID: theme})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	stored := func(user string) db.UserThemePreference {
		t.Helper()
		p, err := h.Reader().GetUserThemePreference(agentCtx, user)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	if n := reset(alice, "theme-y"); n != 0 || stored(alice) != prefs[alice] {
		t.Errorf("another theme: %d rows, preference %+v", n, stored(alice))
	}
	if n := reset(carol, "theme-x"); n != 0 {
		t.Errorf("a user without a preference: %d rows", n)
	}
	if _, err := h.Reader().GetUserThemePreference(agentCtx, carol); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("carol's preference: %v, want none", err)
	}
	if n := reset(alice, "theme-x"); n != 1 {
		t.Errorf("the active theme: %d rows, want 1", n)
	}
	if got, want := stored(alice), (db.UserThemePreference{UserID: alice, ActiveThemeID: "native-compass", UpdatedAt: later}); got != want {
		t.Errorf("alice = %+v, want %+v", got, want)
	}
	if got := stored(bob); got != prefs[bob] { // the same theme id, another user
		t.Errorf("bob's preference changed: %+v", got)
	}
}
