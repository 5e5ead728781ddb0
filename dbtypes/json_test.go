package dbtypes_test

import (
	"database/sql"
	"database/sql/driver"
	"reflect"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb/dbtypes"
)

// document is the pointer half of a JSON column type.
type document interface {
	sql.Scanner
	driver.Valuer
}

// documents returns a new, empty value of every JSON column type.
func documents() map[string]func() document {
	return map[string]func() document{
		"LineItems":          func() document { return new(dbtypes.LineItems) },
		"BaselineSnapshot":   func() document { return new(dbtypes.BaselineSnapshot) },
		"ConflictData":       func() document { return new(dbtypes.ConflictData) },
		"MessageParts":       func() document { return new(dbtypes.MessageParts) },
		"Embedding":          func() document { return new(dbtypes.Embedding) },
		"JSONObject":         func() document { return new(dbtypes.JSONObject) },
		"ThemeData":          func() document { return new(dbtypes.ThemeData) },
		"DashboardSpec":      func() document { return new(dbtypes.DashboardSpec) },
		"DashboardQueries":   func() document { return new(dbtypes.DashboardQueries) },
		"InterviewResponses": func() document { return new(dbtypes.InterviewResponses) },
		"StringList":         func() document { return new(dbtypes.StringList) },
		"Capabilities":       func() document { return new(dbtypes.Capabilities) },
	}
}

// rewrite scans src into a new document of the named type and writes it back.
func rewrite(t *testing.T, typ string, src any) string {
	t.Helper()
	doc := documents()[typ]()
	if err := doc.Scan(src); err != nil {
		t.Fatalf("Scan: %v", err)
	}
	v, err := doc.Value()
	if err != nil {
		t.Fatalf("Value: %v", err)
	}
	s, ok := v.(string)
	if !ok {
		t.Fatalf("Value() = %T, want string so SQLite stores TEXT", v)
	}
	return s
}

func TestJSONAppSamplesRoundTrip(t *testing.T) {
	tests := []struct{ typ, sample string }{
		{"LineItems", sampleLineItems},
		{"LineItems", `[]`},
		{"BaselineSnapshot", sampleSnapshot},
		{"ConflictData", sampleConflict},
		{"MessageParts", sampleMessageParts},
		{"Embedding", sampleEmbedding},
		{"JSONObject", sampleAgentItemMetadata},
		{"JSONObject", `{}`},
		{"ThemeData", sampleTheme},
		{"DashboardSpec", sampleDashboardSpec},
		{"DashboardQueries", `[]`},
		{"DashboardQueries", sampleDashboardQueries},
		{"InterviewResponses", sampleInterview},
		{"StringList", samplePainPoints},
		{"StringList", `[]`},
		{"Capabilities", sampleCapabilities},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			for _, src := range []any{tt.sample, []byte(tt.sample)} {
				out := rewrite(t, tt.typ, src)
				if !sameJSON(t, tt.sample, out) {
					t.Errorf("re-marshaled document differs:\n in: %s\nout: %s", tt.sample, out)
				}
				if strings.ContainsAny(out, "\n\t") || strings.Contains(out, `\u003c`) {
					t.Errorf("Value is not compact, unescaped JSON: %s", out)
				}
				again := documents()[tt.typ]()
				if err := again.Scan(out); err != nil {
					t.Fatalf("rescan: %v", err)
				}
				if v, _ := again.Value(); v != out {
					t.Errorf("second write differs:\n%s\n%s", out, v)
				}
			}
		})
	}
}

