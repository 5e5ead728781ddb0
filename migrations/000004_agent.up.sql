-- Feature group 4: the assistant's items (todos, notes, checklists). conversation_id and
-- parent_id have no foreign key in the existing database and keep none here.

CREATE TABLE agent_items (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  conversation_id TEXT,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  content TEXT,
  done INTEGER NOT NULL DEFAULT 0,
  sort_order INTEGER NOT NULL DEFAULT 0,
  parent_id TEXT,
  metadata TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT agent_items_type_check CHECK (type IN ('todo', 'note', 'checklist')),
  CONSTRAINT agent_items_done_check CHECK (done IN (0, 1)),
  CONSTRAINT agent_items_metadata_check CHECK (json_valid(metadata))
);
CREATE INDEX agent_items_user_conversation_idx ON agent_items (user_id, conversation_id);
