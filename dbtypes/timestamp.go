package dbtypes

import (
	"database/sql/driver"
	"encoding/json"
	"strings"
	"time"
)

// TimestampLayout is the stored timestamp form: that of JavaScript's
// Date.prototype.toISOString (UTC, millisecond precision, "Z" suffix), which
// the existing application writes and compares as strings.
const TimestampLayout = "2006-01-02T15:04:05.000Z"

// Timestamp is an instant stored as TEXT in TimestampLayout. It reads that
// form, the second-precision seed form (2026-01-01T00:00:00Z) and any RFC 3339
// time with an offset (converted to UTC). It refuses the zero time on write,
// so an unset field never lands in the database as year 1.
type Timestamp struct{ time.Time }

// Now returns the current time as a Timestamp: UTC, truncated to milliseconds.
func Now() Timestamp { return NewTimestamp(time.Now()) }

// NewTimestamp converts t to UTC and truncates it to the stored millisecond
// precision.
func NewTimestamp(t time.Time) Timestamp {
	return Timestamp{t.UTC().Truncate(time.Millisecond)}
}

// ParseTimestamp parses an RFC 3339 time such as 2026-02-04T12:00:00.000Z or
// 2026-02-04T13:00:00+01:00 into UTC. It refuses times finer than a
// millisecond (they could not be written back unchanged), the zero time and
// years outside 0001–9999.
func ParseTimestamp(s string) (Timestamp, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil || strings.Contains(s, ",") {
		return Timestamp{}, invalidf[Timestamp](s, "want RFC 3339 such as 2026-02-04T12:00:00.000Z")
	}
	ts := Timestamp{t.UTC()}
	if err := ts.check(); err != nil {
		return Timestamp{}, err
	}
	return ts, nil
}

// check refuses a time that cannot be stored and read back unchanged.
func (t Timestamp) check() error {
	u := t.UTC()
	switch {
	case u.IsZero():
		return invalidf[Timestamp](t.String(), "zero time: the Timestamp was never set")
	case u.Year() < 1 || u.Year() > 9999:
		return invalidf[Timestamp](t.String(), "year outside 0001-9999")
	case u.Nanosecond()%int(time.Millisecond) != 0:
		return invalidf[Timestamp](u.Format(time.RFC3339Nano), "finer than a millisecond")
	}
	return nil
}

// String returns t in the stored form, TimestampLayout.
func (t Timestamp) String() string { return t.UTC().Format(TimestampLayout) }

// stored returns the text Value writes: t truncated to milliseconds, as
// toISOString does, after refusing a zero or out-of-range time.
func (t Timestamp) stored() (string, error) {
	u := NewTimestamp(t.Time)
	if err := u.check(); err != nil {
		return "", err
	}
	return u.String(), nil
}

// Value implements driver.Valuer, writing TimestampLayout text.
func (t Timestamp) Value() (driver.Value, error) { return t.stored() }

// Scan implements sql.Scanner for text and for a time.Time from the driver.
func (t *Timestamp) Scan(src any) error {
	var ts Timestamp
	var err error
	switch v := src.(type) {
	case time.Time:
		ts = Timestamp{v.UTC()}
		err = ts.check()
	default:
		s, ok := text(src)
		if !ok {
			return unsupported[Timestamp](src)
		}
		ts, err = ParseTimestamp(s)
	}
	if err != nil {
		return err
	}
	*t = ts
	return nil
}

// MarshalText returns the stored form; it refuses the zero time.
func (t Timestamp) MarshalText() ([]byte, error) {
	s, err := t.stored()
	return []byte(s), err
}

// UnmarshalText parses like ParseTimestamp.
func (t *Timestamp) UnmarshalText(b []byte) error {
	ts, err := ParseTimestamp(string(b))
	if err != nil {
		return err
	}
	*t = ts
	return nil
}

// MarshalJSON writes the stored form as a JSON string; it refuses the zero time.
func (t Timestamp) MarshalJSON() ([]byte, error) { return marshalQuoted(t.MarshalText) }

// UnmarshalJSON reads a JSON string like ParseTimestamp; null leaves t unchanged.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	return unmarshalQuoted[Timestamp](b, t.UnmarshalText)
}

// marshalQuoted writes a text form as a JSON string.
func marshalQuoted(marshalText func() ([]byte, error)) ([]byte, error) {
	b, err := marshalText()
	if err != nil {
		return nil, err
	}
	return json.Marshal(string(b))
}

// unmarshalQuoted reads a JSON string into a text form. Following
// encoding/json's convention, null is a no-op.
func unmarshalQuoted[T any](b []byte, unmarshalText func([]byte) error) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return invalidf[T](string(b), "want a JSON string")
	}
	return unmarshalText([]byte(s))
}
