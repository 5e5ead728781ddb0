-- organizations

-- name: GetOrganization :one
SELECT * FROM organizations
WHERE id = @id;

-- name: GetOrganizationBySlug :one
SELECT * FROM organizations
WHERE slug = @slug;

-- name: ListOrganizations :many
SELECT * FROM organizations
ORDER BY created_at, id;

-- name: CreateOrganization :one
INSERT INTO organizations (id, name, slug, type, logo_url, is_active, created_at, updated_at)
VALUES (@id, @name, @slug, @type, @logo_url, @is_active, @created_at, @updated_at)
RETURNING *;

-- name: UpdateOrganization :one
UPDATE organizations SET
  name = @name,
  slug = @slug,
  type = @type,
  logo_url = @logo_url,
  is_active = @is_active,
  updated_at = @updated_at
WHERE id = @id
RETURNING *;

-- name: DeleteOrganization :execrows
DELETE FROM organizations
WHERE id = @id;

-- organization_members

-- name: GetOrganizationMember :one
SELECT * FROM organization_members
WHERE id = @id;

-- name: ListOrganizationMembersByUser :many
SELECT * FROM organization_members
WHERE user_id = @user_id
ORDER BY id;

-- name: ListOrganizationMembersByOrganization :many
SELECT * FROM organization_members
WHERE organization_id = @organization_id
ORDER BY id;

-- name: CreateOrganizationMember :one
INSERT INTO organization_members (id, organization_id, user_id, role, joined_at)
VALUES (@id, @organization_id, @user_id, @role, @joined_at)
RETURNING *;

-- name: UpdateOrganizationMember :one
UPDATE organization_members SET
  organization_id = @organization_id,
  user_id = @user_id,
  role = @role,
  joined_at = @joined_at
WHERE id = @id
RETURNING *;

-- name: DeleteOrganizationMember :execrows
DELETE FROM organization_members
WHERE id = @id;

-- name: ListActiveOrganizations :many
SELECT * FROM organizations
WHERE is_active = 1
ORDER BY name, id;

-- name: CountOrganizationMembershipsByUser :one
SELECT count(*) FROM organization_members
WHERE user_id = @user_id;
