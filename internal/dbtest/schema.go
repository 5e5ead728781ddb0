package dbtest

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/compass-eng/compassdb"
)

// Schema is what a migrated database says about itself (sqlite_schema and the table
// pragmas), for tests that are driven by the schema rather than by a hand-kept list.
type Schema struct {
	Tables []*Table // sorted by name; golang-migrate's schema_migrations is left out
}

// Table is one table of a Schema.
type Table struct {
	Name        string
	SQL         string // the CREATE TABLE statement as stored
	Columns     []Column
	ForeignKeys []ForeignKey
	Indexes     []Index // every index, with the automatic ones of PRIMARY KEY and UNIQUE
	Checks      []Check // every CHECK constraint in the CREATE TABLE, named or not
}

// Column is a row of pragma_table_info.
type Column struct {
	Name    string
	Type    string
	NotNull bool
	Default *string // the default expression's text, nil when there is none
	PK      int     // 1-based position in the primary key, 0 when not part of it
}

// ForeignKey is a row of pragma_foreign_key_list (single-column keys).
type ForeignKey struct {
	Table, Column        string // the child
	Parent, ParentColumn string
	OnDelete, OnUpdate   string // "CASCADE", "NO ACTION", …
}

// Index is a row of pragma_index_list with its columns from pragma_index_info.
type Index struct {
	Name    string
	Unique  bool
	Origin  string // "c" (CREATE INDEX), "u" (UNIQUE constraint), "pk" (PRIMARY KEY)
	Partial bool
	Columns []string
}

// Check is one CHECK constraint of a CREATE TABLE statement.
type Check struct {
	Name string // "" for an unnamed CHECK
	Expr string // the text between CHECK's parentheses
}

// Table returns the table called name, or nil.
func (s *Schema) Table(name string) *Table {
	for _, t := range s.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// TableNames returns the tables' names, sorted.
func (s *Schema) TableNames() []string {
	names := make([]string, len(s.Tables))
	for i, t := range s.Tables {
		names[i] = t.Name
	}
	return names
}

// Column returns the column called name, or nil.
func (t *Table) Column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// PrimaryKey returns the primary key's columns in key order.
func (t *Table) PrimaryKey() []string {
	var cols []Column
	for _, c := range t.Columns {
		if c.PK > 0 {
			cols = append(cols, c)
		}
	}
	slices.SortFunc(cols, func(a, b Column) int { return a.PK - b.PK })
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return names
}

// ForeignKey returns the foreign key on column, or nil.
func (t *Table) ForeignKey(column string) *ForeignKey {
	for i := range t.ForeignKeys {
		if t.ForeignKeys[i].Column == column {
			return &t.ForeignKeys[i]
		}
	}
	return nil
}

// UniqueIndexes returns the indexes that enforce uniqueness, the primary key's included.
func (t *Table) UniqueIndexes() []Index {
	var out []Index
	for _, ix := range t.Indexes {
		if ix.Unique {
			out = append(out, ix)
		}
	}
	return out
}

// InCheck reports whether column is named in any CHECK expression of the table.
func (t *Table) InCheck(column string) bool {
	word := regexp.MustCompile(`\b` + regexp.QuoteMeta(column) + `\b`)
	for _, c := range t.Checks {
		if word.MatchString(c.Expr) {
			return true
		}
	}
	return false
}

// ReadSchema reads the schema of the database behind conn.
func ReadSchema(ctx context.Context, conn *sql.DB) (*Schema, error) {
	rows, err := conn.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema
		WHERE type = 'table' AND `+compassdb.OwnObjects("name")+` ORDER BY name`)
	if err != nil {
		return nil, err
	}
	s := &Schema{}
	for rows.Next() {
		t := &Table{}
		if err := rows.Scan(&t.Name, &t.SQL); err != nil {
			rows.Close()
			return nil, err
		}
		s.Tables = append(s.Tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, t := range s.Tables {
		if err := readTable(ctx, conn, t); err != nil {
			return nil, fmt.Errorf("table %s: %w", t.Name, err)
		}
	}
	return s, nil
}

func readTable(ctx context.Context, conn *sql.DB, t *Table) error {
	err := queryEach(ctx, conn, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`,
		[]any{t.Name}, func(rows *sql.Rows) error {
			var c Column
			if err := rows.Scan(&c.Name, &c.Type, &c.NotNull, &c.Default, &c.PK); err != nil {
				return err
			}
			t.Columns = append(t.Columns, c)
			return nil
		})
	if err != nil {
		return err
	}
	err = queryEach(ctx, conn, `SELECT "table", "from", coalesce("to", ''), on_delete, on_update
		FROM pragma_foreign_key_list(?) ORDER BY id, seq`, []any{t.Name}, func(rows *sql.Rows) error {
		fk := ForeignKey{Table: t.Name}
		if err := rows.Scan(&fk.Parent, &fk.Column, &fk.ParentColumn, &fk.OnDelete, &fk.OnUpdate); err != nil {
			return err
		}
		t.ForeignKeys = append(t.ForeignKeys, fk)
		return nil
	})
	if err != nil {
		return err
	}
	err = queryEach(ctx, conn, `SELECT name, "unique", origin, partial FROM pragma_index_list(?) ORDER BY name`,
		[]any{t.Name}, func(rows *sql.Rows) error {
			var ix Index
			if err := rows.Scan(&ix.Name, &ix.Unique, &ix.Origin, &ix.Partial); err != nil {
				return err
			}
			t.Indexes = append(t.Indexes, ix)
			return nil
		})
	if err != nil {
		return err
	}
	for i := range t.Indexes {
		ix := &t.Indexes[i]
		err := queryEach(ctx, conn, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, []any{ix.Name},
			func(rows *sql.Rows) error {
				var col sql.NullString // NULL for an expression
				if err := rows.Scan(&col); err != nil {
					return err
				}
				ix.Columns = append(ix.Columns, col.String)
				return nil
			})
		if err != nil {
			return err
		}
	}
	t.Checks, err = parseChecks(t.SQL)
	return err
}

func queryEach(ctx context.Context, conn *sql.DB, query string, args []any, each func(*sql.Rows) error) error {
	rows, err := conn.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

var (
	checkKeyword   = regexp.MustCompile(`(?i)\bCHECK\s*\(`)
	constraintName = regexp.MustCompile(`(?i)\bCONSTRAINT\s+("?)(\w+)("?)\s*$`)
)

// parseChecks finds every CHECK (…) of a CREATE TABLE statement, with the name of the
// CONSTRAINT clause that introduces it.
func parseChecks(ddl string) ([]Check, error) {
	var checks []Check
	for _, loc := range checkKeyword.FindAllStringIndex(ddl, -1) {
		open := loc[1] - 1
		end, err := closingParen(ddl, open)
		if err != nil {
			return nil, err
		}
		c := Check{Expr: strings.TrimSpace(ddl[open+1 : end])}
		if m := constraintName.FindStringSubmatch(ddl[:loc[0]]); m != nil {
			c.Name = m[2]
		}
		checks = append(checks, c)
	}
	return checks, nil
}

// closingParen returns the index of the parenthesis that closes the one at open,
// skipping quoted strings and identifiers.
func closingParen(s string, open int) (int, error) {
	depth := 0
	for i := open; i < len(s); i++ {
		switch c := s[i]; c {
		case '\'', '"', '`':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return 0, fmt.Errorf("unterminated quote at %d", i)
			}
			i += j + 1
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i, nil
			}
		}
	}
	return 0, fmt.Errorf("unbalanced parenthesis at %d", open)
}
