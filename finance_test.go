package compassdb_test

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// Tests of the customers, vendors and financial-document queries (queries/customers.sql,
// vendors.sql, financials.sql). Helpers shared with netsuite_test.go and google_test.go
// carry a fin prefix.

func finPtr[T any](v T) *T { return &v }

func finDate(s string) dbtypes.Date { return dbtypes.MustParseDate(s) }

func finDue(s string) dbtypes.NullDate { return dbtypes.NewNullDate(finDate(s)) }

// finTime returns a fixed timestamp, minute m after 2026-03-01 09:00 UTC.
func finTime(t testing.TB, m int) dbtypes.Timestamp {
	t.Helper()
	ts, err := dbtypes.ParseTimestamp(fmt.Sprintf("2026-03-01T%02d:%02d:00.000Z", 9+m/60, m%60))
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

type finFixture struct {
	h   *compassdb.DB
	q   *db.Queries // the write connection
	ctx context.Context
	now dbtypes.Timestamp
}

func newFinFixture(t *testing.T) *finFixture {
	t.Helper()
	h := dbtest.Open(t)
	return &finFixture{h: h, q: h.Writer(), ctx: context.Background(), now: finTime(t, 0)}
}

// exec runs raw SQL on the write connection, for states the typed queries refuse to write
// (legacy values) and for checks of what is stored.
func (f *finFixture) exec(t *testing.T, query string, args ...any) {
	t.Helper()
	if _, err := f.h.WriteDB().ExecContext(f.ctx, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

func (f *finFixture) project(t *testing.T, id string) {
	t.Helper()
	if _, err := f.q.CreateProject(f.ctx, db.CreateProjectParams{ID: id, Name: "Project " + id, Status: "OPEN", CreatedAt: f.now}); err != nil {
		t.Fatal(err)
	}
}

func (f *finFixture) customer(t *testing.T, id, name string) db.Customer {
	t.Helper()
	c, err := f.q.CreateCustomer(f.ctx, db.CreateCustomerParams{ID: id, Name: name, CreatedAt: f.now, UpdatedAt: &f.now})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *finFixture) vendor(t *testing.T, id, name string) db.Vendor {
	t.Helper()
	v, err := f.q.CreateVendor(f.ctx, db.CreateVendorParams{ID: id, Name: name, Category: "Subcontractor", CreatedAt: f.now, UpdatedAt: &f.now})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (f *finFixture) invoice(t *testing.T, p db.CreateInvoiceParams) db.Invoice {
	t.Helper()
	p.CreatedAt, p.UpdatedAt = f.now, f.now
	p.Status = cmp.Or(p.Status, "draft")
	if p.IssueDate.IsZero() {
		p.IssueDate = finDate("2026-01-01")
	}
	inv, err := f.q.CreateInvoice(f.ctx, p)
	if err != nil {
		t.Fatalf("create invoice %s: %v", p.ID, err)
	}
	return inv
}

func (f *finFixture) bill(t *testing.T, p db.CreateVendorBillParams) db.VendorBill {
	t.Helper()
	p.CreatedAt, p.UpdatedAt = f.now, f.now
	p.Status = cmp.Or(p.Status, "pending")
	if p.BillDate.IsZero() {
		p.BillDate = finDate("2026-01-01")
	}
	b, err := f.q.CreateVendorBill(f.ctx, p)
	if err != nil {
		t.Fatalf("create vendor bill %s: %v", p.ID, err)
	}
	return b
}

func (f *finFixture) payment(t *testing.T, p db.CreatePaymentParams) db.Payment {
	t.Helper()
	p.CreatedAt, p.UpdatedAt = f.now, f.now
	if p.PaymentDate.IsZero() {
		p.PaymentDate = finDate("2026-01-01")
	}
	pay, err := f.q.CreatePayment(f.ctx, p)
	if err != nil {
		t.Fatalf("create payment %s: %v", p.ID, err)
	}
	return pay
}

func (f *finFixture) memo(t *testing.T, p db.CreateCreditMemoParams) db.CreditMemo {
	t.Helper()
	p.CreatedAt, p.UpdatedAt = f.now, f.now
	p.Status = cmp.Or(p.Status, dbtypes.CreditMemoStatusDraft)
	if p.IssueDate.IsZero() {
		p.IssueDate = finDate("2026-01-01")
	}
	m, err := f.q.CreateCreditMemo(f.ctx, p)
	if err != nil {
		t.Fatalf("create credit memo %s: %v", p.ID, err)
	}
	return m
}

// finCapture is a db.DBTX that remembers the last statement sent through it, so a test can
// ask SQLite for the plan of exactly the SQL and arguments a generated query uses.
type finCapture struct {
	db.DBTX
	query string
	args  []any
}

func (c *finCapture) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	c.query, c.args = query, args
	return c.DBTX.ExecContext(ctx, query, args...)
}

func (c *finCapture) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	c.query, c.args = query, args
	return c.DBTX.QueryContext(ctx, query, args...)
}

func (c *finCapture) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	c.query, c.args = query, args
	return c.DBTX.QueryRowContext(ctx, query, args...)
}

// finPlan runs call once on the read pool and returns the query plan of the statement it
// sent.
func finPlan(t *testing.T, h *compassdb.DB, call func(q *db.Queries) error) []string {
	t.Helper()
	c := &finCapture{DBTX: h.ReadDB()}
	if err := call(db.New(c)); err != nil && !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatal(err)
	}
	if c.query == "" {
		t.Fatal("the call sent no statement")
	}
	return dbtest.QueryPlan(t, h.ReadDB(), c.query, c.args...)
}

// finUsesIndex fails unless some step of plan searches with the named index.
func finUsesIndex(t *testing.T, plan []string, index string) {
	t.Helper()
	for _, step := range plan {
		if strings.Contains(step, "INDEX "+index+" ") || strings.HasSuffix(step, "INDEX "+index) {
			return
		}
	}
	t.Errorf("plan does not use %s: %q", index, plan)
}

// finOneStatement fails unless call sends exactly one statement.
func finOneStatement(t *testing.T, h *compassdb.DB, call func(q *db.Queries) error) {
	t.Helper()
	c := dbtest.Count(h.WriteDB())
	if err := call(db.New(c)); err != nil {
		t.Fatal(err)
	}
	if n := c.Statements(); n != 1 {
		t.Errorf("sent %d statements, want 1", n)
	}
}

func finIsFK(err error) bool { return errors.Is(err, compassdb.ErrForeignKeyViolation) }

func finIDs[T any](rows []T, id func(T) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = id(r)
	}
	return out
}

func finEqual(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

// --- customers and vendors ---

// finNamedCursor walks a (name, id) keyset list page by page.
func finNamedCursor[T any](t *testing.T, pageSize int64, page func(afterName, afterID string, limit int64) ([]T, error), key func(T) (string, string)) []string {
	t.Helper()
	var ids []string
	afterName, afterID := "", ""
	for range 100 {
		rows, err := page(afterName, afterID, pageSize)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(rows)) > pageSize {
			t.Fatalf("page of %d rows, limit %d", len(rows), pageSize)
		}
		for _, r := range rows {
			_, id := key(r)
			ids = append(ids, id)
		}
		if int64(len(rows)) < pageSize {
			return ids
		}
		afterName, afterID = key(rows[len(rows)-1])
	}
	t.Fatal("pagination did not end")
	return nil
}

