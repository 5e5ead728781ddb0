package bench

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// Every benchmark compares its variants as sub-benchmarks of one function, so they run
// side by side in the same process and the same `go test -bench` run:
//
//	library               the generated query as a service calls it (compassdb.Open's pools)
//	library-prepared      sqlc's emit_prepared_queries variant of the same package
//	library-nocache       the library with Options.StatementCache off (mattn's per-connection cache)
//	library-2mib-cache    the library with SQLite's default page cache (Options.PageCacheMiB -1)
//	handwritten           database/sql with the same SQL on the plain mattn driver
//	handwritten-prepared  the same through a prepared *sql.Stmt
//	gorm                  GORM (PrepareStmt on) on the same driver and file
//	legacy                the same SQL against the existing system's schema
//	c-floor               the SQLite C API with a prepared statement (separate C process)

func ctxb() context.Context { return context.Background() }

// must fails the benchmark on an error; checked is the expected row count (or -1).
func must(b *testing.B, err error) {
	if err != nil {
		b.Helper()
		b.Fatal(err)
	}
}

func wantLen(b *testing.B, what string, got, want int) {
	if got != want {
		b.Helper()
		b.Fatalf("%s: %d rows, want %d", what, got, want)
	}
}

func BenchmarkPKLookup(b *testing.B) {
	e := getEnv(b)
	ids := e.d.Manifest.LookupTaskIDs
	ctx := ctxb()
	run := func(name string, get func(id string) (string, error)) {
		b.Run(name, func(b *testing.B) {
			i := 0
			measure(b, func() error {
				id := ids[i%len(ids)]
				i++
				got, err := get(id)
				if err == nil && got != id {
					err = fmt.Errorf("lookup %s: got %q", id, got)
				}
				return err
			})
		})
	}
	run("library", func(id string) (string, error) { t, err := LibGetTask(ctx, e.lib, id); return t.ID, err })
	run("library-prepared", func(id string) (string, error) { t, err := e.prep.GetScheduleTask(ctx, id); return t.ID, err })
	run("library-nocache", func(id string) (string, error) { t, err := LibGetTask(ctx, e.libPlain, id); return t.ID, err })
	run("handwritten", func(id string) (string, error) { t, err := HandGetTask(ctx, e.hand, id); return t.ID, err })
	stmt, err := e.hand.PrepareContext(ctx, sqlGetScheduleTask)
	must(b, err)
	defer stmt.Close()
	run("handwritten-prepared", func(id string) (string, error) { t, err := HandGetTaskStmt(ctx, stmt, id); return t.ID, err })
	run("gorm", func(id string) (string, error) { t, err := GormGetTask(ctx, e.gorm, id); return t.ID, err })
	run("legacy", func(id string) (string, error) { t, err := HandGetTask(ctx, e.legacy, id); return t.ID, err })
	b.Run("c-floor", func(b *testing.B) {
		f := e.cFloor(b)
		b.ResetTimer()
		cpu, err := f.Run("pk", b.N)
		must(b, err)
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	})
}

func BenchmarkListTasks(b *testing.B) {
	e := getEnv(b)
	idx := e.proposedDB(b)
	ctx := ctxb()
	for _, p := range []struct {
		tasks   int
		project string
	}{{ProbeSmall, e.d.Manifest.ProjectSmall}, {ProbeLarge, e.d.Manifest.ProjectLarge}} {
		b.Run(fmt.Sprintf("tasks=%d", p.tasks), func(b *testing.B) {
			run := func(name string, list func() (int, error)) {
				b.Run(name, func(b *testing.B) { measure(b, rowsWant(list, p.tasks)) })
			}
			run("library", func() (int, error) { ts, err := LibListTasks(ctx, e.lib, p.project); return len(ts), err })
			run("library+idx", func() (int, error) { ts, err := LibListTasks(ctx, idx, p.project); return len(ts), err })
			run("library-prepared", func() (int, error) {
				ts, err := e.prep.ListScheduleTasksByProject(ctx, p.project)
				return len(ts), err
			})
			run("library-nocache", func() (int, error) { ts, err := LibListTasks(ctx, e.libPlain, p.project); return len(ts), err })
			run("handwritten", func() (int, error) { ts, err := HandListTasks(ctx, e.hand, p.project); return len(ts), err })
			stmt, err := e.hand.PrepareContext(ctx, sqlListTasksByProj)
			must(b, err)
			defer stmt.Close()
			run("handwritten-prepared", func() (int, error) { ts, err := HandListTasksStmt(ctx, stmt, p.project); return len(ts), err })
			run("gorm", func() (int, error) { ts, err := GormListTasks(ctx, e.gorm, p.project); return len(ts), err })
			run("legacy", func() (int, error) { ts, err := HandListTasks(ctx, e.legacy, p.project); return len(ts), err })
			if p.tasks == ProbeSmall {
				b.Run("c-floor", func(b *testing.B) {
					f := e.cFloor(b)
					b.ResetTimer()
					cpu, err := f.Run("list", b.N)
					must(b, err)
					b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
				})
			}
		})
	}
}

