// Package schemadiff plans the migration between two SQLite databases with Atlas
// (ariga.io/atlas, Apache-2.0): both are inspected with its sqlite driver, compared with
// SchemaDiff in normalized mode (so that CHECK constraints are compared by expression) and
// the changes are planned with its SQLite PlanChanges, which ALTERs what SQLite can ALTER
// and rebuilds a table for everything else (create new_T, copy the rows, drop T, rename
// new_T to T, recreate T's indexes).
//
// Two post-processing steps adapt the plan to the compassdb runner and keep the schema's
// text as its author wrote it:
//   - the `PRAGMA foreign_keys = off/on` pair around a rebuild is removed: the runner
//     applies a whole run in one transaction on a connection with foreign keys off (the
//     pragma is a no-op inside a transaction anyway) and migration files may not contain it;
//   - every CREATE TABLE and CREATE INDEX that Atlas plans is replaced by the target
//     database's own statement from sqlite_schema (for a rebuild's new_T, with the name
//     changed), so constraint names, column-level REFERENCES and CHECK expressions are
//     those of schema/ and Atlas's invented foreign-key names ("CONSTRAINT `0`") vanish.
package schemadiff

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/schema"
	"ariga.io/atlas/sql/sqlite"
	_ "github.com/mattn/go-sqlite3" // registers "sqlite3", the driver Atlas's sqlite package expects
)

// Ignored are the tables that are bookkeeping, not schema: golang-migrate's version table.
var Ignored = []string{"schema_migrations"}

// Open opens a SQLite file for inspection and planning, foreign keys off.
func Open(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=0")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, db.Ping()
}

// Inspect returns the main schema of db as Atlas sees it, without the ignored tables.
func Inspect(ctx context.Context, db *sql.DB) (*schema.Schema, migrate.Driver, error) {
	drv, err := sqlite.Open(db)
	if err != nil {
		return nil, nil, err
	}
	s, err := drv.InspectSchema(ctx, "", nil)
	if err != nil {
		return nil, nil, err
	}
	s.Tables = slices.DeleteFunc(s.Tables, func(t *schema.Table) bool { return slices.Contains(Ignored, t.Name) })
	return s, drv, nil
}

// Stmt is one planned statement with Atlas's comment about it.
type Stmt struct {
	Comment string
	SQL     string
}

// Plan is the migration in both directions.
type Plan struct {
	Up, Down []Stmt
	Changes  schema.Changes // what Up changes, per table
	Rebuilt  []string       // tables Up rebuilds (create new, copy, drop, rename)
}

// Empty reports whether the two databases had the same schema.
func (p *Plan) Empty() bool { return len(p.Changes) == 0 }

// Diff returns Atlas's changes from one database's schema to the other's.
func Diff(ctx context.Context, from, to *sql.DB) (schema.Changes, error) {
	fs, drv, err := Inspect(ctx, from)
	if err != nil {
		return nil, err
	}
	ts, _, err := Inspect(ctx, to)
	if err != nil {
		return nil, err
	}
	return drv.SchemaDiff(fs, ts, schema.DiffNormalized())
}

// Compute plans the migration that turns current's schema into desired's (Up) and back
// (Down).
func Compute(ctx context.Context, current, desired *sql.DB) (*Plan, error) {
	up, changes, rebuilt, err := plan(ctx, current, desired)
	if err != nil {
		return nil, fmt.Errorf("plan up: %w", err)
	}
	p := &Plan{Up: up, Changes: changes, Rebuilt: rebuilt}
	if p.Empty() {
		return p, nil
	}
	if p.Down, _, _, err = plan(ctx, desired, current); err != nil {
		return nil, fmt.Errorf("plan down: %w", err)
	}
	return p, nil
}

func plan(ctx context.Context, from, to *sql.DB) ([]Stmt, schema.Changes, []string, error) {
	fs, drv, err := Inspect(ctx, from)
	if err != nil {
		return nil, nil, nil, err
	}
	ts, _, err := Inspect(ctx, to)
	if err != nil {
		return nil, nil, nil, err
	}
	changes, err := drv.SchemaDiff(fs, ts, schema.DiffNormalized())
	if err != nil || len(changes) == 0 {
		return nil, nil, nil, err
	}
	pl, err := drv.PlanChanges(ctx, "compassdb", changes)
	if err != nil {
		return nil, nil, nil, err
	}
	verbatim, err := ddlOf(ctx, to)
	if err != nil {
		return nil, nil, nil, err
	}
	var out []Stmt
	var rebuilt []string
	for _, c := range pl.Changes {
		cmd := c.Cmd
		if pragmaFK.MatchString(cmd) {
			continue // see the package comment
		}
		switch src := c.Source.(type) {
		case *schema.AddTable:
			name := src.T.Name
			if ddl, ok := verbatim["table:"+name]; ok {
				cmd = ddl
			} else if base, ok := strings.CutPrefix(name, "new_"); ok && verbatim["table:"+base] != "" {
				cmd = renameCreateTable(verbatim["table:"+base], name)
				rebuilt = append(rebuilt, base)
			}
		case *schema.AddIndex:
			if ddl, ok := verbatim["index:"+src.I.Name]; ok {
				cmd = ddl
			}
		}
		out = append(out, Stmt{Comment: c.Comment, SQL: strings.TrimSuffix(strings.TrimSpace(cmd), ";")})
	}
	return out, changes, rebuilt, nil
}

