-- netsuite_auth: one row per NetSuite account (netsuite_auth_account_unique). The token
-- columns hold ciphertext only (package secrets, purpose NetSuiteTokens); see
-- compassdb.DB.StoreNetsuiteTokens for the method that encrypts before storing.

-- name: GetNetsuiteAuth :one
SELECT * FROM netsuite_auth
WHERE id = @id;

-- name: GetNetsuiteAuthByAccount :one
SELECT * FROM netsuite_auth
WHERE account_id = @account_id;

-- name: HasNetsuiteTokens :one
SELECT CAST(EXISTS (SELECT 1 FROM netsuite_auth WHERE account_id = @account_id) AS BOOLEAN) AS has_tokens;

-- name: ListNetsuiteAuths :many
SELECT * FROM netsuite_auth
ORDER BY created_at, id;

-- name: CreateNetsuiteAuth :one
INSERT INTO netsuite_auth (id, account_id, access_token_encrypted, refresh_token_encrypted, expires_in, token_type, issued_at, created_at, updated_at)
VALUES (@id, @account_id, @access_token_encrypted, @refresh_token_encrypted, @expires_in, @token_type, @issued_at, @created_at, @updated_at)
RETURNING *;

-- name: UpsertNetsuiteAuth :one
-- Stores an account's tokens (after the OAuth callback or a refresh): inserts the row, or
-- replaces the tokens, expiry and issue time of the existing one, keeping its id and
-- created_at.
INSERT INTO netsuite_auth (id, account_id, access_token_encrypted, refresh_token_encrypted, expires_in, token_type, issued_at, created_at, updated_at)
VALUES (@id, @account_id, @access_token_encrypted, @refresh_token_encrypted, @expires_in, @token_type, @issued_at, @created_at, @updated_at)
ON CONFLICT (account_id) DO UPDATE SET
  access_token_encrypted = excluded.access_token_encrypted,
  refresh_token_encrypted = excluded.refresh_token_encrypted,
  expires_in = excluded.expires_in,
  token_type = excluded.token_type,
  issued_at = excluded.issued_at,
  updated_at = excluded.updated_at
RETURNING *;

-- name: UpdateNetsuiteAuth :one
UPDATE netsuite_auth SET
  account_id = @account_id,
  access_token_encrypted = @access_token_encrypted,
  refresh_token_encrypted = @refresh_token_encrypted,
  expires_in = @expires_in,
  token_type = @token_type,
  issued_at = @issued_at,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeleteNetsuiteAuth :execrows
DELETE FROM netsuite_auth
WHERE id = @id;

-- name: DeleteNetsuiteAuthByAccount :execrows
-- Disconnects an account (forgets its tokens).
DELETE FROM netsuite_auth
WHERE account_id = @account_id;

-- netsuite_sync_metadata: the link between a local row and a NetSuite record, and its sync
-- state. Each Mark* query stamps updated_at and returns the changed row (ErrNotFound when
-- the id does not exist or, for conflict resolution, the row is not in conflict).

-- name: GetNetsuiteSyncMetadata :one
SELECT * FROM netsuite_sync_metadata
WHERE id = @id;

-- name: GetNetsuiteSyncMetadataByRemoteID :one
-- Pull: the link of a NetSuite record (netsuite_sync_metadata_remote_unique).
SELECT * FROM netsuite_sync_metadata
WHERE local_table = @local_table AND netsuite_internal_id = CAST(@netsuite_internal_id AS TEXT);

-- name: GetNetsuiteSyncMetadataByLocalRecord :one
-- The link of a local row (netsuite_sync_metadata_local_unique).
SELECT * FROM netsuite_sync_metadata
WHERE local_table = @local_table AND local_record_id = @local_record_id;

-- name: ListNetsuiteSyncMetadata :many
SELECT * FROM netsuite_sync_metadata
ORDER BY created_at, id;

-- name: CreateNetsuiteSyncMetadata :one
INSERT INTO netsuite_sync_metadata (id, local_table, local_record_id, netsuite_record_type, netsuite_internal_id, last_synced_at, last_modified_local, last_modified_remote, sync_status, conflict_data, error_message, retry_count, created_at, updated_at)
VALUES (@id, @local_table, @local_record_id, @netsuite_record_type, @netsuite_internal_id, @last_synced_at, @last_modified_local, @last_modified_remote, @sync_status, @conflict_data, @error_message, @retry_count, @created_at, @updated_at)
RETURNING *;

