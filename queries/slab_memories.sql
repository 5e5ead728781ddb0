-- slab_memories

-- name: GetSlabMemory :one
SELECT * FROM slab_memories
WHERE id = @id AND user_id = @user_id;

-- name: ListSlabMemoriesByUser :many
SELECT * FROM slab_memories
WHERE user_id = @user_id
ORDER BY created_at, id;

-- name: CreateSlabMemory :one
INSERT INTO slab_memories (id, user_id, content, memory_type, tags, importance, pinned, access_count, last_accessed_at, created_at)
VALUES (@id, @user_id, @content, @memory_type, @tags, @importance, @pinned, @access_count, @last_accessed_at, @created_at)
RETURNING *;

-- name: UpdateSlabMemory :one
UPDATE slab_memories SET
  content = @content,
  memory_type = @memory_type,
  tags = @tags,
  importance = @importance,
  pinned = @pinned,
  access_count = @access_count,
  last_accessed_at = @last_accessed_at
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: DeleteSlabMemory :execrows
DELETE FROM slab_memories
WHERE id = @id AND user_id = @user_id;