// pageParts is what checkPage looks at in a library, hand-written or GORM page.
type pageParts interface {
	parts() (tasks, deps, members int)
}

func (p *ProjectPage) parts() (int, int, int)  { return len(p.Tasks), len(p.Deps), len(p.Members) }
func (p *GProjectPage) parts() (int, int, int) { return len(p.Tasks), len(p.Deps), len(p.Members) }

// checkPage verifies that a project page has every part.
func checkPage[P pageParts](p P, err error) error {
	if err != nil {
		return err
	}
	if tasks, deps, members := p.parts(); tasks != ProbeLarge || deps == 0 || members == 0 {
		return fmt.Errorf("project page: %d tasks, %d dependencies, %d members", tasks, deps, members)
	}
	return nil
}

// rowsWant adapts an operation returning a row count to measure; want < 0 accepts any
// non-zero count.
func rowsWant(op func() (int, error), want int) func() error {
	return func() error {
		n, err := op()
		switch {
		case err != nil:
			return err
		case want >= 0 && n != want:
			return fmt.Errorf("%d rows, want %d", n, want)
		case n == 0:
			return fmt.Errorf("no rows")
		}
		return nil
	}
}

func BenchmarkProjectPage(b *testing.B) {
	e := getEnv(b)
	idx := e.proposedDB(b)
	ctx := ctxb()
	pid := e.d.Manifest.ProjectLarge
	b.Run("library", func(b *testing.B) {
		measure(b, func() error {
			p, err := LibProjectPage(ctx, e.lib, pid, e.today)
			return checkPage(p, err)
		})
	})
	b.Run("library-nocache", func(b *testing.B) {
		measure(b, func() error {
			p, err := LibProjectPage(ctx, e.libPlain, pid, e.today)
			return checkPage(p, err)
		})
	})
	b.Run("library+idx", func(b *testing.B) {
		h := idx
		measure(b, func() error {
			p, err := LibProjectPage(ctx, h, pid, e.today)
			return checkPage(p, err)
		})
	})
	b.Run("handwritten", func(b *testing.B) {
		measure(b, func() error {
			p, err := HandProjectPage(ctx, e.hand, pid, e.today)
			return checkPage(p, err)
		})
	})
	b.Run("gorm", func(b *testing.B) {
		measure(b, func() error {
			p, err := GormProjectPage(ctx, e.gorm, pid, e.today)
			return checkPage(p, err)
		})
	})
	b.Run("legacy", func(b *testing.B) {
		measure(b, func() error {
			p, err := HandProjectPage(ctx, e.legacy, pid, e.today)
			return checkPage(p, err)
		})
	})
}

