package bench

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/bench/cfloor"
	"github.com/compass-eng/compassdb/bench/internal/dbprep"
	"github.com/compass-eng/compassdb/dbtypes"
)

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

var (
	flagSize  = flag.String("size", envOr("COMPASSDB_BENCH_SIZE", "tiny"), "data set size: tiny, 10k, 100k or 1m (env COMPASSDB_BENCH_SIZE)")
	flagCache = flag.String("cache", envOr("COMPASSDB_BENCH_CACHE", DefaultCacheDir()), "directory of the cached data sets (env COMPASSDB_BENCH_CACHE)")
	flagCurve = flag.String("curve", envOr("COMPASSDB_BENCH_CURVE", ""), "comma-separated sizes of the project-page scale curve; empty: -size only (env COMPASSDB_BENCH_CURVE)")
)

// The DSNs of the comparison pools: exactly the pragmas and driver options of
// compassdb.Open's pools (statement cache included), on the plain mattn driver, so that
// library ÷ handwritten measures the library's own code and nothing else.
var (
	common       = fmt.Sprintf("_foreign_keys=1&_busy_timeout=5000&_stmt_cache_size=%d&_cache_size=-%d", compassdb.DefaultStatementCache, compassdb.DefaultPageCacheMiB*1024)
	readerParams = common + "&_query_only=1"
	writerParams = common + "&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate"
)

func dsn(path, params string) string { return "file:" + path + "?" + params }

// env is one data set with every pool the comparisons need, opened once per run.
type env struct {
	d       Dataset
	today   dbtypes.Date
	readers int

	lib      *compassdb.DB   // the library, as a service opens it
	libPlain *compassdb.DB   // the same with Options.StatementCache off
	libSmall *compassdb.DB   // the same with SQLite's default 2 MiB page cache
	prep     *dbprep.Queries // sqlc's emit_prepared_queries on the library's read pool
	hand     *sql.DB         // hand-written database/sql on the same file
	gorm     *gorm.DB        // GORM on the same driver and file
	legacy   *sql.DB         // the same rows in the existing schema

	floorOnce sync.Once
	floor     *cfloor.Floor
	floorErr  error

	proposedOnce sync.Once
	proposed     *compassdb.DB
	proposedErr  error

	scratchOnce sync.Once
	scratch     *scratch
	scratchErr  error
}

var (
	envMu   sync.Mutex
	envs    = map[string]*env{}
	closers []io.Closer
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	for i := len(closers) - 1; i >= 0; i-- {
		closers[i].Close()
	}
	for _, e := range envs {
		if e.scratch != nil {
			os.RemoveAll(e.scratch.dir)
		}
	}
	os.Exit(code)
}

type closeFunc func() error

func (f closeFunc) Close() error { return f() }

func sizeFor(tb testing.TB, name string) Size {
	s, ok := Sizes[name]
	if !ok {
		tb.Fatalf("unknown size %q (want one of %s)", name, strings.Join(SizeNames(), ", "))
	}
	return s
}

// getEnv returns the environment of the -size data set.
func getEnv(tb testing.TB) *env { return getEnvSize(tb, *flagSize) }

