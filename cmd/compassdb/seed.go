package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/internal/seed"
)

const seedHelp = `Fills a database with generated demo data for every table: an organization with people,
teams and groups, customers and vendors, projects with schedules (tasks, dependencies,
non-working days, a baseline), invoices, bills, payments and credit memos, NetSuite sync
records, the assistant's conversations, plugins, themes and dashboards. Everything is
written in one transaction through the typed queries, consistent across foreign keys; the
same --seed gives the same rows. A missing file is created and migrated; an existing one
must be at this binary's version. Large sizes show a progress bar on standard error.`

func (e *env) seed(ctx context.Context, args []string) error {
	fs := e.newFlags("seed", "compassdb seed [--db PATH] [--projects N] [--tasks-per-project N] [--users N] [--customers N] [--vendors N] [--seed S]", seedHelp)
	path := dbFlag(fs)
	var o seed.Options
	fs.IntVar(&o.Projects, "projects", 10, "projects to create")
	fs.IntVar(&o.TasksPerProject, "tasks-per-project", 40, "schedule tasks per project")
	fs.IntVar(&o.Users, "users", 12, "people to create")
	fs.IntVar(&o.Customers, "customers", 0, "customers (0: max(5, projects))")
	fs.IntVar(&o.Vendors, "vendors", 0, "vendors (0: max(5, projects/2))")
	fs.Int64Var(&o.Seed, "seed", 1, "random seed")
	if _, err := parse(fs, args, 0, 0); err != nil {
		return err
	}
	if o.Projects < 1 || o.TasksPerProject < 1 || o.Users < 1 || o.Customers < 0 || o.Vendors < 0 {
		return usageErr("--projects, --tasks-per-project and --users must be at least 1")
	}
	migrate := false
	if _, err := os.Stat(*path); errors.Is(err, fs_ErrNotExist) {
		fmt.Fprintf(e.stderr, "creating %s\n", *path)
		migrate = true
	} else if err := checkDBFile(*path); err != nil {
		return err
	}
	h, err := compassdb.Open(ctx, *path, compassdb.Options{Migrate: migrate})
	if err != nil {
		return err
	}
	defer h.Close()
	if seed.EstimateRows(o) > 2000 {
		bar := &progressBar{w: e.stderr, start: time.Now()}
		o.Progress = bar.update
		defer bar.finish()
	}
	var counts seed.Counts
	start := time.Now()
	err = h.Tx(ctx, func(q *db.Queries) error {
		counts, err = seed.Fill(ctx, q, o)
		return err
	})
	if err != nil {
		return fmt.Errorf("%w (nothing was written)", err)
	}
	tables := slices.Sorted(func(yield func(string) bool) {
		for t := range counts {
			if !yield(t) {
				return
			}
		}
	})
	fmt.Fprintf(e.stdout, "%s: wrote %d rows in %d tables in %s\n", *path, counts.Total(), len(tables), time.Since(start).Round(time.Millisecond))
	for _, t := range tables {
		fmt.Fprintf(e.stdout, "  %-24s %6d\n", t, counts[t])
	}
	return nil
}

var fs_ErrNotExist = fs.ErrNotExist

// progressBar draws `[#####.....] 52% 10400/20000 rows` on one line of stderr.
type progressBar struct {
	w     io.Writer
	start time.Time
	last  int
	drawn bool
}

func (b *progressBar) update(done, total int) {
	pct := done * 100 / max(total, 1)
	if b.drawn && pct == b.last {
		return
	}
	b.last, b.drawn = pct, true
	const width = 30
	fill := pct * width / 100
	fmt.Fprintf(b.w, "\r[%s%s] %3d%% %d/%d rows", strings.Repeat("#", fill), strings.Repeat(".", width-fill), pct, done, total)
}

func (b *progressBar) finish() {
	if b.drawn {
		fmt.Fprintf(b.w, " (%s)\n", time.Since(b.start).Round(time.Millisecond))
	}
}

func init() {
	// migrate new fills a database at the previous version with demo data to check that
	// the new migration keeps every row.
	fillDemo = func(ctx context.Context, path string) error {
		h, err := compassdb.Open(ctx, path, compassdb.Options{})
		if err != nil {
			return err
		}
		defer h.Close()
		return h.Tx(ctx, func(q *db.Queries) error {
			_, err := seed.Fill(ctx, q, seed.Options{Projects: 3, TasksPerProject: 8, Users: 4})
			return err
		})
	}
}
