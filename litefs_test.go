package compassdb_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
)

// LiteFS (a separate process that mounts a FUSE file system) replicates every
// transaction committed on the primary's mount to the replicas' mounts. See
// docs/operations.md.

const litefsInstall = "apt-get install -y fuse3 && go install github.com/superfly/litefs/cmd/litefs@v0.5.14"

// requireFUSE skips the test where this machine cannot mount a FUSE file system.
func requireFUSE(t *testing.T) {
	t.Helper()
	f, err := os.OpenFile("/dev/fuse", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("FUSE is not available here (%v): LiteFS needs /dev/fuse and the right to mount", err)
	}
	f.Close()
	if _, err := exec.LookPath("fusermount3"); err != nil {
		t.Skip("fusermount3 is not installed: apt-get install -y fuse3")
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// mounted reports whether dir is a mount point of this machine.
func mounted(dir string) bool {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if fields := strings.Fields(sc.Text()); len(fields) > 4 && fields[4] == dir {
			return true
		}
	}
	return false
}

type litefsNode struct {
	mount string // the FUSE mount: the databases are here
	d     *daemon
}

// startLiteFS runs `litefs mount` for one node of a static-lease cluster whose primary
// is at primaryURL (candidate: this node is the primary). When the test ends, after the
// handles on the mount are closed, the node is stopped and its mount point is unmounted
// (fusermount3 -u, then a lazy umount), and the test fails if it is still mounted.
func startLiteFS(t *testing.T, bin, name string, candidate bool, port int, primaryURL string) *litefsNode {
	t.Helper()
	base := t.TempDir()
	n := &litefsNode{mount: filepath.Join(base, "mnt")}
	data := filepath.Join(base, "data")
	for _, d := range []string{n.mount, data} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	config := filepath.Join(base, "litefs.yml")
	body := fmt.Sprintf(`fuse:
  dir: %q
data:
  dir: %q
http:
  addr: "127.0.0.1:%d"
lease:
  type: static
  candidate: %t
  hostname: "primary-node"
  advertise-url: %q
tracing:
  enabled: false
`, n.mount, data, port, candidate, primaryURL)
	if err := os.WriteFile(config, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	n.d = startDaemon(t, filepath.Join(base, name+".log"), bin, "mount", "-config", config)
	t.Cleanup(func() {
		if n.d.running() {
			n.d.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-n.d.exited:
			case <-time.After(5 * time.Second):
				n.d.cmd.Process.Signal(syscall.SIGKILL)
				<-n.d.exited
			}
		}
		if mounted(n.mount) {
			exec.Command("fusermount3", "-u", n.mount).Run()
		}
		if mounted(n.mount) {
			exec.Command("umount", "-l", n.mount).Run()
		}
		if mounted(n.mount) {
			t.Errorf("%s is still mounted", n.mount)
		}
	})
	waitFor(t, 15*time.Second, name+" mounted", func() error {
		if !n.d.running() {
			t.Fatalf("litefs %s exited:\n%s", name, n.d.tail())
		}
		_, err := os.Stat(filepath.Join(n.mount, ".lag"))
		return err
	})
	return n
}

// waitFor polls cond until it returns nil, failing the test after timeout.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() error) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		err := cond()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %s: %v", what, timeout, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// missing counts the acknowledged transactions whose last row (the usage record) h
// does not show yet.
func missing(ctx context.Context, h *compassdb.DB, acks []ack) (int, error) {
	n := 0
	for _, a := range acks {
		_, err := h.Reader().GetAgentUsage(ctx, db.GetAgentUsageParams{ID: a.usage, UserID: "user-load"})
		switch {
		case errors.Is(err, compassdb.ErrNotFound):
			n++
		case err != nil:
			return 0, err
		}
	}
	return n, nil
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	return sorted[min(len(sorted)-1, int(float64(len(sorted))*p))]
}

// TestLiteFSReadReplica runs a two-node LiteFS cluster on this machine (static lease,
// 127.0.0.1): the library writes on the primary's mount and reads the same rows on the
// replica's within a bounded wait; a write on the replica is ErrReadOnlyReplica, both up
// front on a ReadOnly handle and from LiteFS's own refusal at COMMIT; after the
// primary's writer process is killed with SIGKILL, the replica holds every
// acknowledged transaction and passes the integrity checks.
func TestLiteFSReadReplica(t *testing.T) {
	bin := binary(t, "LITEFS_BIN", "litefs", litefsInstall)
	requireFUSE(t)
	ctx := context.Background()
	portA, portB := freePort(t), freePort(t)
	primaryURL := fmt.Sprintf("http://127.0.0.1:%d", portA)
	a := startLiteFS(t, bin, "primary", true, portA, primaryURL)
	b := startLiteFS(t, bin, "replica", false, portB, primaryURL)
	pathA, pathB := filepath.Join(a.mount, "compass.db"), filepath.Join(b.mount, "compass.db")

	var h *compassdb.DB
	waitFor(t, 10*time.Second, "the primary takes writes", func() error {
		var err error
		h, err = compassdb.Open(ctx, pathA, compassdb.Options{Migrate: true})
		return err
	})
	t.Cleanup(func() { h.Close() })
	w := newWorld(t, ctx, h)

	var ro *compassdb.DB
	start := time.Now()
	waitFor(t, 10*time.Second, "the replica serves the migrated database", func() error {
		r, err := compassdb.Open(ctx, pathB, compassdb.Options{ReadOnly: true})
		if err != nil {
			return err
		}
		if _, err := r.Reader().GetUser(ctx, w.user); err != nil {
			r.Close()
			return err
		}
		ro = r
		return nil
	})
	t.Cleanup(func() { ro.Close() })
	t.Logf("replica opened with the migrated schema %s after the primary's first write", time.Since(start).Round(time.Millisecond))

	if p, err := h.Primary(); err != nil || p != "" {
		t.Errorf("primary's Primary() = %q, %v; want \"\" (this node)", p, err)
	}
	if p, err := ro.Primary(); err != nil || p != "primary-node" {
		t.Errorf("replica's Primary() = %q, %v; want primary-node", p, err)
	}

	// Lag: one transaction at a time on the primary, each polled for on the replica.
	var lags []time.Duration
	for i := range 100 {
		ack, err := writeOnce(ctx, h, w, i)
		if err != nil {
			t.Fatal(err)
		}
		committed := time.Now()
		for {
			_, err := ro.Reader().GetAgentUsage(ctx, db.GetAgentUsageParams{ID: ack.usage, UserID: w.user})
			if err == nil {
				break
			}
			if !errors.Is(err, compassdb.ErrNotFound) || time.Since(committed) > 5*time.Second {
				t.Fatalf("transaction %d on the replica after %s: %v", i, time.Since(committed), err)
			}
			time.Sleep(100 * time.Microsecond)
		}
		lags = append(lags, time.Since(committed))
	}
	slices.Sort(lags)
	// Throughput: commits through the primary's mount for one second.
	n, t0 := 0, time.Now()
	for ; time.Since(t0) < time.Second; n++ {
		if _, err := writeOnce(ctx, h, w, 1000+n); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("replica lag over %d transactions: p50 %s, p99 %s, max %s; %.0f write transactions/s through the primary's mount",
		len(lags), percentile(lags, 0.5), percentile(lags, 0.99), lags[len(lags)-1], float64(n)/time.Since(t0).Seconds())

	// Writes on the replica.
	ran := false
	if err := ro.Tx(ctx, func(q *db.Queries) error { ran = true; return createUser(ctx, q, "u-replica") }); !errors.Is(err, compassdb.ErrReadOnlyReplica) || ran {
		t.Errorf("Tx on the replica: %v (fn ran: %t), want ErrReadOnlyReplica before fn", err, ran)
	} else {
		t.Logf("Tx on the ReadOnly replica: %v", err)
	}
	if err := createUser(ctx, ro.Writer(), "u-replica"); !errors.Is(err, compassdb.ErrReadOnlyReplica) {
		t.Errorf("Writer on the replica: %v, want ErrReadOnlyReplica", err)
	}
	// A handle opened without ReadOnly on the replica's mount gets as far as COMMIT,
	// which LiteFS refuses.
	rw, err := compassdb.Open(ctx, pathB, compassdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = rw.Tx(ctx, func(q *db.Queries) error { return createUser(ctx, q, "u-replica") })
	rw.Close()
	if !errors.Is(err, compassdb.ErrReadOnlyReplica) {
		t.Errorf("a write through LiteFS on the replica: %v, want ErrReadOnlyReplica", err)
	} else {
		t.Logf("LiteFS's refusal on the replica: %v", err)
	}
	if userExists(t, ro, "u-replica") || userExists(t, h, "u-replica") {
		t.Error("the refused write is visible")
	}

	// The primary's writer process is killed with SIGKILL mid-run.
	wp := startWriter(t, pathA)
	wp.waitFirst(t, 30*time.Second)
	time.Sleep(time.Second)
	acks := wp.kill()
	start = time.Now()
	waitFor(t, 10*time.Second, "the replica holds every acknowledged transaction", func() error {
		if n, err := missing(ctx, ro, acks); err != nil || n > 0 {
			return fmt.Errorf("%d of %d missing (%v)", n, len(acks), err)
		}
		return nil
	})
	t.Logf("writer killed with SIGKILL after %d acknowledged transactions; the replica had all of them %s later",
		len(acks), time.Since(start).Round(time.Millisecond))
	verifyHandle(t, ctx, ro, acks)
	verifyHandle(t, ctx, h, acks)
	if got, want := rowCountsOn(t, ro), rowCountsOn(t, h); got != want {
		t.Errorf("replica %s, primary %s", got, want)
	} else {
		t.Logf("primary and replica both hold %s", got)
	}
}

// writerRows counts, on h, the rows the writer creates.
type writerRows struct{ tasks, dependencies, messages, usage int }

func (r writerRows) String() string {
	return fmt.Sprintf("schedule_tasks=%d task_dependencies=%d agent_memories=%d agent_usage=%d", r.tasks, r.dependencies, r.messages, r.usage)
}

// transactions is how many writeOnce transactions the rows are, or -1 if they are not a
// whole number of them (a transaction applied in part).
func (r writerRows) transactions() int {
	if r.tasks != 2*r.dependencies || r.messages != r.dependencies || r.usage != r.dependencies {
		return -1
	}
	return r.dependencies
}

func rowCountsOn(t *testing.T, h *compassdb.DB) writerRows {
	t.Helper()
	var r writerRows
	for table, n := range map[string]*int{"schedule_tasks": &r.tasks, "task_dependencies": &r.dependencies, "agent_memories": &r.messages, "agent_usage": &r.usage} {
		if err := h.ReadDB().QueryRow("SELECT count(*) FROM " + table).Scan(n); err != nil {
			t.Fatal(err)
		}
	}
	return r
}
