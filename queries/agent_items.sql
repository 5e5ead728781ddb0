-- agent_items

-- name: GetAgentItem :one
SELECT * FROM agent_items
WHERE id = @id AND user_id = @user_id;

-- name: ListAgentItemsByUser :many
SELECT * FROM agent_items
WHERE user_id = @user_id
ORDER BY sort_order, id;

-- name: CreateAgentItem :one
INSERT INTO agent_items (id, user_id, conversation_id, type, title, content, done, sort_order, parent_id, metadata, created_at, updated_at)
VALUES (@id, @user_id, @conversation_id, @type, @title, @content, @done, @sort_order, @parent_id, @metadata, @created_at, @updated_at)
RETURNING *;

-- name: UpdateAgentItem :one
UPDATE agent_items SET
  conversation_id = @conversation_id,
  type = @type,
  title = @title,
  content = @content,
  done = @done,
  sort_order = @sort_order,
  parent_id = @parent_id,
  metadata = @metadata,
  updated_at = @updated_at
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: DeleteAgentItem :execrows
DELETE FROM agent_items
WHERE id = @id AND user_id = @user_id;