func getEnvSize(tb testing.TB, name string) *env {
	tb.Helper()
	envMu.Lock()
	defer envMu.Unlock()
	if e, ok := envs[name]; ok {
		return e
	}
	ctx := context.Background()
	d, err := LoadOrBuild(ctx, *flagCache, sizeFor(tb, name), func(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...) })
	if err != nil {
		tb.Fatal(err)
	}
	e := &env{d: d, today: dbtypes.MustParseDate(d.Manifest.Today)}
	if e.lib, err = compassdb.Open(ctx, d.Library, compassdb.Options{}); err != nil {
		tb.Fatal(err)
	}
	closers = append(closers, e.lib)
	e.readers = e.lib.ReadDB().Stats().MaxOpenConnections

	open := func(driver, path, params string) *sql.DB {
		conn, err := sql.Open(driver, dsn(path, params))
		if err != nil {
			tb.Fatal(err)
		}
		conn.SetMaxOpenConns(e.readers)
		conn.SetMaxIdleConns(e.readers)
		if err := conn.PingContext(ctx); err != nil {
			tb.Fatal(err)
		}
		closers = append(closers, conn)
		return conn
	}
	if e.libPlain, err = compassdb.Open(ctx, d.Library, compassdb.Options{StatementCache: -1}); err != nil {
		tb.Fatal(err)
	}
	closers = append(closers, e.libPlain)
	if e.libSmall, err = compassdb.Open(ctx, d.Library, compassdb.Options{PageCacheMiB: -1}); err != nil {
		tb.Fatal(err)
	}
	closers = append(closers, e.libSmall)
	e.hand = open("sqlite3", d.Library, readerParams)
	e.legacy = open("sqlite3", d.Legacy, readerParams)
	if e.prep, err = dbprep.Prepare(ctx, e.lib.ReadDB()); err != nil {
		tb.Fatal(err)
	}
	closers = append(closers, e.prep)
	if e.gorm, err = OpenGORM(dsn(d.Library, readerParams), e.readers); err != nil {
		tb.Fatal(err)
	}
	if g, err := e.gorm.DB(); err == nil {
		closers = append(closers, g)
	}
	envs[name] = e
	return e
}

// cFloor starts the C floor on the library database, or skips the benchmark.
func (e *env) cFloor(b *testing.B) *cfloor.Floor {
	e.floorOnce.Do(func() {
		if e.floorErr = cfloor.Available(); e.floorErr != nil {
			return
		}
		dir, err := os.MkdirTemp("", "compassdb-cfloor-")
		if err != nil {
			e.floorErr = err
			return
		}
		closers = append(closers, closeFunc(func() error { return os.RemoveAll(dir) }))
		e.floor, e.floorErr = cfloor.Start(dir, e.d.Library, e.d.Manifest.LookupTaskIDs, e.d.Manifest.ProjectSmall)
		if e.floor != nil {
			closers = append(closers, e.floor)
			fmt.Fprintf(os.Stderr, "C floor: system SQLite %s\n", e.floor.Version)
		}
	})
	if e.floorErr != nil {
		b.Skip(e.floorErr)
	}
	return e.floor
}

// proposedDB opens the copy of the library database with ProposedIndexes.
func (e *env) proposedDB(tb testing.TB) *compassdb.DB {
	e.proposedOnce.Do(func() {
		path, err := e.d.ProposedPath(context.Background())
		if err != nil {
			e.proposedErr = err
			return
		}
		if e.proposed, e.proposedErr = compassdb.Open(context.Background(), path, compassdb.Options{}); e.proposedErr == nil {
			closers = append(closers, e.proposed)
		}
	})
	if e.proposedErr != nil {
		tb.Fatal(e.proposedErr)
	}
	return e.proposed
}

// scratch holds writable copies of both databases for the benchmarks that write, so the
// cached data sets are never modified.
type scratch struct {
	dir             string
	library, legacy string
}

func (e *env) scratchCopy(tb testing.TB) *scratch {
	e.scratchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "compassdb-bench-scratch-")
		if err != nil {
			e.scratchErr = err
			return
		}
		s := &scratch{dir: dir, library: filepath.Join(dir, "library.db"), legacy: filepath.Join(dir, "legacy.db")}
		if e.scratchErr = copyFile(e.d.Library, s.library); e.scratchErr != nil {
			return
		}
		if e.scratchErr = copyFile(e.d.Legacy, s.legacy); e.scratchErr != nil {
			return
		}
		e.scratch = s
	})
	if e.scratchErr != nil {
		tb.Fatal(e.scratchErr)
	}
	return e.scratch
}

// sqlDB and openSQL are the plain mattn pools of the comparisons.
type sqlDB = sql.DB

func openSQL(dsn string) (*sql.DB, error) { return sql.Open("sqlite3", dsn) }
