package compassdb_test

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// Tests of queries/google.sql and the Google Drive operations of ops_finance.go.

func (f *finFixture) org(t *testing.T, id string) {
	t.Helper()
	if _, err := f.q.CreateOrganization(f.ctx, db.CreateOrganizationParams{
		ID: id, Name: "Org " + id, Slug: id, Type: dbtypes.OrganizationTypeInternal, IsActive: true, CreatedAt: f.now, UpdatedAt: f.now,
	}); err != nil {
		t.Fatal(err)
	}
}

func (f *finFixture) user(t *testing.T, id string) {
	t.Helper()
	if _, err := f.q.CreateUser(f.ctx, db.CreateUserParams{
		ID: id, Email: id + "@example.com", Role: dbtypes.UserRoleAdmin, IsActive: true, CreatedAt: f.now, UpdatedAt: f.now,
	}); err != nil {
		t.Fatal(err)
	}
}

func (f *finFixture) googleAuth(t *testing.T, id, org, key string, minute int) db.CreateGoogleAuthParams {
	t.Helper()
	ts := finTime(t, minute)
	return db.CreateGoogleAuthParams{
		ID: id, OrganizationID: org, ServiceAccountKeyEncrypted: key, WorkspaceDomain: org + ".example.com",
		ConnectedBy: "u-1", CreatedAt: ts, UpdatedAt: ts,
	}
}

