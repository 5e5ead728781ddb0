-- Feature group 6: custom themes and each user's active theme (a preset id or a
-- custom_themes.id, so active_theme_id has no foreign key).

CREATE TABLE custom_themes (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  theme_data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT custom_themes_theme_data_check CHECK (json_valid(theme_data))
);
CREATE INDEX custom_themes_user_updated_idx ON custom_themes (user_id, updated_at DESC);

CREATE TABLE user_theme_preference (
  user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  active_theme_id TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
