package compassdb

// Operations of the assistant's data that take more than one statement, each run as one
// transaction, and the rules of the existing application that decide what they write:
// conversations, slab memories, model selection and usage accounting, skills, themes
// and dashboards. Single statements are the generated queries of package db.
//
// Every operation on a personal table takes the acting user's id and touches only that
// user's rows; the existing application did not check the owner of a conversation.

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

var (
	// ErrNotOwner: the conversation id exists but belongs to another user. Conversation
	// ids are chosen by the client, so saving under a taken id is refused rather than
	// reported as not found.
	ErrNotOwner = errors.New("compassdb: owned by another user")
	// ErrPluginInstalled: a plugin with the skill's id is already installed.
	ErrPluginInstalled = errors.New("compassdb: plugin already installed")
	// ErrDashboardLimit: the user already has MaxDashboardsPerUser dashboards.
	ErrDashboardLimit = errors.New("compassdb: dashboard limit reached")
	// ErrModelSelectionDisabled: the administrator turned off model selection
	// (agent_config.allow_user_selection = 0) and the user is not an administrator.
	ErrModelSelectionDisabled = errors.New("compassdb: model selection is disabled")
	// ErrModelOverCeiling: the model's completion price exceeds the configured ceiling
	// (agent_config.max_cost_per_million).
	ErrModelOverCeiling = errors.New("compassdb: model exceeds the cost ceiling")
)

// ---- Conversations -------------------------------------------------------------------

// ConversationMessage is one chat message of a conversation save.
type ConversationMessage struct {
	ID      string // the client's message id
	Role    dbtypes.MessageRole
	Content string               // the text parts joined
	Parts   dbtypes.MessageParts // stored verbatim in metadata; nil stores NULL
	// CreatedAt is the client's time stamp; zero means the save's time. Messages keep
	// the order of the slice even when they share a time stamp.
	CreatedAt dbtypes.Timestamp
}

// ConversationSave replaces a conversation's messages.
type ConversationSave struct {
	ID     string // client-chosen conversation id
	UserID string // the acting user; must own the conversation if it exists
	Title  *string
	// Messages replace all stored messages, in this order.
	Messages []ConversationMessage
}

// ReplaceConversation saves a conversation in one transaction: it creates the
// conversation or moves its last_message_at to now (and sets the title if one is given),
// deletes its messages and inserts s.Messages in order. If the id belongs to another user
// nothing changes and it returns ErrNotOwner.
func (d *DB) ReplaceConversation(ctx context.Context, s ConversationSave) (db.AgentConversation, error) {
	now := dbtypes.Now()
	var conv db.AgentConversation
	err := d.Tx(ctx, func(q *db.Queries) error {
		var err error
		conv, err = q.UpsertAgentConversation(ctx, db.UpsertAgentConversationParams{
			ID: s.ID, UserID: s.UserID, Title: s.Title, LastMessageAt: now, CreatedAt: now,
		})
		if errors.Is(err, ErrNotFound) {
			return ErrNotOwner
		}
		if err != nil {
			return err
		}
		if _, err := q.DeleteConversationMessages(ctx, db.DeleteConversationMessagesParams{
			ConversationID: s.ID, UserID: s.UserID,
		}); err != nil {
			return err
		}
		for _, m := range s.Messages {
			p := db.CreateConversationMessageParams{
				ID: m.ID, ConversationID: s.ID, UserID: s.UserID, Role: m.Role,
				Content: m.Content, CreatedAt: m.CreatedAt,
			}
			if m.Parts != nil {
				p.Metadata = &m.Parts
			}
			if p.CreatedAt.IsZero() {
				p.CreatedAt = now
			}
			if err := q.CreateConversationMessage(ctx, p); err != nil {
				return fmt.Errorf("message %q: %w", m.ID, err)
			}
		}
		return nil
	})
	return conv, err
}

// ---- Model selection and usage (access patterns §4.7) -----------------------------------

// DefaultModelID is the model used when no configuration row exists.
const DefaultModelID = "qwen/qwen3-coder-next"

