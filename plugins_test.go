package compassdb_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

func TestSkillID(t *testing.T) {
	for source, want := range map[string]string{
		"Anthropics/Skills/PDF":    "skill-anthropics-skills-pdf",
		"owner/repo":               "skill-owner-repo",
		"owner/repo/skills/a-b_c/": "skill-owner-repo-skills-a-b_c-",
	} {
		if got := compassdb.SkillID(source); got != want {
			t.Errorf("SkillID(%q) = %q, want %q", source, got, want)
		}
	}
}

func agentSkill(user, source, content string) compassdb.SkillInstall {
	return compassdb.SkillInstall{
		Source: source, Name: "Skill " + source, Description: agentStr("does things"), Content: content,
		UserID: user, Details: agentStr("installed from " + source + " by " + user + "@example.com"),
	}
}

// agentPluginRows counts a plugin's rows in plugins, plugin_config and plugin_events.
func agentPluginRows(t *testing.T, h *compassdb.DB, id string) [3]int {
	t.Helper()
	return [3]int{
		agentCount(t, h, `SELECT COUNT(*) FROM plugins WHERE id = ?`, id),
		agentCount(t, h, `SELECT COUNT(*) FROM plugin_config WHERE plugin_id = ?`, id),
		agentCount(t, h, `SELECT COUNT(*) FROM plugin_events WHERE plugin_id = ?`, id),
	}
}

func TestInstallSkill(t *testing.T) {
	h := dbtest.Open(t)
	admin := agentUser(t, h, "user-admin")
	in := agentSkill(admin, "Owner/Repo/PDF", strings.Repeat("# PDF skill\n", 30))
	in.AllowedTools = agentStr("Read, Write")
	p, err := h.InstallSkill(agentCtx, in)
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "skill-owner-repo-pdf" || p.Version != "1.0.0" || p.SourceType != dbtypes.PluginSourceTypeSkills ||
		!slices.Equal(p.Capabilities, dbtypes.Capabilities{"prompt"}) || p.Status != dbtypes.PluginStatusEnabled ||
		p.EnabledBy == nil || *p.EnabledBy != admin || p.EnabledAt == nil || *p.EnabledAt != p.InstalledAt || p.UpdatedAt != p.InstalledAt {
		t.Errorf("installed plugin = %+v", p)
	}
	r := h.Reader()
	for key, want := range map[string]string{"content": in.Content, "allowedTools": "Read, Write"} {
		c, err := r.GetPluginConfigByKey(agentCtx, db.GetPluginConfigByKeyParams{PluginID: p.ID, Key: key})
		if err != nil || c.Value != want || c.IsEncrypted {
			t.Errorf("config %s = %+v, %v", key, c, err)
		}
	}
	events, _ := r.ListPluginEventsByPlugin(agentCtx, p.ID)
	if len(events) != 1 || events[0].EventType != dbtypes.PluginEventTypeInstalled || *events[0].UserID != admin || *events[0].Details != *in.Details {
		t.Errorf("events = %+v", events)
	}

	// The same source again is refused and changes nothing.
	if _, err := h.InstallSkill(agentCtx, agentSkill(admin, "owner/repo/pdf", "other")); !errors.Is(err, compassdb.ErrPluginInstalled) {
		t.Errorf("second install: %v, want ErrPluginInstalled", err)
	}
	if rows := agentPluginRows(t, h, p.ID); rows != [3]int{1, 2, 1} {
		t.Errorf("rows after refused install = %v", rows)
	}
	if got, _ := r.GetPlugin(agentCtx, p.ID); !reflect.DeepEqual(got, p) {
		t.Errorf("plugin after refused install = %+v", got)
	}
}

func TestInstallSkillRollback(t *testing.T) {
	h := dbtest.Open(t)
	admin := agentUser(t, h, "user-admin")
	agentFailOn(t, h, "INSERT", "plugin_events") // the last step
	in := agentSkill(admin, "owner/repo/pdf", "body")
	in.AllowedTools = agentStr("Read")
	if _, err := h.InstallSkill(agentCtx, in); !agentInjected(err) {
		t.Fatalf("install with failing event: %v", err)
	}
	if rows := agentPluginRows(t, h, compassdb.SkillID(in.Source)); rows != [3]int{} {
		t.Errorf("rows after failed install = %v", rows)
	}
}

