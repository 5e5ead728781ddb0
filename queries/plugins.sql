-- name: GetPlugin :one
SELECT * FROM plugins
WHERE id = @id;

-- name: CreatePluginIfAbsent :one
-- Inserts the plugin unless its id is taken; then no row is returned (sql.ErrNoRows).
INSERT INTO plugins (id, name, description, version, source, source_type, capabilities, required_env_vars, status, status_reason, enabled_by, enabled_at, installed_at, updated_at)
VALUES (@id, @name, @description, @version, @source, @source_type, @capabilities, @required_env_vars, @status, NULL, @enabled_by, @enabled_at, @installed_at, @installed_at)
ON CONFLICT (id) DO NOTHING
RETURNING *;

-- name: SetPluginStatus :one
UPDATE plugins SET
  status = @status,
  enabled_by = @enabled_by,
  enabled_at = @enabled_at,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeletePlugin :execrows
-- Deletes the plugin with its config and events (ON DELETE CASCADE).
DELETE FROM plugins
WHERE id = @id;

-- name: ListSkillsWithContent :many
-- Installed skills with their SKILL.md body (the plugin_config row with key content;
-- NULL if there is none), by name.
SELECT sqlc.embed(p), c.value AS content
FROM plugins p
LEFT JOIN plugin_config c ON c.plugin_id = p.id AND c.key = 'content'
WHERE p.source_type = 'skills'
ORDER BY p.name, p.id;

-- name: ListSkillsWithPreview :many
-- Installed skills with the first 200 characters of their content (empty if there is
-- none), by name.
SELECT sqlc.embed(p), CAST(coalesce(substr(c.value, 1, 200), '') AS TEXT) AS content_preview
FROM plugins p
LEFT JOIN plugin_config c ON c.plugin_id = p.id AND c.key = 'content'
WHERE p.source_type = 'skills'
ORDER BY p.name, p.id;

-- name: ListEnabledPluginsWithContent :many
-- Enabled plugins of every source type with their 'content' config (NULL if none): what
-- the agent's plugin registry loads.
SELECT sqlc.embed(p), c.value AS content
FROM plugins p
LEFT JOIN plugin_config c ON c.plugin_id = p.id AND c.key = 'content'
WHERE p.status = 'enabled'
ORDER BY p.name, p.id;

-- name: GetPluginConfig :one
SELECT * FROM plugin_config
WHERE id = @id;

-- name: GetPluginConfigByKey :one
-- One setting of a plugin by its key (UNIQUE (plugin_id, key)), e.g. a skill's 'content'.
SELECT * FROM plugin_config
WHERE plugin_id = @plugin_id AND key = @key;

-- name: UpsertPluginConfig :one
INSERT INTO plugin_config (id, plugin_id, key, value, is_encrypted, updated_at)
VALUES (@id, @plugin_id, @key, @value, @is_encrypted, @updated_at)
ON CONFLICT (plugin_id, key) DO UPDATE SET
  value = excluded.value,
  is_encrypted = excluded.is_encrypted,
  updated_at = excluded.updated_at
RETURNING *;

-- name: CreatePluginEvent :one
INSERT INTO plugin_events (id, plugin_id, event_type, details, user_id, created_at)
VALUES (@id, @plugin_id, @event_type, @details, @user_id, @created_at)
RETURNING *;

-- name: ListPluginEventsByPlugin :many
SELECT * FROM plugin_events
WHERE plugin_id = @plugin_id
ORDER BY created_at, id;

-- Whole-row access (every table has a Select and an Insert type and a basic
-- get/list/create/update/delete; the scoped, atomic operations above are what the
-- application flows use).

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
