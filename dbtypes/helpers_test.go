package dbtypes_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb/dbtypes"
)

// wantInvalid fails unless err is (or wraps) an *InvalidValueError.
func wantInvalid(t *testing.T, err error) *dbtypes.InvalidValueError {
	t.Helper()
	var iv *dbtypes.InvalidValueError
	if !errors.As(err, &iv) {
		t.Fatalf("err = %v (%T), want *dbtypes.InvalidValueError", err, err)
	}
	return iv
}

// scanner is the pointer half of a dbtypes type.
type scanner[T any] interface {
	*T
	sql.Scanner
}

// roundTrip writes v with Value and reads the result back into a new T.
func roundTrip[T any, P scanner[T]](t *testing.T, v driver.Valuer) T {
	t.Helper()
	dv, err := v.Value()
	if err != nil {
		t.Fatalf("Value(%v): %v", v, err)
	}
	var got T
	if err := P(&got).Scan(dv); err != nil {
		t.Fatalf("Scan(%#v): %v", dv, err)
	}
	return got
}

// sameJSON reports whether a and b are the same JSON value, ignoring layout
// and key order.
func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatalf("unmarshal %q: %v", a, err)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatalf("unmarshal %q: %v", b, err)
	}
	return reflect.DeepEqual(x, y)
}

func TestInvalidValueErrorMessage(t *testing.T) {
	err := &dbtypes.InvalidValueError{Type: "dbtypes.X", Value: strings.Repeat("é", 100), Reason: "why"}
	msg := err.Error()
	if !strings.HasPrefix(msg, `dbtypes.X: invalid value "éé`) || !strings.HasSuffix(msg, `…" (why)`) {
		t.Errorf("Error() = %q", msg)
	}
	if len(msg) > 120 {
		t.Errorf("Error() is %d bytes, want the value truncated", len(msg))
	}
	short := (&dbtypes.InvalidValueError{Type: "dbtypes.X", Value: "v", Reason: "r"}).Error()
	if short != `dbtypes.X: invalid value "v" (r)` {
		t.Errorf("Error() = %q", short)
	}
}
