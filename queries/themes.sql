-- name: GetCustomTheme :one
SELECT * FROM custom_themes
WHERE id = @id AND user_id = @user_id;

-- name: ListCustomThemesByUser :many
SELECT * FROM custom_themes
WHERE user_id = @user_id
ORDER BY updated_at DESC, id DESC;

-- name: CreateCustomTheme :one
INSERT INTO custom_themes (id, user_id, name, description, theme_data, created_at, updated_at)
VALUES (@id, @user_id, @name, @description, @theme_data, @created_at, @updated_at)
RETURNING *;

-- name: CreateFreshCustomTheme :one
-- A new theme as the application saves it (saveCustomTheme): updated_at = created_at.
INSERT INTO custom_themes (id, user_id, name, description, theme_data, created_at, updated_at)
VALUES (@id, @user_id, @name, @description, @theme_data, @created_at, @created_at)
RETURNING *;

-- name: UpdateCustomTheme :one
UPDATE custom_themes SET
  name = @name,
  description = @description,
  theme_data = @theme_data,
  updated_at = @updated_at
WHERE id = @id AND user_id = @user_id
RETURNING *;

-- name: DeleteCustomTheme :execrows
DELETE FROM custom_themes
WHERE id = @id AND user_id = @user_id;

-- name: GetActiveThemeID :one
-- The user's active theme id, 'native-compass' when the user never chose one.
SELECT CAST(coalesce(
  (SELECT active_theme_id FROM user_theme_preference WHERE user_id = @user_id),
  'native-compass') AS TEXT) AS active_theme_id;

-- name: UpsertUserThemePreference :one
-- Sets the user's active theme: a preset id or the id of one of the user's custom themes
-- ((*compassdb.DB).SetActiveTheme checks which).
INSERT INTO user_theme_preference (user_id, active_theme_id, updated_at)
VALUES (@user_id, @active_theme_id, @updated_at)
ON CONFLICT (user_id) DO UPDATE SET
  active_theme_id = excluded.active_theme_id,
  updated_at = excluded.updated_at
RETURNING *;

-- name: ResetUserThemePreference :execrows
-- Points the user back at 'native-compass' if the active theme was the given one.
UPDATE user_theme_preference SET
  active_theme_id = 'native-compass',
  updated_at = @updated_at
WHERE user_id = @user_id AND active_theme_id = @theme_id;

-- Whole-row access (every table has a Select and an Insert type and a basic
-- get/list/create/update/delete; the scoped, atomic operations above are what the
-- application flows use).

-- name: GetUserThemePreference :one
SELECT * FROM user_theme_preference
WHERE user_id = @user_id;

-- name: CreateUserThemePreference :one
INSERT INTO user_theme_preference (user_id, active_theme_id, updated_at)
VALUES (@user_id, @active_theme_id, @updated_at)
RETURNING *;

-- name: UpdateUserThemePreference :one
UPDATE user_theme_preference SET
  active_theme_id = @active_theme_id,
  updated_at = @updated_at
WHERE user_id = @user_id
RETURNING *;

-- name: DeleteUserThemePreference :execrows
DELETE FROM user_theme_preference
WHERE user_id = @user_id;
