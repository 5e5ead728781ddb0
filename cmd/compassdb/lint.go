package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"ariga.io/atlas/schemahcl"
	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/schema"
	"ariga.io/atlas/sql/sqlcheck"
	"ariga.io/atlas/sql/sqlclient"
	"ariga.io/atlas/sql/sqlite"
	_ "ariga.io/atlas/sql/sqlite/sqlitecheck" // registers Atlas's SQLite analyzers

	"github.com/compass-eng/compassdb/cmd/compassdb/internal/schemadiff"
	"github.com/compass-eng/compassdb/internal/migsum"
)

const lintHelp = `Replays each migration that migrations.sum does not record yet (every one with --all)
statement by statement on a temporary database built from the migrations before it, and
flags risky changes:

  drop-table          dropping a table (its rows are lost)
  drop-column         dropping a column (its values are lost)
  narrow-type         changing a column's type to one that holds less (TEXT to INTEGER, REAL to INTEGER, ...)
  add-not-null        adding NOT NULL (a column, or on an existing column) without a default
  add-unique          adding a unique index (fails on existing duplicates)
  rename              renaming a table or column (running code still uses the old name)
  rebuild-referenced  rebuilding a table other tables reference (safe only with foreign keys
                      off, as compassdb's runner applies migrations; with them on, dropping the
                      old table deletes or blocks the children)

Atlas's analyzers (sqlcheck/destructive, datadepend, condrop, incompatible, with its
SQLite rules) report the first five; narrow-type and rebuild-referenced are checked on
the same replayed changes. A file that really means it carries an annotation, e.g.
  -- compassdb:allow drop-column, rebuild-referenced
Exit code 3 when there are findings. Down files are not linted (they undo by design).`

// finding is one risky change in a migration file.
type finding struct {
	File, Rule, Code, Text string
	Line                   int
}

func (e *env) migrateLint(ctx context.Context, args []string) error {
	fs := e.newFlags("lint", "compassdb migrate lint [--dir DIR] [--all]", lintHelp)
	dir := fs.String("dir", ".", "repository `directory` holding migrations/")
	all := fs.Bool("all", false, "lint every migration, recorded or not")
	if _, err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	migDir := filepath.Join(*dir, "migrations")
	var files []string
	if *all {
		repo, err := readRepo(*dir)
		if err != nil {
			return err
		}
		for _, v := range repo.versions {
			files = append(files, repo.names[v]+".up.sql")
		}
	} else {
		sum, err := migsum.Read(os.DirFS(migDir))
		if err != nil {
			return err
		}
		st, err := migsum.Check(os.DirFS(migDir), sum)
		if err != nil {
			return err
		}
		files = st.Unrecorded
	}
	files = slices.DeleteFunc(files, func(f string) bool { return !strings.HasSuffix(f, ".up.sql") })
	if len(files) == 0 {
		fmt.Fprintln(e.stdout, "lint: no unrecorded migrations to lint (use --all to lint every one)")
		return nil
	}
	findings, err := lintDir(ctx, *dir, files)
	if err != nil {
		return err
	}
	if len(findings) > 0 {
		printFindings(e.stdout, findings)
		return attention("lint: %d risky change(s); fix them or annotate the file (`-- compassdb:allow RULE`)", len(findings))
	}
	fmt.Fprintf(e.stdout, "lint: %s: no risky changes\n", strings.Join(files, ", "))
	return nil
}

func printFindings(w io.Writer, fs []finding) {
	for _, f := range fs {
		fmt.Fprintf(w, "migrations/%s:%d: %s: %s [%s]\n", f.File, f.Line, f.Rule, f.Text, f.Code)
	}
}

// rules maps Atlas's diagnostic codes to the rule names annotations use.
var rules = map[string]string{
	"DS101": "drop-table", "DS102": "drop-table", "DS103": "drop-column", "CD101": "drop-column",
	"MF103": "add-not-null", "MF104": "add-not-null", "LT101": "add-not-null",
	"MF101": "add-unique", "MF102": "add-unique",
	"BC101": "rename", "BC102": "rename",
}

var allowRe = regexp.MustCompile(`(?m)^\s*--\s*compassdb:allow\s+(.+)$`)