// EffectiveModel returns the model that serves the user: the default model if nothing is
// configured, else the user's preferred model unless it has none or its completion price
// exceeds the configured ceiling, else the configured (global) model. It does not
// re-check allow_user_selection, as the existing application does not: a preference
// saved before the administrator turned selection off stays in force.
func (d *DB) EffectiveModel(ctx context.Context, userID string) (string, error) {
	var model string
	err := d.ReadTx(ctx, func(q *db.Queries) error {
		cfg, err := q.GetAgentConfig(ctx)
		if errors.Is(err, ErrNotFound) {
			model = DefaultModelID
			return nil
		} else if err != nil {
			return err
		}
		model = cfg.ModelID
		pref, err := q.GetUserModelPreference(ctx, userID)
		if errors.Is(err, ErrNotFound) {
			return nil
		} else if err != nil {
			return err
		}
		over, err := overCeiling(cfg, pref.CompletionCost)
		if err != nil {
			return err
		}
		if !over {
			model = pref.ModelID
		}
		return nil
	})
	return model, err
}

// SetUserModelPreference saves the user's preferred model after the configuration's
// checks, in one transaction: a non-administrator (isAdmin = the app's
// can(agent, update)) gets ErrModelSelectionDisabled if selection is turned off, and
// anyone gets ErrModelOverCeiling if the model's completion price per million tokens
// exceeds max_cost_per_million.
func (d *DB) SetUserModelPreference(ctx context.Context, p db.UpsertUserModelPreferenceParams, isAdmin bool) (db.UserModelPreference, error) {
	var pref db.UserModelPreference
	err := d.Tx(ctx, func(q *db.Queries) error {
		cfg, err := q.GetAgentConfig(ctx)
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return err
		case !cfg.AllowUserSelection && !isAdmin:
			return ErrModelSelectionDisabled
		default:
			over, err := overCeiling(cfg, p.CompletionCost)
			if err != nil {
				return err
			}
			if over {
				return ErrModelOverCeiling
			}
		}
		pref, err = q.UpsertUserModelPreference(ctx, p)
		return err
	})
	return pref, err
}

// overCeiling reports whether a completion price per token exceeds the configured
// ceiling per million completion tokens.
func overCeiling(cfg db.AgentConfig, completionCost string) (bool, error) {
	if cfg.MaxCostPerMillion == nil {
		return false, nil
	}
	ceiling, err := parsePrice("agent_config.max_cost_per_million", *cfg.MaxCostPerMillion)
	if err != nil {
		return false, err
	}
	price, err := parsePrice("completion_cost", completionCost)
	if err != nil {
		return false, err
	}
	return price*1e6 > ceiling, nil
}

func parsePrice(what, s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, &dbtypes.InvalidValueError{Type: "decimal string", Value: s, Reason: what + " is not a decimal number"}
	}
	return f, nil
}

// Usage is the token count of one assistant response.
type Usage struct {
	ConversationID string
	UserID         string
	ModelID        string
	PromptTokens   int64
	// CompletionTokens and TotalTokens as the model reported them.
	CompletionTokens int64
	TotalTokens      int64
}

// RecordUsage stores one response's usage in one transaction. The cost is priced with
// the configured (global) model's prices, as the existing application does, 0 if nothing
// is configured, and stored as a decimal with 8 places (JavaScript toFixed(8)). The
// conversation row is created if it does not exist yet (the client saves it only after
// the response, so the existing application lost the first usage row of every new
// conversation to the foreign key); if it belongs to another user, ErrNotOwner.
func (d *DB) RecordUsage(ctx context.Context, u Usage) (db.AgentUsage, error) {
	now := dbtypes.Now()
	var row db.AgentUsage
	err := d.Tx(ctx, func(q *db.Queries) error {
		created, err := q.EnsureAgentConversation(ctx, db.EnsureAgentConversationParams{
			ID: u.ConversationID, UserID: u.UserID, CreatedAt: now,
		})
		if err != nil {
			return err
		}
		if created == 0 {
			_, err := q.GetAgentConversation(ctx, db.GetAgentConversationParams{ID: u.ConversationID, UserID: u.UserID})
			if errors.Is(err, ErrNotFound) {
				return ErrNotOwner
			} else if err != nil {
				return err
			}
		}
		cost := 0.0
		cfg, err := q.GetAgentConfig(ctx)
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return err
		default:
			promptPrice, err := parsePrice("agent_config.prompt_cost", cfg.PromptCost)
			if err != nil {
				return err
			}
			completionPrice, err := parsePrice("agent_config.completion_cost", cfg.CompletionCost)
			if err != nil {
				return err
			}
			cost = float64(u.PromptTokens)*promptPrice + float64(u.CompletionTokens)*completionPrice
		}
		row, err = q.CreateAgentUsage(ctx, db.CreateAgentUsageParams{
			ID: NewID(), ConversationID: u.ConversationID, UserID: u.UserID, ModelID: u.ModelID,
			PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens, TotalTokens: u.TotalTokens,
			EstimatedCost: strconv.FormatFloat(cost, 'f', 8, 64),
			CreatedAt:     now,
		})
		return err
	})
	return row, err
}

