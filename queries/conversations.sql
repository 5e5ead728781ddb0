-- agent_conversations

-- name: GetAgentConversation :one
SELECT * FROM agent_conversations
WHERE id = @id AND user_id = @user_id;

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

-- name: DeleteAgentConversation :execrows
DELETE FROM agent_conversations
WHERE id = @id AND user_id = @user_id;

-- agent_memories

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
