-- agent_config

-- name: GetAgentConfig :one
SELECT * FROM agent_config
WHERE id = @id;

-- name: ListAgentConfigsByUpdatedBy :many
SELECT * FROM agent_config
WHERE updated_by = @updated_by
ORDER BY id;

-- name: CreateAgentConfig :one
INSERT INTO agent_config (id, model_id, model_name, provider, prompt_cost, completion_cost, context_length, updated_by, updated_at, max_cost_per_million, allow_user_selection)
VALUES (@id, @model_id, @model_name, @provider, @prompt_cost, @completion_cost, @context_length, @updated_by, @updated_at, @max_cost_per_million, @allow_user_selection)
RETURNING *;

-- name: UpdateAgentConfig :one
UPDATE agent_config SET
  model_id = @model_id,
  model_name = @model_name,
  provider = @provider,
  prompt_cost = @prompt_cost,
  completion_cost = @completion_cost,
  context_length = @context_length,
  updated_by = @updated_by,
  updated_at = @updated_at,
  max_cost_per_million = @max_cost_per_million,
  allow_user_selection = @allow_user_selection
WHERE id = @id
RETURNING *;

-- name: DeleteAgentConfig :execrows
DELETE FROM agent_config
WHERE id = @id;

-- user_model_preference

-- name: GetUserModelPreference :one
SELECT * FROM user_model_preference
WHERE user_id = @user_id;

-- name: CreateUserModelPreference :one
INSERT INTO user_model_preference (user_id, model_id, prompt_cost, completion_cost, updated_at)
VALUES (@user_id, @model_id, @prompt_cost, @completion_cost, @updated_at)
RETURNING *;

-- name: UpdateUserModelPreference :one
UPDATE user_model_preference SET
  model_id = @model_id,
  prompt_cost = @prompt_cost,
  completion_cost = @completion_cost,
  updated_at = @updated_at
WHERE user_id = @user_id
RETURNING *;

-- name: DeleteUserModelPreference :execrows
DELETE FROM user_model_preference
WHERE user_id = @user_id;

-- agent_usage

-- name: GetAgentUsage :one
SELECT * FROM agent_usage
WHERE id = @id AND user_id = @user_id;

-- name: ListAgentUsageByUser :many
SELECT * FROM agent_usage
WHERE user_id = @user_id
ORDER BY created_at, id;

-- name: ListAgentUsageByConversation :many
SELECT * FROM agent_usage
WHERE conversation_id = @conversation_id AND user_id = @user_id
ORDER BY created_at, id;

-- name: CreateAgentUsage :one
INSERT INTO agent_usage (id, conversation_id, user_id, model_id, prompt_tokens, completion_tokens, total_tokens, estimated_cost, created_at)
VALUES (@id, @conversation_id, @user_id, @model_id, @prompt_tokens, @completion_tokens, @total_tokens, @estimated_cost, @created_at)
RETURNING *;

-- name: UpdateAgentUsage :one
UPDATE agent_usage SET
  conversation_id = @conversation_id,
  model_id = @model_id,
  prompt_tokens = @prompt_tokens,
  completion_tokens = @completion_tokens,
  total_tokens = @total_tokens,
  estimated_cost = @estimated_cost
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: DeleteAgentUsage :execrows
DELETE FROM agent_usage
WHERE id = @id AND user_id = @user_id;
