package dbtypes_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/compass-eng/compassdb/dbtypes"
)

func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{
		"2026-02-04T12:00:00.000Z", "2026-01-01T00:00:00Z", "2026-02-04T13:30:00.25+01:30",
		"2026-02-04T12:00:00.000123Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
		"9999-12-31T23:00:00-05:00", "2026-02-30T00:00:00Z", "2026-02-04", "", "garbage",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ts, err := dbtypes.ParseTimestamp(s)
		if err != nil {
			wantInvalid(t, err)
			return
		}
		if ts.Location() != time.UTC || ts.IsZero() || ts.Nanosecond()%int(time.Millisecond) != 0 {
			t.Fatalf("ParseTimestamp(%q) = %v", s, ts.Time)
		}
		v, err := ts.Value()
		if err != nil {
			t.Fatalf("accepted %q but Value failed: %v", s, err)
		}
		if v != ts.String() || len(ts.String()) != len(dbtypes.TimestampLayout) {
			t.Fatalf("Value() = %#v, String() = %q", v, ts.String())
		}
		var back dbtypes.Timestamp
		if err := back.Scan(v); err != nil || back != ts {
			t.Fatalf("round trip %q -> %v -> %v, %v", s, v, back.Time, err)
		}
		var fromBytes dbtypes.Timestamp
		if err := fromBytes.Scan([]byte(s)); err != nil || fromBytes != ts {
			t.Fatalf("Scan([]byte(%q)) = %v, %v", s, fromBytes.Time, err)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-02-04", "2024-02-29", "2026-02-29", "2026-02-30", "0000-01-01", "9999-12-31", "2026-1-04", "+026-01-04", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := dbtypes.ParseDate(s)
		if err != nil {
			wantInvalid(t, err)
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q) accepted a non-canonical form: %v", s, d)
		}
		if d.Time() != time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) || dbtypes.DateOf(d.Time()) != d {
			t.Fatalf("ParseDate(%q) = %+v is not a calendar date", s, d)
		}
		v, err := d.Value()
		if err != nil || v != s {
			t.Fatalf("Value() = %#v, %v", v, err)
		}
		var back dbtypes.Date
		if err := back.Scan([]byte(s)); err != nil || back != d {
			t.Fatalf("round trip %q -> %v, %v", s, back, err)
		}
		if n := d.DaysUntil(d.AddDays(40)); n != 40 {
			t.Fatalf("%v: DaysUntil(AddDays(40)) = %d", d, n)
		}
	})
}

func FuzzMoneyScan(f *testing.F) {
	f.Add(12.34, "12.34")
	f.Add(0.1+0.2, "-0.05")
	f.Add(12.345, "12.345")
	f.Add(math.Inf(1), "1e3")
	f.Add(1e13, "10000000000.01")
	f.Add(-0.0, "-0")
	f.Fuzz(func(t *testing.T, x float64, s string) {
		var m dbtypes.Money
		if err := m.Scan(x); err != nil {
			wantInvalid(t, err)
		} else {
			if math.Abs(m.Float64()-x) > 1e-6*max(1, math.Abs(x)) {
				t.Fatalf("Scan(%v) = %v: not the same amount", x, m)
			}
			checkMoneyRoundTrip(t, m)
		}
		m = 0
		if err := m.Scan(s); err != nil {
			wantInvalid(t, err)
		} else {
			checkMoneyRoundTrip(t, m)
		}
		m = 0
		if err := m.UnmarshalJSON([]byte(s)); err != nil {
			wantInvalid(t, err)
		} else {
			checkMoneyRoundTrip(t, m)
		}
	})
}

// checkMoneyRoundTrip checks that an accepted amount survives every writer.
func checkMoneyRoundTrip(t *testing.T, m dbtypes.Money) {
	t.Helper()
	v, err := m.Value()
	if err != nil {
		t.Fatalf("accepted %v but Value failed: %v", m, err)
	}
	var back dbtypes.Money
	if err := back.Scan(v); err != nil || back != m {
		t.Fatalf("REAL round trip %v -> %#v -> %v, %v", m, v, back, err)
	}
	if p, err := dbtypes.ParseMoney(m.String()); err != nil || p != m {
		t.Fatalf("ParseMoney(%q) = %v, %v", m.String(), p, err)
	}
	j, _ := json.Marshal(m)
	if err := json.Unmarshal(j, &back); err != nil || back != m {
		t.Fatalf("JSON round trip %v -> %s -> %v, %v", m, j, back, err)
	}
}

func FuzzJSONDocuments(f *testing.F) {
	for _, s := range []string{
		sampleLineItems, sampleSnapshot, sampleConflict, sampleMessageParts, sampleAgentItemMetadata,
		sampleTheme, sampleDashboardSpec, sampleDashboardQueries, sampleInterview, samplePainPoints,
		sampleCapabilities, sampleEmbedding, "prompt", "[]", "{}", "null", `{"tasks":null}`,
		`[{"key":"k","queryType":"q","id":null}]`, `{"Root":"a"}`, `["a",null]`, `[1e400]`, `{"a":1,"a":2}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		for name, newDoc := range documents() {
			doc := newDoc()
			if err := doc.Scan(data); err != nil {
				var iv *dbtypes.InvalidValueError
				if !errors.As(err, &iv) || iv.Type != "dbtypes."+name {
					t.Fatalf("%s: Scan(%q) error %v, want *InvalidValueError", name, data, err)
				}
				continue
			}
			v1, err := doc.Value()
			if err != nil {
				t.Fatalf("%s: accepted %q but Value failed: %v", name, data, err)
			}
			out := v1.(string)
			again := newDoc()
			if err := again.Scan(out); err != nil {
				t.Fatalf("%s: cannot read back its own %q: %v", name, out, err)
			}
			if v2, _ := again.Value(); v2 != out {
				t.Fatalf("%s: second write differs:\n%s\n%s", name, out, v2)
			}
			in, ok := decodeNumbers(data)
			if !ok {
				continue // the legacy bare capability name
			}
			back, _ := decodeNumbers(out)
			if !within(in, back) {
				t.Fatalf("%s: writing %q back as %q loses data", name, data, out)
			}
		}
	})
}

// decodeNumbers decodes JSON keeping numbers as written.
func decodeNumbers(s string) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var v any
	return v, dec.Decode(&v) == nil
}

// within reports whether every value of a is in b: b may add object keys
// (fields absent from the input) and omit keys whose input value is null.
func within(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok {
			return false
		}
		for k, av := range a {
			bv, ok := bm[k]
			if !ok && av != nil || ok && !within(av, bv) {
				return false
			}
		}
		return true
	case []any:
		bs, ok := b.([]any)
		if !ok || len(bs) != len(a) {
			return false
		}
		for i := range a {
			if !within(a[i], bs[i]) {
				return false
			}
		}
		return true
	case json.Number:
		bn, ok := b.(json.Number)
		fa, ea := a.Float64()
		fb, eb := bn.Float64()
		return ok && (a == bn || ea == nil && eb == nil && fa == fb)
	default:
		return a == b
	}
}
