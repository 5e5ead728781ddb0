-- invoices

-- name: GetInvoice :one
SELECT * FROM invoices
WHERE id = @id;

-- name: ListInvoicesByProject :many
SELECT * FROM invoices
WHERE project_id = @project_id
ORDER BY created_at, id;

-- name: ListInvoicesByCustomer :many
SELECT * FROM invoices
WHERE customer_id = @customer_id
ORDER BY created_at, id;

-- name: CreateInvoice :one
INSERT INTO invoices (id, netsuite_id, customer_id, project_id, invoice_number, status, issue_date, due_date, subtotal, tax, total, amount_paid, amount_due, memo, line_items, created_at, updated_at)
VALUES (@id, @netsuite_id, @customer_id, @project_id, @invoice_number, @status, @issue_date, @due_date, @subtotal, @tax, @total, @amount_paid, @amount_due, @memo, @line_items, @created_at, @updated_at)
RETURNING *;

-- name: UpdateInvoice :one
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

-- vendor_bills

-- name: GetVendorBill :one
SELECT * FROM vendor_bills
WHERE id = @id;

-- name: ListVendorBillsByProject :many
SELECT * FROM vendor_bills
WHERE project_id = @project_id
ORDER BY created_at, id;

-- name: ListVendorBillsByVendor :many
SELECT * FROM vendor_bills
WHERE vendor_id = @vendor_id
ORDER BY created_at, id;

-- name: CreateVendorBill :one
INSERT INTO vendor_bills (id, netsuite_id, vendor_id, project_id, bill_number, status, bill_date, due_date, subtotal, tax, total, amount_paid, amount_due, memo, line_items, created_at, updated_at)
VALUES (@id, @netsuite_id, @vendor_id, @project_id, @bill_number, @status, @bill_date, @due_date, @subtotal, @tax, @total, @amount_paid, @amount_due, @memo, @line_items, @created_at, @updated_at)
RETURNING *;

-- name: UpdateVendorBill :one
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

-- payments

-- name: GetPayment :one
SELECT * FROM payments
WHERE id = @id;

-- name: ListPaymentsByProject :many
SELECT * FROM payments
WHERE project_id = @project_id
ORDER BY created_at, id;

-- name: ListPaymentsByVendor :many
SELECT * FROM payments
WHERE vendor_id = @vendor_id
ORDER BY created_at, id;

-- name: ListPaymentsByCustomer :many
SELECT * FROM payments
WHERE customer_id = @customer_id
ORDER BY created_at, id;

-- name: CreatePayment :one
INSERT INTO payments (id, netsuite_id, customer_id, vendor_id, project_id, payment_type, amount, payment_date, payment_method, reference_number, memo, created_at, updated_at)
VALUES (@id, @netsuite_id, @customer_id, @vendor_id, @project_id, @payment_type, @amount, @payment_date, @payment_method, @reference_number, @memo, @created_at, @updated_at)
RETURNING *;

-- name: UpdatePayment :one
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

-- credit_memos

-- name: GetCreditMemo :one
SELECT * FROM credit_memos
WHERE id = @id;

-- name: ListCreditMemosByProject :many
SELECT * FROM credit_memos
WHERE project_id = @project_id
ORDER BY created_at, id;

-- name: ListCreditMemosByCustomer :many
SELECT * FROM credit_memos
WHERE customer_id = @customer_id
ORDER BY created_at, id;

-- name: CreateCreditMemo :one
INSERT INTO credit_memos (id, netsuite_id, customer_id, project_id, memo_number, status, issue_date, total, amount_applied, amount_remaining, memo, line_items, created_at, updated_at)
VALUES (@id, @netsuite_id, @customer_id, @project_id, @memo_number, @status, @issue_date, @total, @amount_applied, @amount_remaining, @memo, @line_items, @created_at, @updated_at)
RETURNING *;

-- name: UpdateCreditMemo :one
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
