package compassdb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/secrets"
)

// Secrets at rest: Google Drive service-account keys, encrypted plugin settings, and the
// rotation of every stored secret to new keys (NetSuite tokens are stored and loaded by
// StoreNetsuiteTokens / LoadNetsuiteTokens in ops_finance.go). Plaintext never reaches
// the database: each value is sealed with a secrets.Box of its column's Purpose before it
// is bound, and opened after it is read. Errors name tables, rows, columns and plugin
// keys, never a value.

var (
	// ErrInvalidServiceAccountKey means the text given as a Google service-account key is
	// not a JSON object with non-empty string fields type, private_key and client_email
	// (what the TypeScript application requires before it stores a key). The message
	// names the missing field or the byte offset of a syntax error, never the text.
	ErrInvalidServiceAccountKey = errors.New("invalid Google service-account key")
	// ErrNotEncrypted means GetPluginSecret found the setting stored in plaintext
	// (is_encrypted = 0): it is ordinary configuration, not a secret. Store it with
	// SetPluginSecret to make it one.
	ErrNotEncrypted = errors.New("the stored value is not encrypted")
	// ErrWrongPurpose means a secrets.Box made for another column's Purpose (or none) was
	// passed: its key would seal values that the column's readers cannot open.
	ErrWrongPurpose = errors.New("secrets.Box made for another purpose")
)

// checkBox refuses a Box that was not made for want.
func checkBox(box *secrets.Box, want secrets.Purpose) error {
	if box == nil {
		return fmt.Errorf("compassdb: no secrets.Box, need one made for %q: %w", want.Salt, ErrWrongPurpose)
	}
	if got := box.Purpose(); got != want {
		return fmt.Errorf("compassdb: a secrets.Box made for %q where one for %q is needed: %w", got.Salt, want.Salt, ErrWrongPurpose)
	}
	return nil
}

// ---- Google Drive -----------------------------------------------------------------------

// GoogleDriveConnection is an organization's Google Drive connection with its
// service-account key in plaintext, as an administrator uploads it. Formatting it with
// the fmt package prints the key redacted.
type GoogleDriveConnection struct {
	ID                string // "" makes a new id
	OrganizationID    string
	ServiceAccountKey string // the service-account JSON file's text, plaintext
	WorkspaceDomain   string
	SharedDriveID     *string
	SharedDriveName   *string
	ConnectedBy       string            // the user connecting
	ConnectedAt       dbtypes.Timestamp // created_at and updated_at; zero means now
}

// Format prints c with ServiceAccountKey redacted, for every verb, so that logging the
// value never writes the key.
func (c GoogleDriveConnection) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "compassdb.GoogleDriveConnection{ID: %q, OrganizationID: %q, ServiceAccountKey: REDACTED, WorkspaceDomain: %q, ConnectedBy: %q}",
		c.ID, c.OrganizationID, c.WorkspaceDomain, c.ConnectedBy)
}

// Format prints t with both tokens redacted, for every verb.
func (t NetsuiteTokens) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "compassdb.NetsuiteTokens{AccountID: %q, AccessToken: REDACTED, RefreshToken: REDACTED, ExpiresIn: %d, TokenType: %q, IssuedAt: %s}",
		t.AccountID, t.ExpiresIn, t.TokenType, t.IssuedAt.Format("2006-01-02T15:04:05.000Z07:00"))
}

// checkServiceAccountKey applies §3 of the access patterns: the text must be a JSON object
// with non-empty string fields type, private_key and client_email.
func checkServiceAccountKey(text string) error {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		// encoding/json's messages can quote input characters: report the offset only.
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return fmt.Errorf("compassdb: the service-account key is not JSON (syntax error at byte %d): %w", syntax.Offset, ErrInvalidServiceAccountKey)
		}
		return fmt.Errorf("compassdb: the service-account key is not a JSON object: %w", ErrInvalidServiceAccountKey)
	}
	for _, field := range []string{"type", "private_key", "client_email"} {
		var s string
		if raw, ok := doc[field]; !ok || json.Unmarshal(raw, &s) != nil || strings.TrimSpace(s) == "" {
			return fmt.Errorf("compassdb: the service-account key has no %s (a non-empty string): %w", field, ErrInvalidServiceAccountKey)
		}
	}
	return nil
}