func TestCustomersListSearchAndGet(t *testing.T) {
	f := newFinFixture(t)
	// Names with ties and LIKE metacharacters.
	for _, c := range [][2]string{
		{"c-5", "Acme"}, {"c-1", "Acme"}, {"c-3", "50% Off Supply"}, {"c-4", "500 Builders"},
		{"c-2", "A_B Corp"}, {"c-6", "AxB Corp"}, {"c-7", `Back\slash`}, {"c-8", "Zenith"},
	} {
		f.customer(t, c[0], c[1])
	}
	want := []string{"c-3", "c-4", "c-2", "c-1", "c-5", "c-6", "c-7", "c-8"} // by (name, id)
	for _, size := range []int64{1, 3, 8, 20} {
		got := finNamedCursor(t, size, func(n, id string, limit int64) ([]db.Customer, error) {
			return f.h.Reader().ListCustomers(f.ctx, db.ListCustomersParams{AfterName: n, AfterID: id, Limit: limit})
		}, func(c db.Customer) (string, string) { return c.Name, c.ID })
		finEqual(t, fmt.Sprintf("ListCustomers pages of %d", size), got, want)
	}

	for _, tc := range []struct {
		text  string
		limit int64
		want  []string
	}{
		{"50%", 10, []string{"c-3"}},
		{"A_B", 10, []string{"c-2"}},
		{`k\s`, 10, []string{"c-7"}},
		{"acme", 10, []string{"c-1", "c-5"}}, // LIKE is case-insensitive for ASCII
		{"corp", 1, []string{"c-2"}},
		{"nothing", 10, []string{}},
	} {
		rows, err := f.h.Reader().SearchCustomers(f.ctx, db.SearchCustomersParams{Pattern: compassdb.LikeContains(tc.text), Limit: tc.limit})
		if err != nil {
			t.Fatal(err)
		}
		finEqual(t, "SearchCustomers "+tc.text, finIDs(rows, func(c db.Customer) string { return c.ID }), tc.want)
	}

	got, err := f.h.Reader().GetCustomer(f.ctx, "c-8")
	if err != nil || got.Name != "Zenith" {
		t.Fatalf("GetCustomer = %+v, %v", got, err)
	}
	if _, err := f.h.Reader().GetCustomer(f.ctx, "nope"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Fatalf("GetCustomer(missing) error = %v, want ErrNotFound", err)
	}

	plan := finPlan(t, f.h, func(q *db.Queries) error {
		_, err := q.ListCustomers(f.ctx, db.ListCustomersParams{AfterName: "Acme", AfterID: "c-1", Limit: 10})
		return err
	})
	dbtest.AssertNoScan(t, plan, "customers")
	finUsesIndex(t, plan, "customers_name_idx")
	for _, step := range plan {
		if strings.Contains(step, "TEMP B-TREE") {
			t.Errorf("ListCustomers sorts in a temp b-tree: %q", plan)
		}
	}
}