// BenchmarkProjectPageScale is the scale curve: the same 500-task project page in data
// sets of 10k, 100k and 1M tasks (-curve), library against the existing schema.
func BenchmarkProjectPageScale(b *testing.B) {
	sizes := *flagSize
	if *flagCurve != "" {
		sizes = *flagCurve
	}
	ctx := ctxb()
	for _, name := range strings.Split(sizes, ",") {
		b.Run("size="+name, func(b *testing.B) {
			e := getEnvSize(b, name)
			pid := e.d.Manifest.ProjectLarge
			b.Run("library", func(b *testing.B) {
				measure(b, func() error {
					p, err := LibProjectPage(ctx, e.lib, pid, e.today)
					return checkPage(p, err)
				})
			})
			b.Run("library-2mib-cache", func(b *testing.B) {
				measure(b, func() error {
					p, err := LibProjectPage(ctx, e.libSmall, pid, e.today)
					return checkPage(p, err)
				})
			})
			b.Run("legacy", func(b *testing.B) {
				measure(b, func() error {
					p, err := HandProjectPage(ctx, e.legacy, pid, e.today)
					return checkPage(p, err)
				})
			})
		})
	}
}

func BenchmarkUsersWithRelations(b *testing.B) {
	e := getEnv(b)
	ctx := ctxb()
	run := func(name string, list func() (int, error)) {
		b.Run(name, func(b *testing.B) { measure(b, rowsWant(list, -1)) })
	}
	run("library", func() (int, error) { us, err := LibUsersWithRelations(ctx, e.lib); return len(us), err })
	run("handwritten", func() (int, error) { us, err := HandUsersWithRelations(ctx, e.hand); return len(us), err })
	run("gorm", func() (int, error) { us, err := GormUsersWithRelations(ctx, e.gorm); return len(us), err })
	run("legacy", func() (int, error) { us, err := HandUsersWithRelations(ctx, e.legacy); return len(us), err })
}

func BenchmarkConversation(b *testing.B) {
	e := getEnv(b)
	idx := e.proposedDB(b)
	ctx := ctxb()
	id, owner := e.d.Manifest.ConversationID, e.d.Manifest.ConversationOwner
	run := func(name string, load func() (int, error)) {
		b.Run(name, func(b *testing.B) { measure(b, rowsWant(load, ProbeMessages)) })
	}
	run("library", func() (int, error) { c, err := LibConversation(ctx, e.lib, id, owner); return len(c.Messages), err })
	run("library+idx", func() (int, error) {
		c, err := LibConversation(ctx, idx, id, owner)
		return len(c.Messages), err
	})
	run("handwritten", func() (int, error) { c, err := HandConversation(ctx, e.hand, id, owner); return len(c.Messages), err })
	run("gorm", func() (int, error) { _, ms, err := GormConversation(ctx, e.gorm, id, owner); return len(ms), err })
	run("legacy", func() (int, error) { c, err := HandConversation(ctx, e.legacy, id, owner); return len(c.Messages), err })
}

// usageSince is the start of the usage report: twelve months before the data set's today.
func usageSince(e *env) dbtypes.Timestamp {
	return dbtypes.NewTimestamp(e.today.Time().AddDate(-1, 0, 0))
}

func BenchmarkUsagePerUserMonth(b *testing.B) {
	e := getEnv(b)
	idx := e.proposedDB(b)
	ctx := ctxb()
	since := usageSince(e)
	run := func(name string, agg func() (int, error)) {
		b.Run(name, func(b *testing.B) { measure(b, rowsWant(agg, -1)) })
	}
	run("library", func() (int, error) { r, err := LibUsagePerUserMonth(ctx, e.lib, since); return len(r), err })
	// The proposed covering index needs the query without the hint to agent_usage_created_idx.
	run("library+idx", func() (int, error) {
		r, err := HandUsagePerUserMonth(ctx, idx.ReadDB(), sqlUsagePerUserMonthNoHint, since)
		return len(r), err
	})
	run("handwritten", func() (int, error) {
		r, err := HandUsagePerUserMonth(ctx, e.hand, sqlUsagePerUserMonth, since)
		return len(r), err
	})
	run("gorm", func() (int, error) { r, err := GormUsagePerUserMonth(ctx, e.gorm, since); return len(r), err })
	// The existing schema has no agent_usage_created_idx to hint at.
	run("legacy", func() (int, error) {
		r, err := HandUsagePerUserMonth(ctx, e.legacy, sqlUsagePerUserMonthNoHint, since)
		return len(r), err
	})
}

