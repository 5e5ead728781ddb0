-- Feature group 3: plugins and skills.
-- plugins.capabilities is not CHECKed as JSON: skills installed by the existing system
-- store the bare word `prompt`; dbtypes.Capabilities reads both forms.

CREATE TABLE plugins (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  version TEXT NOT NULL,
  source TEXT NOT NULL,
  source_type TEXT NOT NULL,
  capabilities TEXT NOT NULL,
  required_env_vars TEXT,
  status TEXT NOT NULL DEFAULT 'disabled',
  status_reason TEXT,
  enabled_by TEXT REFERENCES users (id),
  enabled_at TEXT,
  installed_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT plugins_source_type_check CHECK (source_type IN ('builtin', 'local', 'npm', 'skills')),
  CONSTRAINT plugins_status_check CHECK (status IN ('enabled', 'disabled', 'error')),
  CONSTRAINT plugins_required_env_vars_check CHECK (json_valid(required_env_vars))
);
CREATE INDEX plugins_source_type_idx ON plugins (source_type);
CREATE INDEX plugins_status_idx ON plugins (status);
CREATE INDEX plugins_enabled_by_idx ON plugins (enabled_by);

CREATE TABLE plugin_config (
  id TEXT PRIMARY KEY NOT NULL,
  plugin_id TEXT NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  is_encrypted INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  CONSTRAINT plugin_config_is_encrypted_check CHECK (is_encrypted IN (0, 1))
);
CREATE UNIQUE INDEX plugin_config_plugin_key_unique ON plugin_config (plugin_id, key);

CREATE TABLE plugin_events (
  id TEXT PRIMARY KEY NOT NULL,
  plugin_id TEXT NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
  event_type TEXT NOT NULL,
  details TEXT,
  user_id TEXT REFERENCES users (id),
  created_at TEXT NOT NULL,
  CONSTRAINT plugin_events_event_type_check CHECK (event_type IN ('installed', 'enabled', 'disabled', 'configured', 'error'))
);
CREATE INDEX plugin_events_plugin_idx ON plugin_events (plugin_id, created_at);
CREATE INDEX plugin_events_user_idx ON plugin_events (user_id);