func TestCustomerUpdateKeepsOmittedFields(t *testing.T) {
	f := newFinFixture(t)
	c, err := f.q.CreateCustomer(f.ctx, db.CreateCustomerParams{
		ID: "c-1", Name: "Jordan Lee", Email: finPtr("jordan@example.com"), Phone: finPtr("555-0100"),
		Company: finPtr("Lee Homes"), Address: finPtr("1 Main St"), Notes: finPtr("prefers email"),
		CreatedAt: f.now, UpdatedAt: &f.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	later := finTime(t, 30)
	got, err := f.q.UpdateCustomer(f.ctx, db.UpdateCustomerParams{ID: c.ID, Email: finPtr("j.lee@example.com"), Notes: finPtr(""), UpdatedAt: later})
	if err != nil {
		t.Fatal(err)
	}
	want := c
	want.Email, want.Notes, want.UpdatedAt = finPtr("j.lee@example.com"), finPtr(""), &later
	if fmt.Sprint(derefCustomer(got)) != fmt.Sprint(derefCustomer(want)) {
		t.Errorf("after update:\n got %v\nwant %v", derefCustomer(got), derefCustomer(want))
	}
	if _, err := f.q.UpdateCustomer(f.ctx, db.UpdateCustomerParams{ID: "nope", Name: finPtr("x"), UpdatedAt: later}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("UpdateCustomer(missing) error = %v, want ErrNotFound", err)
	}
}

// derefCustomer shows the values behind a customer's pointers, for comparisons.
func derefCustomer(c db.Customer) []any {
	s := func(p *string) any {
		if p == nil {
			return nil
		}
		return *p
	}
	var updated any
	if c.UpdatedAt != nil {
		updated = c.UpdatedAt.String()
	}
	return []any{c.ID, c.Name, s(c.Email), s(c.Phone), c.CreatedAt.String(), s(c.NetsuiteID), updated, s(c.Company), s(c.Address), s(c.Notes)}
}

func TestVendorsListSearchUpdate(t *testing.T) {
	f := newFinFixture(t)
	for _, v := range [][2]string{{"v-2", "Beta Supply"}, {"v-1", "Beta Supply"}, {"v-3", "Alpha_Lumber"}, {"v-4", "AlphaXLumber"}} {
		f.vendor(t, v[0], v[1])
	}
	got := finNamedCursor(t, 2, func(n, id string, limit int64) ([]db.Vendor, error) {
		return f.h.Reader().ListVendors(f.ctx, db.ListVendorsParams{AfterName: n, AfterID: id, Limit: limit})
	}, func(v db.Vendor) (string, string) { return v.Name, v.ID })
	finEqual(t, "ListVendors", got, []string{"v-4", "v-3", "v-1", "v-2"})

	rows, err := f.h.Reader().SearchVendors(f.ctx, db.SearchVendorsParams{Pattern: compassdb.LikeContains("Alpha_"), Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	finEqual(t, "SearchVendors Alpha_", finIDs(rows, func(v db.Vendor) string { return v.ID }), []string{"v-3"})

	later := finTime(t, 5)
	v, err := f.q.UpdateVendor(f.ctx, db.UpdateVendorParams{ID: "v-1", Category: finPtr("Supplier"), Phone: finPtr("555-0199"), UpdatedAt: later})
	if err != nil {
		t.Fatal(err)
	}
	if v.Name != "Beta Supply" || v.Category != "Supplier" || *v.Phone != "555-0199" || v.Email != nil || !v.UpdatedAt.Equal(later.Time) {
		t.Errorf("UpdateVendor = %+v", v)
	}
	if got, err := f.h.Reader().GetVendor(f.ctx, "v-1"); err != nil || got.Category != "Supplier" {
		t.Errorf("GetVendor = %+v, %v", got, err)
	}
	if _, err := f.q.UpdateVendor(f.ctx, db.UpdateVendorParams{ID: "nope", UpdatedAt: later}); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("UpdateVendor(missing) error = %v, want ErrNotFound", err)
	}
	plan := finPlan(t, f.h, func(q *db.Queries) error {
		_, err := q.ListVendors(f.ctx, db.ListVendorsParams{AfterName: "B", Limit: 10})
		return err
	})
	dbtest.AssertNoScan(t, plan, "vendors")
	finUsesIndex(t, plan, "vendors_name_idx")
}

func TestNetsuitePullUpsertsCustomersAndVendors(t *testing.T) {
	f := newFinFixture(t)
	created, err := f.q.UpsertCustomerFromNetsuite(f.ctx, db.UpsertCustomerFromNetsuiteParams{
		ID: "c-new", Name: "Remote Co", Email: finPtr("a@remote.test"), CreatedAt: f.now, NetsuiteID: "ns-77", UpdatedAt: f.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	// A local-only field, then a second pull of the same record.
	if _, err := f.q.UpdateCustomer(f.ctx, db.UpdateCustomerParams{ID: created.ID, Company: finPtr("Kept"), UpdatedAt: f.now}); err != nil {
		t.Fatal(err)
	}
	later := finTime(t, 10)
	again, err := f.q.UpsertCustomerFromNetsuite(f.ctx, db.UpsertCustomerFromNetsuiteParams{
		ID: "c-other", Name: "Remote Co Renamed", Phone: finPtr("555"), CreatedAt: later, NetsuiteID: "ns-77", UpdatedAt: later,
	})
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != "c-new" || again.Name != "Remote Co Renamed" || again.Email != nil || *again.Phone != "555" ||
		*again.Company != "Kept" || !again.CreatedAt.Equal(f.now.Time) || !again.UpdatedAt.Equal(later.Time) {
		t.Errorf("second pull = %v", derefCustomer(again))
	}
	byNS, err := f.h.Reader().GetCustomerByNetsuiteID(f.ctx, "ns-77")
	if err != nil || byNS.ID != "c-new" {
		t.Errorf("GetCustomerByNetsuiteID = %v, %v", byNS.ID, err)
	}
	if _, err := f.h.Reader().GetCustomerByNetsuiteID(f.ctx, "ns-78"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("GetCustomerByNetsuiteID(missing) error = %v", err)
	}
	plan := finPlan(t, f.h, func(q *db.Queries) error { _, err := q.GetCustomerByNetsuiteID(f.ctx, "ns-77"); return err })
	finUsesIndex(t, plan, "customers_netsuite_id_unique")

	v, err := f.q.UpsertVendorFromNetsuite(f.ctx, db.UpsertVendorFromNetsuiteParams{
		ID: "v-new", Name: "Remote Vendor", Category: "Subcontractor", CreatedAt: f.now, NetsuiteID: "ns-9", UpdatedAt: f.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	v2, err := f.q.UpsertVendorFromNetsuite(f.ctx, db.UpsertVendorFromNetsuiteParams{
		ID: "v-dup", Name: "Remote Vendor", Category: "Equipment", Address: finPtr("2 Dock Rd"), CreatedAt: later, NetsuiteID: "ns-9", UpdatedAt: later,
	})
	if err != nil {
		t.Fatal(err)
	}
	if v2.ID != v.ID || v2.Category != "Equipment" || *v2.Address != "2 Dock Rd" || !v2.CreatedAt.Equal(f.now.Time) {
		t.Errorf("second vendor pull = %+v", v2)
	}
	if got, err := f.h.Reader().GetVendorByNetsuiteID(f.ctx, "ns-9"); err != nil || got.ID != v.ID {
		t.Errorf("GetVendorByNetsuiteID = %v, %v", got.ID, err)
	}
	plan = finPlan(t, f.h, func(q *db.Queries) error { _, err := q.GetVendorByNetsuiteID(f.ctx, "ns-9"); return err })
	finUsesIndex(t, plan, "vendors_netsuite_id_unique")
	var n int
	if err := f.h.ReadDB().QueryRow(`SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM vendors)`).Scan(&n); err != nil || n != 2 {
		t.Errorf("rows after two pulls each = %d, %v; want 2", n, err)
	}
}

func TestDeleteCustomerOrVendorRefusedWhileReferenced(t *testing.T) {
	f := newFinFixture(t)
	f.project(t, "p-1")
	// One customer or vendor per kind of referencing document.
	refs := []struct {
		name   string
		party  string
		create func(id string)
		drop   func(ctx context.Context, id string) (int64, error)
		delete func(ctx context.Context, party string) (int64, error)
	}{
		{"invoice", "customer", func(id string) { f.invoice(t, db.CreateInvoiceParams{ID: "doc", CustomerID: id}) }, f.q.DeleteInvoice, f.q.DeleteCustomer},
		{"credit memo", "customer", func(id string) { f.memo(t, db.CreateCreditMemoParams{ID: "doc", CustomerID: id}) }, f.q.DeleteCreditMemo, f.q.DeleteCustomer},
		{"received payment", "customer", func(id string) {
			f.payment(t, db.CreatePaymentParams{ID: "doc", CustomerID: &id, PaymentType: dbtypes.PaymentTypeReceived, Amount: 100})
		}, f.q.DeletePayment, f.q.DeleteCustomer},
		{"vendor bill", "vendor", func(id string) { f.bill(t, db.CreateVendorBillParams{ID: "doc", VendorID: id}) }, f.q.DeleteVendorBill, f.q.DeleteVendor},
		{"sent payment", "vendor", func(id string) {
			f.payment(t, db.CreatePaymentParams{ID: "doc", VendorID: &id, PaymentType: dbtypes.PaymentTypeSent, Amount: 100})
		}, f.q.DeletePayment, f.q.DeleteVendor},
	}
	for i, r := range refs {
		id := fmt.Sprintf("party-%d", i)
		if r.party == "customer" {
			f.customer(t, id, "Customer "+r.name)
		} else {
			f.vendor(t, id, "Vendor "+r.name)
		}
		r.create(id)
		if n, err := r.delete(f.ctx, id); !finIsFK(err) || n != 0 {
			t.Errorf("delete %s referenced by a %s: %d rows, %v; want ErrForeignKeyViolation", r.party, r.name, n, err)
		}
		if n, err := r.drop(f.ctx, "doc"); err != nil || n != 1 {
			t.Fatalf("delete the %s: %d, %v", r.name, n, err)
		}
		if n, err := r.delete(f.ctx, id); err != nil || n != 1 {
			t.Errorf("delete unreferenced %s: %d rows, %v; want 1", r.party, n, err)
		}
		if n, err := r.delete(f.ctx, id); err != nil || n != 0 {
			t.Errorf("delete %s again: %d rows, %v; want 0", r.party, n, err)
		}
	}
}

// --- financial documents ---

// finDatedCursor walks a (date DESC, id DESC) keyset list page by page.
func finDatedCursor[T any](t *testing.T, pageSize int64, page func(before *dbtypes.Date, beforeID *string, limit int64) ([]T, error), key func(T) (dbtypes.Date, string)) []string {
	t.Helper()
	var ids []string
	var before *dbtypes.Date
	var beforeID *string
	for range 100 {
		rows, err := page(before, beforeID, pageSize)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(rows)) > pageSize {
			t.Fatalf("page of %d rows, limit %d", len(rows), pageSize)
		}
		for _, r := range rows {
			_, id := key(r)
			ids = append(ids, id)
		}
		if int64(len(rows)) < pageSize {
			return ids
		}
		d, id := key(rows[len(rows)-1])
		before, beforeID = &d, &id
	}
	t.Fatal("pagination did not end")
	return nil
}

// finDoc is the part of a document the list tests look at.
type finDoc struct {
	id, party, project, date string
}

// finNewestFirst returns the ids of the docs that keep says to keep, by (date, id) descending.
func finNewestFirst(docs []finDoc, keep func(finDoc) bool) []string {
	var kept []finDoc
	for _, d := range docs {
		if keep(d) {
			kept = append(kept, d)
		}
	}
	slices.SortFunc(kept, func(a, b finDoc) int { return cmp.Or(cmp.Compare(b.date, a.date), cmp.Compare(b.id, a.id)) })
	return finIDs(kept, func(d finDoc) string { return d.id })
}

func TestFinancialDocumentListsByProjectAndParty(t *testing.T) {
	f := newFinFixture(t)
	f.project(t, "p-1")
	f.project(t, "p-2")
	f.customer(t, "c-1", "One")
	f.customer(t, "c-2", "Two")
	f.vendor(t, "v-1", "One")
	f.vendor(t, "v-2", "Two")
	// Ties on the date, other projects, other parties and no project as near misses.
	docs := []finDoc{
		{"d-1", "1", "p-1", "2026-01-10"}, {"d-2", "1", "p-1", "2026-01-10"}, {"d-3", "2", "p-1", "2026-02-01"},
		{"d-4", "1", "p-2", "2026-01-15"}, {"d-5", "2", "", "2026-03-01"}, {"d-6", "1", "p-1", "2026-02-20"},
		{"d-7", "1", "p-1", "2025-12-31"}, {"d-8", "2", "p-1", "2026-01-10"},
	}
	projectOf := func(d finDoc) *string {
		if d.project == "" {
			return nil
		}
		return &d.project
	}
	for _, d := range docs {
		cust, vend := "c-"+d.party, "v-"+d.party
		f.invoice(t, db.CreateInvoiceParams{ID: d.id, CustomerID: cust, ProjectID: projectOf(d), IssueDate: finDate(d.date)})
		f.bill(t, db.CreateVendorBillParams{ID: d.id, VendorID: vend, ProjectID: projectOf(d), BillDate: finDate(d.date)})
		f.memo(t, db.CreateCreditMemoParams{ID: d.id, CustomerID: cust, ProjectID: projectOf(d), IssueDate: finDate(d.date)})
		// Payments: odd parties received from a customer, even ones sent to a vendor.
		p := db.CreatePaymentParams{ID: d.id, ProjectID: projectOf(d), PaymentDate: finDate(d.date), Amount: 100, PaymentType: dbtypes.PaymentTypeReceived, CustomerID: &cust}
		if d.party == "2" {
			p.PaymentType, p.CustomerID, p.VendorID = dbtypes.PaymentTypeSent, nil, &vend
		}
		f.payment(t, p)
	}
	all := finNewestFirst(docs, func(finDoc) bool { return true })
	inP1 := finNewestFirst(docs, func(d finDoc) bool { return d.project == "p-1" })
	party1 := finNewestFirst(docs, func(d finDoc) bool { return d.party == "1" })
	party2 := finNewestFirst(docs, func(d finDoc) bool { return d.party == "2" })
	r := f.h.Reader()

	invKey := func(x db.Invoice) (dbtypes.Date, string) { return x.IssueDate, x.ID }
	billKey := func(x db.VendorBill) (dbtypes.Date, string) { return x.BillDate, x.ID }
	payKey := func(x db.Payment) (dbtypes.Date, string) { return x.PaymentDate, x.ID }
	memoKey := func(x db.CreditMemo) (dbtypes.Date, string) { return x.IssueDate, x.ID }
	for _, size := range []int64{1, 2, 3, 100} {
		check := func(what string, got, want []string) {
			t.Helper()
			finEqual(t, fmt.Sprintf("%s (pages of %d)", what, size), got, want)
		}
		check("ListInvoices", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.Invoice, error) {
			return r.ListInvoices(f.ctx, db.ListInvoicesParams{BeforeIssueDate: b, BeforeID: id, Limit: n})
		}, invKey), all)
		check("ListInvoicesByProject", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.Invoice, error) {
			return r.ListInvoicesByProject(f.ctx, db.ListInvoicesByProjectParams{ProjectID: "p-1", BeforeIssueDate: b, BeforeID: id, Limit: n})
		}, invKey), inP1)
		check("ListInvoicesByCustomer", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.Invoice, error) {
			return r.ListInvoicesByCustomer(f.ctx, db.ListInvoicesByCustomerParams{CustomerID: "c-1", BeforeIssueDate: b, BeforeID: id, Limit: n})
		}, invKey), party1)
		check("ListVendorBills", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.VendorBill, error) {
			return r.ListVendorBills(f.ctx, db.ListVendorBillsParams{BeforeBillDate: b, BeforeID: id, Limit: n})
		}, billKey), all)
		check("ListVendorBillsByProject", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.VendorBill, error) {
			return r.ListVendorBillsByProject(f.ctx, db.ListVendorBillsByProjectParams{ProjectID: "p-1", BeforeBillDate: b, BeforeID: id, Limit: n})
		}, billKey), inP1)
		check("ListVendorBillsByVendor", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.VendorBill, error) {
			return r.ListVendorBillsByVendor(f.ctx, db.ListVendorBillsByVendorParams{VendorID: "v-2", BeforeBillDate: b, BeforeID: id, Limit: n})
		}, billKey), party2)
		check("ListPayments", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.Payment, error) {
			return r.ListPayments(f.ctx, db.ListPaymentsParams{BeforePaymentDate: b, BeforeID: id, Limit: n})
		}, payKey), all)
		check("ListPaymentsByProject", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.Payment, error) {
			return r.ListPaymentsByProject(f.ctx, db.ListPaymentsByProjectParams{ProjectID: "p-1", BeforePaymentDate: b, BeforeID: id, Limit: n})
		}, payKey), inP1)
		check("ListPaymentsByCustomer", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.Payment, error) {
			return r.ListPaymentsByCustomer(f.ctx, db.ListPaymentsByCustomerParams{CustomerID: "c-1", BeforePaymentDate: b, BeforeID: id, Limit: n})
		}, payKey), party1)
		check("ListPaymentsByVendor", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.Payment, error) {
			return r.ListPaymentsByVendor(f.ctx, db.ListPaymentsByVendorParams{VendorID: "v-2", BeforePaymentDate: b, BeforeID: id, Limit: n})
		}, payKey), party2)
		check("ListCreditMemos", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.CreditMemo, error) {
			return r.ListCreditMemos(f.ctx, db.ListCreditMemosParams{BeforeIssueDate: b, BeforeID: id, Limit: n})
		}, memoKey), all)
		check("ListCreditMemosByProject", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.CreditMemo, error) {
			return r.ListCreditMemosByProject(f.ctx, db.ListCreditMemosByProjectParams{ProjectID: "p-1", BeforeIssueDate: b, BeforeID: id, Limit: n})
		}, memoKey), inP1)
		check("ListCreditMemosByCustomer", finDatedCursor(t, size, func(b *dbtypes.Date, id *string, n int64) ([]db.CreditMemo, error) {
			return r.ListCreditMemosByCustomer(f.ctx, db.ListCreditMemosByCustomerParams{CustomerID: "c-2", BeforeIssueDate: b, BeforeID: id, Limit: n})
		}, memoKey), party2)
	}
	// An unknown project or party is an empty page, not an error.
	if rows, err := r.ListInvoicesByProject(f.ctx, db.ListInvoicesByProjectParams{ProjectID: "p-9", Limit: 10}); err != nil || len(rows) != 0 {
		t.Errorf("ListInvoicesByProject(unknown) = %d rows, %v", len(rows), err)
	}
}

