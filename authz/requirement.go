package authz

// Kind is the sort of check a method needs.
type Kind uint8

// Kinds of requirement.
const (
	// Permission: the actor's role must have Action on Resource in Matrix.
	Permission Kind = iota + 1
	// Ownership: the method's user id argument (a UserID parameter field, or a lone
	// userID argument) must be the actor's id.
	Ownership
	// ActiveUser: any active user with a known role.
	ActiveUser
)

func (k Kind) String() string {
	switch k {
	case Permission:
		return "permission"
	case Ownership:
		return "ownership"
	case ActiveUser:
		return "active user"
	}
	return "kind(?)"
}

// Requirement is what one db.Querier method needs of the actor.
type Requirement struct {
	Kind     Kind
	Resource Resource // Permission only
	Action   Action   // Permission only
	// Owner is, for Ownership, the argument that must be the actor's id: "arg.UserID"
	// (a field of the parameter struct) or "userID" (the method's one argument).
	Owner string
	// Aggregate is the query file the method comes from: queries/<Aggregate>.sql.
	Aggregate string
}

// String is "customer:delete", "ownership" or "active user".
func (r Requirement) String() string {
	if r.Kind == Permission {
		return string(r.Resource) + ":" + r.Action.String()
	}
	return r.Kind.String()
}
