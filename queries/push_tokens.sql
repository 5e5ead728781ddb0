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