func TestFinancialDocumentQueriesUseIndexes(t *testing.T) {
	f := newFinFixture(t)
	d, id := finDate("2026-02-01"), "x"
	today := finDate("2026-03-01")
	cases := []struct {
		table, index string
		call         func(q *db.Queries) error
	}{
		{"invoices", "invoices_project_idx", func(q *db.Queries) error {
			_, err := q.ListInvoicesByProject(f.ctx, db.ListInvoicesByProjectParams{ProjectID: "p", BeforeIssueDate: &d, BeforeID: &id, Limit: 20})
			return err
		}},
		{"invoices", "invoices_customer_idx", func(q *db.Queries) error {
			_, err := q.ListInvoicesByCustomer(f.ctx, db.ListInvoicesByCustomerParams{CustomerID: "c", Limit: 20})
			return err
		}},
		{"invoices", "invoices_issue_date_idx", func(q *db.Queries) error {
			_, err := q.ListInvoices(f.ctx, db.ListInvoicesParams{BeforeIssueDate: &d, BeforeID: &id, Limit: 20})
			return err
		}},
		{"invoices", "invoices_project_idx", func(q *db.Queries) error { _, err := q.SumInvoicesByProject(f.ctx, "p"); return err }},
		{"invoices", "invoices_customer_idx", func(q *db.Queries) error { _, err := q.SumInvoicesByCustomer(f.ctx, "c"); return err }},
		{"invoices", "invoices_project_idx", func(q *db.Queries) error {
			_, err := q.ListOverdueInvoicesByProject(f.ctx, db.ListOverdueInvoicesByProjectParams{ProjectID: "p", Today: today})
			return err
		}},
		{"vendor_bills", "vendor_bills_project_idx", func(q *db.Queries) error {
			_, err := q.ListVendorBillsByProject(f.ctx, db.ListVendorBillsByProjectParams{ProjectID: "p", Limit: 20})
			return err
		}},
		{"vendor_bills", "vendor_bills_vendor_idx", func(q *db.Queries) error {
			_, err := q.ListVendorBillsByVendor(f.ctx, db.ListVendorBillsByVendorParams{VendorID: "v", BeforeBillDate: &d, BeforeID: &id, Limit: 20})
			return err
		}},
		{"vendor_bills", "vendor_bills_bill_date_idx", func(q *db.Queries) error {
			_, err := q.ListVendorBills(f.ctx, db.ListVendorBillsParams{Limit: 20})
			return err
		}},
		{"vendor_bills", "vendor_bills_project_idx", func(q *db.Queries) error { _, err := q.SumVendorBillsByProject(f.ctx, "p"); return err }},
		{"vendor_bills", "vendor_bills_vendor_idx", func(q *db.Queries) error { _, err := q.SumVendorBillsByVendor(f.ctx, "v"); return err }},
		{"vendor_bills", "vendor_bills_project_idx", func(q *db.Queries) error {
			_, err := q.ListOverdueVendorBillsByProject(f.ctx, db.ListOverdueVendorBillsByProjectParams{ProjectID: "p", Today: today})
			return err
		}},
		{"payments", "payments_project_idx", func(q *db.Queries) error {
			_, err := q.ListPaymentsByProject(f.ctx, db.ListPaymentsByProjectParams{ProjectID: "p", Limit: 20})
			return err
		}},
		{"payments", "payments_customer_idx", func(q *db.Queries) error {
			_, err := q.ListPaymentsByCustomer(f.ctx, db.ListPaymentsByCustomerParams{CustomerID: "c", Limit: 20})
			return err
		}},
		{"payments", "payments_vendor_idx", func(q *db.Queries) error {
			_, err := q.ListPaymentsByVendor(f.ctx, db.ListPaymentsByVendorParams{VendorID: "v", Limit: 20})
			return err
		}},
		{"payments", "payments_payment_date_idx", func(q *db.Queries) error {
			_, err := q.ListPayments(f.ctx, db.ListPaymentsParams{BeforePaymentDate: &d, BeforeID: &id, Limit: 20})
			return err
		}},
		{"payments", "payments_project_idx", func(q *db.Queries) error { _, err := q.SumPaymentsByProject(f.ctx, "p"); return err }},
		{"payments", "payments_customer_idx", func(q *db.Queries) error { _, err := q.SumPaymentsByCustomer(f.ctx, "c"); return err }},
		{"payments", "payments_vendor_idx", func(q *db.Queries) error { _, err := q.SumPaymentsByVendor(f.ctx, "v"); return err }},
		{"credit_memos", "credit_memos_project_idx", func(q *db.Queries) error {
			_, err := q.ListCreditMemosByProject(f.ctx, db.ListCreditMemosByProjectParams{ProjectID: "p", Limit: 20})
			return err
		}},
		{"credit_memos", "credit_memos_customer_idx", func(q *db.Queries) error {
			_, err := q.ListCreditMemosByCustomer(f.ctx, db.ListCreditMemosByCustomerParams{CustomerID: "c", Limit: 20})
			return err
		}},
		{"credit_memos", "credit_memos_issue_date_idx", func(q *db.Queries) error {
			_, err := q.ListCreditMemos(f.ctx, db.ListCreditMemosParams{Limit: 20})
			return err
		}},
		{"credit_memos", "credit_memos_project_idx", func(q *db.Queries) error { _, err := q.SumCreditMemosByProject(f.ctx, "p"); return err }},
		{"credit_memos", "credit_memos_customer_idx", func(q *db.Queries) error { _, err := q.SumCreditMemosByCustomer(f.ctx, "c"); return err }},
	}
	for i, c := range cases {
		plan := finPlan(t, f.h, c.call)
		dbtest.AssertNoScan(t, plan, c.table)
		finUsesIndex(t, plan, c.index)
		if t.Failed() {
			t.Fatalf("case %d (%s): plan %q", i, c.index, plan)
		}
	}
}

