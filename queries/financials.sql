-- Financial documents: invoices, vendor bills, payments and credit memos.
--
-- Lists are newest first, keyset-paginated by (document date, id): for the next page pass
-- the last row's date and id as before_<date> and before_id; for the first page pass nil
-- for both (the sentinel '~' sorts after every date).
--
-- Totals add whole cents as integers, so they are exact however many rows they sum (a
-- stored amount that is not a whole number of cents is rounded to the nearest cent there,
-- while reading that row fails); CAST(... AS MONEY) types them as dbtypes.Money.
--
-- Overdue on a day: not paid or void, with a due date ('' is none) before that day.

-- invoices

-- name: GetInvoice :one
SELECT * FROM invoices
WHERE id = @id;

-- name: ListInvoices :many
SELECT * FROM invoices
WHERE (issue_date, id) < (coalesce(CAST(sqlc.narg(before_issue_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY issue_date DESC, id DESC
LIMIT @limit;

-- name: ListInvoicesByProject :many
SELECT * FROM invoices
WHERE project_id = CAST(@project_id AS TEXT)
  AND (issue_date, id) < (coalesce(CAST(sqlc.narg(before_issue_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY issue_date DESC, id DESC
LIMIT @limit;

-- name: ListInvoicesByCustomer :many
SELECT * FROM invoices
WHERE customer_id = @customer_id
  AND (issue_date, id) < (coalesce(CAST(sqlc.narg(before_issue_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY issue_date DESC, id DESC
LIMIT @limit;

-- name: CreateInvoice :one
INSERT INTO invoices (id, netsuite_id, customer_id, project_id, invoice_number, status, issue_date, due_date, subtotal, tax, total, amount_paid, amount_due, memo, line_items, created_at, updated_at)
VALUES (@id, @netsuite_id, @customer_id, @project_id, @invoice_number, @status, @issue_date, @due_date, @subtotal, @tax, @total, @amount_paid, @amount_due, @memo, @line_items, @created_at, @updated_at)
RETURNING *;

-- name: UpdateInvoice :one
-- Replaces every column but id and created_at (the application's dialogs send the
-- whole form).
UPDATE invoices SET
  netsuite_id = @netsuite_id,
  customer_id = @customer_id,
  project_id = @project_id,
  invoice_number = @invoice_number,
  status = @status,
  issue_date = @issue_date,
  due_date = @due_date,
  subtotal = @subtotal,
  tax = @tax,
  total = @total,
  amount_paid = @amount_paid,
  amount_due = @amount_due,
  memo = @memo,
  line_items = @line_items,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeleteInvoice :execrows
DELETE FROM invoices
WHERE id = @id;

-- name: SumInvoicesByProject :many
-- Count and exact sums of a project's invoices, one row per status.
SELECT status, COUNT(*) AS count,
  CAST(SUM(CAST(round(total * 100) AS INTEGER)) / 100.0 AS MONEY) AS total,
  CAST(SUM(CAST(round(amount_paid * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_paid,
  CAST(SUM(CAST(round(amount_due * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_due
FROM invoices
WHERE project_id = CAST(@project_id AS TEXT)
GROUP BY status
ORDER BY status;

-- name: SumInvoicesByCustomer :many
-- Count and exact sums of a customer's invoices, one row per status.
SELECT status, COUNT(*) AS count,
  CAST(SUM(CAST(round(total * 100) AS INTEGER)) / 100.0 AS MONEY) AS total,
  CAST(SUM(CAST(round(amount_paid * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_paid,
  CAST(SUM(CAST(round(amount_due * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_due
FROM invoices
WHERE customer_id = @customer_id
GROUP BY status
ORDER BY status;

-- name: ListOverdueInvoices :many
-- Past due on the given day, the longest overdue first.
SELECT * FROM invoices
WHERE status NOT IN ('paid', 'void')
  AND due_date IS NOT NULL AND due_date <> ''
  AND due_date < CAST(@today AS DATE_TEXT)
ORDER BY due_date, id;

-- name: ListOverdueInvoicesByProject :many
SELECT * FROM invoices
WHERE project_id = CAST(@project_id AS TEXT)
  AND status NOT IN ('paid', 'void')
  AND due_date IS NOT NULL AND due_date <> ''
  AND due_date < CAST(@today AS DATE_TEXT)
ORDER BY due_date, id;

-- vendor_bills

-- name: GetVendorBill :one
SELECT * FROM vendor_bills
WHERE id = @id;

-- name: ListVendorBills :many
SELECT * FROM vendor_bills
WHERE (bill_date, id) < (coalesce(CAST(sqlc.narg(before_bill_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY bill_date DESC, id DESC
LIMIT @limit;

-- name: ListVendorBillsByProject :many
SELECT * FROM vendor_bills
WHERE project_id = CAST(@project_id AS TEXT)
  AND (bill_date, id) < (coalesce(CAST(sqlc.narg(before_bill_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY bill_date DESC, id DESC
LIMIT @limit;

-- name: ListVendorBillsByVendor :many
SELECT * FROM vendor_bills
WHERE vendor_id = @vendor_id
  AND (bill_date, id) < (coalesce(CAST(sqlc.narg(before_bill_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY bill_date DESC, id DESC
LIMIT @limit;

-- name: CreateVendorBill :one
INSERT INTO vendor_bills (id, netsuite_id, vendor_id, project_id, bill_number, status, bill_date, due_date, subtotal, tax, total, amount_paid, amount_due, memo, line_items, created_at, updated_at)
VALUES (@id, @netsuite_id, @vendor_id, @project_id, @bill_number, @status, @bill_date, @due_date, @subtotal, @tax, @total, @amount_paid, @amount_due, @memo, @line_items, @created_at, @updated_at)
RETURNING *;

-- name: UpdateVendorBill :one
-- Replaces every column but id and created_at (the application's dialogs send the
-- whole form).
UPDATE vendor_bills SET
  netsuite_id = @netsuite_id,
  vendor_id = @vendor_id,
  project_id = @project_id,
  bill_number = @bill_number,
  status = @status,
  bill_date = @bill_date,
  due_date = @due_date,
  subtotal = @subtotal,
  tax = @tax,
  total = @total,
  amount_paid = @amount_paid,
  amount_due = @amount_due,
  memo = @memo,
  line_items = @line_items,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeleteVendorBill :execrows
DELETE FROM vendor_bills
WHERE id = @id;

-- name: SumVendorBillsByProject :many
-- Count and exact sums of a project's vendor bills, one row per status.
SELECT status, COUNT(*) AS count,
  CAST(SUM(CAST(round(total * 100) AS INTEGER)) / 100.0 AS MONEY) AS total,
  CAST(SUM(CAST(round(amount_paid * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_paid,
  CAST(SUM(CAST(round(amount_due * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_due
FROM vendor_bills
WHERE project_id = CAST(@project_id AS TEXT)
GROUP BY status
ORDER BY status;

-- name: SumVendorBillsByVendor :many
-- Count and exact sums of a vendor's vendor bills, one row per status.
SELECT status, COUNT(*) AS count,
  CAST(SUM(CAST(round(total * 100) AS INTEGER)) / 100.0 AS MONEY) AS total,
  CAST(SUM(CAST(round(amount_paid * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_paid,
  CAST(SUM(CAST(round(amount_due * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_due
FROM vendor_bills
WHERE vendor_id = @vendor_id
GROUP BY status
ORDER BY status;

-- name: ListOverdueVendorBills :many
-- Past due on the given day, the longest overdue first.
SELECT * FROM vendor_bills
WHERE status NOT IN ('paid', 'void')
  AND due_date IS NOT NULL AND due_date <> ''
  AND due_date < CAST(@today AS DATE_TEXT)
ORDER BY due_date, id;

-- name: ListOverdueVendorBillsByProject :many
SELECT * FROM vendor_bills
WHERE project_id = CAST(@project_id AS TEXT)
  AND status NOT IN ('paid', 'void')
  AND due_date IS NOT NULL AND due_date <> ''
  AND due_date < CAST(@today AS DATE_TEXT)
ORDER BY due_date, id;

-- payments

-- name: GetPayment :one
SELECT * FROM payments
WHERE id = @id;

-- name: ListPayments :many
SELECT * FROM payments
WHERE (payment_date, id) < (coalesce(CAST(sqlc.narg(before_payment_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY payment_date DESC, id DESC
LIMIT @limit;

-- name: ListPaymentsByProject :many
SELECT * FROM payments
WHERE project_id = CAST(@project_id AS TEXT)
  AND (payment_date, id) < (coalesce(CAST(sqlc.narg(before_payment_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY payment_date DESC, id DESC
LIMIT @limit;

-- name: ListPaymentsByCustomer :many
SELECT * FROM payments
WHERE customer_id = CAST(@customer_id AS TEXT)
  AND (payment_date, id) < (coalesce(CAST(sqlc.narg(before_payment_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY payment_date DESC, id DESC
LIMIT @limit;

-- name: ListPaymentsByVendor :many
SELECT * FROM payments
WHERE vendor_id = CAST(@vendor_id AS TEXT)
  AND (payment_date, id) < (coalesce(CAST(sqlc.narg(before_payment_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY payment_date DESC, id DESC
LIMIT @limit;

-- name: CreatePayment :one
INSERT INTO payments (id, netsuite_id, customer_id, vendor_id, project_id, payment_type, amount, payment_date, payment_method, reference_number, memo, created_at, updated_at)
VALUES (@id, @netsuite_id, @customer_id, @vendor_id, @project_id, @payment_type, @amount, @payment_date, @payment_method, @reference_number, @memo, @created_at, @updated_at)
RETURNING *;

-- name: UpdatePayment :one
-- Replaces every column but id and created_at (the application's dialogs send the
-- whole form).
UPDATE payments SET
  netsuite_id = @netsuite_id,
  customer_id = @customer_id,
  vendor_id = @vendor_id,
  project_id = @project_id,
  payment_type = @payment_type,
  amount = @amount,
  payment_date = @payment_date,
  payment_method = @payment_method,
  reference_number = @reference_number,
  memo = @memo,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeletePayment :execrows
DELETE FROM payments
WHERE id = @id;

-- name: SumPaymentsByProject :many
-- Count and exact sums of a project's payments, one row per payment type.
SELECT payment_type, COUNT(*) AS count,
  CAST(SUM(CAST(round(amount * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount
FROM payments
WHERE project_id = CAST(@project_id AS TEXT)
GROUP BY payment_type
ORDER BY payment_type;

-- name: SumPaymentsByCustomer :many
-- Count and exact sums of a customer's payments, one row per payment type.
SELECT payment_type, COUNT(*) AS count,
  CAST(SUM(CAST(round(amount * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount
FROM payments
WHERE customer_id = CAST(@customer_id AS TEXT)
GROUP BY payment_type
ORDER BY payment_type;

-- name: SumPaymentsByVendor :many
-- Count and exact sums of a vendor's payments, one row per payment type.
SELECT payment_type, COUNT(*) AS count,
  CAST(SUM(CAST(round(amount * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount
FROM payments
WHERE vendor_id = CAST(@vendor_id AS TEXT)
GROUP BY payment_type
ORDER BY payment_type;

-- credit_memos

-- name: GetCreditMemo :one
SELECT * FROM credit_memos
WHERE id = @id;

-- name: ListCreditMemos :many
SELECT * FROM credit_memos
WHERE (issue_date, id) < (coalesce(CAST(sqlc.narg(before_issue_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY issue_date DESC, id DESC
LIMIT @limit;

-- name: ListCreditMemosByProject :many
SELECT * FROM credit_memos
WHERE project_id = CAST(@project_id AS TEXT)
  AND (issue_date, id) < (coalesce(CAST(sqlc.narg(before_issue_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY issue_date DESC, id DESC
LIMIT @limit;

-- name: ListCreditMemosByCustomer :many
SELECT * FROM credit_memos
WHERE customer_id = @customer_id
  AND (issue_date, id) < (coalesce(CAST(sqlc.narg(before_issue_date) AS DATE_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY issue_date DESC, id DESC
LIMIT @limit;

-- name: CreateCreditMemo :one
INSERT INTO credit_memos (id, netsuite_id, customer_id, project_id, memo_number, status, issue_date, total, amount_applied, amount_remaining, memo, line_items, created_at, updated_at)
VALUES (@id, @netsuite_id, @customer_id, @project_id, @memo_number, @status, @issue_date, @total, @amount_applied, @amount_remaining, @memo, @line_items, @created_at, @updated_at)
RETURNING *;

-- name: UpdateCreditMemo :one
-- Replaces every column but id and created_at (the application's dialogs send the
-- whole form).
UPDATE credit_memos SET
  netsuite_id = @netsuite_id,
  customer_id = @customer_id,
  project_id = @project_id,
  memo_number = @memo_number,
  status = @status,
  issue_date = @issue_date,
  total = @total,
  amount_applied = @amount_applied,
  amount_remaining = @amount_remaining,
  memo = @memo,
  line_items = @line_items,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeleteCreditMemo :execrows
DELETE FROM credit_memos
WHERE id = @id;

-- name: SumCreditMemosByProject :many
-- Count and exact sums of a project's credit memos, one row per status.
SELECT status, COUNT(*) AS count,
  CAST(SUM(CAST(round(total * 100) AS INTEGER)) / 100.0 AS MONEY) AS total,
  CAST(SUM(CAST(round(amount_applied * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_applied,
  CAST(SUM(CAST(round(amount_remaining * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_remaining
FROM credit_memos
WHERE project_id = CAST(@project_id AS TEXT)
GROUP BY status
ORDER BY status;

-- name: SumCreditMemosByCustomer :many
-- Count and exact sums of a customer's credit memos, one row per status.
SELECT status, COUNT(*) AS count,
  CAST(SUM(CAST(round(total * 100) AS INTEGER)) / 100.0 AS MONEY) AS total,
  CAST(SUM(CAST(round(amount_applied * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_applied,
  CAST(SUM(CAST(round(amount_remaining * 100) AS INTEGER)) / 100.0 AS MONEY) AS amount_remaining
FROM credit_memos
WHERE customer_id = @customer_id
GROUP BY status
ORDER BY status;
