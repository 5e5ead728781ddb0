package dbtypes

import (
	"bytes"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// marshalJSON encodes v compactly without HTML escaping, as JSON.stringify does.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// jsonValue writes v as JSON text; a string, so SQLite stores TEXT.
func jsonValue[T any](v T) (driver.Value, error) {
	b, err := marshalJSON(v)
	if err != nil {
		return nil, invalidf[T](fmt.Sprint(v), "%v", err)
	}
	return string(b), nil
}

// scanJSON reads JSON text into dst; see decodeJSON.
func scanJSON[T driver.Valuer](dst *T, src any, lossless bool) error {
	s, ok := text(src)
	if !ok {
		return unsupported[T](src)
	}
	v, err := decodeJSON[T](s, lossless)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// decodeJSON decodes one JSON value strictly: valid UTF-8, not a bare null
// (a nullable column holds SQL NULL instead), no unknown object keys, nothing
// after the value. With lossless set it also refuses input that T's Value
// would not write back, such as null for a non-nullable field or a key matched
// only case-insensitively, so a later write cannot silently alter the document.
func decodeJSON[T driver.Valuer](data string, lossless bool) (T, error) {
	var v T
	fail := func(reason string) (T, error) {
		var zero T
		return zero, invalidf[T](data, "%s", reason)
	}
	if !utf8.ValidString(data) {
		return fail("not valid UTF-8")
	}
	if strings.TrimSpace(data) == "null" {
		return fail("JSON null: a missing document is SQL NULL")
	}
	dec := json.NewDecoder(strings.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); errors.Is(err, io.EOF) {
		return fail("empty")
	} else if err != nil {
		return fail(err.Error())
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fail("data after the JSON value")
	}
	if lossless {
		out, err := v.Value()
		if err != nil {
			return fail(err.Error())
		}
		written, _ := out.(string)
		if path := lost(decodeAny(data), decodeAny(written), "$"); path != "" {
			return fail(path + " would change when written back (null for a non-null field, or a key in the wrong case?)")
		}
	}
	return v, nil
}

// decodeAny decodes valid JSON generically, keeping numbers as written.
func decodeAny(s string) any {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	_ = dec.Decode(&v) // s is known to be valid JSON
	return v
}

// lost returns the path of the first value in the decoded input a that the
// decoded re-encoding b does not reproduce, or "". Keys b adds are fine, as is
// an input null whose key b omits.
func lost(a, b any, path string) string {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok {
			return path
		}
		for _, k := range slices.Sorted(maps.Keys(a)) {
			bv, ok := bm[k]
			switch {
			case !ok && a[k] == nil:
				continue
			case !ok:
				return path + "." + k
			}
			if p := lost(a[k], bv, path+"."+k); p != "" {
				return p
			}
		}
		return ""
	case []any:
		bs, ok := b.([]any)
		if !ok || len(bs) != len(a) {
			return path
		}
		for i := range a {
			if p := lost(a[i], bs[i], fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
		return ""
	case json.Number:
		bn, ok := b.(json.Number)
		if !ok {
			return path
		}
		fa, ea := a.Float64()
		fb, eb := bn.Float64()
		if a == bn || ea == nil && eb == nil && fa == fb {
			return ""
		}
		return path
	default: // string, bool, nil
		if a == b {
			return ""
		}
		return path
	}
}

// nonNil returns s, or an empty slice for nil so that it is written as [].
func nonNil[S ~[]E, E any](s S) S {
	if s == nil {
		return S{}
	}
	return s
}

// nonNilMap returns m, or an empty map for nil so that it is written as {}.
func nonNilMap[M ~map[K]V, K comparable, V any](m M) M {
	if m == nil {
		return M{}
	}
	return m
}

// LineItems are the line items of an invoice, vendor bill or credit memo
// (*.line_items), a JSON array.
type LineItems []LineItem

// LineItem is one line of a financial document. Amounts are JSON numbers
// (amount = quantity × rate), as the existing line-items editor writes them.
type LineItem struct {
	Description string  `json:"description"`
	Quantity    float64 `json:"quantity"`
	Rate        float64 `json:"rate"`
	Amount      float64 `json:"amount"`
}

// Value implements driver.Valuer; nil is written as [].
func (l LineItems) Value() (driver.Value, error) { return jsonValue(nonNil(l)) }

// Scan implements sql.Scanner.
func (l *LineItems) Scan(src any) error { return scanJSON(l, src, true) }

// BaselineSnapshot is a frozen copy of a project's schedule
// (schedule_baselines.snapshot_data), with the existing application's
// camelCase keys.
type BaselineSnapshot struct {
	Tasks        []BaselineTask       `json:"tasks"`
	Dependencies []BaselineDependency `json:"dependencies"`
}

// BaselineTask is a schedule_tasks row inside a snapshot. Dates and
// timestamps stay the strings the snapshot holds, so that snapshots written by
// the existing application are kept as they are.
type BaselineTask struct {
	ID                string  `json:"id"`
	ProjectID         string  `json:"projectId"`
	Title             string  `json:"title"`
	StartDate         string  `json:"startDate"`
	Workdays          int     `json:"workdays"`
	EndDateCalculated string  `json:"endDateCalculated"`
	Phase             string  `json:"phase"`
	Status            string  `json:"status"`
	IsCriticalPath    bool    `json:"isCriticalPath"`
	IsMilestone       bool    `json:"isMilestone"`
	PercentComplete   int     `json:"percentComplete"`
	AssignedTo        *string `json:"assignedTo"`
	SortOrder         int     `json:"sortOrder"`
	CreatedAt         string  `json:"createdAt"`
	UpdatedAt         string  `json:"updatedAt"`
}

// BaselineDependency is a task_dependencies row inside a snapshot.
type BaselineDependency struct {
	ID            string `json:"id"`
	PredecessorID string `json:"predecessorId"`
	SuccessorID   string `json:"successorId"`
	Type          string `json:"type"`
	LagDays       int    `json:"lagDays"`
}

// Value implements driver.Valuer; nil lists are written as [].
func (s BaselineSnapshot) Value() (driver.Value, error) {
	s.Tasks, s.Dependencies = nonNil(s.Tasks), nonNil(s.Dependencies)
	return jsonValue(s)
}

// Scan implements sql.Scanner.
func (s *BaselineSnapshot) Scan(src any) error { return scanJSON(s, src, true) }

// ConflictData records a NetSuite sync conflict
// (netsuite_sync_metadata.conflict_data): the remote record mapped to a
// partial local row, kept verbatim, and why it conflicts.
type ConflictData struct {
	Remote json.RawMessage `json:"remote"`
	Reason string          `json:"reason"`
}

// Value implements driver.Valuer.
func (c ConflictData) Value() (driver.Value, error) { return jsonValue(c) }

// Scan implements sql.Scanner.
func (c *ConflictData) Scan(src any) error { return scanJSON(c, src, true) }

// MessageParts are the parts of a chat message (agent_memories.metadata): AI
// SDK UIMessage parts, kept verbatim so a conversation is restored as saved.
type MessageParts []MessagePart

// MessagePart is one UIMessage part (text, reasoning, tool-<name>, file, …),
// an object kept verbatim key by key.
type MessagePart map[string]json.RawMessage

// Type returns the part's "type" (e.g. "text", "tool-queryData"), or "" if it
// has none or it is not a string.
func (p MessagePart) Type() string {
	var t string
	if json.Unmarshal(p["type"], &t) != nil {
		return ""
	}
	return t
}

// Value implements driver.Valuer; nil is written as [].
func (m MessageParts) Value() (driver.Value, error) { return jsonValue(nonNil(m)) }

// Scan implements sql.Scanner.
func (m *MessageParts) Scan(src any) error { return scanJSON(m, src, false) }

// Embedding is a vector of floats (agent_memories.embedding; declared by the
// existing schema, never written by it).
type Embedding []float64

// Value implements driver.Valuer; nil is written as [], NaN and infinities
// are refused.
func (e Embedding) Value() (driver.Value, error) { return jsonValue(nonNil(e)) }

// Scan implements sql.Scanner.
func (e *Embedding) Scan(src any) error { return scanJSON(e, src, true) }

// JSONObject is an arbitrary JSON object (agent_items.metadata), kept verbatim
// key by key. Any other JSON value is refused.
type JSONObject map[string]json.RawMessage

// Value implements driver.Valuer; nil is written as {}.
func (o JSONObject) Value() (driver.Value, error) { return jsonValue(nonNilMap(o)) }

// Scan implements sql.Scanner.
func (o *JSONObject) Scan(src any) error { return scanJSON(o, src, false) }

// ThemeData is a theme definition (custom_themes.theme_data), the existing
// application's ThemeDefinition. ID is "" for themes the assistant generated;
// the row id is authoritative.
type ThemeData struct {
	ID            string             `json:"id"`
	Name          string             `json:"name"`
	Description   string             `json:"description"`
	Light         map[string]string  `json:"light"` // palette: 32 CSS color keys → oklch(…) values
	Dark          map[string]string  `json:"dark"`
	Fonts         ThemeFonts         `json:"fonts"`
	FontSources   ThemeFontSources   `json:"fontSources"`
	Tokens        ThemeTokens        `json:"tokens"`
	Shadows       ThemeShadows       `json:"shadows"`
	IsPreset      bool               `json:"isPreset"`
	PreviewColors ThemePreviewColors `json:"previewColors"`
}

// ThemeFonts are a theme's CSS font stacks.
type ThemeFonts struct {
	Sans  string `json:"sans"`
	Serif string `json:"serif"`
	Mono  string `json:"mono"`
}

// ThemeFontSources lists the web fonts a theme loads.
type ThemeFontSources struct {
	GoogleFonts []string `json:"googleFonts"`
}

// ThemeTokens are a theme's design tokens, all CSS values as strings.
type ThemeTokens struct {
	Radius         string `json:"radius"`
	Spacing        string `json:"spacing"`
	TrackingNormal string `json:"trackingNormal"`
	ShadowColor    string `json:"shadowColor"`
	ShadowOpacity  string `json:"shadowOpacity"`
	ShadowBlur     string `json:"shadowBlur"`
	ShadowSpread   string `json:"shadowSpread"`
	ShadowOffsetX  string `json:"shadowOffsetX"`
	ShadowOffsetY  string `json:"shadowOffsetY"`
}

// ThemeShadows map shadow sizes (2xs, xs, sm, default, md, lg, xl, 2xl) to
// CSS box-shadow values per mode.
type ThemeShadows struct {
	Light map[string]string `json:"light"`
	Dark  map[string]string `json:"dark"`
}

// ThemePreviewColors are the colors of a theme's preview swatch.
type ThemePreviewColors struct {
	Primary    string `json:"primary"`
	Background string `json:"background"`
	Foreground string `json:"foreground"`
}

// Value implements driver.Valuer; nil maps and lists are written as {} and [].
func (t ThemeData) Value() (driver.Value, error) {
	t.Light, t.Dark = nonNilMap(t.Light), nonNilMap(t.Dark)
	t.Shadows.Light, t.Shadows.Dark = nonNilMap(t.Shadows.Light), nonNilMap(t.Shadows.Dark)
	t.FontSources.GoogleFonts = nonNil(t.FontSources.GoogleFonts)
	return jsonValue(t)
}

// Scan implements sql.Scanner.
func (t *ThemeData) Scan(src any) error { return scanJSON(t, src, true) }

// DashboardSpec is a saved dashboard (custom_dashboards.spec_data): a
// json-render spec, a flat map of elements and the key of the root element.
type DashboardSpec struct {
	Root     string                      `json:"root"`
	Elements map[string]DashboardElement `json:"elements"`
}

// DashboardElement is one json-render element: a catalog component type, its
// props (kept verbatim) and the keys of its children. Absent props and
// children stay absent; an empty children list stays [].
type DashboardElement struct {
	Type     string          `json:"type"`
	Props    json.RawMessage `json:"props,omitzero"`
	Children []string        `json:"children,omitzero"`
}

// Value implements driver.Valuer; nil elements are written as {}.
func (s DashboardSpec) Value() (driver.Value, error) {
	s.Elements = nonNilMap(s.Elements)
	return jsonValue(s)
}

// Scan implements sql.Scanner.
func (s *DashboardSpec) Scan(src any) error { return scanJSON(s, src, true) }

// DashboardQueries are a dashboard's saved data queries
// (custom_dashboards.queries).
type DashboardQueries []DashboardQuery

// DashboardQuery is one saved query: a result key, a query type (customers,
// invoices, project_detail, …) and optional parameters.
type DashboardQuery struct {
	Key       string  `json:"key"`
	QueryType string  `json:"queryType"`
	ID        *string `json:"id,omitempty"`
	Search    *string `json:"search,omitempty"`
	Limit     *int    `json:"limit,omitempty"`
}

// Value implements driver.Valuer; nil is written as [].
func (q DashboardQueries) Value() (driver.Value, error) { return jsonValue(nonNil(q)) }

// Scan implements sql.Scanner.
func (q *DashboardQueries) Scan(src any) error { return scanJSON(q, src, true) }

// InterviewResponses are the questions and answers of a feedback interview
// (feedback_interviews.responses).
type InterviewResponses []InterviewResponse

// InterviewResponse is one question of a feedback interview and its answer.
type InterviewResponse struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
}

// Value implements driver.Valuer; nil is written as [].
func (r InterviewResponses) Value() (driver.Value, error) { return jsonValue(nonNil(r)) }

// Scan implements sql.Scanner.
func (r *InterviewResponses) Scan(src any) error { return scanJSON(r, src, true) }

// StringList is a JSON array of strings (feedback_interviews.pain_points and
// feature_requests, plugins.required_env_vars).
type StringList []string

// Value implements driver.Valuer; nil is written as [].
func (l StringList) Value() (driver.Value, error) { return jsonValue(nonNil(l)) }

// Scan implements sql.Scanner.
func (l *StringList) Scan(src any) error { return scanJSON(l, src, true) }

// Capabilities are what a plugin provides (plugins.capabilities). Values are
// not restricted; the known ones are the Capability constants.
type Capabilities []string

// Capabilities known to the plugin manifest.
const (
	CapabilityTools      = "tools"
	CapabilityActions    = "actions"
	CapabilityComponents = "components"
	CapabilityPrompt     = "prompt"
	CapabilityQueries    = "queries"
)

// knownCapabilities are the bare words accepted in the legacy form.
var knownCapabilities = []string{CapabilityTools, CapabilityActions, CapabilityComponents, CapabilityPrompt, CapabilityQueries}

// Value implements driver.Valuer, always writing a JSON array (nil as []).
func (c Capabilities) Value() (driver.Value, error) { return jsonValue(nonNil(c)) }

// Scan implements sql.Scanner. It reads a JSON array of strings and also the
// legacy bare capability name that the existing application stores for
// skills: `prompt` reads as Capabilities{"prompt"}.
func (c *Capabilities) Scan(src any) error {
	s, ok := text(src)
	if !ok {
		return unsupported[Capabilities](src)
	}
	if slices.Contains(knownCapabilities, s) {
		*c = Capabilities{s}
		return nil
	}
	if !strings.HasPrefix(strings.TrimLeft(s, " \t\r\n"), "[") {
		return invalidf[Capabilities](s, "want a JSON array of strings or a bare capability name")
	}
	return scanJSON(c, src, true)
}
