package compassdb_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// schedThreeProjects builds projects A, B and C with tasks, dependencies (some crossing
// projects, as legacy data may hold) and exceptions.
func schedThreeProjects(t *testing.T) *schedFixture {
	f := newSchedFixture(t)
	for _, p := range []string{"A", "B", "C"} {
		f.project(p)
	}
	// A: sort orders out of insertion order, and a tie broken by id.
	f.task("A", "a3", schedTaskSpec{sort: 2})
	f.task("A", "a1", schedTaskSpec{sort: 0})
	f.task("A", "a2b", schedTaskSpec{sort: 1})
	f.task("A", "a2a", schedTaskSpec{sort: 1})
	f.task("B", "b1", schedTaskSpec{sort: 0})
	f.task("B", "b2", schedTaskSpec{sort: 1})
	for i := range 20 { // bulk in C, so that a scan would be visible in the plans' costs
		f.task("C", "c"+string(rune('a'+i)), schedTaskSpec{sort: int64(i)})
	}
	f.dep("dA2", "a1", "a2a")
	f.dep("dA1", "a2a", "a3")
	f.dep("dA3", "a1", "a2b")
	f.dep("dB1", "b1", "b2")
	f.dep("dAB", "a3", "b1") // crosses A -> B: belongs to neither schedule
	f.dep("dBA", "b2", "a1") // crosses B -> A
	f.exception("A", "eA2", "2026-03-01", "2026-03-02")
	f.exception("A", "eA1", "2026-02-10", "2026-02-10")
	f.exception("B", "eB1", "2026-02-11", "2026-02-12")
	return f
}

func TestProjectSchedule(t *testing.T) {
	f := schedThreeProjects(t)

	s, err := f.h.ProjectSchedule(f.ctx, "A")
	if err != nil {
		t.Fatal(err)
	}
	schedEq(t, "A tasks", schedTaskIDs(s.Tasks), []string{"a1", "a2a", "a2b", "a3"})
	schedEq(t, "A dependencies", schedDepIDs(s.Dependencies), []string{"dA1", "dA2", "dA3"})
	schedEq(t, "A exceptions", schedExceptionIDs(s.Exceptions), []string{"eA1", "eA2"})

	s, err = f.h.ProjectSchedule(f.ctx, "B")
	if err != nil {
		t.Fatal(err)
	}
	schedEq(t, "B tasks", schedTaskIDs(s.Tasks), []string{"b1", "b2"})
	schedEq(t, "B dependencies", schedDepIDs(s.Dependencies), []string{"dB1"})
	schedEq(t, "B exceptions", schedExceptionIDs(s.Exceptions), []string{"eB1"})

	s, err = f.h.ProjectSchedule(f.ctx, "none")
	if err != nil {
		t.Fatal(err)
	}
	if s.Tasks == nil || len(s.Tasks)+len(s.Dependencies)+len(s.Exceptions) != 0 {
		t.Errorf("unknown project: %+v, want empty (non-nil) lists", s)
	}

	// Three statements, each an index search: no scan of the three tables.
	rec := &schedRecorder{DBTX: f.h.ReadDB()}
	if _, err := compassdb.LoadProjectSchedule(f.ctx, db.New(rec), "A"); err != nil {
		t.Fatal(err)
	}
	if len(rec.stmts) != 3 {
		t.Fatalf("LoadProjectSchedule sent %d statements, want 3", len(rec.stmts))
	}
	for i, plan := range rec.plans(t, f.h.ReadDB()) {
		t.Logf("%s: %q", rec.stmts[i].name(), plan)
		// Plans name aliased tables by their alias (p, d, s).
		dbtest.AssertNoScan(t, plan, "schedule_tasks", "task_dependencies", "workday_exceptions", "p", "d", "s")
	}
}

