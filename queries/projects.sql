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
