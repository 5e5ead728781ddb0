package compassdb_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
)

// Litestream (a separate process, never linked into this one: it uses another SQLite
// driver, and two SQLite libraries on one file in one process corrupt it) copies the
// database's WAL to a replica; here a file replica in a temp dir. See docs/operations.md.

const litestreamInstall = "go install github.com/benbjohnson/litestream/cmd/litestream@v0.5.18"

// litestreamConfig writes a litestream.yml for the database at path with a file replica
// in replicaDir, syncing every 100 ms so that the test takes seconds.
func litestreamConfig(t *testing.T, dir, path, replicaDir string) string {
	t.Helper()
	config := filepath.Join(dir, "litestream.yml")
	body := fmt.Sprintf(`dbs:
  - path: %s
    monitor-interval: 100ms
    replica:
      type: file
      path: %s
      sync-interval: 100ms
`, path, replicaDir)
	if err := os.WriteFile(config, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return config
}

func litestreamCmd(t *testing.T, bin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("litestream %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestLitestreamRecoversEveryAcknowledgedWrite runs `litestream replicate` beside a
// writer process using the library's real queries, kills the writer with SIGKILL half
// way, lets Litestream sync, stops it, restores the replica to a new file and checks it:
// every acknowledged transaction, integrity_check, foreign_key_check, Open and
// ReadStatus. The second case also kills Litestream with SIGKILL and restarts it while
// the writer runs.
func TestLitestreamRecoversEveryAcknowledgedWrite(t *testing.T) {
	bin := binary(t, "LITESTREAM_BIN", "litestream", litestreamInstall)
	version, _ := exec.Command(bin, "version").CombinedOutput()
	t.Logf("litestream %s", strings.TrimSpace(string(version)))

	for _, c := range []struct {
		name           string
		killLitestream bool
	}{
		{"writer killed", false},
		{"writer and litestream killed", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			path := filepath.Join(dir, "compass.db")
			h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true})
			if err != nil {
				t.Fatal(err)
			}
			newWorld(t, ctx, h)
			h.Close()
			config := litestreamConfig(t, dir, path, filepath.Join(dir, "replica"))

			ls := startDaemon(t, filepath.Join(dir, "litestream-1.log"), bin, "replicate", "-config", config)
			w := startWriter(t, path)
			w.waitFirst(t, 30*time.Second)
			writing := time.Now()
			if c.killLitestream {
				time.Sleep(500 * time.Millisecond)
				before := w.count()
				ls.stop(t, syscall.SIGKILL, 5*time.Second)
				time.Sleep(300 * time.Millisecond) // the writer goes on alone
				t.Logf("litestream killed with SIGKILL after %d transactions; %d written while it was down", before, w.count()-before)
				ls = startDaemon(t, filepath.Join(dir, "litestream-2.log"), bin, "replicate", "-config", config)
			}
			time.Sleep(time.Second)
			acks := w.kill()
			rate := float64(len(acks)) / time.Since(writing).Seconds()
			if !ls.running() {
				t.Fatalf("litestream exited on its own:\n%s", ls.tail())
			}
			// Ten sync intervals for the last frames, then a clean stop, which syncs once more.
			time.Sleep(time.Second)
			ls.stop(t, syscall.SIGTERM, 15*time.Second)

			restored := filepath.Join(dir, "restored.db")
			start := time.Now()
			litestreamCmd(t, bin, "restore", "-config", config, "-if-db-not-exists", "-if-replica-exists", "-o", restored, path)
			took := time.Since(start)
			verify(t, ctx, restored, acks)
			st, err := compassdb.ReadStatus(ctx, restored)
			if err != nil || st.Version != compassdb.LatestVersion() || st.Dirty || len(st.Pending) > 0 {
				t.Fatalf("restored file's status: %+v %v", st, err)
			}
			rows := rowCounts(t, restored)
			t.Logf("%d transactions acknowledged (%d rows written: 2 tasks, 1 dependency, 1 message, 1 usage each; %.0f transactions/s beside Litestream); restored in %s: %s",
				len(acks), 5*len(acks), rate, took.Round(time.Millisecond), rows)
			// The child may die between a COMMIT and printing its acknowledgement: one
			// transaction more than acknowledged is right, a part of one never is.
			if n := rows.transactions(); n != len(acks) && n != len(acks)+1 {
				t.Errorf("restored rows are %d whole transactions (-1: not whole), want %d acknowledged (+1 at most)", n, len(acks))
			}
		})
	}
}

// rowCounts counts the rows the writer creates in the database at path.
func rowCounts(t *testing.T, path string) writerRows {
	t.Helper()
	h, err := compassdb.Open(context.Background(), path, compassdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	return rowCountsOn(t, h)
}

// TestLitestreamRestoreOnBoot is the start-up recipe of docs/operations.md: restore
// only when there is no database yet and a replica exists, so a first boot with no
// replica and every later boot are no-ops.
func TestLitestreamRestoreOnBoot(t *testing.T) {
	bin := binary(t, "LITESTREAM_BIN", "litestream", litestreamInstall)
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "compass.db")
	config := litestreamConfig(t, dir, path, filepath.Join(dir, "replica"))
	boot := func() {
		litestreamCmd(t, bin, "restore", "-config", config, "-if-db-not-exists", "-if-replica-exists", path)
	}

	boot() // first boot: no replica yet, nothing to do
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("restore without a replica made a file: %v", err)
	}
	h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	newWorld(t, ctx, h)
	h.Close()
	ls := startDaemon(t, filepath.Join(dir, "litestream.log"), bin, "replicate", "-config", config)
	w := startWriter(t, path)
	w.waitFirst(t, 30*time.Second)
	time.Sleep(300 * time.Millisecond)
	acks := w.kill()
	time.Sleep(500 * time.Millisecond)
	ls.stop(t, syscall.SIGTERM, 15*time.Second)

	before, _ := os.ReadFile(path)
	boot() // a restart on the same machine: the database exists, nothing to do
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("restore replaced an existing database")
	}
	// A new machine: no database file, the replica is there.
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(f)
	}
	boot()
	verify(t, ctx, path, acks)
	t.Logf("boot restore brought back %d acknowledged transactions", len(acks))
}
