package authz

import (
	"slices"
	"strconv"
	"strings"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// Resource is what a permission is about: a column of the §6 matrix
// (Compass's src/lib/permissions.ts).
type Resource string

// Resources, in the matrix's row order. Budget and change orders have no tables yet; no
// method of db.Querier needs them, but the matrix keeps them so that Can answers for them.
const (
	Project      Resource = "project"
	Schedule     Resource = "schedule"
	Budget       Resource = "budget"
	ChangeOrder  Resource = "changeorder"
	Document     Resource = "document"
	User         Resource = "user"
	Organization Resource = "organization"
	Team         Resource = "team"
	Group        Resource = "group"
	Customer     Resource = "customer"
	Vendor       Resource = "vendor"
	Finance      Resource = "finance"
	Agent        Resource = "agent"
)

// Resources lists every resource of the matrix in its row order.
var Resources = []Resource{
	Project, Schedule, Budget, ChangeOrder, Document, User, Organization, Team, Group,
	Customer, Vendor, Finance, Agent,
}

// Action is one of the matrix's letters: C, R, U, D, A.
type Action byte

// Actions.
const (
	Create  Action = 'C'
	Read    Action = 'R'
	Update  Action = 'U'
	Delete  Action = 'D'
	Approve Action = 'A'
)

// AllActions lists the actions in the matrix's letter order.
var AllActions = []Action{Create, Read, Update, Delete, Approve}

// String returns the action's word: "create", "read", "update", "delete", "approve".
func (a Action) String() string {
	switch a {
	case Create:
		return "create"
	case Read:
		return "read"
	case Update:
		return "update"
	case Delete:
		return "delete"
	case Approve:
		return "approve"
	}
	return "action(" + string(rune(a)) + ")"
}

// ActionSet is a cell of the matrix written as §6 writes it: "CRUDA", "CRU", "R", or ""
// for "—".
type ActionSet string

// Has reports whether a is in the set.
func (s ActionSet) Has(a Action) bool { return strings.IndexByte(string(s), byte(a)) >= 0 }

// The roles (users.role), the matrix's columns.
const (
	Admin  = dbtypes.UserRoleAdmin
	Office = dbtypes.UserRoleOffice
	Field  = dbtypes.UserRoleField
	Client = dbtypes.UserRoleClient
)

// Roles lists the roles the matrix knows, in its column order. A user whose role is not
// here can do nothing.
var Roles = []dbtypes.UserRole{Admin, Office, Field, Client}

// Matrix is the role × resource × action table of the access-pattern spec, §6, exactly.
// It is the only source Can reads; treat it as read-only.
var Matrix = map[Resource]map[dbtypes.UserRole]ActionSet{
	Project:      {Admin: "CRUDA", Office: "CRU", Field: "R", Client: "R"},
	Schedule:     {Admin: "CRUDA", Office: "CRU", Field: "RU", Client: "R"},
	Budget:       {Admin: "CRUDA", Office: "CRU", Field: "R", Client: "R"},
	ChangeOrder:  {Admin: "CRUDA", Office: "CRU", Field: "CR", Client: "R"},
	Document:     {Admin: "CRUDA", Office: "CRU", Field: "CR", Client: "R"},
	User:         {Admin: "CRUD", Office: "R", Field: "R", Client: "R"},
	Organization: {Admin: "CRUD", Office: "R", Field: "R", Client: "R"},
	Team:         {Admin: "CRUD", Office: "R", Field: "R", Client: "R"},
	Group:        {Admin: "CRUD", Office: "R", Field: "R", Client: "R"},
	Customer:     {Admin: "CRUD", Office: "CRU", Field: "R", Client: "R"},
	Vendor:       {Admin: "CRUD", Office: "CRU", Field: "R", Client: "R"},
	Finance:      {Admin: "CRUDA", Office: "CRU", Field: "R", Client: "R"},
	Agent:        {Admin: "CRUD", Office: "R", Field: "R", Client: ""},
}

// Can reports whether user may perform a on r: false for an inactive user, a user
// without an id, or a role the matrix does not know; otherwise the matrix's answer.
func Can(user db.User, r Resource, a Action) bool { return denial(user, r, a) == "" }

// standing is why user can do nothing at all, or "" when they are an active user with an
// id and a known role.
func standing(user db.User) string {
	switch {
	case !user.IsActive:
		return "the user is inactive"
	case user.ID == "":
		return "the user has no id"
	case !slices.Contains(Roles, user.Role):
		return "unknown role " + quote(string(user.Role))
	}
	return ""
}

// denial is why user may not perform a on r, or "" when they may.
func denial(user db.User, r Resource, a Action) string {
	if why := standing(user); why != "" {
		return why
	}
	if !Matrix[r][user.Role].Has(a) {
		return "role " + string(user.Role) + " may not " + a.String() + " " + string(r)
	}
	return ""
}

func quote(s string) string { return strconv.Quote(s) }
