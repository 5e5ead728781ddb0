package compassdb_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

func agentStr(s string) *string { return &s }

func agentSetModel(t *testing.T, h *compassdb.DB, by, model, completion string) db.AgentConfig {
	t.Helper()
	cfg, err := h.Writer().UpsertAgentConfigModel(agentCtx, db.UpsertAgentConfigModelParams{
		ModelID: model, ModelName: "Model " + model, Provider: "Anthropic", PromptCost: "0.000003",
		CompletionCost: completion, ContextLength: 200000, UpdatedBy: by, UpdatedAt: dbtypes.Now(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func agentSetPolicy(t *testing.T, h *compassdb.DB, by string, ceiling *string, allow bool) db.AgentConfig {
	t.Helper()
	cfg, err := h.Writer().UpsertAgentConfigPolicy(agentCtx, db.UpsertAgentConfigPolicyParams{
		UpdatedBy: by, UpdatedAt: dbtypes.Now(), MaxCostPerMillion: ceiling, AllowUserSelection: allow,
	})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestAgentConfigUpsertsKeepEachOthersColumns(t *testing.T) {
	h := dbtest.Open(t)
	admin, other := agentUser(t, h, "user-admin"), agentUser(t, h, "user-other")
	if _, err := h.Reader().GetAgentConfig(agentCtx); !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatalf("config of an empty database: %v", err)
	}

	// A first policy write creates the row with the application's default model.
	cfg := agentSetPolicy(t, h, admin, agentStr("15"), false)
	want := db.AgentConfig{
		ID: "global", ModelID: compassdb.DefaultModelID, ModelName: "Default", Provider: "default",
		PromptCost: "0", CompletionCost: "0", ContextLength: 0, UpdatedBy: admin, UpdatedAt: cfg.UpdatedAt,
		MaxCostPerMillion: cfg.MaxCostPerMillion, AllowUserSelection: false,
	}
	if cfg != want || *cfg.MaxCostPerMillion != "15" {
		t.Errorf("first policy write = %+v, want %+v", cfg, want)
	}

	// The model write keeps the policy columns …
	cfg = agentSetModel(t, h, other, "anthropic/claude", "0.000015")
	if cfg.ModelID != "anthropic/claude" || cfg.CompletionCost != "0.000015" || cfg.ContextLength != 200000 ||
		cfg.UpdatedBy != other || cfg.MaxCostPerMillion == nil || *cfg.MaxCostPerMillion != "15" || cfg.AllowUserSelection {
		t.Errorf("after model write = %+v", cfg)
	}
	// … and the policy write keeps the model columns.
	cfg = agentSetPolicy(t, h, admin, nil, true)
	if cfg.ModelID != "anthropic/claude" || cfg.ModelName != "Model anthropic/claude" || cfg.Provider != "Anthropic" ||
		cfg.PromptCost != "0.000003" || cfg.CompletionCost != "0.000015" || cfg.ContextLength != 200000 ||
		cfg.UpdatedBy != admin || cfg.MaxCostPerMillion != nil || !cfg.AllowUserSelection {
		t.Errorf("after policy write = %+v", cfg)
	}
	if got, err := h.Reader().GetAgentConfig(agentCtx); err != nil || got != cfg {
		t.Errorf("GetAgentConfig = %+v, %v; want %+v", got, err, cfg)
	}
}

func TestAgentConfigFirstModelWriteHasDefaultPolicy(t *testing.T) {
	h := dbtest.Open(t)
	cfg := agentSetModel(t, h, agentUser(t, h, "user-admin"), "openai/gpt", "0.00001")
	if cfg.MaxCostPerMillion != nil || !cfg.AllowUserSelection {
		t.Errorf("first model write = %+v, want no ceiling and selection allowed", cfg)
	}
}

func TestUserModelPreference(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	w, r := h.Writer(), h.Reader()
	if _, err := r.GetUserModelPreference(agentCtx, alice); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("preference before any: %v", err)
	}
	for _, model := range []string{"a/one", "b/two"} {
		if _, err := w.UpsertUserModelPreference(agentCtx, db.UpsertUserModelPreferenceParams{
			UserID: alice, ModelID: model, PromptCost: "0.000001", CompletionCost: "0.000002", UpdatedAt: dbtypes.Now(),
		}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.UpsertUserModelPreference(agentCtx, db.UpsertUserModelPreferenceParams{
		UserID: bob, ModelID: "c/three", PromptCost: "0", CompletionCost: "0", UpdatedAt: dbtypes.Now(),
	}); err != nil {
		t.Fatal(err)
	}
	if p, err := r.GetUserModelPreference(agentCtx, alice); err != nil || p.ModelID != "b/two" {
		t.Errorf("preference = %+v, %v", p, err)
	}
	if n, err := w.DeleteUserModelPreference(agentCtx, alice); err != nil || n != 1 {
		t.Errorf("delete = %d, %v", n, err)
	}
	if p, err := r.GetUserModelPreference(agentCtx, bob); err != nil || p.ModelID != "c/three" {
		t.Errorf("bob's preference after alice's delete = %+v, %v", p, err)
	}
}

func TestModelSelectionRules(t *testing.T) {
	h := dbtest.Open(t)
	admin, alice := agentUser(t, h, "user-admin"), agentUser(t, h, "user-alice")
	pref := func(model, completion string) db.UpsertUserModelPreferenceParams {
		return db.UpsertUserModelPreferenceParams{UserID: alice, ModelID: model, PromptCost: "0.000001", CompletionCost: completion, UpdatedAt: dbtypes.Now()}
	}
	effective := func() string {
		t.Helper()
		m, err := h.EffectiveModel(agentCtx, alice)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}

	if m := effective(); m != compassdb.DefaultModelID {
		t.Errorf("model with nothing configured = %q", m)
	}
	// Without a configuration row anyone may choose.
	if _, err := h.SetUserModelPreference(agentCtx, pref("cheap/one", "0.000002"), false); err != nil {
		t.Fatal(err)
	}
	if m := effective(); m != compassdb.DefaultModelID {
		t.Errorf("model with only a preference = %q, want the default", m)
	}
	agentSetModel(t, h, admin, "global/model", "0.000015")
	if m := effective(); m != "cheap/one" {
		t.Errorf("model with a preference = %q", m)
	}

	// A ceiling of 10 per million: 20 per million is refused, for admins too.
	agentSetPolicy(t, h, admin, agentStr("10"), true)
	for _, isAdmin := range []bool{false, true} {
		if _, err := h.SetUserModelPreference(agentCtx, pref("dear/two", "0.00002"), isAdmin); !errors.Is(err, compassdb.ErrModelOverCeiling) {
			t.Errorf("model over the ceiling (admin %v): %v", isAdmin, err)
		}
	}
	if m := effective(); m != "cheap/one" {
		t.Errorf("a refused preference changed the model to %q", m)
	}
	// A preference saved before the ceiling was lowered gives way to the global model.
	agentSetPolicy(t, h, admin, agentStr("1"), true)
	if m := effective(); m != "global/model" {
		t.Errorf("model over a lowered ceiling = %q, want global/model", m)
	}

	// Selection turned off: refused for users, allowed for admins; an existing preference
	// is not re-checked.
	agentSetPolicy(t, h, admin, nil, false)
	if m := effective(); m != "cheap/one" {
		t.Errorf("model with selection off = %q, want the existing preference", m)
	}
	if _, err := h.SetUserModelPreference(agentCtx, pref("other/three", "0.000002"), false); !errors.Is(err, compassdb.ErrModelSelectionDisabled) {
		t.Errorf("user choice with selection off: %v", err)
	}
	if p, err := h.SetUserModelPreference(agentCtx, pref("other/three", "0.000002"), true); err != nil || p.ModelID != "other/three" {
		t.Errorf("admin choice with selection off: %+v, %v", p, err)
	}

	// A price that is not a number is an error, not a silent pass.
	if _, err := h.WriteDB().Exec(`UPDATE agent_config SET max_cost_per_million = 'ten'`); err != nil {
		t.Fatal(err)
	}
	var invalid *dbtypes.InvalidValueError
	if _, err := h.SetUserModelPreference(agentCtx, pref("x/y", "0.000002"), true); !errors.As(err, &invalid) {
		t.Errorf("ceiling 'ten': %v", err)
	}

	// The upsert is the transaction's last step: when it fails nothing changes.
	if _, err := h.WriteDB().Exec(`UPDATE agent_config SET max_cost_per_million = NULL`); err != nil {
		t.Fatal(err)
	}
	agentFailOn(t, h, "UPDATE", "user_model_preference")
	if _, err := h.SetUserModelPreference(agentCtx, pref("x/y", "0.000002"), true); !agentInjected(err) {
		t.Errorf("failing upsert: %v", err)
	}
	if m := effective(); m != "other/three" {
		t.Errorf("model after a failed save = %q", m)
	}
}

func TestRecordUsage(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")

	// Nothing configured: cost 0. The conversation does not exist yet and is created.
	u, err := h.RecordUsage(agentCtx, compassdb.Usage{ConversationID: "conv-new", UserID: alice, ModelID: "a/b", PromptTokens: 10, CompletionTokens: 5, TotalTokens: 15})
	if err != nil || u.EstimatedCost != "0.00000000" || u.TotalTokens != 15 {
		t.Fatalf("usage = %+v, %v", u, err)
	}
	conv, err := h.Reader().GetAgentConversation(agentCtx, db.GetAgentConversationParams{ID: "conv-new", UserID: alice})
	if err != nil || conv.Title != nil {
		t.Errorf("conversation created for usage = %+v, %v", conv, err)
	}
	// The later save of the conversation adopts the row.
	if _, err := h.ReplaceConversation(agentCtx, compassdb.ConversationSave{ID: "conv-new", UserID: alice}); err != nil {
		t.Errorf("save after usage: %v", err)
	}

	// Priced with the global model: 1000 × 0.000003 + 500 × 0.000015 = 0.0105.
	agentSetModel(t, h, alice, "global/model", "0.000015")
	u, err = h.RecordUsage(agentCtx, compassdb.Usage{ConversationID: "conv-new", UserID: alice, ModelID: "user/model", PromptTokens: 1000, CompletionTokens: 500, TotalTokens: 1500})
	if err != nil || u.EstimatedCost != "0.01050000" || u.ModelID != "user/model" {
		t.Errorf("priced usage = %+v, %v", u, err)
	}

	// Another user's conversation is refused.
	if _, err := h.RecordUsage(agentCtx, compassdb.Usage{ConversationID: "conv-new", UserID: bob, ModelID: "a/b"}); !errors.Is(err, compassdb.ErrNotOwner) {
		t.Errorf("usage on another user's conversation: %v", err)
	}
	// A failing insert undoes the conversation it created.
	agentFailOn(t, h, "INSERT", "agent_usage")
	if _, err := h.RecordUsage(agentCtx, compassdb.Usage{ConversationID: "conv-2", UserID: alice, ModelID: "a/b"}); !agentInjected(err) {
		t.Errorf("failing usage insert: %v", err)
	}
	if _, err := h.Reader().GetAgentConversation(agentCtx, db.GetAgentConversationParams{ID: "conv-2", UserID: alice}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("conversation of a failed usage record: %v", err)
	}
	if n := agentCount(t, h, `SELECT COUNT(*) FROM agent_usage`); n != 2 {
		t.Errorf("%d usage rows, want 2", n)
	}
}

// agentUsageRows inserts usage rows: user, conversation, model, tokens, cost, created_at.
func agentUsageRows(t *testing.T, h *compassdb.DB, rows [][6]string) {
	t.Helper()
	w := h.Writer()
	for i, r := range rows {
		if _, err := w.EnsureAgentConversation(agentCtx, db.EnsureAgentConversationParams{ID: r[1], UserID: r[0], CreatedAt: agentTS(t, r[5])}); err != nil {
			t.Fatal(err)
		}
		var tokens int64
		for _, c := range r[3] {
			tokens = tokens*10 + int64(c-'0')
		}
		if _, err := w.CreateAgentUsage(agentCtx, db.CreateAgentUsageParams{
			ID: "usage-" + string(rune('a'+i)), ConversationID: r[1], UserID: r[0], ModelID: r[2],
			TotalTokens: tokens, PromptTokens: tokens, EstimatedCost: r[4], CreatedAt: agentTS(t, r[5]),
		}); err != nil {
			t.Fatal(err)
		}
	}
}

func agentNear(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestUsageAggregates(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	agentUsageRows(t, h, [][6]string{
		{alice, "c1", "m/old", "999", "9.00000000", "2026-01-10T00:00:00.000Z"}, // before the window
		{alice, "c1", "m/b", "100", "0.00100000", "2026-01-31T23:59:59.999Z"},
		{alice, "c1", "m/a", "200", "0.00200000", "2026-02-01T00:00:00.000Z"},
		{bob, "c2", "m/b", "300", "0.00300000", "2026-02-01T10:00:00.000Z"},
		{bob, "c2", "m/a", "400", "0.00400000", "2026-02-03T10:00:00.000Z"},
		{alice, "c1", "m/c", "500", "0.00500000", "2026-02-03T11:00:00.000Z"},
	})
	since := agentTS(t, "2026-01-31T00:00:00.000Z")
	r := h.Reader()

	tot, err := r.SumUsageSince(agentCtx, since)
	if err != nil || tot.Requests != 5 || tot.TotalTokens != 1500 || !agentNear(tot.Cost, 0.015) {
		t.Errorf("totals = %+v, %v", tot, err)
	}
	empty, err := r.SumUsageSince(agentCtx, agentTS(t, "2027-01-01T00:00:00.000Z"))
	if err != nil || empty != (db.SumUsageSinceRow{}) {
		t.Errorf("totals of an empty window = %+v, %v", empty, err)
	}

	// Rows as "group requests tokens cost", the cost rounded as the app shows it.
	show := func(group string, requests, tokens int64, cost float64) string {
		return fmt.Sprintf("%s %d %d %s", group, requests, tokens, strconv.FormatFloat(cost, 'f', 4, 64))
	}
	daily, err := r.ListUsageByDay(agentCtx, since)
	if err != nil {
		t.Fatal(err)
	}
	got := agentIDs(daily, func(d db.ListUsageByDayRow) string { return show(d.Day, d.Requests, d.TotalTokens, d.Cost) })
	if want := []string{"2026-01-31 1 100 0.0010", "2026-02-01 2 500 0.0050", "2026-02-03 2 900 0.0090"}; !slices.Equal(got, want) {
		t.Errorf("daily = %q, want %q", got, want)
	}

	byModel, err := r.ListUsageByModel(agentCtx, since)
	if err != nil {
		t.Fatal(err)
	}
	got = agentIDs(byModel, func(m db.ListUsageByModelRow) string { return show(m.ModelID, m.Requests, m.TotalTokens, m.Cost) })
	if want := []string{"m/a 2 600 0.0060", "m/b 2 400 0.0040", "m/c 1 500 0.0050"}; !slices.Equal(got, want) {
		t.Errorf("by model = %q, want %q", got, want)
	}

	perMonth, err := r.ListUsageCostByUserMonth(agentCtx, agentTS(t, "2026-01-01T00:00:00.000Z"))
	if err != nil {
		t.Fatal(err)
	}
	got = agentIDs(perMonth, func(m db.ListUsageCostByUserMonthRow) string {
		return show(m.UserID+" "+m.Month, m.Requests, m.TotalTokens, m.Cost)
	})
	if want := []string{"user-alice 2026-01 2 1099 9.0010", "user-alice 2026-02 2 700 0.0070", "user-bob 2026-02 2 700 0.0070"}; !slices.Equal(got, want) {
		t.Errorf("per user per month = %q, want %q", got, want)
	}
}

func TestUsageLists(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	agentUsageRows(t, h, [][6]string{
		{alice, "c1", "m", "1", "0", "2026-02-01T00:00:00.000Z"}, // usage-a
		{alice, "c1", "m", "1", "0", "2026-02-02T00:00:00.000Z"}, // usage-b
		{alice, "c2", "m", "1", "0", "2026-02-02T00:00:00.000Z"}, // usage-c
		{alice, "c1", "m", "1", "0", "2026-02-02T00:00:00.000Z"}, // usage-d
		{bob, "c3", "m", "1", "0", "2026-02-05T00:00:00.000Z"},   // usage-e
	})
	// An admin may see another user's row in alice's conversation; alice only her own.
	if _, err := h.Writer().CreateAgentUsage(agentCtx, db.CreateAgentUsageParams{
		ID: "usage-bob-in-c1", ConversationID: "c1", UserID: bob, ModelID: "m", EstimatedCost: "0", CreatedAt: agentTS(t, "2026-02-03T00:00:00.000Z"),
	}); err != nil {
		t.Fatal(err)
	}
	usageID := func(u db.AgentUsage) string { return u.ID }
	r := h.Reader()

	all, _ := r.ListAgentUsageByConversation(agentCtx, "c1")
	if ids := agentIDs(all, usageID); !slices.Equal(ids, []string{"usage-bob-in-c1", "usage-d", "usage-b", "usage-a"}) {
		t.Errorf("admin's usage of c1 = %v", ids)
	}
	own, _ := r.ListAgentUsageByConversationForUser(agentCtx, db.ListAgentUsageByConversationForUserParams{ConversationID: "c1", UserID: alice})
	if ids := agentIDs(own, usageID); !slices.Equal(ids, []string{"usage-d", "usage-b", "usage-a"}) {
		t.Errorf("alice's usage of c1 = %v", ids)
	}

	want := []string{"usage-d", "usage-c", "usage-b", "usage-a"}
	page, err := r.ListAgentUsageByUser(agentCtx, db.ListAgentUsageByUserParams{UserID: alice, PageSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	got := agentIDs(page, usageID)
	last := page[len(page)-1]
	page, err = r.ListAgentUsageByUserBefore(agentCtx, db.ListAgentUsageByUserBeforeParams{UserID: alice, BeforeCreatedAt: last.CreatedAt, BeforeID: last.ID, PageSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got = append(got, agentIDs(page, usageID)...); !slices.Equal(got, want) {
		t.Errorf("alice's usage pages = %v, want %v", got, want)
	}
}

// Every usage query reads agent_usage through one of its indexes, never in full.
func TestUsageQueryPlans(t *testing.T) {
	h := dbtest.Open(t)
	since := agentTS(t, "2026-01-01T00:00:00.000Z")
	const byCreated, byUser, byConversation = "agent_usage_created_idx", "agent_usage_user_created_idx", "agent_usage_conversation_created_idx"
	for name, c := range map[string]struct {
		call    func(q *db.Queries) error
		indexes []string
	}{
		"SumUsageSince":              {func(q *db.Queries) error { _, err := q.SumUsageSince(agentCtx, since); return err }, []string{byCreated}},
		"ListUsageByDay":               {func(q *db.Queries) error { _, err := q.ListUsageByDay(agentCtx, since); return err }, []string{byCreated}},
		"ListUsageByModel":             {func(q *db.Queries) error { _, err := q.ListUsageByModel(agentCtx, since); return err }, []string{byCreated}},
		"ListUsageCostByUserMonth": {func(q *db.Queries) error { _, err := q.ListUsageCostByUserMonth(agentCtx, since); return err }, []string{byCreated}},
		"ListAgentUsageByConversation": {func(q *db.Queries) error {
			_, err := q.ListAgentUsageByConversation(agentCtx, "c1")
			return err
		}, []string{byConversation}},
		"ListAgentUsageByConversationForUser": {func(q *db.Queries) error {
			_, err := q.ListAgentUsageByConversationForUser(agentCtx, db.ListAgentUsageByConversationForUserParams{ConversationID: "c1", UserID: "u"})
			return err
		}, []string{byConversation, byUser}},
		"ListAgentUsageByUser": {func(q *db.Queries) error {
			_, err := q.ListAgentUsageByUser(agentCtx, db.ListAgentUsageByUserParams{UserID: "u", PageSize: 10})
			return err
		}, []string{byUser}},
		"ListAgentUsageByUserBefore": {func(q *db.Queries) error {
			_, err := q.ListAgentUsageByUserBefore(agentCtx, db.ListAgentUsageByUserBeforeParams{UserID: "u", BeforeCreatedAt: since, BeforeID: "x", PageSize: 10})
			return err
		}, []string{byUser}},
	} {
		t.Run(name, func(t *testing.T) {
			agentAssertIndex(t, agentPlan(t, h, c.call), "agent_usage", c.indexes...)
		})
	}
}
