-- Reverses 000005_ai_config.up.sql: drops its tables, children first (their indexes go with them).
DROP TABLE agent_usage;
DROP TABLE user_model_preference;
DROP TABLE agent_config;
