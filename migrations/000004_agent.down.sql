-- Reverses 000004_agent.up.sql: drops its tables, children first (their indexes go with them).
DROP TABLE agent_items;
