package compassdb

import (
	"context"
	"fmt"
	"time"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/secrets"
)

// Operations on the finance tables that need more than one generated query or that work
// with plaintext secrets. Each runs in one transaction or one statement.

// NetsuiteTokens are an account's OAuth tokens in plaintext, as the NetSuite token endpoint
// returns them.
type NetsuiteTokens struct {
	AccountID    string
	AccessToken  string
	RefreshToken string
	ExpiresIn    int64 // seconds
	TokenType    string
	IssuedAt     time.Time // stored as epoch milliseconds
}

// StoreNetsuiteTokens encrypts both tokens with box (made for secrets.NetSuiteTokens) and
// upserts them for the account in one statement: the account's row keeps its id and
// created_at. Only ciphertext reaches the database.
func (d *DB) StoreNetsuiteTokens(ctx context.Context, box *secrets.Box, t NetsuiteTokens) (db.NetsuiteAuth, error) {
	access, err := box.Encrypt(t.AccessToken)
	if err != nil {
		return db.NetsuiteAuth{}, fmt.Errorf("compassdb: encrypting the NetSuite access token: %w", err)
	}
	refresh, err := box.Encrypt(t.RefreshToken)
	if err != nil {
		return db.NetsuiteAuth{}, fmt.Errorf("compassdb: encrypting the NetSuite refresh token: %w", err)
	}
	now := dbtypes.Now()
	return d.Writer().UpsertNetsuiteAuth(ctx, db.UpsertNetsuiteAuthParams{
		ID:                    NewID(),
		AccountID:             t.AccountID,
		AccessTokenEncrypted:  access,
		RefreshTokenEncrypted: refresh,
		ExpiresIn:             t.ExpiresIn,
		TokenType:             t.TokenType,
		IssuedAt:              t.IssuedAt.UnixMilli(),
		CreatedAt:             now,
		UpdatedAt:             now,
	})
}

// LoadNetsuiteTokens reads and decrypts an account's tokens with box. It returns
// ErrNotFound when the account has none, and the secrets package's error (ErrDecrypt,
// ErrMalformed) when a stored value does not decrypt with box.
func (d *DB) LoadNetsuiteTokens(ctx context.Context, box *secrets.Box, accountID string) (NetsuiteTokens, error) {
	row, err := d.Reader().GetNetsuiteAuthByAccount(ctx, accountID)
	if err != nil {
		return NetsuiteTokens{}, err
	}
	access, err := box.Decrypt(row.AccessTokenEncrypted)
	if err != nil {
		return NetsuiteTokens{}, fmt.Errorf("compassdb: decrypting the NetSuite access token: %w", err)
	}
	refresh, err := box.Decrypt(row.RefreshTokenEncrypted)
	if err != nil {
		return NetsuiteTokens{}, fmt.Errorf("compassdb: decrypting the NetSuite refresh token: %w", err)
	}
	return NetsuiteTokens{
		AccountID:    row.AccountID,
		AccessToken:  access,
		RefreshToken: refresh,
		ExpiresIn:    row.ExpiresIn,
		TokenType:    row.TokenType,
		IssuedAt:     time.UnixMilli(row.IssuedAt).UTC(),
	}, nil
}

// ConnectGoogleDrive replaces the organization's Google Drive connection with arg in one
// transaction: the organization's existing rows are deleted and arg is inserted, so there
// is never a moment with none or two. arg.ServiceAccountKeyEncrypted must already be
// ciphertext (secrets.GoogleServiceAccount).
func (d *DB) ConnectGoogleDrive(ctx context.Context, arg db.CreateGoogleAuthParams) (db.GoogleAuth, error) {
	var auth db.GoogleAuth
	err := d.Tx(ctx, func(q *db.Queries) error {
		if _, err := q.DeleteGoogleAuthsByOrganization(ctx, arg.OrganizationID); err != nil {
			return err
		}
		var err error
		auth, err = q.CreateGoogleAuth(ctx, arg)
		return err
	})
	return auth, err
}

// ToggleGoogleStar stars the file for the user if it was not starred, and unstars it if it
// was, in one transaction; it returns whether the file is now starred. It touches only
// this user's rows. The unique (user_id, google_file_id) index keeps one star per pair
// even against another process.
func (d *DB) ToggleGoogleStar(ctx context.Context, userID, googleFileID string) (starred bool, err error) {
	err = d.Tx(ctx, func(q *db.Queries) error {
		removed, err := q.UnstarGoogleFile(ctx, db.UnstarGoogleFileParams{UserID: userID, GoogleFileID: googleFileID})
		if err != nil || removed > 0 {
			starred = false
			return err
		}
		_, err = q.StarGoogleFile(ctx, db.StarGoogleFileParams{
			ID: NewID(), UserID: userID, GoogleFileID: googleFileID, CreatedAt: dbtypes.Now(),
		})
		starred = err == nil
		return err
	})
	return starred, err
}
