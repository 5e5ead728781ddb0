-- name: GetAgentItem :one
SELECT * FROM agent_items
WHERE id = @id AND user_id = @user_id;

-- name: ListAgentItemsByUser :many
SELECT * FROM agent_items
WHERE user_id = @user_id
ORDER BY sort_order, created_at, id;

-- name: ListAgentItemsByConversation :many
SELECT * FROM agent_items
WHERE user_id = @user_id AND conversation_id = @conversation_id
ORDER BY sort_order, created_at, id;

-- name: CreateAgentItem :one
INSERT INTO agent_items (id, user_id, conversation_id, type, title, content, done, sort_order, parent_id, metadata, created_at, updated_at)
VALUES (@id, @user_id, @conversation_id, @type, @title, @content, @done, @sort_order, @parent_id, @metadata, @created_at, @updated_at)
RETURNING *;

-- name: CreateFreshAgentItem :one
-- A new item as the assistant creates it (agentItem.create): not done, sort_order 0,
-- updated_at = created_at.
INSERT INTO agent_items (id, user_id, conversation_id, type, title, content, done, sort_order, parent_id, metadata, created_at, updated_at)
VALUES (@id, @user_id, @conversation_id, @type, @title, @content, 0, 0, @parent_id, @metadata, @created_at, @created_at)
RETURNING *;

-- name: UpdateAgentItem :one
-- Sets the given fields (a nil parameter keeps the column) and updated_at.
UPDATE agent_items SET
  title = coalesce(sqlc.narg(title), title),
  content = coalesce(sqlc.narg(content), content),
  done = coalesce(CAST(sqlc.narg(done) AS BOOLEAN), done),
  sort_order = coalesce(sqlc.narg(sort_order), sort_order),
  metadata = coalesce(sqlc.narg(metadata), metadata),
  updated_at = @updated_at
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: ToggleAgentItemDone :one
UPDATE agent_items SET
  done = 1 - done,
  updated_at = @updated_at
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: DeleteAgentItem :execrows
DELETE FROM agent_items
WHERE id = @id AND user_id = @user_id;
