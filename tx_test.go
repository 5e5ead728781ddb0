package compassdb_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

func createUser(ctx context.Context, q *db.Queries, id string) error {
	now := dbtypes.Now()
	_, err := q.CreateUser(ctx, db.CreateUserParams{ID: id, Email: id + "@example.com", Role: dbtypes.UserRoleOffice, IsActive: true, CreatedAt: now, UpdatedAt: now})
	return err
}

func txUserExists(t *testing.T, h *compassdb.DB, id string) bool {
	t.Helper()
	_, err := h.Reader().GetUser(context.Background(), id)
	if err != nil && !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatal(err)
	}
	return err == nil
}

// TestTxRollsBackOnErrorAndPanic: nothing of a failed or panicking transaction remains,
// and the write connection is usable afterwards (not left inside a transaction).
func TestTxRollsBackOnErrorAndPanic(t *testing.T) {
	ctx := context.Background()
	h := dbtest.Open(t)
	boom := errors.New("boom")
	err := h.Tx(ctx, func(q *db.Queries) error {
		if err := createUser(ctx, q, "u-error"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Tx returned %v, want boom", err)
	}
	func() {
		defer func() {
			if p := recover(); p != "panic in fn" {
				t.Fatalf("recovered %v, want the panic to continue", p)
			}
		}()
		h.Tx(ctx, func(q *db.Queries) error {
			if err := createUser(ctx, q, "u-panic"); err != nil {
				return err
			}
			panic("panic in fn")
		})
	}()
	if err := h.Tx(ctx, func(q *db.Queries) error { return createUser(ctx, q, "u-ok") }); err != nil {
		t.Fatalf("a transaction after the failures: %v", err)
	}
	for id, want := range map[string]bool{"u-error": false, "u-panic": false, "u-ok": true} {
		if got := txUserExists(t, h, id); got != want {
			t.Errorf("user %s exists = %t, want %t", id, got, want)
		}
	}
}

// TestTxRollsBackAFailedCommit: a COMMIT that fails (here on a deferred foreign key)
// leaves SQLite inside the transaction; the runner must roll it back, or the next BEGIN
// on the same connection would fail with "cannot start a transaction within a
// transaction".
func TestTxRollsBackAFailedCommit(t *testing.T) {
	ctx := context.Background()
	h := dbtest.Open(t)
	c, err := h.WriteDB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = compassdb.TxOnConn(ctx, c, func(c *sql.Conn) error {
		if _, err := c.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
			return err
		}
		_, err := c.ExecContext(ctx, `INSERT INTO task_dependencies (id, predecessor_id, successor_id) VALUES ('d-orphan', 'no-task', 'no-task-2')`)
		return err
	})
	if !errors.Is(err, compassdb.ErrForeignKeyViolation) {
		t.Fatalf("COMMIT of an orphan returned %v, want ErrForeignKeyViolation", err)
	}
	c.Close() // back to the pool: the handle's next Tx gets the same connection
	if err := h.Tx(ctx, func(q *db.Queries) error { return createUser(ctx, q, "u-after") }); err != nil {
		t.Fatalf("the next transaction: %v", err)
	}
	var n int
	if err := h.ReadDB().QueryRowContext(ctx, "SELECT count(*) FROM task_dependencies").Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d dependencies after the failed commit (%v), want 0", n, err)
	}
}

