package dbtypes_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/compass-eng/compassdb/dbtypes"
)

func TestTimestampScan(t *testing.T) {
	plus := time.FixedZone("plus", 90*60)
	tests := []struct {
		name string
		src  any
		want string // stored form; "" means an error is expected
	}{
		{"toISOString", "2026-02-04T12:00:00.000Z", "2026-02-04T12:00:00.000Z"},
		{"seed without fraction", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.000Z"},
		{"bytes", []byte("2026-02-04T12:34:56.789Z"), "2026-02-04T12:34:56.789Z"},
		{"offset to UTC", "2026-02-04T13:30:00.250+01:30", "2026-02-04T12:00:00.250Z"},
		{"negative offset crossing a day", "2026-02-04T22:00:00-05:00", "2026-02-05T03:00:00.000Z"},
		{"short fraction", "2026-02-04T12:00:00.5Z", "2026-02-04T12:00:00.500Z"},
		{"driver time.Time", time.Date(2026, 2, 4, 13, 30, 0, 7e6, plus), "2026-02-04T12:00:00.007Z"},
		{"date only", "2026-02-04", ""},
		{"space separator", "2026-02-04 12:00:00Z", ""},
		{"no zone", "2026-02-04T12:00:00", ""},
		{"lowercase", "2026-02-04t12:00:00z", ""},
		{"comma fraction", "2026-02-04T12:00:00,123Z", ""},
		{"impossible day", "2026-02-30T00:00:00Z", ""},
		{"sub-millisecond", "2026-02-04T12:00:00.000123Z", ""},
		{"zero time", "0001-01-01T00:00:00Z", ""},
		{"year 0", "0000-06-01T00:00:00Z", ""},
		{"year 10000 after UTC", "9999-12-31T23:00:00-05:00", ""},
		{"empty", "", ""},
		{"epoch millis", int64(1770206400000), ""},
		{"NULL", nil, ""},
		{"zero time.Time", time.Time{}, ""},
		{"sub-ms time.Time", time.Date(2026, 2, 4, 12, 0, 0, 1, time.UTC), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := dbtypes.Now()
			before := ts
			err := ts.Scan(tt.src)
			if tt.want == "" {
				wantInvalid(t, err)
				if ts != before {
					t.Errorf("failed Scan changed the destination to %v", ts)
				}
				return
			}
			if err != nil {
				t.Fatalf("Scan(%#v): %v", tt.src, err)
			}
			if got := ts.String(); got != tt.want {
				t.Errorf("Scan(%#v) = %s, want %s", tt.src, got, tt.want)
			}
			if ts.Location() != time.UTC {
				t.Errorf("location = %v, want UTC", ts.Location())
			}
		})
	}
}

func TestTimestampRoundTrip(t *testing.T) {
	for _, ts := range []dbtypes.Timestamp{
		dbtypes.Now(),
		dbtypes.NewTimestamp(time.Date(2026, 2, 4, 12, 0, 0, 123e6, time.UTC)),
		dbtypes.NewTimestamp(time.Date(1, 1, 1, 0, 0, 0, 1e6, time.UTC)),
		dbtypes.NewTimestamp(time.Date(9999, 12, 31, 23, 59, 59, 999e6, time.UTC)),
	} {
		v, err := ts.Value()
		if err != nil {
			t.Fatalf("Value(%v): %v", ts, err)
		}
		if s, ok := v.(string); !ok || len(s) != len(dbtypes.TimestampLayout) || s != ts.String() {
			t.Errorf("Value(%v) = %#v, want the %d-char stored string", ts, v, len(dbtypes.TimestampLayout))
		}
		if got := roundTrip[dbtypes.Timestamp](t, ts); !got.Equal(ts.Time) {
			t.Errorf("round trip %v -> %v", ts, got)
		}
	}
}

func TestTimestampValue(t *testing.T) {
	zone := time.FixedZone("minus5", -5*3600)
	ts := dbtypes.Timestamp{Time: time.Date(2026, 2, 4, 7, 0, 0, 123456789, zone)}
	v, err := ts.Value()
	if err != nil || v != "2026-02-04T12:00:00.123Z" {
		t.Errorf("Value() = %#v, %v; want UTC, truncated to ms", v, err)
	}
	for _, bad := range []dbtypes.Timestamp{{}, {Time: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}} {
		_, err := bad.Value()
		wantInvalid(t, err)
	}
}

func TestNowAndNewTimestamp(t *testing.T) {
	now := dbtypes.Now()
	if now.Location() != time.UTC || now.Nanosecond()%1e6 != 0 {
		t.Errorf("Now() = %v, want UTC at ms precision", now.Time)
	}
	if d := time.Since(now.Time); d < 0 || d > time.Minute {
		t.Errorf("Now() is %v away from the clock", d)
	}
	in := time.Date(2026, 2, 4, 14, 0, 0, 999999999, time.FixedZone("plus2", 7200))
	got := dbtypes.NewTimestamp(in)
	if want := time.Date(2026, 2, 4, 12, 0, 0, 999e6, time.UTC); got.Time != want {
		t.Errorf("NewTimestamp(%v) = %v, want %v", in, got.Time, want)
	}
}

func TestParseTimestamp(t *testing.T) {
	ts, err := dbtypes.ParseTimestamp("2026-02-04T12:00:00Z")
	if err != nil || ts.String() != "2026-02-04T12:00:00.000Z" {
		t.Errorf("ParseTimestamp = %v, %v", ts, err)
	}
	_, err = dbtypes.ParseTimestamp("yesterday")
	if iv := wantInvalid(t, err); iv.Type != "dbtypes.Timestamp" || iv.Value != "yesterday" {
		t.Errorf("error = %+v", iv)
	}
}

func TestTimestampJSON(t *testing.T) {
	type doc struct {
		At dbtypes.Timestamp `json:"at"`
	}
	in := doc{At: dbtypes.NewTimestamp(time.Date(2026, 2, 4, 12, 0, 0, 5e6, time.UTC))}
	b, err := json.Marshal(in)
	if err != nil || string(b) != `{"at":"2026-02-04T12:00:00.005Z"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil || !out.At.Equal(in.At.Time) {
		t.Errorf("Unmarshal = %v, %v", out.At, err)
	}
	if err := json.Unmarshal([]byte(`{"at":"2026-02-04T13:00:00+01:00"}`), &out); err != nil || out.At.String() != "2026-02-04T12:00:00.000Z" {
		t.Errorf("Unmarshal offset = %v, %v", out.At, err)
	}
	keep := out
	if err := json.Unmarshal([]byte(`{"at":null}`), &out); err != nil || out != keep {
		t.Errorf("Unmarshal null = %v, %v; want unchanged", out.At, err)
	}
	if _, err := json.Marshal(doc{}); err == nil {
		t.Error("Marshal of a zero Timestamp succeeded")
	} else {
		wantInvalid(t, err)
	}
	for _, bad := range []string{`{"at":1770206400000}`, `{"at":"2026-02-04"}`} {
		wantInvalid(t, json.Unmarshal([]byte(bad), &out))
	}
	text, err := in.At.MarshalText()
	if err != nil || string(text) != "2026-02-04T12:00:00.005Z" {
		t.Errorf("MarshalText = %s, %v", text, err)
	}
}
