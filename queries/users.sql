-- users

-- name: GetUser :one
SELECT * FROM users
WHERE id = @id;

-- name: GetUserByEmail :one
SELECT * FROM users
WHERE email = @email;

-- name: ListUsers :many
SELECT * FROM users
ORDER BY created_at, id;

-- name: CreateUser :one
INSERT INTO users (id, email, first_name, last_name, display_name, avatar_url, role, is_active, last_login_at, created_at, updated_at, google_email)
VALUES (@id, @email, @first_name, @last_name, @display_name, @avatar_url, @role, @is_active, @last_login_at, @created_at, @updated_at, @google_email)
RETURNING *;

-- name: UpdateUser :one
UPDATE users SET
  email = @email,
  first_name = @first_name,
  last_name = @last_name,
  display_name = @display_name,
  avatar_url = @avatar_url,
  role = @role,
  is_active = @is_active,
  last_login_at = @last_login_at,
  updated_at = @updated_at,
  google_email = @google_email
WHERE id = @id
RETURNING *;

-- name: DeleteUser :execrows
DELETE FROM users
WHERE id = @id;
