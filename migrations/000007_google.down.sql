-- Reverses 000007_google.up.sql: drops its tables, children first (their indexes go with them).
DROP TABLE google_starred_files;
DROP TABLE google_auth;