// ConnectGoogleDriveWithKey checks c.ServiceAccountKey (ErrInvalidServiceAccountKey),
// encrypts it with box, which must be made for secrets.GoogleServiceAccount
// (ErrWrongPurpose otherwise), and replaces the organization's connection with it in one
// transaction (ConnectGoogleDrive). The key's text is encrypted exactly as given; only
// the ciphertext reaches the database, and the returned row holds only the ciphertext.
func (d *DB) ConnectGoogleDriveWithKey(ctx context.Context, box *secrets.Box, c GoogleDriveConnection) (db.GoogleAuth, error) {
	if err := checkBox(box, secrets.GoogleServiceAccount); err != nil {
		return db.GoogleAuth{}, err
	}
	if err := checkServiceAccountKey(c.ServiceAccountKey); err != nil {
		return db.GoogleAuth{}, err
	}
	sealed, err := box.Encrypt(c.ServiceAccountKey)
	if err != nil {
		return db.GoogleAuth{}, fmt.Errorf("compassdb: encrypting the service-account key: %w", err)
	}
	id, at := c.ID, c.ConnectedAt
	if id == "" {
		id = NewID()
	}
	if at.IsZero() {
		at = dbtypes.Now()
	}
	return d.ConnectGoogleDrive(ctx, db.CreateGoogleAuthParams{
		ID:                         id,
		OrganizationID:             c.OrganizationID,
		ServiceAccountKeyEncrypted: sealed,
		WorkspaceDomain:            c.WorkspaceDomain,
		SharedDriveID:              c.SharedDriveID,
		SharedDriveName:            c.SharedDriveName,
		ConnectedBy:                c.ConnectedBy,
		CreatedAt:                  at,
		UpdatedAt:                  at,
	})
}

// LoadGoogleServiceAccountKey returns the plaintext service-account key of the
// organization's connection (the newest, GetGoogleAuthByOrganization), decrypted with
// box (made for secrets.GoogleServiceAccount). It returns ErrNotFound when the
// organization has no connection, and an error wrapping secrets.ErrDecrypt or
// secrets.ErrMalformed, naming the row, when the stored value does not open with box.
func (d *DB) LoadGoogleServiceAccountKey(ctx context.Context, box *secrets.Box, organizationID string) (string, error) {
	if err := checkBox(box, secrets.GoogleServiceAccount); err != nil {
		return "", err
	}
	row, err := d.Reader().GetGoogleAuthByOrganization(ctx, organizationID)
	if err != nil {
		return "", err
	}
	key, err := box.Decrypt(row.ServiceAccountKeyEncrypted)
	if err != nil {
		return "", fmt.Errorf("compassdb: decrypting the service-account key of google_auth row %q: %w", row.ID, err)
	}
	return key, nil
}

// ---- Plugin settings --------------------------------------------------------------------

// SetPluginSecret stores plaintext as the plugin's setting key, encrypted with box (made
// for secrets.PluginConfig), with is_encrypted = 1, in one statement (UpsertPluginConfig):
// an existing setting of that key, encrypted or not, is replaced and keeps its id. The
// returned row holds the ciphertext. An unknown plugin is ErrForeignKeyViolation.
//
// The TypeScript application never encrypts plugin settings and has no salt for them, so
// it cannot read these values (see secrets.PluginConfig).
func (d *DB) SetPluginSecret(ctx context.Context, box *secrets.Box, pluginID, key, plaintext string) (db.PluginConfig, error) {
	if err := checkBox(box, secrets.PluginConfig); err != nil {
		return db.PluginConfig{}, err
	}
	sealed, err := box.Encrypt(plaintext)
	if err != nil {
		return db.PluginConfig{}, fmt.Errorf("compassdb: encrypting plugin %q setting %q: %w", pluginID, key, err)
	}
	return d.Writer().UpsertPluginConfig(ctx, db.UpsertPluginConfigParams{
		ID: NewID(), PluginID: pluginID, Key: key, Value: sealed, IsEncrypted: true, UpdatedAt: dbtypes.Now(),
	})
}