// allowed returns the rules a file's annotations allow.
func allowed(body string) map[string]bool {
	out := map[string]bool{}
	for _, m := range allowRe.FindAllStringSubmatch(body, -1) {
		for _, r := range strings.FieldsFunc(m[1], func(c rune) bool { return c == ',' || c == ' ' || c == '\t' }) {
			if strings.HasPrefix(r, "—") || strings.HasPrefix(r, "-") || strings.HasPrefix(r, "(") {
				break // the rest is a reason
			}
			out[r] = true
		}
	}
	return out
}

// lintDir lints the named up files of dir/migrations.
func lintDir(ctx context.Context, dir string, files []string) ([]finding, error) {
	repo, err := readRepo(dir)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "compassdb-lint-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var out []finding
	for i, name := range files {
		m := migrationFile.FindStringSubmatch(name)
		if m == nil {
			continue
		}
		v64, _ := strconv.ParseUint(m[1], 10, 32)
		v := uint(v64)
		prev := uint(0)
		for _, w := range repo.versions {
			if w < v {
				prev = w
			}
		}
		body, err := os.ReadFile(filepath.Join(repo.migDir, name))
		if err != nil {
			return nil, err
		}
		path := filepath.Join(tmp, fmt.Sprintf("lint%d.db", i))
		if err := migrateDirTo(ctx, path, repo.migDir, prev); err != nil {
			return nil, fmt.Errorf("building the database before %s: %w", name, err)
		}
		fs, err := lintFile(ctx, path, name, string(body))
		if err != nil {
			return nil, err
		}
		out = append(out, fs...)
	}
	return out, nil
}

func lintFile(ctx context.Context, path, name, body string) ([]finding, error) {
	db, err := schemadiff.Open(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	stmts, err := migrate.Stmts(body)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	before, drv, err := schemadiff.Inspect(ctx, db)
	if err != nil {
		return nil, err
	}
	start := before
	file := &sqlcheck.File{File: migrate.NewLocalFile(name, []byte(body))}
	var findings []finding
	lineOf := func(pos int) int { return strings.Count(body[:min(pos, len(body))], "\n") + 1 }
	for _, st := range stmts {
		if _, err := db.ExecContext(ctx, st.Text); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, lineOf(st.Pos), err)
		}
		after, _, err := schemadiff.Inspect(ctx, db)
		if err != nil {
			return nil, err
		}
		changes, err := drv.SchemaDiff(before, after, schema.DiffNormalized())
		if err != nil {
			return nil, err
		}
		file.Changes = append(file.Changes, &sqlcheck.Change{Stmt: st, Changes: changes})
		findings = append(findings, ownChecks(name, lineOf(st.Pos), start, changes)...)
		before = after
	}
	file.From, file.To = &schema.Realm{Schemas: []*schema.Schema{start}}, &schema.Realm{Schemas: []*schema.Schema{before}}
	pass := &sqlcheck.Pass{
		File: file,
		Dev:  &sqlclient.Client{Name: sqlite.DriverName, DB: db, Driver: drv},
		Reporter: sqlcheck.ReportWriterFunc(func(r sqlcheck.Report) {
			for _, d := range r.Diagnostics {
				rule := rules[d.Code]
				if rule == "" {
					rule = strings.ToLower(d.Code)
				}
				findings = append(findings, finding{File: name, Line: lineOf(d.Pos), Rule: rule, Code: d.Code, Text: d.Text})
			}
		}),
	}
	analyzers, err := sqlcheck.AnalyzerFor(sqlite.DriverName, &schemahcl.Resource{})
	if err != nil {
		return nil, err
	}
	for _, a := range analyzers {
		_ = a.Analyze(ctx, pass) // an analyzer returns an error after reporting; the reports are what count
	}
	ok := allowed(body)
	findings = slices.DeleteFunc(findings, func(f finding) bool { return ok[f.Rule] })
	slices.SortStableFunc(findings, func(a, b finding) int { return a.Line - b.Line })
	return slices.CompactFunc(findings, func(a, b finding) bool { return a == b }), nil
}

