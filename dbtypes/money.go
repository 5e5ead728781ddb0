package dbtypes

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Money is an amount in cents. The money columns are REAL (IEEE doubles), as
// the existing application stores them; Money keeps amounts exact in Go and
// refuses stored values that are not a whole number of cents.
type Money int64

// maxCents bounds the magnitude of a Money that is stored (±10 billion units):
// up to it, a double still tells floating-point noise from a fraction of a cent.
const maxCents = 1_000_000_000_000

// Tolerances for floating-point noise (such as 0.1+0.2 = 0.30000000000000004)
// around a whole number of cents: absolute in cents, or relative to the amount.
const (
	centNoiseRel = 0x1p-46 // about 64 ulps
	centNoiseAbs = 1e-4
)

// Cents returns c cents as Money.
func Cents(c int64) Money { return Money(c) }

// ParseMoney parses an exact decimal amount such as "12.34", "-0.05" or "7":
// an optional leading '-', digits, and at most two fraction digits.
func ParseMoney(s string) (Money, error) {
	whole, frac, dot := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	if whole == "" || !allDigits(whole) ||
		dot && (frac == "" || len(frac) > 2 || !allDigits(frac)) {
		return 0, invalidf[Money](s, "want a decimal such as 12.34 or -0.05, with at most 2 fraction digits")
	}
	units, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || units > maxCents/100 {
		return 0, outOfRange(s)
	}
	cents := units * 100
	if frac != "" {
		f, _ := strconv.Atoi((frac + "0")[:2])
		cents += int64(f)
	}
	if cents > maxCents {
		return 0, outOfRange(s)
	}
	if strings.HasPrefix(s, "-") {
		cents = -cents
	}
	return Money(cents), nil
}

// outOfRange refuses an amount beyond ±maxCents.
func outOfRange(value string) error {
	return invalidf[Money](value, "out of range ±%s", Money(maxCents))
}

// moneyFromFloat converts a stored double to cents, refusing NaN, infinities,
// out-of-range amounts and any value farther than floating-point noise from a
// whole number of cents (12.345 is an error; 0.30000000000000004 is 30 cents).
func moneyFromFloat(f float64, shown string) (Money, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, invalidf[Money](shown, "not a finite number")
	}
	x := f * 100
	c := math.Round(x)
	if math.Abs(c) > maxCents {
		return 0, outOfRange(shown)
	}
	if math.Abs(x-c) > max(centNoiseAbs, math.Abs(c)*centNoiseRel) {
		return 0, invalidf[Money](shown, "not a whole number of cents")
	}
	return Money(c), nil
}

// String formats m as a decimal with two fraction digits: "12.34", "-0.05".
func (m Money) String() string {
	u, sign := uint64(m), ""
	if m < 0 {
		u, sign = -u, "-"
	}
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// Float64 returns m in currency units as a double, as stored.
func (m Money) Float64() float64 { return float64(m) / 100 }

// Value implements driver.Valuer, writing a REAL in currency units.
func (m Money) Value() (driver.Value, error) {
	if m > maxCents || m < -maxCents {
		return nil, outOfRange(m.String())
	}
	return m.Float64(), nil
}

// Scan implements sql.Scanner for REAL, INTEGER (whole units) and decimal text.
func (m *Money) Scan(src any) error {
	var v Money
	var err error
	switch x := src.(type) {
	case float64:
		v, err = moneyFromFloat(x, strconv.FormatFloat(x, 'g', -1, 64))
	case int64:
		if x > maxCents/100 || x < -maxCents/100 {
			return outOfRange(strconv.FormatInt(x, 10))
		}
		v = Money(x * 100)
	default:
		s, ok := text(src)
		if !ok {
			return unsupported[Money](src)
		}
		v, err = ParseMoney(s)
	}
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalJSON writes m as a JSON number with two fraction digits, e.g. 12.34.
func (m Money) MarshalJSON() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalJSON reads a JSON number, exactly when it has at most two fraction
// digits and otherwise like Scan reads a double; null leaves m unchanged.
func (m *Money) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		return nil
	}
	if !json.Valid(b) || s[0] != '-' && (s[0] < '0' || s[0] > '9') {
		return invalidf[Money](s, "want a JSON number")
	}
	v, err := ParseMoney(s)
	if err != nil {
		f, _ := strconv.ParseFloat(s, 64) // a valid JSON number; ±Inf when out of range
		if v, err = moneyFromFloat(f, s); err != nil {
			return err
		}
	}
	*m = v
	return nil
}
