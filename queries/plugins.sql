-- plugins

-- name: GetPlugin :one
SELECT * FROM plugins
WHERE id = @id;

-- name: ListPluginsByEnabledBy :many
SELECT * FROM plugins
WHERE enabled_by = @enabled_by
ORDER BY id;

-- name: CreatePlugin :one
INSERT INTO plugins (id, name, description, version, source, source_type, capabilities, required_env_vars, status, status_reason, enabled_by, enabled_at, installed_at, updated_at)
VALUES (@id, @name, @description, @version, @source, @source_type, @capabilities, @required_env_vars, @status, @status_reason, @enabled_by, @enabled_at, @installed_at, @updated_at)
RETURNING *;

-- name: UpdatePlugin :one
UPDATE plugins SET
  name = @name,
  description = @description,
  version = @version,
  source = @source,
  source_type = @source_type,
  capabilities = @capabilities,
  required_env_vars = @required_env_vars,
  status = @status,
  status_reason = @status_reason,
  enabled_by = @enabled_by,
  enabled_at = @enabled_at,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeletePlugin :execrows
DELETE FROM plugins
WHERE id = @id;

-- plugin_config

-- name: GetPluginConfig :one
SELECT * FROM plugin_config
WHERE id = @id;

-- name: ListPluginConfigsByPlugin :many
SELECT * FROM plugin_config
WHERE plugin_id = @plugin_id
ORDER BY id;

-- name: CreatePluginConfig :one
INSERT INTO plugin_config (id, plugin_id, key, value, is_encrypted, updated_at)
VALUES (@id, @plugin_id, @key, @value, @is_encrypted, @updated_at)
RETURNING *;

-- name: UpdatePluginConfig :one
UPDATE plugin_config SET
  plugin_id = @plugin_id,
  key = @key,
  value = @value,
  is_encrypted = @is_encrypted,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeletePluginConfig :execrows
DELETE FROM plugin_config
WHERE id = @id;

-- plugin_events

-- name: GetPluginEvent :one
SELECT * FROM plugin_events
WHERE id = @id;

-- name: ListPluginEventsByUser :many
SELECT * FROM plugin_events
WHERE user_id = @user_id
ORDER BY created_at, id;

-- name: ListPluginEventsByPlugin :many
SELECT * FROM plugin_events
WHERE plugin_id = @plugin_id
ORDER BY created_at, id;

-- name: CreatePluginEvent :one
INSERT INTO plugin_events (id, plugin_id, event_type, details, user_id, created_at)
VALUES (@id, @plugin_id, @event_type, @details, @user_id, @created_at)
RETURNING *;

-- name: UpdatePluginEvent :one
UPDATE plugin_events SET
  plugin_id = @plugin_id,
  event_type = @event_type,
  details = @details,
  user_id = @user_id
WHERE id = @id
RETURNING *;

-- name: DeletePluginEvent :execrows
DELETE FROM plugin_events
WHERE id = @id;
