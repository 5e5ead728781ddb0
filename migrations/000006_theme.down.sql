-- Reverses 000006_theme.up.sql: drops its tables, children first (their indexes go with them).
DROP TABLE user_theme_preference;
DROP TABLE custom_themes;
