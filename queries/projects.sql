-- projects

-- name: GetProject :one
SELECT * FROM projects
WHERE id = @id;

-- name: ListProjectsByOrganization :many
SELECT * FROM projects
WHERE organization_id = @organization_id
ORDER BY created_at, id;

-- name: CreateProject :one
INSERT INTO projects (id, name, created_at, status, address, client_name, project_manager, netsuite_job_id, organization_id)
VALUES (@id, @name, @created_at, @status, @address, @client_name, @project_manager, @netsuite_job_id, @organization_id)
RETURNING *;

-- name: UpdateProject :one
UPDATE projects SET
  name = @name,
  status = @status,
  address = @address,
  client_name = @client_name,
  project_manager = @project_manager,
  netsuite_job_id = @netsuite_job_id,
  organization_id = @organization_id
WHERE id = @id
RETURNING *;

-- name: DeleteProject :execrows
DELETE FROM projects
WHERE id = @id;

-- project_members

-- name: GetProjectMember :one
SELECT * FROM project_members
WHERE id = @id;

-- name: ListProjectMembersByUser :many
SELECT * FROM project_members
WHERE user_id = @user_id
ORDER BY id;

-- name: ListProjectMembersByProject :many
SELECT * FROM project_members
WHERE project_id = @project_id
ORDER BY id;

-- name: CreateProjectMember :one
INSERT INTO project_members (id, project_id, user_id, role, assigned_at)
VALUES (@id, @project_id, @user_id, @role, @assigned_at)
RETURNING *;

-- name: UpdateProjectMember :one
UPDATE project_members SET
  project_id = @project_id,
  user_id = @user_id,
  role = @role,
  assigned_at = @assigned_at
WHERE id = @id
RETURNING *;

-- name: DeleteProjectMember :execrows
DELETE FROM project_members
WHERE id = @id;

-- Project lists take an optional organization: NULL means every project. The existing
-- application is single-tenant and never writes projects.organization_id, so its rows
-- hold NULL there and only the unscoped form (NULL) lists them; pass an organization id
-- to scope. (The filter is `organization_id = @org OR @org IS NULL`, not coalesce:
-- `organization_id = coalesce(@org, organization_id)` would drop the NULL rows.)

-- The sidebar / picker list (act/projects.ts#getProjects).
-- name: ListProjectNames :many
SELECT id, name FROM projects
WHERE (organization_id = sqlc.narg(organization_id) OR sqlc.narg(organization_id) IS NULL)
ORDER BY name, id;

-- The project the dashboard opens first (dash/projects/page.tsx).
-- name: GetFirstProject :one
SELECT * FROM projects
WHERE (organization_id = sqlc.narg(organization_id) OR sqlc.narg(organization_id) IS NULL)
ORDER BY name, id
LIMIT 1;

-- Name search for the agent and dashboards: pass compassdb.LikeContains(text) as the
-- pattern ("" matches every project) and a row limit.
-- name: SearchProjects :many
SELECT * FROM projects
WHERE (organization_id = sqlc.narg(organization_id) OR sqlc.narg(organization_id) IS NULL)
  AND (name LIKE @pattern ESCAPE '\')
ORDER BY name, id
LIMIT @row_limit;

-- Keyset pagination by (name, id): start with after_name = '' and after_id = '', then
-- pass the last row's name and id. Inserts and deletes between pages never make a page
-- repeat a row or skip one that existed throughout (OFFSET would).
-- name: ListProjectsPage :many
SELECT * FROM projects
WHERE (organization_id = sqlc.narg(organization_id) OR sqlc.narg(organization_id) IS NULL)
  AND (name, id) > (@after_name, @after_id)
ORDER BY name, id
LIMIT @row_limit;

-- Assigns a user to a project, or changes the role of an existing assignment (which
-- keeps its id and assigned_at). One statement (act/users.ts#assignUserToProject).
-- name: UpsertProjectMember :one
INSERT INTO project_members (id, project_id, user_id, role, assigned_at)
VALUES (@id, @project_id, @user_id, @role, @assigned_at)
ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role
RETURNING *;

-- name: CountProjectMembershipsByUser :one
SELECT count(*) FROM project_members
WHERE user_id = @user_id;

-- name: ListProjectMembersWithUsers :many
SELECT sqlc.embed(project_members), sqlc.embed(users)
FROM project_members
JOIN users ON users.id = project_members.user_id
WHERE project_members.project_id = @project_id
ORDER BY coalesce(users.display_name, users.email) COLLATE NOCASE, users.id;
