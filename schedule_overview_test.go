package compassdb_test

import (
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

func TestMondayOf(t *testing.T) {
	for day, want := range map[string]string{
		"2026-02-02": "2026-02-02", // Monday
		"2026-02-04": "2026-02-02", // Wednesday
		"2026-02-08": "2026-02-02", // Sunday
		"2026-02-09": "2026-02-09", // next Monday
		"2026-01-01": "2025-12-29", // Thursday, week across the year
		"2024-03-03": "2024-02-26", // Sunday, across a leap day
	} {
		if got := compassdb.MondayOf(dbtypes.MustParseDate(day)).String(); got != want {
			t.Errorf("MondayOf(%s) = %s, want %s", day, got, want)
		}
	}
}

func TestProjectOverviewStats(t *testing.T) {
	f := newSchedFixture(t)
	f.project("A")
	f.project("B")
	ts := func(s string) dbtypes.Timestamp {
		t.Helper()
		v, err := dbtypes.ParseTimestamp(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	done := dbtypes.TaskStatusComplete
	// Week of Wednesday 2026-02-04: Monday 02-02 .. Sunday 02-08.
	f.task("A", "late", schedTaskSpec{start: "2026-02-01", end: "2026-02-03", phase: "framing", updated: ts("2026-02-01T10:00:00.000Z")})
	f.task("A", "today", schedTaskSpec{start: "2026-02-04", end: "2026-02-04", phase: "framing", status: dbtypes.TaskStatusInProgress, updated: ts("2026-02-03T10:00:00.000Z")})
	f.task("A", "lateDone", schedTaskSpec{start: "2026-02-03", end: "2026-02-03", phase: "framing", status: done, updated: ts("2026-02-03T09:00:00.000Z")})
	f.task("A", "todayDone", schedTaskSpec{start: "2026-02-04", end: "2026-02-04", phase: "roofing", status: done, updated: ts("2026-02-04T08:00:00.000Z")})
	f.task("A", "m-today", schedTaskSpec{start: "2026-02-04", end: "2026-02-04", phase: "roofing", milestone: true, sort: 9, updated: ts("2026-01-01T00:00:00.000Z")})
	f.task("A", "m-past", schedTaskSpec{start: "2026-02-03", end: "2026-02-03", phase: "roofing", milestone: true, updated: ts("2026-01-01T00:00:00.000Z")})
	f.task("A", "m-done", schedTaskSpec{start: "2026-02-10", end: "2026-02-10", phase: "roofing", milestone: true, status: done, updated: ts("2026-01-01T00:00:00.000Z")})
	f.task("A", "m-next", schedTaskSpec{start: "2026-02-09", end: "2026-02-09", phase: "roofing", milestone: true, sort: 1, updated: ts("2026-01-01T00:00:00.000Z")})
	f.task("A", "spans", schedTaskSpec{start: "2026-01-30", end: "2026-02-09", phase: "site", sort: 3, updated: ts("2026-02-04T08:00:00.000Z")}) // tie with todayDone: id order
	f.task("A", "monOnly", schedTaskSpec{start: "2026-01-28", end: "2026-02-02", phase: "site", sort: 1, updated: ts("2026-01-01T00:00:00.000Z")})
	f.task("A", "sunOnly", schedTaskSpec{start: "2026-02-08", end: "2026-02-12", phase: "site", sort: 2, updated: ts("2026-01-01T00:00:00.000Z")})
	f.task("A", "nextWeek", schedTaskSpec{start: "2026-02-09", end: "2026-02-10", phase: "site", updated: ts("2026-01-01T00:00:00.000Z")})
	f.task("B", "b-late", schedTaskSpec{start: "2026-02-01", end: "2026-02-02", milestone: true, updated: ts("2026-03-01T00:00:00.000Z")})
	f.task("B", "b-m", schedTaskSpec{start: "2026-02-05", milestone: true, updated: ts("2026-03-01T00:00:00.000Z")})

	o, err := f.h.ProjectOverviewStats(f.ctx, "A", dbtypes.MustParseDate("2026-02-04"))
	if err != nil {
		t.Fatal(err)
	}
	if o.TotalTasks != 12 || o.CompleteTasks != 3 || o.PercentComplete != 25 || o.PastDue != 3 || o.DueToday != 2 {
		t.Errorf("totals: total %d, complete %d, %d%%, past due %d, due today %d; want 12, 3, 25%%, 3, 2",
			o.TotalTasks, o.CompleteTasks, o.PercentComplete, o.PastDue, o.DueToday)
	}
	// past due: late, m-past, monOnly; due today: today, m-today.
	wantPhases := []db.ListProjectPhaseStatsRow{
		{Phase: "framing", Total: 3, Complete: 1, PastDue: 1, DueToday: 1},
		{Phase: "roofing", Total: 5, Complete: 2, PastDue: 1, DueToday: 1},
		{Phase: "site", Total: 4, Complete: 0, PastDue: 1, DueToday: 0},
	}
	if len(o.Phases) != len(wantPhases) {
		t.Fatalf("phases = %+v", o.Phases)
	}
	for i, p := range wantPhases {
		if o.Phases[i] != p {
			t.Errorf("phase %d = %+v, want %+v", i, o.Phases[i], p)
		}
	}
	schedEq(t, "upcoming milestones", schedTaskIDs(o.UpcomingMilestones), []string{"m-today", "m-next"})
	schedEq(t, "recently updated", schedTaskIDs(o.RecentlyUpdated), []string{"spans", "todayDone", "today", "lateDone", "late"})
	wantWeek := [7][]string{ // by sort_order, then id
		{"late", "monOnly", "spans"},               // Mon 02-02
		{"late", "lateDone", "m-past", "spans"},    // Tue
		{"today", "todayDone", "spans", "m-today"}, // Wed, today
		{"spans"},            // Thu
		{"spans"},            // Fri
		{"spans"},            // Sat
		{"sunOnly", "spans"}, // Sun 02-08
	}
	for i, day := range o.Week {
		if want := dbtypes.MustParseDate("2026-02-02").AddDays(i); day.Date != want {
			t.Errorf("week day %d is %s, want %s", i, day.Date, want)
		}
		schedEq(t, "tasks of "+day.Date.String(), schedTaskIDs(day.Tasks), wantWeek[i])
	}

	// Boundaries: the same week seen from its Monday and from its Sunday, the next Monday
	// starting a new week, and a week across the new year (project Y).
	f.project("Y")
	f.task("Y", "y-sun-before", schedTaskSpec{start: "2025-12-28", end: "2025-12-28"})
	f.task("Y", "y-wed", schedTaskSpec{start: "2025-12-31", end: "2025-12-31"})
	f.task("Y", "y-sun", schedTaskSpec{start: "2026-01-04", end: "2026-01-05"})
	for _, c := range []struct {
		project, today, monday string
		perDay                 [7]int
		pastDue, dueToday      int64
	}{
		{"A", "2026-02-02", "2026-02-02", [7]int{3, 4, 4, 1, 1, 1, 2}, 0, 1}, // monOnly ends today
		{"A", "2026-02-08", "2026-02-02", [7]int{3, 4, 4, 1, 1, 1, 2}, 5, 0},
		{"A", "2026-02-09", "2026-02-09", [7]int{4, 3, 1, 1, 0, 0, 0}, 5, 2}, // m-next and spans end today
		{"Y", "2026-01-01", "2025-12-29", [7]int{0, 0, 1, 0, 0, 0, 1}, 2, 0},
	} {
		o, err := f.h.ProjectOverviewStats(f.ctx, c.project, dbtypes.MustParseDate(c.today))
		if err != nil {
			t.Fatal(err)
		}
		var perDay [7]int
		for i, day := range o.Week {
			perDay[i] = len(day.Tasks)
		}
		if o.Week[0].Date.String() != c.monday || o.Week[6].Date != o.Week[0].Date.AddDays(6) || perDay != c.perDay {
			t.Errorf("today %s: week from %s with %v tasks per day, want from %s with %v", c.today, o.Week[0].Date, perDay, c.monday, c.perDay)
		}
		if o.PastDue != c.pastDue || o.DueToday != c.dueToday {
			t.Errorf("today %s: past due %d, due today %d; want %d, %d", c.today, o.PastDue, o.DueToday, c.pastDue, c.dueToday)
		}
	}

	// Percent complete rounds to the nearest whole percent: 2 of 3 is 67.
	f.project("P")
	f.task("P", "p1", schedTaskSpec{status: done})
	f.task("P", "p2", schedTaskSpec{status: done})
	f.task("P", "p3", schedTaskSpec{})
	if p, err := f.h.ProjectOverviewStats(f.ctx, "P", dbtypes.MustParseDate("2026-02-04")); err != nil || p.PercentComplete != 67 {
		t.Errorf("2 of 3 complete: %d%%, %v; want 67%%", p.PercentComplete, err)
	}

	// A project without tasks.
	empty, err := f.h.ProjectOverviewStats(f.ctx, "none", dbtypes.MustParseDate("2026-02-04"))
	if err != nil {
		t.Fatal(err)
	}
	if empty.TotalTasks != 0 || empty.PercentComplete != 0 || len(empty.Phases) != 0 || empty.RecentlyUpdated == nil || empty.Week[3].Tasks == nil {
		t.Errorf("empty project: %+v", empty)
	}

	// Two statements in one read transaction, each an index search.
	rec := &schedRecorder{DBTX: f.h.ReadDB()}
	q := db.New(rec)
	today := dbtypes.MustParseDate("2026-02-04")
	if _, err := q.ListProjectPhaseStats(f.ctx, db.ListProjectPhaseStatsParams{ProjectID: "A", Today: today}); err != nil {
		t.Fatal(err)
	}
	if _, err := q.ListProjectOverviewTasks(f.ctx, db.ListProjectOverviewTasksParams{ProjectID: "A", Today: today}); err != nil {
		t.Fatal(err)
	}
	for i, plan := range rec.plans(t, f.h.ReadDB()) {
		t.Logf("%s: %q", rec.stmts[i].name(), plan)
		dbtest.AssertNoScan(t, plan, "schedule_tasks", "m", "u", "k", "t")
	}
}
