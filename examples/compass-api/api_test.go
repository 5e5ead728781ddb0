package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/authz"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// testNow is the fixed clock of the tests: a Wednesday. The demo project then started on
// Monday 2026-02-16 and its tasks run (Monday to Friday):
//
//	demolition   02-16 … 02-18  COMPLETE
//	foundation   02-19 … 02-24  COMPLETE
//	framing      02-25 … 03-03  IN_PROGRESS (past due on 03-04)
//	inspection   03-04          milestone, PENDING (due today)
//	electrical   03-05 … 03-10  PENDING
//	drywall      03-11 … 03-17  PENDING
var testNow = time.Date(2026, time.March, 4, 15, 0, 0, 0, time.UTC)

// fixture is a seeded database file behind the API's handler.
type fixture struct {
	t   *testing.T
	h   *compassdb.DB
	srv http.Handler
}

// newFixture opens a new database file with compassdb.Open, seeds the demo data at
// testNow and serves the API over it; the database closes when the test ends.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	h, err := compassdb.Open(ctx, filepath.Join(t.TempDir(), "compass.db"), compassdb.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := h.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	created, err := seedDemo(ctx, h, testNow)
	if err != nil || !created {
		t.Fatalf("seedDemo = %v, %v; want true, nil", created, err)
	}
	a := newAPI(h, slog.New(slog.NewTextHandler(io.Discard, nil)))
	a.now = func() time.Time { return testNow }
	return &fixture{t: t, h: h, srv: a.handler()}
}

