package compassdb_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// Long variants: COMPASSDB_LONG=1 go test -run 'Concurrent|Crash' -v .
var long = os.Getenv("COMPASSDB_LONG") != ""

// world is the minimum a writer needs: a user, a project and a conversation.
type world struct{ user, project, conversation string }

func newWorld(t testing.TB, ctx context.Context, h *compassdb.DB) world {
	t.Helper()
	now := dbtypes.Now()
	w := world{user: "user-load", project: "project-load", conversation: "conv-load"}
	err := h.Tx(ctx, func(q *db.Queries) error {
		if _, err := q.CreateUser(ctx, db.CreateUserParams{ID: w.user, Email: "load@example.com", Role: dbtypes.UserRoleOffice, IsActive: true, CreatedAt: now, UpdatedAt: now}); err != nil {
			return err
		}
		if _, err := q.CreateProject(ctx, db.CreateProjectParams{ID: w.project, Name: "Load", CreatedAt: now, Status: "OPEN"}); err != nil {
			return err
		}
		_, err := q.CreateAgentConversation(ctx, db.CreateAgentConversationParams{ID: w.conversation, UserID: w.user, LastMessageAt: now, CreatedAt: now})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// ack is what one committed write transaction created.
type ack struct{ pred, succ, dep, message, usage string }

// writeOnce is one realistic write transaction: two tasks and a dependency between them,
// a date change of the first task, a chat message and a usage record.
func writeOnce(ctx context.Context, h *compassdb.DB, w world, n int) (ack, error) {
	a := ack{pred: compassdb.NewID(), succ: compassdb.NewID(), dep: compassdb.NewID(), message: compassdb.NewID(), usage: compassdb.NewID()}
	now := dbtypes.Now()
	start := dbtypes.MustParseDate("2026-03-02").AddDays(n % 300)
	err := h.Tx(ctx, func(q *db.Queries) error {
		for i, id := range []string{a.pred, a.succ} {
			if _, err := q.CreateScheduleTask(ctx, db.CreateScheduleTaskParams{
				ID: id, ProjectID: w.project, Title: fmt.Sprintf("task %d.%d", n, i), StartDate: start, Workdays: 2,
				EndDateCalculated: start.AddDays(1), Phase: "framing", Status: dbtypes.TaskStatusPending,
				SortOrder: int64(2*n + i), CreatedAt: now, UpdatedAt: now,
			}); err != nil {
				return err
			}
		}
		if _, err := q.CreateTaskDependency(ctx, db.CreateTaskDependencyParams{ID: a.dep, PredecessorID: a.pred, SuccessorID: a.succ, Type: dbtypes.DependencyTypeFS}); err != nil {
			return err
		}
		task, err := q.GetScheduleTask(ctx, a.pred)
		if err != nil {
			return err
		}
		if _, err := q.UpdateScheduleTask(ctx, db.UpdateScheduleTaskParams{
			ID: task.ID, ProjectID: task.ProjectID, Title: task.Title, StartDate: task.StartDate.AddDays(1), Workdays: task.Workdays,
			EndDateCalculated: task.EndDateCalculated.AddDays(1), Phase: task.Phase, Status: dbtypes.TaskStatusInProgress,
			SortOrder: task.SortOrder, UpdatedAt: dbtypes.Now(), PercentComplete: 10,
		}); err != nil {
			return err
		}
		if _, err := q.CreateAgentMemory(ctx, db.CreateAgentMemoryParams{ID: a.message, ConversationID: w.conversation, UserID: w.user, Role: dbtypes.MessageRoleUser, Content: "message", CreatedAt: now}); err != nil {
			return err
		}
		_, err = q.CreateAgentUsage(ctx, db.CreateAgentUsageParams{ID: a.usage, ConversationID: w.conversation, UserID: w.user, ModelID: "m/x", PromptTokens: 10, CompletionTokens: 5, TotalTokens: 15, EstimatedCost: "0.00001500", CreatedAt: now})
		return err
	})
	return a, err
}

// verify checks that the file is intact and holds every acknowledged write.
func verify(t *testing.T, ctx context.Context, path string, acks []ack) {
	t.Helper()
	h, err := compassdb.Open(ctx, path, compassdb.Options{})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer h.Close()
	verifyHandle(t, ctx, h, acks)
}

// verifyHandle is verify on an open handle (a read-only replica's, for one).
func verifyHandle(t *testing.T, ctx context.Context, h *compassdb.DB, acks []ack) {
	t.Helper()
	var result string
	if err := h.ReadDB().QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity_check: %q %v", result, err)
	}
	rows, err := h.ReadDB().QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("foreign_key_check found orphan rows")
	}
	rows.Close()
	q := h.Reader()
	for _, a := range acks {
		for _, id := range []string{a.pred, a.succ} {
			if _, err := q.GetScheduleTask(ctx, id); err != nil {
				t.Fatalf("acknowledged task %s: %v", id, err)
			}
		}
		if _, err := q.GetTaskDependency(ctx, a.dep); err != nil {
			t.Fatalf("acknowledged dependency %s: %v", a.dep, err)
		}
		if _, err := q.GetAgentMemory(ctx, db.GetAgentMemoryParams{ID: a.message, UserID: "user-load"}); err != nil {
			t.Fatalf("acknowledged message %s: %v", a.message, err)
		}
		if _, err := q.GetAgentUsage(ctx, db.GetAgentUsageParams{ID: a.usage, UserID: "user-load"}); err != nil {
			t.Fatalf("acknowledged usage %s: %v", a.usage, err)
		}
	}
}

// TestConcurrentLoad runs 8 writers and 32 readers on one handle for a fixed time: no
// caller sees a busy error, every acknowledged write is there, the file is intact.
func TestConcurrentLoad(t *testing.T) {
	ctx := context.Background()
	h := dbtest.Open(t)
	w := newWorld(t, ctx, h)
	duration := 2 * time.Second
	if long {
		duration = 30 * time.Second
	}
	deadline := time.Now().Add(duration)

	var (
		mu        sync.Mutex
		acks      []ack
		failures  []error
		reads     atomic.Int64
		readFails atomic.Int64
		wg        sync.WaitGroup
		counter   atomic.Int64
	)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				a, err := writeOnce(ctx, h, w, int(counter.Add(1)))
				mu.Lock()
				if err != nil {
					failures = append(failures, err)
				} else {
					acks = append(acks, a)
				}
				mu.Unlock()
			}
		}()
	}
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := h.Reader()
			for time.Now().Before(deadline) {
				var err error
				switch i % 4 {
				case 0:
					_, err = q.ListScheduleTasksByProject(ctx, w.project)
				case 1:
					_, err = q.ListAgentMemoriesByConversation(ctx, db.ListAgentMemoriesByConversationParams{ConversationID: w.conversation, UserID: w.user})
				case 2:
					_, err = q.ListAgentUsageByUser(ctx, db.ListAgentUsageByUserParams{UserID: w.user, PageSize: allRows})
				case 3:
					err = h.ReadTx(ctx, func(q *db.Queries) error {
						tasks, err := q.ListScheduleTasksByProject(ctx, w.project)
						if err == nil && len(tasks) > 0 {
							_, err = q.ListTaskDependenciesByPredecessor(ctx, tasks[0].ID)
						}
						return err
					})
				}
				if err != nil {
					readFails.Add(1)
					mu.Lock()
					failures = append(failures, err)
					mu.Unlock()
				}
				reads.Add(1)
			}
		}()
	}
	wg.Wait()

	busy := 0
	for _, err := range failures {
		if errors.Is(err, compassdb.ErrBusy) {
			busy++
		}
	}
	t.Logf("%s: %d write transactions acknowledged (%.0f/s), %d reads (%.0f/s), %d failures (%d busy)",
		duration, len(acks), float64(len(acks))/duration.Seconds(), reads.Load(), float64(reads.Load())/duration.Seconds(), len(failures), busy)
	if len(failures) > 0 {
		t.Fatalf("%d operations failed, first: %v", len(failures), failures[0])
	}
	if len(acks) == 0 || reads.Load() == 0 {
		t.Fatal("the load did not run")
	}
	h.Close()
	verify(t, ctx, h.Path(), acks)
}