// ownChecks flags what Atlas's analyzers do not: a column type that holds less than
// before, and the rebuild of a table other tables reference (its DROP TABLE, when the
// file later creates the table again, which Atlas's SQLite rules fold into one change).
func ownChecks(file string, line int, start *schema.Schema, changes schema.Changes) []finding {
	var out []finding
	for _, c := range changes {
		switch c := c.(type) {
		case *schema.ModifyTable:
			for _, m := range c.Changes {
				if mc, ok := m.(*schema.ModifyColumn); ok && mc.Change.Is(schema.ChangeType) && narrows(mc.From, mc.To) {
					out = append(out, finding{File: file, Line: line, Rule: "narrow-type", Code: "CX101",
						Text: fmt.Sprintf("column %s.%s changes from %s to %s, which holds less", c.T.Name, mc.To.Name, mc.From.Type.Raw, mc.To.Type.Raw)})
				}
			}
		case *schema.DropTable:
			t, ok := start.Table(c.T.Name)
			if !ok {
				continue
			}
			if refs := referencedBy(start, t.Name); len(refs) > 0 {
				out = append(out, finding{File: file, Line: line, Rule: "rebuild-referenced", Code: "CX102",
					Text: fmt.Sprintf("table %q is dropped (or rebuilt) while %s reference it: with foreign keys on, dropping it deletes or blocks their rows; compassdb's runner applies migrations with foreign keys off", t.Name, strings.Join(refs, ", "))})
			}
		}
	}
	// A rebuild's CREATE new_T / DROP T / RENAME pattern also changes narrowed types
	// through the new table: compare the rebuilt table with the start when it comes back.
	for _, c := range changes {
		if add, ok := c.(*schema.AddTable); ok {
			if old, ok := start.Table(add.T.Name); ok {
				for _, col := range add.T.Columns {
					if oc, ok := old.Column(col.Name); ok && narrows(oc, col) {
						out = append(out, finding{File: file, Line: line, Rule: "narrow-type", Code: "CX101",
							Text: fmt.Sprintf("column %s.%s changes from %s to %s, which holds less", add.T.Name, col.Name, oc.Type.Raw, col.Type.Raw)})
					}
				}
			}
		}
	}
	return out
}

func referencedBy(s *schema.Schema, table string) []string {
	var out []string
	for _, t := range s.Tables {
		if t.Name == table {
			continue
		}
		for _, fk := range t.ForeignKeys {
			if fk.RefTable != nil && fk.RefTable.Name == table && !slices.Contains(out, t.Name) {
				out = append(out, t.Name)
			}
		}
	}
	slices.Sort(out)
	return out
}

// affinity is SQLite's type affinity of a declared type (https://sqlite.org/datatype3.html).
func affinity(decl string) string {
	d := strings.ToUpper(decl)
	switch {
	case strings.Contains(d, "INT"):
		return "INTEGER"
	case strings.Contains(d, "CHAR"), strings.Contains(d, "CLOB"), strings.Contains(d, "TEXT"):
		return "TEXT"
	case d == "" || strings.Contains(d, "BLOB"):
		return "BLOB"
	case strings.Contains(d, "REAL"), strings.Contains(d, "FLOA"), strings.Contains(d, "DOUB"):
		return "REAL"
	default:
		return "NUMERIC"
	}
}

// narrows reports whether values of from's type may not survive in to's: anything into
// INTEGER or REAL or NUMERIC from TEXT or BLOB, REAL into INTEGER; TEXT and BLOB (no
// affinity) keep every value.
func narrows(from, to *schema.Column) bool {
	f, t := affinity(rawType(from)), affinity(rawType(to))
	if f == t || t == "BLOB" {
		return false
	}
	switch f {
	case "INTEGER":
		return false // into REAL, NUMERIC or TEXT every integer survives
	case "REAL", "NUMERIC":
		return t == "INTEGER" || (f == "REAL" && t == "NUMERIC")
	default: // TEXT, BLOB
		return true
	}
}

func rawType(c *schema.Column) string {
	if c.Type == nil {
		return ""
	}
	if c.Type.Raw != "" {
		return c.Type.Raw
	}
	if t, err := sqlite.FormatType(c.Type.Type); err == nil {
		return t
	}
	return ""
}