func TestConnectGoogleDriveReplacesInOneTransaction(t *testing.T) {
	f := newFinFixture(t)
	f.org(t, "org-1")
	f.org(t, "org-2")
	f.user(t, "u-1")
	r := f.h.Reader()

	if _, err := r.GetAnyGoogleAuth(f.ctx); !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatalf("GetAnyGoogleAuth with none = %v, want ErrNotFound", err)
	}
	// Two rows left for org-1 by older code, one for org-2.
	for _, p := range []db.CreateGoogleAuthParams{
		f.googleAuth(t, "g-old-1", "org-1", "ct-old-1", 1), f.googleAuth(t, "g-old-2", "org-1", "ct-old-2", 2), f.googleAuth(t, "g-2", "org-2", "ct-2", 3),
	} {
		if _, err := f.q.CreateGoogleAuth(f.ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if g, err := r.GetGoogleAuthByOrganization(f.ctx, "org-1"); err != nil || g.ID != "g-old-2" {
		t.Errorf("GetGoogleAuthByOrganization(org-1) = %s, %v; want the newest, g-old-2", g.ID, err)
	}
	if g, err := r.GetAnyGoogleAuth(f.ctx); err != nil || g.ID != "g-2" {
		t.Errorf("GetAnyGoogleAuth = %s, %v; want the newest, g-2", g.ID, err)
	}

	conn, err := f.h.ConnectGoogleDrive(f.ctx, f.googleAuth(t, "g-new", "org-1", "ct-new", 10))
	if err != nil {
		t.Fatal(err)
	}
	if conn.ID != "g-new" || conn.ServiceAccountKeyEncrypted != "ct-new" {
		t.Errorf("ConnectGoogleDrive = %+v", conn)
	}
	authIDs := func(org string) []string {
		t.Helper()
		rows, err := r.ListGoogleAuthsByOrganization(f.ctx, org)
		if err != nil {
			t.Fatal(err)
		}
		return finIDs(rows, func(g db.GoogleAuth) string { return g.ID })
	}
	finEqual(t, "org-1 after connect", authIDs("org-1"), []string{"g-new"})
	finEqual(t, "org-2 after org-1 connected", authIDs("org-2"), []string{"g-2"})

	// A connection that cannot be inserted (unknown user) leaves the old one in place.
	bad := f.googleAuth(t, "g-bad", "org-1", "ct-bad", 11)
	bad.ConnectedBy = "u-missing"
	if _, err := f.h.ConnectGoogleDrive(f.ctx, bad); !errors.Is(err, compassdb.ErrForeignKeyViolation) {
		t.Errorf("connect by an unknown user: %v, want ErrForeignKeyViolation", err)
	}
	finEqual(t, "org-1 after a failed connect", authIDs("org-1"), []string{"g-new"})

	// Shared drive selection is scoped by organization.
	sel, err := f.q.SetGoogleSharedDrive(f.ctx, db.SetGoogleSharedDriveParams{
		ID: "g-new", OrganizationID: "org-1", SharedDriveID: finPtr("drive-9"), SharedDriveName: finPtr("Projects"), UpdatedAt: finTime(t, 20),
	})
	if err != nil || *sel.SharedDriveID != "drive-9" || *sel.SharedDriveName != "Projects" || !sel.UpdatedAt.Equal(finTime(t, 20).Time) || !sel.CreatedAt.Equal(finTime(t, 10).Time) {
		t.Errorf("SetGoogleSharedDrive = %+v, %v", sel, err)
	}
	if _, err := f.q.SetGoogleSharedDrive(f.ctx, db.SetGoogleSharedDriveParams{ID: "g-new", OrganizationID: "org-2", UpdatedAt: finTime(t, 21)}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("select a drive on another organization's connection: %v, want ErrNotFound", err)
	}
	if g, err := r.GetGoogleAuth(f.ctx, "g-new"); err != nil || *g.SharedDriveID != "drive-9" {
		t.Errorf("GetGoogleAuth = %+v, %v", g, err)
	}
	if rows, err := r.ListGoogleAuthsByConnectedBy(f.ctx, "u-1"); err != nil || len(rows) != 2 {
		t.Errorf("ListGoogleAuthsByConnectedBy = %d rows, %v", len(rows), err)
	}

	// Disconnect.
	if n, err := f.q.DeleteGoogleAuthsByOrganization(f.ctx, "org-1"); err != nil || n != 1 {
		t.Errorf("DeleteGoogleAuthsByOrganization = %d, %v", n, err)
	}
	if _, err := r.GetGoogleAuthByOrganization(f.ctx, "org-1"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("org-1 after disconnect: %v", err)
	}
	finEqual(t, "org-2 after org-1 disconnected", authIDs("org-2"), []string{"g-2"})

	plan := finPlan(t, f.h, func(q *db.Queries) error { _, err := q.GetGoogleAuthByOrganization(f.ctx, "org-2"); return err })
	dbtest.AssertNoScan(t, plan, "google_auth")
	finUsesIndex(t, plan, "google_auth_organization_idx")
}

func TestToggleGoogleStarIsPerUser(t *testing.T) {
	f := newFinFixture(t)
	f.user(t, "u-1")
	f.user(t, "u-2")
	r := f.h.Reader()
	toggle := func(user, file string, want bool) {
		t.Helper()
		got, err := f.h.ToggleGoogleStar(f.ctx, user, file)
		if err != nil || got != want {
			t.Fatalf("toggle(%s, %s) = %v, %v; want %v", user, file, got, err, want)
		}
	}
	starred := func(user string) []string {
		t.Helper()
		ids, err := r.ListGoogleStarredFileIDs(f.ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}

	toggle("u-1", "file-b", true)
	toggle("u-1", "file-a", true)
	toggle("u-2", "file-b", true)
	finEqual(t, "u-1 stars", starred("u-1"), []string{"file-a", "file-b"})
	finEqual(t, "u-2 stars", starred("u-2"), []string{"file-b"})
	toggle("u-1", "file-b", false)
	finEqual(t, "u-1 after unstarring b", starred("u-1"), []string{"file-a"})
	finEqual(t, "u-2 after u-1 unstarred b", starred("u-2"), []string{"file-b"})
	toggle("u-1", "file-b", true)
	finEqual(t, "u-1 after starring b again", starred("u-1"), []string{"file-a", "file-b"})

	// The two halves of the toggle report what they did.
	if n, err := f.q.StarGoogleFile(f.ctx, db.StarGoogleFileParams{ID: compassdb.NewID(), UserID: "u-2", GoogleFileID: "file-b", CreatedAt: f.now}); err != nil || n != 0 {
		t.Errorf("star an already starred file: %d, %v; want 0", n, err)
	}
	if n, err := f.q.UnstarGoogleFile(f.ctx, db.UnstarGoogleFileParams{UserID: "u-2", GoogleFileID: "file-z"}); err != nil || n != 0 {
		t.Errorf("unstar a file that is not starred: %d, %v; want 0", n, err)
	}

	// Concurrent toggles of one (user, file): an even number leaves it as it was, and there
	// is never more than one row.
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user := []string{"u-1", "u-2"}[i%2]
			if _, err := f.h.ToggleGoogleStar(f.ctx, user, "file-c"); err != nil {
				errs <- fmt.Errorf("toggle %d: %w", i, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	finEqual(t, "u-1 after 20 toggles of c", starred("u-1"), []string{"file-a", "file-b"})
	finEqual(t, "u-2 after 20 toggles of c", starred("u-2"), []string{"file-b"})

	rows, err := r.ListGoogleStarredFilesByUser(f.ctx, "u-1")
	if err != nil || len(rows) != 2 {
		t.Fatalf("ListGoogleStarredFilesByUser = %d rows, %v", len(rows), err)
	}
	// Row access by id is scoped by user too.
	if _, err := r.GetGoogleStarredFile(f.ctx, db.GetGoogleStarredFileParams{ID: rows[0].ID, UserID: "u-2"}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("u-2 reads u-1's star: %v, want ErrNotFound", err)
	}
	if n, err := f.q.DeleteGoogleStarredFile(f.ctx, db.DeleteGoogleStarredFileParams{ID: rows[0].ID, UserID: "u-2"}); err != nil || n != 0 {
		t.Errorf("u-2 deletes u-1's star: %d, %v; want 0", n, err)
	}
	if g, err := r.GetGoogleStarredFile(f.ctx, db.GetGoogleStarredFileParams{ID: rows[0].ID, UserID: "u-1"}); err != nil || g.GoogleFileID != rows[0].GoogleFileID {
		t.Errorf("GetGoogleStarredFile = %+v, %v", g, err)
	}

	for _, call := range []func(q *db.Queries) error{
		func(q *db.Queries) error { _, err := q.ListGoogleStarredFileIDs(f.ctx, "u-1"); return err },
		func(q *db.Queries) error { _, err := q.ListGoogleStarredFilesByUser(f.ctx, "u-1"); return err },
	} {
		plan := finPlan(t, f.h, call)
		dbtest.AssertNoScan(t, plan, "google_starred_files")
		finUsesIndex(t, plan, "google_starred_files_user_file_unique")
	}
}