func TestCreateScheduleTaskAtEnd(t *testing.T) {
	f := newSchedFixture(t)
	f.project("A")
	f.project("B")
	f.task("B", "b1", schedTaskSpec{sort: 41})

	next := func(p string) int64 {
		t.Helper()
		n, err := f.q.GetNextScheduleTaskSortOrder(f.ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := next("A"); n != 0 {
		t.Errorf("next sort order of an empty project = %d, want 0", n)
	}
	create := func(id string) db.ScheduleTask {
		t.Helper()
		task, err := f.q.CreateScheduleTaskAtEnd(f.ctx, db.CreateScheduleTaskAtEndParams{
			ID: id, ProjectID: "A", Title: id, StartDate: dbtypes.MustParseDate("2026-02-02"), Workdays: 3,
			EndDateCalculated: dbtypes.MustParseDate("2026-02-04"), Phase: "site", Now: f.now,
		})
		if err != nil {
			t.Fatal(err)
		}
		return task
	}
	first := create("a1")
	if first.SortOrder != 0 || first.Status != dbtypes.TaskStatusPending || first.IsCriticalPath || first.UpdatedAt != f.now {
		t.Errorf("first task = %+v, want sort 0, PENDING, not critical, updated now", first)
	}
	f.task("A", "gap", schedTaskSpec{sort: 7})
	if n := next("A"); n != 8 {
		t.Errorf("next sort order = %d, want 8", n)
	}
	if got := create("a2"); got.SortOrder != 8 {
		t.Errorf("task after sort 7 got sort %d, want 8", got.SortOrder)
	}
	if n := next("B"); n != 42 {
		t.Errorf("next sort order of B = %d, want 42 (A's tasks do not count)", n)
	}
}

func TestUpdateScheduleTaskFields(t *testing.T) {
	f := newSchedFixture(t)
	f.project("A")
	f.project("B")
	f.task("A", "a1", schedTaskSpec{title: "Frame walls", phase: "framing", milestone: true})
	who := "user-1"
	if _, err := f.q.UpdateScheduleTaskFields(f.ctx, db.UpdateScheduleTaskFieldsParams{
		ID: "a1", ProjectID: "A", StartDate: dbtypes.MustParseDate("2026-02-02"), Workdays: 1,
		EndDateCalculated: dbtypes.MustParseDate("2026-02-02"), SetAssignedTo: true, AssignedTo: &who, UpdatedAt: f.at(),
	}); err != nil {
		t.Fatal(err)
	}

	empty, title, no, pct := "", "Frame and sheathe", false, int64(40)
	later := f.at()
	cases := []struct {
		name  string
		p     db.UpdateScheduleTaskFieldsParams
		check func(db.ScheduleTask) bool
	}{
		{"nothing optional given keeps title, phase, milestone, percent and assignee",
			db.UpdateScheduleTaskFieldsParams{},
			func(g db.ScheduleTask) bool {
				return g.Title == "Frame walls" && g.Phase == "framing" && g.IsMilestone && g.PercentComplete == 0 && g.AssignedTo != nil && *g.AssignedTo == who
			}},
		{"empty title and phase are not truthy: kept",
			db.UpdateScheduleTaskFieldsParams{Title: &empty, Phase: &empty},
			func(g db.ScheduleTask) bool { return g.Title == "Frame walls" && g.Phase == "framing" }},
		{"given values are written, false and NULL included",
			db.UpdateScheduleTaskFieldsParams{Title: &title, IsMilestone: &no, PercentComplete: &pct, SetAssignedTo: true},
			func(g db.ScheduleTask) bool {
				return g.Title == title && !g.IsMilestone && g.PercentComplete == 40 && g.AssignedTo == nil
			}},
	}
	for _, c := range cases {
		c.p.ID, c.p.ProjectID, c.p.UpdatedAt, c.p.Workdays = "a1", "A", later, 4
		c.p.StartDate, c.p.EndDateCalculated = dbtypes.MustParseDate("2026-02-09"), dbtypes.MustParseDate("2026-02-12")
		got, err := f.q.UpdateScheduleTaskFields(f.ctx, c.p)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !c.check(got) || got.Workdays != 4 || got.StartDate.String() != "2026-02-09" || got.EndDateCalculated.String() != "2026-02-12" || got.UpdatedAt != later {
			t.Errorf("%s: got %+v", c.name, got)
		}
	}

	_, err := f.q.UpdateScheduleTaskFields(f.ctx, db.UpdateScheduleTaskFieldsParams{
		ID: "a1", ProjectID: "B", StartDate: dbtypes.MustParseDate("2026-02-02"), Workdays: 1,
		EndDateCalculated: dbtypes.MustParseDate("2026-02-02"), UpdatedAt: later,
	})
	if !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("update through another project: %v, want ErrNotFound", err)
	}

	st, err := f.q.UpdateScheduleTaskStatus(f.ctx, db.UpdateScheduleTaskStatusParams{ID: "a1", ProjectID: "A", Status: dbtypes.TaskStatusComplete, UpdatedAt: f.at()})
	if err != nil || st.Status != dbtypes.TaskStatusComplete {
		t.Errorf("status update: %v, %v", st.Status, err)
	}
	if _, err := f.q.UpdateScheduleTaskStatus(f.ctx, db.UpdateScheduleTaskStatusParams{ID: "a1", ProjectID: "B", Status: dbtypes.TaskStatusBlocked, UpdatedAt: f.at()}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("status update through another project: %v, want ErrNotFound", err)
	}
}

func TestApplyTaskDates(t *testing.T) {
	f := schedThreeProjects(t)
	d := dbtypes.MustParseDate
	now := f.at()

	before := map[string]db.ScheduleTask{}
	for _, id := range []string{"a1", "a2a", "a2b", "a3", "b1"} {
		before[id] = f.getTask(id)
	}

	// One statement moves two tasks; the third is left alone.
	counter := dbtest.Count(f.h.WriteDB())
	err := compassdb.ApplyTaskDates(f.ctx, db.New(counter), "A", map[string]compassdb.TaskDates{
		"a2a": {StartDate: d("2026-02-10"), EndDateCalculated: d("2026-02-12")},
		"a3":  {StartDate: d("2026-02-13"), EndDateCalculated: d("2026-02-16")},
	}, now)
	if err != nil {
		t.Fatal(err)
	}
	if n := counter.Statements(); n != 1 {
		t.Errorf("ApplyTaskDates sent %d statements, want 1", n)
	}
	for id, want := range map[string][3]string{
		"a2a": {"2026-02-10", "2026-02-12", now.String()},
		"a3":  {"2026-02-13", "2026-02-16", now.String()},
		"a2b": {before["a2b"].StartDate.String(), before["a2b"].EndDateCalculated.String(), before["a2b"].UpdatedAt.String()},
	} {
		got := f.getTask(id)
		if g := [3]string{got.StartDate.String(), got.EndDateCalculated.String(), got.UpdatedAt.String()}; g != want {
			t.Errorf("%s: (start, end, updated) = %q, want %q", id, g, want)
		}
	}

	// Ids outside the project: the statement writes none of them, the error lists them,
	// and returned from the transaction it undoes the rest of the flow too.
	err = f.h.Tx(f.ctx, func(q *db.Queries) error {
		return compassdb.ApplyTaskDates(f.ctx, q, "A", map[string]compassdb.TaskDates{
			"a1":      {StartDate: d("2027-01-04"), EndDateCalculated: d("2027-01-04")},
			"b1":      {StartDate: d("2027-01-04"), EndDateCalculated: d("2027-01-04")},
			"unknown": {StartDate: d("2027-01-04"), EndDateCalculated: d("2027-01-04")},
		}, f.at())
	})
	var notIn *compassdb.TasksNotInProjectError
	if !errors.Is(err, compassdb.ErrTaskNotInProject) || !errors.As(err, &notIn) {
		t.Fatalf("foreign ids: %v, want a TasksNotInProjectError", err)
	}
	schedEq(t, "ids reported", notIn.TaskIDs, []string{"b1", "unknown"})
	if notIn.ProjectID != "A" {
		t.Errorf("error project = %q", notIn.ProjectID)
	}
	for _, id := range []string{"a1", "b1"} {
		if got := f.getTask(id); got != before[id] {
			t.Errorf("%s changed after the rolled back apply: %+v", id, got)
		}
	}

	// Without a transaction around it the statement still never writes the foreign task.
	err = compassdb.ApplyTaskDates(f.ctx, f.q, "B", map[string]compassdb.TaskDates{
		"a1": {StartDate: d("2027-01-04"), EndDateCalculated: d("2027-01-04")},
	}, f.at())
	if !errors.Is(err, compassdb.ErrTaskNotInProject) {
		t.Errorf("a1 through B: %v", err)
	}
	if got := f.getTask("a1"); got != before["a1"] {
		t.Errorf("a1 written through project B: %+v", got)
	}

	if err := compassdb.ApplyTaskDates(f.ctx, f.q, "A", map[string]compassdb.TaskDates{"a1": {}}, f.at()); err == nil {
		t.Error("zero dates were accepted")
	}
	if err := compassdb.ApplyTaskDates(f.ctx, f.q, "A", nil, f.at()); err != nil {
		t.Errorf("no dates: %v", err)
	}
}

func TestSetCriticalFlags(t *testing.T) {
	f := newSchedFixture(t)
	f.project("A")
	f.project("B")
	for i, id := range []string{"a0", "a1", "a2", "a3", "a4"} {
		f.task("A", id, schedTaskSpec{sort: int64(i), critical: id == "a0" || id == "a1"})
	}
	f.task("B", "b0", schedTaskSpec{critical: true})
	f.task("B", "b1", schedTaskSpec{})
	stamps := map[string]dbtypes.Timestamp{}
	for _, id := range []string{"a0", "a1", "a2", "a3", "a4"} {
		stamps[id] = f.getTask(id).UpdatedAt
	}

	critical := func(project string) []string {
		t.Helper()
		tasks, err := f.q.ListScheduleTasksByProject(f.ctx, project)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, task := range tasks {
			if task.IsCriticalPath {
				out = append(out, task.ID)
			}
			if project == "A" && task.UpdatedAt != stamps[task.ID] {
				t.Errorf("%s: updated_at changed", task.ID)
			}
		}
		return out
	}

	steps := []struct {
		ids     []string
		changed int64
		want    []string
	}{
		{[]string{"a1", "a2", "a3", "b1"}, 3, []string{"a1", "a2", "a3"}}, // a0 cleared, a2 a3 set; b1 ignored
		{[]string{"a1", "a2", "a3"}, 0, []string{"a1", "a2", "a3"}},       // nothing changes: nothing written
		{[]string{"a4"}, 4, []string{"a4"}},
		{nil, 1, nil},
		{[]string{}, 0, nil},
	}
	for i, s := range steps {
		counter := dbtest.Count(f.h.WriteDB())
		n, err := compassdb.SetCriticalFlags(f.ctx, db.New(counter), "A", s.ids)
		if err != nil {
			t.Fatal(err)
		}
		if counter.Statements() != 1 {
			t.Errorf("step %d: %d statements", i, counter.Statements())
		}
		if n != s.changed {
			t.Errorf("step %d (%q): %d rows changed, want %d", i, s.ids, n, s.changed)
		}
		schedEq(t, "critical tasks of A", critical("A"), s.want)
		schedEq(t, "critical tasks of B", critical("B"), []string{"b0"})
	}
}

func TestReorderTasks(t *testing.T) {
	f := schedThreeProjects(t)
	n, err := compassdb.ReorderTasks(f.ctx, f.q, "A", map[string]int64{"a3": 0, "a1": 1, "a2a": 2, "a2b": 3, "b1": 9})
	if err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("%d rows changed, want 4", n)
	}
	s, err := f.h.ProjectSchedule(f.ctx, "A")
	if err != nil {
		t.Fatal(err)
	}
	schedEq(t, "new order", schedTaskIDs(s.Tasks), []string{"a3", "a1", "a2a", "a2b"})
	if b1 := f.getTask("b1"); b1.SortOrder != 0 {
		t.Errorf("b1 of project B reordered to %d", b1.SortOrder)
	}
	if n, err := compassdb.ReorderTasks(f.ctx, f.q, "A", map[string]int64{"a3": 0, "a1": 5}); err != nil || n != 1 {
		t.Errorf("partial reorder: %d rows, %v; want 1 (a3 unchanged)", n, err)
	}
}

