-- Feature group 2: NetSuite (OAuth tokens, sync bookkeeping, financial documents).
-- Money columns stay REAL as in the existing database; Go reads them as dbtypes.Money.

CREATE TABLE netsuite_auth (
  id TEXT PRIMARY KEY NOT NULL,
  account_id TEXT NOT NULL,
  access_token_encrypted TEXT NOT NULL,
  refresh_token_encrypted TEXT NOT NULL,
  expires_in INTEGER NOT NULL,
  token_type TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX netsuite_auth_account_unique ON netsuite_auth (account_id);

CREATE TABLE netsuite_sync_metadata (
  id TEXT PRIMARY KEY NOT NULL,
  local_table TEXT NOT NULL,
  local_record_id TEXT NOT NULL,
  netsuite_record_type TEXT NOT NULL,
  netsuite_internal_id TEXT,
  last_synced_at TEXT,
  last_modified_local TEXT,
  last_modified_remote TEXT,
  sync_status TEXT NOT NULL DEFAULT 'synced',
  conflict_data TEXT,
  error_message TEXT,
  retry_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT netsuite_sync_metadata_local_table_check CHECK (local_table IN ('customers', 'vendors', 'projects', 'invoices', 'vendor_bills')),
  CONSTRAINT netsuite_sync_metadata_record_type_check CHECK (netsuite_record_type IN ('customer', 'vendor', 'job', 'invoice', 'vendorBill')),
  CONSTRAINT netsuite_sync_metadata_sync_status_check CHECK (sync_status IN ('synced', 'pending_push', 'conflict', 'error')),
  CONSTRAINT netsuite_sync_metadata_conflict_data_check CHECK (json_valid(conflict_data)),
  CONSTRAINT netsuite_sync_metadata_retry_count_check CHECK (retry_count >= 0)
);
CREATE UNIQUE INDEX netsuite_sync_metadata_remote_unique ON netsuite_sync_metadata (local_table, netsuite_internal_id) WHERE netsuite_internal_id IS NOT NULL;
CREATE UNIQUE INDEX netsuite_sync_metadata_local_unique ON netsuite_sync_metadata (local_table, local_record_id);
CREATE INDEX netsuite_sync_metadata_table_status_idx ON netsuite_sync_metadata (local_table, sync_status);
CREATE INDEX netsuite_sync_metadata_status_idx ON netsuite_sync_metadata (sync_status);

CREATE TABLE netsuite_sync_log (
  id TEXT PRIMARY KEY NOT NULL,
  sync_type TEXT NOT NULL,
  record_type TEXT NOT NULL,
  direction TEXT NOT NULL,
  status TEXT NOT NULL,
  records_processed INTEGER NOT NULL DEFAULT 0,
  records_failed INTEGER NOT NULL DEFAULT 0,
  error_summary TEXT,
  started_at TEXT NOT NULL,
  completed_at TEXT,
  created_at TEXT NOT NULL,
  CONSTRAINT netsuite_sync_log_record_type_check CHECK (record_type IN ('customer', 'vendor', 'job', 'invoice', 'vendorBill')),
  CONSTRAINT netsuite_sync_log_direction_check CHECK (direction IN ('pull', 'push')),
  CONSTRAINT netsuite_sync_log_status_check CHECK (status IN ('running', 'completed', 'failed')),
  CONSTRAINT netsuite_sync_log_counts_check CHECK (records_processed >= 0 AND records_failed >= 0)
);
CREATE INDEX netsuite_sync_log_cursor_idx ON netsuite_sync_log (direction, record_type, status, completed_at);
CREATE INDEX netsuite_sync_log_created_idx ON netsuite_sync_log (created_at, id);

CREATE TABLE invoices (
  id TEXT PRIMARY KEY NOT NULL,
  netsuite_id TEXT,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  project_id TEXT REFERENCES projects (id),
  invoice_number TEXT,
  status TEXT NOT NULL DEFAULT 'draft',
  issue_date TEXT NOT NULL,
  due_date TEXT,
  subtotal REAL NOT NULL DEFAULT 0,
  tax REAL NOT NULL DEFAULT 0,
  total REAL NOT NULL DEFAULT 0,
  amount_paid REAL NOT NULL DEFAULT 0,
  amount_due REAL NOT NULL DEFAULT 0,
  memo TEXT,
  line_items TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT invoices_line_items_check CHECK (json_valid(line_items))
);
CREATE UNIQUE INDEX invoices_netsuite_id_unique ON invoices (netsuite_id) WHERE netsuite_id IS NOT NULL;
CREATE INDEX invoices_customer_idx ON invoices (customer_id, issue_date);
CREATE INDEX invoices_project_idx ON invoices (project_id, status);
CREATE INDEX invoices_issue_date_idx ON invoices (issue_date, id);

CREATE TABLE vendor_bills (
  id TEXT PRIMARY KEY NOT NULL,
  netsuite_id TEXT,
  vendor_id TEXT NOT NULL REFERENCES vendors (id),
  project_id TEXT REFERENCES projects (id),
  bill_number TEXT,
  status TEXT NOT NULL DEFAULT 'pending',
  bill_date TEXT NOT NULL,
  due_date TEXT,
  subtotal REAL NOT NULL DEFAULT 0,
  tax REAL NOT NULL DEFAULT 0,
  total REAL NOT NULL DEFAULT 0,
  amount_paid REAL NOT NULL DEFAULT 0,
  amount_due REAL NOT NULL DEFAULT 0,
  memo TEXT,
  line_items TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT vendor_bills_line_items_check CHECK (json_valid(line_items))
);
CREATE UNIQUE INDEX vendor_bills_netsuite_id_unique ON vendor_bills (netsuite_id) WHERE netsuite_id IS NOT NULL;
CREATE INDEX vendor_bills_vendor_idx ON vendor_bills (vendor_id, bill_date);
CREATE INDEX vendor_bills_project_idx ON vendor_bills (project_id, status);
CREATE INDEX vendor_bills_bill_date_idx ON vendor_bills (bill_date, id);

CREATE TABLE payments (
  id TEXT PRIMARY KEY NOT NULL,
  netsuite_id TEXT,
  customer_id TEXT REFERENCES customers (id),
  vendor_id TEXT REFERENCES vendors (id),
  project_id TEXT REFERENCES projects (id),
  payment_type TEXT NOT NULL,
  amount REAL NOT NULL,
  payment_date TEXT NOT NULL,
  payment_method TEXT,
  reference_number TEXT,
  memo TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT payments_payment_type_check CHECK (payment_type IN ('received', 'sent')),
  CONSTRAINT payments_counterparty_check CHECK (
    (payment_type = 'received' AND vendor_id IS NULL) OR (payment_type = 'sent' AND customer_id IS NULL)),
  CONSTRAINT payments_payment_method_check CHECK (
    payment_method IS NULL OR payment_method IN ('', 'check', 'ach', 'wire', 'credit_card', 'cash', 'other'))
);
CREATE UNIQUE INDEX payments_netsuite_id_unique ON payments (netsuite_id) WHERE netsuite_id IS NOT NULL;
CREATE INDEX payments_customer_idx ON payments (customer_id);
CREATE INDEX payments_vendor_idx ON payments (vendor_id);
CREATE INDEX payments_project_idx ON payments (project_id);
CREATE INDEX payments_payment_date_idx ON payments (payment_date, id);

CREATE TABLE credit_memos (
  id TEXT PRIMARY KEY NOT NULL,
  netsuite_id TEXT,
  customer_id TEXT NOT NULL REFERENCES customers (id),
  project_id TEXT REFERENCES projects (id),
  memo_number TEXT,
  status TEXT NOT NULL DEFAULT 'draft',
  issue_date TEXT NOT NULL,
  total REAL NOT NULL DEFAULT 0,
  amount_applied REAL NOT NULL DEFAULT 0,
  amount_remaining REAL NOT NULL DEFAULT 0,
  memo TEXT,
  line_items TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CONSTRAINT credit_memos_status_check CHECK (status IN ('draft', 'applied', 'void')),
  CONSTRAINT credit_memos_line_items_check CHECK (json_valid(line_items))
);
CREATE UNIQUE INDEX credit_memos_netsuite_id_unique ON credit_memos (netsuite_id) WHERE netsuite_id IS NOT NULL;
CREATE INDEX credit_memos_customer_idx ON credit_memos (customer_id, issue_date);
CREATE INDEX credit_memos_project_idx ON credit_memos (project_id, status);
CREATE INDEX credit_memos_issue_date_idx ON credit_memos (issue_date, id);
