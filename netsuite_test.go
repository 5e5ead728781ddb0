package compassdb_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
	"github.com/compass-eng/compassdb/secrets"
)

// Tests of queries/netsuite.sql and the NetSuite token operations of ops_finance.go.

func TestUpsertNetsuiteAuthKeepsIDAndCreatedAt(t *testing.T) {
	f := newFinFixture(t)
	first := db.UpsertNetsuiteAuthParams{
		ID: "auth-1", AccountID: "acct-1", AccessTokenEncrypted: "ct-a1", RefreshTokenEncrypted: "ct-r1",
		ExpiresIn: 3600, TokenType: "Bearer", IssuedAt: 1_770_000_000_000, CreatedAt: f.now, UpdatedAt: f.now,
	}
	a, err := f.q.UpsertNetsuiteAuth(f.ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	other := first
	other.ID, other.AccountID = "auth-other", "acct-2"
	if _, err := f.q.UpsertNetsuiteAuth(f.ctx, other); err != nil {
		t.Fatal(err)
	}

	later := finTime(t, 50)
	refresh := db.UpsertNetsuiteAuthParams{
		ID: "auth-new-id", AccountID: "acct-1", AccessTokenEncrypted: "ct-a2", RefreshTokenEncrypted: "ct-r2",
		ExpiresIn: 1800, TokenType: "bearer", IssuedAt: 1_770_000_900_000, CreatedAt: later, UpdatedAt: later,
	}
	var b db.NetsuiteAuth
	finOneStatement(t, f.h, func(q *db.Queries) error {
		var err error
		b, err = q.UpsertNetsuiteAuth(f.ctx, refresh)
		return err
	})
	want := db.NetsuiteAuth{
		ID: a.ID, AccountID: "acct-1", AccessTokenEncrypted: "ct-a2", RefreshTokenEncrypted: "ct-r2",
		ExpiresIn: 1800, TokenType: "bearer", IssuedAt: 1_770_000_900_000, CreatedAt: a.CreatedAt, UpdatedAt: later,
	}
	if fmt.Sprint(b) != fmt.Sprint(want) {
		t.Errorf("after refresh:\n got %+v\nwant %+v", b, want)
	}
	got, err := f.h.Reader().GetNetsuiteAuthByAccount(f.ctx, "acct-1")
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("GetNetsuiteAuthByAccount = %+v, %v", got, err)
	}
	if got, err := f.h.Reader().GetNetsuiteAuth(f.ctx, a.ID); err != nil || got.AccountID != "acct-1" {
		t.Errorf("GetNetsuiteAuth = %+v, %v", got, err)
	}
	all, err := f.h.Reader().ListNetsuiteAuths(f.ctx)
	if err != nil || len(all) != 2 {
		t.Errorf("ListNetsuiteAuths = %d rows, %v; want 2", len(all), err)
	}
	if o, err := f.h.Reader().GetNetsuiteAuthByAccount(f.ctx, "acct-2"); err != nil || o.AccessTokenEncrypted != "ct-a1" {
		t.Errorf("the other account changed: %+v, %v", o, err)
	}

	for acct, want := range map[string]bool{"acct-1": true, "acct-2": true, "acct-9": false} {
		if has, err := f.h.Reader().HasNetsuiteTokens(f.ctx, acct); err != nil || has != want {
			t.Errorf("HasNetsuiteTokens(%s) = %v, %v; want %v", acct, has, err, want)
		}
	}
	if n, err := f.q.DeleteNetsuiteAuthByAccount(f.ctx, "acct-1"); err != nil || n != 1 {
		t.Errorf("DeleteNetsuiteAuthByAccount = %d, %v", n, err)
	}
	if has, _ := f.h.Reader().HasNetsuiteTokens(f.ctx, "acct-1"); has {
		t.Error("tokens still there after disconnect")
	}
	if has, _ := f.h.Reader().HasNetsuiteTokens(f.ctx, "acct-2"); !has {
		t.Error("disconnecting acct-1 removed acct-2")
	}
	if _, err := f.h.Reader().GetNetsuiteAuthByAccount(f.ctx, "acct-1"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("GetNetsuiteAuthByAccount after delete: %v", err)
	}
	plan := finPlan(t, f.h, func(q *db.Queries) error { _, err := q.HasNetsuiteTokens(f.ctx, "acct-2"); return err })
	dbtest.AssertNoScan(t, plan, "netsuite_auth")
	finUsesIndex(t, plan, "netsuite_auth_account_unique")
}

