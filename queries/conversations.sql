-- name: UpsertAgentConversation :one
-- Creates the conversation or, if it exists and belongs to the user, moves its
-- last_message_at and sets its title when one is given (NULL keeps the old title). If the
-- id belongs to another user nothing changes and no row is returned (sql.ErrNoRows).
INSERT INTO agent_conversations (id, user_id, title, last_message_at, created_at)
VALUES (@id, @user_id, @title, @last_message_at, @created_at)
ON CONFLICT (id) DO UPDATE SET
  last_message_at = excluded.last_message_at,
  title = coalesce(excluded.title, agent_conversations.title)
WHERE agent_conversations.user_id = excluded.user_id
RETURNING *;

-- name: EnsureAgentConversation :execrows
-- Creates the conversation if the id is free; changes nothing otherwise (the caller then
-- checks the owner with GetAgentConversation).
INSERT INTO agent_conversations (id, user_id, title, last_message_at, created_at)
VALUES (@id, @user_id, NULL, @created_at, @created_at)
ON CONFLICT (id) DO NOTHING;

-- name: GetAgentConversation :one
SELECT * FROM agent_conversations
WHERE id = @id AND user_id = @user_id;

-- name: ListRecentAgentConversations :many
-- The user's 20 most recently active conversations (the app's fixed list size).
SELECT id, title, last_message_at, created_at FROM agent_conversations
WHERE user_id = @user_id
ORDER BY last_message_at DESC, id DESC
LIMIT 20;

-- name: DeleteAgentConversation :execrows
-- Deletes the user's conversation; its messages and usage rows go with it (cascade).
DELETE FROM agent_conversations
WHERE id = @id AND user_id = @user_id;

-- name: CreateConversationMessage :exec
INSERT INTO agent_memories (id, conversation_id, user_id, role, content, metadata, created_at)
VALUES (@id, @conversation_id, @user_id, @role, @content, @metadata, @created_at);

-- name: DeleteConversationMessages :execrows
-- Deletes every message of the conversation, if it belongs to the user.
DELETE FROM agent_memories
WHERE conversation_id = @conversation_id
  AND EXISTS (SELECT 1 FROM agent_conversations c WHERE c.id = @conversation_id AND c.user_id = @user_id);

-- name: ListConversationMessages :many
-- The messages of the user's conversation in saved order; none if the conversation is
-- not the user's. The client stamps every message of one save with the same created_at,
-- so the order is (created_at, rowid): compassdb's ReplaceConversation inserts the
-- messages in order in one transaction, which gives increasing rowids, and the
-- (conversation_id, created_at) index ends with the rowid, so the order needs no sort.
-- VACUUM may renumber rowids but keeps their relative order.
SELECT m.* FROM agent_memories m
JOIN agent_conversations c ON c.id = m.conversation_id
WHERE m.conversation_id = @conversation_id AND c.user_id = @user_id
ORDER BY m.created_at, m.rowid;

-- name: ListConversationMessagesPage :many
-- Keyset page of ListConversationMessages: up to page_size messages after the message
-- after_id (an empty string for the first page). If that message is no longer in the
-- conversation the page is empty.
SELECT m.* FROM agent_memories m
JOIN agent_conversations c ON c.id = m.conversation_id
WHERE m.conversation_id = @conversation_id AND c.user_id = @user_id
  AND ((m.created_at, m.rowid) > (SELECT a.created_at, a.rowid FROM agent_memories a
                                  WHERE a.id = @after_id AND a.conversation_id = @conversation_id)
       OR @after_id = '')
ORDER BY m.created_at, m.rowid
LIMIT @page_size;

-- Whole-row access (every table has a Select and an Insert type and a basic
-- get/list/create/update/delete; the scoped, atomic operations above are what the
-- application flows use).

-- name: ListAgentConversationsByUser :many
SELECT * FROM agent_conversations
WHERE user_id = @user_id
ORDER BY created_at, id;

-- name: CreateAgentConversation :one
INSERT INTO agent_conversations (id, user_id, title, last_message_at, created_at)
VALUES (@id, @user_id, @title, @last_message_at, @created_at)
RETURNING *;

-- name: UpdateAgentConversation :one
UPDATE agent_conversations SET
  title = @title,
  last_message_at = @last_message_at
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: GetAgentMemory :one
SELECT * FROM agent_memories
WHERE id = @id AND user_id = @user_id;

-- name: ListAgentMemoriesByUser :many
SELECT * FROM agent_memories
WHERE user_id = @user_id
ORDER BY created_at, id;

-- name: ListAgentMemoriesByConversation :many
SELECT * FROM agent_memories
WHERE conversation_id = @conversation_id AND user_id = @user_id
ORDER BY created_at, id;

-- name: CreateAgentMemory :one
INSERT INTO agent_memories (id, conversation_id, user_id, role, content, embedding, metadata, created_at)
VALUES (@id, @conversation_id, @user_id, @role, @content, @embedding, @metadata, @created_at)
RETURNING *;

-- name: UpdateAgentMemory :one
UPDATE agent_memories SET
  conversation_id = @conversation_id,
  role = @role,
  content = @content,
  embedding = @embedding,
  metadata = @metadata
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: DeleteAgentMemory :execrows
DELETE FROM agent_memories
WHERE id = @id AND user_id = @user_id;