// TestTxCancelledContext: a context cancelled inside fn fails the transaction, the
// rollback still runs, and the handle keeps working.
func TestTxCancelledContext(t *testing.T) {
	h := dbtest.Open(t)
	ctx, cancel := context.WithCancel(context.Background())
	err := h.Tx(ctx, func(q *db.Queries) error {
		if err := createUser(ctx, q, "u-cancelled"); err != nil {
			return err
		}
		cancel()
		return createUser(ctx, q, "u-cancelled-2")
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Tx returned %v, want context.Canceled", err)
	}
	bg := context.Background()
	if err := h.Tx(bg, func(q *db.Queries) error { return createUser(bg, q, "u-next") }); err != nil {
		t.Fatalf("the next transaction: %v", err)
	}
	if txUserExists(t, h, "u-cancelled") || !txUserExists(t, h, "u-next") {
		t.Fatal("the cancelled transaction was not rolled back, or the next one was lost")
	}
}

// TestTxBusyRetry: another process holds the write lock longer than the busy timeout;
// Tx retries the whole function and commits once.
func TestTxBusyRetry(t *testing.T) {
	ctx := context.Background()
	path := dbtest.Path(t)
	h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true, BusyTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	other, err := compassdb.Open(ctx, path, compassdb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	held := make(chan struct{})
	release := make(chan struct{})
	go other.Tx(ctx, func(q *db.Queries) error {
		close(held)
		<-release
		return createUser(ctx, q, "u-other")
	})
	<-held
	time.AfterFunc(250*time.Millisecond, func() { close(release) })
	calls := 0
	start := time.Now()
	if err := h.Tx(ctx, func(q *db.Queries) error { calls++; return createUser(ctx, q, "u-retried") }); err != nil {
		t.Fatalf("Tx did not get through the busy period: %v", err)
	}
	if waited := time.Since(start); waited < 200*time.Millisecond {
		t.Fatalf("Tx got the lock after %s, before the other writer released it", waited)
	}
	if !txUserExists(t, h, "u-retried") || !txUserExists(t, h, "u-other") {
		t.Fatal("a write is missing")
	}
	t.Logf("got through a %s lock with a %s busy timeout; fn ran %d time(s)", 250*time.Millisecond, 100*time.Millisecond, calls)
	if calls != 1 {
		t.Errorf("fn ran %d times: BEGIN IMMEDIATE takes the lock before fn, so a busy start must not run fn", calls)
	}
}

// TestTxReadThenWriteAcrossProcesses: two handles on one file (as two processes would
// have) run read-then-write transactions at the same time. Tx begins them IMMEDIATE, so
// none fails with "database is locked"; the same work in deferred transactions does fail,
// which shows that the test can tell the difference.
func TestTxReadThenWriteAcrossProcesses(t *testing.T) {
	ctx := context.Background()
	path := dbtest.Path(t)
	var handles []*compassdb.DB
	for range 2 {
		h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true})
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		handles = append(handles, h)
	}
	if err := handles[0].Tx(ctx, func(q *db.Queries) error { return createUser(ctx, q, "u-counter") }); err != nil {
		t.Fatal(err)
	}
	// readThenWrite reads the user's name and writes it back one longer: a lost update
	// would show as a shorter name.
	readThenWrite := func(q *db.Queries) error {
		u, err := q.GetUser(ctx, "u-counter")
		if err != nil {
			return err
		}
		name := "x"
		if u.DisplayName != nil {
			name = *u.DisplayName + "x"
		}
		_, err = q.UpdateUser(ctx, db.UpdateUserParams{ID: u.ID, Email: u.Email, DisplayName: &name, Role: u.Role, IsActive: u.IsActive, UpdatedAt: dbtypes.Now()})
		return err
	}
	var ok, failed atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	deadline := time.Now().Add(time.Second)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := handles[i%2]
			for time.Now().Before(deadline) {
				if err := h.Tx(ctx, readThenWrite); err != nil {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, err)
				} else {
					ok.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	u, err := handles[0].Reader().GetUser(ctx, "u-counter")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("IMMEDIATE: %d read-then-write transactions committed, %d failed", ok.Load(), failed.Load())
	if failed.Load() > 0 {
		t.Fatalf("%d transactions failed, first: %v", failed.Load(), firstErr.Load())
	}
	if u.DisplayName == nil || int64(len(*u.DisplayName)) != ok.Load() {
		t.Fatalf("name is %v after %d committed increments: an update was lost", u.DisplayName, ok.Load())
	}

	// The control: plain BEGIN (deferred) on the same two pools.
	var deferredFails, deferredOK atomic.Int64
	deadline = time.Now().Add(3 * time.Second)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pool := handles[i%2].WriteDB()
			for time.Now().Before(deadline) && deferredFails.Load() == 0 {
				err := func() error {
					tx, err := pool.BeginTx(ctx, nil)
					if err != nil {
						return err
					}
					defer tx.Rollback()
					if err := readThenWrite(db.New(tx)); err != nil {
						return err
					}
					return tx.Commit()
				}()
				if err != nil {
					deferredFails.Add(1)
					if !errors.Is(err, compassdb.ErrBusy) && !strings.Contains(err.Error(), "locked") {
						t.Errorf("deferred transaction failed otherwise: %v", err)
					}
				} else {
					deferredOK.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("control, deferred BEGIN: %d committed, %d failed busy", deferredOK.Load(), deferredFails.Load())
	if deferredFails.Load() == 0 {
		t.Error("deferred read-then-write transactions never failed: the test cannot tell IMMEDIATE from deferred")
	}
}
