package dbtypes_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/compass-eng/compassdb/dbtypes"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want dbtypes.Date // zero means an error is expected
	}{
		{"2026-02-04", dbtypes.Date{Year: 2026, Month: time.February, Day: 4}},
		{"2024-02-29", dbtypes.Date{Year: 2024, Month: time.February, Day: 29}},
		{"0001-01-01", dbtypes.Date{Year: 1, Month: time.January, Day: 1}},
		{"9999-12-31", dbtypes.Date{Year: 9999, Month: time.December, Day: 31}},
		{"2026-02-29", dbtypes.Date{}},
		{"2026-02-30", dbtypes.Date{}},
		{"2026-04-31", dbtypes.Date{}},
		{"2026-13-01", dbtypes.Date{}},
		{"2026-00-10", dbtypes.Date{}},
		{"2026-01-00", dbtypes.Date{}},
		{"0000-01-01", dbtypes.Date{}},
		{"2026-1-04", dbtypes.Date{}},
		{"2026-01-4 ", dbtypes.Date{}},
		{"+026-01-04", dbtypes.Date{}},
		{"2026-+1-04", dbtypes.Date{}},
		{"2026/01/04", dbtypes.Date{}},
		{"20260104", dbtypes.Date{}},
		{"2026-02-04T00:00:00Z", dbtypes.Date{}},
		{"", dbtypes.Date{}},
	}
	for _, tt := range tests {
		got, err := dbtypes.ParseDate(tt.in)
		if tt.want.IsZero() {
			if iv := wantInvalid(t, err); iv.Value != tt.in || iv.Type != "dbtypes.Date" {
				t.Errorf("ParseDate(%q) error = %+v", tt.in, iv)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if got.String() != tt.in {
			t.Errorf("String() = %q, want %q", got.String(), tt.in)
		}
	}
}

func TestDateRoundTrip(t *testing.T) {
	for _, s := range []string{"2026-02-04", "2024-02-29", "0001-01-01", "9999-12-31"} {
		d := dbtypes.MustParseDate(s)
		v, err := d.Value()
		if err != nil || v != s {
			t.Errorf("Value(%v) = %#v, %v", d, v, err)
		}
		if got := roundTrip[dbtypes.Date](t, d); got != d {
			t.Errorf("round trip %v -> %v", d, got)
		}
	}
}

func TestDateValueRefusesInvalid(t *testing.T) {
	for _, d := range []dbtypes.Date{
		{},
		{Year: 2026, Month: 13, Day: 1},
		{Year: 2026, Month: time.April, Day: 31},
		{Year: 2026, Month: time.February, Day: 29},
		{Year: 0, Month: time.January, Day: 1},
		{Year: 10000, Month: time.January, Day: 1},
	} {
		_, err := d.Value()
		wantInvalid(t, err)
		_, err = json.Marshal(d)
		wantInvalid(t, err)
	}
}

func TestDateScan(t *testing.T) {
	tests := []struct {
		name string
		src  any
		want string // "" means an error is expected
	}{
		{"string", "2026-02-04", "2026-02-04"},
		{"bytes", []byte("2026-12-31"), "2026-12-31"},
		{"driver midnight", time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC), "2026-02-04"},
		{"driver time of day", time.Date(2026, 2, 4, 12, 0, 0, 0, time.UTC), ""},
		{"timestamp text", "2026-02-04T00:00:00.000Z", ""},
		{"invalid date", "2026-02-30", ""},
		{"empty", "", ""},
		{"integer", int64(20260204), ""},
		{"NULL", nil, ""},
	}
	for _, tt := range tests {
		d := dbtypes.MustParseDate("2000-01-01")
		err := d.Scan(tt.src)
		if tt.want == "" {
			wantInvalid(t, err)
			if d != dbtypes.MustParseDate("2000-01-01") {
				t.Errorf("%s: failed Scan changed the destination to %v", tt.name, d)
			}
			continue
		}
		if err != nil || d.String() != tt.want {
			t.Errorf("%s: Scan(%#v) = %v, %v; want %s", tt.name, tt.src, d, err, tt.want)
		}
	}
}

