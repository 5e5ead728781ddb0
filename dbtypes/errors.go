package dbtypes

import (
	"fmt"
	"reflect"
	"unicode/utf8"
)

// InvalidValueError reports a value that a dbtypes type refuses to read or
// write: a malformed timestamp or date, a sub-cent amount, an unknown
// enumeration member, malformed or lossy JSON. Every bad-input error of this
// package is an *InvalidValueError, so callers can detect it with errors.As.
type InvalidValueError struct {
	Type   string // Go type refusing the value, e.g. "dbtypes.TaskStatus"
	Value  string // the offending value as text (Error truncates it)
	Reason string // what is wrong with it, or what was wanted instead
}

// maxShown bounds how many bytes of the offending value Error prints.
const maxShown = 64

// Error formats the error as `<type>: invalid value "<value>" (<reason>)`.
func (e *InvalidValueError) Error() string {
	return fmt.Sprintf("%s: invalid value %q (%s)", e.Type, truncate(e.Value, maxShown), e.Reason)
}

// truncate shortens s to at most n bytes on a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// typeName names T as it appears in error messages, e.g. "dbtypes.Money".
func typeName[T any]() string { return reflect.TypeFor[T]().String() }

// invalidf builds the *InvalidValueError for a value of type T.
func invalidf[T any](value, format string, args ...any) *InvalidValueError {
	return &InvalidValueError{Type: typeName[T](), Value: value, Reason: fmt.Sprintf(format, args...)}
}

// text returns src as a string when the driver delivered text.
func text(src any) (string, bool) {
	switch v := src.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}

// unsupported refuses a driver value whose Go type T cannot be scanned from.
func unsupported[T any](src any) error {
	if src == nil {
		return invalidf[T]("NULL", "unexpected NULL: use a pointer type for a nullable column")
	}
	return invalidf[T](fmt.Sprint(src), "cannot scan a driver value of type %T", src)
}
