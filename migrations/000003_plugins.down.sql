-- Reverses 000003_plugins.up.sql: drops its tables, children first (their indexes go with them).
DROP TABLE plugin_events;
DROP TABLE plugin_config;
DROP TABLE plugins;