func TestDateCalendar(t *testing.T) {
	d := dbtypes.MustParseDate
	if got := d("2026-02-04").Time(); got != time.Date(2026, 2, 4, 0, 0, 0, 0, time.UTC) {
		t.Errorf("Time() = %v", got)
	}
	if got := d("2026-02-04").Weekday(); got != time.Wednesday {
		t.Errorf("Weekday() = %v, want Wednesday", got)
	}
	tokyo := time.FixedZone("tokyo", 9*3600)
	if got := dbtypes.DateOf(time.Date(2026, 2, 4, 23, 30, 0, 0, tokyo)); got != d("2026-02-04") {
		t.Errorf("DateOf = %v, want the date in the time's own zone", got)
	}
	adds := []struct {
		from string
		n    int
		want string
	}{
		{"2026-02-04", 0, "2026-02-04"},
		{"2026-02-28", 1, "2026-03-01"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2026-12-31", 1, "2027-01-01"},
		{"2026-03-01", -1, "2026-02-28"},
		{"2026-03-08", 1, "2026-03-09"}, // US DST change: calendar days are not hours
		{"2026-01-01", 365, "2027-01-01"},
	}
	for _, a := range adds {
		if got := d(a.from).AddDays(a.n); got != d(a.want) {
			t.Errorf("%s.AddDays(%d) = %v, want %s", a.from, a.n, got, a.want)
		}
		if got := d(a.from).DaysUntil(d(a.want)); got != a.n {
			t.Errorf("%s.DaysUntil(%s) = %d, want %d", a.from, a.want, got, a.n)
		}
		if got := d(a.want).DaysUntil(d(a.from)); got != -a.n {
			t.Errorf("%s.DaysUntil(%s) = %d, want %d", a.want, a.from, got, -a.n)
		}
	}
	if got := d("0001-01-01").DaysUntil(d("9999-12-31")); got != 3652058 {
		t.Errorf("DaysUntil over the whole range = %d, want 3652058", got)
	}
	order := []string{"2025-12-31", "2026-01-30", "2026-02-01", "2026-02-02"}
	for i := range order {
		for j := range order {
			a, b := d(order[i]), d(order[j])
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if a.Compare(b) != want || a.Before(b) != (want < 0) || a.After(b) != (want > 0) {
				t.Errorf("%v vs %v: Compare %d Before %v After %v, want %d", a, b, a.Compare(b), a.Before(b), a.After(b), want)
			}
		}
	}
	if !(dbtypes.Date{}).IsZero() || d("2026-02-04").IsZero() {
		t.Error("IsZero is wrong")
	}
}

func TestMustParseDatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParseDate of an invalid date did not panic")
		}
	}()
	dbtypes.MustParseDate("2026-02-30")
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		On dbtypes.Date `json:"on"`
	}
	b, err := json.Marshal(doc{On: dbtypes.MustParseDate("2026-02-04")})
	if err != nil || string(b) != `{"on":"2026-02-04"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil || out.On != dbtypes.MustParseDate("2026-02-04") {
		t.Errorf("Unmarshal = %v, %v", out.On, err)
	}
	for _, bad := range []string{`{"on":"2026-02-30"}`, `{"on":20260204}`, `{"on":""}`} {
		wantInvalid(t, json.Unmarshal([]byte(bad), &out))
	}
}

func TestNullDate(t *testing.T) {
	absent := []any{nil, "", []byte("")}
	for _, src := range absent {
		n := dbtypes.NewNullDate(dbtypes.MustParseDate("2026-02-04"))
		if err := n.Scan(src); err != nil || n.Valid || !n.Date.IsZero() {
			t.Errorf("Scan(%#v) = %+v, %v; want absent", src, n, err)
		}
	}
	var n dbtypes.NullDate
	if err := n.Scan("2026-02-04"); err != nil || !n.Valid || n.Date != dbtypes.MustParseDate("2026-02-04") {
		t.Errorf("Scan(date) = %+v, %v", n, err)
	}
	for _, bad := range []any{"2026-02-30", " ", "null", int64(0)} {
		wantInvalid(t, new(dbtypes.NullDate).Scan(bad))
	}

	if v, err := (dbtypes.NullDate{}).Value(); v != nil || err != nil {
		t.Errorf("absent Value() = %#v, %v; want NULL", v, err)
	}
	present := dbtypes.NewNullDate(dbtypes.MustParseDate("2026-03-01"))
	if v, err := present.Value(); v != "2026-03-01" || err != nil {
		t.Errorf("Value() = %#v, %v", v, err)
	}
	if got := roundTrip[dbtypes.NullDate](t, present); got != present {
		t.Errorf("round trip %+v -> %+v", present, got)
	}
	if got := roundTrip[dbtypes.NullDate](t, dbtypes.NullDate{}); got.Valid {
		t.Errorf("round trip of absent = %+v", got)
	}
	_, err := dbtypes.NewNullDate(dbtypes.Date{}).Value()
	wantInvalid(t, err)

	type doc struct {
		Due dbtypes.NullDate `json:"due"`
	}
	for _, tt := range []struct {
		in   doc
		want string
	}{
		{doc{}, `{"due":null}`},
		{doc{Due: present}, `{"due":"2026-03-01"}`},
	} {
		b, err := json.Marshal(tt.in)
		if err != nil || string(b) != tt.want {
			t.Errorf("Marshal(%+v) = %s, %v; want %s", tt.in, b, err, tt.want)
		}
		out := doc{Due: dbtypes.NewNullDate(dbtypes.MustParseDate("1999-09-09"))}
		if err := json.Unmarshal(b, &out); err != nil || out != tt.in {
			t.Errorf("Unmarshal(%s) = %+v, %v", b, out, err)
		}
	}
	wantInvalid(t, json.Unmarshal([]byte(`{"due":"soon"}`), new(doc)))
}
