package dbtypes

import (
	"cmp"
	"database/sql/driver"
	"fmt"
	"strconv"
	"time"
)

// DateLayout is the stored form of a calendar date.
const DateLayout = "2006-01-02"

// Date is a civil calendar date with no time zone, stored as TEXT YYYY-MM-DD
// (schedule start and end dates, invoice and payment dates). The zero Date is
// "no date" and is refused on write.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses exactly YYYY-MM-DD and refuses anything that is not a real
// calendar date in the years 0001–9999 (2026-02-30 is an error).
func ParseDate(s string) (Date, error) {
	if len(s) != len(DateLayout) || s[4] != '-' || s[7] != '-' || !allDigits(s[:4]+s[5:7]+s[8:]) {
		return Date{}, invalidf[Date](s, "want YYYY-MM-DD")
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if err := date.check(); err != nil {
		return Date{}, err
	}
	return date, nil
}

// MustParseDate is ParseDate for literals known to be valid; it panics otherwise.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// allDigits reports whether s is all ASCII digits.
func allDigits(s string) bool {
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// check refuses a Date that is zero or not a real calendar date.
func (d Date) check() error {
	switch {
	case d.IsZero():
		return invalidf[Date](d.String(), "zero Date: the date was never set")
	case d.Year < 1 || d.Year > 9999 || DateOf(d.Time()) != d:
		return invalidf[Date](d.String(), "not a calendar date in 0001-9999")
	}
	return nil
}

// String returns d as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n calendar days after d (before it if n < 0).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Compare returns -1, 0 or +1 as d is before, equal to or after u.
func (d Date) Compare(u Date) int {
	if c := cmp.Compare(d.Year, u.Year); c != 0 {
		return c
	}
	if c := cmp.Compare(d.Month, u.Month); c != 0 {
		return c
	}
	return cmp.Compare(d.Day, u.Day)
}

// Before reports whether d is before u.
func (d Date) Before(u Date) bool { return d.Compare(u) < 0 }

// After reports whether d is after u.
func (d Date) After(u Date) bool { return d.Compare(u) > 0 }

// DaysUntil returns the signed number of calendar days from d to u: positive
// when u is after d.
func (d Date) DaysUntil(u Date) int {
	const day = 24 * 60 * 60
	return int((u.Time().Unix() - d.Time().Unix()) / day)
}

// Value implements driver.Valuer, writing YYYY-MM-DD; it refuses a zero or
// invalid Date.
func (d Date) Value() (driver.Value, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	return d.String(), nil
}

// Scan implements sql.Scanner for YYYY-MM-DD text and for a time.Time at
// midnight from the driver.
func (d *Date) Scan(src any) error {
	if t, ok := src.(time.Time); ok {
		if h, m, s := t.Clock(); h != 0 || m != 0 || s != 0 || t.Nanosecond() != 0 {
			return invalidf[Date](t.Format(time.RFC3339Nano), "has a time of day")
		}
		date := DateOf(t)
		if err := date.check(); err != nil {
			return err
		}
		*d = date
		return nil
	}
	s, ok := text(src)
	if !ok {
		return unsupported[Date](src)
	}
	date, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = date
	return nil
}

// MarshalText returns YYYY-MM-DD; it refuses a zero or invalid Date.
func (d Date) MarshalText() ([]byte, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	return []byte(d.String()), nil
}

// UnmarshalText parses like ParseDate.
func (d *Date) UnmarshalText(b []byte) error {
	date, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = date
	return nil
}

// MarshalJSON writes d as a "YYYY-MM-DD" JSON string.
func (d Date) MarshalJSON() ([]byte, error) { return marshalQuoted(d.MarshalText) }

// UnmarshalJSON reads a "YYYY-MM-DD" JSON string; null leaves d unchanged.
func (d *Date) UnmarshalJSON(b []byte) error { return unmarshalQuoted[Date](b, d.UnmarshalText) }

// NullDate is an optional Date (invoices.due_date, vendor_bills.due_date).
// It reads SQL NULL and the legacy empty string "" that the existing
// application stores as absent, and writes absent as NULL.
type NullDate struct {
	Date  Date
	Valid bool // Valid is true if Date is present
}

// NewNullDate returns d as a present NullDate.
func NewNullDate(d Date) NullDate { return NullDate{Date: d, Valid: true} }

// Value implements driver.Valuer: NULL when absent, else Date's Value.
func (n NullDate) Value() (driver.Value, error) {
	if !n.Valid {
		return nil, nil
	}
	return n.Date.Value()
}

// Scan implements sql.Scanner; NULL and "" read as absent.
func (n *NullDate) Scan(src any) error {
	if s, ok := text(src); src == nil || ok && s == "" {
		*n = NullDate{}
		return nil
	}
	var d Date
	if err := d.Scan(src); err != nil {
		return err
	}
	*n = NewNullDate(d)
	return nil
}

// MarshalJSON writes null when absent, else the Date's JSON string.
func (n NullDate) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return n.Date.MarshalJSON()
}

// UnmarshalJSON reads null as absent and a string like ParseDate.
func (n *NullDate) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = NullDate{}
		return nil
	}
	var d Date
	if err := d.UnmarshalJSON(b); err != nil {
		return err
	}
	*n = NewNullDate(d)
	return nil
}
