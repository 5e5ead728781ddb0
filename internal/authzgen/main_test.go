package main

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb/authz"
)

// fakeModule writes a module with a sqlc-like db/ package: a Querier interface over the
// given methods ("File.Method(params) results") plus the given extra declarations.
func fakeModule(t *testing.T, methods []string, extra string) string {
	t.Helper()
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(root, "db"), 0o755))
	must(os.MkdirAll(filepath.Join(root, "authz"), 0o755))
	must(os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/m\n"), 0o644))
	iface := "package db\n\nimport \"context\"\n\ntype Querier interface {\n"
	files := map[string]string{}
	for _, m := range methods {
		file, sig, _ := strings.Cut(m, ".")
		name, _, _ := strings.Cut(sig, "(")
		iface += "\t" + sig + "\n"
		if files[file] == "" {
			files[file] = "package db\n\nimport (\n\t\"context\"\n\t\"database/sql\"\n\n\t\"example.com/m/dbtypes\"\n)\n\nvar _ sql.Result\nvar _ dbtypes.Money\n"
		}
		files[file] += "\nfunc (q *Queries) " + sig + " { panic(\"" + name + "\") }\n"
	}
	iface += "}\n\ntype Queries struct{}\n" + extra
	must(os.WriteFile(filepath.Join(root, "db", "querier.go"), []byte(iface), 0o644))
	for file, src := range files {
		must(os.WriteFile(filepath.Join(root, "db", file+".sql.go"), []byte(src), 0o644))
	}
	return root
}

const params = `
type AdoptPlaceholderUserParams struct {
	ID    string
	Email string
}

type DeleteSlabMemoryParams struct {
	ID     string
	UserID string
}

type TouchPluginEventParams struct {
	ID     string
	UserID *string
}

type Widget struct{ ID string }
`

func TestRealRulesCompile(t *testing.T) {
	if _, err := compile(rules, verbs); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range authz.Resources {
		want = append(want, string(r))
	}
	if got := slices.Sorted(maps.Keys(resources)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Errorf("the generator's resources %v are not authz.Resources %v", got, want)
	}
	for name, goName := range resources {
		if strings.ToLower(goName) != name {
			t.Errorf("resource %q is written %s in Go", name, goName)
		}
	}
}

