-- Feature group 7: Google Drive (the encrypted service-account key and per-user stars).

CREATE TABLE google_auth (
  id TEXT PRIMARY KEY NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  service_account_key_encrypted TEXT NOT NULL,
  workspace_domain TEXT NOT NULL,
  shared_drive_id TEXT,
  shared_drive_name TEXT,
  connected_by TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX google_auth_organization_idx ON google_auth (organization_id);
CREATE INDEX google_auth_connected_by_idx ON google_auth (connected_by);

CREATE TABLE google_starred_files (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  google_file_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX google_starred_files_user_file_unique ON google_starred_files (user_id, google_file_id);
