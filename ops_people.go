package compassdb

// People: the operations on users, their memberships and feedback that need Go around
// the generated queries of package db (queries/users.sql, organizations.sql,
// teams_groups.sql, projects.sql, feedback.sql, push_tokens.sql).

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// TeamRef is a team in a user's team list.
type TeamRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// GroupRef is a group in a user's group list.
type GroupRef struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Color *string `json:"color"`
}

// UserWithRelations is a row of the people list: an active user with their teams and
// groups (each sorted by name, then id) and their project and organization membership
// counts.
type UserWithRelations struct {
	db.User
	Teams             []TeamRef
	Groups            []GroupRef
	ProjectCount      int64
	OrganizationCount int64
}

// DecodeUserWithRelations turns a row of db.ListActiveUsersWithRelations into Go values,
// decoding its JSON team and group lists. Malformed JSON is a *dbtypes.InvalidValueError.
func DecodeUserWithRelations(row db.ListActiveUsersWithRelationsRow) (UserWithRelations, error) {
	u := UserWithRelations{
		User:              row.User,
		ProjectCount:      row.ProjectCount,
		OrganizationCount: row.OrganizationCount,
	}
	if err := decodeRefs(row.TeamsJSON, &u.Teams); err != nil {
		return UserWithRelations{}, err
	}
	if err := decodeRefs(row.GroupsJSON, &u.Groups); err != nil {
		return UserWithRelations{}, err
	}
	slices.SortFunc(u.Teams, func(a, b TeamRef) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	slices.SortFunc(u.Groups, func(a, b GroupRef) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) })
	return u, nil
}

// decodeRefs decodes a json_group_array of objects into *dst, always a non-nil slice.
func decodeRefs[T any](text string, dst *[]T) error {
	refs := []T{}
	dec := json.NewDecoder(strings.NewReader(text))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&refs); err != nil {
		return &dbtypes.InvalidValueError{Type: fmt.Sprintf("[]%T", *new(T)), Value: text, Reason: err.Error()}
	}
	*dst = refs
	return nil
}

// ListActiveUsersWithRelations reads the people list in one query on the read pool: every
// active user, ordered by display name (or email when it has none), with teams, groups and
// membership counts.
func (d *DB) ListActiveUsersWithRelations(ctx context.Context) ([]UserWithRelations, error) {
	rows, err := d.Reader().ListActiveUsersWithRelations(ctx)
	if err != nil {
		return nil, err
	}
	users := make([]UserWithRelations, len(rows))
	for i, row := range rows {
		if users[i], err = DecodeUserWithRelations(row); err != nil {
			return nil, err
		}
	}
	return users, nil
}

// LoginParams describe a user the identity provider (WorkOS) has just authenticated.
type LoginParams struct {
	// ID is the identity provider's user id (e.g. "user_01H…"); it becomes users.id.
	ID    string
	Email string
	// FirstName, LastName and AvatarURL are the identity provider's profile, if any.
	FirstName *string
	LastName  *string
	AvatarURL *string
	// Now is the login time; the zero value means dbtypes.Now().
	Now dbtypes.Timestamp
}

// LoginResult is what LoginUser did.
type LoginResult struct {
	// User is the user row after the login.
	User db.User
	// AdoptedID is the former id of the row that the login re-keyed to LoginParams.ID (an
	// invited placeholder, see LoginUser), or "" when no row was adopted.
	AdoptedID string
}