// TestUncoveredMethods: each way a method can escape the rules stops the generator with a
// message naming the method and the line to add, and leaves the output untouched.
func TestUncoveredMethods(t *testing.T) {
	root := fakeModule(t, []string{
		"users.GetUser(ctx context.Context, id string) (int64, error)",
		"widgets.GetWidget(ctx context.Context, id string) (Widget, error)",
		"users.AdoptPlaceholderUser(ctx context.Context, arg AdoptPlaceholderUserParams) error",
		"slab_memories.GetSlabMemoryByID(ctx context.Context, id string) (Widget, error)",
		"teams_groups.ListMembershipsByUser(ctx context.Context, userID string) ([]Widget, error)",
	}, params)
	out := filepath.Join(root, "authz", "querier_gen.go")
	if err := os.WriteFile(out, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := run(root, out)
	if err == nil {
		t.Fatal("run succeeded")
	}
	msg := err.Error()
	t.Log(msg)
	for _, want := range []string{
		"4 db.Querier method(s) are not covered",
		"GetWidget (queries/widgets.sql, db/widgets.sql.go:",
		`no rule covers the aggregate "widgets"`,
		`{File: "widgets", Then: byVerb("<resource>"), Why: "…"},`,
		`AdoptPlaceholderUser (queries/users.sql, db/users.sql.go:`,
		`its verb "Adopt" is not in the verbs table, and rule 7 {File: "users", Then: byVerb("user")} needs it`,
		`"Adopt": C|R|U|D|A,  to verbs`,
		`{File: "users", Method: "^AdoptPlaceholderUser$", Then: perm("user", C|R|U|D|A), Why: "…"},`,
		`GetSlabMemoryByID (queries/slab_memories.sql`,
		`rule 3 {File: "slab_memories", Then: owner} makes it ownership-only, but it has no user id argument`,
		`{File: "slab_memories", Method: "^GetSlabMemoryByID$", Then: perm("<resource>", C|R|U|D|A), Why: "…"},`,
		`ListMembershipsByUser (queries/teams_groups.sql`,
		`no rule for "teams_groups" matches it (verb "List")`,
		`{File: "teams_groups", Method: "^ListMembershipsByUser$", Then: perm("<resource>", C|R|U|D|A), Why: "…"},`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q", want)
		}
	}
	if strings.Contains(msg, "GetUser ") {
		t.Error("the message names GetUser, which a rule covers")
	}
	if b, _ := os.ReadFile(out); string(b) != "previous" {
		t.Errorf("the output was overwritten: %q", b)
	}

	// Each problem is fixed by the one line its message suggests.
	rs := slices.Clone(rules)
	vs := maps.Clone(verbs)
	vs["Adopt"] = U
	rs = slices.Insert(rs, 2, rule{File: "slab_memories", Method: "^GetSlabMemoryByID$", Then: perm("agent", R), Why: "test"})
	rs = append(rs, rule{File: "widgets", Then: byVerb("project"), Why: "test"},
		rule{File: "teams_groups", Method: "^ListMembershipsByUser$", Then: perm("team", R), Why: "test"})
	res, err := generate(filepath.Join(root, "db"), "example.com/m/db", rs, vs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.problems) != 0 {
		t.Fatalf("still uncovered: %v", res.problems)
	}
	src := string(res.src)
	for _, want := range []string{
		`q.permit("AdoptPlaceholderUser", User, Update)`,
		`q.permit("GetSlabMemoryByID", Agent, Read)`,
		`q.permit("GetWidget", Project, Read)`,
		`q.permit("ListMembershipsByUser", Team, Read)`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("the output lacks %s", want)
		}
	}
}

