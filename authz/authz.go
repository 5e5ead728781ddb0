// Package authz enforces Compass's permission matrix on every database operation.
//
// A host service wraps the queries it runs on behalf of a signed-in user:
//
//	q := authz.New(h.Reader(), actor) // actor: the users row of the signed-in user
//	customers, err := q.ListCustomers(ctx)
//	if errors.Is(err, authz.ErrForbidden) { … 403 … }
//
// *Querier implements db.Querier, so it replaces *db.Queries wherever a service takes the
// interface, and every one of its methods checks before it delegates (the methods are
// generated from db/, see querier_gen.go and internal/authzgen). What each method needs
// is in Requirements:
//
//   - Permission: the actor's role must have the action on the resource in Matrix (§6 of
//     the access-pattern spec).
//   - Ownership (personal tables: conversations, chat messages, slab memories, agent
//     items, themes, dashboards, starred Drive files, push tokens, model preference, own
//     AI usage): the method's user id argument must be the actor's id. A different id is
//     refused, never replaced, and the query itself is scoped by user_id.
//   - ActiveUser (feedback): any active user.
//
// An inactive user, a user without an id and a role the matrix does not know can do
// nothing. A refusal is a *ForbiddenError, which errors.Is matches with ErrForbidden; the
// database is not touched.
//
// Work that no user performs — sign-in (loading and upserting the actor's own row, last
// login), NetSuite sync runs, AI usage accounting, push delivery — uses *db.Queries
// directly; everything done on a user's request goes through New.
package authz

import (
	"errors"
	"fmt"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// ErrForbidden is the class of every refusal: errors.Is(err, ErrForbidden).
var ErrForbidden = errors.New("forbidden")

// ForbiddenError says who was refused what, and why.
type ForbiddenError struct {
	UserID string
	Role   dbtypes.UserRole
	// Method is the db.Querier method that was refused.
	Method string
	// Resource and Action are the permission the method needs; both are zero for an
	// ownership or active-user method.
	Resource Resource
	Action   Action
	// Reason is the rule that refused, e.g. "role field may not delete customer".
	Reason string
}

func (e *ForbiddenError) Error() string {
	method := e.Method
	if e.Resource != "" {
		method += " (needs " + string(e.Resource) + ":" + e.Action.String() + ")"
	}
	return fmt.Sprintf("authz: %s forbidden for user %s (role %s): %s",
		method, quote(e.UserID), quote(string(e.Role)), e.Reason)
}

// Is matches ErrForbidden.
func (e *ForbiddenError) Is(target error) bool { return target == ErrForbidden }

// Querier is db.Querier with the acting user's permissions checked before each call.
// Make one per request (it is cheap): it keeps the actor as it was passed to New.
type Querier struct {
	next  db.Querier
	actor db.User
}

var _ db.Querier = (*Querier)(nil)

// New wraps q for actor, the users row of the user on whose behalf the queries run.
func New(q db.Querier, actor db.User) *Querier {
	if q == nil {
		panic("authz.New: nil db.Querier")
	}
	return &Querier{next: q, actor: actor}
}

// Actor returns the user the queries run for.
func (q *Querier) Actor() db.User { return q.actor }

func (q *Querier) forbid(method string, r Resource, a Action, reason string) error {
	return &ForbiddenError{UserID: q.actor.ID, Role: q.actor.Role, Method: method, Resource: r, Action: a, Reason: reason}
}

// permit checks a Permission method.
func (q *Querier) permit(method string, r Resource, a Action) error {
	if why := denial(q.actor, r, a); why != "" {
		return q.forbid(method, r, a, why)
	}
	return nil
}

// own checks an Ownership method whose user id argument is userID.
func (q *Querier) own(method, userID string) error {
	if why := standing(q.actor); why != "" {
		return q.forbid(method, "", 0, why)
	}
	if userID != q.actor.ID {
		return q.forbid(method, "", 0, "the user id argument "+quote(userID)+" is not the actor's")
	}
	return nil
}

// ownPtr checks an Ownership method whose user id argument is nullable; nil is refused.
func (q *Querier) ownPtr(method string, userID *string) error {
	if userID == nil {
		if why := standing(q.actor); why != "" {
			return q.forbid(method, "", 0, why)
		}
		return q.forbid(method, "", 0, "the user id argument is nil")
	}
	return q.own(method, *userID)
}

// active checks an ActiveUser method.
func (q *Querier) active(method string) error {
	if why := standing(q.actor); why != "" {
		return q.forbid(method, "", 0, why)
	}
	return nil
}