// The crash child: COMPASSDB_CRASH_CHILD=<db path> makes this test binary write
// acknowledged transactions in a loop, printing "ack <ids>" after each commit, until it is
// killed.
func TestMain(m *testing.M) {
	if path := os.Getenv("COMPASSDB_CRASH_CHILD"); path != "" {
		crashChild(path)
		return
	}
	if path := os.Getenv("COMPASSDB_MIGRATE_CHILD"); path != "" {
		migrateChild(path)
		return
	}
	os.Exit(m.Run())
}

func crashChild(path string) {
	ctx := context.Background()
	h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := bufio.NewWriter(os.Stdout)
	w := world{user: "user-load", project: "project-load", conversation: "conv-load"}
	for n := 0; ; n++ {
		a, err := writeOnce(ctx, h, w, n)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Fprintf(out, "ack %s %s %s %s %s\n", a.pred, a.succ, a.dep, a.message, a.usage)
		out.Flush()
	}
}

// TestCrashSafety kills a writing process with SIGKILL at random moments; after every
// kill the file opens, passes integrity_check and foreign_key_check, and holds every
// transaction the child acknowledged.
func TestCrashSafety(t *testing.T) {
	ctx := context.Background()
	path := dbtest.Path(t)
	h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	newWorld(t, ctx, h)
	h.Close()

	kills := 10
	if long {
		kills = 60
	}
	var acks []ack
	for i := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "COMPASSDB_CRASH_CHILD="+path)
		stdout, _ := cmd.StdoutPipe()
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// The random moment is counted from the child's first acknowledgement, so a slow
		// start (e.g. under the race detector) does not turn the run into kills at start-up.
		var timer <-chan time.Time
		killed := false
		for !killed {
			select {
			case line, ok := <-lines:
				if !ok {
					t.Fatalf("child %d exited on its own: %s", i, stderr.String())
				}
				f := strings.Fields(line)
				if len(f) == 6 && f[0] == "ack" {
					acks = append(acks, ack{f[1], f[2], f[3], f[4], f[5]})
				}
				if timer == nil {
					timer = time.After(time.Duration(rand.IntN(200)) * time.Millisecond)
				}
			case <-timer:
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
			}
		}
		// Acknowledgements already written to the pipe before the kill count too.
		for line := range lines {
			if f := strings.Fields(line); len(f) == 6 && f[0] == "ack" {
				acks = append(acks, ack{f[1], f[2], f[3], f[4], f[5]})
			}
		}
		cmd.Wait()
		verify(t, ctx, path, acks)
	}
	t.Logf("%d kills, %d acknowledged transactions all present after every kill", kills, len(acks))
	if len(acks) == 0 {
		t.Fatal("the child never acknowledged a write")
	}
}