func BenchmarkFinancialTotals(b *testing.B) {
	e := getEnv(b)
	idx := e.proposedDB(b)
	ctx := ctxb()
	pid := e.d.Manifest.ProjectLarge
	run := func(name string, agg func() (int, error)) {
		b.Run(name, func(b *testing.B) { measure(b, rowsWant(agg, -1)) })
	}
	run("library", func() (int, error) { r, err := LibFinancialTotals(ctx, e.lib, pid); return len(r), err })
	run("library+idx", func() (int, error) { r, err := LibFinancialTotals(ctx, idx, pid); return len(r), err })
	run("handwritten", func() (int, error) { r, err := HandFinancialTotals(ctx, e.hand, pid); return len(r), err })
	run("gorm", func() (int, error) { r, err := GormFinancialTotals(ctx, e.gorm, pid); return len(r), err })
	run("legacy", func() (int, error) { r, err := HandFinancialTotals(ctx, e.legacy, pid); return len(r), err })
}

// importTasks makes the rows of one bulk import: n tasks of one new project.
func importTasks(n int, projectID string) []db.CreateScheduleTaskParams {
	r := rand.New(rand.NewPCG(7, uint64(n)))
	g := &gen{r: r}
	start := dbtypes.MustParseDate("2026-04-06")
	now := dbtypes.NewTimestamp(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	tasks := make([]db.CreateScheduleTaskParams, n)
	for i := range tasks {
		wd := int64(1 + r.IntN(10))
		s := start.AddDays(i / 4)
		tasks[i] = db.CreateScheduleTaskParams{ID: g.uuid(), ProjectID: projectID, Title: fmt.Sprintf("Imported task %d", i),
			StartDate: s, Workdays: wd, EndDateCalculated: s.AddDays(int(wd)), Phase: phases[i*len(phases)/n],
			Status: dbtypes.TaskStatus("PENDING"), SortOrder: int64(i), CreatedAt: now, UpdatedAt: now}
	}
	return tasks
}

func toGORM(ts []db.CreateScheduleTaskParams) []GTask {
	out := make([]GTask, len(ts))
	for i, t := range ts {
		out[i] = GTask{ID: t.ID, ProjectID: t.ProjectID, Title: t.Title, StartDate: t.StartDate.String(), Workdays: t.Workdays,
			EndDateCalculated: t.EndDateCalculated.String(), Phase: t.Phase, Status: string(t.Status), SortOrder: t.SortOrder,
			CreatedAt: t.CreatedAt.String(), UpdatedAt: t.UpdatedAt.String()}
	}
	return out
}

// importTemplates are an empty migrated database and an empty existing-schema database,
// each with the one project the import goes into; every iteration imports into a fresh
// copy.
func importTemplates(b *testing.B, dir, projectID string) (lib, legacy string) {
	ctx := ctxb()
	lib, legacy = filepath.Join(dir, "template-library.db"), filepath.Join(dir, "template-legacy.db")
	h, err := compassdb.Open(ctx, lib, compassdb.Options{Migrate: true})
	must(b, err)
	_, err = h.Writer().CreateProject(ctx, db.CreateProjectParams{ID: projectID, Name: "Import", CreatedAt: dbtypes.Now(), Status: "OPEN"})
	must(b, errors.Join(err, h.Close()))
	ddl, err := LegacyDDL()
	must(b, err)
	conn, err := openSQL(dsn(legacy, writerParams))
	must(b, err)
	for _, s := range ddl {
		_, err := conn.ExecContext(ctx, s)
		must(b, err)
	}
	_, err = conn.ExecContext(ctx, "INSERT INTO projects (id, name, created_at, status) VALUES (?, 'Import', '2026-03-02T09:00:00.000Z', 'OPEN')", projectID)
	must(b, errors.Join(err, conn.Close()))
	return lib, legacy
}

func BenchmarkBulkImport(b *testing.B) {
	e := getEnv(b)
	ctx := ctxb()
	n := e.d.Size.ImportRows
	const projectID = "import-project"
	tasks := importTasks(n, projectID)
	gtasks := toGORM(tasks)
	dir := b.TempDir()
	libTemplate, legacyTemplate := importTemplates(b, dir, projectID)

	// run imports into a fresh copy of template per iteration; open and close are not timed.
	run := func(name, template string, open func(path string) (func() error, func() error)) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var elapsed, cpu time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				path := filepath.Join(dir, fmt.Sprintf("%s-%d.db", name, i))
				must(b, copyFile(template, path))
				do, closeFn := open(path)
				b.StartTimer()
				start, c0 := time.Now(), cpuNow()
				err := do()
				elapsed += time.Since(start)
				cpu += cpuNow() - c0
				b.StopTimer()
				must(b, errors.Join(err, closeFn()))
				var got int
				conn, err := openSQL(dsn(path, readerParams))
				must(b, err)
				must(b, conn.QueryRow("SELECT COUNT(*) FROM schedule_tasks").Scan(&got))
				conn.Close()
				wantLen(b, name, got, n)
				for _, suffix := range []string{"", "-wal", "-shm"} {
					os.Remove(path + suffix)
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "rows/s")
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(n)*float64(b.N)/cpu.Seconds(), "rows/cpu-s")
		})
	}
	library := func(imp func(context.Context, *compassdb.DB, []db.CreateScheduleTaskParams) error) func(string) (func() error, func() error) {
		return func(path string) (func() error, func() error) {
			h, err := compassdb.Open(ctx, path, compassdb.Options{})
			must(b, err)
			return func() error { return imp(ctx, h, tasks) }, h.Close
		}
	}
	plain := func(imp func(context.Context, *sqlDB, []db.CreateScheduleTaskParams) error) func(string) (func() error, func() error) {
		return func(path string) (func() error, func() error) {
			conn, err := openSQL(dsn(path, writerParams))
			must(b, err)
			conn.SetMaxOpenConns(1)
			return func() error { return imp(ctx, conn, tasks) }, conn.Close
		}
	}
	run("library", libTemplate, library(LibImportRows))
	run("library-chunked", libTemplate, library(LibImportChunked))
	run("handwritten", libTemplate, plain(HandImportRows))
	run("handwritten-chunked", libTemplate, plain(HandImportChunked))
	run("gorm", libTemplate, func(path string) (func() error, func() error) {
		g, err := OpenGORM(dsn(path, writerParams), 1)
		must(b, err)
		sqlDB, _ := g.DB()
		return func() error { return GormImport(ctx, g, gtasks) }, sqlDB.Close
	})
	run("legacy", legacyTemplate, plain(HandImportRows))
	run("legacy-chunked", legacyTemplate, plain(HandImportChunked))
}