func TestStoreNetsuiteTokensStoresOnlyCiphertext(t *testing.T) {
	f := newFinFixture(t)
	box, err := secrets.New("test-netsuite-key", secrets.NetSuiteTokens)
	if err != nil {
		t.Fatal(err)
	}
	const access, refresh = "ACCESS-plaintext-token-7c1d", "REFRESH-plaintext-token-9e2f"
	issued := time.Date(2026, 3, 1, 9, 0, 0, 123e6, time.UTC)
	row, err := f.h.StoreNetsuiteTokens(f.ctx, box, compassdb.NetsuiteTokens{
		AccountID: "acct-1", AccessToken: access, RefreshToken: refresh, ExpiresIn: 3600, TokenType: "Bearer", IssuedAt: issued,
	})
	if err != nil {
		t.Fatal(err)
	}
	if row.IssuedAt != issued.UnixMilli() {
		t.Errorf("issued_at = %d, want %d", row.IssuedAt, issued.UnixMilli())
	}
	// Refreshed tokens replace the first ones on the same row.
	const access2 = "ACCESS-refreshed-token-0a0b"
	again, err := f.h.StoreNetsuiteTokens(f.ctx, box, compassdb.NetsuiteTokens{
		AccountID: "acct-1", AccessToken: access2, RefreshToken: refresh, ExpiresIn: 3600, TokenType: "Bearer", IssuedAt: issued.Add(time.Hour),
	})
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != row.ID {
		t.Errorf("refresh made a new row %s (was %s)", again.ID, row.ID)
	}

	var rawAccess, rawRefresh string
	if err := f.h.ReadDB().QueryRow(`SELECT access_token_encrypted, refresh_token_encrypted FROM netsuite_auth WHERE account_id = 'acct-1'`).Scan(&rawAccess, &rawRefresh); err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{rawAccess, rawRefresh} {
		for _, plain := range []string{access, access2, refresh, "plaintext"} {
			if strings.Contains(raw, plain) {
				t.Errorf("stored column holds plaintext %q", plain)
			}
		}
	}
	if p, err := box.Decrypt(rawAccess); err != nil || p != access2 {
		t.Errorf("stored access token decrypts to %q, %v", p, err)
	}
	// Nor in the file or its WAL.
	for _, path := range []string{f.h.Path(), f.h.Path() + "-wal"} {
		data, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, plain := range []string{access, access2, refresh} {
			if bytes.Contains(data, []byte(plain)) {
				t.Errorf("%s holds plaintext %q", path, plain)
			}
		}
	}

	got, err := f.h.LoadNetsuiteTokens(f.ctx, box, "acct-1")
	if err != nil {
		t.Fatal(err)
	}
	want := compassdb.NetsuiteTokens{AccountID: "acct-1", AccessToken: access2, RefreshToken: refresh, ExpiresIn: 3600, TokenType: "Bearer", IssuedAt: issued.Add(time.Hour)}
	if got != want {
		t.Errorf("LoadNetsuiteTokens = %+v, want %+v", got, want)
	}
	if _, err := f.h.LoadNetsuiteTokens(f.ctx, box, "acct-9"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("LoadNetsuiteTokens(missing) = %v, want ErrNotFound", err)
	}
	wrong, err := secrets.New("another-key", secrets.NetSuiteTokens)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.h.LoadNetsuiteTokens(f.ctx, wrong, "acct-1"); !errors.Is(err, secrets.ErrDecrypt) {
		t.Errorf("LoadNetsuiteTokens with the wrong key = %v, want secrets.ErrDecrypt", err)
	}
}