func TestFinancialDocumentUpdateAndDelete(t *testing.T) {
	f := newFinFixture(t)
	f.project(t, "p-1")
	f.customer(t, "c-1", "One")
	f.customer(t, "c-2", "Two")
	f.vendor(t, "v-1", "One")
	later := finTime(t, 45)

	inv := f.invoice(t, db.CreateInvoiceParams{ID: "i-1", CustomerID: "c-1", ProjectID: finPtr("p-1"), Status: "draft", Total: 1000, AmountDue: 1000, DueDate: finDue("2026-02-01")})
	lines := dbtypes.LineItems{{Description: "Labor", Quantity: 2, Rate: 12.5, Amount: 25}}
	up, err := f.q.UpdateInvoice(f.ctx, db.UpdateInvoiceParams{
		ID: inv.ID, CustomerID: "c-2", ProjectID: nil, InvoiceNumber: finPtr("INV-9"), Status: "sent",
		IssueDate: finDate("2026-01-05"), DueDate: dbtypes.NullDate{}, Subtotal: 2500, Tax: 200, Total: 2700,
		AmountPaid: 700, AmountDue: 2000, Memo: finPtr(""), LineItems: &lines, UpdatedAt: later,
	})
	if err != nil {
		t.Fatal(err)
	}
	if up.CustomerID != "c-2" || up.ProjectID != nil || up.DueDate.Valid || up.Total != 2700 || up.AmountDue != 2000 ||
		len(*up.LineItems) != 1 || !up.CreatedAt.Equal(inv.CreatedAt.Time) || !up.UpdatedAt.Equal(later.Time) {
		t.Errorf("UpdateInvoice = %+v", up)
	}
	if got, err := f.h.Reader().GetInvoice(f.ctx, "i-1"); err != nil || got.Status != "sent" || got.Tax != 200 {
		t.Errorf("GetInvoice = %+v, %v", got, err)
	}
	if _, err := f.q.UpdateInvoice(f.ctx, db.UpdateInvoiceParams{ID: "i-1", CustomerID: "c-missing", Status: "sent", IssueDate: finDate("2026-01-05"), UpdatedAt: later}); !finIsFK(err) {
		t.Errorf("UpdateInvoice to a missing customer: %v, want ErrForeignKeyViolation", err)
	}

	bill := f.bill(t, db.CreateVendorBillParams{ID: "b-1", VendorID: "v-1", Total: 500, AmountDue: 500})
	upb, err := f.q.UpdateVendorBill(f.ctx, db.UpdateVendorBillParams{
		ID: bill.ID, VendorID: "v-1", ProjectID: finPtr("p-1"), Status: "approved", BillDate: finDate("2026-01-02"),
		DueDate: finDue("2026-02-02"), Total: 500, AmountPaid: 500, AmountDue: 0, UpdatedAt: later,
	})
	if err != nil || upb.Status != "approved" || *upb.ProjectID != "p-1" || upb.AmountDue != 0 || upb.DueDate.Date != finDate("2026-02-02") {
		t.Errorf("UpdateVendorBill = %+v, %v", upb, err)
	}
	if got, err := f.h.Reader().GetVendorBill(f.ctx, "b-1"); err != nil || got.Status != "approved" {
		t.Errorf("GetVendorBill = %+v, %v", got, err)
	}

	pay := f.payment(t, db.CreatePaymentParams{ID: "pay-1", CustomerID: finPtr("c-1"), PaymentType: dbtypes.PaymentTypeReceived, Amount: 1999})
	method := dbtypes.PaymentMethodACH
	upp, err := f.q.UpdatePayment(f.ctx, db.UpdatePaymentParams{
		ID: pay.ID, CustomerID: finPtr("c-2"), PaymentType: dbtypes.PaymentTypeReceived, Amount: 2999,
		PaymentDate: finDate("2026-01-09"), PaymentMethod: &method, ReferenceNumber: finPtr("ref-1"), UpdatedAt: later,
	})
	if err != nil || *upp.CustomerID != "c-2" || upp.Amount != 2999 || *upp.PaymentMethod != dbtypes.PaymentMethodACH {
		t.Errorf("UpdatePayment = %+v, %v", upp, err)
	}
	if got, err := f.h.Reader().GetPayment(f.ctx, "pay-1"); err != nil || got.Amount != 2999 {
		t.Errorf("GetPayment = %+v, %v", got, err)
	}

	m := f.memo(t, db.CreateCreditMemoParams{ID: "m-1", CustomerID: "c-1", Total: 300, AmountRemaining: 300})
	upm, err := f.q.UpdateCreditMemo(f.ctx, db.UpdateCreditMemoParams{
		ID: m.ID, CustomerID: "c-1", Status: dbtypes.CreditMemoStatusApplied, IssueDate: finDate("2026-01-03"),
		Total: 300, AmountApplied: 300, AmountRemaining: 0, UpdatedAt: later,
	})
	if err != nil || upm.Status != dbtypes.CreditMemoStatusApplied || upm.AmountApplied != 300 {
		t.Errorf("UpdateCreditMemo = %+v, %v", upm, err)
	}
	if got, err := f.h.Reader().GetCreditMemo(f.ctx, "m-1"); err != nil || got.AmountRemaining != 0 {
		t.Errorf("GetCreditMemo = %+v, %v", got, err)
	}

	for name, del := range map[string]func(context.Context, string) (int64, error){
		"i-1": f.q.DeleteInvoice, "b-1": f.q.DeleteVendorBill, "pay-1": f.q.DeletePayment, "m-1": f.q.DeleteCreditMemo,
	} {
		for want := int64(1); want >= 0; want-- {
			if n, err := del(f.ctx, name); err != nil || n != want {
				t.Errorf("delete %s: %d rows, %v; want %d", name, n, err, want)
			}
		}
	}
}

