// Package erd renders the schema of a SQLite database as Mermaid erDiagram diagrams: one
// per feature group (its tables with their columns, and the foreign keys that leave them)
// and an overview of every table and foreign key.
package erd

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/compass-eng/compassdb"
)

// Group is a feature group: a schema file's name and the tables it defines.
type Group struct {
	Name   string
	Tables []string
}

var createTable = regexp.MustCompile(`(?im)^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?["` + "`" + `]?(\w+)`)

// GroupsFromSchemaDir reads the feature groups from schema files named NNN_group.sql.
func GroupsFromSchemaDir(dir string) ([]Group, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var out []Group
	for _, f := range files {
		body, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(f), ".sql")
		if i := strings.IndexByte(name, '_'); i >= 0 {
			name = name[i+1:]
		}
		g := Group{Name: name}
		for _, m := range createTable.FindAllStringSubmatch(string(body), -1) {
			g.Tables = append(g.Tables, m[1])
		}
		out = append(out, g)
	}
	return out, nil
}

type column struct {
	name, typ string
	notNull   bool
	pk        bool
}

type fk struct {
	child, column, parent string
	notNull               bool
}

// Markdown renders the document: a title, one diagram per group and an overview. Tables
// of the database that no group lists go into a group "other".
func Markdown(ctx context.Context, db *sql.DB, groups []Group, header string) (string, error) {
	tables, err := list(ctx, db, `SELECT name FROM sqlite_schema WHERE type = 'table' AND `+compassdb.OwnObjects("name")+` ORDER BY name`)
	if err != nil {
		return "", err
	}
	cols := map[string][]column{}
	var fks []fk
	for _, t := range tables {
		rows, err := db.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, t)
		if err != nil {
			return "", err
		}
		for rows.Next() {
			var c column
			var pk int
			if err := rows.Scan(&c.name, &c.typ, &c.notNull, &pk); err != nil {
				rows.Close()
				return "", err
			}
			c.pk = pk > 0
			cols[t] = append(cols[t], c)
		}
		rows.Close()
		rows, err = db.QueryContext(ctx, `SELECT "table", "from" FROM pragma_foreign_key_list(?) ORDER BY id, seq`, t)
		if err != nil {
			return "", err
		}
		for rows.Next() {
			f := fk{child: t}
			if err := rows.Scan(&f.parent, &f.column); err != nil {
				rows.Close()
				return "", err
			}
			fks = append(fks, f)
		}
		rows.Close()
	}
	for i, f := range fks {
		for _, c := range cols[f.child] {
			if c.name == f.column {
				fks[i].notNull = c.notNull || c.pk
			}
		}
	}
	listed := map[string]bool{}
	for _, g := range groups {
		for _, t := range g.Tables {
			listed[t] = true
		}
	}
	var other []string
	for _, t := range tables {
		if !listed[t] {
			other = append(other, t)
		}
	}
	if len(other) > 0 {
		groups = append(groups, Group{Name: "other", Tables: other})
	}

	var b strings.Builder
	b.WriteString(header)
	for _, g := range groups {
		fmt.Fprintf(&b, "\n## %s\n\n```mermaid\nerDiagram\n", g.Name)
		for _, t := range g.Tables {
			fmt.Fprintf(&b, "    %s {\n", t)
			for _, c := range cols[t] {
				keys := ""
				switch {
				case c.pk && isFK(fks, t, c.name):
					keys = " PK, FK"
				case c.pk:
					keys = " PK"
				case isFK(fks, t, c.name):
					keys = " FK"
				}
				null := ""
				if !c.notNull && !c.pk {
					null = ` "nullable"`
				}
				typ := strings.ToUpper(c.typ)
				if typ == "" {
					typ = "ANY"
				}
				fmt.Fprintf(&b, "        %s %s%s%s\n", typ, c.name, keys, null)
			}
			b.WriteString("    }\n")
		}
		for _, f := range fks {
			if slices.Contains(g.Tables, f.child) {
				b.WriteString(relation(f))
			}
		}
		b.WriteString("```\n")
	}
	b.WriteString("\n## Overview\n\nEvery table and foreign key (columns are in the diagrams above).\n\n```mermaid\nerDiagram\n")
	for _, f := range fks {
		b.WriteString(relation(f))
	}
	for _, t := range tables {
		if !slices.ContainsFunc(fks, func(f fk) bool { return f.child == t || f.parent == t }) {
			fmt.Fprintf(&b, "    %s {\n    }\n", t)
		}
	}
	b.WriteString("```\n")
	return b.String(), nil
}

func relation(f fk) string {
	card := "|o--o{"
	if f.notNull {
		card = "||--o{"
	}
	return fmt.Sprintf("    %s %s %s : %s\n", f.parent, card, f.child, f.column)
}

func isFK(fks []fk, table, col string) bool {
	return slices.ContainsFunc(fks, func(f fk) bool { return f.child == table && f.column == col })
}

func list(ctx context.Context, db *sql.DB, q string) ([]string, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Header is the title of docs/schema.md.
const Header = `# Compass schema

Entity-relationship diagrams of the schema the migrations produce: one per feature group
(schema/NNN_group.sql), then an overview. Generated by
` + "`go run ./cmd/compassdb schema --er docs/schema.md`" + `; TestERDiagramIsCurrent (internal/erd)
fails when this file is stale. ` + "`||--o{`" + ` is a required foreign key, ` + "`|o--o{`" + ` an optional one.
`