func TestJSONDecodedFields(t *testing.T) {
	var snap dbtypes.BaselineSnapshot
	if err := snap.Scan(sampleSnapshot); err != nil {
		t.Fatal(err)
	}
	if len(snap.Tasks) != 2 || len(snap.Dependencies) != 1 {
		t.Fatalf("snapshot = %+v", snap)
	}
	t0, t1 := snap.Tasks[0], snap.Tasks[1]
	if t0.AssignedTo == nil || *t0.AssignedTo != "user-2" || t1.AssignedTo != nil {
		t.Errorf("assignedTo = %v, %v; want user-2 and nil", t0.AssignedTo, t1.AssignedTo)
	}
	if !t0.IsCriticalPath || t0.IsMilestone || !t1.IsMilestone || t0.PercentComplete != 100 || t1.Workdays != 3 || t1.SortOrder != 1 {
		t.Errorf("task fields = %+v / %+v", t0, t1)
	}
	if t1.CreatedAt != "2026-01-01T00:00:00Z" || t0.StartDate != "2026-02-02" {
		t.Errorf("dates and timestamps must stay as written: %q %q", t1.CreatedAt, t0.StartDate)
	}
	if d := snap.Dependencies[0]; d.Type != "FS" || d.LagDays != 2 || d.SuccessorID != "task-n001-002" {
		t.Errorf("dependency = %+v", d)
	}

	var theme dbtypes.ThemeData
	if err := theme.Scan(sampleTheme); err != nil {
		t.Fatal(err)
	}
	if len(theme.Light) != 32 || len(theme.Dark) != 32 || theme.Light["sidebar-ring"] != "oklch(0.92 0.1772 266.581)" {
		t.Errorf("palettes have %d and %d keys", len(theme.Light), len(theme.Dark))
	}
	if len(theme.Shadows.Light) != 8 || theme.Shadows.Dark["2xl"] == "" || theme.Tokens.ShadowOffsetY != "1px" ||
		theme.Fonts.Mono == "" || len(theme.FontSources.GoogleFonts) != 3 || theme.IsPreset || theme.ID != "" ||
		theme.PreviewColors.Primary != theme.Light["primary"] {
		t.Errorf("theme fields = %+v", theme)
	}

	var parts dbtypes.MessageParts
	if err := parts.Scan(sampleMessageParts); err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, p := range parts {
		types = append(types, p.Type())
	}
	want := "step-start reasoning tool-queryData tool-navigateTo dynamic-tool source-url file data-dashboard text"
	if got := strings.Join(types, " "); got != want {
		t.Errorf("part types = %s, want %s", got, want)
	}
	if got := (dbtypes.MessagePart{"type": []byte(`42`)}).Type(); got != "" {
		t.Errorf("Type() of a non-string type = %q", got)
	}

	var spec dbtypes.DashboardSpec
	if err := spec.Scan(sampleDashboardSpec); err != nil {
		t.Fatal(err)
	}
	if spec.Root != "main" || len(spec.Elements["main"].Children) != 3 || spec.Elements["table"].Type != "DataTable" {
		t.Errorf("spec = %+v", spec)
	}
	if c := spec.Elements["open-invoices"].Children; c == nil || len(c) != 0 {
		t.Errorf("empty children = %#v, want an empty non-nil list", c)
	}
	if c := spec.Elements["overdue"].Children; c != nil {
		t.Errorf("absent children = %#v, want nil", c)
	}

	var qs dbtypes.DashboardQueries
	if err := qs.Scan(sampleDashboardQueries); err != nil {
		t.Fatal(err)
	}
	if *qs[0].Limit != 50 || *qs[0].Search != "overdue" || *qs[1].ID != "proj-n-001" || qs[2].ID != nil || qs[2].Limit != nil {
		t.Errorf("queries = %+v", qs)
	}

	var items dbtypes.LineItems
	if err := items.Scan(sampleLineItems); err != nil {
		t.Fatal(err)
	}
	if items[1].Amount != 476.40000000000003 || items[0].Description != "Framing labor" {
		t.Errorf("line items = %+v", items)
	}
}