func TestGeneratedCode(t *testing.T) {
	root := fakeModule(t, []string{
		"users.CountUsers(ctx context.Context) (int64, error)",
		"users.ListUsers(ctx context.Context) ([]Widget, error)",
		"users.GetUser(ctx context.Context, id string) (Widget, error)",
		"users.DeleteUser(ctx context.Context, id string) error",
		"users.SumUserMoney(ctx context.Context) (dbtypes.Money, error)",
		"users.UpdateUserRaw(ctx context.Context, id string) (sql.Result, error)",
		"slab_memories.DeleteSlabMemory(ctx context.Context, arg DeleteSlabMemoryParams) (int64, error)",
		"slab_memories.ListSlabMemoriesByUser(ctx context.Context, userID string) ([]Widget, error)",
		"slab_memories.ListSlabMemoriesByMaybeUser(ctx context.Context, userID *string) (*string, error)",
		"ai_config.TouchPluginEvent(ctx context.Context, arg TouchPluginEventParams) (bool, error)",
		"ai_config.UsageTotals(ctx context.Context, since string) (string, error)",
		"feedback.GetFeedback(ctx context.Context, id string) (Widget, error)",
	}, params)
	// A nullable UserID field: no query of db/ has one yet.
	rs := append([]rule{{File: "ai_config", Method: "PluginEvent", Then: owner, Why: "test"}}, rules...)
	res, err := generate(filepath.Join(root, "db"), "example.com/m/db", rs, verbs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.problems) != 0 {
		t.Fatalf("uncovered: %v", res.problems)
	}
	src := string(res.src)
	for _, want := range []string{
		header + "\n\npackage authz\n",
		"\t\"context\"\n\t\"database/sql\"\n\n\t\"example.com/m/db\"\n\t\"example.com/m/dbtypes\"\n)",
		"func (q *Querier) CountUsers(ctx context.Context) (int64, error) {\n\tif err := q.permit(\"CountUsers\", User, Read); err != nil {\n\t\treturn 0, err\n\t}\n\treturn q.next.CountUsers(ctx)\n}",
		"return nil, err", // ListUsers
		"return db.Widget{}, err",
		"func (q *Querier) DeleteUser(ctx context.Context, id string) error {\n\tif err := q.permit(\"DeleteUser\", User, Delete); err != nil {\n\t\treturn err\n\t}",
		"return *new(dbtypes.Money), err",
		"return *new(sql.Result), err",
		`q.own("DeleteSlabMemory", arg.UserID)`,
		`q.own("ListSlabMemoriesByUser", userID)`,
		`q.ownPtr("ListSlabMemoriesByMaybeUser", userID)`,
		`q.ownPtr("TouchPluginEvent", arg.UserID)`,
		"return false, err",
		`return "", err`,
		`q.permit("UsageTotals", Agent, Update)`,
		`q.active("GetFeedback")`,
		`"DeleteSlabMemory":            {Kind: Ownership, Owner: "arg.UserID", Aggregate: "slab_memories"},`,
		`"UsageTotals":                 {Kind: Permission, Resource: Agent, Action: Update, Aggregate: "ai_config"},`,
		`"GetFeedback":                 {Kind: ActiveUser, Aggregate: "feedback"},`,
	} {
		if !strings.Contains(src, want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(src)
	}
}

func TestBadInput(t *testing.T) {
	for name, c := range map[string]struct {
		methods []string
		extra   string
		rules   []rule
		want    string
	}{
		"unknown resource": {
			methods: []string{"users.GetUser(ctx context.Context, id string) (int64, error)"},
			rules:   []rule{{File: "users", Then: byVerb("payroll"), Why: "x"}},
			want:    `unknown resource "payroll"`,
		},
		"bad pattern": {
			methods: []string{"users.GetUser(ctx context.Context, id string) (int64, error)"},
			rules:   []rule{{File: "users", Method: "(", Then: byVerb("user"), Why: "x"}},
			want:    "Method: error parsing regexp",
		},
		"no why": {
			methods: []string{"users.GetUser(ctx context.Context, id string) (int64, error)"},
			rules:   []rule{{File: "users", Then: byVerb("user")}},
			want:    "Why is empty",
		},
		"bad action": {
			methods: []string{"users.GetUser(ctx context.Context, id string) (int64, error)"},
			rules:   []rule{{File: "users", On: "X", Then: perm("user", 'Z'), Why: "x"}},
			want:    `On "X": 'X' is not one of C R U D A`,
		},
		"user id of another type": {
			methods: []string{"users.GetUser(ctx context.Context, arg BadParams) (int64, error)"},
			extra:   "\ntype BadParams struct{ UserID int64 }\n",
			want:    "BadParams.UserID is int64",
		},
	} {
		t.Run(name, func(t *testing.T) {
			root := fakeModule(t, c.methods, c.extra)
			rs := c.rules
			if rs == nil {
				rs = rules
			}
			_, err := generate(filepath.Join(root, "db"), "example.com/m/db", rs, verbs)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}

	t.Run("querier method without a declaration", func(t *testing.T) {
		root := fakeModule(t, []string{"users.GetUser(ctx context.Context, id string) (int64, error)"}, "")
		path := filepath.Join(root, "db", "querier.go")
		src, _ := os.ReadFile(path)
		src = []byte(strings.Replace(string(src), "type Querier interface {\n", "type Querier interface {\n\tGetOrphan(ctx context.Context) error\n", 1))
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := generate(filepath.Join(root, "db"), "example.com/m/db", rules, verbs)
		if err == nil || !strings.Contains(err.Error(), "db.Querier has GetOrphan, but no db/*.sql.go declares func (q *Queries) GetOrphan") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestLeadingVerb(t *testing.T) {
	for name, want := range map[string]string{
		"GetUser": "Get", "ListActiveUsersWithRelations": "List", "UpsertUserOnLogin": "Upsert",
		"UsageTotals": "Usage", "Get": "Get", "X": "X",
	} {
		if got := leadingVerb(name); got != want {
			t.Errorf("leadingVerb(%s) = %s, want %s", name, got, want)
		}
	}
}
