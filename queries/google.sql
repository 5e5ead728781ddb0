-- google_auth: an organization's Google Drive connection. The application keeps one global
-- row (read with LIMIT 1 and no filter, written for "org-1"); these queries take the
-- organization, and GetAnyGoogleAuth reads the way the application does. Connecting is
-- compassdb.DB.ConnectGoogleDrive (delete the organization's rows and insert, in one
-- transaction). service_account_key_encrypted holds ciphertext only (package secrets,
-- purpose GoogleServiceAccount).

-- name: GetGoogleAuth :one
SELECT * FROM google_auth
WHERE id = @id;

-- name: GetGoogleAuthByOrganization :one
-- The organization's connection, the newest if several were left by older code.
SELECT * FROM google_auth
WHERE organization_id = @organization_id
ORDER BY created_at DESC, id DESC
LIMIT 1;

-- name: GetAnyGoogleAuth :one
-- The application's read: any connection, whatever the organization (the newest).
SELECT * FROM google_auth
ORDER BY created_at DESC, id DESC
LIMIT 1;

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

-- name: SetGoogleSharedDrive :one
-- Chooses the shared drive of an organization's connection (nil, nil: none, My Drive).
UPDATE google_auth SET
  shared_drive_id = @shared_drive_id,
  shared_drive_name = @shared_drive_name,
  updated_at = @updated_at
WHERE id = @id AND organization_id = @organization_id
RETURNING *;

-- name: DeleteGoogleAuth :execrows
DELETE FROM google_auth
WHERE id = @id;

-- name: DeleteGoogleAuthsByOrganization :execrows
-- Disconnects an organization from Google Drive.
DELETE FROM google_auth
WHERE organization_id = @organization_id;

-- google_starred_files: each user's starred Drive files; every query takes the user.

-- name: GetGoogleStarredFile :one
SELECT * FROM google_starred_files
WHERE id = @id AND user_id = @user_id;

-- name: ListGoogleStarredFilesByUser :many
SELECT * FROM google_starred_files
WHERE user_id = @user_id
ORDER BY created_at, id;

-- name: ListGoogleStarredFileIDs :many
-- The Drive file ids a user starred (google_starred_files_user_file_unique).
SELECT google_file_id FROM google_starred_files
WHERE user_id = @user_id
ORDER BY google_file_id;

-- name: CreateGoogleStarredFile :one
INSERT INTO google_starred_files (id, user_id, google_file_id, created_at)
VALUES (@id, @user_id, @google_file_id, @created_at)
RETURNING *;

-- name: UnstarGoogleFile :execrows
-- The first half of a toggle: 1 if the file was starred (and now is not), 0 if not.
DELETE FROM google_starred_files
WHERE user_id = @user_id AND google_file_id = @google_file_id;

-- name: StarGoogleFile :execrows
-- Stars a file for a user: 1 if it was added, 0 if it was already starred.
INSERT INTO google_starred_files (id, user_id, google_file_id, created_at)
VALUES (@id, @user_id, @google_file_id, @created_at)
ON CONFLICT (user_id, google_file_id) DO NOTHING;

-- name: DeleteGoogleStarredFile :execrows
DELETE FROM google_starred_files
WHERE id = @id AND user_id = @user_id;

-- Whole-row access (every table has a Select and an Insert type and a basic
-- get/list/create/update/delete; the scoped, atomic operations above are what the
-- application flows use).

-- name: UpdateGoogleStarredFile :one
UPDATE google_starred_files SET
  google_file_id = @google_file_id
WHERE id = @id AND user_id = @user_id
RETURNING *;
