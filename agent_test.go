package compassdb_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// Helpers shared by the tests of the assistant's tables (agent_test.go, ai_config_test.go,
// plugins_test.go, themes_test.go, dashboards_test.go).

var agentCtx = context.Background()

// agentUser inserts a user with the given id.
func agentUser(t *testing.T, h *compassdb.DB, id string) string {
	t.Helper()
	now := dbtypes.Now()
	if _, err := h.Writer().CreateUser(agentCtx, db.CreateUserParams{
		ID: id, Email: id + "@example.com", Role: dbtypes.UserRoleOffice, IsActive: true,
		CreatedAt: now, UpdatedAt: now,
	}); err != nil {
		t.Fatalf("create user %s: %v", id, err)
	}
	return id
}

// agentFailOn makes every later `op` (INSERT, UPDATE or DELETE) on table fail, so that a
// test can break a late step of a transaction and check that the earlier ones are undone.
func agentFailOn(t *testing.T, h *compassdb.DB, op, table string) {
	t.Helper()
	name := fmt.Sprintf("test_fail_%s_%s", strings.ToLower(op), table)
	if _, err := h.WriteDB().Exec(fmt.Sprintf(
		`CREATE TRIGGER %s BEFORE %s ON %s BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
		name, op, table)); err != nil {
		t.Fatal(err)
	}
}

// agentInjected reports whether err is the failure that agentFailOn injects.
func agentInjected(err error) bool {
	return err != nil && strings.Contains(err.Error(), "injected failure")
}

// agentCount runs a COUNT query on the write connection.
func agentCount(t *testing.T, h *compassdb.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := h.WriteDB().QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// agentTS parses a timestamp.
func agentTS(t *testing.T, s string) dbtypes.Timestamp {
	t.Helper()
	ts, err := dbtypes.ParseTimestamp(s)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// agentCapture is a db.DBTX that remembers the last statement sent through it, so that a
// test can EXPLAIN exactly what a generated query runs.
type agentCapture struct {
	db.DBTX
	query string
	args  []any
}

func (c *agentCapture) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.query, c.args = query, args
	return c.DBTX.QueryContext(ctx, query, args...)
}

func (c *agentCapture) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	c.query, c.args = query, args
	return c.DBTX.QueryRowContext(ctx, query, args...)
}

func (c *agentCapture) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	c.query, c.args = query, args
	return c.DBTX.ExecContext(ctx, query, args...)
}

// agentPlan runs call against a capturing DBTX and returns the query plan of the
// statement it sent.
func agentPlan(t *testing.T, h *compassdb.DB, call func(q *db.Queries) error) []string {
	t.Helper()
	c := &agentCapture{DBTX: h.ReadDB()}
	if err := call(db.New(c)); err != nil {
		t.Fatal(err)
	}
	return dbtest.QueryPlan(t, h.ReadDB(), c.query, c.args...)
}

// agentAssertIndex fails unless the plan searches table with one of the indexes; table is
// the name the plan shows, the alias if the query gives one.
func agentAssertIndex(t *testing.T, plan []string, table string, indexes ...string) {
	t.Helper()
	dbtest.AssertNoScan(t, plan, table)
	for _, step := range plan {
		for _, index := range indexes {
			if strings.HasPrefix(step, "SEARCH "+table+" USING ") && strings.Contains(step, " INDEX "+index+" ") {
				return
			}
		}
	}
	t.Errorf("plan does not search %s with %v: %q", table, indexes, plan)
}

func agentIDs[T any](rows []T, id func(T) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

func messageID(m db.AgentMemory) string { return m.ID }
func memoryID(m db.SlabMemory) string   { return m.ID }

// ---- Conversations -------------------------------------------------------------------

func agentMessages(at dbtypes.Timestamp, ids ...string) []compassdb.ConversationMessage {
	var ms []compassdb.ConversationMessage
	for i, id := range ids {
		role := dbtypes.MessageRoleUser
		if i%2 == 1 {
			role = dbtypes.MessageRoleAssistant
		}
		ms = append(ms, compassdb.ConversationMessage{
			ID: id, Role: role, Content: "text of " + id, CreatedAt: at,
			Parts: dbtypes.MessageParts{{"type": []byte(`"text"`), "text": []byte(`"text of ` + id + `"`)}},
		})
	}
	return ms
}

func TestReplaceConversation(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	stamp := agentTS(t, "2026-02-04T12:00:00.000Z")

	// Every message shares one created_at, and the ids do not sort in message order.
	order := []string{"msg-c", "msg-a", "msg-d", "msg-b"}
	conv, err := h.ReplaceConversation(agentCtx, compassdb.ConversationSave{
		ID: "conv-1", UserID: alice, Messages: agentMessages(stamp, order...),
	})
	if err != nil {
		t.Fatal(err)
	}
	if conv.UserID != alice || conv.Title != nil || conv.CreatedAt != conv.LastMessageAt {
		t.Errorf("created conversation = %+v", conv)
	}
	msgs, err := h.Reader().ListConversationMessages(agentCtx, db.ListConversationMessagesParams{ConversationID: "conv-1", UserID: alice})
	if err != nil {
		t.Fatal(err)
	}
	if got := agentIDs(msgs, messageID); !slices.Equal(got, order) {
		t.Errorf("message order = %v, want %v", got, order)
	}
	if msgs[1].Role != dbtypes.MessageRoleAssistant || msgs[1].Metadata == nil || (*msgs[1].Metadata)[0].Type() != "text" || msgs[1].UserID != alice {
		t.Errorf("message = %+v", msgs[1])
	}

	// A second save replaces the messages, moves last_message_at, keeps created_at and
	// sets the title; a later save without a title keeps it.
	time.Sleep(2 * time.Millisecond)
	title := "Roof estimate"
	order2 := []string{"msg-b", "msg-e", "msg-a"}
	conv2, err := h.ReplaceConversation(agentCtx, compassdb.ConversationSave{
		ID: "conv-1", UserID: alice, Title: &title, Messages: agentMessages(dbtypes.Timestamp{}, order2...),
	})
	if err != nil {
		t.Fatal(err)
	}
	if conv2.CreatedAt != conv.CreatedAt || !conv2.LastMessageAt.After(conv.LastMessageAt.Time) || conv2.Title == nil || *conv2.Title != title {
		t.Errorf("updated conversation = %+v (was %+v)", conv2, conv)
	}
	msgs, _ = h.Reader().ListConversationMessages(agentCtx, db.ListConversationMessagesParams{ConversationID: "conv-1", UserID: alice})
	if got := agentIDs(msgs, messageID); !slices.Equal(got, order2) {
		t.Errorf("message order after replace = %v, want %v", got, order2)
	}
	if msgs[0].CreatedAt != conv2.LastMessageAt {
		t.Errorf("a message without a time stamp got %v, want the save's time %v", msgs[0].CreatedAt, conv2.LastMessageAt)
	}
	conv3, err := h.ReplaceConversation(agentCtx, compassdb.ConversationSave{ID: "conv-1", UserID: alice, Messages: agentMessages(stamp, order2...)})
	if err != nil || conv3.Title == nil || *conv3.Title != title {
		t.Errorf("save without title: %+v, %v", conv3, err)
	}

	// Another user cannot take over the id: nothing changes.
	_, err = h.ReplaceConversation(agentCtx, compassdb.ConversationSave{
		ID: "conv-1", UserID: bob, Messages: agentMessages(stamp, "msg-x"),
	})
	if !errors.Is(err, compassdb.ErrNotOwner) {
		t.Fatalf("save of another user's conversation: %v, want ErrNotOwner", err)
	}
	after, err := h.Reader().GetAgentConversation(agentCtx, db.GetAgentConversationParams{ID: "conv-1", UserID: alice})
	if err != nil || !reflect.DeepEqual(after, conv3) {
		t.Errorf("conversation after foreign save = %+v, %v; want %+v", after, err, conv3)
	}
	if n := agentCount(t, h, `SELECT COUNT(*) FROM agent_memories WHERE conversation_id = 'conv-1'`); n != len(order2) {
		t.Errorf("%d messages after foreign save, want %d", n, len(order2))
	}
}

func TestReplaceConversationRollback(t *testing.T) {
	h := dbtest.Open(t)
	alice := agentUser(t, h, "user-alice")
	stamp := agentTS(t, "2026-02-04T12:00:00.000Z")
	before, err := h.ReplaceConversation(agentCtx, compassdb.ConversationSave{ID: "conv-1", UserID: alice, Messages: agentMessages(stamp, "m1", "m2")})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Millisecond)

	// The third message repeats an id: its insert fails after the upsert, the delete and
	// two inserts.
	title := "new title"
	_, err = h.ReplaceConversation(agentCtx, compassdb.ConversationSave{
		ID: "conv-1", UserID: alice, Title: &title, Messages: agentMessages(stamp, "m3", "m4", "m3"),
	})
	if !errors.Is(err, compassdb.ErrUniqueViolation) {
		t.Fatalf("save with a repeated message id: %v, want ErrUniqueViolation", err)
	}
	after, err := h.Reader().GetAgentConversation(agentCtx, db.GetAgentConversationParams{ID: "conv-1", UserID: alice})
	if err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("conversation after failed save = %+v, %v; want %+v", after, err, before)
	}
	msgs, _ := h.Reader().ListConversationMessages(agentCtx, db.ListConversationMessagesParams{ConversationID: "conv-1", UserID: alice})
	if got := agentIDs(msgs, messageID); !slices.Equal(got, []string{"m1", "m2"}) {
		t.Errorf("messages after failed save = %v, want [m1 m2]", got)
	}

	// A failed first save leaves no conversation behind.
	_, err = h.ReplaceConversation(agentCtx, compassdb.ConversationSave{ID: "conv-2", UserID: alice, Messages: agentMessages(stamp, "n1", "n1")})
	if err == nil {
		t.Fatal("save with a repeated message id succeeded")
	}
	if _, err := h.Reader().GetAgentConversation(agentCtx, db.GetAgentConversationParams{ID: "conv-2", UserID: alice}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("conversation of a failed first save: %v, want ErrNotFound", err)
	}
}

func TestConversationsAreScopedToTheOwner(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	stamp := agentTS(t, "2026-02-04T12:00:00.000Z")
	if _, err := h.ReplaceConversation(agentCtx, compassdb.ConversationSave{ID: "conv-1", UserID: alice, Messages: agentMessages(stamp, "m1", "m2")}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.RecordUsage(agentCtx, compassdb.Usage{ConversationID: "conv-1", UserID: alice, ModelID: "a/b", TotalTokens: 3}); err != nil {
		t.Fatal(err)
	}
	r, w := h.Reader(), h.Writer()

	if msgs, err := r.ListConversationMessages(agentCtx, db.ListConversationMessagesParams{ConversationID: "conv-1", UserID: bob}); err != nil || len(msgs) != 0 {
		t.Errorf("bob loads alice's messages: %d, %v", len(msgs), err)
	}
	if _, err := r.GetAgentConversation(agentCtx, db.GetAgentConversationParams{ID: "conv-1", UserID: bob}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob gets alice's conversation: %v", err)
	}
	if n, err := w.DeleteConversationMessages(agentCtx, db.DeleteConversationMessagesParams{ConversationID: "conv-1", UserID: bob}); err != nil || n != 0 {
		t.Errorf("bob deletes alice's messages: %d, %v", n, err)
	}
	if n, err := w.DeleteAgentConversation(agentCtx, db.DeleteAgentConversationParams{ID: "conv-1", UserID: bob}); err != nil || n != 0 {
		t.Errorf("bob deletes alice's conversation: %d, %v", n, err)
	}
	if n := agentCount(t, h, `SELECT COUNT(*) FROM agent_memories`); n != 2 {
		t.Fatalf("%d messages left, want 2", n)
	}

	// The owner's delete takes the messages and the usage rows with it.
	if n, err := w.DeleteAgentConversation(agentCtx, db.DeleteAgentConversationParams{ID: "conv-1", UserID: alice}); err != nil || n != 1 {
		t.Fatalf("alice deletes her conversation: %d, %v", n, err)
	}
	for _, table := range []string{"agent_conversations", "agent_memories", "agent_usage"} {
		if n := agentCount(t, h, `SELECT COUNT(*) FROM `+table); n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
}

func TestListRecentAgentConversations(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	w := h.Writer()
	base := agentTS(t, "2026-01-01T00:00:00.000Z")
	var want []string
	for i := range 23 {
		id := fmt.Sprintf("conv-%02d", i)
		at := dbtypes.NewTimestamp(base.Add(time.Duration(i%12) * time.Hour)) // ties between i and i+12
		if _, err := w.UpsertAgentConversation(agentCtx, db.UpsertAgentConversationParams{
			ID: id, UserID: alice, LastMessageAt: at, CreatedAt: base,
		}); err != nil {
			t.Fatal(err)
		}
		want = append(want, id)
	}
	// A newer conversation of another user stays out.
	if _, err := w.UpsertAgentConversation(agentCtx, db.UpsertAgentConversationParams{
		ID: "conv-bob", UserID: bob, LastMessageAt: dbtypes.Now(), CreatedAt: base,
	}); err != nil {
		t.Fatal(err)
	}
	// Newest first, ties by id descending (conv-10 and conv-22 share hour 10, …).
	slices.SortFunc(want, func(a, b string) int {
		var ia, ib int
		fmt.Sscanf(a, "conv-%d", &ia)
		fmt.Sscanf(b, "conv-%d", &ib)
		if ia%12 != ib%12 {
			return ib%12 - ia%12
		}
		return strings.Compare(b, a)
	})
	got, err := h.Reader().ListRecentAgentConversations(agentCtx, alice)
	if err != nil {
		t.Fatal(err)
	}
	if ids := agentIDs(got, func(r db.ListRecentAgentConversationsRow) string { return r.ID }); !slices.Equal(ids, want[:20]) {
		t.Errorf("recent = %v, want %v", ids, want[:20])
	}
	plan := agentPlan(t, h, func(q *db.Queries) error { _, err := q.ListRecentAgentConversations(agentCtx, alice); return err })
	agentAssertIndex(t, plan, "agent_conversations", "agent_conversations_user_last_message_idx")
}

func TestListConversationMessagesPage(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	stamp := agentTS(t, "2026-02-04T12:00:00.000Z")
	order := []string{"m5", "m3", "m1", "m4", "m2"}
	if _, err := h.ReplaceConversation(agentCtx, compassdb.ConversationSave{ID: "conv-1", UserID: alice, Messages: agentMessages(stamp, order...)}); err != nil {
		t.Fatal(err)
	}
	page := func(user, after string) []string {
		t.Helper()
		ms, err := h.Reader().ListConversationMessagesPage(agentCtx, db.ListConversationMessagesPageParams{
			ConversationID: "conv-1", UserID: user, AfterID: after, PageSize: 2,
		})
		if err != nil {
			t.Fatal(err)
		}
		return agentIDs(ms, messageID)
	}
	var got []string
	for after := ""; ; {
		p := page(alice, after)
		if len(p) == 0 {
			break
		}
		got = append(got, p...)
		after = p[len(p)-1]
	}
	if !slices.Equal(got, order) {
		t.Errorf("pages = %v, want %v", got, order)
	}
	if p := page(bob, ""); len(p) != 0 {
		t.Errorf("bob's page of alice's conversation = %v", p)
	}
	if p := page(alice, "no-such-message"); len(p) != 0 {
		t.Errorf("page after an unknown message = %v", p)
	}
	plan := agentPlan(t, h, func(q *db.Queries) error {
		_, err := q.ListConversationMessages(agentCtx, db.ListConversationMessagesParams{ConversationID: "conv-1", UserID: alice})
		return err
	})
	agentAssertIndex(t, plan, "m", "agent_memories_conversation_created_idx")
	if slices.ContainsFunc(plan, func(step string) bool { return strings.Contains(step, "TEMP B-TREE") }) {
		t.Errorf("messages are sorted, not read in index order: %q", plan)
	}
}

// ---- Slab memories -------------------------------------------------------------------

// agentMemory inserts a memory with the given fields.
func agentMemory(t *testing.T, h *compassdb.DB, user, id, content string, importance float64, created dbtypes.Timestamp) db.SlabMemory {
	t.Helper()
	m, err := h.Writer().CreateFreshSlabMemory(agentCtx, db.CreateFreshSlabMemoryParams{
		ID: id, UserID: user, Content: content, MemoryType: dbtypes.MemoryTypeFact,
		Importance: importance, CreatedAt: created,
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSlabMemoryPages(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	// Three share a created_at, so the id decides between them.
	for i, at := range []string{"2026-01-01T00:00:00.000Z", "2026-01-03T00:00:00.000Z", "2026-01-03T00:00:00.000Z", "2026-01-03T00:00:00.000Z", "2026-01-02T00:00:00.000Z"} {
		agentMemory(t, h, alice, fmt.Sprintf("mem-%d", i), "fact", 0.7, agentTS(t, at))
	}
	agentMemory(t, h, bob, "mem-bob", "fact", 0.7, agentTS(t, "2026-01-02T12:00:00.000Z"))
	want := []string{"mem-3", "mem-2", "mem-1", "mem-4", "mem-0"}

	r := h.Reader()
	all, err := r.ListSlabMemoriesByUser(agentCtx, db.ListSlabMemoriesByUserParams{UserID: alice, PageSize: -1})
	if err != nil {
		t.Fatal(err)
	}
	if got := agentIDs(all, memoryID); !slices.Equal(got, want) {
		t.Errorf("all = %v, want %v", got, want)
	}
	got, err := r.ListSlabMemoriesByUser(agentCtx, db.ListSlabMemoriesByUserParams{UserID: alice, PageSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	for len(got) < len(want) {
		last := got[len(got)-1]
		next, err := r.ListSlabMemoriesByUserBefore(agentCtx, db.ListSlabMemoriesByUserBeforeParams{
			UserID: alice, BeforeCreatedAt: last.CreatedAt, BeforeID: last.ID, PageSize: 2,
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(next) == 0 {
			break
		}
		got = append(got, next...)
	}
	if ids := agentIDs(got, memoryID); !slices.Equal(ids, want) {
		t.Errorf("pages = %v, want %v", ids, want)
	}
	if n, err := r.CountSlabMemoriesByUser(agentCtx, alice); err != nil || n != 5 {
		t.Errorf("count = %d, %v", n, err)
	}
	plan := agentPlan(t, h, func(q *db.Queries) error {
		_, err := q.ListSlabMemoriesByUserBefore(agentCtx, db.ListSlabMemoriesByUserBeforeParams{
			UserID: alice, BeforeCreatedAt: all[0].CreatedAt, BeforeID: "x", PageSize: 2,
		})
		return err
	})
	agentAssertIndex(t, plan, "slab_memories", "slab_memories_user_created_idx")
}

func TestTouchMemories(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	created := agentTS(t, "2026-01-01T00:00:00.000Z")
	for _, id := range []string{"m1", "m2", "m3"} {
		agentMemory(t, h, alice, id, "fact "+id, 0.7, created)
	}
	agentMemory(t, h, bob, "b1", "bob's fact", 0.7, created)
	at := agentTS(t, "2026-02-01T10:00:00.000Z")

	// One statement, twice, through the generated query; bob's id in the list is ignored.
	counter := dbtest.Count(h.WriteDB())
	for range 2 {
		n, err := db.New(counter).TouchSlabMemories(agentCtx, db.TouchSlabMemoriesParams{AccessedAt: &at, UserID: alice, IDs: []string{"m1", "m2", "b1"}})
		if err != nil || n != 2 {
			t.Fatalf("touch = %d, %v; want 2", n, err)
		}
	}
	if counter.Statements() != 2 {
		t.Errorf("two touches took %d statements", counter.Statements())
	}
	if n, err := h.TouchMemories(agentCtx, alice, []string{"m2"}, at.Time); err != nil || n != 1 {
		t.Errorf("TouchMemories = %d, %v", n, err)
	}
	for id, want := range map[string]int64{"m1": 2, "m2": 3, "m3": 0, "b1": 0} {
		user := alice
		if id == "b1" {
			user = bob
		}
		m, err := h.Reader().GetSlabMemory(agentCtx, db.GetSlabMemoryParams{ID: id, UserID: user})
		if err != nil {
			t.Fatal(err)
		}
		touched := m.LastAccessedAt != nil && *m.LastAccessedAt == at
		if m.AccessCount != want || touched != (want > 0) {
			t.Errorf("%s: access_count %d, last_accessed_at %v; want %d touches", id, m.AccessCount, m.LastAccessedAt, want)
		}
	}
	if n, err := h.TouchMemories(agentCtx, alice, nil, at.Time); err != nil || n != 0 {
		t.Errorf("touch of no ids = %d, %v", n, err)
	}
}

func TestSearchMemoriesMatchesLiterally(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	created := agentTS(t, "2026-01-01T00:00:00.000Z")
	agentMemory(t, h, alice, "budget", "budget is 500 dollars", 0.7, created)
	agentMemory(t, h, alice, "coverage", "coverage is 50% done", 0.7, created)
	agentMemory(t, h, alice, "axb", "axb is a placeholder", 0.7, created)
	agentMemory(t, h, alice, "a_b", "the a_b token", 0.7, created)
	agentMemory(t, h, alice, "path", `stored under c:\dir`, 0.7, created)
	tagged := agentMemory(t, h, alice, "tagged", "framing starts monday", 0.9, created)
	if _, err := h.Writer().UpdateSlabMemoryContent(agentCtx, db.UpdateSlabMemoryContentParams{
		ID: tagged.ID, UserID: alice, Content: tagged.Content, MemoryType: tagged.MemoryType,
		Tags: compassdb.NormalizeTags(" Roof, ,PITCH "), Importance: tagged.Importance,
	}); err != nil {
		t.Fatal(err)
	}
	agentMemory(t, h, bob, "bob-50", "bob is 50% sure", 0.7, created)

	now := created.Add(24 * time.Hour)
	for query, want := range map[string][]string{
		"50%":          {"coverage"},
		"a_b":          {"a_b"},
		`c:\dir`:       {"path"},
		`c:\d`:         {"path"},
		"ROOF":         {"tagged"},           // tags, case-insensitively
		"budget pitch": {"tagged", "budget"}, // any term; ranked by score
		"is a b":       {},                   // terms of two characters or less are ignored
		"xyz":          {},
	} {
		got, err := h.SearchMemories(agentCtx, alice, query, 10, now)
		if err != nil {
			t.Fatal(err)
		}
		ids := agentIDs(got, memoryID)
		if query != "budget pitch" {
			slices.Sort(ids)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("search %q = %v, want %v", query, ids, want)
		}
	}
	// The default limit is 5.
	if got, _ := h.SearchMemories(agentCtx, alice, "budget coverage axb the stored framing", 0, now); len(got) != 5 {
		t.Errorf("search with the default limit returned %d", len(got))
	}
	// The generated query takes the patterns as a JSON array: here %50\%%.
	rows, err := h.Reader().SearchSlabMemories(agentCtx, db.SearchSlabMemoriesParams{UserID: alice, Patterns: `["%50\\%%"]`})
	if err != nil || len(rows) != 1 || rows[0].ID != "coverage" {
		t.Errorf("SearchSlabMemories = %v, %v", agentIDs(rows, memoryID), err)
	}
}

func TestSaveMemory(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	bobs, _, err := h.SaveMemory(agentCtx, compassdb.MemoryInput{UserID: bob, Content: "user prefers metric units for all drawings", Type: dbtypes.MemoryTypePreference, Importance: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	first, replaced, err := h.SaveMemory(agentCtx, compassdb.MemoryInput{
		UserID: alice, Content: "User prefers metric units for all drawings", Type: dbtypes.MemoryTypePreference,
		Tags: "Units, ,Drawings ", Importance: 0.5,
	})
	if err != nil || replaced || first.Tags == nil || *first.Tags != "units,drawings" || first.Pinned || first.AccessCount != 0 {
		t.Fatalf("first save = %+v, replaced %v, %v", first, replaced, err)
	}
	if _, err := h.Writer().ToggleSlabMemoryPin(agentCtx, db.ToggleSlabMemoryPinParams{ID: first.ID, UserID: alice}); err != nil {
		t.Fatal(err)
	}

	// 6 of 7 words shared: the near-duplicate is overwritten in place.
	second, replaced, err := h.SaveMemory(agentCtx, compassdb.MemoryInput{
		UserID: alice, Content: "user prefers metric units for drawings", Type: dbtypes.MemoryTypeWorkflow, Importance: 0.8,
	})
	if err != nil || !replaced || second.ID != first.ID || second.CreatedAt != first.CreatedAt || !second.Pinned ||
		second.Content != "user prefers metric units for drawings" || second.MemoryType != dbtypes.MemoryTypeWorkflow ||
		second.Importance != 0.8 || second.Tags != nil {
		t.Errorf("near-duplicate save = %+v, replaced %v, %v", second, replaced, err)
	}
	// Few shared words: a new memory.
	third, replaced, err := h.SaveMemory(agentCtx, compassdb.MemoryInput{UserID: alice, Content: "drawings are due friday", Type: dbtypes.MemoryTypeFact, Importance: 0.7})
	if err != nil || replaced || third.ID == first.ID {
		t.Errorf("distinct save = %+v, replaced %v, %v", third, replaced, err)
	}
	if n := agentCount(t, h, `SELECT COUNT(*) FROM slab_memories WHERE user_id = ?`, alice); n != 2 {
		t.Errorf("alice has %d memories, want 2", n)
	}
	if got, err := h.Reader().GetSlabMemory(agentCtx, db.GetSlabMemoryParams{ID: bobs.ID, UserID: bob}); err != nil || !reflect.DeepEqual(got, bobs) {
		t.Errorf("bob's memory changed: %+v, %v", got, err)
	}

	// A failing insert leaves nothing behind.
	agentFailOn(t, h, "INSERT", "slab_memories")
	if _, _, err := h.SaveMemory(agentCtx, compassdb.MemoryInput{UserID: alice, Content: "something new entirely", Type: dbtypes.MemoryTypeFact, Importance: 0.7}); !agentInjected(err) {
		t.Errorf("save with failing insert: %v", err)
	}
}

func TestSlabMemoryPinAndDelete(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	m := agentMemory(t, h, alice, "m1", "fact", 0.7, dbtypes.Now())
	w := h.Writer()
	for _, want := range []bool{true, false} {
		r, err := w.ToggleSlabMemoryPin(agentCtx, db.ToggleSlabMemoryPinParams{ID: m.ID, UserID: alice})
		if err != nil || r.ID != m.ID || r.Pinned != want {
			t.Errorf("toggle = %+v, %v; want pinned %v", r, err, want)
		}
	}
	if r, err := w.SetSlabMemoryPinned(agentCtx, db.SetSlabMemoryPinnedParams{Pinned: true, ID: m.ID, UserID: alice}); err != nil || !r.Pinned {
		t.Errorf("set pinned = %+v, %v", r, err)
	}
	if _, err := w.ToggleSlabMemoryPin(agentCtx, db.ToggleSlabMemoryPinParams{ID: m.ID, UserID: bob}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob toggles alice's memory: %v", err)
	}
	if _, err := w.SetSlabMemoryPinned(agentCtx, db.SetSlabMemoryPinnedParams{Pinned: false, ID: m.ID, UserID: bob}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob pins alice's memory: %v", err)
	}
	if _, err := w.DeleteSlabMemory(agentCtx, db.DeleteSlabMemoryParams{ID: m.ID, UserID: bob}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob deletes alice's memory: %v", err)
	}
	if id, err := w.DeleteSlabMemory(agentCtx, db.DeleteSlabMemoryParams{ID: m.ID, UserID: alice}); err != nil || id != m.ID {
		t.Errorf("delete = %q, %v", id, err)
	}
	if n, _ := h.Reader().CountSlabMemoriesByUser(agentCtx, alice); n != 0 {
		t.Errorf("%d memories left", n)
	}
}

func TestPruneSlabMemories(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	old, recent := agentTS(t, "2025-01-01T00:00:00.000Z"), agentTS(t, "2026-01-01T00:00:00.000Z")
	cutoff := agentTS(t, "2025-06-01T00:00:00.000Z")
	agentMemory(t, h, alice, "stale", "x", 0.1, old)
	agentMemory(t, h, alice, "important", "x", 0.3, old) // importance not below 0.3
	agentMemory(t, h, alice, "recent", "x", 0.1, recent)
	agentMemory(t, h, alice, "pinned", "x", 0.1, old)
	agentMemory(t, h, alice, "accessed", "x", 0.1, old)
	agentMemory(t, h, bob, "bobs-stale", "x", 0.1, old)
	w := h.Writer()
	if _, err := w.SetSlabMemoryPinned(agentCtx, db.SetSlabMemoryPinnedParams{Pinned: true, ID: "pinned", UserID: alice}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.TouchMemories(agentCtx, alice, []string{"accessed"}, time.Now()); err != nil {
		t.Fatal(err)
	}
	ids, err := w.PruneSlabMemories(agentCtx, db.PruneSlabMemoriesParams{UserID: alice, Cutoff: cutoff})
	if err != nil || !slices.Equal(ids, []string{"stale"}) {
		t.Errorf("pruned %v, %v; want [stale]", ids, err)
	}
	if n := agentCount(t, h, `SELECT COUNT(*) FROM slab_memories`); n != 5 {
		t.Errorf("%d memories left, want 5", n)
	}
}

func TestLoadMemoriesForPrompt(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	now := agentTS(t, "2026-03-01T00:00:00.000Z").Time
	day := 24 * time.Hour
	long := strings.Repeat("x", 600)
	agentMemory(t, h, alice, "faded", "old detail", 0.3, dbtypes.NewTimestamp(now.Add(-30*day))) // 0.3 × 0.95^30 ≈ 0.06
	agentMemory(t, h, alice, "pinned", "pinned "+long, 0.3, dbtypes.NewTimestamp(now.Add(-300*day)))
	agentMemory(t, h, alice, "fresh", "fresh "+long, 0.9, dbtypes.NewTimestamp(now.Add(-day)))
	agentMemory(t, h, alice, "middle", "middle "+long, 0.8, dbtypes.NewTimestamp(now.Add(-day)))
	agentMemory(t, h, alice, "short", "short one", 0.5, dbtypes.NewTimestamp(now.Add(-day)))
	agentMemory(t, h, bob, "bobs", "bob's", 0.9, dbtypes.NewTimestamp(now))
	if _, err := h.Writer().SetSlabMemoryPinned(agentCtx, db.SetSlabMemoryPinnedParams{Pinned: true, ID: "pinned", UserID: alice}); err != nil {
		t.Fatal(err)
	}

	// Pinned (1.0), then fresh (≈0.86); middle would pass the 1500 budget, so the
	// selection stops there even though "short" would still fit.
	got, err := h.LoadMemoriesForPrompt(agentCtx, alice, now)
	if err != nil {
		t.Fatal(err)
	}
	if ids := agentIDs(got, memoryID); !slices.Equal(ids, []string{"pinned", "fresh"}) {
		t.Errorf("prompt memories = %v, want [pinned fresh]", ids)
	}
	for id, want := range map[string]int64{"pinned": 1, "fresh": 1, "middle": 0, "short": 0, "faded": 0} {
		m, _ := h.Reader().GetSlabMemory(agentCtx, db.GetSlabMemoryParams{ID: id, UserID: alice})
		if m.AccessCount != want {
			t.Errorf("%s accessed %d times, want %d", id, m.AccessCount, want)
		}
	}
	if line := compassdb.MemoryPromptLine(got[0]); line != "- [fact] pinned "+long {
		t.Errorf("prompt line = %.30q…", line)
	}
}

func TestLoadMemoriesForPromptPrunes(t *testing.T) {
	h := dbtest.Open(t)
	alice := agentUser(t, h, "user-alice")
	now := agentTS(t, "2026-03-01T00:00:00.000Z").Time
	recent := dbtypes.NewTimestamp(now.Add(-time.Hour))
	agentMemory(t, h, alice, "stale", "stale", 0.1, dbtypes.NewTimestamp(now.Add(-100*24*time.Hour)))
	for i := range compassdb.MemoryPruneThreshold - 1 {
		agentMemory(t, h, alice, fmt.Sprintf("m%03d", i), "fact", 0.7, recent)
	}
	exists := func() bool {
		_, err := h.Reader().GetSlabMemory(agentCtx, db.GetSlabMemoryParams{ID: "stale", UserID: alice})
		return err == nil
	}
	// At the threshold nothing is pruned.
	if _, err := h.LoadMemoriesForPrompt(agentCtx, alice, now); err != nil || !exists() {
		t.Fatalf("load at %d memories pruned the stale one (%v)", compassdb.MemoryPruneThreshold, err)
	}
	agentMemory(t, h, alice, "one-more", "fact", 0.7, recent)

	// Above it, a failure of the later access count undoes the prune …
	agentFailOn(t, h, "UPDATE", "slab_memories")
	if _, err := h.LoadMemoriesForPrompt(agentCtx, alice, now); !agentInjected(err) {
		t.Fatalf("load with failing touch: %v", err)
	}
	if !exists() {
		t.Fatal("the prune survived the failed transaction")
	}
	// … and without the failure the stale memory goes.
	if _, err := h.WriteDB().Exec(`DROP TRIGGER test_fail_update_slab_memories`); err != nil {
		t.Fatal(err)
	}
	if _, err := h.LoadMemoriesForPrompt(agentCtx, alice, now); err != nil || exists() {
		t.Errorf("load above the threshold kept the stale memory (%v)", err)
	}
}

// ---- Agent items ---------------------------------------------------------------------

func TestAgentItems(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	w, r := h.Writer(), h.Reader()
	conv1, conv2 := "conv-1", "conv-2"
	mk := func(user, id string, conv *string, created string) db.AgentItem {
		t.Helper()
		it, err := w.CreateFreshAgentItem(agentCtx, db.CreateFreshAgentItemParams{
			ID: id, UserID: user, ConversationID: conv, Type: dbtypes.AgentItemTypeTodo, Title: "title " + id,
			Metadata: &dbtypes.JSONObject{"source": []byte(`"chat"`)}, CreatedAt: agentTS(t, created),
		})
		if err != nil {
			t.Fatal(err)
		}
		return it
	}
	mk(alice, "i-b", &conv1, "2026-01-02T00:00:00.000Z")
	mk(alice, "i-a", &conv1, "2026-01-02T00:00:00.000Z")
	mk(alice, "i-c", &conv2, "2026-01-01T00:00:00.000Z")
	first := mk(alice, "i-d", nil, "2026-01-03T00:00:00.000Z")
	mk(bob, "i-bob", &conv1, "2026-01-01T00:00:00.000Z")
	if first.Done || first.SortOrder != 0 || first.CreatedAt != first.UpdatedAt {
		t.Errorf("new item = %+v", first)
	}

	// sort_order first, then created_at, then id.
	sort := int64(-1)
	later := agentTS(t, "2026-01-05T00:00:00.000Z")
	upd, err := w.UpdateAgentItem(agentCtx, db.UpdateAgentItemParams{SortOrder: &sort, UpdatedAt: later, ID: "i-d", UserID: alice})
	if err != nil || upd.SortOrder != -1 || upd.Title != first.Title || upd.Metadata == nil || upd.Done || upd.UpdatedAt != later {
		t.Errorf("update of sort_order only = %+v, %v", upd, err)
	}
	items, _ := r.ListAgentItemsByUser(agentCtx, alice)
	if ids := agentIDs(items, func(i db.AgentItem) string { return i.ID }); !slices.Equal(ids, []string{"i-d", "i-c", "i-a", "i-b"}) {
		t.Errorf("items = %v", ids)
	}
	items, _ = r.ListAgentItemsByConversation(agentCtx, db.ListAgentItemsByConversationParams{UserID: alice, ConversationID: &conv1})
	if ids := agentIDs(items, func(i db.AgentItem) string { return i.ID }); !slices.Equal(ids, []string{"i-a", "i-b"}) {
		t.Errorf("items of conv-1 = %v", ids)
	}

	title, content, done := "new title", "body", true
	meta := dbtypes.JSONObject{"k": []byte(`1`)}
	upd, err = w.UpdateAgentItem(agentCtx, db.UpdateAgentItemParams{Title: &title, Content: &content, Done: &done, Metadata: &meta, UpdatedAt: later, ID: "i-a", UserID: alice})
	if err != nil || upd.Title != title || upd.Content == nil || *upd.Content != content || !upd.Done || upd.SortOrder != 0 || string((*upd.Metadata)["k"]) != "1" {
		t.Errorf("update = %+v, %v", upd, err)
	}
	for _, want := range []bool{false, true} {
		it, err := w.ToggleAgentItemDone(agentCtx, db.ToggleAgentItemDoneParams{UpdatedAt: later, ID: "i-a", UserID: alice})
		if err != nil || it.Done != want || it.Title != title {
			t.Errorf("toggle = %+v, %v; want done %v", it, err, want)
		}
	}
	if _, err := w.ToggleAgentItemDone(agentCtx, db.ToggleAgentItemDoneParams{UpdatedAt: later, ID: "i-a", UserID: bob}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob toggles alice's item: %v", err)
	}
	if _, err := w.UpdateAgentItem(agentCtx, db.UpdateAgentItemParams{Title: &title, UpdatedAt: later, ID: "i-a", UserID: bob}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob updates alice's item: %v", err)
	}
	if _, err := r.GetAgentItem(agentCtx, db.GetAgentItemParams{ID: "i-a", UserID: bob}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("bob gets alice's item: %v", err)
	}
	if n, err := w.DeleteAgentItem(agentCtx, db.DeleteAgentItemParams{ID: "i-a", UserID: bob}); err != nil || n != 0 {
		t.Errorf("bob deletes alice's item: %d, %v", n, err)
	}
	if n, err := w.DeleteAgentItem(agentCtx, db.DeleteAgentItemParams{ID: "i-a", UserID: alice}); err != nil || n != 1 {
		t.Errorf("delete = %d, %v", n, err)
	}
}

// The single write connection and BEGIN IMMEDIATE serialize concurrent saves of one
// conversation: each ends with exactly one save's messages.
func TestReplaceConversationConcurrent(t *testing.T) {
	h := dbtest.Open(t)
	alice := agentUser(t, h, "user-alice")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			ids := []string{fmt.Sprintf("s%d-1", i), fmt.Sprintf("s%d-2", i)}
			if _, err := h.ReplaceConversation(agentCtx, compassdb.ConversationSave{ID: "conv-1", UserID: alice, Messages: agentMessages(dbtypes.Now(), ids...)}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	msgs, _ := h.Reader().ListConversationMessages(agentCtx, db.ListConversationMessagesParams{ConversationID: "conv-1", UserID: alice})
	if len(msgs) != 2 || !strings.HasPrefix(msgs[1].ID, strings.TrimSuffix(msgs[0].ID, "1")) {
		t.Errorf("messages after concurrent saves = %v", agentIDs(msgs, messageID))
	}
}

// CreateConversationMessage stores one message of a conversation as given (ReplaceConversation
// writes each message with it), without an embedding.
func TestCreateConversationMessage(t *testing.T) {
	h := dbtest.Open(t)
	alice := agentUser(t, h, "user-alice")
	w := h.Writer()
	at := agentTS(t, "2026-01-02T10:00:00.000Z")
	if _, err := w.CreateAgentConversation(agentCtx, db.CreateAgentConversationParams{ID: "c-1", UserID: alice, LastMessageAt: at, CreatedAt: at}); err != nil {
		t.Fatal(err)
	}
	parts := dbtypes.MessageParts{
		{"type": []byte(`"text"`), "text": []byte(`"Which invoices are overdue?"`)},
		{"type": []byte(`"tool-queryData"`), "state": []byte(`"output-available"`), "output": []byte(`{"rows":3}`)},
	}
	p := db.CreateConversationMessageParams{
		ID: "m-1", ConversationID: "c-1", UserID: alice, Role: dbtypes.MessageRoleUser,
		Content: "Which invoices are overdue?", Metadata: &parts, CreatedAt: at,
	}
	if err := w.CreateConversationMessage(agentCtx, p); err != nil {
		t.Fatal(err)
	}
	want := db.AgentMemory{
		ID: p.ID, ConversationID: p.ConversationID, UserID: alice, Role: p.Role, Content: p.Content,
		Embedding: nil, Metadata: &parts, CreatedAt: at,
	}
	if got, err := h.Reader().GetAgentMemory(agentCtx, db.GetAgentMemoryParams{ID: "m-1", UserID: alice}); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("stored message = %+v, %v; want %+v", got, err, want)
	}

	// A message without parts stores NULL metadata.
	p2 := p
	p2.ID, p2.Role, p2.Content, p2.Metadata = "m-2", dbtypes.MessageRoleAssistant, "Three.", nil
	if err := w.CreateConversationMessage(agentCtx, p2); err != nil {
		t.Fatal(err)
	}
	if got, err := h.Reader().GetAgentMemory(agentCtx, db.GetAgentMemoryParams{ID: "m-2", UserID: alice}); err != nil || got.Metadata != nil || got.Content != "Three." {
		t.Errorf("message without parts = %+v, %v", got, err)
	}

	// The same id again, or a conversation that does not exist, writes nothing.
	if err := w.CreateConversationMessage(agentCtx, p); !errors.Is(err, compassdb.ErrUniqueViolation) {
		t.Errorf("the same id again: %v, want ErrUniqueViolation", err)
	}
	p3 := p
	p3.ID, p3.ConversationID = "m-3", "c-missing"
	if err := w.CreateConversationMessage(agentCtx, p3); !errors.Is(err, compassdb.ErrForeignKeyViolation) {
		t.Errorf("a missing conversation: %v, want ErrForeignKeyViolation", err)
	}
	if n := agentCount(t, h, `SELECT COUNT(*) FROM agent_memories`); n != 2 {
		t.Errorf("%d messages stored, want 2", n)
	}
}

// ListSlabMemoryCandidates finds the user's memories whose content contains the text
// literally (SaveMemory's near-duplicate check), oldest first.
func TestListSlabMemoryCandidates(t *testing.T) {
	h := dbtest.Open(t)
	alice, bob := agentUser(t, h, "user-alice"), agentUser(t, h, "user-bob")
	agentMemory(t, h, alice, "m-new", "Send invoices on the 1st", 0.5, agentTS(t, "2026-01-03T00:00:00.000Z"))
	agentMemory(t, h, alice, "m-old", "Invoice template: 50%_off for repeat clients", 0.5, agentTS(t, "2026-01-01T00:00:00.000Z"))
	agentMemory(t, h, alice, "m-5000", "order 5000 units of drywall", 0.5, agentTS(t, "2026-01-02T00:00:00.000Z")) // matches an unescaped 50%_
	agentMemory(t, h, alice, "m-other", "framing starts monday", 0.5, agentTS(t, "2026-01-02T00:00:00.000Z"))
	tagged := agentMemory(t, h, alice, "m-tagged", "roof pitch", 0.5, agentTS(t, "2026-01-02T00:00:00.000Z"))
	if _, err := h.Writer().UpdateSlabMemoryContent(agentCtx, db.UpdateSlabMemoryContentParams{
		ID: tagged.ID, UserID: alice, Content: tagged.Content, MemoryType: tagged.MemoryType,
		Tags: compassdb.NormalizeTags("invoice"), Importance: tagged.Importance, // tags are not searched here
	}); err != nil {
		t.Fatal(err)
	}
	agentMemory(t, h, bob, "m-bob", "bob's invoice notes", 0.5, agentTS(t, "2026-01-01T00:00:00.000Z"))

	for _, c := range []struct {
		user, text string
		want       []string
	}{
		{alice, "invoice", []string{"m-old", "m-new"}}, // oldest first, case-insensitive
		{alice, "INVOICE", []string{"m-old", "m-new"}},
		{alice, "50%_", []string{"m-old"}}, // % and _ only as themselves
		{alice, "dry wall", []string{}},
		{bob, "invoice", []string{"m-bob"}},
	} {
		got, err := h.Reader().ListSlabMemoryCandidates(agentCtx, db.ListSlabMemoryCandidatesParams{UserID: c.user, Pattern: compassdb.LikeContains(c.text)})
		if err != nil {
			t.Fatal(err)
		}
		if ids := agentIDs(got, memoryID); !slices.Equal(ids, c.want) {
			t.Errorf("%s, %q: %v, want %v", c.user, c.text, ids, c.want)
		}
	}
}