// depPairs returns edges of the huge project that close no cycle and do not exist yet:
// from a task to one 25–74 places later (the generator links only within 20 places).
func depPairs(ids []string, n int) [][2]string {
	r := rand.New(rand.NewPCG(11, 13))
	seen := map[[2]int]bool{}
	var out [][2]string
	for len(out) < n {
		i := r.IntN(len(ids) / 2)
		j := i + 25 + r.IntN(50)
		if seen[[2]int{i, j}] {
			continue
		}
		seen[[2]int{i, j}] = true
		out = append(out, [2]string{ids[i], ids[j]})
	}
	return out
}

func BenchmarkDependencyInsert(b *testing.B) {
	e := getEnv(b)
	ctx := ctxb()
	s := e.scratchCopy(b)
	h, err := compassdb.Open(ctx, s.library, compassdb.Options{})
	must(b, err)
	defer h.Close()
	hand, err := openSQL(dsn(s.library, writerParams))
	must(b, err)
	hand.SetMaxOpenConns(1)
	defer hand.Close()
	legacy, err := openSQL(dsn(s.legacy, writerParams))
	must(b, err)
	legacy.SetMaxOpenConns(1)
	defer legacy.Close()
	g, err := OpenGORM(dsn(s.library, writerParams), 1)
	must(b, err)
	if gdb, err := g.DB(); err == nil {
		defer gdb.Close()
	}

	var seq atomic.Int64
	// run inserts b.N new edges, then removes them (untimed) so every variant starts
	// from the same graph.
	run := func(name string, conn *sqlDB, insert func(d db.CreateTaskDependencyParams) error) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			pairs := depPairs(e.d.Manifest.HugeTaskIDs, b.N)
			var inserted []string
			b.ResetTimer()
			c0 := cpuNow()
			for i := 0; i < b.N; i++ {
				id := fmt.Sprintf("bench-dep-%d", seq.Add(1))
				err := insert(db.CreateTaskDependencyParams{ID: id, PredecessorID: pairs[i][0], SuccessorID: pairs[i][1],
					Type: dbtypes.DependencyType("FS")})
				must(b, err)
				inserted = append(inserted, id)
			}
			b.StopTimer()
			b.ReportMetric(float64(cpuNow()-c0)/float64(b.N), "cpu-ns/op")
			for _, id := range inserted {
				_, err := conn.ExecContext(ctx, sqlDeleteDependency, id)
				must(b, err)
			}
		})
	}
	// The cycle check must refuse the reverse of an existing edge.
	var pred, succ string
	must(b, hand.QueryRowContext(ctx, "SELECT predecessor_id, successor_id FROM task_dependencies WHERE successor_id = ?1 LIMIT 1",
		e.d.Manifest.HugeTaskIDs[len(e.d.Manifest.HugeTaskIDs)/2]).Scan(&pred, &succ))
	if _, err := LibAddDependency(ctx, h, e.d.Manifest.ProjectHuge, db.CreateTaskDependencyParams{ID: "bench-cycle", PredecessorID: succ,
		SuccessorID: pred, Type: "FS"}); !errors.Is(err, ErrCycle) {
		b.Fatalf("closing a cycle: got %v, want ErrCycle", err)
	}
	pid := e.d.Manifest.ProjectHuge
	run("library", h.WriteDB(), func(d db.CreateTaskDependencyParams) error { _, err := LibAddDependency(ctx, h, pid, d); return err })
	run("handwritten", hand, func(d db.CreateTaskDependencyParams) error {
		_, err := HandAddDependency(ctx, hand, pid, d)
		return err
	})
	run("gorm", hand, func(d db.CreateTaskDependencyParams) error {
		return GormAddDependency(ctx, g, pid, GDependency{ID: d.ID, PredecessorID: d.PredecessorID, SuccessorID: d.SuccessorID, Type: string(d.Type)})
	})
	run("legacy", legacy, func(d db.CreateTaskDependencyParams) error {
		_, err := HandAddDependency(ctx, legacy, pid, d)
		return err
	})
}

