-- name: GetCustomDashboard :one
SELECT * FROM custom_dashboards
WHERE id = @id AND user_id = @user_id;

-- name: ListCustomDashboardsByUser :many
SELECT id, name, description, updated_at FROM custom_dashboards
WHERE user_id = @user_id
ORDER BY updated_at DESC, id DESC;

-- name: CountCustomDashboardsByUser :one
SELECT COUNT(*) FROM custom_dashboards
WHERE user_id = @user_id;

-- name: CreateCustomDashboard :one
-- Inserts without the limit of five per user: (*compassdb.DB).CreateDashboard enforces it.
INSERT INTO custom_dashboards (id, user_id, name, description, spec_data, queries, render_prompt, created_at, updated_at)
VALUES (@id, @user_id, @name, @description, @spec_data, @queries, @render_prompt, @created_at, @updated_at)
RETURNING *;

-- name: CreateFreshCustomDashboard :one
-- A new dashboard as the application saves it: updated_at = created_at. Inserts without
-- the limit of five per user: (*compassdb.DB).CreateDashboard enforces it.
INSERT INTO custom_dashboards (id, user_id, name, description, spec_data, queries, render_prompt, created_at, updated_at)
VALUES (@id, @user_id, @name, @description, @spec_data, @queries, @render_prompt, @created_at, @created_at)
RETURNING *;

-- name: UpdateCustomDashboard :one
UPDATE custom_dashboards SET
  name = @name,
  description = @description,
  spec_data = @spec_data,
  queries = @queries,
  render_prompt = @render_prompt,
  updated_at = @updated_at
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: DeleteCustomDashboard :execrows
DELETE FROM custom_dashboards
WHERE id = @id AND user_id = @user_id;