func TestSetPluginEnabled(t *testing.T) {
	h := dbtest.Open(t)
	admin, other := agentUser(t, h, "user-admin"), agentUser(t, h, "user-other")
	installed, err := h.InstallSkill(agentCtx, agentSkill(admin, "o/r/s", "body"))
	if err != nil {
		t.Fatal(err)
	}
	off, err := h.SetPluginEnabled(agentCtx, installed.ID, false, other, agentStr("disabled by other"))
	if err != nil || off.Status != dbtypes.PluginStatusDisabled || off.EnabledBy != nil || off.EnabledAt != nil || off.InstalledAt != installed.InstalledAt {
		t.Errorf("disabled = %+v, %v", off, err)
	}
	on, err := h.SetPluginEnabled(agentCtx, installed.ID, true, other, nil)
	if err != nil || on.Status != dbtypes.PluginStatusEnabled || on.EnabledBy == nil || *on.EnabledBy != other || on.EnabledAt == nil {
		t.Errorf("enabled = %+v, %v", on, err)
	}
	events, _ := h.Reader().ListPluginEventsByPlugin(agentCtx, installed.ID)
	types := agentIDs(events, func(e db.PluginEvent) string { return string(e.EventType) })
	slices.Sort(types) // events of one millisecond tie on created_at
	if !slices.Equal(types, []string{"disabled", "enabled", "installed"}) || agentCount(t, h, `SELECT COUNT(*) FROM plugin_events WHERE user_id = ?`, other) != 2 {
		t.Errorf("events = %v", types)
	}
	if _, err := h.SetPluginEnabled(agentCtx, "skill-none", true, admin, nil); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("toggle of an unknown plugin: %v", err)
	}

	// A failing event insert undoes the status change.
	agentFailOn(t, h, "INSERT", "plugin_events")
	if _, err := h.SetPluginEnabled(agentCtx, installed.ID, false, admin, nil); !agentInjected(err) {
		t.Fatalf("toggle with failing event: %v", err)
	}
	if got, _ := h.Reader().GetPlugin(agentCtx, installed.ID); !reflect.DeepEqual(got, on) {
		t.Errorf("plugin after failed toggle = %+v, want %+v", got, on)
	}
}

func TestUninstallSkill(t *testing.T) {
	h := dbtest.Open(t)
	admin := agentUser(t, h, "user-admin")
	keep, err := h.InstallSkill(agentCtx, agentSkill(admin, "o/r/keep", "keep"))
	if err != nil {
		t.Fatal(err)
	}
	in := agentSkill(admin, "o/r/gone", "gone")
	in.AllowedTools = agentStr("Read")
	gone, err := h.InstallSkill(agentCtx, in)
	if err != nil {
		t.Fatal(err)
	}

	// Config and events go with the plugin, or nothing goes.
	agentFailOn(t, h, "DELETE", "plugin_events")
	if err := h.UninstallSkill(agentCtx, gone.ID); !agentInjected(err) {
		t.Fatalf("uninstall with failing event delete: %v", err)
	}
	if rows := agentPluginRows(t, h, gone.ID); rows != [3]int{1, 2, 1} {
		t.Errorf("rows after failed uninstall = %v", rows)
	}
	if _, err := h.WriteDB().Exec(`DROP TRIGGER test_fail_delete_plugin_events`); err != nil {
		t.Fatal(err)
	}
	if err := h.UninstallSkill(agentCtx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if rows := agentPluginRows(t, h, gone.ID); rows != [3]int{} {
		t.Errorf("rows after uninstall = %v", rows)
	}
	if rows := agentPluginRows(t, h, keep.ID); rows != [3]int{1, 1, 1} {
		t.Errorf("rows of the other skill = %v", rows)
	}
	if err := h.UninstallSkill(agentCtx, gone.ID); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("second uninstall: %v", err)
	}
}