func TestPaymentCounterpartyCheck(t *testing.T) {
	f := newFinFixture(t)
	f.customer(t, "c-1", "One")
	f.vendor(t, "v-1", "One")
	for _, p := range []db.CreatePaymentParams{
		{ID: "received-from-vendor", PaymentType: dbtypes.PaymentTypeReceived, VendorID: finPtr("v-1")},
		{ID: "received-both", PaymentType: dbtypes.PaymentTypeReceived, CustomerID: finPtr("c-1"), VendorID: finPtr("v-1")},
		{ID: "sent-to-customer", PaymentType: dbtypes.PaymentTypeSent, CustomerID: finPtr("c-1")},
	} {
		p.PaymentDate, p.CreatedAt, p.UpdatedAt = finDate("2026-01-01"), f.now, f.now
		_, err := f.q.CreatePayment(f.ctx, p)
		var e *compassdb.Error
		if !errors.Is(err, compassdb.ErrCheckViolation) || !errors.As(err, &e) || e.Constraint != "payments_counterparty_check" {
			t.Errorf("%s: %v, want ErrCheckViolation payments_counterparty_check", p.ID, err)
		}
	}
	// The valid shapes.
	f.payment(t, db.CreatePaymentParams{ID: "received", PaymentType: dbtypes.PaymentTypeReceived, CustomerID: finPtr("c-1")})
	sent := f.payment(t, db.CreatePaymentParams{ID: "sent", PaymentType: dbtypes.PaymentTypeSent, VendorID: finPtr("v-1")})
	// Turning a sent payment into a received one without moving the counterparty is refused too.
	_, err := f.q.UpdatePayment(f.ctx, db.UpdatePaymentParams{ID: sent.ID, VendorID: sent.VendorID, PaymentType: dbtypes.PaymentTypeReceived, PaymentDate: sent.PaymentDate, UpdatedAt: f.now})
	if !errors.Is(err, compassdb.ErrCheckViolation) {
		t.Errorf("update sent→received keeping the vendor: %v, want ErrCheckViolation", err)
	}
}