// isBusy reports a lock conflict from either driver.
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.Is(err, compassdb.ErrBusy) || errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

const (
	loadWriters = 8
	loadReaders = 32
)

// BenchmarkConcurrentLoad runs 8 writers and 32 readers at once. One op is one read;
// writers run for as long as the readers do. Reported: read ops/s, write tx/s and the
// number of busy errors, with the library's read/write split and with one shared pool
// of the same total size (readers + 1 connections) for reads and writes.
func BenchmarkConcurrentLoad(b *testing.B) {
	e := getEnv(b)
	ctx := ctxb()
	s := e.scratchCopy(b)
	ids := e.d.Manifest.LookupTaskIDs
	small := e.d.Manifest.ProjectSmall
	convs := []string{e.d.Manifest.ConversationID}
	owner := e.d.Manifest.ConversationOwner
	var seq atomic.Int64

	load := func(b *testing.B, read func(i int) error, write func(w WriteRequest) error) {
		var reads, writes, busy, next atomic.Int64
		var firstErr error
		var errOnce sync.Once
		fail := func(err error) { errOnce.Do(func() { firstErr = err }) }
		stop := make(chan struct{})
		var wwg, rwg sync.WaitGroup
		b.ResetTimer()
		start := time.Now()
		for w := range loadWriters {
			wwg.Add(1)
			go func() {
				defer wwg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					n := seq.Add(1)
					now := dbtypes.Now()
					req := WriteRequest{TaskID: ids[(int(n)*31+w)%len(ids)], Status: []string{"IN_PROGRESS", "PENDING"}[i%2],
						Usage: db.CreateAgentUsageParams{ID: fmt.Sprintf("bench-usage-%d", n), ConversationID: convs[0], UserID: owner,
							ModelID: "bench/model", PromptTokens: 100, CompletionTokens: 10, TotalTokens: 110, EstimatedCost: "0.00010000", CreatedAt: now}}
					err := write(req)
					switch {
					case err == nil:
						writes.Add(1)
					case isBusy(err):
						busy.Add(1)
					default:
						fail(fmt.Errorf("write: %w", err))
						return
					}
				}
			}()
		}
		for range loadReaders {
			rwg.Add(1)
			go func() {
				defer rwg.Done()
				for {
					i := int(next.Add(1)) - 1
					if i >= b.N {
						return
					}
					err := read(i)
					switch {
					case err == nil:
						reads.Add(1)
					case isBusy(err):
						busy.Add(1)
					default:
						fail(fmt.Errorf("read: %w", err))
						return
					}
				}
			}()
		}
		rwg.Wait()
		elapsed := time.Since(start)
		close(stop)
		wwg.Wait()
		b.StopTimer()
		if firstErr != nil {
			b.Fatal(firstErr)
		}
		b.ReportMetric(float64(reads.Load())/elapsed.Seconds(), "reads/s")
		b.ReportMetric(float64(writes.Load())/elapsed.Seconds(), "writes/s")
		b.ReportMetric(float64(busy.Load()), "busy-errors")
	}
	readWith := func(q func() *db.Queries) func(i int) error {
		return func(i int) error {
			if i%4 == 3 {
				ts, err := q().ListScheduleTasksByProject(ctx, small)
				if err == nil && len(ts) != ProbeSmall {
					err = fmt.Errorf("%d tasks", len(ts))
				}
				return err
			}
			_, err := q().GetScheduleTask(ctx, ids[i%len(ids)])
			return err
		}
	}

	split := func(readers int) func(b *testing.B) {
		return func(b *testing.B) {
			h, err := compassdb.Open(ctx, s.library, compassdb.Options{MaxReaders: readers})
			must(b, err)
			defer h.Close()
			load(b, readWith(h.Reader), func(w WriteRequest) error { return LibWriteRequest(ctx, h, w) })
		}
	}
	b.Run("split", split(0))
	b.Run("split-readers=8", split(8))
	// One pool for reads and writes, with the library's pragmas (BEGIN IMMEDIATE)…
	shared := func(params string) func(b *testing.B) {
		return func(b *testing.B) {
			pool, err := openSQL(dsn(s.library, params))
			must(b, err)
			defer pool.Close()
			pool.SetMaxOpenConns(e.readers + 1)
			pool.SetMaxIdleConns(e.readers + 1)
			load(b, readWith(func() *db.Queries { return db.New(pool) }), func(w WriteRequest) error { return SharedWriteRequest(ctx, pool, w) })
		}
	}
	b.Run("shared", shared(writerParams))
	// …and with SQLite's default deferred BEGIN, where a read that turns into a write
	// can fail with SQLITE_BUSY at once.
	b.Run("shared-deferred", shared(strings.Replace(writerParams, "&_txlock=immediate", "", 1)))
}

