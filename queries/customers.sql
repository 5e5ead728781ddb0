-- customers

-- name: GetCustomer :one
SELECT * FROM customers
WHERE id = @id;

-- name: ListCustomers :many
SELECT * FROM customers
ORDER BY created_at, id;

-- name: CreateCustomer :one
INSERT INTO customers (id, name, email, phone, created_at, netsuite_id, updated_at, company, address, notes)
VALUES (@id, @name, @email, @phone, @created_at, @netsuite_id, @updated_at, @company, @address, @notes)
RETURNING *;

-- name: UpdateCustomer :one
UPDATE customers SET
  name = @name,
  email = @email,
  phone = @phone,
  netsuite_id = @netsuite_id,
  updated_at = @updated_at,
  company = @company,
  address = @address,
  notes = @notes
WHERE id = @id
RETURNING *;

-- name: DeleteCustomer :execrows
DELETE FROM customers
WHERE id = @id;