func TestCreateDependency(t *testing.T) {
	f := newSchedFixture(t)
	f.project("A")
	f.project("B")
	const chain = 50
	chainID := func(i int) string { return "n" + string(rune('A'+i/26)) + string(rune('a'+i%26)) }
	for i := range chain {
		f.task("A", chainID(i), schedTaskSpec{sort: int64(i)})
	}
	for i := 0; i+1 < chain; i++ {
		f.dep("e"+chainID(i), chainID(i), chainID(i+1))
	}
	f.task("A", "x", schedTaskSpec{})
	f.task("A", "y", schedTaskSpec{})
	f.task("B", "b1", schedTaskSpec{})

	create := func(pred, succ string) (db.TaskDependency, error) {
		return f.h.CreateDependency(f.ctx, compassdb.NewTaskDependency{
			ProjectID: "A", PredecessorID: pred, SuccessorID: succ, Type: dbtypes.DependencyTypeFS, LagDays: 2,
		})
	}

	dep, err := create("x", "y")
	if err != nil {
		t.Fatalf("x -> y: %v", err)
	}
	if dep.ID == "" || dep.PredecessorID != "x" || dep.SuccessorID != "y" || dep.LagDays != 2 {
		t.Errorf("created %+v", dep)
	}

	for _, c := range []struct {
		name       string
		pred, succ string
		want       error
	}{
		{"self", "x", "x", compassdb.ErrDependencyCycle},
		{"duplicate", "x", "y", compassdb.ErrUniqueViolation},
		{"2-cycle", "y", "x", compassdb.ErrDependencyCycle},
		{"cycle through a chain of 50", chainID(chain - 1), chainID(0), compassdb.ErrDependencyCycle},
		{"cross-project", "x", "b1", compassdb.ErrCrossProjectDependency},
		{"missing predecessor", "nope", "x", compassdb.ErrNotFound},
		{"missing successor", "x", "nope", compassdb.ErrNotFound},
	} {
		_, err := create(c.pred, c.succ)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := create("x", "x"); err == nil || err.Error() != "this dependency would create a cycle" {
		t.Errorf("self-dependency message: %v", err)
	}

	// The chain's forward shortcut is no cycle; B's own task cannot be linked through A.
	if _, err := create(chainID(0), chainID(chain-1)); err != nil {
		t.Errorf("shortcut along the chain: %v", err)
	}
	f.task("B", "b2", schedTaskSpec{})
	_, err = f.h.CreateDependency(f.ctx, compassdb.NewTaskDependency{ProjectID: "A", PredecessorID: "b1", SuccessorID: "b2", Type: dbtypes.DependencyTypeFS})
	if !errors.Is(err, compassdb.ErrCrossProjectDependency) {
		t.Errorf("B's tasks linked as project A: %v", err)
	}
	if _, err := f.h.CreateDependency(f.ctx, compassdb.NewTaskDependency{ProjectID: "B", PredecessorID: "b1", SuccessorID: "b2", Type: dbtypes.DependencyTypeSS}); err != nil {
		t.Errorf("b1 -> b2 in B: %v", err)
	}

	// The cycle search walks successors through the (predecessor_id, successor_id) index.
	rec := &schedRecorder{DBTX: f.h.ReadDB()}
	if _, err := db.New(rec).CheckNewTaskDependency(f.ctx, db.CheckNewTaskDependencyParams{PredecessorID: chainID(chain - 1), SuccessorID: chainID(0)}); err != nil {
		t.Fatal(err)
	}
	plan := rec.plans(t, f.h.ReadDB())[0]
	t.Logf("CheckNewTaskDependency: %q", plan)
	dbtest.AssertNoScan(t, plan, "schedule_tasks", "task_dependencies", "p", "s", "d") // "SCAN reach" is the walk itself
	if !schedPlanHas(plan, "task_dependencies_edge_unique (predecessor_id=?)") {
		t.Errorf("the recursive step does not use the predecessor index: %q", plan)
	}
}

func TestDownstreamTasks(t *testing.T) {
	f := newSchedFixture(t)
	f.project("A")
	for i, id := range []string{"a", "b", "c", "d", "e", "z", "x", "y"} {
		f.task("A", id, schedTaskSpec{sort: int64(10 - i)}) // schedule order is the reverse of the ids
	}
	// Diamond a -> {b, c} -> d -> e, plus an unrelated z, plus a legacy cycle x <-> y.
	f.dep("1", "a", "b")
	f.dep("2", "a", "c")
	f.dep("3", "b", "d")
	f.dep("4", "c", "d")
	f.dep("5", "d", "e")
	f.dep("6", "x", "y")
	f.dep("7", "y", "x")

	down := func(id string) []string {
		t.Helper()
		tasks, err := f.q.ListDownstreamScheduleTasks(f.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return schedTaskIDs(tasks)
	}
	schedEq(t, "downstream of a", down("a"), []string{"e", "d", "c", "b"})
	schedEq(t, "downstream of c", down("c"), []string{"e", "d"})
	schedEq(t, "downstream of e", down("e"), []string{})
	schedEq(t, "downstream of x (legacy cycle)", down("x"), []string{"y", "x"})

	rec := &schedRecorder{DBTX: f.h.ReadDB()}
	if _, err := db.New(rec).ListDownstreamScheduleTasks(f.ctx, "a"); err != nil {
		t.Fatal(err)
	}
	plan := rec.plans(t, f.h.ReadDB())[0]
	dbtest.AssertNoScan(t, plan, "schedule_tasks", "task_dependencies", "d", "t")
}

func TestScheduleDeleteScoped(t *testing.T) {
	f := schedThreeProjects(t)

	n, err := f.q.DeleteProjectScheduleTask(f.ctx, db.DeleteProjectScheduleTaskParams{ID: "a2a", ProjectID: "B"})
	if err != nil || n != 0 {
		t.Errorf("delete a2a through B: %d, %v", n, err)
	}
	n, err = f.q.DeleteProjectTaskDependency(f.ctx, db.DeleteProjectTaskDependencyParams{ID: "dA3", ProjectID: "B"})
	if err != nil || n != 0 {
		t.Errorf("delete dA3 through B: %d, %v", n, err)
	}
	n, err = f.q.DeleteProjectTaskDependency(f.ctx, db.DeleteProjectTaskDependencyParams{ID: "dA3", ProjectID: "A"})
	if err != nil || n != 1 {
		t.Errorf("delete dA3: %d, %v", n, err)
	}
	// Deleting a task takes its dependencies with it.
	n, err = f.q.DeleteProjectScheduleTask(f.ctx, db.DeleteProjectScheduleTaskParams{ID: "a2a", ProjectID: "A"})
	if err != nil || n != 1 {
		t.Errorf("delete a2a: %d, %v", n, err)
	}
	s, err := f.h.ProjectSchedule(f.ctx, "A")
	if err != nil {
		t.Fatal(err)
	}
	schedEq(t, "tasks left", schedTaskIDs(s.Tasks), []string{"a1", "a2b", "a3"})
	schedEq(t, "dependencies left", schedDepIDs(s.Dependencies), []string{})
	for _, id := range []string{"dA1", "dA2"} {
		if _, err := f.q.GetTaskDependency(f.ctx, id); !errors.Is(err, compassdb.ErrNotFound) {
			t.Errorf("%s survived its task: %v", id, err)
		}
	}
}

func TestSearchScheduleTasks(t *testing.T) {
	f := newSchedFixture(t)
	f.project("A")
	f.project("B")
	f.task("B", "b1", schedTaskSpec{title: "Pour 50% of slab", sort: 1})
	f.task("B", "b0", schedTaskSpec{title: "Order 500 bricks", sort: 0})
	f.task("A", "a2", schedTaskSpec{title: "50% inspection", sort: 2})
	f.task("A", "a1", schedTaskSpec{title: "Roof_50% done", sort: 2})
	f.task("A", "a0", schedTaskSpec{title: "framing", sort: 1})
	f.task("A", "a3", schedTaskSpec{title: `C:\50%\plans`, sort: 3})

	search := func(text string, size int64) []string {
		t.Helper()
		var out []string
		p := db.SearchScheduleTasksParams{Pattern: compassdb.LikeContains(text), PageSize: size}
		for page := 0; ; page++ {
			rows, err := f.q.SearchScheduleTasks(f.ctx, p)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, schedTaskIDs(rows)...)
			if int64(len(rows)) < size {
				return out
			}
			last := rows[len(rows)-1]
			p.AfterProjectID, p.AfterSortOrder, p.AfterID = last.ProjectID, last.SortOrder, last.ID
			if page > 10 {
				t.Fatal("pagination does not end")
			}
		}
	}
	schedEq(t, "all, pages of 2", search("", 2), []string{"a0", "a1", "a2", "a3", "b0", "b1"})
	schedEq(t, "all, pages of 1", search("", 1), []string{"a0", "a1", "a2", "a3", "b0", "b1"})
	schedEq(t, `"50%" (literal %)`, search("50%", 2), []string{"a1", "a2", "a3", "b1"})
	schedEq(t, `"f_50" (literal _)`, search("f_50", 2), []string{"a1"})
	schedEq(t, `"\50" (literal \)`, search(`\50`, 2), []string{"a3"})
	schedEq(t, "case-insensitive", search("ROOF", 5), []string{"a1"})
}

func TestWorkdayExceptions(t *testing.T) {
	f := schedThreeProjects(t)
	d := dbtypes.MustParseDate
	f.exception("A", "eA0", "2026-01-05", "2026-01-06")
	f.exception("A", "eArev", "2026-02-20", "2026-02-16") // reversed, as legacy data may hold

	all, err := f.q.ListWorkdayExceptionsByProject(f.ctx, "A")
	if err != nil {
		t.Fatal(err)
	}
	schedEq(t, "by start date", schedExceptionIDs(all), []string{"eA0", "eA1", "eArev", "eA2"})

	inRange := func(from, to string) []string {
		t.Helper()
		es, err := f.q.ListWorkdayExceptionsInRange(f.ctx, db.ListWorkdayExceptionsInRangeParams{ProjectID: "A", RangeStart: d(from), RangeEnd: d(to)})
		if err != nil {
			t.Fatal(err)
		}
		return schedExceptionIDs(es)
	}
	schedEq(t, "February", inRange("2026-02-01", "2026-02-28"), []string{"eA1", "eArev"})
	schedEq(t, "one day on a boundary", inRange("2026-01-06", "2026-01-06"), []string{"eA0"})
	schedEq(t, "inside a reversed exception", inRange("2026-02-17", "2026-02-18"), []string{"eArev"})
	schedEq(t, "touching the end of a reversed exception", inRange("2026-02-20", "2026-03-01"), []string{"eArev", "eA2"})
	schedEq(t, "between exceptions", inRange("2026-02-11", "2026-02-15"), []string{})

	rec := &schedRecorder{DBTX: f.h.ReadDB()}
	if _, err := db.New(rec).ListWorkdayExceptionsInRange(f.ctx, db.ListWorkdayExceptionsInRangeParams{ProjectID: "A", RangeStart: d("2026-02-01"), RangeEnd: d("2026-02-28")}); err != nil {
		t.Fatal(err)
	}
	plan := rec.plans(t, f.h.ReadDB())[0]
	t.Logf("ListWorkdayExceptionsInRange: %q", plan)
	dbtest.AssertNoScan(t, plan, "workday_exceptions", "w", "a", "b")
	if !schedPlanHas(plan, "workday_exceptions_project_start_idx (project_id=? AND start_date") {
		t.Errorf("range query does not search (project_id, start_date): %q", plan)
	}

	// Updates: "not given" keeps, SetNotes with nil clears, empty values are not given.
	update := func(id string, p compassdb.WorkdayExceptionPatch) (db.WorkdayException, error) {
		return f.h.UpdateWorkdayException(f.ctx, "A", id, p, f.at())
	}
	before, _ := f.q.GetWorkdayException(f.ctx, "eA1")
	got, err := update("eA1", compassdb.WorkdayExceptionPatch{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes == nil || *got.Notes != *before.Notes || got.Title != before.Title || got.StartDate != before.StartDate || !before.UpdatedAt.Before(got.UpdatedAt.Time) {
		t.Errorf("empty patch: %+v (before %+v)", got, before)
	}
	empty, weather, holiday, yearly := "", dbtypes.ExceptionCategoryWeatherDay, dbtypes.ExceptionTypeHoliday, dbtypes.ExceptionRecurrenceYearly
	end := d("2026-02-11")
	got, err = update("eA1", compassdb.WorkdayExceptionPatch{Title: &empty, EndDate: &end, Category: &weather, Type: &holiday, Recurrence: &yearly, SetNotes: true})
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes != nil || got.Title != before.Title || got.EndDate != end || got.Category != weather || got.Type != holiday || got.Recurrence != yearly || got.StartDate != before.StartDate {
		t.Errorf("patch with SetNotes and nil notes: %+v", got)
	}
	note, title := "storm", "Snow day"
	got, err = update("eA1", compassdb.WorkdayExceptionPatch{Title: &title, Notes: &note})
	if err != nil {
		t.Fatal(err)
	}
	if got.Notes != nil || got.Title != title {
		t.Errorf("notes given without SetNotes must be kept (NULL): %+v", got)
	}
	got, err = update("eA1", compassdb.WorkdayExceptionPatch{SetNotes: true, Notes: &note})
	if err != nil || got.Notes == nil || *got.Notes != note {
		t.Errorf("set notes: %+v, %v", got, err)
	}
	if _, err := f.h.UpdateWorkdayException(f.ctx, "A", "eB1", compassdb.WorkdayExceptionPatch{Title: &title}, f.at()); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("update B's exception through A: %v, want ErrNotFound", err)
	}
	if b, _ := f.q.GetWorkdayException(f.ctx, "eB1"); b.Title == title {
		t.Error("B's exception was changed through A")
	}

	n, err := f.q.DeleteProjectWorkdayException(f.ctx, db.DeleteProjectWorkdayExceptionParams{ID: "eB1", ProjectID: "A"})
	if err != nil || n != 0 {
		t.Errorf("delete B's exception through A: %d, %v", n, err)
	}
	n, err = f.q.DeleteProjectWorkdayException(f.ctx, db.DeleteProjectWorkdayExceptionParams{ID: "eB1", ProjectID: "B"})
	if err != nil || n != 1 {
		t.Errorf("delete eB1: %d, %v", n, err)
	}
}

func TestScheduleBaselines(t *testing.T) {
	f := schedThreeProjects(t)
	who := "user-7"
	if _, err := f.q.UpdateScheduleTaskFields(f.ctx, db.UpdateScheduleTaskFieldsParams{
		ID: "a1", ProjectID: "A", StartDate: dbtypes.MustParseDate("2026-02-02"), Workdays: 3,
		EndDateCalculated: dbtypes.MustParseDate("2026-02-04"), SetAssignedTo: true, AssignedTo: &who, UpdatedAt: f.at(),
	}); err != nil {
		t.Fatal(err)
	}
	first, err := f.h.CreateBaseline(f.ctx, compassdb.NewScheduleBaseline{ProjectID: "A", Name: "Plan", CreatedAt: f.at()})
	if err != nil {
		t.Fatal(err)
	}
	snap := first.SnapshotData
	var gotTasks []string
	for _, task := range snap.Tasks {
		gotTasks = append(gotTasks, task.ID)
	}
	schedEq(t, "snapshot tasks", gotTasks, []string{"a1", "a2a", "a2b", "a3"})
	var gotDeps []string
	for _, dep := range snap.Dependencies {
		gotDeps = append(gotDeps, dep.ID)
	}
	schedEq(t, "snapshot dependencies (in-project only)", gotDeps, []string{"dA1", "dA2", "dA3"})
	a1 := f.getTask("a1")
	want := dbtypes.BaselineTask{
		ID: "a1", ProjectID: "A", Title: a1.Title, StartDate: "2026-02-02", Workdays: 3, EndDateCalculated: "2026-02-04",
		Phase: "framing", Status: "PENDING", AssignedTo: &who, CreatedAt: a1.CreatedAt.String(), UpdatedAt: a1.UpdatedAt.String(),
	}
	got := snap.Tasks[0]
	if got.AssignedTo == nil || *got.AssignedTo != who {
		t.Errorf("snapshot assignedTo = %v, want %q", got.AssignedTo, who)
	}
	got.AssignedTo = want.AssignedTo
	if got != want {
		t.Errorf("snapshot task = %+v, want %+v", got, want)
	}

	// Stored as the app writes it: camelCase keys, JSON booleans, toISOString timestamps.
	var raw string
	if err := f.h.ReadDB().QueryRow(`SELECT json_extract(snapshot_data, '$.tasks[0]') FROM schedule_baselines WHERE id = ?`, first.ID).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	wantRaw := `{"id":"a1","projectId":"A","title":"Task a1","startDate":"2026-02-02","workdays":3,"endDateCalculated":"2026-02-04","phase":"framing","status":"PENDING","isCriticalPath":false,"isMilestone":false,"percentComplete":0,"assignedTo":"user-7","sortOrder":0,"createdAt":"` + a1.CreatedAt.String() + `","updatedAt":"` + a1.UpdatedAt.String() + `"}`
	if raw != wantRaw {
		t.Errorf("stored task:\n got %s\nwant %s", raw, wantRaw)
	}

	second, err := f.h.CreateBaseline(f.ctx, compassdb.NewScheduleBaseline{ID: "base-2", ProjectID: "A", Name: "Revised", CreatedAt: f.at()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.h.CreateBaseline(f.ctx, compassdb.NewScheduleBaseline{ProjectID: "C", Name: "C plan", CreatedAt: f.at()}); err != nil {
		t.Fatal(err)
	}
	empty, err := f.h.CreateBaseline(f.ctx, compassdb.NewScheduleBaseline{ProjectID: "B", Name: "B plan", CreatedAt: f.at()})
	if err != nil || len(empty.SnapshotData.Dependencies) != 1 {
		t.Fatalf("B baseline: %+v, %v", empty.SnapshotData.Dependencies, err)
	}
	if _, err := f.h.CreateBaseline(f.ctx, compassdb.NewScheduleBaseline{ProjectID: "missing", Name: "x", CreatedAt: f.at()}); !errors.Is(err, compassdb.ErrForeignKeyViolation) {
		t.Errorf("baseline of a missing project: %v", err)
	}

	list, err := f.q.ListScheduleBaselinesByProject(f.ctx, "A")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != first.ID || list[1].ID != second.ID {
		t.Errorf("baselines of A: %+v", list)
	}
	if _, err := f.q.GetProjectScheduleBaseline(f.ctx, db.GetProjectScheduleBaselineParams{ID: "base-2", ProjectID: "B"}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("get A's baseline through B: %v", err)
	}
	if got, err := f.q.GetProjectScheduleBaseline(f.ctx, db.GetProjectScheduleBaselineParams{ID: "base-2", ProjectID: "A"}); err != nil || got.Name != "Revised" {
		t.Errorf("get base-2: %+v, %v", got, err)
	}
	if n, err := f.q.DeleteProjectScheduleBaseline(f.ctx, db.DeleteProjectScheduleBaselineParams{ID: "base-2", ProjectID: "B"}); err != nil || n != 0 {
		t.Errorf("delete through B: %d, %v", n, err)
	}
	if n, err := f.q.DeleteProjectScheduleBaseline(f.ctx, db.DeleteProjectScheduleBaselineParams{ID: "base-2", ProjectID: "A"}); err != nil || n != 1 {
		t.Errorf("delete base-2: %d, %v", n, err)
	}
}

// schedPlanHas reports whether a step of plan contains s.
func schedPlanHas(plan []string, s string) bool {
	return slices.ContainsFunc(plan, func(step string) bool { return strings.Contains(step, s) })
}

// TestScheduleWritePlans: the bulk and scoped writes reach their rows through indexes.
func TestScheduleWritePlans(t *testing.T) {
	f := schedThreeProjects(t)
	d := dbtypes.MustParseDate
	rec := &schedRecorder{DBTX: f.h.WriteDB()}
	q := db.New(rec)
	if err := compassdb.ApplyTaskDates(f.ctx, q, "A", map[string]compassdb.TaskDates{
		"a1": {StartDate: d("2026-03-02"), EndDateCalculated: d("2026-03-03")},
		"a3": {StartDate: d("2026-03-04"), EndDateCalculated: d("2026-03-05")},
	}, f.at()); err != nil {
		t.Fatal(err)
	}
	if _, err := compassdb.SetCriticalFlags(f.ctx, q, "A", []string{"a1", "a3", "a2a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := compassdb.ReorderTasks(f.ctx, q, "A", map[string]int64{"a1": 4, "a3": 0}); err != nil {
		t.Fatal(err)
	}
	if _, err := q.GetNextScheduleTaskSortOrder(f.ctx, "A"); err != nil {
		t.Fatal(err)
	}
	if _, err := q.DeleteProjectTaskDependency(f.ctx, db.DeleteProjectTaskDependencyParams{ID: "dA1", ProjectID: "A"}); err != nil {
		t.Fatal(err)
	}
	for i, plan := range rec.plans(t, f.h.WriteDB()) {
		t.Logf("%s: %q", rec.stmts[i].name(), plan)
		dbtest.AssertNoScan(t, plan, "schedule_tasks", "task_dependencies", "t", "s")
	}
}

// The set-based schedule statements called directly, as a caller that builds its own JSON
// argument would (the operations ApplyTaskDates, SetCriticalFlags and ReorderTasks build it
// from typed values): each writes only the listed tasks of the given project.

func TestApplyScheduleTaskDatesQuery(t *testing.T) {
	f := schedThreeProjects(t)
	before := map[string]db.ScheduleTask{}
	for _, id := range []string{"a1", "a2a", "a2b", "a3", "b1"} {
		before[id] = f.getTask(id)
	}
	now := f.at()
	written, err := f.q.ApplyScheduleTaskDates(f.ctx, db.ApplyScheduleTaskDatesParams{
		// b1 is a task of project B, zz no task at all: neither is written.
		Dates:     `{"a2a": ["2026-02-10", "2026-02-12"], "a3": ["2026-02-13", "2026-02-16"], "b1": ["2027-01-04", "2027-01-05"], "zz": ["2027-01-04", "2027-01-05"]}`,
		UpdatedAt: now, ProjectID: "A",
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(written)
	schedEq(t, "ids written", written, []string{"a2a", "a3"})
	for id, dates := range map[string][2]string{"a2a": {"2026-02-10", "2026-02-12"}, "a3": {"2026-02-13", "2026-02-16"}} {
		want := before[id]
		want.StartDate, want.EndDateCalculated, want.UpdatedAt = dbtypes.MustParseDate(dates[0]), dbtypes.MustParseDate(dates[1]), now
		if got := f.getTask(id); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %+v, want %+v", id, got, want)
		}
	}
	for _, id := range []string{"a1", "a2b", "b1"} { // not listed, or of another project
		if got := f.getTask(id); !reflect.DeepEqual(got, before[id]) {
			t.Errorf("%s changed: %+v, was %+v", id, got, before[id])
		}
	}

	written, err = f.q.ApplyScheduleTaskDates(f.ctx, db.ApplyScheduleTaskDatesParams{Dates: `{}`, UpdatedAt: f.at(), ProjectID: "A"})
	if err != nil || len(written) != 0 {
		t.Errorf("no dates: wrote %q, %v", written, err)
	}
}

func TestSetScheduleTaskCriticalFlagsQuery(t *testing.T) {
	f := newSchedFixture(t)
	f.project("A")
	f.project("B")
	f.task("A", "a0", schedTaskSpec{critical: true})
	f.task("A", "a1", schedTaskSpec{})
	f.task("A", "a2", schedTaskSpec{})
	f.task("B", "b0", schedTaskSpec{critical: true})
	f.task("B", "b1", schedTaskSpec{})
	before := map[string]db.ScheduleTask{}
	for _, id := range []string{"a0", "a1", "a2", "b0", "b1"} {
		before[id] = f.getTask(id)
	}

	// a1 becomes critical, a0 (not listed) is cleared; b1 is listed but of project B, and
	// b0 is not cleared because B is not the project.
	n, err := f.q.SetScheduleTaskCriticalFlags(f.ctx, db.SetScheduleTaskCriticalFlagsParams{CriticalIds: `["a1", "b1"]`, ProjectID: "A"})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d rows changed, want 2 (a0, a1)", n)
	}
	for id, critical := range map[string]bool{"a0": false, "a1": true, "a2": false, "b0": true, "b1": false} {
		want := before[id]
		want.IsCriticalPath = critical // and nothing else, updated_at included
		if got := f.getTask(id); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %+v, want %+v", id, got, want)
		}
	}
	if n, err := f.q.SetScheduleTaskCriticalFlags(f.ctx, db.SetScheduleTaskCriticalFlagsParams{CriticalIds: `["a1"]`, ProjectID: "A"}); err != nil || n != 0 {
		t.Errorf("the same flags again: %d rows changed, %v; want 0", n, err)
	}
}

func TestReorderScheduleTasksQuery(t *testing.T) {
	f := schedThreeProjects(t) // sort orders: a1 0, a2a 1, a2b 1, a3 2; b1 0
	before := map[string]db.ScheduleTask{}
	for _, id := range []string{"a1", "a2a", "a2b", "a3", "b1"} {
		before[id] = f.getTask(id)
	}
	// a2a keeps its order (not written), a2b is not listed, b1 is of project B.
	n, err := f.q.ReorderScheduleTasks(f.ctx, db.ReorderScheduleTasksParams{Orders: `{"a3": 0, "a1": 1, "a2a": 1, "b1": 9}`, ProjectID: "A"})
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d rows changed, want 2 (a3, a1)", n)
	}
	for id, order := range map[string]int64{"a3": 0, "a1": 1, "a2a": 1, "a2b": 1, "b1": 0} {
		want := before[id]
		want.SortOrder = order // updated_at stays, as in the app
		if got := f.getTask(id); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %+v, want %+v", id, got, want)
		}
	}
}

func TestListProjectTaskDependencies(t *testing.T) {
	f := schedThreeProjects(t)
	// dAB and dBA cross between A and B: they belong to neither project's schedule.
	for project, want := range map[string][]string{"A": {"dA1", "dA2", "dA3"}, "B": {"dB1"}, "C": {}} {
		deps, err := f.q.ListProjectTaskDependencies(f.ctx, project)
		if err != nil {
			t.Fatal(err)
		}
		schedEq(t, "dependencies of "+project, schedDepIDs(deps), want)
		for _, d := range deps {
			if stored, err := f.q.GetTaskDependency(f.ctx, d.ID); err != nil || !reflect.DeepEqual(d, stored) {
				t.Errorf("%s = %+v, stored %+v (%v)", d.ID, d, stored, err)
			}
		}
	}
}

func TestProjectWorkdayExceptionQueries(t *testing.T) {
	f := schedThreeProjects(t)
	eA1, err := f.q.GetWorkdayException(f.ctx, "eA1")
	if err != nil {
		t.Fatal(err)
	}
	eB1, err := f.q.GetWorkdayException(f.ctx, "eB1")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := f.q.GetProjectWorkdayException(f.ctx, db.GetProjectWorkdayExceptionParams{ID: "eA1", ProjectID: "A"}); err != nil || !reflect.DeepEqual(got, eA1) {
		t.Errorf("eA1 of A = %+v, %v; want %+v", got, err, eA1)
	}
	if _, err := f.q.GetProjectWorkdayException(f.ctx, db.GetProjectWorkdayExceptionParams{ID: "eB1", ProjectID: "A"}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("B's exception through A: %v, want ErrNotFound", err)
	}

	// Every field is rewritten, notes to NULL included; project and created_at stay.
	now := f.at()
	p := db.UpdateProjectWorkdayExceptionParams{
		Title: "Snow day", StartDate: dbtypes.MustParseDate("2026-02-16"), EndDate: dbtypes.MustParseDate("2026-02-17"),
		Type: dbtypes.ExceptionTypeHoliday, Category: dbtypes.ExceptionCategoryWeatherDay,
		Recurrence: dbtypes.ExceptionRecurrenceYearly, Notes: nil, UpdatedAt: now, ID: "eA1", ProjectID: "A",
	}
	got, err := f.q.UpdateProjectWorkdayException(f.ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	want := eA1
	want.Title, want.StartDate, want.EndDate, want.Type, want.Category, want.Recurrence, want.Notes, want.UpdatedAt =
		p.Title, p.StartDate, p.EndDate, p.Type, p.Category, p.Recurrence, nil, now
	if !reflect.DeepEqual(got, want) {
		t.Errorf("updated eA1 = %+v, want %+v", got, want)
	}
	if stored, _ := f.q.GetWorkdayException(f.ctx, "eA1"); !reflect.DeepEqual(stored, want) {
		t.Errorf("stored eA1 = %+v, want %+v", stored, want)
	}

	p.ID = "eB1" // still through project A
	if _, err := f.q.UpdateProjectWorkdayException(f.ctx, p); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("update B's exception through A: %v, want ErrNotFound", err)
	}
	if stored, _ := f.q.GetWorkdayException(f.ctx, "eB1"); !reflect.DeepEqual(stored, eB1) {
		t.Errorf("eB1 changed through A: %+v", stored)
	}
}
