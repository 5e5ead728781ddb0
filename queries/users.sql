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

-- The people list (act/users.ts#getUsers) in one query: every active user with their
-- teams (id, name) and groups (id, name, color) as JSON arrays, and their project and
-- organization membership counts. Each correlated subquery is an index lookup on the
-- membership table's user_id index. compassdb.DecodeUserWithRelations turns the JSON
-- into Go slices (sorted by name); compassdb.DB.ListActiveUsersWithRelations does both.
-- name: ListActiveUsersWithRelations :many
SELECT
  sqlc.embed(users),
  CAST((SELECT json_group_array(json_object('id', teams.id, 'name', teams.name))
        FROM team_members JOIN teams ON teams.id = team_members.team_id
        WHERE team_members.user_id = users.id) AS TEXT) AS teams_json,
  CAST((SELECT json_group_array(json_object('id', groups.id, 'name', groups.name, 'color', groups.color))
        FROM group_members JOIN groups ON groups.id = group_members.group_id
        WHERE group_members.user_id = users.id) AS TEXT) AS groups_json,
  (SELECT count(*) FROM project_members WHERE project_members.user_id = users.id) AS project_count,
  (SELECT count(*) FROM organization_members WHERE organization_members.user_id = users.id) AS organization_count
FROM users
WHERE users.is_active = 1
ORDER BY coalesce(users.display_name, users.email) COLLATE NOCASE, users.id;

-- Login for a known identity-provider id: inserts a new active user, or, when the id
-- exists, only records the login (profile, role and is_active stay as they are, so a
-- deactivated user stays deactivated). One statement. An email already held by another
-- id fails with a unique violation on users(email): compassdb.DB.LoginUser adopts such
-- an invited placeholder instead.
-- name: UpsertUserOnLogin :one
INSERT INTO users (id, email, first_name, last_name, display_name, avatar_url, role, is_active, created_at, updated_at, last_login_at)
VALUES (@id, @email, @first_name, @last_name, @display_name, @avatar_url, @role, 1, @now, @now, @now)
ON CONFLICT (id) DO UPDATE SET last_login_at = excluded.last_login_at
RETURNING *;

-- Records an authenticated request (lib/auth.ts#getCurrentUser).
-- name: TouchUserLastLogin :execrows
UPDATE users SET last_login_at = @last_login_at
WHERE id = @id;

-- name: UpdateUserRole :one
UPDATE users SET role = @role, updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- Soft delete: users are never hard-deleted by the application.
-- name: DeactivateUser :one
UPDATE users SET is_active = 0, updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: UpdateUserProfile :one
UPDATE users SET
  first_name = @first_name,
  last_name = @last_name,
  display_name = @display_name,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: UpdateUserGoogleEmail :one
UPDATE users SET google_email = @google_email, updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- Re-keys a user row to a new identity-provider id and records the login. A placeholder
-- that never logged in (an invitation) becomes active and takes the identity provider's
-- names and avatar where it has none; a user that logged in before keeps is_active as it
-- is. Rows referencing the old id must be moved in the same transaction with foreign
-- keys deferred: compassdb.DB.LoginUser does all of it.
-- name: RekeyUser :one
UPDATE users SET
  id = @new_id,
  is_active = CASE WHEN last_login_at IS NULL THEN 1 ELSE is_active END,
  first_name = coalesce(first_name, sqlc.narg(first_name)),
  last_name = coalesce(last_name, sqlc.narg(last_name)),
  display_name = CASE WHEN first_name IS NULL AND last_name IS NULL
    THEN coalesce(sqlc.narg(display_name), display_name) ELSE display_name END,
  avatar_url = coalesce(avatar_url, sqlc.narg(avatar_url)),
  updated_at = @now,
  last_login_at = @now
WHERE id = @old_id
RETURNING *;
