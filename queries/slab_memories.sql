-- name: GetSlabMemory :one
SELECT * FROM slab_memories
WHERE id = @id AND user_id = @user_id;

-- name: ListSlabMemoriesByUser :many
-- The user's memories, newest first: at most page_size rows (a negative page_size means
-- all, as SQLite reads LIMIT -1). The next page comes from ListSlabMemoriesByUserBefore.
SELECT * FROM slab_memories
WHERE user_id = @user_id
ORDER BY created_at DESC, id DESC
LIMIT @page_size;

-- name: ListSlabMemoriesByUserBefore :many
-- Keyset page: the user's memories that sort after (before_created_at, before_id), the
-- last row of the previous page, in the order of ListSlabMemoriesByUser.
-- The cursor is written in the millisecond form; a page boundary on a row stored with
-- second precision (seed data: 2026-01-01T00:00:00Z) can skip rows of that same second.
SELECT * FROM slab_memories
WHERE user_id = @user_id
  AND created_at <= @before_created_at
  AND (created_at < @before_created_at OR id < @before_id)
ORDER BY created_at DESC, id DESC
LIMIT @page_size;

-- name: CountSlabMemoriesByUser :one
SELECT COUNT(*) FROM slab_memories
WHERE user_id = @user_id;

-- name: SearchSlabMemories :many
-- The user's memories whose content or tags match any of the LIKE patterns, given as a
-- JSON array of strings, newest first. Build each pattern with compassdb.LikeContains,
-- which escapes %, _ and the escape character \ (or call (*compassdb.DB).SearchMemories).
-- LIKE cannot use an index; the user_id prefix of the index bounds the scan to the user.
SELECT * FROM slab_memories
WHERE user_id = @user_id
  AND EXISTS (SELECT 1 FROM json_each(CAST(@patterns AS TEXT)) AS p
              WHERE (slab_memories.content LIKE p.value ESCAPE '\')
                 OR (slab_memories.tags LIKE p.value ESCAPE '\'))
ORDER BY created_at DESC, id DESC;

-- name: ListSlabMemoryCandidates :many
-- Near-duplicate candidates: the user's memories whose content matches one LIKE pattern
-- (build it with compassdb.LikeContains), oldest first.
SELECT * FROM slab_memories
WHERE user_id = @user_id AND (content LIKE @pattern ESCAPE '\')
ORDER BY created_at, id;

-- name: CreateSlabMemory :one
INSERT INTO slab_memories (id, user_id, content, memory_type, tags, importance, pinned, access_count, last_accessed_at, created_at)
VALUES (@id, @user_id, @content, @memory_type, @tags, @importance, @pinned, @access_count, @last_accessed_at, @created_at)
RETURNING *;

-- name: CreateFreshSlabMemory :one
-- A new memory as the assistant saves it (saveMemory): not pinned, never accessed.
INSERT INTO slab_memories (id, user_id, content, memory_type, tags, importance, pinned, access_count, last_accessed_at, created_at)
VALUES (@id, @user_id, @content, @memory_type, @tags, @importance, 0, 0, NULL, @created_at)
RETURNING *;

-- name: UpdateSlabMemoryContent :one
-- Overwrites a near-duplicate: content, type, tags and importance; created_at, pinned
-- and the access counters stay.
UPDATE slab_memories SET
  content = @content,
  memory_type = @memory_type,
  tags = @tags,
  importance = @importance
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: SetSlabMemoryPinned :one
UPDATE slab_memories SET pinned = @pinned
WHERE id = @id AND user_id = @user_id
RETURNING id, pinned;

-- name: ToggleSlabMemoryPin :one
UPDATE slab_memories SET pinned = 1 - pinned
WHERE id = @id AND user_id = @user_id
RETURNING id, pinned;

-- name: TouchSlabMemories :execrows
-- Counts one access of each listed memory of the user; ids of other users' memories
-- are ignored.
UPDATE slab_memories SET
  access_count = access_count + 1,
  last_accessed_at = @accessed_at
WHERE user_id = @user_id AND id IN (sqlc.slice(ids));

-- name: DeleteSlabMemory :one
DELETE FROM slab_memories
WHERE id = @id AND user_id = @user_id
RETURNING id;

-- name: PruneSlabMemories :many
-- Deletes the user's stale memories: unpinned, importance below 0.3, created before the
-- cutoff and never accessed.
DELETE FROM slab_memories
WHERE user_id = @user_id
  AND pinned = 0
  AND importance < 0.3
  AND created_at < @cutoff
  AND access_count = 0
RETURNING id;

-- Whole-row access (every table has a Select and an Insert type and a basic
-- get/list/create/update/delete; the scoped, atomic operations above are what the
-- application flows use).

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