func TestJSONValueOfEmpty(t *testing.T) {
	tests := []struct {
		v    driver.Valuer
		want string
	}{
		{dbtypes.LineItems(nil), `[]`},
		{dbtypes.MessageParts(nil), `[]`},
		{dbtypes.Embedding(nil), `[]`},
		{dbtypes.DashboardQueries(nil), `[]`},
		{dbtypes.InterviewResponses(nil), `[]`},
		{dbtypes.StringList(nil), `[]`},
		{dbtypes.Capabilities(nil), `[]`},
		{dbtypes.JSONObject(nil), `{}`},
		{dbtypes.BaselineSnapshot{}, `{"tasks":[],"dependencies":[]}`},
		{dbtypes.DashboardSpec{}, `{"root":"","elements":{}}`},
		{dbtypes.ConflictData{Reason: "r"}, `{"remote":null,"reason":"r"}`},
		{dbtypes.ThemeData{}, `{"id":"","name":"","description":"","light":{},"dark":{},"fonts":{"sans":"","serif":"","mono":""},"fontSources":{"googleFonts":[]},"tokens":{"radius":"","spacing":"","trackingNormal":"","shadowColor":"","shadowOpacity":"","shadowBlur":"","shadowSpread":"","shadowOffsetX":"","shadowOffsetY":""},"shadows":{"light":{},"dark":{}},"isPreset":false,"previewColors":{"primary":"","background":"","foreground":""}}`},
	}
	for _, tt := range tests {
		got, err := tt.v.Value()
		if err != nil || got != tt.want {
			t.Errorf("%T.Value() = %#v, %v; want %s", tt.v, got, err, tt.want)
		}
	}
}

func TestJSONRoundTripFromGo(t *testing.T) {
	who := "user-9"
	limit := 5
	snap := dbtypes.BaselineSnapshot{
		Tasks: []dbtypes.BaselineTask{{ID: "t1", ProjectID: "p1", Title: "Roof <&> trim", StartDate: "2026-03-02", Workdays: 4,
			EndDateCalculated: "2026-03-05", Phase: "roofing", Status: "PENDING", AssignedTo: &who, CreatedAt: "2026-02-04T12:00:00.000Z"}},
		Dependencies: []dbtypes.BaselineDependency{},
	}
	if got := roundTrip[dbtypes.BaselineSnapshot](t, snap); !reflect.DeepEqual(got, snap) {
		t.Errorf("round trip %+v -> %+v", snap, got)
	}
	items := dbtypes.LineItems{{Description: "Concrete", Quantity: 2.5, Rate: 130, Amount: 325}}
	if got := roundTrip[dbtypes.LineItems](t, items); !reflect.DeepEqual(got, items) {
		t.Errorf("round trip %+v -> %+v", items, got)
	}
	qs := dbtypes.DashboardQueries{{Key: "k", QueryType: "vendors", Limit: &limit}}
	if got := roundTrip[dbtypes.DashboardQueries](t, qs); !reflect.DeepEqual(got, qs) {
		t.Errorf("round trip %+v -> %+v", qs, got)
	}
	emb := dbtypes.Embedding{0.25, -1, 1e-300}
	if got := roundTrip[dbtypes.Embedding](t, emb); !reflect.DeepEqual(got, emb) {
		t.Errorf("round trip %v -> %v", emb, got)
	}
	caps := dbtypes.Capabilities{dbtypes.CapabilityTools, dbtypes.CapabilityActions, dbtypes.CapabilityComponents, dbtypes.CapabilityPrompt, dbtypes.CapabilityQueries}
	if got := roundTrip[dbtypes.Capabilities](t, caps); !reflect.DeepEqual(got, caps) {
		t.Errorf("round trip %v -> %v", caps, got)
	}
	resp := dbtypes.InterviewResponses{{Question: "q?", Answer: "a."}}
	if got := roundTrip[dbtypes.InterviewResponses](t, resp); !reflect.DeepEqual(got, resp) {
		t.Errorf("round trip %v -> %v", resp, got)
	}
	list := dbtypes.StringList{"DATABASE_URL", ""}
	if got := roundTrip[dbtypes.StringList](t, list); !reflect.DeepEqual(got, list) {
		t.Errorf("round trip %v -> %v", list, got)
	}
	obj := dbtypes.JSONObject{"a": []byte(`[1,2]`), "b": []byte(`null`)}
	if got := roundTrip[dbtypes.JSONObject](t, obj); !reflect.DeepEqual(got, obj) {
		t.Errorf("round trip %s -> %s", obj, got)
	}
	conflict := dbtypes.ConflictData{Remote: []byte(`{"name":"X"}`), Reason: "r"}
	if got := roundTrip[dbtypes.ConflictData](t, conflict); !reflect.DeepEqual(got, conflict) {
		t.Errorf("round trip %+v -> %+v", conflict, got)
	}
	spec := dbtypes.DashboardSpec{Root: "a", Elements: map[string]dbtypes.DashboardElement{
		"a": {Type: "Card", Props: []byte(`{"title":"T"}`), Children: []string{"b"}}, "b": {Type: "Text"}}}
	if got := roundTrip[dbtypes.DashboardSpec](t, spec); !reflect.DeepEqual(got, spec) {
		t.Errorf("round trip %+v -> %+v", spec, got)
	}
	parts := dbtypes.MessageParts{{"type": []byte(`"text"`), "text": []byte(`"hi"`)}}
	if got := roundTrip[dbtypes.MessageParts](t, parts); !reflect.DeepEqual(got, parts) {
		t.Errorf("round trip %v -> %v", parts, got)
	}
	theme := dbtypes.ThemeData{Name: "N", Light: map[string]string{"background": "oklch(1 0 0)"}, Dark: map[string]string{},
		FontSources: dbtypes.ThemeFontSources{GoogleFonts: []string{"Inter"}},
		Shadows:     dbtypes.ThemeShadows{Light: map[string]string{"sm": "none"}, Dark: map[string]string{}}}
	if got := roundTrip[dbtypes.ThemeData](t, theme); !reflect.DeepEqual(got, theme) {
		t.Errorf("round trip %+v -> %+v", theme, got)
	}
}

