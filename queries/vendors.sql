-- vendors
--
-- Lists are keyset-paginated by (name, id), served by vendors_name_idx: pass the last
-- row's name and id as after_name / after_id for the next page, and "" / "" for the first.

-- name: GetVendor :one
SELECT * FROM vendors
WHERE id = @id;

-- name: GetVendorByNetsuiteID :one
-- The local vendor linked to a NetSuite record (vendors_netsuite_id_unique).
SELECT * FROM vendors
WHERE netsuite_id = CAST(@netsuite_id AS TEXT);

-- name: ListVendors :many
SELECT * FROM vendors
WHERE (name, id) > (CAST(@after_name AS TEXT), CAST(@after_id AS TEXT))
ORDER BY name, id
LIMIT @limit;

-- name: SearchVendors :many
-- Vendors whose name contains a text: pass compassdb.LikeContains(text) as pattern.
SELECT * FROM vendors
WHERE name LIKE @pattern ESCAPE '\'
ORDER BY name, id
LIMIT @limit;

-- name: CreateVendor :one
INSERT INTO vendors (id, name, category, email, phone, address, created_at, netsuite_id, updated_at)
VALUES (@id, @name, @category, @email, @phone, @address, @created_at, @netsuite_id, @updated_at)
RETURNING *;

-- name: UpdateVendor :one
-- Changes only the columns given (a nil field keeps the stored value) and stamps updated_at.
-- A nullable column cannot be set back to NULL this way; the application stores "" for a
-- cleared form field.
UPDATE vendors SET
  name = coalesce(sqlc.narg(name), name),
  category = coalesce(sqlc.narg(category), category),
  email = coalesce(sqlc.narg(email), email),
  phone = coalesce(sqlc.narg(phone), phone),
  address = coalesce(sqlc.narg(address), address),
  netsuite_id = coalesce(sqlc.narg(netsuite_id), netsuite_id),
  updated_at = CAST(@updated_at AS TIMESTAMP_TEXT)
WHERE id = @id
RETURNING *;

-- name: UpsertVendorFromNetsuite :one
-- NetSuite pull: creates the vendor linked to netsuite_id, or updates the pulled fields
-- (name, category, email, phone, address) of the one already linked.
INSERT INTO vendors (id, name, category, email, phone, address, created_at, netsuite_id, updated_at)
VALUES (@id, @name, @category, @email, @phone, @address, @created_at, CAST(@netsuite_id AS TEXT), CAST(@updated_at AS TIMESTAMP_TEXT))
ON CONFLICT (netsuite_id) WHERE netsuite_id IS NOT NULL DO UPDATE SET
  name = excluded.name,
  category = excluded.category,
  email = excluded.email,
  phone = excluded.phone,
  address = excluded.address,
  updated_at = excluded.updated_at
RETURNING *;

-- name: DeleteVendor :execrows
-- Refused with compassdb.ErrForeignKeyViolation while vendor bills or payments reference
-- the vendor.
DELETE FROM vendors
WHERE id = @id;
