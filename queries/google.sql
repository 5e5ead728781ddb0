-- google_auth

-- name: GetGoogleAuth :one
SELECT * FROM google_auth
WHERE id = @id;

-- name: ListGoogleAuthsByConnectedBy :many
SELECT * FROM google_auth
WHERE connected_by = @connected_by
ORDER BY created_at, id;

-- name: ListGoogleAuthsByOrganization :many
SELECT * FROM google_auth
WHERE organization_id = @organization_id
ORDER BY created_at, id;

-- name: CreateGoogleAuth :one
INSERT INTO google_auth (id, organization_id, service_account_key_encrypted, workspace_domain, shared_drive_id, shared_drive_name, connected_by, created_at, updated_at)
VALUES (@id, @organization_id, @service_account_key_encrypted, @workspace_domain, @shared_drive_id, @shared_drive_name, @connected_by, @created_at, @updated_at)
RETURNING *;

-- name: UpdateGoogleAuth :one
UPDATE google_auth SET
  organization_id = @organization_id,
  service_account_key_encrypted = @service_account_key_encrypted,
  workspace_domain = @workspace_domain,
  shared_drive_id = @shared_drive_id,
  shared_drive_name = @shared_drive_name,
  connected_by = @connected_by,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeleteGoogleAuth :execrows
DELETE FROM google_auth
WHERE id = @id;

-- google_starred_files

-- name: GetGoogleStarredFile :one
SELECT * FROM google_starred_files
WHERE id = @id AND user_id = @user_id;

-- name: ListGoogleStarredFilesByUser :many
SELECT * FROM google_starred_files
WHERE user_id = @user_id
ORDER BY created_at, id;

-- name: CreateGoogleStarredFile :one
INSERT INTO google_starred_files (id, user_id, google_file_id, created_at)
VALUES (@id, @user_id, @google_file_id, @created_at)
RETURNING *;

-- name: UpdateGoogleStarredFile :one
UPDATE google_starred_files SET
  google_file_id = @google_file_id
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: DeleteGoogleStarredFile :execrows
DELETE FROM google_starred_files
WHERE id = @id AND user_id = @user_id;