// GetPluginSecret returns the plaintext of the plugin's encrypted setting key, decrypted
// with box (made for secrets.PluginConfig). It returns ErrNotFound when there is no such
// setting, ErrNotEncrypted when the setting is stored in plaintext (is_encrypted = 0:
// configuration, not a secret, and never returned by this method), and an error wrapping
// secrets.ErrDecrypt or secrets.ErrMalformed when the value does not open with box.
func (d *DB) GetPluginSecret(ctx context.Context, box *secrets.Box, pluginID, key string) (string, error) {
	if err := checkBox(box, secrets.PluginConfig); err != nil {
		return "", err
	}
	row, err := d.Reader().GetPluginConfigByKey(ctx, db.GetPluginConfigByKeyParams{PluginID: pluginID, Key: key})
	if err != nil {
		return "", err
	}
	if !row.IsEncrypted {
		return "", fmt.Errorf("compassdb: plugin %q setting %q (plugin_config row %q) is stored in plaintext (is_encrypted = 0), not as a secret: %w",
			pluginID, key, row.ID, ErrNotEncrypted)
	}
	plain, err := box.Decrypt(row.Value)
	if err != nil {
		return "", fmt.Errorf("compassdb: decrypting plugin %q setting %q (plugin_config row %q): %w", pluginID, key, row.ID, err)
	}
	return plain, nil
}

// ---- Key rotation -----------------------------------------------------------------------

// SecretBoxes holds one secrets.Box per purpose of the stored secrets. Each must be made
// for the Purpose its field names.
type SecretBoxes struct {
	NetSuiteTokens       *secrets.Box // netsuite_auth.access_token_encrypted, refresh_token_encrypted
	GoogleServiceAccount *secrets.Box // google_auth.service_account_key_encrypted
	PluginConfig         *secrets.Box // plugin_config.value where is_encrypted = 1
}

// RotationCounts says how many rows RotateSecrets re-encrypted in each table.
type RotationCounts struct {
	NetsuiteAuth int // rows; each holds two tokens
	GoogleAuth   int
	PluginConfig int // rows with is_encrypted = 1
}

// RotationError names the stored secret that stopped a rotation: its table, row id and
// column, never its value. Err says why (wrapping secrets.ErrDecrypt or ErrMalformed for
// a value the old key cannot open). Nothing was changed.
type RotationError struct {
	Table  string
	RowID  string
	Column string
	Err    error
}

func (e *RotationError) Error() string {
	return fmt.Sprintf("compassdb: rotating secrets: %s row %q, column %s: %v; nothing was changed", e.Table, e.RowID, e.Column, e.Err)
}

func (e *RotationError) Unwrap() error { return e.Err }

var errNoRotationKeys = errors.New("no old and new secrets.Box for this column's purpose, and it holds secrets")

// rotation is the old and new Box of one purpose.
type rotation struct {
	from, to *secrets.Box
}

// rotate re-encrypts one stored value from r.from to r.to, or says which value failed.
func (r rotation) rotate(table, rowID, column, stored string) (string, error) {
	if r.from == nil {
		return "", &RotationError{Table: table, RowID: rowID, Column: column, Err: errNoRotationKeys}
	}
	out, err := secrets.Rotate(r.from, r.to, stored)
	if err != nil {
		return "", &RotationError{Table: table, RowID: rowID, Column: column, Err: err}
	}
	return out, nil
}

