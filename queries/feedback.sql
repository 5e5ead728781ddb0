-- feedback

-- name: GetFeedback :one
SELECT * FROM feedback
WHERE id = @id;

-- name: ListFeedback :many
SELECT * FROM feedback
ORDER BY created_at, id;

-- name: CreateFeedback :one
INSERT INTO feedback (id, type, message, name, email, page_url, user_agent, viewport_width, viewport_height, ip_hash, github_issue_url, created_at)
VALUES (@id, @type, @message, @name, @email, @page_url, @user_agent, @viewport_width, @viewport_height, @ip_hash, @github_issue_url, @created_at)
RETURNING *;

-- name: UpdateFeedback :one
UPDATE feedback SET
  type = @type,
  message = @message,
  name = @name,
  email = @email,
  page_url = @page_url,
  user_agent = @user_agent,
  viewport_width = @viewport_width,
  viewport_height = @viewport_height,
  ip_hash = @ip_hash,
  github_issue_url = @github_issue_url
WHERE id = @id
RETURNING *;

-- name: DeleteFeedback :execrows
DELETE FROM feedback
WHERE id = @id;

-- feedback_interviews

-- name: GetFeedbackInterview :one
SELECT * FROM feedback_interviews
WHERE id = @id;

-- name: ListFeedbackInterviewsByUser :many
SELECT * FROM feedback_interviews
WHERE user_id = @user_id
ORDER BY created_at, id;

-- name: CreateFeedbackInterview :one
INSERT INTO feedback_interviews (id, user_id, user_name, user_role, responses, summary, pain_points, feature_requests, overall_sentiment, github_issue_url, conversation_id, created_at)
VALUES (@id, @user_id, @user_name, @user_role, @responses, @summary, @pain_points, @feature_requests, @overall_sentiment, @github_issue_url, @conversation_id, @created_at)
RETURNING *;

-- name: UpdateFeedbackInterview :one
UPDATE feedback_interviews SET
  user_id = @user_id,
  user_name = @user_name,
  user_role = @user_role,
  responses = @responses,
  summary = @summary,
  pain_points = @pain_points,
  feature_requests = @feature_requests,
  overall_sentiment = @overall_sentiment,
  github_issue_url = @github_issue_url,
  conversation_id = @conversation_id
WHERE id = @id
RETURNING *;

-- name: DeleteFeedbackInterview :execrows
DELETE FROM feedback_interviews
WHERE id = @id;

-- The rate-limit count (api/feedback/route.ts): submissions from one IP hash after a
-- moment. compassdb.DB.CreateFeedbackRateLimited counts and inserts in one transaction.
-- name: CountFeedbackByIPHashSince :one
SELECT count(*) FROM feedback
WHERE ip_hash = CAST(@ip_hash AS TEXT) AND created_at > @since;

-- name: SetFeedbackGithubIssueURL :execrows
UPDATE feedback SET github_issue_url = @github_issue_url
WHERE id = @id;

-- name: SetFeedbackInterviewGithubIssueURL :execrows
UPDATE feedback_interviews SET github_issue_url = @github_issue_url
WHERE id = @id;