// ---- Slab memories (access patterns §4.8) ----------------------------------------------

// Memory rules of the existing application.
const (
	// MemoryPruneThreshold: a user with more memories than this gets stale ones pruned
	// when the prompt is loaded.
	MemoryPruneThreshold = 150
	// MemoryPruneAge: only memories older than this are pruned.
	MemoryPruneAge = 90 * 24 * time.Hour
	// MemoryPromptBudget is the length limit, in UTF-16 code units as JavaScript counts,
	// of the prompt's memory lines joined with newlines.
	MemoryPromptBudget = 1500
	// MemoryMinScore: memories scoring at or below it stay out of the prompt.
	MemoryMinScore = 0.2
	// MemoryDuplicateOverlap: a new memory whose word overlap (Jaccard) with an existing
	// one exceeds it overwrites that one.
	MemoryDuplicateOverlap = 0.6
	// DefaultMemorySearchLimit is SearchMemories' limit when none is given.
	DefaultMemorySearchLimit = 5
)

// MemoryScore ranks a memory at time now: 1 if pinned, else its importance decayed by
// 5% per day of age (fractional days since created_at).
func MemoryScore(m db.SlabMemory, now time.Time) float64 {
	if m.Pinned {
		return 1
	}
	days := now.Sub(m.CreatedAt.Time).Hours() / 24
	return m.Importance * math.Pow(0.95, days)
}

// MemoryPromptLine is how a memory appears in the assistant's prompt.
func MemoryPromptLine(m db.SlabMemory) string {
	return "- [" + string(m.MemoryType) + "] " + m.Content
}

// byScore sorts memories by descending score at now; ties keep their order.
func byScore(ms []db.SlabMemory, now time.Time) {
	slices.SortStableFunc(ms, func(a, b db.SlabMemory) int {
		return cmp.Compare(MemoryScore(b, now), MemoryScore(a, now))
	})
}

