-- push_tokens

-- name: GetPushToken :one
SELECT * FROM push_tokens
WHERE id = @id AND user_id = @user_id;

-- name: ListPushTokensByUser :many
SELECT * FROM push_tokens
WHERE user_id = @user_id
ORDER BY created_at, id;

-- name: CreatePushToken :one
INSERT INTO push_tokens (id, user_id, token, platform, created_at, updated_at)
VALUES (@id, @user_id, @token, @platform, @created_at, @updated_at)
RETURNING *;

-- name: UpdatePushToken :one
UPDATE push_tokens SET
  token = @token,
  platform = @platform,
  updated_at = @updated_at
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: DeletePushToken :execrows
DELETE FROM push_tokens
WHERE id = @id AND user_id = @user_id;

-- Registers a device: one token per (user, platform). A new registration replaces the
-- token of the existing row, which keeps its id and created_at. One statement
-- (replaces the delete-then-insert of api/push/register).
-- name: UpsertPushToken :one
INSERT INTO push_tokens (id, user_id, token, platform, created_at, updated_at)
VALUES (@id, @user_id, @token, @platform, @now, @now)
ON CONFLICT (user_id, platform) DO UPDATE SET
  token = excluded.token,
  updated_at = excluded.updated_at
RETURNING *;

-- Unregisters one device of a user. Token strings are not unique across users.
-- name: DeletePushTokenByToken :execrows
DELETE FROM push_tokens
WHERE user_id = @user_id AND token = @token;

-- Sign-out: every token of the user.
-- name: DeletePushTokensByUser :execrows
DELETE FROM push_tokens
WHERE user_id = @user_id;
