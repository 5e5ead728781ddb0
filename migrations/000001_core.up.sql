-- Feature group 1: core (people, organizations, projects, schedules, customers, vendors,
-- feedback, chat). Columns, types, defaults and foreign keys are those of the existing
-- Compass database; the indexes, unique keys and CHECK constraints below them are additions
-- that the existing data either already satisfies or that `compassdb adopt` reports.

CREATE TABLE users (
  id TEXT PRIMARY KEY NOT NULL,
  email TEXT NOT NULL,
  first_name TEXT,
  last_name TEXT,
  display_name TEXT,
  avatar_url TEXT,
  role TEXT NOT NULL DEFAULT 'office',
  is_active INTEGER NOT NULL DEFAULT 1,
  last_login_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  google_email TEXT,
  CONSTRAINT users_role_check CHECK (role IN ('admin', 'office', 'field', 'client')),
  CONSTRAINT users_is_active_check CHECK (is_active IN (0, 1))
);
CREATE UNIQUE INDEX users_email_unique ON users (email);
CREATE INDEX users_is_active_idx ON users (is_active);

CREATE TABLE organizations (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  slug TEXT NOT NULL,
  type TEXT NOT NULL,
  logo_url TEXT,
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT organizations_type_check CHECK (type IN ('internal', 'client')),
  CONSTRAINT organizations_is_active_check CHECK (is_active IN (0, 1))
);
CREATE UNIQUE INDEX organizations_slug_unique ON organizations (slug);

CREATE TABLE organization_members (
  id TEXT PRIMARY KEY NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  joined_at TEXT NOT NULL
);
CREATE UNIQUE INDEX organization_members_org_user_unique ON organization_members (organization_id, user_id);
CREATE INDEX organization_members_user_idx ON organization_members (user_id);

