package bench

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver for hand-written SQL and the builds

	"github.com/compass-eng/compassdb/migrations"
)

// Dataset is a generated data set on disk: the same rows in a database migrated by this
// module and in one with the existing system's schema.
type Dataset struct {
	Size     Size
	Dir      string
	Library  string // path of the library-schema database
	Legacy   string // path of the existing-schema database
	Manifest Manifest
	// BuildStats is how the cached files were made (kept from the first build).
	BuildStats BuildStats
}

// BuildStats records the generation that made a cached data set.
type BuildStats struct {
	Rows       int64         `json:"rows_per_database"`
	Elapsed    time.Duration `json:"elapsed_ns"`
	RowsPerSec float64       `json:"rows_per_second"` // rows of both databases / elapsed
}

// DefaultCacheDir is os.UserCacheDir()/compassdb-bench (or the temp dir when there is
// no user cache directory).
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "compassdb-bench")
}

// CacheKey names a cached data set: its size, the generator version and a hash of the
// library's migrations, so a schema change or a generator change never reuses old files.
func CacheKey(s Size) string {
	h := sha256.New()
	names, _ := fs.Glob(migrations.FS, "*.up.sql")
	sort.Strings(names)
	for _, n := range names {
		b, _ := fs.ReadFile(migrations.FS, n)
		h.Write([]byte(n))
		h.Write(b)
	}
	ddl, _ := json.Marshal(referenceSchema)
	h.Write(ddl)
	return fmt.Sprintf("%s-g%d-%s", s.Name, GeneratorVersion, hex.EncodeToString(h.Sum(nil))[:12])
}

// BuildBoth builds both databases of size s in dir (the two builds run concurrently,
// each with its own deterministic generator).
func BuildBoth(ctx context.Context, dir string, s Size) (Dataset, error) {
	d := Dataset{Size: s, Dir: dir, Library: filepath.Join(dir, "library.db"), Legacy: filepath.Join(dir, "legacy.db")}
	start := time.Now()
	type result struct {
		m   Manifest
		err error
	}
	legacy := make(chan result, 1)
	go func() {
		m, err := Build(ctx, d.Legacy, LegacySchema, s)
		legacy <- result{m, err}
	}()
	m, err := Build(ctx, d.Library, LibrarySchema, s)
	lr := <-legacy
	if err = errors.Join(err, lr.err); err != nil {
		return Dataset{}, err
	}
	if m.Rows != lr.m.Rows {
		return Dataset{}, fmt.Errorf("the two builds generated %d and %d rows", m.Rows, lr.m.Rows)
	}
	elapsed := time.Since(start)
	d.Manifest = m
	d.BuildStats = BuildStats{Rows: m.Rows, Elapsed: elapsed, RowsPerSec: float64(2*m.Rows) / elapsed.Seconds()}
	return d, nil
}

// LoadOrBuild returns the cached data set of size s under cacheDir, building it first if
// it is missing. A build happens in a temporary directory that is renamed into place
// only when complete, so an interrupted build is never used.
func LoadOrBuild(ctx context.Context, cacheDir string, s Size, logf func(string, ...any)) (Dataset, error) {
	dir := filepath.Join(cacheDir, CacheKey(s))
	if d, err := load(dir, s); err == nil {
		return d, nil
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return Dataset{}, err
	}
	tmp, err := os.MkdirTemp(cacheDir, CacheKey(s)+".building-")
	if err != nil {
		return Dataset{}, err
	}
	defer os.RemoveAll(tmp)
	logf("generating the %s data set into %s (cached for later runs)", s.Name, dir)
	d, err := BuildBoth(ctx, tmp, s)
	if err != nil {
		return Dataset{}, err
	}
	logf("generated %d rows per database in %s (%.0f rows/s over both databases)", d.BuildStats.Rows, d.BuildStats.Elapsed.Round(time.Millisecond), d.BuildStats.RowsPerSec)
	meta, err := json.MarshalIndent(struct {
		Manifest Manifest   `json:"manifest"`
		Stats    BuildStats `json:"build"`
	}{d.Manifest, d.BuildStats}, "", " ")
	if err != nil {
		return Dataset{}, err
	}
	if err := os.WriteFile(filepath.Join(tmp, "manifest.json"), meta, 0o644); err != nil {
		return Dataset{}, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		// Another process may have finished the same build first.
		if d, lerr := load(dir, s); lerr == nil {
			return d, nil
		}
		return Dataset{}, err
	}
	return load(dir, s)
}

func load(dir string, s Size) (Dataset, error) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return Dataset{}, err
	}
	var meta struct {
		Manifest Manifest   `json:"manifest"`
		Stats    BuildStats `json:"build"`
	}
	if err := json.Unmarshal(b, &meta); err != nil {
		return Dataset{}, err
	}
	d := Dataset{Size: s, Dir: dir, Library: filepath.Join(dir, "library.db"), Legacy: filepath.Join(dir, "legacy.db"),
		Manifest: meta.Manifest, BuildStats: meta.Stats}
	for _, p := range []string{d.Library, d.Legacy} {
		if _, err := os.Stat(p); err != nil {
			return Dataset{}, err
		}
	}
	return d, nil
}
