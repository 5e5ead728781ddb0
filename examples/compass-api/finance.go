package main

import (
	"context"
	"net/http"
	"strings"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/authz"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// ---- Customers and vendors -------------------------------------------------------------

// GET /customers?limit=&cursor=: customers by name, keyset-paginated.
func (a *api) listCustomers(w http.ResponseWriter, r *http.Request, s *session) error {
	limit, err := queryLimit(r)
	if err != nil {
		return err
	}
	p := db.ListCustomersParams{Limit: limit} // first page: after ("", "")
	if keys, ok, err := queryCursor(r, 2); err != nil {
		return err
	} else if ok {
		p.AfterName, p.AfterID = keys[0], keys[1]
	}
	customers, err := s.read.ListCustomers(r.Context(), p)
	if err != nil {
		return err
	}
	res := page[customerView]{Items: mapSlice(customers, viewCustomer)}
	if n := len(customers); n > 0 {
		res.NextCursor = nextCursor(n, limit, customers[n-1].Name, customers[n-1].ID)
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

type customerInput struct {
	Name       string  `json:"name"`
	Company    *string `json:"company"`
	Email      *string `json:"email"`
	Phone      *string `json:"phone"`
	Address    *string `json:"address"`
	Notes      *string `json:"notes"`
	NetsuiteID *string `json:"netsuite_id"`
}

// POST /customers
func (a *api) createCustomer(w http.ResponseWriter, r *http.Request, s *session) error {
	var in customerInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	if strings.TrimSpace(in.Name) == "" {
		return missing("name")
	}
	now := a.timestamp()
	c, err := s.write.CreateCustomer(r.Context(), db.CreateCustomerParams{
		ID: compassdb.NewID(), Name: strings.TrimSpace(in.Name), Company: in.Company, Email: in.Email, Phone: in.Phone,
		Address: in.Address, Notes: in.Notes, NetsuiteID: in.NetsuiteID, CreatedAt: now, UpdatedAt: &now,
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewCustomer(c))
	return nil
}

// GET /customers/{id}
func (a *api) getCustomer(w http.ResponseWriter, r *http.Request, s *session) error {
	c, err := s.read.GetCustomer(r.Context(), r.PathValue("id"))
	if err != nil {
		return notFound("customer", err)
	}
	writeJSON(w, http.StatusOK, viewCustomer(c))
	return nil
}

// DELETE /customers/{id}: refused with 409 while invoices, payments or credit memos
// reference the customer.
func (a *api) deleteCustomer(w http.ResponseWriter, r *http.Request, s *session) error {
	n, err := s.write.DeleteCustomer(r.Context(), r.PathValue("id"))
	return deleted(w, "customer", n, err)
}

// GET /vendors?limit=&cursor=: vendors by name, keyset-paginated.
func (a *api) listVendors(w http.ResponseWriter, r *http.Request, s *session) error {
	limit, err := queryLimit(r)
	if err != nil {
		return err
	}
	p := db.ListVendorsParams{Limit: limit}
	if keys, ok, err := queryCursor(r, 2); err != nil {
		return err
	} else if ok {
		p.AfterName, p.AfterID = keys[0], keys[1]
	}
	vendors, err := s.read.ListVendors(r.Context(), p)
	if err != nil {
		return err
	}
	res := page[vendorView]{Items: mapSlice(vendors, viewVendor)}
	if n := len(vendors); n > 0 {
		res.NextCursor = nextCursor(n, limit, vendors[n-1].Name, vendors[n-1].ID)
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

type vendorInput struct {
	Name       string  `json:"name"`
	Category   string  `json:"category"` // default "Subcontractor", as the schema
	Email      *string `json:"email"`
	Phone      *string `json:"phone"`
	Address    *string `json:"address"`
	NetsuiteID *string `json:"netsuite_id"`
}

// POST /vendors
func (a *api) createVendor(w http.ResponseWriter, r *http.Request, s *session) error {
	var in vendorInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	if strings.TrimSpace(in.Name) == "" {
		return missing("name")
	}
	if in.Category == "" {
		in.Category = "Subcontractor"
	}
	now := a.timestamp()
	v, err := s.write.CreateVendor(r.Context(), db.CreateVendorParams{
		ID: compassdb.NewID(), Name: strings.TrimSpace(in.Name), Category: in.Category, Email: in.Email, Phone: in.Phone,
		Address: in.Address, NetsuiteID: in.NetsuiteID, CreatedAt: now, UpdatedAt: &now,
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewVendor(v))
	return nil
}

// GET /vendors/{id}
func (a *api) getVendor(w http.ResponseWriter, r *http.Request, s *session) error {
	v, err := s.read.GetVendor(r.Context(), r.PathValue("id"))
	if err != nil {
		return notFound("vendor", err)
	}
	writeJSON(w, http.StatusOK, viewVendor(v))
	return nil
}

// DELETE /vendors/{id}: refused with 409 while bills or payments reference the vendor.
func (a *api) deleteVendor(w http.ResponseWriter, r *http.Request, s *session) error {
	n, err := s.write.DeleteVendor(r.Context(), r.PathValue("id"))
	return deleted(w, "vendor", n, err)
}

// ---- Financial documents ---------------------------------------------------------------

// documentAmounts are the money fields shared by invoices and bills. Total defaults to
// subtotal + tax, amount_due to total - amount_paid.
type documentAmounts struct {
	Subtotal   dbtypes.Money  `json:"subtotal"`
	Tax        dbtypes.Money  `json:"tax"`
	Total      *dbtypes.Money `json:"total"`
	AmountPaid dbtypes.Money  `json:"amount_paid"`
	AmountDue  *dbtypes.Money `json:"amount_due"`
}

func (m documentAmounts) resolve() (total, due dbtypes.Money) {
	total = given(m.Total, m.Subtotal+m.Tax)
	return total, given(m.AmountDue, total-m.AmountPaid)
}

type invoiceInput struct {
	CustomerID    string             `json:"customer_id"`
	ProjectID     *string            `json:"project_id"`
	InvoiceNumber *string            `json:"invoice_number"`
	Status        string             `json:"status"` // default "draft"
	IssueDate     *dbtypes.Date      `json:"issue_date"`
	DueDate       dbtypes.NullDate   `json:"due_date"`
	Memo          *string            `json:"memo"`
	LineItems     *dbtypes.LineItems `json:"line_items"`
	documentAmounts
}

// POST /invoices
func (a *api) createInvoice(w http.ResponseWriter, r *http.Request, s *session) error {
	var in invoiceInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case in.CustomerID == "":
		return missing("customer_id")
	case in.IssueDate == nil:
		return missing("issue_date")
	case in.Status == "":
		in.Status = "draft"
	}
	total, due := in.resolve()
	now := a.timestamp()
	inv, err := s.write.CreateInvoice(r.Context(), db.CreateInvoiceParams{
		ID: compassdb.NewID(), CustomerID: in.CustomerID, ProjectID: in.ProjectID, InvoiceNumber: in.InvoiceNumber,
		Status: in.Status, IssueDate: *in.IssueDate, DueDate: in.DueDate, Subtotal: in.Subtotal, Tax: in.Tax,
		Total: total, AmountPaid: in.AmountPaid, AmountDue: due, Memo: in.Memo, LineItems: in.LineItems,
		CreatedAt: now, UpdatedAt: now,
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewInvoice(inv))
	return nil
}

type billInput struct {
	VendorID   string             `json:"vendor_id"`
	ProjectID  *string            `json:"project_id"`
	BillNumber *string            `json:"bill_number"`
	Status     string             `json:"status"` // default "pending"
	BillDate   *dbtypes.Date      `json:"bill_date"`
	DueDate    dbtypes.NullDate   `json:"due_date"`
	Memo       *string            `json:"memo"`
	LineItems  *dbtypes.LineItems `json:"line_items"`
	documentAmounts
}

// POST /bills: a vendor bill.
func (a *api) createBill(w http.ResponseWriter, r *http.Request, s *session) error {
	var in billInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case in.VendorID == "":
		return missing("vendor_id")
	case in.BillDate == nil:
		return missing("bill_date")
	case in.Status == "":
		in.Status = "pending"
	}
	total, due := in.resolve()
	now := a.timestamp()
	b, err := s.write.CreateVendorBill(r.Context(), db.CreateVendorBillParams{
		ID: compassdb.NewID(), VendorID: in.VendorID, ProjectID: in.ProjectID, BillNumber: in.BillNumber,
		Status: in.Status, BillDate: *in.BillDate, DueDate: in.DueDate, Subtotal: in.Subtotal, Tax: in.Tax,
		Total: total, AmountPaid: in.AmountPaid, AmountDue: due, Memo: in.Memo, LineItems: in.LineItems,
		CreatedAt: now, UpdatedAt: now,
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewBill(b))
	return nil
}

type paymentInput struct {
	PaymentType     dbtypes.PaymentType    `json:"payment_type"`
	CustomerID      *string                `json:"customer_id"`
	VendorID        *string                `json:"vendor_id"`
	ProjectID       *string                `json:"project_id"`
	Amount          *dbtypes.Money         `json:"amount"`
	PaymentDate     *dbtypes.Date          `json:"payment_date"`
	PaymentMethod   *dbtypes.PaymentMethod `json:"payment_method"`
	ReferenceNumber *string                `json:"reference_number"`
	Memo            *string                `json:"memo"`
}

// POST /payments: a payment received from a customer or sent to a vendor.
func (a *api) createPayment(w http.ResponseWriter, r *http.Request, s *session) error {
	var in paymentInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case in.PaymentType == "":
		return missing("payment_type")
	case in.Amount == nil:
		return missing("amount")
	case in.PaymentDate == nil:
		return missing("payment_date")
	}
	if err := checkEnum("payment_type", in.PaymentType, dbtypes.PaymentTypeValues()); err != nil {
		return err
	}
	if in.PaymentMethod != nil {
		if err := checkEnum("payment_method", *in.PaymentMethod, dbtypes.PaymentMethodValues()); err != nil {
			return err
		}
	}
	now := a.timestamp()
	p, err := s.write.CreatePayment(r.Context(), db.CreatePaymentParams{
		ID: compassdb.NewID(), CustomerID: in.CustomerID, VendorID: in.VendorID, ProjectID: in.ProjectID,
		PaymentType: in.PaymentType, Amount: *in.Amount, PaymentDate: *in.PaymentDate, PaymentMethod: in.PaymentMethod,
		ReferenceNumber: in.ReferenceNumber, Memo: in.Memo, CreatedAt: now, UpdatedAt: now,
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewPayment(p))
	return nil
}

type creditMemoInput struct {
	CustomerID      string                   `json:"customer_id"`
	ProjectID       *string                  `json:"project_id"`
	MemoNumber      *string                  `json:"memo_number"`
	Status          dbtypes.CreditMemoStatus `json:"status"` // default draft
	IssueDate       *dbtypes.Date            `json:"issue_date"`
	Total           dbtypes.Money            `json:"total"`
	AmountApplied   dbtypes.Money            `json:"amount_applied"`
	AmountRemaining *dbtypes.Money           `json:"amount_remaining"` // default total - amount_applied
	Memo            *string                  `json:"memo"`
	LineItems       *dbtypes.LineItems       `json:"line_items"`
}

// POST /credit-memos
func (a *api) createCreditMemo(w http.ResponseWriter, r *http.Request, s *session) error {
	var in creditMemoInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	switch {
	case in.CustomerID == "":
		return missing("customer_id")
	case in.IssueDate == nil:
		return missing("issue_date")
	case in.Status == "":
		in.Status = dbtypes.CreditMemoStatusDraft
	}
	if err := checkEnum("status", in.Status, dbtypes.CreditMemoStatusValues()); err != nil {
		return err
	}
	now := a.timestamp()
	c, err := s.write.CreateCreditMemo(r.Context(), db.CreateCreditMemoParams{
		ID: compassdb.NewID(), CustomerID: in.CustomerID, ProjectID: in.ProjectID, MemoNumber: in.MemoNumber,
		Status: in.Status, IssueDate: *in.IssueDate, Total: in.Total, AmountApplied: in.AmountApplied,
		AmountRemaining: given(in.AmountRemaining, in.Total-in.AmountApplied), Memo: in.Memo, LineItems: in.LineItems,
		CreatedAt: now, UpdatedAt: now,
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewCreditMemo(c))
	return nil
}

// ---- A project's documents and totals ---------------------------------------------------

// keyset is the position after which a newest-first document list continues: the last
// row's date and id (nil on the first page).
type keyset struct {
	date *dbtypes.Date
	id   *string
}

// listByProject serves GET /projects/{id}/<documents>: the project's documents newest
// first (date, then id), keyset-paginated, read with the project check from one
// snapshot. list runs the query, key gives a row's (date, id) for the next cursor.
func listByProject[T, V any](w http.ResponseWriter, r *http.Request, s *session,
	list func(ctx context.Context, q *authz.Querier, projectID string, after keyset, limit int64) ([]T, error),
	key func(T) (dbtypes.Date, string), view func(T) V,
) error {
	limit, err := queryLimit(r)
	if err != nil {
		return err
	}
	var after keyset
	if keys, ok, err := queryCursor(r, 2); err != nil {
		return err
	} else if ok {
		d, err := dbtypes.ParseDate(keys[0])
		if err != nil {
			return invalidField("cursor", "not a cursor this list returned")
		}
		after = keyset{date: &d, id: &keys[1]}
	}
	projectID := r.PathValue("id")
	var rows []T
	err = s.readTx(r.Context(), func(q *authz.Querier) error {
		if _, err := q.GetProject(r.Context(), projectID); err != nil {
			return notFound("project", err)
		}
		var err error
		rows, err = list(r.Context(), q, projectID, after, limit)
		return err
	})
	if err != nil {
		return err
	}
	res := page[V]{Items: mapSlice(rows, view)}
	if n := len(rows); n > 0 {
		d, id := key(rows[n-1])
		res.NextCursor = nextCursor(n, limit, d.String(), id)
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// GET /projects/{id}/invoices
func (a *api) listProjectInvoices(w http.ResponseWriter, r *http.Request, s *session) error {
	return listByProject(w, r, s,
		func(ctx context.Context, q *authz.Querier, projectID string, after keyset, limit int64) ([]db.Invoice, error) {
			return q.ListInvoicesByProject(ctx, db.ListInvoicesByProjectParams{
				ProjectID: projectID, BeforeIssueDate: after.date, BeforeID: after.id, Limit: limit,
			})
		},
		func(i db.Invoice) (dbtypes.Date, string) { return i.IssueDate, i.ID }, viewInvoice)
}

// GET /projects/{id}/bills
func (a *api) listProjectBills(w http.ResponseWriter, r *http.Request, s *session) error {
	return listByProject(w, r, s,
		func(ctx context.Context, q *authz.Querier, projectID string, after keyset, limit int64) ([]db.VendorBill, error) {
			return q.ListVendorBillsByProject(ctx, db.ListVendorBillsByProjectParams{
				ProjectID: projectID, BeforeBillDate: after.date, BeforeID: after.id, Limit: limit,
			})
		},
		func(b db.VendorBill) (dbtypes.Date, string) { return b.BillDate, b.ID }, viewBill)
}

// GET /projects/{id}/payments
func (a *api) listProjectPayments(w http.ResponseWriter, r *http.Request, s *session) error {
	return listByProject(w, r, s,
		func(ctx context.Context, q *authz.Querier, projectID string, after keyset, limit int64) ([]db.Payment, error) {
			return q.ListPaymentsByProject(ctx, db.ListPaymentsByProjectParams{
				ProjectID: projectID, BeforePaymentDate: after.date, BeforeID: after.id, Limit: limit,
			})
		},
		func(p db.Payment) (dbtypes.Date, string) { return p.PaymentDate, p.ID }, viewPayment)
}

// GET /projects/{id}/credit-memos
func (a *api) listProjectCreditMemos(w http.ResponseWriter, r *http.Request, s *session) error {
	return listByProject(w, r, s,
		func(ctx context.Context, q *authz.Querier, projectID string, after keyset, limit int64) ([]db.CreditMemo, error) {
			return q.ListCreditMemosByProject(ctx, db.ListCreditMemosByProjectParams{
				ProjectID: projectID, BeforeIssueDate: after.date, BeforeID: after.id, Limit: limit,
			})
		},
		func(c db.CreditMemo) (dbtypes.Date, string) { return c.IssueDate, c.ID }, viewCreditMemo)
}

// GET /projects/{id}/finance: the project's invoices, bills and credit memos totalled by
// status and its payments by direction, all from one snapshot.
func (a *api) getProjectFinance(w http.ResponseWriter, r *http.Request, s *session) error {
	projectID := r.PathValue("id")
	v := financeView{ProjectID: projectID}
	err := s.readTx(r.Context(), func(q *authz.Querier) error {
		ctx := r.Context()
		if _, err := q.GetProject(ctx, projectID); err != nil {
			return notFound("project", err)
		}
		invoices, err := q.SumInvoicesByProject(ctx, projectID)
		if err != nil {
			return err
		}
		bills, err := q.SumVendorBillsByProject(ctx, projectID)
		if err != nil {
			return err
		}
		payments, err := q.SumPaymentsByProject(ctx, projectID)
		if err != nil {
			return err
		}
		credits, err := q.SumCreditMemosByProject(ctx, projectID)
		if err != nil {
			return err
		}
		v.Invoices = mapSlice(invoices, func(t db.SumInvoicesByProjectRow) statusTotalsView {
			return statusTotalsView{Status: t.Status, Count: t.Count, Total: t.Total, AmountPaid: t.AmountPaid, AmountDue: t.AmountDue}
		})
		v.Bills = mapSlice(bills, func(t db.SumVendorBillsByProjectRow) statusTotalsView {
			return statusTotalsView{Status: t.Status, Count: t.Count, Total: t.Total, AmountPaid: t.AmountPaid, AmountDue: t.AmountDue}
		})
		v.Payments = mapSlice(payments, func(t db.SumPaymentsByProjectRow) paymentTotalView {
			return paymentTotalView{PaymentType: t.PaymentType, Count: t.Count, Amount: t.Amount}
		})
		v.CreditMemos = mapSlice(credits, func(t db.SumCreditMemosByProjectRow) creditTotalsView {
			return creditTotalsView{Status: t.Status, Count: t.Count, Total: t.Total, AmountApplied: t.AmountApplied, AmountRemaining: t.AmountRemaining}
		})
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}