-- name: CreateNetsuiteSyncLink :one
-- Pull of a new record: links the local row just created to its NetSuite record, synced.
INSERT INTO netsuite_sync_metadata (id, local_table, local_record_id, netsuite_record_type, netsuite_internal_id, last_synced_at, last_modified_remote, sync_status, retry_count, created_at, updated_at)
VALUES (@id, @local_table, @local_record_id, @netsuite_record_type, CAST(@netsuite_internal_id AS TEXT), CAST(@last_synced_at AS TIMESTAMP_TEXT), @last_modified_remote, 'synced', 0, @created_at, @updated_at)
RETURNING *;

-- name: MarkNetsuitePendingPush :one
-- A local edit to push: creates the row's link as pending_push, or marks the existing link
-- pending_push with the local modification time. A link in conflict stays as it is (it
-- waits for a manual resolution) and the call returns ErrNotFound.
INSERT INTO netsuite_sync_metadata (id, local_table, local_record_id, netsuite_record_type, last_modified_local, sync_status, retry_count, created_at, updated_at)
VALUES (@id, @local_table, @local_record_id, @netsuite_record_type, @last_modified_local, 'pending_push', 0, @created_at, @updated_at)
ON CONFLICT (local_table, local_record_id) DO UPDATE SET
  sync_status = 'pending_push',
  last_modified_local = excluded.last_modified_local,
  error_message = NULL,
  retry_count = 0,
  updated_at = excluded.updated_at
WHERE netsuite_sync_metadata.sync_status <> 'conflict'
RETURNING *;

-- name: MarkNetsuiteSyncConflict :one
-- Pull found a remote change to a row with unpushed local changes (manual strategy).
UPDATE netsuite_sync_metadata SET
  sync_status = 'conflict',
  conflict_data = @conflict_data,
  last_modified_remote = @last_modified_remote,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: MarkNetsuiteSynced :one
-- A pull applied or a push accepted: synced, error and retries cleared.
UPDATE netsuite_sync_metadata SET
  sync_status = 'synced',
  last_synced_at = CAST(@last_synced_at AS TIMESTAMP_TEXT),
  last_modified_remote = @last_modified_remote,
  error_message = NULL,
  retry_count = 0,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: SetNetsuiteInternalID :one
-- Push created the record in NetSuite: remember its internal id.
UPDATE netsuite_sync_metadata SET
  netsuite_internal_id = CAST(@netsuite_internal_id AS TEXT),
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: IncrementNetsuiteSyncRetry :one
-- A retryable push failure: one more retry, the error kept, the row stays pending_push.
UPDATE netsuite_sync_metadata SET
  retry_count = retry_count + 1,
  error_message = CAST(@error_message AS TEXT),
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: MarkNetsuiteSyncError :one
-- A final push failure (or a missing local row).
UPDATE netsuite_sync_metadata SET
  sync_status = 'error',
  error_message = CAST(@error_message AS TEXT),
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: ListNetsuitePendingPush :many
-- The push queue of a table, oldest change first (netsuite_sync_metadata_table_status_idx).
SELECT * FROM netsuite_sync_metadata
WHERE local_table = @local_table AND sync_status = 'pending_push'
ORDER BY updated_at, id
LIMIT @limit;

-- name: ListNetsuiteConflicts :many
-- Every link waiting for a manual resolution (netsuite_sync_metadata_status_idx).
SELECT * FROM netsuite_sync_metadata
WHERE sync_status = 'conflict'
ORDER BY updated_at, id;

-- name: ResolveNetsuiteConflictUseLocal :one
-- Keep the local row: it goes back on the push queue; the stored remote data is dropped.
UPDATE netsuite_sync_metadata SET
  sync_status = 'pending_push',
  conflict_data = NULL,
  updated_at = @updated_at
WHERE id = @id AND sync_status = 'conflict'
RETURNING *;

-- name: ResolveNetsuiteConflictUseRemote :one
-- Take the remote record (the caller applies conflict_data.remote to the local row in the
-- same transaction): synced; the stored remote data is dropped.
UPDATE netsuite_sync_metadata SET
  sync_status = 'synced',
  conflict_data = NULL,
  updated_at = @updated_at
WHERE id = @id AND sync_status = 'conflict'
RETURNING *;