func TestNetsuiteSyncMetadataLifecycle(t *testing.T) {
	f := newFinFixture(t)
	r := f.h.Reader()
	at := func(m int) dbtypes.Timestamp { return finTime(t, m) }

	// Pull of two new customers and a vendor with the same NetSuite internal id.
	for i, l := range []struct {
		id, table, local, remote string
		rt                       dbtypes.RecordType
	}{
		{"m-c1", "customers", "c-1", "100", dbtypes.RecordTypeCustomer},
		{"m-c2", "customers", "c-2", "200", dbtypes.RecordTypeCustomer},
		{"m-v1", "vendors", "v-1", "100", dbtypes.RecordTypeVendor},
	} {
		link, err := f.q.CreateNetsuiteSyncLink(f.ctx, db.CreateNetsuiteSyncLinkParams{
			ID: l.id, LocalTable: dbtypes.LocalTable(l.table), LocalRecordID: l.local, NetsuiteRecordType: l.rt,
			NetsuiteInternalID: l.remote, LastSyncedAt: at(i), LastModifiedRemote: finPtr("2026-02-01 10:00:00"), CreatedAt: at(i), UpdatedAt: at(i),
		})
		if err != nil {
			t.Fatal(err)
		}
		if link.SyncStatus != dbtypes.SyncStatusSynced || link.RetryCount != 0 || *link.NetsuiteInternalID != l.remote {
			t.Errorf("new link = %+v", link)
		}
	}
	// A second link for the same remote record is refused.
	_, err := f.q.CreateNetsuiteSyncLink(f.ctx, db.CreateNetsuiteSyncLinkParams{
		ID: "m-dup", LocalTable: dbtypes.LocalTableCustomers, LocalRecordID: "c-9", NetsuiteRecordType: dbtypes.RecordTypeCustomer,
		NetsuiteInternalID: "100", LastSyncedAt: at(3), CreatedAt: at(3), UpdatedAt: at(3),
	})
	if !errors.Is(err, compassdb.ErrUniqueViolation) {
		t.Errorf("second link to customer 100: %v, want ErrUniqueViolation", err)
	}

	byRemote, err := r.GetNetsuiteSyncMetadataByRemoteID(f.ctx, db.GetNetsuiteSyncMetadataByRemoteIDParams{LocalTable: dbtypes.LocalTableVendors, NetsuiteInternalID: "100"})
	if err != nil || byRemote.ID != "m-v1" {
		t.Errorf("by remote id (vendors, 100) = %s, %v; want m-v1", byRemote.ID, err)
	}
	if _, err := r.GetNetsuiteSyncMetadataByRemoteID(f.ctx, db.GetNetsuiteSyncMetadataByRemoteIDParams{LocalTable: dbtypes.LocalTableVendors, NetsuiteInternalID: "200"}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("by remote id (vendors, 200): %v, want ErrNotFound", err)
	}
	byLocal, err := r.GetNetsuiteSyncMetadataByLocalRecord(f.ctx, db.GetNetsuiteSyncMetadataByLocalRecordParams{LocalTable: dbtypes.LocalTableCustomers, LocalRecordID: "c-2"})
	if err != nil || byLocal.ID != "m-c2" {
		t.Errorf("by local record (customers, c-2) = %s, %v; want m-c2", byLocal.ID, err)
	}
	if _, err := r.GetNetsuiteSyncMetadataByLocalRecord(f.ctx, db.GetNetsuiteSyncMetadataByLocalRecordParams{LocalTable: dbtypes.LocalTableVendors, LocalRecordID: "c-2"}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("by local record (vendors, c-2): %v, want ErrNotFound", err)
	}

	// Local edits put rows on the push queue; an unlinked local row gets a link.
	for i, l := range []struct {
		id, table, local string
		rt               dbtypes.RecordType
	}{
		{"m-c1-again", "customers", "c-1", dbtypes.RecordTypeCustomer},
		{"m-c3", "customers", "c-3", dbtypes.RecordTypeCustomer},
		{"m-v1-again", "vendors", "v-1", dbtypes.RecordTypeVendor},
	} {
		m, err := f.q.MarkNetsuitePendingPush(f.ctx, db.MarkNetsuitePendingPushParams{
			ID: l.id, LocalTable: dbtypes.LocalTable(l.table), LocalRecordID: l.local, NetsuiteRecordType: l.rt,
			LastModifiedLocal: finPtr(at(10 + i).String()), CreatedAt: at(10 + i), UpdatedAt: at(10 + i),
		})
		if err != nil {
			t.Fatal(err)
		}
		if m.SyncStatus != dbtypes.SyncStatusPendingPush || *m.LastModifiedLocal != at(10+i).String() {
			t.Errorf("pending push %s = %+v", l.local, m)
		}
	}
	if m, _ := r.GetNetsuiteSyncMetadataByLocalRecord(f.ctx, db.GetNetsuiteSyncMetadataByLocalRecordParams{LocalTable: dbtypes.LocalTableCustomers, LocalRecordID: "c-1"}); m.ID != "m-c1" || *m.NetsuiteInternalID != "100" {
		t.Errorf("marking c-1 pending replaced its link: %+v", m)
	}
	queue := func(table dbtypes.LocalTable, limit int64) []string {
		t.Helper()
		rows, err := r.ListNetsuitePendingPush(f.ctx, db.ListNetsuitePendingPushParams{LocalTable: table, Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		return finIDs(rows, func(m db.NetsuiteSyncMetadata) string { return m.ID })
	}
	finEqual(t, "customers push queue", queue(dbtypes.LocalTableCustomers, 10), []string{"m-c1", "m-c3"})
	finEqual(t, "customers push queue, limit 1", queue(dbtypes.LocalTableCustomers, 1), []string{"m-c1"})
	finEqual(t, "vendors push queue", queue(dbtypes.LocalTableVendors, 10), []string{"m-v1"})
	finEqual(t, "invoices push queue", queue(dbtypes.LocalTableInvoices, 10), []string{})

	// Push of c-3 (new in NetSuite): internal id, then synced.
	if m, err := f.q.SetNetsuiteInternalID(f.ctx, db.SetNetsuiteInternalIDParams{ID: "m-c3", NetsuiteInternalID: "300", UpdatedAt: at(20)}); err != nil || *m.NetsuiteInternalID != "300" || m.SyncStatus != dbtypes.SyncStatusPendingPush {
		t.Errorf("SetNetsuiteInternalID = %+v, %v", m, err)
	}
	// Push of c-1 fails twice (retryable), then for good.
	for want := int64(1); want <= 2; want++ {
		m, err := f.q.IncrementNetsuiteSyncRetry(f.ctx, db.IncrementNetsuiteSyncRetryParams{ID: "m-c1", ErrorMessage: fmt.Sprintf("timeout %d", want), UpdatedAt: at(20)})
		if err != nil || m.RetryCount != want || m.SyncStatus != dbtypes.SyncStatusPendingPush || *m.ErrorMessage != fmt.Sprintf("timeout %d", want) {
			t.Errorf("retry %d = %+v, %v", want, m, err)
		}
	}
	if m, err := f.q.MarkNetsuiteSyncError(f.ctx, db.MarkNetsuiteSyncErrorParams{ID: "m-c1", ErrorMessage: "validation failed", UpdatedAt: at(21)}); err != nil ||
		m.SyncStatus != dbtypes.SyncStatusError || *m.ErrorMessage != "validation failed" || m.RetryCount != 2 {
		t.Errorf("MarkNetsuiteSyncError = %+v, %v", m, err)
	}
	synced, err := f.q.MarkNetsuiteSynced(f.ctx, db.MarkNetsuiteSyncedParams{ID: "m-c1", LastSyncedAt: at(22), LastModifiedRemote: finPtr("2026-03-01 10:22:00"), UpdatedAt: at(22)})
	if err != nil || synced.SyncStatus != dbtypes.SyncStatusSynced || synced.ErrorMessage != nil || synced.RetryCount != 0 ||
		!synced.LastSyncedAt.Equal(at(22).Time) || *synced.LastModifiedRemote != "2026-03-01 10:22:00" {
		t.Errorf("MarkNetsuiteSynced = %+v, %v", synced, err)
	}
	if _, err := f.q.MarkNetsuiteSynced(f.ctx, db.MarkNetsuiteSyncedParams{ID: "nope", LastSyncedAt: at(22), UpdatedAt: at(22)}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("MarkNetsuiteSynced(missing) = %v", err)
	}
	finEqual(t, "customers push queue after the pushes", queue(dbtypes.LocalTableCustomers, 10), []string{"m-c3"})

	// A pull meets unpushed local changes to v-1 and c-3: conflicts.
	for i, id := range []string{"m-v1", "m-c3"} {
		remote := json.RawMessage(fmt.Sprintf(`{"name":"Remote %d","netsuiteId":"x"}`, i))
		m, err := f.q.MarkNetsuiteSyncConflict(f.ctx, db.MarkNetsuiteSyncConflictParams{
			ID: id, ConflictData: &dbtypes.ConflictData{Remote: remote, Reason: "both changed"},
			LastModifiedRemote: finPtr("2026-03-01 11:00:00"), UpdatedAt: at(30 + i),
		})
		if err != nil || m.SyncStatus != dbtypes.SyncStatusConflict || m.ConflictData == nil || m.ConflictData.Reason != "both changed" ||
			string(m.ConflictData.Remote) != string(remote) {
			t.Errorf("MarkNetsuiteSyncConflict(%s) = %+v, %v", id, m, err)
		}
	}
	// A local edit does not move a conflict back to the queue.
	_, err = f.q.MarkNetsuitePendingPush(f.ctx, db.MarkNetsuitePendingPushParams{
		ID: "m-v1-edit", LocalTable: dbtypes.LocalTableVendors, LocalRecordID: "v-1", NetsuiteRecordType: dbtypes.RecordTypeVendor, CreatedAt: at(35), UpdatedAt: at(35),
	})
	if !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("MarkNetsuitePendingPush on a conflict = %v, want ErrNotFound", err)
	}
	conflicts, err := r.ListNetsuiteConflicts(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	finEqual(t, "ListNetsuiteConflicts", finIDs(conflicts, func(m db.NetsuiteSyncMetadata) string { return m.ID }), []string{"m-v1", "m-c3"})

	local, err := f.q.ResolveNetsuiteConflictUseLocal(f.ctx, db.ResolveNetsuiteConflictUseLocalParams{ID: "m-v1", UpdatedAt: at(40)})
	if err != nil || local.SyncStatus != dbtypes.SyncStatusPendingPush || local.ConflictData != nil {
		t.Errorf("use local = %+v, %v", local, err)
	}
	remote, err := f.q.ResolveNetsuiteConflictUseRemote(f.ctx, db.ResolveNetsuiteConflictUseRemoteParams{ID: "m-c3", UpdatedAt: at(41)})
	if err != nil || remote.SyncStatus != dbtypes.SyncStatusSynced || remote.ConflictData != nil {
		t.Errorf("use remote = %+v, %v", remote, err)
	}
	// Resolving a row that is not in conflict changes nothing.
	if _, err := f.q.ResolveNetsuiteConflictUseRemote(f.ctx, db.ResolveNetsuiteConflictUseRemoteParams{ID: "m-v1", UpdatedAt: at(42)}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("resolve a pending row: %v, want ErrNotFound", err)
	}
	if _, err := f.q.ResolveNetsuiteConflictUseLocal(f.ctx, db.ResolveNetsuiteConflictUseLocalParams{ID: "m-c3", UpdatedAt: at(42)}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("resolve a synced row: %v, want ErrNotFound", err)
	}
	if m, _ := r.GetNetsuiteSyncMetadata(f.ctx, "m-v1"); m.SyncStatus != dbtypes.SyncStatusPendingPush {
		t.Errorf("m-v1 after a refused resolution = %s", m.SyncStatus)
	}
	if rows, _ := r.ListNetsuiteConflicts(f.ctx); len(rows) != 0 {
		t.Errorf("%d conflicts left", len(rows))
	}
	finEqual(t, "vendors push queue after use-local", queue(dbtypes.LocalTableVendors, 10), []string{"m-v1"})

	// The lookups and queues use their indexes.
	for _, c := range []struct {
		index string
		call  func(q *db.Queries) error
	}{
		{"netsuite_sync_metadata_remote_unique", func(q *db.Queries) error {
			_, err := q.GetNetsuiteSyncMetadataByRemoteID(f.ctx, db.GetNetsuiteSyncMetadataByRemoteIDParams{LocalTable: dbtypes.LocalTableCustomers, NetsuiteInternalID: "1"})
			return err
		}},
		{"netsuite_sync_metadata_local_unique", func(q *db.Queries) error {
			_, err := q.GetNetsuiteSyncMetadataByLocalRecord(f.ctx, db.GetNetsuiteSyncMetadataByLocalRecordParams{LocalTable: dbtypes.LocalTableCustomers, LocalRecordID: "c"})
			return err
		}},
		{"netsuite_sync_metadata_table_status_idx", func(q *db.Queries) error {
			_, err := q.ListNetsuitePendingPush(f.ctx, db.ListNetsuitePendingPushParams{LocalTable: dbtypes.LocalTableCustomers, Limit: 50})
			return err
		}},
		{"netsuite_sync_metadata_status_idx", func(q *db.Queries) error { _, err := q.ListNetsuiteConflicts(f.ctx); return err }},
	} {
		plan := finPlan(t, f.h, c.call)
		dbtest.AssertNoScan(t, plan, "netsuite_sync_metadata")
		finUsesIndex(t, plan, c.index)
	}
}

func TestNetsuiteSyncRunsAndCursor(t *testing.T) {
	f := newFinFixture(t)
	r := f.h.Reader()
	at := func(m int) dbtypes.Timestamp { return finTime(t, m) }
	pull, push := dbtypes.SyncDirectionPull, dbtypes.SyncDirectionPush
	cust, vend := dbtypes.RecordTypeCustomer, dbtypes.RecordTypeVendor

	cursor := func(dir dbtypes.SyncDirection, rt dbtypes.RecordType) (*dbtypes.Timestamp, error) {
		return r.GetLastSuccessfulNetsuiteSync(f.ctx, db.GetLastSuccessfulNetsuiteSyncParams{Direction: dir, RecordType: rt})
	}
	if _, err := cursor(pull, cust); !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatalf("cursor with no runs: %v, want ErrNotFound", err)
	}

	// run starts a run at minute start and, unless status is running, ends it at minute end.
	run := func(id string, dir dbtypes.SyncDirection, rt dbtypes.RecordType, status dbtypes.SyncRunStatus, start, end int) db.NetsuiteSyncLog {
		t.Helper()
		l, err := f.q.StartNetsuiteSyncRun(f.ctx, db.StartNetsuiteSyncRunParams{ID: id, SyncType: "delta", RecordType: rt, Direction: dir, StartedAt: at(start), CreatedAt: at(start)})
		if err != nil {
			t.Fatal(err)
		}
		if l.Status != dbtypes.SyncRunStatusRunning || l.RecordsProcessed != 0 || l.CompletedAt != nil {
			t.Errorf("started run = %+v", l)
		}
		switch status {
		case dbtypes.SyncRunStatusCompleted:
			l, err = f.q.CompleteNetsuiteSyncRun(f.ctx, db.CompleteNetsuiteSyncRunParams{ID: id, RecordsProcessed: 12, RecordsFailed: 1, ErrorSummary: finPtr("1 record failed"), CompletedAt: at(end)})
		case dbtypes.SyncRunStatusFailed:
			l, err = f.q.FailNetsuiteSyncRun(f.ctx, db.FailNetsuiteSyncRunParams{ID: id, ErrorSummary: finPtr("auth_expired"), CompletedAt: at(end)})
		}
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	done := run("r-1", pull, cust, dbtypes.SyncRunStatusCompleted, 1, 2)
	if done.Status != dbtypes.SyncRunStatusCompleted || done.RecordsProcessed != 12 || done.RecordsFailed != 1 || !done.CompletedAt.Equal(at(2).Time) {
		t.Errorf("completed run = %+v", done)
	}
	failed := run("r-2", pull, cust, dbtypes.SyncRunStatusFailed, 3, 4) // later, but failed
	if failed.Status != dbtypes.SyncRunStatusFailed || *failed.ErrorSummary != "auth_expired" {
		t.Errorf("failed run = %+v", failed)
	}
	run("r-3", pull, vend, dbtypes.SyncRunStatusCompleted, 5, 6) // other record type
	run("r-4", push, cust, dbtypes.SyncRunStatusCompleted, 7, 8) // other direction
	run("r-5", pull, cust, dbtypes.SyncRunStatusRunning, 9, 0)   // still running
	run("r-6", pull, cust, dbtypes.SyncRunStatusCompleted, 0, 0) // created last, ended first

	for _, c := range []struct {
		dir  dbtypes.SyncDirection
		rt   dbtypes.RecordType
		want dbtypes.Timestamp
	}{
		{pull, cust, at(2)}, {pull, vend, at(6)}, {push, cust, at(8)},
	} {
		var got *dbtypes.Timestamp
		finOneStatement(t, f.h, func(q *db.Queries) error {
			var err error
			got, err = q.GetLastSuccessfulNetsuiteSync(f.ctx, db.GetLastSuccessfulNetsuiteSyncParams{Direction: c.dir, RecordType: c.rt})
			return err
		})
		if got == nil || !got.Equal(c.want.Time) {
			t.Errorf("cursor(%s, %s) = %v, want %s", c.dir, c.rt, got, c.want)
		}
	}
	if _, err := cursor(push, vend); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("cursor(push, vendor) = %v, want ErrNotFound", err)
	}
	plan := finPlan(t, f.h, func(q *db.Queries) error {
		_, err := q.GetLastSuccessfulNetsuiteSync(f.ctx, db.GetLastSuccessfulNetsuiteSyncParams{Direction: pull, RecordType: cust})
		return err
	})
	dbtest.AssertNoScan(t, plan, "netsuite_sync_log")
	finUsesIndex(t, plan, "netsuite_sync_log_cursor_idx")
	if strings.Contains(strings.Join(plan, "\n"), "TEMP B-TREE") {
		t.Errorf("cursor sorts: %q", plan)
	}

	// A run ends once: completing or failing it again is refused.
	if _, err := f.q.CompleteNetsuiteSyncRun(f.ctx, db.CompleteNetsuiteSyncRunParams{ID: "r-2", CompletedAt: at(50)}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("complete a failed run: %v, want ErrNotFound", err)
	}
	if _, err := f.q.FailNetsuiteSyncRun(f.ctx, db.FailNetsuiteSyncRunParams{ID: "r-1", CompletedAt: at(50)}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("fail a completed run: %v, want ErrNotFound", err)
	}
	if l, err := r.GetNetsuiteSyncLog(f.ctx, "r-5"); err != nil || l.Status != dbtypes.SyncRunStatusRunning {
		t.Errorf("GetNetsuiteSyncLog(r-5) = %+v, %v", l, err)
	}
}

func TestNetsuiteSyncHistory(t *testing.T) {
	f := newFinFixture(t)
	r := f.h.Reader()
	// 25 runs, created in pairs within the same millisecond so that id breaks ties.
	var want []string // newest first
	for i := range 25 {
		id := fmt.Sprintf("run-%02d", i)
		ts := finTime(t, i/2)
		if _, err := f.q.CreateNetsuiteSyncLog(f.ctx, db.CreateNetsuiteSyncLogParams{
			ID: id, SyncType: "delta", RecordType: dbtypes.RecordTypeCustomer, Direction: dbtypes.SyncDirectionPull,
			Status: dbtypes.SyncRunStatusCompleted, StartedAt: ts, CompletedAt: &ts, CreatedAt: ts,
		}); err != nil {
			t.Fatal(err)
		}
		want = append([]string{id}, want...)
	}
	logID := func(l db.NetsuiteSyncLog) string { return l.ID }
	latest, err := r.ListNetsuiteSyncHistory(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	finEqual(t, "ListNetsuiteSyncHistory", finIDs(latest, logID), want[:20])

	for _, size := range []int64{1, 7, 25, 30} {
		var got []string
		var before *dbtypes.Timestamp
		var beforeID *string
		for range 50 {
			page, err := r.ListNetsuiteSyncHistoryPage(f.ctx, db.ListNetsuiteSyncHistoryPageParams{BeforeCreatedAt: before, BeforeID: beforeID, Limit: size})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, finIDs(page, logID)...)
			if int64(len(page)) < size {
				break
			}
			last := page[len(page)-1]
			before, beforeID = &last.CreatedAt, &last.ID
		}
		finEqual(t, fmt.Sprintf("history pages of %d", size), got, want)
	}

	plan := finPlan(t, f.h, func(q *db.Queries) error {
		ts, id := finTime(t, 5), "run-10"
		_, err := q.ListNetsuiteSyncHistoryPage(f.ctx, db.ListNetsuiteSyncHistoryPageParams{BeforeCreatedAt: &ts, BeforeID: &id, Limit: 20})
		return err
	})
	dbtest.AssertNoScan(t, plan, "netsuite_sync_log")
	finUsesIndex(t, plan, "netsuite_sync_log_created_idx")
	// The fixed latest-20 walks the same index backwards and stops after 20 rows.
	plan = finPlan(t, f.h, func(q *db.Queries) error { _, err := q.ListNetsuiteSyncHistory(f.ctx); return err })
	finUsesIndex(t, plan, "netsuite_sync_log_created_idx")
	if strings.Contains(strings.Join(plan, "\n"), "TEMP B-TREE") {
		t.Errorf("history sorts: %q", plan)
	}

	// Generic CRUD on the log.
	if l, err := f.q.UpdateNetsuiteSyncLog(f.ctx, db.UpdateNetsuiteSyncLogParams{
		ID: "run-00", SyncType: "full", RecordType: dbtypes.RecordTypeVendor, Direction: dbtypes.SyncDirectionPush,
		Status: dbtypes.SyncRunStatusFailed, StartedAt: finTime(t, 0),
	}); err != nil || l.SyncType != "full" || l.CompletedAt != nil {
		t.Errorf("UpdateNetsuiteSyncLog = %+v, %v", l, err)
	}
	all, err := r.ListNetsuiteSyncLogs(f.ctx)
	if err != nil || len(all) != 25 || all[0].ID != "run-00" {
		t.Errorf("ListNetsuiteSyncLogs = %d rows, %v", len(all), err)
	}
	if n, err := f.q.DeleteNetsuiteSyncLog(f.ctx, "run-00"); err != nil || n != 1 {
		t.Errorf("DeleteNetsuiteSyncLog = %d, %v", n, err)
	}
}