func TestOverdueDocuments(t *testing.T) {
	f := newFinFixture(t)
	f.project(t, "p-1")
	f.project(t, "p-2")
	f.customer(t, "c-1", "One")
	f.vendor(t, "v-1", "One")
	today := finDate("2026-03-01")
	type row struct {
		id, project, status, due string // due "-" = NULL, "" = the legacy empty string
	}
	rows := []row{
		{"a", "p-1", "sent", "2026-02-09"},
		{"b", "p-1", "paid", "2026-01-20"},           // paid
		{"c", "p-1", "void", "2026-02-01"},           // void
		{"d", "p-2", "sent", "2026-02-01"},           // other project
		{"e", "", "draft", "-"},                      // no due date
		{"f", "p-1", "partially_paid", "2026-03-01"}, // due today: not yet overdue
		{"g", "p-1", "overdue", ""},                  // legacy "" due date
		{"h", "p-1", "sent", "2026-02-28"},
		{"i", "p-1", "draft", "2026-03-02"}, // due later
		{"j", "", "partially_paid", "2025-12-31"},
	}
	for _, r := range rows {
		due := dbtypes.NullDate{}
		if r.due != "-" && r.due != "" {
			due = finDue(r.due)
		}
		var project *string
		if r.project != "" {
			project = finPtr(r.project)
		}
		f.invoice(t, db.CreateInvoiceParams{ID: r.id, CustomerID: "c-1", ProjectID: project, Status: r.status, DueDate: due})
		f.bill(t, db.CreateVendorBillParams{ID: r.id, VendorID: "v-1", ProjectID: project, Status: r.status, DueDate: due})
		if r.due == "" {
			f.exec(t, `UPDATE invoices SET due_date = '' WHERE id = ?`, r.id)
			f.exec(t, `UPDATE vendor_bills SET due_date = '' WHERE id = ?`, r.id)
		}
	}
	wantAll, wantP1 := []string{"j", "d", "a", "h"}, []string{"a", "h"}
	invID := func(x db.Invoice) string { return x.ID }
	billID := func(x db.VendorBill) string { return x.ID }
	r := f.h.Reader()

	inv, err := r.ListOverdueInvoices(f.ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	finEqual(t, "ListOverdueInvoices", finIDs(inv, invID), wantAll)
	inv, err = r.ListOverdueInvoicesByProject(f.ctx, db.ListOverdueInvoicesByProjectParams{ProjectID: "p-1", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	finEqual(t, "ListOverdueInvoicesByProject", finIDs(inv, invID), wantP1)
	bills, err := r.ListOverdueVendorBills(f.ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	finEqual(t, "ListOverdueVendorBills", finIDs(bills, billID), wantAll)
	bills, err = r.ListOverdueVendorBillsByProject(f.ctx, db.ListOverdueVendorBillsByProjectParams{ProjectID: "p-1", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	finEqual(t, "ListOverdueVendorBillsByProject", finIDs(bills, billID), wantP1)
	// The legacy "" reads back as no due date.
	if g, err := r.GetInvoice(f.ctx, "g"); err != nil || g.DueDate.Valid {
		t.Errorf("invoice with due_date '' = %+v, %v", g.DueDate, err)
	}
	// A day later, f (due 03-01) is overdue too.
	inv, err = r.ListOverdueInvoicesByProject(f.ctx, db.ListOverdueInvoicesByProjectParams{ProjectID: "p-1", Today: today.AddDays(1)})
	if err != nil {
		t.Fatal(err)
	}
	finEqual(t, "overdue on 03-02", finIDs(inv, invID), []string{"a", "h", "f"})

	finOneStatement(t, f.h, func(q *db.Queries) error { _, err := q.ListOverdueInvoices(f.ctx, today); return err })
}

// TestMoneyIsExact stores amounts that are inexact as doubles and checks that they read back
// to the cent and that totals are exact, including over many rows.
func TestMoneyIsExact(t *testing.T) {
	f := newFinFixture(t)
	f.project(t, "p-1")
	f.project(t, "p-2")
	f.customer(t, "c-1", "One")
	f.vendor(t, "v-1", "One")

	// Through Go: 0.10 + 0.20 and 19.99 × 3.
	sub := dbtypes.Cents(10) + dbtypes.Cents(20)
	total := 3 * dbtypes.Cents(1999)
	inv := f.invoice(t, db.CreateInvoiceParams{ID: "go", CustomerID: "c-1", ProjectID: finPtr("p-1"), Status: "sent",
		Subtotal: sub, Tax: total - sub, Total: total, AmountPaid: sub, AmountDue: total - sub})
	got, err := f.h.Reader().GetInvoice(f.ctx, inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Subtotal != 30 || got.Total != 5997 || got.Tax != 5967 || got.AmountDue != 5967 {
		t.Errorf("read back subtotal %s total %s tax %s due %s; want 0.30 59.97 59.67 59.67", got.Subtotal, got.Total, got.Tax, got.AmountDue)
	}
	// Computed by SQLite in doubles, as a JavaScript client would: 0.1 + 0.2 = 0.30000000000000004
	// and 19.99 * 7 = 139.92999999999998 are stored, and still read as 0.30 and 139.93.
	f.invoice(t, db.CreateInvoiceParams{ID: "js", CustomerID: "c-1", ProjectID: finPtr("p-1"), Status: "sent"})
	f.exec(t, `UPDATE invoices SET subtotal = 0.1 + 0.2, tax = 19.99 * 3, total = 19.99 * 7, amount_paid = 0.1 + 0.2, amount_due = 19.99 * 7 - (0.1 + 0.2) WHERE id = 'js'`)
	var rawSub, rawTotal float64
	if err := f.h.ReadDB().QueryRow(`SELECT subtotal, total FROM invoices WHERE id = 'js'`).Scan(&rawSub, &rawTotal); err != nil {
		t.Fatal(err)
	}
	if rawSub == 0.3 || rawTotal == 139.93 {
		t.Fatalf("the fixture meant to store inexact doubles, got %v and %v", rawSub, rawTotal)
	}
	js, err := f.h.Reader().GetInvoice(f.ctx, "js")
	if err != nil {
		t.Fatal(err)
	}
	if js.Subtotal != 30 || js.Tax != 5997 || js.Total != 13993 || js.AmountDue != 13963 {
		t.Errorf("doubles from SQL read as %s %s %s %s; want 0.30 59.97 139.93 139.63", js.Subtotal, js.Tax, js.Total, js.AmountDue)
	}

	// Many small inexact amounts: 1000 × 0.10 and 1000 × 19.99 in another project, written as
	// doubles by SQL. A naive floating sum drifts; the totals must be exact.
	f.exec(t, `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
		INSERT INTO invoices (id, customer_id, project_id, status, issue_date, total, amount_paid, amount_due, created_at, updated_at)
		SELECT 'bulk-' || i, 'c-1', 'p-2', CASE WHEN i % 2 = 0 THEN 'paid' ELSE 'sent' END, '2026-01-01',
		       0.1 + 19.99 * (i % 2), 0.1, 19.99 * (i % 2), '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z' FROM n`)
	var naive float64
	if err := f.h.ReadDB().QueryRow(`SELECT total(total) FROM invoices WHERE project_id = 'p-2'`).Scan(&naive); err != nil {
		t.Fatal(err)
	}
	t.Logf("SQLite's floating sum of the 1000 totals: %.17g (exact: 10095)", naive)

	var totals []db.SumInvoicesByProjectRow
	finOneStatement(t, f.h, func(q *db.Queries) error {
		var err error
		totals, err = q.SumInvoicesByProject(f.ctx, "p-2")
		return err
	})
	want := []db.SumInvoicesByProjectRow{
		{Status: "paid", Count: 500, Total: 500 * 10, AmountPaid: 500 * 10, AmountDue: 0},
		{Status: "sent", Count: 500, Total: 500 * (10 + 1999), AmountPaid: 500 * 10, AmountDue: 500 * 1999},
	}
	if !slices.Equal(totals, want) {
		t.Errorf("SumInvoicesByProject(p-2) = %+v, want %+v", totals, want)
	}
	totals, err = f.h.Reader().SumInvoicesByProject(f.ctx, "p-1")
	if err != nil {
		t.Fatal(err)
	}
	want = []db.SumInvoicesByProjectRow{{Status: "sent", Count: 2, Total: 5997 + 13993, AmountPaid: 2 * 30, AmountDue: 5967 + 13963}}
	if !slices.Equal(totals, want) {
		t.Errorf("SumInvoicesByProject(p-1) = %+v, want %+v", totals, want)
	}
	byCustomer, err := f.h.Reader().SumInvoicesByCustomer(f.ctx, "c-1")
	if err != nil {
		t.Fatal(err)
	}
	wantC := []db.SumInvoicesByCustomerRow{
		{Status: "paid", Count: 500, Total: 5000, AmountPaid: 5000, AmountDue: 0},
		{Status: "sent", Count: 502, Total: 500*2009 + 5997 + 13993, AmountPaid: 5000 + 60, AmountDue: 500*1999 + 5967 + 13963},
	}
	if !slices.Equal(byCustomer, wantC) {
		t.Errorf("SumInvoicesByCustomer = %+v, want %+v", byCustomer, wantC)
	}
	if none, err := f.h.Reader().SumInvoicesByProject(f.ctx, "p-none"); err != nil || len(none) != 0 {
		t.Errorf("totals of a project without invoices = %+v, %v", none, err)
	}
}

func TestDocumentTotalsByStatus(t *testing.T) {
	f := newFinFixture(t)
	f.project(t, "p-1")
	f.project(t, "p-2")
	f.customer(t, "c-1", "One")
	f.customer(t, "c-2", "Two")
	f.vendor(t, "v-1", "One")
	f.vendor(t, "v-2", "Two")
	r := f.h.Reader()

	f.bill(t, db.CreateVendorBillParams{ID: "b-1", VendorID: "v-1", ProjectID: finPtr("p-1"), Status: "pending", Total: 1999, AmountDue: 1999})
	f.bill(t, db.CreateVendorBillParams{ID: "b-2", VendorID: "v-1", ProjectID: finPtr("p-1"), Status: "pending", Total: 1, AmountDue: 1})
	f.bill(t, db.CreateVendorBillParams{ID: "b-3", VendorID: "v-2", ProjectID: finPtr("p-1"), Status: "paid", Total: 500, AmountPaid: 500})
	f.bill(t, db.CreateVendorBillParams{ID: "b-4", VendorID: "v-1", ProjectID: finPtr("p-2"), Status: "paid", Total: 700, AmountPaid: 700})
	bp, err := r.SumVendorBillsByProject(f.ctx, "p-1")
	if err != nil {
		t.Fatal(err)
	}
	if want := []db.SumVendorBillsByProjectRow{
		{Status: "paid", Count: 1, Total: 500, AmountPaid: 500}, {Status: "pending", Count: 2, Total: 2000, AmountDue: 2000},
	}; !slices.Equal(bp, want) {
		t.Errorf("SumVendorBillsByProject = %+v, want %+v", bp, want)
	}
	bv, err := r.SumVendorBillsByVendor(f.ctx, "v-1")
	if err != nil {
		t.Fatal(err)
	}
	if want := []db.SumVendorBillsByVendorRow{
		{Status: "paid", Count: 1, Total: 700, AmountPaid: 700}, {Status: "pending", Count: 2, Total: 2000, AmountDue: 2000},
	}; !slices.Equal(bv, want) {
		t.Errorf("SumVendorBillsByVendor = %+v, want %+v", bv, want)
	}

	f.memo(t, db.CreateCreditMemoParams{ID: "m-1", CustomerID: "c-1", ProjectID: finPtr("p-1"), Status: dbtypes.CreditMemoStatusDraft, Total: 10, AmountRemaining: 10})
	f.memo(t, db.CreateCreditMemoParams{ID: "m-2", CustomerID: "c-1", ProjectID: finPtr("p-1"), Status: dbtypes.CreditMemoStatusApplied, Total: 20, AmountApplied: 20})
	f.memo(t, db.CreateCreditMemoParams{ID: "m-3", CustomerID: "c-2", ProjectID: finPtr("p-1"), Status: dbtypes.CreditMemoStatusApplied, Total: 5, AmountApplied: 3, AmountRemaining: 2})
	f.memo(t, db.CreateCreditMemoParams{ID: "m-4", CustomerID: "c-1", ProjectID: finPtr("p-2"), Status: dbtypes.CreditMemoStatusVoid, Total: 99})
	cp, err := r.SumCreditMemosByProject(f.ctx, "p-1")
	if err != nil {
		t.Fatal(err)
	}
	if want := []db.SumCreditMemosByProjectRow{
		{Status: dbtypes.CreditMemoStatusApplied, Count: 2, Total: 25, AmountApplied: 23, AmountRemaining: 2},
		{Status: dbtypes.CreditMemoStatusDraft, Count: 1, Total: 10, AmountRemaining: 10},
	}; !slices.Equal(cp, want) {
		t.Errorf("SumCreditMemosByProject = %+v, want %+v", cp, want)
	}
	cc, err := r.SumCreditMemosByCustomer(f.ctx, "c-1")
	if err != nil {
		t.Fatal(err)
	}
	if want := []db.SumCreditMemosByCustomerRow{
		{Status: dbtypes.CreditMemoStatusApplied, Count: 1, Total: 20, AmountApplied: 20},
		{Status: dbtypes.CreditMemoStatusDraft, Count: 1, Total: 10, AmountRemaining: 10},
		{Status: dbtypes.CreditMemoStatusVoid, Count: 1, Total: 99},
	}; !slices.Equal(cc, want) {
		t.Errorf("SumCreditMemosByCustomer = %+v, want %+v", cc, want)
	}

	f.payment(t, db.CreatePaymentParams{ID: "pay-1", ProjectID: finPtr("p-1"), CustomerID: finPtr("c-1"), PaymentType: dbtypes.PaymentTypeReceived, Amount: 1999})
	f.payment(t, db.CreatePaymentParams{ID: "pay-2", ProjectID: finPtr("p-1"), CustomerID: finPtr("c-1"), PaymentType: dbtypes.PaymentTypeReceived, Amount: 1999})
	f.payment(t, db.CreatePaymentParams{ID: "pay-3", ProjectID: finPtr("p-1"), VendorID: finPtr("v-1"), PaymentType: dbtypes.PaymentTypeSent, Amount: 10})
	f.payment(t, db.CreatePaymentParams{ID: "pay-4", ProjectID: finPtr("p-2"), VendorID: finPtr("v-1"), PaymentType: dbtypes.PaymentTypeSent, Amount: 20})
	pp, err := r.SumPaymentsByProject(f.ctx, "p-1")
	if err != nil {
		t.Fatal(err)
	}
	if want := []db.SumPaymentsByProjectRow{
		{PaymentType: dbtypes.PaymentTypeReceived, Count: 2, Amount: 3998}, {PaymentType: dbtypes.PaymentTypeSent, Count: 1, Amount: 10},
	}; !slices.Equal(pp, want) {
		t.Errorf("SumPaymentsByProject = %+v, want %+v", pp, want)
	}
	pc, err := r.SumPaymentsByCustomer(f.ctx, "c-1")
	if err != nil {
		t.Fatal(err)
	}
	if want := []db.SumPaymentsByCustomerRow{{PaymentType: dbtypes.PaymentTypeReceived, Count: 2, Amount: 3998}}; !slices.Equal(pc, want) {
		t.Errorf("SumPaymentsByCustomer = %+v, want %+v", pc, want)
	}
	pv, err := r.SumPaymentsByVendor(f.ctx, "v-1")
	if err != nil {
		t.Fatal(err)
	}
	if want := []db.SumPaymentsByVendorRow{{PaymentType: dbtypes.PaymentTypeSent, Count: 2, Amount: 30}}; !slices.Equal(pv, want) {
		t.Errorf("SumPaymentsByVendor = %+v, want %+v", pv, want)
	}
}
