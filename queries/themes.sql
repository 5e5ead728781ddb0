-- custom_themes

-- name: GetCustomTheme :one
SELECT * FROM custom_themes
WHERE id = @id AND user_id = @user_id;

-- name: ListCustomThemesByUser :many
SELECT * FROM custom_themes
WHERE user_id = @user_id
ORDER BY created_at, id;

-- name: CreateCustomTheme :one
INSERT INTO custom_themes (id, user_id, name, description, theme_data, created_at, updated_at)
VALUES (@id, @user_id, @name, @description, @theme_data, @created_at, @updated_at)
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

-- user_theme_preference

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
