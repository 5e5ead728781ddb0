-- customers
--
-- Lists are keyset-paginated by (name, id), served by customers_name_idx: pass the last
-- row's name and id as after_name / after_id for the next page, and "" / "" for the first.

-- name: GetCustomer :one
SELECT * FROM customers
WHERE id = @id;

-- name: GetCustomerByNetsuiteID :one
-- The local customer linked to a NetSuite record (customers_netsuite_id_unique).
SELECT * FROM customers
WHERE netsuite_id = CAST(@netsuite_id AS TEXT);

-- name: ListCustomers :many
SELECT * FROM customers
WHERE (name, id) > (CAST(@after_name AS TEXT), CAST(@after_id AS TEXT))
ORDER BY name, id
LIMIT @limit;

-- name: SearchCustomers :many
-- Customers whose name contains a text: pass compassdb.LikeContains(text) as pattern.
SELECT * FROM customers
WHERE name LIKE @pattern ESCAPE '\'
ORDER BY name, id
LIMIT @limit;

-- name: CreateCustomer :one
INSERT INTO customers (id, name, email, phone, created_at, netsuite_id, updated_at, company, address, notes)
VALUES (@id, @name, @email, @phone, @created_at, @netsuite_id, @updated_at, @company, @address, @notes)
RETURNING *;

-- name: UpdateCustomer :one
-- Changes only the columns given (a nil field keeps the stored value) and stamps updated_at.
-- A nullable column cannot be set back to NULL this way; the application stores "" for a
-- cleared form field.
UPDATE customers SET
  name = coalesce(sqlc.narg(name), name),
  email = coalesce(sqlc.narg(email), email),
  phone = coalesce(sqlc.narg(phone), phone),
  netsuite_id = coalesce(sqlc.narg(netsuite_id), netsuite_id),
  company = coalesce(sqlc.narg(company), company),
  address = coalesce(sqlc.narg(address), address),
  notes = coalesce(sqlc.narg(notes), notes),
  updated_at = CAST(@updated_at AS TIMESTAMP_TEXT)
WHERE id = @id
RETURNING *;

-- name: UpsertCustomerFromNetsuite :one
-- NetSuite pull: creates the customer linked to netsuite_id, or updates the pulled fields
-- (name, email, phone) of the one already linked. Local-only fields are kept.
INSERT INTO customers (id, name, email, phone, created_at, netsuite_id, updated_at)
VALUES (@id, @name, @email, @phone, @created_at, CAST(@netsuite_id AS TEXT), CAST(@updated_at AS TIMESTAMP_TEXT))
ON CONFLICT (netsuite_id) WHERE netsuite_id IS NOT NULL DO UPDATE SET
  name = excluded.name,
  email = excluded.email,
  phone = excluded.phone,
  updated_at = excluded.updated_at
RETURNING *;

-- name: DeleteCustomer :execrows
-- Refused with compassdb.ErrForeignKeyViolation while invoices, payments or credit memos
-- reference the customer.
DELETE FROM customers
WHERE id = @id;
