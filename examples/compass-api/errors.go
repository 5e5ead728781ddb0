package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/authz"
	"github.com/compass-eng/compassdb/dbtypes"
)

// apiError is an error together with the response it becomes: an HTTP status and the
// JSON body {"error": message, "code": code}. Handlers return one when they know better
// than the generic mapping in toAPIError (a missing field, "project not found").
type apiError struct {
	status  int
	code    string
	message string
	cause   error // logged for 5xx, never sent
}

func (e *apiError) Error() string { return e.message }
func (e *apiError) Unwrap() error { return e.cause }

func newError(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// Error codes of the JSON error body. Clients switch on the code, not on the message.
const (
	codeUnauthenticated  = "unauthenticated"
	codeForbidden        = "forbidden"
	codeNotFound         = "not_found"
	codeAlreadyExists    = "already_exists"
	codeDependencyCycle  = "dependency_cycle"
	codeCrossProject     = "cross_project_dependency"
	codeInUse            = "in_use"
	codeDashboardLimit   = "dashboard_limit"
	codeInvalidJSON      = "invalid_json"
	codeInvalidValue     = "invalid_value"
	codeMissingField     = "missing_field"
	codeInvalidReference = "invalid_reference"
	codeCheckViolation   = "check_violation"
	codeBodyTooLarge     = "body_too_large"
	codeBusy             = "busy"
	codeInternal         = "internal"
)

// toAPIError maps an error of the library (or of a handler) to its response. Anything it
// does not recognize is a 500 whose message says nothing about the cause; the cause is
// logged by the request logger instead.
func toAPIError(err error) *apiError {
	var (
		ae        *apiError
		forbidden *authz.ForbiddenError
		dbErr     *compassdb.Error
		invalid   *dbtypes.InvalidValueError
	)
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &forbidden):
		// The reason ("role field may not create customer") is the actor's own business;
		// the generated method name is not, so it stays out.
		return &apiError{status: http.StatusForbidden, code: codeForbidden, message: "forbidden: " + forbidden.Reason, cause: err}
	case errors.Is(err, authz.ErrForbidden):
		return &apiError{status: http.StatusForbidden, code: codeForbidden, message: "forbidden", cause: err}
	case errors.Is(err, compassdb.ErrNotFound):
		return &apiError{status: http.StatusNotFound, code: codeNotFound, message: "not found", cause: err}
	case errors.Is(err, compassdb.ErrDependencyCycle):
		return &apiError{status: http.StatusConflict, code: codeDependencyCycle, message: "this dependency would create a cycle", cause: err}
	case errors.Is(err, compassdb.ErrCrossProjectDependency):
		return &apiError{status: http.StatusConflict, code: codeCrossProject, message: "both tasks of a dependency must belong to the project", cause: err}
	case errors.Is(err, compassdb.ErrDashboardLimit):
		return &apiError{status: http.StatusConflict, code: codeDashboardLimit,
			message: fmt.Sprintf("a user can keep at most %d dashboards", compassdb.MaxDashboardsPerUser), cause: err}
	case errors.Is(err, compassdb.ErrUniqueViolation):
		msg := "a record with the same key already exists"
		if errors.As(err, &dbErr) && len(dbErr.Columns) > 0 {
			msg = "a record with the same " + strings.Join(dbErr.Columns, ", ") + " already exists"
		}
		return &apiError{status: http.StatusConflict, code: codeAlreadyExists, message: msg, cause: err}
	case errors.Is(err, compassdb.ErrForeignKeyViolation):
		// On a create or update: a referenced record is missing. Delete handlers turn
		// this into 409 in_use (see inUse).
		return &apiError{status: http.StatusUnprocessableEntity, code: codeInvalidReference, message: "a referenced record does not exist", cause: err}
	case errors.Is(err, compassdb.ErrCheckViolation):
		msg := "a value is out of range"
		if errors.As(err, &dbErr) && dbErr.Constraint != "" {
			msg = "a value violates " + dbErr.Constraint
		}
		return &apiError{status: http.StatusUnprocessableEntity, code: codeCheckViolation, message: msg, cause: err}
	case errors.Is(err, compassdb.ErrNotNullViolation):
		msg := "a required value is missing"
		if errors.As(err, &dbErr) && len(dbErr.Columns) > 0 {
			msg = strings.Join(dbErr.Columns, ", ") + " is required"
		}
		return &apiError{status: http.StatusUnprocessableEntity, code: codeMissingField, message: msg, cause: err}
	case errors.As(err, &invalid):
		// The value's own description ("dbtypes.Date: invalid value "2026-02-30" (not a
		// calendar date in 0001-9999)"), without database/sql's wrapping.
		return &apiError{status: http.StatusUnprocessableEntity, code: codeInvalidValue, message: invalid.Error(), cause: err}
	case errors.Is(err, compassdb.ErrBusy):
		return &apiError{status: http.StatusServiceUnavailable, code: codeBusy, message: "the database is busy; retry shortly", cause: err}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return &apiError{status: http.StatusServiceUnavailable, code: codeBusy, message: "the request was canceled or timed out", cause: err}
	default:
		return &apiError{status: http.StatusInternalServerError, code: codeInternal, message: "internal server error", cause: err}
	}
}

// notFound turns ErrNotFound into "<what> not found"; other errors pass unchanged.
func notFound(what string, err error) error {
	if errors.Is(err, compassdb.ErrNotFound) {
		return &apiError{status: http.StatusNotFound, code: codeNotFound, message: what + " not found", cause: err}
	}
	return err
}

// inUse turns a foreign key violation of a delete into 409: the record is still
// referenced (a customer with invoices, a vendor with bills). Other errors pass unchanged.
func inUse(what string, err error) error {
	if errors.Is(err, compassdb.ErrForeignKeyViolation) {
		return &apiError{status: http.StatusConflict, code: codeInUse, message: what + " is still referenced by other records", cause: err}
	}
	return err
}

// missing is the error of a required field left out of a request body.
func missing(field string) error {
	return newError(http.StatusUnprocessableEntity, codeMissingField, "%s is required", field)
}

// invalidField is the error of a field whose value is refused before it reaches the
// database.
func invalidField(field, format string, args ...any) error {
	return newError(http.StatusUnprocessableEntity, codeInvalidValue, "%s: %s", field, fmt.Sprintf(format, args...))
}

// enum is a dbtypes enumeration: its Value refuses a non-member with an
// *dbtypes.InvalidValueError that lists the members.
type enum interface {
	~string
	Valid() bool
}

// checkEnum refuses a value outside its enumeration with a 422 that names the field
// and the allowed values.
func checkEnum[T enum](field string, v T, allowed []T) error {
	if v.Valid() {
		return nil
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = fmt.Sprintf("%q", string(a))
	}
	return invalidField(field, "%q is not one of %s", string(v), strings.Join(names, ", "))
}
