package main

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/compass-eng/compassdb/dbtypes"
)

// maxBodyBytes bounds a request body; a larger one is refused with 413.
const maxBodyBytes = 1 << 20

// writeJSON writes v as an indented JSON body (the API is read by people with curl as
// often as by programs).
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		// Only a value that cannot be encoded gets here (a zero Timestamp, say): a bug.
		b, _ = json.Marshal(errorBody{Error: "internal server error", Code: codeInternal})
		status = http.StatusInternalServerError
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}

// decodeBody reads exactly one JSON object into dst. Unknown fields, trailing data and
// values the dbtypes refuse (a bad date, a sub-cent amount) are 422; a body over
// maxBodyBytes is 413.
func decodeBody(w http.ResponseWriter, r *http.Request, dst any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return badBody(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return newError(http.StatusUnprocessableEntity, codeInvalidJSON, "request body: unexpected data after the JSON object")
	}
	return nil
}

func badBody(err error) error {
	var (
		invalid  *dbtypes.InvalidValueError
		tooLarge *http.MaxBytesError
		typeErr  *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &tooLarge):
		return newError(http.StatusRequestEntityTooLarge, codeBodyTooLarge, "request body is larger than %d bytes", tooLarge.Limit)
	case errors.As(err, &invalid):
		return &apiError{status: http.StatusUnprocessableEntity, code: codeInvalidValue, message: invalid.Error(), cause: err}
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return newError(http.StatusUnprocessableEntity, codeInvalidJSON, "request body: %s must be a JSON %s", typeErr.Field, typeErr.Value)
	case errors.Is(err, io.EOF):
		return newError(http.StatusUnprocessableEntity, codeInvalidJSON, "request body: a JSON object is required")
	default:
		// encoding/json's messages name the problem and its offset, nothing internal.
		return newError(http.StatusUnprocessableEntity, codeInvalidJSON, "request body: %v", err)
	}
}

// optional is a JSON field that distinguishes absent (Set false) from null (Set true,
// Value nil), for fields that a PATCH may clear.
type optional[T any] struct {
	Set   bool
	Value *T
}

func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Value = nil
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	o.Value = &v
	return nil
}

// Pagination: lists take ?limit= (default defaultLimit, at most maxLimit) and ?cursor=,
// the opaque next_cursor of the previous page. A cursor is the keyset of the page's last
// row (e.g. its name and id) as base64url JSON: pages stay stable under inserts.
const (
	defaultLimit = 50
	maxLimit     = 200
)

// page is the JSON shape of a paginated list.
type page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

func queryLimit(r *http.Request) (int64, error) {
	s := r.URL.Query().Get("limit")
	if s == "" {
		return defaultLimit, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > maxLimit {
		return 0, invalidField("limit", "want a whole number from 1 to %d", maxLimit)
	}
	return n, nil
}

// queryCursor decodes ?cursor= into its n keyset values; ok is false on the first page.
func queryCursor(r *http.Request, n int) (keys []string, ok bool, err error) {
	s := r.URL.Query().Get("cursor")
	if s == "" {
		return nil, false, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &keys)
	}
	if err != nil || len(keys) != n {
		return nil, false, invalidField("cursor", "not a cursor this list returned")
	}
	return keys, true, nil
}

// nextCursor returns the cursor of the page after one that ended with keys, or "" when
// the page was not full (there is nothing after it).
func nextCursor(rows int, limit int64, keys ...string) string {
	if int64(rows) < limit {
		return ""
	}
	b, _ := json.Marshal(keys)
	return base64.RawURLEncoding.EncodeToString(b)
}

// queryDate reads a YYYY-MM-DD query parameter, or def when it is absent.
func queryDate(r *http.Request, name string, def dbtypes.Date) (dbtypes.Date, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	d, err := dbtypes.ParseDate(s)
	if err != nil {
		return dbtypes.Date{}, invalidField(name, "want a date as YYYY-MM-DD")
	}
	return d, nil
}

// queryInt reads a whole-number query parameter in [lo, hi], or def when it is absent.
func queryInt(r *http.Request, name string, def, lo, hi int) (int, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, invalidField(name, "want a whole number from %d to %d", lo, hi)
	}
	return n, nil
}

// addWorkdays returns the day that is n Monday-to-Friday workdays after start (start
// itself counts as the first when it is a workday). The service uses it to fill in a
// task's end_date_calculated when the client leaves it out; the real scheduler also
// honours the project's workday exceptions.
func addWorkdays(start dbtypes.Date, workdays int64) dbtypes.Date {
	d := start
	for isWeekend(d) {
		d = d.AddDays(1)
	}
	for left := workdays - 1; left > 0; {
		d = d.AddDays(1)
		if !isWeekend(d) {
			left--
		}
	}
	return d
}

func isWeekend(d dbtypes.Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}