// BenchmarkGenerate measures generating the data set into both schemas (rows/s over
// both databases). It builds the tiny set; the -size set too when
// COMPASSDB_BENCH_GENERATE=1 (a full-size build takes minutes; its rows/s is also
// recorded in the cache's manifest.json when the cache is first built).
func BenchmarkGenerate(b *testing.B) {
	sizes := []string{"tiny"}
	if os.Getenv("COMPASSDB_BENCH_GENERATE") == "1" && *flagSize != "tiny" {
		sizes = append(sizes, *flagSize)
	}
	for _, name := range sizes {
		s := sizeFor(b, name)
		b.Run("size="+name+"/generator-only", func(b *testing.B) {
			var rows int64
			for b.Loop() {
				m, err := Generate(s, func(string, []any) error { return nil })
				must(b, err)
				rows = m.Rows
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
		b.Run("size="+name+"/both-databases", func(b *testing.B) {
			var rows int64
			for i := 0; b.Loop(); i++ {
				dir := filepath.Join(b.TempDir(), fmt.Sprint(i))
				must(b, os.MkdirAll(dir, 0o755))
				d, err := BuildBoth(ctxb(), dir, s)
				must(b, err)
				rows = 2 * d.Manifest.Rows
				os.RemoveAll(dir)
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