// LoadMemoriesForPrompt picks the user's memories for the assistant's prompt, in one
// transaction: if the user has more than MemoryPruneThreshold memories, the stale ones
// are pruned first (PruneSlabMemories with a cutoff MemoryPruneAge before now); then the
// memories scoring above MemoryMinScore, best first, are taken while their
// MemoryPromptLine lines joined with newlines stay within MemoryPromptBudget (stopping at
// the first that does not fit), and each one taken counts an access at now. The rows are
// returned as they were before that access.
func (d *DB) LoadMemoriesForPrompt(ctx context.Context, userID string, now time.Time) ([]db.SlabMemory, error) {
	at := dbtypes.NewTimestamp(now)
	var picked []db.SlabMemory
	err := d.Tx(ctx, func(q *db.Queries) error {
		picked = nil
		all, err := q.ListSlabMemoriesByUser(ctx, db.ListSlabMemoriesByUserParams{UserID: userID, PageSize: -1})
		if err != nil {
			return err
		}
		var pruned []string
		if len(all) > MemoryPruneThreshold {
			if pruned, err = q.PruneSlabMemories(ctx, db.PruneSlabMemoriesParams{
				UserID: userID, Cutoff: dbtypes.NewTimestamp(now.Add(-MemoryPruneAge)),
			}); err != nil {
				return err
			}
		}
		all = slices.DeleteFunc(all, func(m db.SlabMemory) bool {
			return slices.Contains(pruned, m.ID) || MemoryScore(m, now) <= MemoryMinScore
		})
		byScore(all, now)
		length := 0
		var ids []string
		for _, m := range all {
			add := utf16Len(MemoryPromptLine(m))
			if len(ids) > 0 {
				add++ // the newline before it
			}
			if length+add > MemoryPromptBudget {
				break
			}
			length += add
			picked = append(picked, m)
			ids = append(ids, m.ID)
		}
		if len(ids) == 0 {
			return nil
		}
		_, err = q.TouchSlabMemories(ctx, db.TouchSlabMemoriesParams{AccessedAt: &at, UserID: userID, IDs: ids})
		return err
	})
	return picked, err
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// TouchMemories counts one access, at now, of each of the user's memories in ids, in one
// statement; ids of other users' memories are ignored. It returns the number touched.
func (d *DB) TouchMemories(ctx context.Context, userID string, ids []string, now time.Time) (int64, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	at := dbtypes.NewTimestamp(now)
	return d.Writer().TouchSlabMemories(ctx, db.TouchSlabMemoriesParams{AccessedAt: &at, UserID: userID, IDs: ids})
}

// MemoryInput is a memory the assistant wants to remember.
type MemoryInput struct {
	UserID     string
	Content    string
	Type       dbtypes.MemoryType
	Tags       string // comma-separated; normalized by NormalizeTags
	Importance float64
}

// NormalizeTags turns comma-separated tags into the stored form: each trimmed and
// lower-cased, empty ones dropped, joined with commas; nil if none remain.
func NormalizeTags(tags string) *string {
	var out []string
	for t := range strings.SplitSeq(tags, ",") {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		return nil
	}
	s := strings.Join(out, ",")
	return &s
}

// SaveMemory stores a memory in one transaction, overwriting a near-duplicate: the
// candidates are the user's memories containing the longest word of the content (oldest
// first); the first whose word overlap with it exceeds MemoryDuplicateOverlap gets the
// new content, type, tags and importance (keeping its id, created_at, pin and counters).
// Otherwise a new memory is inserted. It returns the memory and whether it replaced one.
func (d *DB) SaveMemory(ctx context.Context, in MemoryInput) (m db.SlabMemory, replaced bool, err error) {
	tags := NormalizeTags(in.Tags)
	words := strings.Fields(strings.ToLower(in.Content))
	longest := ""
	for _, w := range words {
		if utf16Len(w) > utf16Len(longest) {
			longest = w
		}
	}
	err = d.Tx(ctx, func(q *db.Queries) error {
		replaced = false
		if longest != "" {
			candidates, err := q.ListSlabMemoryCandidates(ctx, db.ListSlabMemoryCandidatesParams{
				UserID: in.UserID, Pattern: LikeContains(longest),
			})
			if err != nil {
				return err
			}
			for _, c := range candidates {
				if jaccard(words, strings.Fields(strings.ToLower(c.Content))) <= MemoryDuplicateOverlap {
					continue
				}
				m, err = q.UpdateSlabMemoryContent(ctx, db.UpdateSlabMemoryContentParams{
					Content: in.Content, MemoryType: in.Type, Tags: tags, Importance: in.Importance,
					ID: c.ID, UserID: in.UserID,
				})
				replaced = err == nil
				return err
			}
		}
		m, err = q.CreateFreshSlabMemory(ctx, db.CreateFreshSlabMemoryParams{
			ID: NewID(), UserID: in.UserID, Content: in.Content, MemoryType: in.Type,
			Tags: tags, Importance: in.Importance, CreatedAt: dbtypes.Now(),
		})
		return err
	})
	return m, replaced, err
}

// jaccard is the overlap of two word sets: |a ∩ b| / |a ∪ b|.
func jaccard(a, b []string) float64 {
	set := map[string]int{} // 1: in a, 2: in b, 3: in both
	for _, w := range a {
		set[w] |= 1
	}
	for _, w := range b {
		set[w] |= 2
	}
	if len(set) == 0 {
		return 0
	}
	both := 0
	for _, v := range set {
		if v == 3 {
			both++
		}
	}
	return float64(both) / float64(len(set))
}

// SearchMemories returns the user's memories matching any word of query longer than two
// characters (lower-cased) in their content or tags, literally (%, _ and \ match only
// themselves), ranked by MemoryScore at now, at most limit of them
// (DefaultMemorySearchLimit if limit <= 0). Searching does not count as an access. The
// match is one query.
func (d *DB) SearchMemories(ctx context.Context, userID, query string, limit int, now time.Time) ([]db.SlabMemory, error) {
	if limit <= 0 {
		limit = DefaultMemorySearchLimit
	}
	var patterns []string
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if utf16Len(w) > 2 {
			patterns = append(patterns, LikeContains(w))
		}
	}
	if len(patterns) == 0 {
		return []db.SlabMemory{}, nil
	}
	js, err := json.Marshal(patterns)
	if err != nil {
		return nil, err
	}
	ms, err := d.Reader().SearchSlabMemories(ctx, db.SearchSlabMemoriesParams{UserID: userID, Patterns: string(js)})
	if err != nil {
		return nil, err
	}
	byScore(ms, now)
	return ms[:min(limit, len(ms))], nil
}

