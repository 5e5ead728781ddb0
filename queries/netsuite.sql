-- netsuite_auth

-- name: GetNetsuiteAuth :one
SELECT * FROM netsuite_auth
WHERE id = @id;

-- name: ListNetsuiteAuths :many
SELECT * FROM netsuite_auth
ORDER BY created_at, id;

-- name: CreateNetsuiteAuth :one
INSERT INTO netsuite_auth (id, account_id, access_token_encrypted, refresh_token_encrypted, expires_in, token_type, issued_at, created_at, updated_at)
VALUES (@id, @account_id, @access_token_encrypted, @refresh_token_encrypted, @expires_in, @token_type, @issued_at, @created_at, @updated_at)
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

-- netsuite_sync_metadata

-- name: GetNetsuiteSyncMetadata :one
SELECT * FROM netsuite_sync_metadata
WHERE id = @id;

-- name: ListNetsuiteSyncMetadata :many
SELECT * FROM netsuite_sync_metadata
ORDER BY created_at, id;

-- name: CreateNetsuiteSyncMetadata :one
INSERT INTO netsuite_sync_metadata (id, local_table, local_record_id, netsuite_record_type, netsuite_internal_id, last_synced_at, last_modified_local, last_modified_remote, sync_status, conflict_data, error_message, retry_count, created_at, updated_at)
VALUES (@id, @local_table, @local_record_id, @netsuite_record_type, @netsuite_internal_id, @last_synced_at, @last_modified_local, @last_modified_remote, @sync_status, @conflict_data, @error_message, @retry_count, @created_at, @updated_at)
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

-- netsuite_sync_log

-- name: GetNetsuiteSyncLog :one
SELECT * FROM netsuite_sync_log
WHERE id = @id;

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