// do sends a request as user ("" sends no X-User-ID header) with an optional JSON body.
func (f *fixture) do(user, method, path, body string) *httptest.ResponseRecorder {
	f.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if user != "" {
		req.Header.Set(userHeader, user)
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

// ok sends a request that must answer status, and decodes the body into a T.
func ok[T any](f *fixture, status int, user, method, path, body string) T {
	f.t.Helper()
	rec := f.do(user, method, path, body)
	if rec.Code != status {
		f.t.Fatalf("%s %s as %q = %d %s; want %d", method, path, user, rec.Code, rec.Body, status)
	}
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		f.t.Fatalf("%s %s: decode %s: %v", method, path, rec.Body, err)
	}
	return v
}

// fails sends a request that must fail with status and error code; it returns the
// error message.
func (f *fixture) fails(status int, code, user, method, path, body string) string {
	f.t.Helper()
	rec := f.do(user, method, path, body)
	var e errorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || rec.Code != status || e.Code != code {
		f.t.Fatalf("%s %s as %q = %d %s; want %d with code %q", method, path, user, rec.Code, rec.Body, status, code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		f.t.Errorf("%s %s: Content-Type %q, want JSON", method, path, ct)
	}
	return e.Error
}

type items[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

func ids[T any](rows []T, id func(T) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

func taskID(t taskView) string { return t.ID }

func TestHealthz(t *testing.T) {
	f := newFixture(t)
	got := ok[map[string]string](f, http.StatusOK, "", "GET", "/healthz", "")
	if got["status"] != "ok" {
		t.Errorf("healthz = %v", got)
	}

	// A database that is gone is unavailable, not a 500.
	a := newAPI(f.h, slog.New(slog.NewTextHandler(io.Discard, nil)))
	closed, err := compassdb.Open(context.Background(), filepath.Join(t.TempDir(), "closed.db"), compassdb.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	closed.Close()
	a.h = closed
	rec := httptest.NewRecorder()
	a.handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("healthz on a closed database = %d (Retry-After %q), want 503 with Retry-After", rec.Code, rec.Header().Get("Retry-After"))
	}
}

func TestAuthentication(t *testing.T) {
	f := newFixture(t)
	f.fails(http.StatusUnauthorized, codeUnauthenticated, "", "GET", "/projects", "")
	f.fails(http.StatusUnauthorized, codeUnauthenticated, "no-such-user", "GET", "/projects", "")

	// A deactivated user is known, but may do nothing.
	if _, err := f.h.Writer().DeactivateUser(context.Background(), db.DeactivateUserParams{UpdatedAt: dbtypes.NewTimestamp(testNow), ID: demoOffice}); err != nil {
		t.Fatal(err)
	}
	if msg := f.fails(http.StatusForbidden, codeForbidden, demoOffice, "GET", "/projects", ""); !strings.Contains(msg, "inactive") {
		t.Errorf("inactive user: %q", msg)
	}
	f.fails(http.StatusForbidden, codeForbidden, demoOffice, "GET", "/projects/project-maple/schedule", "")                // explicit check
	f.fails(http.StatusForbidden, codeForbidden, demoOffice, "POST", "/me/dashboards", `{"name":"x","spec":{"root":"r"}}`) // ownership
}

func TestPeople(t *testing.T) {
	f := newFixture(t)
	me := ok[userView](f, http.StatusOK, demoField, "GET", "/me", "")
	if me.ID != demoField || me.Role != dbtypes.UserRoleField {
		t.Errorf("GET /me = %+v", me)
	}

	users := ok[items[userWithRelationsView]](f, http.StatusOK, demoField, "GET", "/users", "")
	byID := map[string]userWithRelationsView{}
	for _, u := range users.Items {
		byID[u.ID] = u
	}
	if len(byID) != 3 {
		t.Fatalf("GET /users: %d users, want 3", len(users.Items))
	}
	if fr := byID[demoField]; len(fr.Teams) != 1 || fr.Teams[0].Name != "Framing crew" || fr.ProjectCount != 1 || fr.OrganizationCount != 1 {
		t.Errorf("field user's relations = %+v", fr)
	}
	if ad := byID[demoAdmin]; len(ad.Groups) != 1 || ad.Groups[0].Name != "Estimators" || len(ad.Teams) != 0 {
		t.Errorf("admin's relations = %+v", ad)
	}

	u := ok[userView](f, http.StatusOK, demoField, "GET", "/users/"+demoOffice, "")
	if u.Email != "olivia@maple.example" {
		t.Errorf("GET /users/%s = %+v", demoOffice, u)
	}
	if msg := f.fails(http.StatusNotFound, codeNotFound, demoField, "GET", "/users/nobody", ""); msg != "user not found" {
		t.Errorf("404 message %q", msg)
	}

	orgs := ok[items[organizationView]](f, http.StatusOK, demoField, "GET", "/organizations", "")
	if len(orgs.Items) != 1 || orgs.Items[0].Slug != "maple-builders" {
		t.Errorf("GET /organizations = %+v", orgs)
	}
}

func TestProjects(t *testing.T) {
	f := newFixture(t)
	second := createProject(t, f, "project-annex", "Annex")

	all := ok[items[projectView]](f, http.StatusOK, demoField, "GET", "/projects", "")
	if got := ids(all.Items, func(p projectView) string { return p.ID }); !slices.Equal(got, []string{"project-annex", demoProject}) || all.NextCursor != "" {
		t.Errorf("GET /projects = %v (cursor %q), want both by name and no cursor", got, all.NextCursor)
	}
	p1 := ok[items[projectView]](f, http.StatusOK, demoField, "GET", "/projects?limit=1", "")
	if len(p1.Items) != 1 || p1.Items[0].ID != second.ID || p1.NextCursor == "" {
		t.Fatalf("first page = %+v", p1)
	}
	p2 := ok[items[projectView]](f, http.StatusOK, demoField, "GET", "/projects?limit=1&cursor="+p1.NextCursor, "")
	if len(p2.Items) != 1 || p2.Items[0].ID != demoProject {
		t.Errorf("second page = %+v", p2)
	}
	f.fails(http.StatusUnprocessableEntity, codeInvalidValue, demoField, "GET", "/projects?cursor=garbage", "")
	f.fails(http.StatusUnprocessableEntity, codeInvalidValue, demoField, "GET", "/projects?limit=0", "")

	p := ok[projectView](f, http.StatusOK, demoField, "GET", "/projects/"+demoProject, "")
	if p.Name != "Maple Street Remodel" || p.OrganizationID == nil || *p.OrganizationID != demoOrg {
		t.Errorf("GET project = %+v", p)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoField, "GET", "/projects/nope", "")
}

// createProject adds a project outside the API (the API has no project writes).
func createProject(t *testing.T, f *fixture, id, name string) db.Project {
	t.Helper()
	p, err := f.h.Writer().CreateProject(context.Background(), db.CreateProjectParams{
		ID: id, Name: name, CreatedAt: dbtypes.NewTimestamp(testNow), Status: "ACTIVE",
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSchedule(t *testing.T) {
	f := newFixture(t)
	s := ok[scheduleView](f, http.StatusOK, demoField, "GET", "/projects/"+demoProject+"/schedule", "")
	want := []string{"task-demolition", "task-foundation", "task-framing", "task-inspection", "task-electrical", "task-drywall"}
	if got := ids(s.Tasks, taskID); !slices.Equal(got, want) {
		t.Errorf("tasks = %v, want %v", got, want)
	}
	if len(s.Dependencies) != 5 || len(s.Exceptions) != 1 || s.Project.ID != demoProject {
		t.Errorf("schedule has %d dependencies, %d exceptions, project %q; want 5, 1, %q",
			len(s.Dependencies), len(s.Exceptions), s.Project.ID, demoProject)
	}
	if got := s.Tasks[2]; got.StartDate.String() != "2026-02-25" || got.EndDateCalculated.String() != "2026-03-03" {
		t.Errorf("framing runs %s … %s, want 2026-02-25 … 2026-03-03", got.StartDate, got.EndDateCalculated)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoField, "GET", "/projects/nope/schedule", "")
}

func TestOverview(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/overview", "/overview?today=2026-03-04"} {
		o := ok[overviewView](f, http.StatusOK, demoField, "GET", "/projects/"+demoProject+path, "")
		if o.Today.String() != "2026-03-04" || o.TotalTasks != 6 || o.CompleteTasks != 2 || o.PercentComplete != 33 ||
			o.PastDue != 1 || o.DueToday != 1 {
			t.Errorf("%s: %+v", path, o)
		}
		if got := ids(o.UpcomingMilestones, taskID); !slices.Equal(got, []string{"task-inspection"}) {
			t.Errorf("%s: upcoming milestones %v", path, got)
		}
		if len(o.Week) != 7 || o.Week[0].Date.String() != "2026-03-02" || !slices.Equal(ids(o.Week[2].Tasks, taskID), []string{"task-inspection"}) {
			t.Errorf("%s: week %+v", path, o.Week)
		}
	}
	// Another day, other numbers: by 03-18 everything not complete is past due.
	o := ok[overviewView](f, http.StatusOK, demoField, "GET", "/projects/"+demoProject+"/overview?today=2026-03-18", "")
	if o.PastDue != 4 || o.DueToday != 0 || len(o.UpcomingMilestones) != 0 {
		t.Errorf("overview on 03-18 = %+v", o)
	}
	f.fails(http.StatusUnprocessableEntity, codeInvalidValue, demoField, "GET", "/projects/"+demoProject+"/overview?today=2026-02-30", "")
	f.fails(http.StatusNotFound, codeNotFound, demoField, "GET", "/projects/nope/overview", "")
}

func TestTasks(t *testing.T) {
	f := newFixture(t)
	base := "/projects/" + demoProject + "/tasks"

	// Created at the end of the order, end date from start + workdays (Mon–Fri).
	task := ok[taskView](f, http.StatusCreated, demoOffice, "POST", base,
		`{"title":"Paint","phase":"finishes","start_date":"2026-03-18","workdays":3,"assigned_to":"demo-field"}`)
	if task.SortOrder != 6 || task.Status != dbtypes.TaskStatusPending || task.EndDateCalculated.String() != "2026-03-20" ||
		task.AssignedTo == nil || *task.AssignedTo != demoField {
		t.Errorf("created task = %+v", task)
	}
	started := ok[taskView](f, http.StatusCreated, demoOffice, "POST", base,
		`{"title":"Cleanup","phase":"finishes","start_date":"2026-03-20","workdays":2,"status":"IN_PROGRESS"}`)
	if started.SortOrder != 7 || started.Status != dbtypes.TaskStatusInProgress || started.EndDateCalculated.String() != "2026-03-23" {
		t.Errorf("created task with status = %+v", started)
	}

	// The field crew may update the schedule (status, progress), not create tasks.
	done := ok[taskView](f, http.StatusOK, demoField, "PATCH", base+"/task-framing", `{"status":"COMPLETE","percent_complete":100}`)
	if done.Status != dbtypes.TaskStatusComplete || done.PercentComplete != 100 || done.Title != "Framing" {
		t.Errorf("patched status = %+v", done)
	}
	f.fails(http.StatusForbidden, codeForbidden, demoField, "POST", base, `{"title":"x","phase":"y","start_date":"2026-03-18","workdays":1}`)

	// New dates recompute the end; null unassigns; other fields stay.
	moved := ok[taskView](f, http.StatusOK, demoOffice, "PATCH", base+"/"+task.ID, `{"start_date":"2026-03-23","assigned_to":null}`)
	if moved.StartDate.String() != "2026-03-23" || moved.EndDateCalculated.String() != "2026-03-25" || moved.AssignedTo != nil ||
		moved.Title != "Paint" || moved.Workdays != 3 {
		t.Errorf("moved task = %+v", moved)
	}

	// Not found: unknown task, or a task of another project.
	other := createProject(t, f, "project-annex", "Annex")
	f.fails(http.StatusNotFound, codeNotFound, demoOffice, "PATCH", base+"/nope", `{"status":"BLOCKED"}`)
	f.fails(http.StatusNotFound, codeNotFound, demoOffice, "PATCH", "/projects/"+other.ID+"/tasks/task-framing", `{"status":"BLOCKED"}`)
	f.fails(http.StatusNotFound, codeNotFound, demoOffice, "POST", "/projects/nope/tasks", `{"title":"x","phase":"y","start_date":"2026-03-18","workdays":1}`)

	// Unprocessable: bad JSON, unknown field, bad enum, bad date, out of range, missing.
	for _, c := range []struct{ method, path, body, code string }{
		{"POST", base, `{"title":`, codeInvalidJSON},
		{"POST", base, `{"title":"x","phase":"y","start_date":"2026-03-18","workdays":1} {}`, codeInvalidJSON},
		{"POST", base, `{"title":"x","colour":"red"}`, codeInvalidJSON},
		{"POST", base, `{"title":"x","phase":"y","start_date":"2026-03-18","workdays":"two"}`, codeInvalidJSON},
		{"POST", base, `{"title":"x","phase":"y","start_date":"18/03/2026","workdays":1}`, codeInvalidValue},
		{"POST", base, `{"title":"x","phase":"y","start_date":"2026-03-18","workdays":1,"status":"DONE"}`, codeInvalidValue},
		{"POST", base, `{"phase":"y","start_date":"2026-03-18","workdays":1}`, codeMissingField},
		{"POST", base, `{"title":"x","phase":"y","start_date":"2026-03-18","workdays":2,"end_date_calculated":"2026-03-01"}`, codeInvalidValue},
		{"PATCH", base + "/task-framing", `{"status":"DONE"}`, codeInvalidValue},
		{"PATCH", base + "/task-framing", `{"start_date":"2026-02-30"}`, codeInvalidValue},
		{"PATCH", base + "/task-framing", `{"percent_complete":120}`, codeCheckViolation},
		{"PATCH", base + "/task-framing", `{}`, codeMissingField},
		{"PATCH", base + "/task-framing", ``, codeInvalidJSON},
	} {
		f.fails(http.StatusUnprocessableEntity, c.code, demoOffice, c.method, c.path, c.body)
	}
	// A refused PATCH changed nothing (the status update ran in the same transaction).
	f.fails(http.StatusUnprocessableEntity, codeCheckViolation, demoOffice, "PATCH", base+"/task-electrical", `{"status":"BLOCKED","percent_complete":-1}`)
	s := ok[scheduleView](f, http.StatusOK, demoOffice, "GET", "/projects/"+demoProject+"/schedule", "")
	if s.Tasks[4].ID != "task-electrical" || s.Tasks[4].Status != dbtypes.TaskStatusPending {
		t.Errorf("electrical after a refused patch = %+v", s.Tasks[4])
	}

	// Delete: the office may not (schedule CRU), the admin may, and then it is gone.
	f.fails(http.StatusForbidden, codeForbidden, demoOffice, "DELETE", base+"/"+task.ID, "")
	if rec := f.do(demoAdmin, "DELETE", base+"/"+task.ID, ""); rec.Code != http.StatusNoContent {
		t.Errorf("DELETE task = %d %s", rec.Code, rec.Body)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoAdmin, "DELETE", base+"/"+task.ID, "")
}

func TestDependencies(t *testing.T) {
	f := newFixture(t)
	base := "/projects/" + demoProject + "/dependencies"

	dep := ok[dependencyView](f, http.StatusCreated, demoOffice, "POST", base,
		`{"predecessor_id":"task-demolition","successor_id":"task-electrical","type":"SS","lag_days":2}`)
	if dep.Type != dbtypes.DependencyTypeSS || dep.LagDays != 2 || dep.PredecessorID != "task-demolition" {
		t.Errorf("created dependency = %+v", dep)
	}
	// Duplicate edge, cycle (drywall is downstream of demolition), self edge.
	if msg := f.fails(http.StatusConflict, codeAlreadyExists, demoOffice, "POST", base,
		`{"predecessor_id":"task-demolition","successor_id":"task-electrical"}`); msg != "this dependency already exists" {
		t.Errorf("duplicate: %q", msg)
	}
	for _, body := range []string{
		`{"predecessor_id":"task-drywall","successor_id":"task-demolition"}`,
		`{"predecessor_id":"task-framing","successor_id":"task-framing"}`,
	} {
		if msg := f.fails(http.StatusConflict, codeDependencyCycle, demoOffice, "POST", base, body); msg != "this dependency would create a cycle" {
			t.Errorf("cycle: %q", msg)
		}
	}
	// Tasks of another project.
	other := createProject(t, f, "project-annex", "Annex")
	ok[taskView](f, http.StatusCreated, demoOffice, "POST", "/projects/"+other.ID+"/tasks",
		`{"title":"Survey","phase":"sitework","start_date":"2026-03-02","workdays":1}`)
	annex := ok[scheduleView](f, http.StatusOK, demoOffice, "GET", "/projects/"+other.ID+"/schedule", "")
	f.fails(http.StatusConflict, codeCrossProject, demoOffice, "POST", base,
		fmt.Sprintf(`{"predecessor_id":"task-drywall","successor_id":%q}`, annex.Tasks[0].ID))
	f.fails(http.StatusNotFound, codeNotFound, demoOffice, "POST", base, `{"predecessor_id":"task-drywall","successor_id":"nope"}`)
	f.fails(http.StatusNotFound, codeNotFound, demoOffice, "POST", "/projects/nope/dependencies", `{"predecessor_id":"a","successor_id":"b"}`)
	f.fails(http.StatusUnprocessableEntity, codeInvalidValue, demoOffice, "POST", base, `{"predecessor_id":"task-drywall","successor_id":"task-framing","type":"XX"}`)
	f.fails(http.StatusUnprocessableEntity, codeMissingField, demoOffice, "POST", base, `{"predecessor_id":"task-drywall"}`)
	// The field crew may not create dependencies (the explicit check before the
	// library's transactional CreateDependency).
	f.fails(http.StatusForbidden, codeForbidden, demoField, "POST", base, `{"predecessor_id":"task-framing","successor_id":"task-drywall"}`)

	s := ok[scheduleView](f, http.StatusOK, demoOffice, "GET", "/projects/"+demoProject+"/schedule", "")
	if len(s.Dependencies) != 6 {
		t.Errorf("%d dependencies after one create and refusals, want 6", len(s.Dependencies))
	}

	f.fails(http.StatusForbidden, codeForbidden, demoOffice, "DELETE", base+"/"+dep.ID, "")
	if rec := f.do(demoAdmin, "DELETE", base+"/"+dep.ID, ""); rec.Code != http.StatusNoContent {
		t.Errorf("DELETE dependency = %d %s", rec.Code, rec.Body)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoAdmin, "DELETE", base+"/"+dep.ID, "")
}

func TestExceptions(t *testing.T) {
	f := newFixture(t)
	base := "/projects/" + demoProject + "/exceptions"

	e := ok[exceptionView](f, http.StatusCreated, demoOffice, "POST", base, `{"title":"Good Friday","start_date":"2026-04-03","category":"national_holiday","type":"holiday","notes":"Office closed"}`)
	if e.EndDate.String() != "2026-04-03" || e.Type != dbtypes.ExceptionTypeHoliday || e.Recurrence != dbtypes.ExceptionRecurrenceOneTime ||
		e.Notes == nil || *e.Notes != "Office closed" {
		t.Errorf("created exception = %+v", e)
	}
	// PATCH (the library's transactional UpdateWorkdayException): null clears notes,
	// absent fields stay.
	u := ok[exceptionView](f, http.StatusOK, demoOffice, "PATCH", base+"/"+e.ID, `{"notes":null,"recurrence":"yearly"}`)
	if u.Notes != nil || u.Recurrence != dbtypes.ExceptionRecurrenceYearly || u.Title != "Good Friday" {
		t.Errorf("patched exception = %+v", u)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoOffice, "PATCH", base+"/nope", `{"title":"x"}`)
	f.fails(http.StatusNotFound, codeNotFound, demoOffice, "POST", "/projects/nope/exceptions", `{"title":"x","start_date":"2026-04-03"}`)
	f.fails(http.StatusUnprocessableEntity, codeInvalidValue, demoOffice, "POST", base, `{"title":"x","start_date":"2026-04-03","category":"bank_holiday"}`)
	f.fails(http.StatusUnprocessableEntity, codeInvalidValue, demoOffice, "POST", base, `{"title":"x","start_date":"2026-04-03","end_date":"2026-04-01"}`)
	f.fails(http.StatusUnprocessableEntity, codeMissingField, demoOffice, "POST", base, `{"start_date":"2026-04-03"}`)
	f.fails(http.StatusForbidden, codeForbidden, demoField, "POST", base, `{"title":"x","start_date":"2026-04-03"}`)

	s := ok[scheduleView](f, http.StatusOK, demoOffice, "GET", "/projects/"+demoProject+"/schedule", "")
	if got := ids(s.Exceptions, func(e exceptionView) string { return e.ID }); !slices.Equal(got, []string{"exception-rain", e.ID}) {
		t.Errorf("exceptions = %v", got)
	}
	if rec := f.do(demoAdmin, "DELETE", base+"/"+e.ID, ""); rec.Code != http.StatusNoContent {
		t.Errorf("DELETE exception = %d %s", rec.Code, rec.Body)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoAdmin, "DELETE", base+"/"+e.ID, "")
}

func TestBaselines(t *testing.T) {
	f := newFixture(t)
	base := "/projects/" + demoProject + "/baselines"
	if got := ok[items[baselineView]](f, http.StatusOK, demoField, "GET", base, ""); len(got.Items) != 0 {
		t.Errorf("baselines before = %+v", got)
	}
	b := ok[baselineView](f, http.StatusCreated, demoOffice, "POST", base, `{"name":"Contract schedule"}`)
	if b.TaskCount != 6 || b.DependencyCount != 5 || b.Name != "Contract schedule" {
		t.Errorf("created baseline = %+v", b)
	}
	list := ok[items[baselineView]](f, http.StatusOK, demoField, "GET", base, "")
	if len(list.Items) != 1 || list.Items[0].ID != b.ID {
		t.Errorf("baselines = %+v", list)
	}
	f.fails(http.StatusForbidden, codeForbidden, demoField, "POST", base, `{"name":"x"}`)
	f.fails(http.StatusUnprocessableEntity, codeMissingField, demoOffice, "POST", base, `{"name":" "}`)
	f.fails(http.StatusNotFound, codeNotFound, demoOffice, "POST", "/projects/nope/baselines", `{"name":"x"}`)
	f.fails(http.StatusNotFound, codeNotFound, demoOffice, "GET", "/projects/nope/baselines", "")
}

func TestCustomers(t *testing.T) {
	f := newFixture(t)
	all := ok[items[customerView]](f, http.StatusOK, demoField, "GET", "/customers", "")
	if got := ids(all.Items, func(c customerView) string { return c.ID }); !slices.Equal(got, []string{"customer-harbor-view", demoCustomer}) {
		t.Errorf("customers = %v", got)
	}
	// Keyset pages: a customer created between the pages sorts before the cursor and
	// does not shift the second page.
	p1 := ok[items[customerView]](f, http.StatusOK, demoField, "GET", "/customers?limit=1", "")
	c := ok[customerView](f, http.StatusCreated, demoOffice, "POST", "/customers", `{"name":"Avery Park","email":"avery@example.com","netsuite_id":"NS-C-3001"}`)
	p2 := ok[items[customerView]](f, http.StatusOK, demoField, "GET", "/customers?limit=1&cursor="+p1.NextCursor, "")
	if len(p1.Items) != 1 || p1.Items[0].ID != "customer-harbor-view" || len(p2.Items) != 1 || p2.Items[0].ID != demoCustomer {
		t.Errorf("pages = %+v, %+v", p1, p2)
	}
	if got := ok[customerView](f, http.StatusOK, demoField, "GET", "/customers/"+c.ID, ""); got.Name != "Avery Park" || got.Email == nil {
		t.Errorf("GET customer = %+v", got)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoField, "GET", "/customers/nope", "")
	// A second customer with the same NetSuite id.
	f.fails(http.StatusConflict, codeAlreadyExists, demoOffice, "POST", "/customers", `{"name":"Avery Park (dup)","netsuite_id":"NS-C-3001"}`)
	f.fails(http.StatusForbidden, codeForbidden, demoField, "POST", "/customers", `{"name":"Field Customer"}`)
	f.fails(http.StatusUnprocessableEntity, codeMissingField, demoOffice, "POST", "/customers", `{"email":"x@example.com"}`)

	// Delete: referenced → 409; office may not delete; admin deletes an unreferenced one.
	f.fails(http.StatusConflict, codeInUse, demoAdmin, "DELETE", "/customers/"+demoCustomer, "")
	f.fails(http.StatusForbidden, codeForbidden, demoOffice, "DELETE", "/customers/"+c.ID, "")
	if rec := f.do(demoAdmin, "DELETE", "/customers/"+c.ID, ""); rec.Code != http.StatusNoContent {
		t.Errorf("DELETE customer = %d %s", rec.Code, rec.Body)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoAdmin, "DELETE", "/customers/"+c.ID, "")
}

func TestVendors(t *testing.T) {
	f := newFixture(t)
	all := ok[items[vendorView]](f, http.StatusOK, demoField, "GET", "/vendors", "")
	want := []string{"vendor-bright-spark", "vendor-city-drywall", "vendor-summit-lumber"}
	if got := ids(all.Items, func(v vendorView) string { return v.ID }); !slices.Equal(got, want) {
		t.Errorf("vendors = %v", got)
	}
	var paged []string
	path := "/vendors?limit=2"
	for range 3 {
		p := ok[items[vendorView]](f, http.StatusOK, demoField, "GET", path, "")
		paged = append(paged, ids(p.Items, func(v vendorView) string { return v.ID })...)
		if p.NextCursor == "" {
			break
		}
		path = "/vendors?limit=2&cursor=" + p.NextCursor
	}
	if !slices.Equal(paged, want) {
		t.Errorf("vendors by pages of 2 = %v", paged)
	}
	v := ok[vendorView](f, http.StatusCreated, demoOffice, "POST", "/vendors", `{"name":"Ace Plumbing"}`)
	if v.Category != "Subcontractor" {
		t.Errorf("created vendor = %+v", v)
	}
	if got := ok[vendorView](f, http.StatusOK, demoField, "GET", "/vendors/"+v.ID, ""); got.Name != "Ace Plumbing" {
		t.Errorf("GET vendor = %+v", got)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoField, "GET", "/vendors/nope", "")
	f.fails(http.StatusForbidden, codeForbidden, demoField, "POST", "/vendors", `{"name":"x"}`)
	f.fails(http.StatusConflict, codeInUse, demoAdmin, "DELETE", "/vendors/vendor-summit-lumber", "")
	if rec := f.do(demoAdmin, "DELETE", "/vendors/"+v.ID, ""); rec.Code != http.StatusNoContent {
		t.Errorf("DELETE vendor = %d %s", rec.Code, rec.Body)
	}
}

func TestFinance(t *testing.T) {
	f := newFixture(t)
	proj := "/projects/" + demoProject

	inv := ok[invoiceView](f, http.StatusCreated, demoOffice, "POST", "/invoices", `{"customer_id":"customer-jordan-lee","project_id":"project-maple",
		"invoice_number":"INV-1003","status":"sent","issue_date":"2026-03-04","due_date":"2026-04-03","subtotal":1000.10,"tax":80.01,
		"line_items":[{"description":"Electrical rough-in","quantity":1,"rate":1000.10,"amount":1000.10}]}`)
	if inv.Total != 108011 || inv.AmountDue != 108011 || !inv.DueDate.Valid || inv.LineItems == nil || len(*inv.LineItems) != 1 {
		t.Errorf("created invoice = %+v", inv)
	}
	bill := ok[billView](f, http.StatusCreated, demoOffice, "POST", "/bills", `{"vendor_id":"vendor-bright-spark","project_id":"project-maple","bill_date":"2026-03-03","subtotal":2400,"tax":0,"amount_paid":400}`)
	if bill.Status != "pending" || bill.Total != 240000 || bill.AmountDue != 200000 || bill.DueDate.Valid {
		t.Errorf("created bill = %+v", bill)
	}
	pay := ok[paymentView](f, http.StatusCreated, demoOffice, "POST", "/payments", `{"payment_type":"sent","vendor_id":"vendor-bright-spark","project_id":"project-maple","amount":400,"payment_date":"2026-03-04","payment_method":"ach"}`)
	if pay.Amount != 40000 || pay.PaymentMethod == nil || *pay.PaymentMethod != dbtypes.PaymentMethodACH {
		t.Errorf("created payment = %+v", pay)
	}
	cm := ok[creditMemoView](f, http.StatusCreated, demoOffice, "POST", "/credit-memos", `{"customer_id":"customer-jordan-lee","project_id":"project-maple","issue_date":"2026-03-04","total":100,"amount_applied":40,"status":"applied"}`)
	if cm.AmountRemaining != 6000 || cm.Status != dbtypes.CreditMemoStatusApplied {
		t.Errorf("created credit memo = %+v", cm)
	}

	// Lists by project, newest first, keyset-paginated.
	invs := ok[items[invoiceView]](f, http.StatusOK, demoField, "GET", proj+"/invoices", "")
	if got := ids(invs.Items, func(i invoiceView) string { return i.ID }); !slices.Equal(got, []string{inv.ID, "invoice-1002", "invoice-1001"}) {
		t.Errorf("invoices = %v", got)
	}
	p1 := ok[items[invoiceView]](f, http.StatusOK, demoField, "GET", proj+"/invoices?limit=2", "")
	p2 := ok[items[invoiceView]](f, http.StatusOK, demoField, "GET", proj+"/invoices?limit=2&cursor="+p1.NextCursor, "")
	if len(p1.Items) != 2 || len(p2.Items) != 1 || p2.Items[0].ID != "invoice-1001" || p2.NextCursor != "" {
		t.Errorf("invoice pages = %+v / %+v", p1, p2)
	}
	if got := ok[items[billView]](f, http.StatusOK, demoField, "GET", proj+"/bills", ""); !slices.Equal(ids(got.Items, func(b billView) string { return b.ID }), []string{bill.ID, "bill-sl-4471"}) {
		t.Errorf("bills = %+v", got)
	}
	if got := ok[items[paymentView]](f, http.StatusOK, demoField, "GET", proj+"/payments", ""); !slices.Equal(ids(got.Items, func(p paymentView) string { return p.ID }), []string{pay.ID, "payment-2207"}) {
		t.Errorf("payments = %+v", got)
	}
	if got := ok[items[creditMemoView]](f, http.StatusOK, demoField, "GET", proj+"/credit-memos", ""); !slices.Equal(ids(got.Items, func(c creditMemoView) string { return c.ID }), []string{cm.ID, "credit-memo-1"}) {
		t.Errorf("credit memos = %+v", got)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoField, "GET", "/projects/nope/invoices", "")

	// Totals by status.
	fin := ok[financeView](f, http.StatusOK, demoField, "GET", proj+"/finance", "")
	sent := fin.Invoices[slices.IndexFunc(fin.Invoices, func(s statusTotalsView) bool { return s.Status == "sent" })]
	if sent.Count != 2 || sent.Total != 1998000+108011 || sent.AmountDue != 1998000+108011 {
		t.Errorf("sent invoices = %+v", sent)
	}
	if len(fin.Payments) != 2 || len(fin.Bills) != 1 || fin.Bills[0].Total != 673974+240000 || len(fin.CreditMemos) != 2 {
		t.Errorf("finance = %+v", fin)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoField, "GET", "/projects/nope/finance", "")

	// Refusals.
	for _, c := range []struct {
		status    int
		code, url string
		body      string
	}{
		{http.StatusUnprocessableEntity, codeInvalidValue, "/invoices", `{"customer_id":"customer-jordan-lee","issue_date":"2026-03-04","subtotal":10.005}`},
		{http.StatusUnprocessableEntity, codeInvalidReference, "/invoices", `{"customer_id":"nope","issue_date":"2026-03-04"}`},
		{http.StatusUnprocessableEntity, codeMissingField, "/invoices", `{"customer_id":"customer-jordan-lee"}`},
		{http.StatusUnprocessableEntity, codeInvalidValue, "/payments", `{"payment_type":"refund","customer_id":"customer-jordan-lee","amount":1,"payment_date":"2026-03-04"}`},
		{http.StatusUnprocessableEntity, codeInvalidValue, "/payments", `{"payment_type":"received","customer_id":"customer-jordan-lee","amount":1,"payment_date":"2026-03-04","payment_method":"bitcoin"}`},
		{http.StatusUnprocessableEntity, codeCheckViolation, "/payments", `{"payment_type":"received","customer_id":"customer-jordan-lee","vendor_id":"vendor-city-drywall","amount":1,"payment_date":"2026-03-04"}`},
		{http.StatusUnprocessableEntity, codeInvalidValue, "/credit-memos", `{"customer_id":"customer-jordan-lee","issue_date":"2026-03-04","status":"open"}`},
		{http.StatusUnprocessableEntity, codeMissingField, "/bills", `{"bill_date":"2026-03-04"}`},
	} {
		f.fails(c.status, c.code, demoOffice, "POST", c.url, c.body)
	}
	f.fails(http.StatusForbidden, codeForbidden, demoField, "POST", "/invoices", `{"customer_id":"customer-jordan-lee","issue_date":"2026-03-04"}`)
}

func TestUsage(t *testing.T) {
	f := newFixture(t)
	u := ok[usageView](f, http.StatusOK, demoAdmin, "GET", "/ai/usage", "")
	if u.Days != 30 || u.Totals.Requests != 4 || u.Totals.TotalTokens != 10570 || len(u.Daily) != 3 || len(u.ByModel) != 2 {
		t.Errorf("usage over 30 days = %+v", u)
	}
	if u.Daily[0].Day != "2026-03-02" || u.Daily[0].Requests != 2 {
		t.Errorf("first day = %+v", u.Daily[0])
	}
	day := ok[usageView](f, http.StatusOK, demoAdmin, "GET", "/ai/usage?days=1", "")
	if day.Totals.Requests != 1 || day.Totals.Cost != 0.0174 || len(day.ByModel) != 1 {
		t.Errorf("usage over 1 day = %+v", day)
	}
	if rec := f.do(demoAdmin, "GET", "/ai/usage", ""); !strings.Contains(rec.Body.String(), `"cost": 0.04701`) {
		t.Errorf("total cost not rounded to its stored places: %s", rec.Body)
	}
	f.fails(http.StatusForbidden, codeForbidden, demoOffice, "GET", "/ai/usage", "")
	f.fails(http.StatusUnprocessableEntity, codeInvalidValue, demoAdmin, "GET", "/ai/usage?days=0", "")
}

func TestDashboardsAndThemes(t *testing.T) {
	f := newFixture(t)
	dash := ok[items[dashboardSummaryView]](f, http.StatusOK, demoAdmin, "GET", "/me/dashboards", "")
	if len(dash.Items) != 1 || dash.Items[0].ID != "dashboard-cash" {
		t.Errorf("admin's dashboards = %+v", dash)
	}
	if got := ok[items[dashboardSummaryView]](f, http.StatusOK, demoField, "GET", "/me/dashboards", ""); len(got.Items) != 0 {
		t.Errorf("field user's dashboards = %+v", got)
	}
	body := `{"name":"Schedule","spec":{"root":"r","elements":{"r":{"type":"Gantt"}}},"queries":[{"key":"tasks","queryType":"project_detail","id":"project-maple"}]}`
	d := ok[dashboardView](f, http.StatusCreated, demoField, "POST", "/me/dashboards", body)
	if d.Spec.Root != "r" || len(d.Queries) != 1 {
		t.Errorf("created dashboard = %+v", d)
	}
	for range compassdb.MaxDashboardsPerUser - 1 {
		ok[dashboardView](f, http.StatusCreated, demoField, "POST", "/me/dashboards", body)
	}
	f.fails(http.StatusConflict, codeDashboardLimit, demoField, "POST", "/me/dashboards", body)
	f.fails(http.StatusUnprocessableEntity, codeMissingField, demoAdmin, "POST", "/me/dashboards", `{"name":"x"}`)
	f.fails(http.StatusUnprocessableEntity, codeInvalidJSON, demoAdmin, "POST", "/me/dashboards", `{"name":"x","spec":{"root":"r","extra":1}}`)
	// Someone else's dashboard is not there for this user.
	f.fails(http.StatusNotFound, codeNotFound, demoField, "DELETE", "/me/dashboards/dashboard-cash", "")
	if rec := f.do(demoField, "DELETE", "/me/dashboards/"+d.ID, ""); rec.Code != http.StatusNoContent {
		t.Errorf("DELETE dashboard = %d %s", rec.Code, rec.Body)
	}

	theme := ok[themeView](f, http.StatusCreated, demoOffice, "POST", "/me/themes",
		`{"name":"High contrast","theme_data":{"name":"High contrast","light":{"background":"oklch(1 0 0)"},"tokens":{"radius":"0.25rem"}}}`)
	if theme.ThemeData.Light["background"] != "oklch(1 0 0)" {
		t.Errorf("created theme = %+v", theme)
	}
	if got := ok[items[themeView]](f, http.StatusOK, demoOffice, "GET", "/me/themes", ""); len(got.Items) != 1 || got.Items[0].ID != theme.ID {
		t.Errorf("themes = %+v", got)
	}
	if got := ok[items[themeView]](f, http.StatusOK, demoAdmin, "GET", "/me/themes", ""); len(got.Items) != 0 {
		t.Errorf("admin sees themes of others: %+v", got)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoAdmin, "DELETE", "/me/themes/"+theme.ID, "")
	if rec := f.do(demoOffice, "DELETE", "/me/themes/"+theme.ID, ""); rec.Code != http.StatusNoContent {
		t.Errorf("DELETE theme = %d %s", rec.Code, rec.Body)
	}
	f.fails(http.StatusNotFound, codeNotFound, demoOffice, "DELETE", "/me/themes/"+theme.ID, "")
	f.fails(http.StatusUnprocessableEntity, codeMissingField, demoOffice, "POST", "/me/themes", `{"name":"x"}`)
}

// TestTxQueriesKnown: every query that authorizeTx checks for a transactional method is
// a db.Querier method with a requirement, and the checks answer as the matrix does.
func TestTxQueriesKnown(t *testing.T) {
	for method, queries := range txQueries {
		for _, q := range queries {
			if _, ok := authz.Requirements[q]; !ok {
				t.Errorf("txQueries[%s]: %s has no authz requirement (renamed?)", method, q)
			}
		}
	}
	user := func(role dbtypes.UserRole) db.User { return db.User{ID: "u", Role: role, IsActive: true} }
	for _, c := range []struct {
		role    dbtypes.UserRole
		method  string
		allowed bool
	}{
		{authz.Field, "ProjectSchedule", true},
		{authz.Client, "ProjectOverviewStats", true},
		{authz.Field, "CreateDependency", false},
		{authz.Office, "CreateDependency", true},
		{authz.Field, "UpdateWorkdayException", true},
		{authz.Client, "UpdateWorkdayException", false},
		{authz.Office, "CreateBaseline", true},
		{authz.Client, "CreateDashboard", true},
		{authz.Client, "DeleteCustomTheme", true},
		{"guest", "ProjectSchedule", false},
	} {
		err := authorizeTx(user(c.role), c.method)
		if (err == nil) != c.allowed || err != nil && !errors.Is(err, authz.ErrForbidden) {
			t.Errorf("authorizeTx(%s, %s) = %v, want allowed %v", c.role, c.method, err, c.allowed)
		}
	}
	if err := authorizeTx(user(authz.Admin), "NoSuchMethod"); err == nil || errors.Is(err, authz.ErrForbidden) {
		t.Errorf("unknown method: %v, want a non-forbidden error (500)", err)
	}
}

// TestErrorMapping covers the statuses the handlers cannot easily provoke: a busy
// database, a NOT NULL violation, an unexpected error (no internals in the body) and a
// panic.
func TestErrorMapping(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
		code   string
	}{
		{&compassdb.Error{Kind: compassdb.ErrBusy, Err: errors.New("database is locked")}, http.StatusServiceUnavailable, codeBusy},
		{&compassdb.Error{Kind: compassdb.ErrNotNullViolation, Table: "customers", Columns: []string{"name"}}, http.StatusUnprocessableEntity, codeMissingField},
		{fmt.Errorf("wrapped: %w", compassdb.ErrNotFound), http.StatusNotFound, codeNotFound},
		{errors.New("disk I/O error at /var/lib/secret.db"), http.StatusInternalServerError, codeInternal},
	} {
		a := newAPI(nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
		rec := httptest.NewRecorder()
		a.writeError(rec, httptest.NewRequest("GET", "/", nil), c.err)
		var body errorBody
		json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != c.status || body.Code != c.code {
			t.Errorf("%v → %d %s, want %d %s", c.err, rec.Code, rec.Body, c.status, c.code)
		}
		if c.status == http.StatusServiceUnavailable && rec.Header().Get("Retry-After") == "" {
			t.Errorf("%v: no Retry-After", c.err)
		}
		if c.status == http.StatusInternalServerError && (strings.Contains(rec.Body.String(), "secret") || body.Error != "internal server error") {
			t.Errorf("500 leaks: %s", rec.Body)
		}
	}

	var logged strings.Builder
	a := newAPI(nil, slog.New(slog.NewTextHandler(&logged, nil)))
	rec := httptest.NewRecorder()
	a.logRequests(a.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))).
		ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), codeInternal) {
		t.Errorf("panic → %d %s", rec.Code, rec.Body)
	}
	if !strings.Contains(logged.String(), "boom") || !strings.Contains(logged.String(), "status=500") {
		t.Errorf("log: %s", logged.String())
	}
}

// TestRequestLog: one structured line per request with method, path, status, duration,
// route and user.
func TestRequestLog(t *testing.T) {
	f := newFixture(t)
	var logged strings.Builder
	a := newAPI(f.h, slog.New(slog.NewJSONHandler(&logged, nil)))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/projects/"+demoProject, nil)
	req.Header.Set(userHeader, demoField)
	a.handler().ServeHTTP(rec, req)
	var line map[string]any
	if err := json.Unmarshal([]byte(logged.String()), &line); err != nil {
		t.Fatalf("log %q: %v", logged.String(), err)
	}
	for k, want := range map[string]any{"msg": "request", "method": "GET", "path": "/projects/" + demoProject,
		"status": float64(200), "route": "GET /projects/{id}", "user": demoField} {
		if line[k] != want {
			t.Errorf("log %s = %v, want %v", k, line[k], want)
		}
	}
	if _, ok := line["duration"]; !ok {
		t.Errorf("log has no duration: %v", line)
	}
}

// TestGracefulShutdown: cancelling serve's context (the signal) lets a request in flight
// finish with its response, and serve returns only after it; new connections are refused.
func TestGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	entered, release := make(chan struct{}), make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
		writeJSON(w, http.StatusOK, map[string]string{"status": "finished"})
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- serve(ctx, func() {}, ln, mux, slog.New(slog.NewTextHandler(io.Discard, nil))) }()

	url := "http://" + ln.Addr().String()
	type result struct {
		status int
		body   string
		err    error
	}
	got := make(chan result, 1)
	go func() {
		res, err := http.Get(url + "/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		got <- result{res.StatusCode, string(b), err}
	}()
	<-entered
	cancel() // SIGTERM
	select {
	case err := <-served:
		t.Fatalf("serve returned %v with a request in flight", err)
	case <-time.After(100 * time.Millisecond):
	}
	if _, err := http.Get(url + "/slow"); err == nil {
		t.Error("a new request was accepted during shutdown")
	}
	close(release)
	if r := <-got; r.err != nil || r.status != http.StatusOK || !strings.Contains(r.body, "finished") {
		t.Errorf("in-flight request: %+v", r)
	}
	if err := <-served; err != nil {
		t.Errorf("serve = %v", err)
	}
}

func TestSeedOnlyWhenEmpty(t *testing.T) {
	f := newFixture(t)
	created, err := seedDemo(context.Background(), f.h, testNow)
	if err != nil || created {
		t.Errorf("second seedDemo = %v, %v; want false, nil", created, err)
	}
	var out strings.Builder
	printDemoHint(&out, f.h, "127.0.0.1:8080")
	for _, want := range []string{demoAdmin, demoOffice, demoField, "curl -H 'X-User-ID: demo-admin' http://127.0.0.1:8080/projects/project-maple/schedule"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("hint lacks %q:\n%s", want, out.String())
		}
	}
}
