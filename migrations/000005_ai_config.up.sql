-- Feature group 5: model configuration and token-cost accounting. Costs are TEXT decimals
-- (OpenRouter per-token USD prices and toFixed(8) estimates), as the existing system writes them.

CREATE TABLE agent_config (
  id TEXT PRIMARY KEY NOT NULL,
  model_id TEXT NOT NULL,
  model_name TEXT NOT NULL,
  provider TEXT NOT NULL,
  prompt_cost TEXT NOT NULL,
  completion_cost TEXT NOT NULL,
  context_length INTEGER NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users (id),
  updated_at TEXT NOT NULL,
  max_cost_per_million TEXT,
  allow_user_selection INTEGER NOT NULL DEFAULT 1,
  CONSTRAINT agent_config_singleton_check CHECK (id = 'global'),
  CONSTRAINT agent_config_allow_user_selection_check CHECK (allow_user_selection IN (0, 1))
);
CREATE INDEX agent_config_updated_by_idx ON agent_config (updated_by);

CREATE TABLE user_model_preference (
  user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
  model_id TEXT NOT NULL,
  prompt_cost TEXT NOT NULL,
  completion_cost TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE agent_usage (
  id TEXT PRIMARY KEY NOT NULL,
  conversation_id TEXT NOT NULL REFERENCES agent_conversations (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users (id),
  model_id TEXT NOT NULL,
  prompt_tokens INTEGER NOT NULL DEFAULT 0,
  completion_tokens INTEGER NOT NULL DEFAULT 0,
  total_tokens INTEGER NOT NULL DEFAULT 0,
  estimated_cost TEXT NOT NULL,
  created_at TEXT NOT NULL,
  CONSTRAINT agent_usage_tokens_check CHECK (prompt_tokens >= 0 AND completion_tokens >= 0 AND total_tokens >= 0)
);
CREATE INDEX agent_usage_created_idx ON agent_usage (created_at);
CREATE INDEX agent_usage_conversation_created_idx ON agent_usage (conversation_id, created_at);
CREATE INDEX agent_usage_user_created_idx ON agent_usage (user_id, created_at);
