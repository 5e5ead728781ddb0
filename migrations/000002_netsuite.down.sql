-- Reverses 000002_netsuite.up.sql: drops its tables, children first (their indexes go with them).
DROP TABLE credit_memos;
DROP TABLE payments;
DROP TABLE vendor_bills;
DROP TABLE invoices;
DROP TABLE netsuite_sync_log;
DROP TABLE netsuite_sync_metadata;
DROP TABLE netsuite_auth;
