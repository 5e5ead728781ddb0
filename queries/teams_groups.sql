-- teams

-- name: GetTeam :one
SELECT * FROM teams
WHERE id = @id;

-- name: ListTeamsByOrganization :many
SELECT * FROM teams
WHERE organization_id = @organization_id
ORDER BY name, id;

-- name: CreateTeam :one
INSERT INTO teams (id, organization_id, name, description, created_at)
VALUES (@id, @organization_id, @name, @description, @created_at)
RETURNING *;

-- name: UpdateTeam :one
UPDATE teams SET
  organization_id = @organization_id,
  name = @name,
  description = @description
WHERE id = @id
RETURNING *;

-- name: DeleteTeam :execrows
DELETE FROM teams
WHERE id = @id;

-- team_members

-- name: GetTeamMember :one
SELECT * FROM team_members
WHERE id = @id;

-- name: ListTeamMembersByUser :many
SELECT * FROM team_members
WHERE user_id = @user_id
ORDER BY id;

-- name: ListTeamMembersByTeam :many
SELECT * FROM team_members
WHERE team_id = @team_id
ORDER BY id;

-- name: CreateTeamMember :one
INSERT INTO team_members (id, team_id, user_id, joined_at)
VALUES (@id, @team_id, @user_id, @joined_at)
RETURNING *;

-- name: UpdateTeamMember :one
UPDATE team_members SET
  team_id = @team_id,
  user_id = @user_id,
  joined_at = @joined_at
WHERE id = @id
RETURNING *;

-- name: DeleteTeamMember :execrows
DELETE FROM team_members
WHERE id = @id;

-- groups

-- name: GetGroup :one
SELECT * FROM groups
WHERE id = @id;

-- name: ListGroupsByOrganization :many
SELECT * FROM groups
WHERE organization_id = @organization_id
ORDER BY name, id;

-- name: CreateGroup :one
INSERT INTO groups (id, organization_id, name, description, color, created_at)
VALUES (@id, @organization_id, @name, @description, @color, @created_at)
RETURNING *;

-- name: UpdateGroup :one
UPDATE groups SET
  organization_id = @organization_id,
  name = @name,
  description = @description,
  color = @color
WHERE id = @id
RETURNING *;

-- name: DeleteGroup :execrows
DELETE FROM groups
WHERE id = @id;

-- group_members

-- name: GetGroupMember :one
SELECT * FROM group_members
WHERE id = @id;

-- name: ListGroupMembersByUser :many
SELECT * FROM group_members
WHERE user_id = @user_id
ORDER BY id;

-- name: ListGroupMembersByGroup :many
SELECT * FROM group_members
WHERE group_id = @group_id
ORDER BY id;

-- name: CreateGroupMember :one
INSERT INTO group_members (id, group_id, user_id, joined_at)
VALUES (@id, @group_id, @user_id, @joined_at)
RETURNING *;

-- name: UpdateGroupMember :one
UPDATE group_members SET
  group_id = @group_id,
  user_id = @user_id,
  joined_at = @joined_at
WHERE id = @id
RETURNING *;

-- name: DeleteGroupMember :execrows
DELETE FROM group_members
WHERE id = @id;

-- Adds a user to a team unless they are in it already: returns 1 when a row was added
-- and 0 when the membership existed (replaces the select-then-insert of
-- act/users.ts#assignUserToTeam, which raced).
-- name: AddTeamMember :execrows
INSERT INTO team_members (id, team_id, user_id, joined_at)
VALUES (@id, @team_id, @user_id, @joined_at)
ON CONFLICT (team_id, user_id) DO NOTHING;

-- name: ListTeamsByUser :many
SELECT teams.* FROM team_members
JOIN teams ON teams.id = team_members.team_id
WHERE team_members.user_id = @user_id
ORDER BY teams.name, teams.id;

-- Like AddTeamMember: 1 when a row was added, 0 when the user was in the group already.
-- name: AddGroupMember :execrows
INSERT INTO group_members (id, group_id, user_id, joined_at)
VALUES (@id, @group_id, @user_id, @joined_at)
ON CONFLICT (group_id, user_id) DO NOTHING;

-- name: ListGroupsByUser :many
SELECT "groups".* FROM group_members
JOIN "groups" ON "groups".id = group_members.group_id
WHERE group_members.user_id = @user_id
ORDER BY "groups".name, "groups".id;