// RotateSecrets re-encrypts every stored secret — the NetSuite access and refresh tokens
// of every netsuite_auth row, every google_auth service-account key, every plugin_config
// value with is_encrypted = 1 — from the old keys to the new ones, in one transaction.
// Each value is opened with its purpose's old Box and sealed with the new one; the
// plaintext exists only in memory and no other column (updated_at included) changes.
//
// Any value the old key cannot open stops the rotation with a *RotationError naming its
// table, row and column, and nothing is changed: every value still opens with the old
// keys only. A purpose whose old and new Box are both nil is allowed while its table
// holds no secret (a deployment without plugin secrets need not make keys for them);
// one nil of a pair, or a Box made for another purpose, is refused before anything is
// read (ErrWrongPurpose). Passing the same Box as old and new re-seals that purpose's
// values under the same key with fresh nonces.
func (d *DB) RotateSecrets(ctx context.Context, oldKeys, newKeys SecretBoxes) (RotationCounts, error) {
	pair := func(purpose secrets.Purpose, o, n *secrets.Box) (rotation, error) {
		if o == nil && n == nil {
			return rotation{}, nil
		}
		if err := errors.Join(checkBox(o, purpose), checkBox(n, purpose)); err != nil {
			return rotation{}, fmt.Errorf("compassdb: rotating secrets: %w", err)
		}
		return rotation{from: o, to: n}, nil
	}
	netsuite, err := pair(secrets.NetSuiteTokens, oldKeys.NetSuiteTokens, newKeys.NetSuiteTokens)
	if err != nil {
		return RotationCounts{}, err
	}
	google, err := pair(secrets.GoogleServiceAccount, oldKeys.GoogleServiceAccount, newKeys.GoogleServiceAccount)
	if err != nil {
		return RotationCounts{}, err
	}
	plugin, err := pair(secrets.PluginConfig, oldKeys.PluginConfig, newKeys.PluginConfig)
	if err != nil {
		return RotationCounts{}, err
	}

	var counts RotationCounts
	err = d.Tx(ctx, func(q *db.Queries) error {
		counts = RotationCounts{} // Tx may run fn again after a busy database

		auths, err := q.ListNetsuiteAuths(ctx)
		if err != nil {
			return err
		}
		for _, a := range auths {
			access, err := netsuite.rotate("netsuite_auth", a.ID, "access_token_encrypted", a.AccessTokenEncrypted)
			if err != nil {
				return err
			}
			refresh, err := netsuite.rotate("netsuite_auth", a.ID, "refresh_token_encrypted", a.RefreshTokenEncrypted)
			if err != nil {
				return err
			}
			if _, err := q.SetNetsuiteAuthCiphertexts(ctx, db.SetNetsuiteAuthCiphertextsParams{
				ID: a.ID, AccessTokenEncrypted: access, RefreshTokenEncrypted: refresh,
			}); err != nil {
				return err
			}
			counts.NetsuiteAuth++
		}

		conns, err := q.ListGoogleAuths(ctx)
		if err != nil {
			return err
		}
		for _, g := range conns {
			key, err := google.rotate("google_auth", g.ID, "service_account_key_encrypted", g.ServiceAccountKeyEncrypted)
			if err != nil {
				return err
			}
			if _, err := q.SetGoogleServiceAccountKey(ctx, db.SetGoogleServiceAccountKeyParams{ID: g.ID, ServiceAccountKeyEncrypted: key}); err != nil {
				return err
			}
			counts.GoogleAuth++
		}

		settings, err := q.ListEncryptedPluginConfigs(ctx)
		if err != nil {
			return err
		}
		for _, s := range settings {
			value, err := plugin.rotate("plugin_config", s.ID, "value", s.Value)
			if err != nil {
				return err
			}
			if _, err := q.SetEncryptedPluginConfigValue(ctx, db.SetEncryptedPluginConfigValueParams{ID: s.ID, Value: value}); err != nil {
				return err
			}
			counts.PluginConfig++
		}
		return nil
	})
	if err != nil {
		return RotationCounts{}, err
	}
	return counts, nil
}
