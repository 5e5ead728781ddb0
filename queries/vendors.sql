-- vendors

-- name: GetVendor :one
SELECT * FROM vendors
WHERE id = @id;

-- name: ListVendors :many
SELECT * FROM vendors
ORDER BY created_at, id;

-- name: CreateVendor :one
INSERT INTO vendors (id, name, category, email, phone, address, created_at, netsuite_id, updated_at)
VALUES (@id, @name, @category, @email, @phone, @address, @created_at, @netsuite_id, @updated_at)
RETURNING *;

-- name: UpdateVendor :one
UPDATE vendors SET
  name = @name,
  category = @category,
  email = @email,
  phone = @phone,
  address = @address,
  netsuite_id = @netsuite_id,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeleteVendor :execrows
DELETE FROM vendors
WHERE id = @id;
