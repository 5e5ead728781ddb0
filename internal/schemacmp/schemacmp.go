// Package schemacmp compares the schemas of two SQLite databases by meaning rather than by
// the text of their CREATE statements: columns (declared type, NOT NULL, default, primary
// key), foreign keys and their actions, indexes (uniqueness, columns and order, partial
// predicate) and CHECK constraints. Two databases compare equal when every statement an
// application can run behaves the same on both. Column order is reported separately, as
// ALTER TABLE ADD COLUMN can only append.
package schemacmp

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/compass-eng/compassdb"
)

// Schema is the normalized description of one database.
type Schema struct {
	Tables map[string]*Table
}

// Table is one table's normalized description.
type Table struct {
	Name    string
	Columns []Column // physical order
	FKs     []string // normalized, sorted
	Indexes map[string]string
	Checks  []string // normalized CHECK expressions with their names, sorted
}

// Column is one column.
type Column struct {
	Name, Type, Default string
	NotNull             bool
	PK                  int
}

func (c Column) String() string {
	s := c.Name + " " + c.Type
	if c.NotNull {
		s += " NOT NULL"
	}
	if c.Default != "" {
		s += " DEFAULT " + c.Default
	}
	if c.PK > 0 {
		s += fmt.Sprintf(" PK#%d", c.PK)
	}
	return s
}

// Querier is what Read needs: a *sql.DB, *sql.Conn or *sql.Tx.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Skip lists tables that are not part of the application's schema.
var Skip = []string{"schema_migrations"}