func TestCapabilitiesLegacyBareWord(t *testing.T) {
	for _, src := range []any{"prompt", []byte("prompt")} {
		var c dbtypes.Capabilities
		if err := c.Scan(src); err != nil || !reflect.DeepEqual(c, dbtypes.Capabilities{dbtypes.CapabilityPrompt}) {
			t.Errorf("Scan(%q) = %#v, %v", src, c, err)
		}
		if v, err := c.Value(); v != `["prompt"]` || err != nil {
			t.Errorf("Value() = %#v, %v; want a JSON array", v, err)
		}
	}
}

func TestJSONInvalid(t *testing.T) {
	tests := []struct {
		name, typ string
		src       any
	}{
		{"malformed", "BaselineSnapshot", `{"tasks":[`},
		{"malformed", "LineItems", `[{"description":"x",}]`},
		{"malformed", "MessageParts", `[{"type":"text"]`},
		{"malformed", "JSONObject", `{"a":}`},
		{"malformed", "ThemeData", `{'id':''}`},
		{"empty text", "StringList", ``},
		{"blank text", "DashboardQueries", `   `},
		{"unknown top-level key", "BaselineSnapshot", `{"tasks":[],"dependencies":[],"baselineId":"b1"}`},
		{"unknown task key", "BaselineSnapshot", `{"tasks":[{"id":"t","notes":"x"}],"dependencies":[]}`},
		{"unknown line item key", "LineItems", `[{"description":"x","quantity":1,"rate":2,"amount":2,"taxable":true}]`},
		{"unknown conflict key", "ConflictData", `{"remote":{},"reason":"r","at":"now"}`},
		{"unknown theme token", "ThemeData", `{"tokens":{"radius":"1rem","letterSpacing":"0"}}`},
		{"unknown element key", "DashboardSpec", `{"root":"a","elements":{"a":{"type":"Card","visible":true}}}`},
		{"unknown query key", "DashboardQueries", `[{"key":"k","queryType":"customers","offset":10}]`},
		{"unknown response key", "InterviewResponses", `[{"question":"q","answer":"a","followUp":"f"}]`},
		{"wrong type", "BaselineSnapshot", `{"tasks":[{"id":"t","workdays":"5"}]}`},
		{"fractional int", "BaselineSnapshot", `{"tasks":[{"id":"t","percentComplete":50.5}]}`},
		{"string amount", "LineItems", `[{"description":"x","amount":"12.00"}]`},
		{"number in string list", "StringList", `["a",1]`},
		{"object not array", "StringList", `{"a":"b"}`},
		{"null for a string", "BaselineSnapshot", `{"tasks":[{"id":"t","title":null}],"dependencies":[]}`},
		{"null in a string list", "StringList", `["a",null]`},
		{"null palette value", "ThemeData", `{"light":{"background":null}}`},
		{"null in an embedding", "Embedding", `[0.5,null]`},
		{"null reason", "ConflictData", `{"remote":{},"reason":null}`},
		{"null task list", "BaselineSnapshot", `{"tasks":null,"dependencies":[]}`},
		{"null palette", "ThemeData", `{"light":null}`},
		{"null elements", "DashboardSpec", `{"root":"a","elements":null}`},
		{"key in the wrong case", "BaselineSnapshot", `{"Tasks":[],"dependencies":[]}`},
		{"task key in the wrong case", "BaselineSnapshot", `{"tasks":[{"ID":"t"}],"dependencies":[]}`},
		{"JSON null document", "LineItems", `null`},
		{"JSON null object", "JSONObject", ` null `},
		{"JSON null snapshot", "BaselineSnapshot", `null`},
		{"array for object", "JSONObject", `[]`},
		{"number for object", "JSONObject", `5`},
		{"string for object", "JSONObject", `"x"`},
		{"non-object part", "MessageParts", `["text"]`},
		{"trailing data", "DashboardQueries", `[] []`},
		{"trailing garbage", "JSONObject", `{}x`},
		{"invalid UTF-8", "StringList", "[\"caf\xe9\"]"},
		{"invalid UTF-8 raw", "MessageParts", "[{\"text\":\"\xff\"}]"},
		{"bare unknown capability", "Capabilities", `admin`},
		{"comma list capabilities", "Capabilities", `tools,prompt`},
		{"quoted capability", "Capabilities", `"prompt"`},
		{"capability padded", "Capabilities", ` prompt`},
		{"empty capabilities", "Capabilities", ``},
		{"null capabilities", "Capabilities", `null`},
		{"NULL", "LineItems", nil},
		{"integer", "JSONObject", int64(1)},
		{"NULL", "Capabilities", nil},
	}
	for _, tt := range tests {
		t.Run(tt.typ+"/"+tt.name, func(t *testing.T) {
			doc := documents()[tt.typ]()
			iv := wantInvalid(t, doc.Scan(tt.src))
			if want := "dbtypes." + tt.typ; iv.Type != want {
				t.Errorf("error type %q, want %q", iv.Type, want)
			}
			if s, ok := tt.src.(string); ok && iv.Value != s {
				t.Errorf("error value %q, want the input %q", iv.Value, s)
			}
			if strings.HasPrefix(tt.name, "unknown") && !strings.Contains(iv.Reason, "unknown field") {
				t.Errorf("reason %q, want it to name the unknown field", iv.Reason)
			}
		})
	}
}

func TestJSONValueRefusesUnencodable(t *testing.T) {
	inf := 1.0
	for range 400 {
		inf *= 10
	}
	for _, v := range []driver.Valuer{
		dbtypes.Embedding{inf},
		dbtypes.LineItems{{Amount: inf}},
		dbtypes.JSONObject{"a": []byte(`{bad`)},
	} {
		_, err := v.Value()
		wantInvalid(t, err)
	}
}