// slowMigration is a migration that runs for a few seconds, to be killed half way.
func slowMigration() fs.FS {
	return withExtra(map[string]string{
		"000009_slow.up.sql": `CREATE TABLE filler (n INTEGER NOT NULL);
INSERT INTO filler (n) WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 3000000) SELECT n FROM c;
CREATE INDEX filler_n_idx ON filler (n);
`,
		"000009_slow.down.sql": "DROP TABLE filler;\n",
	})
}

func migrateChild(path string) {
	fmt.Println("migrating")
	if err := compassdb.MigrateToFS(context.Background(), path, slowMigration(), 9); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("done")
}

// TestKilledMigrationIsRolledBack kills a process in the middle of a long migration: the
// database is at the previous version, clean, with its data, and the next run completes.
func TestKilledMigrationIsRolledBack(t *testing.T) {
	ctx := context.Background()
	path := dbtest.Path(t)
	h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	newWorld(t, ctx, h)
	h.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "COMPASSDB_MIGRATE_CHILD="+path)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || sc.Text() != "migrating" {
		t.Fatalf("child did not start migrating: %q", sc.Text())
	}
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	rest := ""
	for sc.Scan() {
		rest += sc.Text()
	}
	cmd.Wait()
	if strings.Contains(rest, "done") {
		t.Fatal("the migration finished before the kill; make it slower")
	}

	st := status(t, path)
	if st.Version != 8 || st.Dirty {
		t.Fatalf("after the kill: %+v, want version 8, clean", st)
	}
	if _, ok := schemaOf(t, path)["filler"]; ok {
		t.Fatal("half of the killed migration is visible")
	}
	verify(t, ctx, path, nil)
	if err := compassdb.MigrateToFS(ctx, path, slowMigration(), 9); err != nil {
		t.Fatalf("the next run: %v", err)
	}
	if st := status(t, path); st.Version != 9 {
		t.Fatalf("next run ended at %+v", st)
	}
}