// LoginUser records a login in one transaction and returns the user:
//
//   - a user with the id: last_login_at is set, nothing else changes (a deactivated user
//     stays deactivated);
//   - no user with the id and none with the email: a new active user with role office and
//     display name "First Last" (or the email's local part) is created;
//   - no user with the id, but a row with the email under another id — the placeholder
//     that InviteUser made with a random id, since the identity provider's id is only
//     known at first login: that row is adopted. It is re-keyed to the identity
//     provider's id and every row referencing it (organization, team, group and project
//     memberships, and any other foreign key to users.id, found from the schema) moves
//     with it; nothing is copied or lost, and no second row with the email appears. A
//     placeholder that never logged in becomes active and takes the identity provider's
//     names and avatar where it has none; a row that logged in before (its user was
//     re-created at the identity provider) keeps is_active as it is.
//
// Emails are compared exactly, as stored.
func (d *DB) LoginUser(ctx context.Context, p LoginParams) (LoginResult, error) {
	if p.ID == "" || p.Email == "" {
		return LoginResult{}, errors.New("compassdb: LoginUser needs an id and an email")
	}
	now := p.Now
	if now.IsZero() {
		now = dbtypes.Now()
	}
	display := displayName(p.FirstName, p.LastName, p.Email)
	var res LoginResult
	err := d.sqlTx(ctx, func(tx *sql.Conn) error {
		res = LoginResult{}
		q := db.New(tx)
		holder, err := q.GetUserByEmail(ctx, p.Email)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		if err == nil && holder.ID != p.ID {
			// The email belongs to another id: adopt that row, unless the id exists too —
			// then the login is that user's and the other row is left alone.
			_, err := q.GetUser(ctx, p.ID)
			if errors.Is(err, ErrNotFound) {
				res.AdoptedID = holder.ID
				res.User, err = rekeyUser(ctx, tx, db.RekeyUserParams{
					NewID: p.ID, OldID: holder.ID, Now: now,
					FirstName: p.FirstName, LastName: p.LastName, DisplayName: &display, AvatarURL: p.AvatarURL,
				})
				return err
			}
			if err != nil {
				return err
			}
		}
		res.User, err = q.UpsertUserOnLogin(ctx, db.UpsertUserOnLoginParams{
			ID: p.ID, Email: p.Email, FirstName: p.FirstName, LastName: p.LastName,
			DisplayName: &display, AvatarURL: p.AvatarURL, Role: dbtypes.UserRoleOffice, Now: now,
		})
		return err
	})
	if err != nil {
		return LoginResult{}, err
	}
	return res, nil
}

// userReferencesSQL lists every column that is a foreign key to users.id.
const userReferencesSQL = `SELECT m.name, f."from"
FROM sqlite_schema AS m JOIN pragma_foreign_key_list(m.name) AS f
WHERE m.type = 'table' AND f."table" = 'users' COLLATE NOCASE AND coalesce(f."to", 'id') = 'id'
ORDER BY m.name, f."from"`

// rekeyUser changes a user's id inside tx and moves every referencing row to the new id.
// Foreign keys are deferred to COMMIT (the PRAGMA ends with the transaction), so the
// statements may run in any order, and a reference left behind fails the commit instead
// of being lost.
func rekeyUser(ctx context.Context, tx *sql.Conn, p db.RekeyUserParams) (db.User, error) {
	if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return db.User{}, err
	}
	user, err := db.New(tx).RekeyUser(ctx, p)
	if err != nil {
		return db.User{}, err
	}
	refs, err := userReferences(ctx, tx)
	if err != nil {
		return db.User{}, err
	}
	for _, r := range refs {
		stmt := fmt.Sprintf("UPDATE %s SET %s = ? WHERE %s = ?", quoteIdent(r[0]), quoteIdent(r[1]), quoteIdent(r[1]))
		if _, err := tx.ExecContext(ctx, stmt, p.NewID, p.OldID); err != nil {
			return db.User{}, fmt.Errorf("compassdb: move %s.%s to the new user id: %w", r[0], r[1], err)
		}
	}
	return user, nil
}

