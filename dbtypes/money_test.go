package dbtypes_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/compass-eng/compassdb/dbtypes"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in      string
		want    dbtypes.Money
		wantErr bool
	}{
		{"12.34", 1234, false},
		{"-0.05", -5, false},
		{"0", 0, false},
		{"-0", 0, false},
		{"12.3", 1230, false},
		{"007.50", 750, false},
		{"10000000000.00", 1_000_000_000_000, false},
		{"-10000000000", -1_000_000_000_000, false},
		{"10000000000.01", 0, true},
		{"99999999999999999999", 0, true},
		{"", 0, true},
		{"-", 0, true},
		{"12.", 0, true},
		{".5", 0, true},
		{"12.345", 0, true},
		{"12.340", 0, true},
		{"1e3", 0, true},
		{"+1", 0, true},
		{"--1", 0, true},
		{"1,000.00", 0, true},
		{" 1", 0, true},
		{"12.3.4", 0, true},
		{"NaN", 0, true},
	}
	for _, tt := range tests {
		got, err := dbtypes.ParseMoney(tt.in)
		if tt.wantErr {
			if iv := wantInvalid(t, err); iv.Type != "dbtypes.Money" {
				t.Errorf("ParseMoney(%q) error type %q", tt.in, iv.Type)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestMoneyString(t *testing.T) {
	tests := []struct {
		m    dbtypes.Money
		want string
	}{
		{1234, "12.34"},
		{-5, "-0.05"},
		{0, "0.00"},
		{100, "1.00"},
		{-100000, "-1000.00"},
		{math.MinInt64, "-92233720368547758.08"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("Money(%d).String() = %q, want %q", int64(tt.m), got, tt.want)
		}
	}
	if got := dbtypes.Cents(-1234).Float64(); got != -12.34 {
		t.Errorf("Float64() = %v", got)
	}
}

func TestMoneyScan(t *testing.T) {
	// Computed at run time: as constants these would be exact.
	a, b, tenth := 0.1, 0.2, 0.1
	sum := 0.0
	for range 10 {
		sum += tenth
	}
	price, qty := 19.99, 3.0
	tests := []struct {
		name    string
		src     any
		want    dbtypes.Money
		wantErr bool
	}{
		{"real", 12.34, 1234, false},
		{"negative real", -0.05, -5, false},
		{"JS noise 0.1+0.2", a + b, 30, false},
		{"JS noise ten tenths", sum, 100, false},
		{"JS product", qty * price, 5997, false},
		{"large real", 9876543210.98, 987654321098, false},
		{"integer units", int64(12), 1200, false},
		{"negative integer units", int64(-3), -300, false},
		{"decimal text", "12.34", 1234, false},
		{"decimal bytes", []byte("-0.05"), -5, false},
		{"sub-cent real", 12.345, 0, true},
		{"sub-cent real 1.005", 1.005, 0, true},
		{"hundredth of a cent", 0.0001, 0, true},
		{"a third", 1.0 / 3, 0, true},
		{"NaN", math.NaN(), 0, true},
		{"+Inf", math.Inf(1), 0, true},
		{"-Inf", math.Inf(-1), 0, true},
		{"huge real", 1e300, 0, true},
		{"just out of range", 10000000000.01, 0, true},
		{"large sub-cent real", 9876543210.985, 0, true},
		{"huge integer", int64(math.MaxInt64), 0, true},
		{"sub-cent text", "12.345", 0, true},
		{"text", "abc", 0, true},
		{"empty text", "", 0, true},
		{"NULL", nil, 0, true},
		{"bool", true, 0, true},
		{"time", time.Now(), 0, true},
	}
	for _, tt := range tests {
		m := dbtypes.Cents(777)
		err := m.Scan(tt.src)
		if tt.wantErr {
			wantInvalid(t, err)
			if m != 777 {
				t.Errorf("%s: failed Scan changed the destination to %v", tt.name, m)
			}
			continue
		}
		if err != nil || m != tt.want {
			t.Errorf("%s: Scan(%#v) = %d, %v; want %d", tt.name, tt.src, m, err, tt.want)
		}
	}
}

func TestMoneyRoundTrip(t *testing.T) {
	for _, m := range []dbtypes.Money{0, 1, -1, 5, 1234, -5, 30, 99_999_999, 123_456_789_012, 1_000_000_000_000, -1_000_000_000_000} {
		v, err := m.Value()
		if err != nil {
			t.Fatalf("Value(%v): %v", m, err)
		}
		if f, ok := v.(float64); !ok || f != float64(m)/100 {
			t.Errorf("Value(%v) = %#v, want float64 units", m, v)
		}
		if got := roundTrip[dbtypes.Money](t, m); got != m {
			t.Errorf("round trip %v -> %v", m, got)
		}
		if got, err := dbtypes.ParseMoney(m.String()); err != nil || got != m {
			t.Errorf("ParseMoney(%q) = %v, %v", m.String(), got, err)
		}
	}
	for _, m := range []dbtypes.Money{1_000_000_000_001, math.MinInt64} {
		_, err := m.Value()
		wantInvalid(t, err)
	}
}

func TestMoneyJSON(t *testing.T) {
	type doc struct {
		Total dbtypes.Money `json:"total"`
	}
	b, err := json.Marshal(doc{Total: -1205})
	if err != nil || string(b) != `{"total":-12.05}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	tests := []struct {
		in      string
		want    dbtypes.Money
		wantErr bool
	}{
		{`{"total":12.34}`, 1234, false},
		{`{"total":-12.05}`, -1205, false},
		{`{"total":7}`, 700, false},
		{`{"total":0.30000000000000004}`, 30, false},
		{`{"total":12.340}`, 1234, false},
		{`{"total":1e2}`, 10000, false},
		{`{"total":12.345}`, 0, true},
		{`{"total":"12.34"}`, 0, true},
		{`{"total":true}`, 0, true},
		{`{"total":1e400}`, 0, true},
	}
	for _, tt := range tests {
		var out doc
		err := json.Unmarshal([]byte(tt.in), &out)
		if tt.wantErr {
			wantInvalid(t, err)
			continue
		}
		if err != nil || out.Total != tt.want {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", tt.in, out.Total, err, tt.want)
		}
	}
	out := doc{Total: 5}
	if err := json.Unmarshal([]byte(`{"total":null}`), &out); err != nil || out.Total != 5 {
		t.Errorf("Unmarshal null = %v, %v; want unchanged", out.Total, err)
	}
	var m dbtypes.Money
	wantInvalid(t, m.UnmarshalJSON([]byte("Infinity")))
}
