-- Reverses 000008_dashboards.up.sql: drops its tables, children first (their indexes go with them).
DROP TABLE custom_dashboards;
