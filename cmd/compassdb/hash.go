package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/compass-eng/compassdb/internal/migsum"
)

const hashHelp = `Records every migration file of DIR/migrations that migrations.sum does not list yet,
which freezes it: from then on the guard test (migrations_sum_test.go) and CI fail when
it is edited, removed or renumbered. It never rewrites a recorded hash: when a recorded
file changed it refuses and names the file. New files are linted first (compassdb
migrate lint) and not recorded while lint reports findings.`

func (e *env) migrateHash(ctx context.Context, args []string) error {
	fs := e.newFlags("hash", "compassdb migrate hash [--dir DIR]", hashHelp)
	dir := fs.String("dir", ".", "repository `directory` holding migrations/")
	noLint := fs.Bool("no-lint", false, "record without linting first")
	if _, err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	migDir := filepath.Join(*dir, "migrations")
	fsys := os.DirFS(migDir)
	sum, err := migsum.Read(fsys)
	if err != nil {
		return err
	}
	st, err := migsum.Check(fsys, sum)
	if err != nil {
		return err
	}
	if len(st.Problems) == 0 && len(st.Unrecorded) > 0 && !*noLint {
		findings, err := lintDir(ctx, *dir, st.Unrecorded)
		if err != nil {
			return err
		}
		if len(findings) > 0 {
			printFindings(e.stdout, findings)
			return attention("not recording: lint found %d risky change(s); fix them or annotate the statements (see above)", len(findings))
		}
	}
	next, added, err := migsum.Add(fsys, sum)
	if err != nil {
		return err
	}
	if len(added) == 0 {
		fmt.Fprintf(e.stdout, "%s: every migration is recorded already\n", filepath.Join(migDir, migsum.FileName))
		return nil
	}
	if err := os.WriteFile(filepath.Join(migDir, migsum.FileName), next.Format(), 0o644); err != nil {
		return err
	}
	for _, name := range added {
		fmt.Fprintf(e.stdout, "recorded %s\n", name)
	}
	return nil
}
