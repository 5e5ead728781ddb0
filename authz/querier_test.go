package authz_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/authz"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

func actor(role dbtypes.UserRole) db.User {
	return db.User{ID: "actor-" + string(role), Email: string(role) + "@example.com", Role: role, IsActive: true}
}

// outcome is what one call through the wrapper did.
type outcome struct {
	err        error
	statements int // statements that reached the database
}

// call runs method through authz.New(…, as) by reflection, with zero-value arguments
// except the user id: a parameter field UserID, or the lone userID argument of an
// ownership method, is set to userID.
func call(t *testing.T, h *compassdb.DB, as db.User, method, userID string) outcome {
	t.Helper()
	counter := dbtest.Count(h.WriteDB())
	w := authz.New(db.New(counter), as)
	m := reflect.ValueOf(w).MethodByName(method)
	if !m.IsValid() {
		t.Fatalf("*authz.Querier has no method %s", method)
	}
	mt := m.Type()
	args := []reflect.Value{reflect.ValueOf(context.Background())}
	for i := 1; i < mt.NumIn(); i++ {
		v := reflect.New(mt.In(i)).Elem()
		switch {
		case v.Kind() == reflect.Struct:
			if f := v.FieldByName("UserID"); f.IsValid() {
				setID(f, userID)
			}
		case authz.Requirements[method].Owner == "userID":
			setID(v, userID)
		}
		args = append(args, v)
	}
	out := m.Call(args)
	err, _ := out[len(out)-1].Interface().(error)
	return outcome{err: err, statements: counter.Statements()}
}

func setID(v reflect.Value, id string) {
	if v.Kind() == reflect.Pointer {
		v.Set(reflect.ValueOf(&id))
	} else {
		v.SetString(id)
	}
}