CREATE TABLE teams (
  id TEXT PRIMARY KEY NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX teams_organization_idx ON teams (organization_id);

CREATE TABLE team_members (
  id TEXT PRIMARY KEY NOT NULL,
  team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  joined_at TEXT NOT NULL
);
CREATE UNIQUE INDEX team_members_team_user_unique ON team_members (team_id, user_id);
CREATE INDEX team_members_user_idx ON team_members (user_id);

CREATE TABLE groups (
  id TEXT PRIMARY KEY NOT NULL,
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  color TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX groups_organization_idx ON groups (organization_id);

CREATE TABLE group_members (
  id TEXT PRIMARY KEY NOT NULL,
  group_id TEXT NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  joined_at TEXT NOT NULL
);
CREATE UNIQUE INDEX group_members_group_user_unique ON group_members (group_id, user_id);
CREATE INDEX group_members_user_idx ON group_members (user_id);

CREATE TABLE projects (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'OPEN',
  address TEXT,
  client_name TEXT,
  project_manager TEXT,
  netsuite_job_id TEXT,
  organization_id TEXT REFERENCES organizations (id)
);
CREATE INDEX projects_organization_idx ON projects (organization_id);
CREATE INDEX projects_name_idx ON projects (name);

CREATE TABLE project_members (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  assigned_at TEXT NOT NULL
);
CREATE UNIQUE INDEX project_members_project_user_unique ON project_members (project_id, user_id);
CREATE INDEX project_members_user_idx ON project_members (user_id);

CREATE TABLE schedule_tasks (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  start_date TEXT NOT NULL,
  workdays INTEGER NOT NULL,
  end_date_calculated TEXT NOT NULL,
  phase TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'PENDING',
  is_critical_path INTEGER NOT NULL DEFAULT 0,
  is_milestone INTEGER NOT NULL DEFAULT 0,
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  percent_complete INTEGER NOT NULL DEFAULT 0,
  assigned_to TEXT,
  CONSTRAINT schedule_tasks_status_check CHECK (status IN ('PENDING', 'IN_PROGRESS', 'COMPLETE', 'BLOCKED')),
  CONSTRAINT schedule_tasks_workdays_check CHECK (workdays >= 0),
  CONSTRAINT schedule_tasks_is_critical_path_check CHECK (is_critical_path IN (0, 1)),
  CONSTRAINT schedule_tasks_is_milestone_check CHECK (is_milestone IN (0, 1)),
  CONSTRAINT schedule_tasks_percent_complete_check CHECK (percent_complete BETWEEN 0 AND 100)
);
CREATE INDEX schedule_tasks_project_sort_idx ON schedule_tasks (project_id, sort_order);
CREATE INDEX schedule_tasks_updated_idx ON schedule_tasks (project_id, updated_at);

CREATE TABLE task_dependencies (
  id TEXT PRIMARY KEY NOT NULL,
  predecessor_id TEXT NOT NULL REFERENCES schedule_tasks (id) ON DELETE CASCADE,
  successor_id TEXT NOT NULL REFERENCES schedule_tasks (id) ON DELETE CASCADE,
  type TEXT NOT NULL DEFAULT 'FS',
  lag_days INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT task_dependencies_type_check CHECK (type IN ('FS', 'SS', 'FF', 'SF')),
  CONSTRAINT task_dependencies_no_self_check CHECK (predecessor_id <> successor_id)
);
CREATE UNIQUE INDEX task_dependencies_edge_unique ON task_dependencies (predecessor_id, successor_id);
CREATE INDEX task_dependencies_successor_idx ON task_dependencies (successor_id);

CREATE TABLE workday_exceptions (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  type TEXT NOT NULL DEFAULT 'non_working',
  category TEXT NOT NULL DEFAULT 'company_holiday',
  recurrence TEXT NOT NULL DEFAULT 'one_time',
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT workday_exceptions_type_check CHECK (type IN ('non_working', 'holiday', 'working')),
  CONSTRAINT workday_exceptions_category_check CHECK (category IN ('national_holiday', 'state_holiday', 'vacation_day', 'company_holiday', 'weather_day')),
  CONSTRAINT workday_exceptions_recurrence_check CHECK (recurrence IN ('one_time', 'yearly'))
);
CREATE INDEX workday_exceptions_project_start_idx ON workday_exceptions (project_id, start_date);

CREATE TABLE schedule_baselines (
  id TEXT PRIMARY KEY NOT NULL,
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  snapshot_data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CONSTRAINT schedule_baselines_snapshot_data_check CHECK (json_valid(snapshot_data))
);
CREATE INDEX schedule_baselines_project_idx ON schedule_baselines (project_id, created_at);

CREATE TABLE customers (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  created_at TEXT NOT NULL,
  netsuite_id TEXT,
  updated_at TEXT,
  company TEXT,
  address TEXT,
  notes TEXT
);
CREATE UNIQUE INDEX customers_netsuite_id_unique ON customers (netsuite_id) WHERE netsuite_id IS NOT NULL;
CREATE INDEX customers_name_idx ON customers (name, id);

CREATE TABLE vendors (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT 'Subcontractor',
  email TEXT,
  phone TEXT,
  address TEXT,
  created_at TEXT NOT NULL,
  netsuite_id TEXT,
  updated_at TEXT
);
CREATE UNIQUE INDEX vendors_netsuite_id_unique ON vendors (netsuite_id) WHERE netsuite_id IS NOT NULL;
CREATE INDEX vendors_name_idx ON vendors (name, id);

CREATE TABLE feedback (
  id TEXT PRIMARY KEY NOT NULL,
  type TEXT NOT NULL,
  message TEXT NOT NULL,
  name TEXT,
  email TEXT,
  page_url TEXT,
  user_agent TEXT,
  viewport_width INTEGER,
  viewport_height INTEGER,
  ip_hash TEXT,
  github_issue_url TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT feedback_type_check CHECK (type IN ('bug', 'feature', 'question', 'general'))
);
CREATE INDEX feedback_ip_hash_created_idx ON feedback (ip_hash, created_at);

CREATE TABLE agent_conversations (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title TEXT,
  last_message_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX agent_conversations_user_last_message_idx ON agent_conversations (user_id, last_message_at DESC);

CREATE TABLE agent_memories (
  id TEXT PRIMARY KEY NOT NULL,
  conversation_id TEXT NOT NULL REFERENCES agent_conversations (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  content TEXT NOT NULL,
  embedding TEXT,
  metadata TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT agent_memories_role_check CHECK (role IN ('user', 'assistant', 'system')),
  CONSTRAINT agent_memories_embedding_check CHECK (json_valid(embedding)),
  CONSTRAINT agent_memories_metadata_check CHECK (json_valid(metadata))
);
CREATE INDEX agent_memories_conversation_created_idx ON agent_memories (conversation_id, created_at);
CREATE INDEX agent_memories_user_idx ON agent_memories (user_id);

CREATE TABLE feedback_interviews (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id),
  user_name TEXT NOT NULL,
  user_role TEXT NOT NULL,
  responses TEXT NOT NULL,
  summary TEXT NOT NULL,
  pain_points TEXT,
  feature_requests TEXT,
  overall_sentiment TEXT NOT NULL,
  github_issue_url TEXT,
  conversation_id TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT feedback_interviews_sentiment_check CHECK (overall_sentiment IN ('positive', 'neutral', 'negative', 'mixed')),
  CONSTRAINT feedback_interviews_responses_check CHECK (json_valid(responses)),
  CONSTRAINT feedback_interviews_pain_points_check CHECK (json_valid(pain_points)),
  CONSTRAINT feedback_interviews_feature_requests_check CHECK (json_valid(feature_requests))
);
CREATE INDEX feedback_interviews_user_idx ON feedback_interviews (user_id);

CREATE TABLE slab_memories (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  content TEXT NOT NULL,
  memory_type TEXT NOT NULL,
  tags TEXT,
  importance REAL NOT NULL DEFAULT 0.7,
  pinned INTEGER NOT NULL DEFAULT 0,
  access_count INTEGER NOT NULL DEFAULT 0,
  last_accessed_at TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT slab_memories_memory_type_check CHECK (memory_type IN ('preference', 'workflow', 'fact', 'decision')),
  CONSTRAINT slab_memories_importance_check CHECK (importance BETWEEN 0 AND 1),
  CONSTRAINT slab_memories_pinned_check CHECK (pinned IN (0, 1)),
  CONSTRAINT slab_memories_access_count_check CHECK (access_count >= 0)
);
CREATE INDEX slab_memories_user_created_idx ON slab_memories (user_id, created_at);

CREATE TABLE push_tokens (
  id TEXT PRIMARY KEY NOT NULL,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token TEXT NOT NULL,
  platform TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT push_tokens_platform_check CHECK (platform IN ('ios', 'android'))
);
CREATE UNIQUE INDEX push_tokens_user_platform_unique ON push_tokens (user_id, platform);
CREATE INDEX push_tokens_token_idx ON push_tokens (token);