// Read reads the schema of the database q is connected to.
func Read(ctx context.Context, q Querier) (*Schema, error) {
	s := &Schema{Tables: map[string]*Table{}}
	type obj struct{ name, ddl string }
	var tables []obj
	err := each(ctx, q, `SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND `+compassdb.OwnObjects("name")+` ORDER BY name`, func(r *sql.Rows) error {
		var o obj
		if err := r.Scan(&o.name, &o.ddl); err != nil {
			return err
		}
		if !slices.Contains(Skip, o.name) {
			tables = append(tables, o)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, o := range tables {
		t := &Table{Name: o.name, Indexes: map[string]string{}, Checks: Checks(o.ddl)}
		err := each(ctx, q, `SELECT name, type, "notnull", coalesce(dflt_value, ''), pk FROM pragma_table_xinfo(?) ORDER BY cid`, func(r *sql.Rows) error {
			var c Column
			if err := r.Scan(&c.Name, &c.Type, &c.NotNull, &c.Default, &c.PK); err != nil {
				return err
			}
			c.Type = strings.ToUpper(strings.Join(strings.Fields(c.Type), " "))
			c.Default = normalizeDefault(c.Default)
			t.Columns = append(t.Columns, c)
			return nil
		}, o.name)
		if err != nil {
			return nil, err
		}
		fks := map[int][]string{}
		var fkIDs []int
		err = each(ctx, q, `SELECT id, seq, "table", "from", coalesce("to", ''), on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, func(r *sql.Rows) error {
			var id, seq int
			var table, from, to, onUpdate, onDelete string
			if err := r.Scan(&id, &seq, &table, &from, &to, &onUpdate, &onDelete); err != nil {
				return err
			}
			if _, ok := fks[id]; !ok {
				fkIDs = append(fkIDs, id)
			}
			fks[id] = append(fks[id], fmt.Sprintf("%s->%s.%s on update %s on delete %s", from, table, to, onUpdate, onDelete))
			return nil
		}, o.name)
		if err != nil {
			return nil, err
		}
		for _, id := range fkIDs {
			t.FKs = append(t.FKs, strings.Join(fks[id], ", "))
		}
		slices.Sort(t.FKs)
		type idx struct {
			name, origin string
			unique       bool
		}
		var idxs []idx
		err = each(ctx, q, `SELECT name, "unique", origin FROM pragma_index_list(?)`, func(r *sql.Rows) error {
			var i idx
			if err := r.Scan(&i.name, &i.unique, &i.origin); err != nil {
				return err
			}
			idxs = append(idxs, i)
			return nil
		}, o.name)
		if err != nil {
			return nil, err
		}
		for _, i := range idxs {
			if i.origin == "pk" {
				continue // described by the columns' PK positions
			}
			var parts []string
			err := each(ctx, q, `SELECT coalesce(name, '<expr>'), "desc", coalesce(coll, '') FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno`, func(r *sql.Rows) error {
				var name, coll string
				var desc bool
				if err := r.Scan(&name, &desc, &coll); err != nil {
					return err
				}
				p := name
				if coll != "" && !strings.EqualFold(coll, "BINARY") {
					p += " COLLATE " + coll
				}
				if desc {
					p += " DESC"
				}
				parts = append(parts, p)
				return nil
			}, i.name)
			if err != nil {
				return nil, err
			}
			d := "(" + strings.Join(parts, ", ") + ")"
			if i.unique {
				d = "UNIQUE " + d
			}
			name := i.name
			if i.origin == "u" {
				name = "<unique constraint " + strings.Join(parts, ",") + ">"
			} else {
				var ddl sql.NullString
				if err := each(ctx, q, `SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?`, func(r *sql.Rows) error { return r.Scan(&ddl) }, i.name); err != nil {
					return nil, err
				}
				if w := wherePart(ddl.String); w != "" {
					d += " WHERE " + w
				}
			}
			t.Indexes[name] = d
		}
		s.Tables[o.name] = t
	}
	return s, nil
}

func each(ctx context.Context, q Querier, query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

var space = regexp.MustCompile(`\s+`)

// normalizeSQL folds white space and identifier quotes so that equivalent spellings of an
// expression compare equal.
func normalizeSQL(s string) string {
	s = strings.NewReplacer("`", "", `"`, "", "[", "", "]", "").Replace(s)
	s = space.ReplaceAllString(strings.TrimSpace(s), " ")
	s = strings.NewReplacer("( ", "(", " )", ")", " ,", ",").Replace(s)
	for strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && balanced(s[1:len(s)-1]) {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

func balanced(s string) bool {
	depth := 0
	for _, c := range s {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

func normalizeDefault(d string) string {
	d = normalizeSQL(d)
	switch strings.ToLower(d) { // SQLite's TRUE and FALSE keywords are 1 and 0
	case "true":
		return "1"
	case "false":
		return "0"
	}
	return d
}

var whereRe = regexp.MustCompile(`(?is)\)\s*WHERE\s+(.*)$`)

func wherePart(ddl string) string {
	if m := whereRe.FindStringSubmatch(ddl); m != nil {
		return normalizeSQL(strings.TrimSuffix(strings.TrimSpace(m[1]), ";"))
	}
	return ""
}

var checkRe = regexp.MustCompile(`(?i)(?:\bCONSTRAINT\s+([\w"` + "`" + `\[\]]+)\s+)?\bCHECK\s*\(`)

// Checks extracts the CHECK constraints of a CREATE TABLE statement, column and table
// constraints alike, as "name: expression" (name empty when unnamed), normalized, sorted.
func Checks(ddl string) []string {
	ddl = stripComments(ddl)
	var out []string
	for _, loc := range checkRe.FindAllStringSubmatchIndex(ddl, -1) {
		open := loc[1] - 1
		end := matchParen(ddl, open)
		if end < 0 {
			continue
		}
		name := ""
		if loc[2] >= 0 {
			name = normalizeSQL(ddl[loc[2]:loc[3]])
		}
		out = append(out, name+": "+normalizeSQL(ddl[open+1:end]))
	}
	slices.Sort(out)
	return out
}

func matchParen(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return -1
			}
			i += j + 1
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func stripComments(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if i := strings.Index(l, "--"); i >= 0 && strings.Count(l[:i], "'")%2 == 0 {
			l = l[:i]
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// Diff lists every difference between a and b that changes behaviour, as readable lines
// ("a" and "b" name the sides); empty means equivalent. Column order is not compared.
func Diff(a, b *Schema, nameA, nameB string) []string {
	var out []string
	names := map[string]bool{}
	for n := range a.Tables {
		names[n] = true
	}
	for n := range b.Tables {
		names[n] = true
	}
	for _, n := range slices.Sorted(func(yield func(string) bool) {
		for k := range names {
			if !yield(k) {
				return
			}
		}
	}) {
		ta, tb := a.Tables[n], b.Tables[n]
		switch {
		case ta == nil:
			out = append(out, fmt.Sprintf("table %s exists only in %s", n, nameB))
			continue
		case tb == nil:
			out = append(out, fmt.Sprintf("table %s exists only in %s", n, nameA))
			continue
		}
		ca, cb := map[string]Column{}, map[string]Column{}
		for _, c := range ta.Columns {
			ca[c.Name] = c
		}
		for _, c := range tb.Columns {
			cb[c.Name] = c
		}
		for _, c := range ta.Columns {
			if d, ok := cb[c.Name]; !ok {
				out = append(out, fmt.Sprintf("%s.%s exists only in %s", n, c.Name, nameA))
			} else if c != d {
				out = append(out, fmt.Sprintf("%s.%s differs: %s has %q, %s has %q", n, c.Name, nameA, c, nameB, d))
			}
		}
		for _, c := range tb.Columns {
			if _, ok := ca[c.Name]; !ok {
				out = append(out, fmt.Sprintf("%s.%s exists only in %s", n, c.Name, nameB))
			}
		}
		if !slices.Equal(ta.FKs, tb.FKs) {
			out = append(out, fmt.Sprintf("%s foreign keys differ: %s has %v, %s has %v", n, nameA, ta.FKs, nameB, tb.FKs))
		}
		if !slices.Equal(ta.Checks, tb.Checks) {
			out = append(out, fmt.Sprintf("%s CHECK constraints differ: %s has %q, %s has %q", n, nameA, ta.Checks, nameB, tb.Checks))
		}
		for name, d := range ta.Indexes {
			if e, ok := tb.Indexes[name]; !ok {
				out = append(out, fmt.Sprintf("index %s on %s exists only in %s", name, n, nameA))
			} else if d != e {
				out = append(out, fmt.Sprintf("index %s on %s differs: %s has %s, %s has %s", name, n, nameA, d, nameB, e))
			}
		}
		for name := range tb.Indexes {
			if _, ok := ta.Indexes[name]; !ok {
				out = append(out, fmt.Sprintf("index %s on %s exists only in %s", name, n, nameB))
			}
		}
	}
	return out
}

// OrderNotes reports tables whose shared columns come in a different physical order.
func OrderNotes(a, b *Schema) []string {
	var out []string
	for n, ta := range a.Tables {
		tb := b.Tables[n]
		if tb == nil {
			continue
		}
		var oa, ob []string
		for _, c := range ta.Columns {
			if slices.ContainsFunc(tb.Columns, func(d Column) bool { return d.Name == c.Name }) {
				oa = append(oa, c.Name)
			}
		}
		for _, c := range tb.Columns {
			if slices.Contains(oa, c.Name) {
				ob = append(ob, c.Name)
			}
		}
		if !slices.Equal(oa, ob) {
			out = append(out, fmt.Sprintf("%s: columns in order %v vs %v", n, oa, ob))
		}
	}
	slices.Sort(out)
	return out
}

// Check is one CHECK constraint as written.
type Check struct{ Name, Expr string }

// CheckExprs extracts the CHECK constraints of a CREATE TABLE statement with their
// expressions as written, so that they can be evaluated against rows.
func CheckExprs(ddl string) []Check {
	ddl = stripComments(ddl)
	var out []Check
	for _, loc := range checkRe.FindAllStringSubmatchIndex(ddl, -1) {
		open := loc[1] - 1
		end := matchParen(ddl, open)
		if end < 0 {
			continue
		}
		var name string
		if loc[2] >= 0 {
			name = strings.Trim(ddl[loc[2]:loc[3]], "\"`[]")
		}
		out = append(out, Check{Name: name, Expr: strings.TrimSpace(ddl[open+1 : end])})
	}
	return out
}
