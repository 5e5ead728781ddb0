package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/internal/erd"
)

const schemaHelp = `Prints the schema the embedded migrations produce (tables and indexes, in the order the
migrations create them). With --er FILE it writes Mermaid erDiagram diagrams instead, one
per feature group of DIR/schema/NNN_group.sql plus an overview; docs/schema.md is kept
current by a test.`

func (e *env) schema(ctx context.Context, args []string) error {
	fs := e.newFlags("schema", "compassdb schema [--er FILE] [--dir DIR]", schemaHelp)
	er := fs.String("er", "", "write Mermaid ER diagrams to `file` (e.g. docs/schema.md)")
	dir := fs.String("dir", ".", "repository `directory` whose schema/ names the feature groups (with --er)")
	if _, err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "compassdb-schema-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	path := filepath.Join(tmp, "schema.db")
	if err := compassdb.Migrate(ctx, path); err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	if *er != "" {
		groups, err := erd.GroupsFromSchemaDir(filepath.Join(*dir, "schema"))
		if err != nil {
			return err
		}
		doc, err := erd.Markdown(ctx, db, groups, erd.Header)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(*er), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(*er, []byte(doc), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "wrote %s\n", *er)
		return nil
	}
	rows, err := db.QueryContext(ctx, `SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND `+compassdb.OwnObjects("tbl_name")+` ORDER BY rowid`)
	if err != nil {
		return err
	}
	defer rows.Close()
	fmt.Fprintf(e.stdout, "-- The Compass schema at migration version %d.\n", compassdb.LatestVersion())
	for rows.Next() {
		var ddl string
		if err := rows.Scan(&ddl); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "\n%s;\n", ddl)
	}
	return rows.Err()
}