-- name: UpdateNetsuiteSyncMetadata :one
UPDATE netsuite_sync_metadata SET
  local_table = @local_table,
  local_record_id = @local_record_id,
  netsuite_record_type = @netsuite_record_type,
  netsuite_internal_id = @netsuite_internal_id,
  last_synced_at = @last_synced_at,
  last_modified_local = @last_modified_local,
  last_modified_remote = @last_modified_remote,
  sync_status = @sync_status,
  conflict_data = @conflict_data,
  error_message = @error_message,
  retry_count = @retry_count,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeleteNetsuiteSyncMetadata :execrows
DELETE FROM netsuite_sync_metadata
WHERE id = @id;

-- netsuite_sync_log: one row per sync run.

-- name: GetNetsuiteSyncLog :one
SELECT * FROM netsuite_sync_log
WHERE id = @id;

-- name: StartNetsuiteSyncRun :one
INSERT INTO netsuite_sync_log (id, sync_type, record_type, direction, status, records_processed, records_failed, started_at, created_at)
VALUES (@id, @sync_type, @record_type, @direction, 'running', 0, 0, @started_at, @created_at)
RETURNING *;

-- name: CompleteNetsuiteSyncRun :one
-- Ends a running run as completed (per-record failures are counted, not fatal).
UPDATE netsuite_sync_log SET
  status = 'completed',
  records_processed = @records_processed,
  records_failed = @records_failed,
  error_summary = @error_summary,
  completed_at = CAST(@completed_at AS TIMESTAMP_TEXT)
WHERE id = @id AND status = 'running'
RETURNING *;

-- name: FailNetsuiteSyncRun :one
-- Ends a running run as failed.
UPDATE netsuite_sync_log SET
  status = 'failed',
  records_processed = @records_processed,
  records_failed = @records_failed,
  error_summary = @error_summary,
  completed_at = CAST(@completed_at AS TIMESTAMP_TEXT)
WHERE id = @id AND status = 'running'
RETURNING *;

-- name: GetLastSuccessfulNetsuiteSync :one
-- The pull cursor: when the last completed run of this direction and record type ended
-- (netsuite_sync_log_cursor_idx). ErrNotFound when there was none: pull everything.
-- (The application filtered on direction only, so a failed vendor pull moved the
-- customer cursor.)
SELECT completed_at FROM netsuite_sync_log
WHERE direction = @direction AND record_type = @record_type AND status = 'completed'
  AND completed_at IS NOT NULL
ORDER BY completed_at DESC
LIMIT 1;

-- name: ListNetsuiteSyncHistory :many
-- The latest 20 runs, as the application's sync history shows them.
SELECT * FROM netsuite_sync_log
ORDER BY created_at DESC, id DESC
LIMIT 20;

-- name: ListNetsuiteSyncHistoryPage :many
-- The runs before a cursor, newest first: for the next page pass the last row's created_at
-- and id; for the first page nil and nil (netsuite_sync_log_created_idx).
SELECT * FROM netsuite_sync_log
WHERE (created_at, id) < (coalesce(CAST(sqlc.narg(before_created_at) AS TIMESTAMP_TEXT), '~'), coalesce(CAST(sqlc.narg(before_id) AS TEXT), ''))
ORDER BY created_at DESC, id DESC
LIMIT @limit;

-- name: ListNetsuiteSyncLogs :many
SELECT * FROM netsuite_sync_log
ORDER BY created_at, id;

-- name: CreateNetsuiteSyncLog :one
INSERT INTO netsuite_sync_log (id, sync_type, record_type, direction, status, records_processed, records_failed, error_summary, started_at, completed_at, created_at)
VALUES (@id, @sync_type, @record_type, @direction, @status, @records_processed, @records_failed, @error_summary, @started_at, @completed_at, @created_at)
RETURNING *;

-- name: UpdateNetsuiteSyncLog :one
UPDATE netsuite_sync_log SET
  sync_type = @sync_type,
  record_type = @record_type,
  direction = @direction,
  status = @status,
  records_processed = @records_processed,
  records_failed = @records_failed,
  error_summary = @error_summary,
  started_at = @started_at,
  completed_at = @completed_at
WHERE id = @id
RETURNING *;

-- name: DeleteNetsuiteSyncLog :execrows
DELETE FROM netsuite_sync_log
WHERE id = @id;