var pragmaFK = regexp.MustCompile(`(?i)^\s*PRAGMA\s+foreign_keys\b`)

// ddlOf returns the CREATE statements of db's tables and indexes, keyed "table:NAME" and
// "index:NAME".
func ddlOf(ctx context.Context, db *sql.DB) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT type, name, sql FROM sqlite_schema WHERE type IN ('table', 'index') AND sql IS NOT NULL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var typ, name, ddl string
		if err := rows.Scan(&typ, &name, &ddl); err != nil {
			return nil, err
		}
		out[typ+":"+name] = ddl
	}
	return out, rows.Err()
}

var createTableName = regexp.MustCompile("(?is)^(\\s*CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?)(\"[^\"]+\"|`[^`]+`|\\[[^\\]]+\\]|[A-Za-z_][A-Za-z0-9_$]*)")

// renameCreateTable changes the table name of a CREATE TABLE statement.
func renameCreateTable(ddl, name string) string {
	loc := createTableName.FindStringSubmatchIndex(ddl)
	if loc == nil {
		return ddl
	}
	return ddl[:loc[4]] + name + ddl[loc[5]:]
}

// Describe renders changes as one line per change, e.g. "projects: add column budget".
func Describe(changes schema.Changes) []string {
	var out []string
	for _, c := range changes {
		switch c := c.(type) {
		case *schema.AddTable:
			out = append(out, c.T.Name+": create table")
		case *schema.DropTable:
			out = append(out, c.T.Name+": drop table")
		case *schema.RenameTable:
			out = append(out, c.From.Name+": rename to "+c.To.Name)
		case *schema.ModifyTable:
			for _, m := range c.Changes {
				out = append(out, c.T.Name+": "+describeTableChange(m))
			}
		default:
			out = append(out, fmt.Sprintf("%T", c))
		}
	}
	return out
}

func describeTableChange(c schema.Change) string {
	switch c := c.(type) {
	case *schema.AddColumn:
		return "add column " + c.C.Name
	case *schema.DropColumn:
		return "drop column " + c.C.Name
	case *schema.RenameColumn:
		return "rename column " + c.From.Name + " to " + c.To.Name
	case *schema.ModifyColumn:
		var what []string
		if c.Change.Is(schema.ChangeNull) {
			if c.To.Type.Null {
				what = append(what, "drop NOT NULL")
			} else {
				what = append(what, "set NOT NULL")
			}
		}
		if c.Change.Is(schema.ChangeType) {
			what = append(what, "change type")
		}
		if c.Change.Is(schema.ChangeDefault) {
			what = append(what, "change default")
		}
		if c.Change.Is(schema.ChangeGenerated) {
			what = append(what, "change generated expression")
		}
		return "modify column " + c.To.Name + " (" + strings.Join(what, ", ") + ")"
	case *schema.AddIndex:
		return "add index " + c.I.Name
	case *schema.DropIndex:
		return "drop index " + c.I.Name
	case *schema.ModifyIndex:
		return "modify index " + c.To.Name
	case *schema.RenameIndex:
		return "rename index " + c.From.Name + " to " + c.To.Name
	case *schema.AddForeignKey:
		return "add foreign key " + fkCols(c.F)
	case *schema.DropForeignKey:
		return "drop foreign key " + fkCols(c.F)
	case *schema.ModifyForeignKey:
		return "modify foreign key " + fkCols(c.To)
	case *schema.AddCheck:
		return "add check " + checkName(c.C)
	case *schema.DropCheck:
		return "drop check " + checkName(c.C)
	case *schema.ModifyCheck:
		return "modify check " + checkName(c.To)
	case *schema.ModifyPrimaryKey:
		return "modify primary key"
	default:
		return fmt.Sprintf("%T", c)
	}
}

func fkCols(fk *schema.ForeignKey) string {
	var cols []string
	for _, c := range fk.Columns {
		cols = append(cols, c.Name)
	}
	return "(" + strings.Join(cols, ", ") + ") -> " + fk.RefTable.Name
}

func checkName(c *schema.Check) string {
	if c.Name != "" {
		return c.Name
	}
	return "(" + c.Expr + ")"
}
