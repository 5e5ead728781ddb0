-- name: GetAgentConfig :one
-- The singleton configuration row (id global).
SELECT * FROM agent_config
WHERE id = 'global';

-- name: UpsertAgentConfigModel :one
-- Sets the active model. The policy columns (max_cost_per_million,
-- allow_user_selection) keep their values, or their defaults on the first write.
INSERT INTO agent_config (id, model_id, model_name, provider, prompt_cost, completion_cost, context_length, updated_by, updated_at)
VALUES ('global', @model_id, @model_name, @provider, @prompt_cost, @completion_cost, @context_length, @updated_by, @updated_at)
ON CONFLICT (id) DO UPDATE SET
  model_id = excluded.model_id,
  model_name = excluded.model_name,
  provider = excluded.provider,
  prompt_cost = excluded.prompt_cost,
  completion_cost = excluded.completion_cost,
  context_length = excluded.context_length,
  updated_by = excluded.updated_by,
  updated_at = excluded.updated_at
RETURNING *;

-- name: UpsertAgentConfigPolicy :one
-- Sets the model policy. The model columns keep their values; on the first write they get
-- the application's defaults (qwen/qwen3-coder-next, "Default", provider "default",
-- prices "0", context length 0).
INSERT INTO agent_config (id, model_id, model_name, provider, prompt_cost, completion_cost, context_length, updated_by, updated_at, max_cost_per_million, allow_user_selection)
VALUES ('global', 'qwen/qwen3-coder-next', 'Default', 'default', '0', '0', 0, @updated_by, @updated_at, @max_cost_per_million, @allow_user_selection)
ON CONFLICT (id) DO UPDATE SET
  max_cost_per_million = excluded.max_cost_per_million,
  allow_user_selection = excluded.allow_user_selection,
  updated_by = excluded.updated_by,
  updated_at = excluded.updated_at
RETURNING *;

-- name: GetUserModelPreference :one
SELECT * FROM user_model_preference
WHERE user_id = @user_id;

-- name: UpsertUserModelPreference :one
INSERT INTO user_model_preference (user_id, model_id, prompt_cost, completion_cost, updated_at)
VALUES (@user_id, @model_id, @prompt_cost, @completion_cost, @updated_at)
ON CONFLICT (user_id) DO UPDATE SET
  model_id = excluded.model_id,
  prompt_cost = excluded.prompt_cost,
  completion_cost = excluded.completion_cost,
  updated_at = excluded.updated_at
RETURNING *;

-- name: DeleteUserModelPreference :execrows
DELETE FROM user_model_preference
WHERE user_id = @user_id;

-- name: CreateAgentUsage :one
INSERT INTO agent_usage (id, conversation_id, user_id, model_id, prompt_tokens, completion_tokens, total_tokens, estimated_cost, created_at)
VALUES (@id, @conversation_id, @user_id, @model_id, @prompt_tokens, @completion_tokens, @total_tokens, @estimated_cost, @created_at)
RETURNING *;

-- name: SumUsageSince :one
-- Requests, tokens and cost since the given time (inclusive). Costs are stored as decimal
-- text; the usage aggregates sum them as REAL and return a float64 (the app shows it
-- with toFixed(4), which is strconv.FormatFloat(cost, 'f', 4, 64)).
SELECT
  COUNT(*) AS requests,
  CAST(coalesce(SUM(total_tokens), 0) AS INTEGER) AS total_tokens,
  CAST(coalesce(SUM(CAST(estimated_cost AS REAL)), 0) AS REAL) AS cost
FROM agent_usage
WHERE created_at >= @since;

-- name: ListUsageByDay :many
-- Per UTC day (YYYY-MM-DD) since the given time, oldest day first.
SELECT
  CAST(substr(created_at, 1, 10) AS TEXT) AS day,
  COUNT(*) AS requests,
  CAST(coalesce(SUM(total_tokens), 0) AS INTEGER) AS total_tokens,
  CAST(coalesce(SUM(CAST(estimated_cost AS REAL)), 0) AS REAL) AS cost
FROM agent_usage
WHERE created_at >= @since
GROUP BY day
ORDER BY day;

-- name: ListUsageByModel :many
-- Per model since the given time, most requested first (ties by model id).
SELECT
  model_id,
  COUNT(*) AS requests,
  CAST(coalesce(SUM(total_tokens), 0) AS INTEGER) AS total_tokens,
  CAST(coalesce(SUM(CAST(estimated_cost AS REAL)), 0) AS REAL) AS cost
FROM agent_usage
WHERE created_at >= @since
GROUP BY model_id
ORDER BY requests DESC, model_id;

-- name: ListUsageCostByUserMonth :many
-- Per user and UTC month (YYYY-MM) since the given time, by user then month. Without
-- statistics SQLite would rather walk the whole (user_id, created_at) index to save the
-- sort of the groups; INDEXED BY keeps it to the window.
SELECT
  user_id,
  CAST(substr(created_at, 1, 7) AS TEXT) AS month,
  COUNT(*) AS requests,
  CAST(coalesce(SUM(total_tokens), 0) AS INTEGER) AS total_tokens,
  CAST(coalesce(SUM(CAST(estimated_cost AS REAL)), 0) AS REAL) AS cost
FROM agent_usage INDEXED BY agent_usage_created_idx
WHERE created_at >= @since
GROUP BY user_id, month
ORDER BY user_id, month;

-- name: ListAgentUsageByConversation :many
-- Every usage row of a conversation, newest first: for admins.
SELECT * FROM agent_usage
WHERE conversation_id = @conversation_id
ORDER BY created_at DESC, id DESC;

-- name: ListAgentUsageByConversationForUser :many
-- The user's own usage rows of a conversation, newest first.
SELECT * FROM agent_usage
WHERE conversation_id = @conversation_id AND user_id = @user_id
ORDER BY created_at DESC, id DESC;

-- name: ListAgentUsageByUser :many
-- The user's usage, newest first: at most page_size rows (negative means all). The next
-- page comes from ListAgentUsageByUserBefore.
SELECT * FROM agent_usage
WHERE user_id = @user_id
ORDER BY created_at DESC, id DESC
LIMIT @page_size;

-- name: ListAgentUsageByUserBefore :many
-- Keyset page: the user's usage rows that sort after (before_created_at, before_id), the
-- last row of the previous page.
-- The cursor is written in the millisecond form; a page boundary on a row stored with
-- second precision (seed data: 2026-01-01T00:00:00Z) can skip rows of that same second.
SELECT * FROM agent_usage
WHERE user_id = @user_id
  AND created_at <= @before_created_at
  AND (created_at < @before_created_at OR id < @before_id)
ORDER BY created_at DESC, id DESC
LIMIT @page_size;

-- Whole-row access (every table has a Select and an Insert type and a basic
-- get/list/create/update/delete; the scoped, atomic operations above are what the
-- application flows use).

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

-- name: GetAgentUsage :one
SELECT * FROM agent_usage
WHERE id = @id AND user_id = @user_id;

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