// methods returns the names of the Requirements that satisfy keep, sorted.
func methods(keep func(authz.Requirement) bool) []string {
	var names []string
	for name, req := range authz.Requirements {
		if keep(req) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

func expectAllowed(t *testing.T, method string, o outcome) {
	t.Helper()
	if errors.Is(o.err, authz.ErrForbidden) {
		t.Errorf("%s: forbidden, want allowed: %v", method, o.err)
	} else if o.statements == 0 {
		t.Errorf("%s: allowed but never reached the database (err %v)", method, o.err)
	}
}

func expectForbidden(t *testing.T, method string, as db.User, o outcome) *authz.ForbiddenError {
	t.Helper()
	var fe *authz.ForbiddenError
	switch {
	case !errors.Is(o.err, authz.ErrForbidden):
		t.Errorf("%s: err = %v, want ErrForbidden", method, o.err)
	case !errors.As(o.err, &fe):
		t.Errorf("%s: %v is not a *ForbiddenError", method, o.err)
	case fe.Method != method || fe.UserID != as.ID || fe.Role != as.Role || fe.Reason == "":
		t.Errorf("%s: ForbiddenError %+v does not name the method, actor and reason", method, fe)
	}
	if o.statements != 0 {
		t.Errorf("%s: forbidden, yet %d statement(s) reached the database", method, o.statements)
	}
	return fe
}

// TestMatrixCells calls, for every role × resource × action cell, every method that needs
// that permission, and expects ErrForbidden exactly where §6 denies it.
func TestMatrixCells(t *testing.T) {
	h := dbtest.Open(t)
	type cell struct {
		r authz.Resource
		a authz.Action
	}
	byCell := map[cell][]string{}
	for _, name := range methods(func(r authz.Requirement) bool { return r.Kind == authz.Permission }) {
		req := authz.Requirements[name]
		byCell[cell{req.Resource, req.Action}] = append(byCell[cell{req.Resource, req.Action}], name)
	}
	var tested, calls int
	var empty []string
	for _, role := range authz.Roles {
		as := actor(role)
		for _, r := range authz.Resources {
			for _, a := range authz.AllActions {
				names := byCell[cell{r, a}]
				if len(names) == 0 {
					if role == authz.Roles[0] {
						empty = append(empty, fmt.Sprintf("%s:%s", r, a))
					}
					continue
				}
				allowed := authz.Matrix[r][role].Has(a)
				tested++
				t.Run(fmt.Sprintf("%s/%s/%s", role, r, a), func(t *testing.T) {
					for _, name := range names {
						calls++
						o := call(t, h, as, name, as.ID)
						if allowed {
							expectAllowed(t, name, o)
							continue
						}
						if fe := expectForbidden(t, name, as, o); fe != nil && (fe.Resource != r || fe.Action != a) {
							t.Errorf("%s: ForbiddenError names %s:%s, want %s:%s", name, fe.Resource, fe.Action, r, a)
						}
					}
				})
			}
		}
	}
	if tested == 0 {
		t.Fatal("no cell was tested")
	}
	t.Logf("%d of %d role × resource × action cells have methods and were tested (%d calls); cells no method needs: %s",
		tested, len(authz.Roles)*len(authz.Resources)*len(authz.AllActions), calls, strings.Join(empty, " "))
}

// TestOwnershipAndActiveUserMethods: every role may call a personal-table method with its
// own id and an active-user method; nobody, admin included, may pass another user's id.
func TestOwnershipAndActiveUserMethods(t *testing.T) {
	h := dbtest.Open(t)
	owned := methods(func(r authz.Requirement) bool { return r.Kind == authz.Ownership })
	open := methods(func(r authz.Requirement) bool { return r.Kind == authz.ActiveUser })
	if len(owned) == 0 || len(open) == 0 {
		t.Fatalf("%d ownership and %d active-user methods; expected some of each", len(owned), len(open))
	}
	for _, role := range authz.Roles {
		as := actor(role)
		t.Run(string(role), func(t *testing.T) {
			for _, name := range owned {
				expectAllowed(t, name, call(t, h, as, name, as.ID))
				fe := expectForbidden(t, name, as, call(t, h, as, name, "someone-else"))
				if fe != nil && !strings.Contains(fe.Reason, `"someone-else"`) {
					t.Errorf("%s: reason %q does not name the foreign id", name, fe.Reason)
				}
				expectForbidden(t, name, as, call(t, h, as, name, ""))
			}
			for _, name := range open {
				expectAllowed(t, name, call(t, h, as, name, as.ID))
			}
		})
	}
	t.Logf("%d ownership and %d active-user methods, each called as %d roles", len(owned), len(open), len(authz.Roles))
}

// TestNobodyWithoutStanding: an inactive user, a user without an id and an unknown role
// are refused every method, and nothing reaches the database.
func TestNobodyWithoutStanding(t *testing.T) {
	h := dbtest.Open(t)
	inactive := actor(authz.Admin)
	inactive.IsActive = false
	noID := actor(authz.Admin)
	noID.ID = ""
	cases := map[string]db.User{"inactive admin": inactive, "admin without id": noID}
	for _, role := range []dbtypes.UserRole{"", "superuser", "Admin"} {
		cases[fmt.Sprintf("role %q", role)] = actor(role)
	}
	all := methods(func(authz.Requirement) bool { return true })
	for label, as := range cases {
		t.Run(label, func(t *testing.T) {
			for _, name := range all {
				expectForbidden(t, name, as, call(t, h, as, name, as.ID))
			}
		})
	}
	t.Logf("%d methods refused for each of %d actors without standing", len(all), len(cases))
}

// TestOwnershipLeavesOthersRowsAlone proves with rows that a refused call changes nothing:
// another user's memory and conversation stay, for every role including admin.
func TestOwnershipLeavesOthersRowsAlone(t *testing.T) {
	ctx := context.Background()
	h := dbtest.Open(t)
	plain := h.Writer()
	now := dbtypes.Now()
	for _, id := range []string{"alice", "bob"} {
		if _, err := plain.CreateUser(ctx, db.CreateUserParams{ID: id, Email: id + "@example.com", Role: authz.Office, IsActive: true, CreatedAt: now, UpdatedAt: now}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := plain.CreateSlabMemory(ctx, db.CreateSlabMemoryParams{ID: "bob-memory", UserID: "bob", Content: "prefers metric", MemoryType: dbtypes.MemoryTypePreference, CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	if _, err := plain.CreateAgentConversation(ctx, db.CreateAgentConversationParams{ID: "bob-chat", UserID: "bob", LastMessageAt: now, CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	stays := func(when string) {
		t.Helper()
		if _, err := plain.GetSlabMemory(ctx, db.GetSlabMemoryParams{ID: "bob-memory", UserID: "bob"}); err != nil {
			t.Fatalf("%s: bob's memory: %v", when, err)
		}
		if _, err := plain.GetAgentConversation(ctx, db.GetAgentConversationParams{ID: "bob-chat", UserID: "bob"}); err != nil {
			t.Fatalf("%s: bob's conversation: %v", when, err)
		}
	}

	for _, role := range authz.Roles {
		alice := db.User{ID: "alice", Role: role, IsActive: true}
		q := authz.New(plain, alice)
		// Passing bob's id is refused, not replaced by alice's.
		if _, err := q.DeleteSlabMemory(ctx, db.DeleteSlabMemoryParams{ID: "bob-memory", UserID: "bob"}); !errors.Is(err, authz.ErrForbidden) {
			t.Errorf("%s alice deletes bob's memory: err = %v, want ErrForbidden", role, err)
		}
		if _, err := q.DeleteAgentConversation(ctx, db.DeleteAgentConversationParams{ID: "bob-chat", UserID: "bob"}); !errors.Is(err, authz.ErrForbidden) {
			t.Errorf("%s alice deletes bob's conversation: err = %v, want ErrForbidden", role, err)
		}
		if _, err := q.ListSlabMemoriesByUser(ctx, db.ListSlabMemoriesByUserParams{UserID: "bob", PageSize: -1}); !errors.Is(err, authz.ErrForbidden) {
			t.Errorf("%s alice lists bob's memories: err = %v, want ErrForbidden", role, err)
		}
		if _, err := q.UpdateSlabMemory(ctx, db.UpdateSlabMemoryParams{ID: "bob-memory", UserID: "bob", Content: "hijacked", MemoryType: dbtypes.MemoryTypePreference}); !errors.Is(err, authz.ErrForbidden) {
			t.Errorf("%s alice rewrites bob's memory: err = %v, want ErrForbidden", role, err)
		}
		// With her own id the call runs, and the query's user_id scope finds nothing of bob's.
		if id, err := q.DeleteSlabMemory(ctx, db.DeleteSlabMemoryParams{ID: "bob-memory", UserID: "alice"}); !errors.Is(err, compassdb.ErrNotFound) {
			t.Errorf("%s alice deletes memory bob-memory as herself: deleted %q, %v; want ErrNotFound", role, id, err)
		}
		stays(string(role) + " alice")
	}
	if m, err := plain.GetSlabMemory(ctx, db.GetSlabMemoryParams{ID: "bob-memory", UserID: "bob"}); err != nil || m.Content != "prefers metric" {
		t.Fatalf("bob's memory changed: %+v, %v", m, err)
	}

	// Bob himself may delete it through the wrapper.
	bob := authz.New(plain, db.User{ID: "bob", Role: authz.Client, IsActive: true})
	if id, err := bob.DeleteSlabMemory(ctx, db.DeleteSlabMemoryParams{ID: "bob-memory", UserID: "bob"}); err != nil || id != "bob-memory" {
		t.Fatalf("bob deletes his memory: deleted %q, %v", id, err)
	}
}

func TestOwnershipNullableUserID(t *testing.T) {
	h := dbtest.Open(t)
	as := actor(authz.Field)
	q := authz.New(h.Reader(), as)
	id, other := as.ID, "other"
	if err := q.OwnPtr("M", &id); err != nil {
		t.Errorf("own id: %v", err)
	}
	for _, p := range []*string{nil, &other} {
		if err := q.OwnPtr("M", p); !errors.Is(err, authz.ErrForbidden) {
			t.Errorf("user id %v: err = %v, want ErrForbidden", p, err)
		}
	}
	inactive := as
	inactive.IsActive = false
	if err := authz.New(h.Reader(), inactive).OwnPtr("M", nil); err == nil || !strings.Contains(err.Error(), "inactive") {
		t.Errorf("inactive, nil id: err = %v, want the inactive reason", err)
	}
}

// TestRequirementsCoverQuerier: the wrapper and its table know exactly db.Querier's methods.
func TestRequirementsCoverQuerier(t *testing.T) {
	iface := reflect.TypeFor[db.Querier]()
	var want []string
	for i := range iface.NumMethod() {
		want = append(want, iface.Method(i).Name)
	}
	got := methods(func(authz.Requirement) bool { return true })
	if !slices.Equal(got, want) {
		for _, m := range want {
			if _, ok := authz.Requirements[m]; !ok {
				t.Errorf("db.Querier.%s has no requirement: run go generate ./...", m)
			}
		}
		for _, m := range got {
			if _, ok := iface.MethodByName(m); !ok {
				t.Errorf("requirement for %s, which db.Querier does not have", m)
			}
		}
	}
	kinds := map[authz.Kind]int{}
	for _, name := range got {
		req := authz.Requirements[name]
		kinds[req.Kind]++
		if _, err := os.Stat(filepath.Join("..", "queries", req.Aggregate+".sql")); err != nil {
			t.Errorf("%s: aggregate %q: %v", name, req.Aggregate, err)
		}
		switch req.Kind {
		case authz.Permission:
			if _, ok := authz.Matrix[req.Resource]; !ok || !slices.Contains(authz.AllActions, req.Action) || req.Owner != "" {
				t.Errorf("%s: malformed permission %+v", name, req)
			}
		case authz.Ownership:
			if req.Owner != "arg.UserID" && req.Owner != "userID" || req.Resource != "" {
				t.Errorf("%s: malformed ownership %+v", name, req)
			}
		case authz.ActiveUser:
			if req.Resource != "" || req.Owner != "" {
				t.Errorf("%s: malformed active-user requirement %+v", name, req)
			}
		default:
			t.Errorf("%s: kind %d", name, req.Kind)
		}
	}
	t.Logf("%d db.Querier methods wrapped: %d permission, %d ownership, %d active-user",
		len(got), kinds[authz.Permission], kinds[authz.Ownership], kinds[authz.ActiveUser])
}

func TestForbiddenError(t *testing.T) {
	h := dbtest.Open(t)
	_, err := authz.New(h.Reader(), actor(authz.Field)).DeleteCustomer(context.Background(), "c1")
	var fe *authz.ForbiddenError
	if !errors.As(err, &fe) || !errors.Is(err, authz.ErrForbidden) {
		t.Fatalf("err = %v", err)
	}
	want := &authz.ForbiddenError{UserID: "actor-field", Role: authz.Field, Method: "DeleteCustomer",
		Resource: authz.Customer, Action: authz.Delete, Reason: "role field may not delete customer"}
	if *fe != *want {
		t.Errorf("error = %+v, want %+v", fe, want)
	}
	if got := err.Error(); got != `authz: DeleteCustomer (needs customer:delete) forbidden for user "actor-field" (role "field"): role field may not delete customer` {
		t.Errorf("message = %s", got)
	}
	if errors.Is(err, compassdb.ErrNotFound) || errors.Is(fmt.Errorf("wrapped: %w", errors.New("forbidden")), authz.ErrForbidden) {
		t.Error("ErrForbidden matches what it should not")
	}
	_, err = authz.New(h.Reader(), actor(authz.Field)).ListSlabMemoriesByUser(context.Background(), db.ListSlabMemoriesByUserParams{UserID: "u2", PageSize: -1})
	if got := err.Error(); got != `authz: ListSlabMemoriesByUser forbidden for user "actor-field" (role "field"): the user id argument "u2" is not the actor's` {
		t.Errorf("message = %s", got)
	}
	_, err = authz.New(h.Reader(), db.User{ID: "gone", Role: authz.Admin}).ListFeedback(context.Background())
	if got := err.Error(); got != `authz: ListFeedback forbidden for user "gone" (role "admin"): the user is inactive` {
		t.Errorf("message = %s", got)
	}
	if !errors.Is(fmt.Errorf("handler: %w", err), authz.ErrForbidden) {
		t.Error("a wrapped refusal does not match ErrForbidden")
	}
}
