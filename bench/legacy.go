package bench

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
)

// referenceSchema is a copy of the existing Compass database's schema (tables, columns,
// defaults, foreign keys, unique keys) as introspected from the TypeScript application's
// migrations. It is committed here so that the benchmarks never depend on files outside
// the repository.
//
//go:embed testdata/reference-schema.json
var referenceSchema []byte

type refSchema struct {
	Groups []struct {
		Name   string   `json:"name"`
		Tables []string `json:"tables"`
	} `json:"groups"`
	Tables map[string]struct {
		Columns []struct {
			Name    string  `json:"name"`
			Type    string  `json:"type"`
			NotNull bool    `json:"notnull"`
			Default *string `json:"default"`
			PK      bool    `json:"pk"`
		} `json:"columns"`
		ForeignKeys []struct {
			Column   string `json:"column"`
			Table    string `json:"table"`
			To       string `json:"to"`
			OnDelete string `json:"on_delete"`
		} `json:"foreign_keys"`
		Unique [][]string `json:"unique"`
	} `json:"tables"`
}

// LegacyDDL returns the CREATE statements of the existing system's schema: the same
// tables, columns, defaults and foreign keys, each table's primary key, and only the two
// unique indexes the existing migrations create (users.email, organizations.slug). No
// index, CHECK or unique key that this module adds is in it.
func LegacyDDL() ([]string, error) {
	var s refSchema
	if err := json.Unmarshal(referenceSchema, &s); err != nil {
		return nil, fmt.Errorf("reference schema: %w", err)
	}
	var stmts []string
	for _, g := range s.Groups {
		for _, name := range g.Tables {
			t, ok := s.Tables[name]
			if !ok {
				return nil, fmt.Errorf("reference schema: group %s names unknown table %s", g.Name, name)
			}
			var b strings.Builder
			fmt.Fprintf(&b, "CREATE TABLE %s (\n", name)
			var lines []string
			for _, c := range t.Columns {
				l := fmt.Sprintf("  %s %s", c.Name, c.Type)
				if c.PK {
					l += " PRIMARY KEY"
				}
				if c.NotNull {
					l += " NOT NULL"
				}
				if c.Default != nil {
					l += " DEFAULT " + *c.Default
				}
				lines = append(lines, l)
			}
			for _, fk := range t.ForeignKeys {
				l := fmt.Sprintf("  FOREIGN KEY (%s) REFERENCES %s (%s)", fk.Column, fk.Table, fk.To)
				if fk.OnDelete != "" && fk.OnDelete != "NO ACTION" {
					l += " ON DELETE " + fk.OnDelete
				}
				lines = append(lines, l)
			}
			b.WriteString(strings.Join(lines, ",\n"))
			b.WriteString("\n)")
			stmts = append(stmts, b.String())
			for _, u := range t.Unique {
				stmts = append(stmts, fmt.Sprintf("CREATE UNIQUE INDEX %s_%s_unique ON %s (%s)",
					name, strings.Join(u, "_"), name, strings.Join(u, ", ")))
			}
		}
	}
	return stmts, nil
}