// ---- Plugins and skills (access patterns §4.9) -----------------------------------------

// SkillID is the plugin id of a skill installed from source ("owner/repo/path"):
// "skill-" and the source with every "/" replaced by "-", lower-cased.
func SkillID(source string) string {
	return "skill-" + strings.ToLower(strings.ReplaceAll(source, "/", "-"))
}

// SkillInstall is a skill to install, parsed from its SKILL.md.
type SkillInstall struct {
	Source       string // owner/repo/path; the plugin id is SkillID(Source)
	Name         string
	Description  *string
	Content      string  // the SKILL.md body, stored as config "content"
	AllowedTools *string // the raw allowed-tools frontmatter, stored as config "allowedTools"
	UserID       string  // who installs it (enabled_by, the event's user)
	Details      *string // the event's text, e.g. "installed from owner/repo by someone@example.com"
}

// InstallSkill installs and enables a skill in one transaction: the plugin (version
// 1.0.0, source type skills, capabilities ["prompt"], enabled by the user), its content
// (and allowedTools) config and an "installed" event. It returns ErrPluginInstalled if
// the id is taken.
func (d *DB) InstallSkill(ctx context.Context, s SkillInstall) (db.Plugin, error) {
	now := dbtypes.Now()
	id := SkillID(s.Source)
	var plugin db.Plugin
	err := d.Tx(ctx, func(q *db.Queries) error {
		var err error
		plugin, err = q.CreatePluginIfAbsent(ctx, db.CreatePluginIfAbsentParams{
			ID: id, Name: s.Name, Description: s.Description, Version: "1.0.0",
			Source: s.Source, SourceType: dbtypes.PluginSourceTypeSkills,
			Capabilities: dbtypes.Capabilities{dbtypes.CapabilityPrompt},
			Status:       dbtypes.PluginStatusEnabled, EnabledBy: &s.UserID, EnabledAt: &now,
			InstalledAt: now,
		})
		if errors.Is(err, ErrNotFound) {
			return ErrPluginInstalled
		}
		if err != nil {
			return err
		}
		for key, value := range map[string]*string{"content": &s.Content, "allowedTools": s.AllowedTools} {
			if value == nil {
				continue
			}
			if _, err := q.UpsertPluginConfig(ctx, db.UpsertPluginConfigParams{
				ID: NewID(), PluginID: id, Key: key, Value: *value, UpdatedAt: now,
			}); err != nil {
				return err
			}
		}
		_, err = q.CreatePluginEvent(ctx, db.CreatePluginEventParams{
			ID: NewID(), PluginID: id, EventType: dbtypes.PluginEventTypeInstalled,
			Details: s.Details, UserID: &s.UserID, CreatedAt: now,
		})
		return err
	})
	return plugin, err
}

// UninstallSkill deletes a plugin with its config and events. It is one statement (the
// foreign keys cascade), so it happens entirely or not at all. ErrNotFound if there is no
// such plugin.
func (d *DB) UninstallSkill(ctx context.Context, id string) error {
	n, err := d.Writer().DeletePlugin(ctx, id)
	if err == nil && n == 0 {
		err = ErrNotFound
	}
	return err
}

