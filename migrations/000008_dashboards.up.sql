-- Feature group 8: custom dashboards (json-render specs saved by the assistant).

CREATE TABLE custom_dashboards (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  spec_data TEXT NOT NULL,
  queries TEXT NOT NULL,
  render_prompt TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT custom_dashboards_spec_data_check CHECK (json_valid(spec_data)),
  CONSTRAINT custom_dashboards_queries_check CHECK (json_valid(queries))
);
CREATE INDEX custom_dashboards_user_updated_idx ON custom_dashboards (user_id, updated_at DESC);
