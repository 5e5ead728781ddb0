package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/compass-eng/compassdb/internal/adopt"
)

const adoptHelp = `Brings a database created by the existing TypeScript application (its tables and
columns, no schema_migrations) to the current schema without losing a row. It first
checks that every expected table and column is there and reports, by table and id, every
row that would break the new constraints (duplicate memberships, invalid enum values,
malformed JSON, self-dependencies, duplicate NetSuite ids, orphans, values the typed
queries cannot read). With a non-empty report it changes nothing (exit code 3), unless
--fix rules cover every problem. Otherwise, after confirmation (or --yes), it writes a
backup with VACUUM INTO, builds the new database next to the original, copies every row,
verifies counts, foreign keys and integrity, and swaps it in. Stop the application first.

Fix rules (comma-separated):
%s`

func (e *env) adopt(ctx context.Context, args []string) error {
	var rules strings.Builder
	for _, f := range adopt.Fixes {
		fmt.Fprintf(&rules, "  %-30s %s\n", f.Name, f.Doc)
	}
	fs := e.newFlags("adopt", "compassdb adopt --db PATH [--fix RULES] [--check] [--backup FILE] [--yes]", fmt.Sprintf(adoptHelp, rules.String()))
	path := dbFlag(fs)
	fix := fs.String("fix", "", "comma-separated repair `rules` to apply (see above)")
	check := fs.Bool("check", false, "report only; never change the database")
	backup := fs.String("backup", "", "backup `file` (default PATH.before-adopt-TIMESTAMP)")
	yes := fs.Bool("yes", false, "do not ask for confirmation")
	if _, err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	if err := checkDBFile(*path); err != nil {
		return err
	}
	opts := adopt.Options{Check: *check, Backup: *backup, Log: e.stdout, Confirm: func(summary string) error {
		fmt.Fprintln(e.stdout, summary)
		return e.confirm(*yes, "The original stays in the backup.")
	}}
	for _, f := range strings.Split(*fix, ",") {
		if f = strings.TrimSpace(f); f != "" {
			opts.Fixes = append(opts.Fixes, f)
		}
	}
	res, err := adopt.Run(ctx, *path, opts)
	if err != nil {
		return err
	}
	for _, n := range res.Notes {
		fmt.Fprintf(e.stdout, "note: %s\n", n)
	}
	if len(res.Problems) > 0 {
		fmt.Fprintf(e.stdout, "%s cannot be adopted as it is; %d problem(s):\n", *path, len(res.Problems))
		for _, p := range res.Problems {
			fmt.Fprintf(e.stdout, "  %s\n", p)
		}
		return attention("adopt: nothing was changed; repair these rows (or choose --fix rules that cover them) and run adopt again")
	}
	if !res.Adopted {
		fmt.Fprintf(e.stdout, "%s can be adopted: no problems found (--check: nothing was changed)\n", *path)
		return nil
	}
	var total int64
	for _, n := range res.Rows {
		total += n
	}
	fmt.Fprintf(e.stdout, "%s adopted: %d rows in %d tables, now at the current version; the original is in %s\n", *path, total, len(res.Rows), res.Backup)
	return nil
}