// userReferences returns the (table, column) pairs that reference users.id.
func userReferences(ctx context.Context, tx *sql.Conn) ([][2]string, error) {
	rows, err := tx.QueryContext(ctx, userReferencesSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var refs [][2]string
	for rows.Next() {
		var r [2]string
		if err := rows.Scan(&r[0], &r[1]); err != nil {
			return nil, err
		}
		refs = append(refs, r)
	}
	return refs, rows.Err()
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// displayName is "First Last" from whichever names are set, else the email's local part,
// as the existing application names new and invited users.
func displayName(first, last *string, email string) string {
	var parts []string
	for _, s := range []*string{first, last} {
		if s != nil && strings.TrimSpace(*s) != "" {
			parts = append(parts, strings.TrimSpace(*s))
		}
	}
	if len(parts) > 0 {
		return strings.Join(parts, " ")
	}
	local, _, _ := strings.Cut(email, "@")
	return local
}

// InviteParams describe an invitation (act/users.ts#inviteUser).
type InviteParams struct {
	Email string
	Role  dbtypes.UserRole
	// Active is false when the identity provider sends the invitation: the placeholder
	// stays hidden from the people list until its first login (LoginUser). Deployments
	// without an identity provider invite active users.
	Active bool
	// OrganizationID, if set, also makes the user a member of that organization, with
	// the user's role.
	OrganizationID *string
	// Now is the invitation time; the zero value means dbtypes.Now().
	Now dbtypes.Timestamp
}

// InviteUser creates the placeholder user of an invitation, with a new random id and the
// email's local part as display name, and the optional organization membership, in one
// transaction. An email that already exists is refused with an *Error of class
// ErrUniqueViolation on users(email), and nothing is written.
func (d *DB) InviteUser(ctx context.Context, p InviteParams) (db.User, error) {
	now := p.Now
	if now.IsZero() {
		now = dbtypes.Now()
	}
	display := displayName(nil, nil, p.Email)
	var user db.User
	err := d.Tx(ctx, func(q *db.Queries) error {
		var err error
		user, err = q.CreateUser(ctx, db.CreateUserParams{
			ID: NewID(), Email: p.Email, DisplayName: &display, Role: p.Role,
			IsActive: p.Active, CreatedAt: now, UpdatedAt: now,
		})
		if err != nil || p.OrganizationID == nil {
			return err
		}
		_, err = q.CreateOrganizationMember(ctx, db.CreateOrganizationMemberParams{
			ID: NewID(), OrganizationID: *p.OrganizationID, UserID: user.ID, Role: string(p.Role), JoinedAt: now,
		})
		return err
	})
	if err != nil {
		return db.User{}, err
	}
	return user, nil
}

// The feedback rate limit (§4.11): at most FeedbackRateLimit submissions per IP hash in
// any FeedbackRateWindow.
const (
	FeedbackRateLimit  = 5
	FeedbackRateWindow = time.Hour
)

// ErrRateLimited is returned by CreateFeedbackRateLimited when the IP hash has reached
// FeedbackRateLimit submissions in the last FeedbackRateWindow.
var ErrRateLimited = errors.New("compassdb: feedback rate limit reached")

// FeedbackIPHash is the stored form of a submitter's IP address: lowercase hex SHA-256 of
// the address text, unsalted, as the existing application writes feedback.ip_hash. It
// hashes "unknown" when the address is missing.
func FeedbackIPHash(ip string) string {
	if ip == "" {
		ip = "unknown"
	}
	sum := sha256.Sum256([]byte(ip))
	return hex.EncodeToString(sum[:])
}

// CreateFeedbackRateLimited stores a feedback submission unless its IP hash has
// FeedbackRateLimit submissions created after p.CreatedAt - FeedbackRateWindow, in which
// case it returns ErrRateLimited. The count and the insert run in one write transaction,
// so concurrent submissions cannot exceed the limit. A nil IPHash is not limited.
func (d *DB) CreateFeedbackRateLimited(ctx context.Context, p db.CreateFeedbackParams) (db.Feedback, error) {
	var fb db.Feedback
	err := d.Tx(ctx, func(q *db.Queries) error {
		if p.IPHash != nil {
			n, err := q.CountFeedbackByIPHashSince(ctx, db.CountFeedbackByIPHashSinceParams{
				IPHash: *p.IPHash, Since: dbtypes.NewTimestamp(p.CreatedAt.Add(-FeedbackRateWindow)),
			})
			if err != nil {
				return err
			}
			if n >= FeedbackRateLimit {
				return ErrRateLimited
			}
		}
		var err error
		fb, err = q.CreateFeedback(ctx, p)
		return err
	})
	if err != nil {
		return db.Feedback{}, err
	}
	return fb, nil
}