func TestPluginListsWithContent(t *testing.T) {
	h := dbtest.Open(t)
	admin := agentUser(t, h, "user-admin")
	long := strings.Repeat("é", 250) // 200 characters, not bytes
	for _, s := range []compassdb.SkillInstall{
		agentSkill(admin, "o/r/b", long), agentSkill(admin, "o/r/a", "short body"), agentSkill(admin, "o/r/c", "off"),
	} {
		if _, err := h.InstallSkill(agentCtx, s); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := h.SetPluginEnabled(agentCtx, compassdb.SkillID("o/r/c"), false, admin, nil); err != nil {
		t.Fatal(err)
	}
	// An enabled builtin plugin without content config.
	now := dbtypes.Now()
	if _, err := h.Writer().CreatePluginIfAbsent(agentCtx, db.CreatePluginIfAbsentParams{
		ID: "builtin-x", Name: "Builtin", Version: "2.0.0", Source: "builtin", SourceType: dbtypes.PluginSourceTypeBuiltin,
		Capabilities: dbtypes.Capabilities{"tools", "queries"}, Status: dbtypes.PluginStatusEnabled, InstalledAt: now,
	}); err != nil {
		t.Fatal(err)
	}

	counter := dbtest.Count(h.ReadDB())
	q := db.New(counter)
	skills, err := q.ListSkillsWithContent(agentCtx)
	if err != nil {
		t.Fatal(err)
	}
	got := agentIDs(skills, func(r db.ListSkillsWithContentRow) string { return r.Plugin.ID + "=" + *r.Content })
	if !slices.Equal(got, []string{"skill-o-r-a=short body", "skill-o-r-b=" + long, "skill-o-r-c=off"}) {
		t.Errorf("skills = %.80q", got)
	}
	previews, err := q.ListSkillsWithPreview(agentCtx)
	if err != nil || len(previews) != 3 || previews[1].ContentPreview != strings.Repeat("é", 200) || previews[0].ContentPreview != "short body" {
		t.Errorf("previews = %+v, %v", previews, err)
	}
	enabled, err := q.ListEnabledPluginsWithContent(agentCtx)
	if err != nil {
		t.Fatal(err)
	}
	got = agentIDs(enabled, func(r db.ListEnabledPluginsWithContentRow) string {
		if r.Content == nil {
			return r.Plugin.ID + " (no content)"
		}
		return r.Plugin.ID
	})
	if !slices.Equal(got, []string{"builtin-x (no content)", "skill-o-r-a", "skill-o-r-b"}) {
		t.Errorf("enabled = %v", got)
	}
	if counter.Statements() != 3 {
		t.Errorf("three lists took %d statements", counter.Statements())
	}
}

func TestUpsertPluginConfig(t *testing.T) {
	h := dbtest.Open(t)
	admin := agentUser(t, h, "user-admin")
	p, err := h.InstallSkill(agentCtx, agentSkill(admin, "o/r/s", "v1"))
	if err != nil {
		t.Fatal(err)
	}
	before, _ := h.Reader().GetPluginConfigByKey(agentCtx, db.GetPluginConfigByKeyParams{PluginID: p.ID, Key: "content"})
	after, err := h.Writer().UpsertPluginConfig(agentCtx, db.UpsertPluginConfigParams{
		ID: compassdb.NewID(), PluginID: p.ID, Key: "content", Value: "v2", UpdatedAt: dbtypes.Now(),
	})
	if err != nil || after.ID != before.ID || after.Value != "v2" {
		t.Errorf("upsert of an existing key = %+v, %v (was %+v)", after, err, before)
	}
	if n := agentCount(t, h, `SELECT COUNT(*) FROM plugin_config WHERE plugin_id = ?`, p.ID); n != 1 {
		t.Errorf("%d config rows, want 1", n)
	}
}

// SetPluginStatus writes the status and who enabled it when, and nothing else of the row.
func TestSetPluginStatus(t *testing.T) {
	h := dbtest.Open(t)
	admin := agentUser(t, h, "user-admin")
	w := h.Writer()
	installed := agentTS(t, "2026-01-01T00:00:00.000Z")
	mk := func(id string) db.Plugin {
		t.Helper()
		p, err := w.CreatePlugin(agentCtx, db.CreatePluginParams{
			ID: id, Name: "Plugin " + id, Description: ptr("about " + id), Version: "1.0.0", Source: "@compass/" + id,
			SourceType: dbtypes.PluginSourceTypeNpm, Capabilities: dbtypes.Capabilities{dbtypes.CapabilityTools},
			Status: dbtypes.PluginStatusDisabled, StatusReason: ptr("installed"), InstalledAt: installed, UpdatedAt: installed,
		})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	p1, p2 := mk("p1"), mk("p2")

	enabledAt := agentTS(t, "2026-01-02T00:00:00.000Z")
	got, err := w.SetPluginStatus(agentCtx, db.SetPluginStatusParams{
		Status: dbtypes.PluginStatusEnabled, EnabledBy: &admin, EnabledAt: &enabledAt, UpdatedAt: enabledAt, ID: "p1",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := p1
	want.Status, want.EnabledBy, want.EnabledAt, want.UpdatedAt = dbtypes.PluginStatusEnabled, &admin, &enabledAt, enabledAt
	if !reflect.DeepEqual(got, want) {
		t.Errorf("enabled p1 = %+v, want %+v", got, want)
	}

	// Disabling with no one and no time clears both.
	disabledAt := agentTS(t, "2026-01-03T00:00:00.000Z")
	got, err = w.SetPluginStatus(agentCtx, db.SetPluginStatusParams{Status: dbtypes.PluginStatusDisabled, UpdatedAt: disabledAt, ID: "p1"})
	if err != nil {
		t.Fatal(err)
	}
	want.Status, want.EnabledBy, want.EnabledAt, want.UpdatedAt = dbtypes.PluginStatusDisabled, nil, nil, disabledAt
	if stored, err := h.Reader().GetPlugin(agentCtx, "p1"); err != nil || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(stored, want) {
		t.Errorf("disabled p1 = %+v, stored %+v (%v); want %+v", got, stored, err, want)
	}

	if _, err := w.SetPluginStatus(agentCtx, db.SetPluginStatusParams{Status: dbtypes.PluginStatusEnabled, UpdatedAt: enabledAt, ID: "p-missing"}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("a missing plugin: %v, want ErrNotFound", err)
	}
	ghost := "user-ghost"
	if _, err := w.SetPluginStatus(agentCtx, db.SetPluginStatusParams{Status: dbtypes.PluginStatusEnabled, EnabledBy: &ghost, EnabledAt: &enabledAt, UpdatedAt: enabledAt, ID: "p2"}); !errors.Is(err, compassdb.ErrForeignKeyViolation) {
		t.Errorf("enabled by a missing user: %v, want ErrForeignKeyViolation", err)
	}
	if stored, err := h.Reader().GetPlugin(agentCtx, "p2"); err != nil || !reflect.DeepEqual(stored, p2) {
		t.Errorf("p2 changed: %+v, %v", stored, err)
	}
}