// SetPluginEnabled enables or disables a plugin in one transaction: the status, who
// enabled it and when (cleared on disable), and an "enabled" or "disabled" event with
// details. ErrNotFound if there is no such plugin.
func (d *DB) SetPluginEnabled(ctx context.Context, id string, enabled bool, userID string, details *string) (db.Plugin, error) {
	now := dbtypes.Now()
	p := db.SetPluginStatusParams{ID: id, Status: dbtypes.PluginStatusDisabled, UpdatedAt: now}
	event := dbtypes.PluginEventTypeDisabled
	if enabled {
		p.Status, p.EnabledBy, p.EnabledAt = dbtypes.PluginStatusEnabled, &userID, &now
		event = dbtypes.PluginEventTypeEnabled
	}
	var plugin db.Plugin
	err := d.Tx(ctx, func(q *db.Queries) error {
		var err error
		if plugin, err = q.SetPluginStatus(ctx, p); err != nil {
			return err
		}
		_, err = q.CreatePluginEvent(ctx, db.CreatePluginEventParams{
			ID: NewID(), PluginID: id, EventType: event, Details: details, UserID: &userID, CreatedAt: now,
		})
		return err
	})
	return plugin, err
}

// ---- Themes --------------------------------------------------------------------------

// DefaultThemeID is the active theme of a user who never chose one, and the theme a user
// falls back to when the active custom theme is deleted.
const DefaultThemeID = "native-compass"

var themePresets = []string{
	DefaultThemeID, "corpo", "notebook", "doom-64", "bubblegum", "developers-choice",
	"anslopics-clood", "violet-bloom", "soy", "mocha",
}

// ThemePresets returns the ids of the built-in themes.
func ThemePresets() []string { return slices.Clone(themePresets) }

// IsThemePreset reports whether id is a built-in theme.
func IsThemePreset(id string) bool { return slices.Contains(themePresets, id) }

// SetActiveTheme makes themeID the user's active theme: a preset, or one of the user's
// custom themes, checked and saved in one transaction. ErrNotFound if it is neither.
func (d *DB) SetActiveTheme(ctx context.Context, userID, themeID string) (db.UserThemePreference, error) {
	var pref db.UserThemePreference
	err := d.Tx(ctx, func(q *db.Queries) error {
		if !IsThemePreset(themeID) {
			if _, err := q.GetCustomTheme(ctx, db.GetCustomThemeParams{ID: themeID, UserID: userID}); err != nil {
				return err
			}
		}
		var err error
		pref, err = q.UpsertUserThemePreference(ctx, db.UpsertUserThemePreferenceParams{
			UserID: userID, ActiveThemeID: themeID, UpdatedAt: dbtypes.Now(),
		})
		return err
	})
	return pref, err
}

// DeleteCustomTheme deletes the user's custom theme and, if it was the user's active
// theme, makes DefaultThemeID active, in one transaction. ErrNotFound if the user has no
// such theme.
func (d *DB) DeleteCustomTheme(ctx context.Context, userID, themeID string) error {
	return d.Tx(ctx, func(q *db.Queries) error {
		n, err := q.DeleteCustomTheme(ctx, db.DeleteCustomThemeParams{ID: themeID, UserID: userID})
		if err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		_, err = q.ResetUserThemePreference(ctx, db.ResetUserThemePreferenceParams{
			UpdatedAt: dbtypes.Now(), UserID: userID, ThemeID: themeID,
		})
		return err
	})
}

// ---- Dashboards ----------------------------------------------------------------------

// MaxDashboardsPerUser is how many custom dashboards a user may keep.
const MaxDashboardsPerUser = 5

// CreateDashboard saves a new dashboard unless the user already has
// MaxDashboardsPerUser of them (ErrDashboardLimit); count and insert are one transaction,
// so concurrent saves cannot exceed the limit.
func (d *DB) CreateDashboard(ctx context.Context, p db.CreateFreshCustomDashboardParams) (db.CustomDashboard, error) {
	var dash db.CustomDashboard
	err := d.Tx(ctx, func(q *db.Queries) error {
		n, err := q.CountCustomDashboardsByUser(ctx, p.UserID)
		if err != nil {
			return err
		}
		if n >= MaxDashboardsPerUser {
			return ErrDashboardLimit
		}
		dash, err = q.CreateFreshCustomDashboard(ctx, p)
		return err
	})
	return dash, err
}
