package compassdb_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/internal/dbtest"
	"github.com/compass-eng/compassdb/secrets"
)

// Tests of ops_secrets.go: secrets stored through StoreNetsuiteTokens,
// ConnectGoogleDriveWithKey and SetPluginSecret, read back, rotated to new keys, and never
// present in plaintext in the database file, its WAL or an error message.

// Deriving a key takes tens of milliseconds: tests share one Box per (secret, purpose).
var (
	keyBoxesMu sync.Mutex
	keyBoxes   = map[[2]string]*secrets.Box{}
)

func keyBox(t testing.TB, secret string, p secrets.Purpose) *secrets.Box {
	t.Helper()
	keyBoxesMu.Lock()
	defer keyBoxesMu.Unlock()
	id := [2]string{secret, p.Salt}
	if b, ok := keyBoxes[id]; ok {
		return b
	}
	b, err := secrets.New(secret, p)
	if err != nil {
		t.Fatal(err)
	}
	keyBoxes[id] = b
	return b
}

// keySet is one Box per purpose for secret, as a service would make them from its
// environment.
func keySet(t testing.TB, secret string) compassdb.SecretBoxes {
	return compassdb.SecretBoxes{
		NetSuiteTokens:       keyBox(t, "netsuite-"+secret, secrets.NetSuiteTokens),
		GoogleServiceAccount: keyBox(t, "google-"+secret, secrets.GoogleServiceAccount),
		PluginConfig:         keyBox(t, "plugin-"+secret, secrets.PluginConfig),
	}
}

// serviceAccountKey is a fake service-account JSON file whose private key holds marker.
func serviceAccountKey(marker string) string {
	return `{
  "type": "service_account",
  "project_id": "compass-test",
  "private_key_id": "0123456789abcdef",
  "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEv` + marker + `QIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n",
  "client_email": "sync@compass-test.iam.gserviceaccount.com",
  "client_id": "123456789012345678901",
  "token_uri": "https://oauth2.googleapis.com/token"
}`
}

// secretWorld is a seeded database without the fixture's fake secrets, holding real
// ones: two NetSuite accounts, two Google Drive connections, two plugin secrets, and a
// plaintext plugin setting that is not a secret.
type secretWorld struct {
	h    *compassdb.DB
	f    *dbtest.Fixture
	keys compassdb.SecretBoxes
	// markers are distinctive parts of every plaintext secret written.
	markers []string
	tokens  map[string]compassdb.NetsuiteTokens // by account
	google  map[string]string                   // service-account key by organization
	plugin  map[string]string                   // plugin-1's secrets by key
}

const pluginContent = "PLAIN-SKILL-BODY-not-a-secret"

func newSecretWorld(t *testing.T, h *compassdb.DB, f *dbtest.Fixture) *secretWorld {
	t.Helper()
	w := &secretWorld{h: h, f: f, keys: keySet(t, "v1"), tokens: map[string]compassdb.NetsuiteTokens{}, google: map[string]string{}, plugin: map[string]string{}}
	q := h.Writer()
	for _, del := range []func() (int64, error){
		func() (int64, error) { return q.DeleteNetsuiteAuth(bg, f.NetsuiteAuth.ID) },
		func() (int64, error) { return q.DeleteGoogleAuth(bg, f.GoogleAuth.ID) },
		func() (int64, error) { return q.DeletePluginConfig(bg, f.PluginConfig.ID) },
	} {
		if n, err := del(); err != nil || n != 1 {
			t.Fatalf("removing a fixture secret: %d, %v", n, err)
		}
	}
	if _, err := q.CreateOrganization(bg, like(f.Organization, func(p *db.CreateOrganizationParams) { p.ID, p.Slug = "org-2", "org-2" })); err != nil {
		t.Fatal(err)
	}

	for i, acct := range []string{"ACCT-1", "ACCT-2"} {
		tok := compassdb.NetsuiteTokens{
			AccountID:    acct,
			AccessToken:  fmt.Sprintf("NS-ACCESS-%d-7f3a9c0d", i),
			RefreshToken: fmt.Sprintf("NS-REFRESH-%d-2b8d1e4f", i),
			ExpiresIn:    3600, TokenType: "Bearer", IssuedAt: time.Date(2026, 3, 1, 9, 0, i, 0, time.UTC),
		}
		if _, err := h.StoreNetsuiteTokens(bg, w.keys.NetSuiteTokens, tok); err != nil {
			t.Fatal(err)
		}
		w.tokens[acct] = tok
		w.markers = append(w.markers, tok.AccessToken, tok.RefreshToken)
	}
	for i, org := range []string{f.Organization.ID, "org-2"} {
		marker := fmt.Sprintf("GOOGLE-PRIVATE-%d-5e6fa1b2", i)
		key := serviceAccountKey(marker)
		if _, err := h.ConnectGoogleDriveWithKey(bg, w.keys.GoogleServiceAccount, compassdb.GoogleDriveConnection{
			ID: "google-" + org, OrganizationID: org, ServiceAccountKey: key, WorkspaceDomain: org + ".example", ConnectedBy: f.User.ID, ConnectedAt: dbtest.At(60 + i),
		}); err != nil {
			t.Fatal(err)
		}
		w.google[org] = key
		w.markers = append(w.markers, marker)
	}
	for key, secret := range map[string]string{"WEATHER_API_KEY": "PLUGIN-SECRET-weather-91ac3e", "MAPS_TOKEN": "PLUGIN-SECRET-maps-44df07"} {
		if _, err := h.SetPluginSecret(bg, w.keys.PluginConfig, f.Plugin.ID, key, secret); err != nil {
			t.Fatal(err)
		}
		w.plugin[key] = secret
		w.markers = append(w.markers, secret)
	}
	if _, err := q.UpsertPluginConfig(bg, db.UpsertPluginConfigParams{
		ID: "plugin-config-content", PluginID: f.Plugin.ID, Key: "content", Value: pluginContent, IsEncrypted: false, UpdatedAt: dbtest.At(70),
	}); err != nil {
		t.Fatal(err)
	}
	return w
}

// readsWith checks that every secret of w reads back with keys.
func (w *secretWorld) readsWith(t *testing.T, keys compassdb.SecretBoxes) {
	t.Helper()
	for acct, want := range w.tokens {
		got, err := w.h.LoadNetsuiteTokens(bg, keys.NetSuiteTokens, acct)
		if err != nil || got.AccessToken != want.AccessToken || got.RefreshToken != want.RefreshToken {
			t.Errorf("LoadNetsuiteTokens(%s): tokens differ, %v", acct, err)
		}
	}
	for org, want := range w.google {
		got, err := w.h.LoadGoogleServiceAccountKey(bg, keys.GoogleServiceAccount, org)
		if err != nil || got != want {
			t.Errorf("LoadGoogleServiceAccountKey(%s): key differs, %v", org, err)
		}
	}
	for key, want := range w.plugin {
		got, err := w.h.GetPluginSecret(bg, keys.PluginConfig, w.f.Plugin.ID, key)
		if err != nil || got != want {
			t.Errorf("GetPluginSecret(%s): value differs, %v", key, err)
		}
	}
}

// failsWith checks that no secret of w opens with keys.
func (w *secretWorld) failsWith(t *testing.T, keys compassdb.SecretBoxes) {
	t.Helper()
	for acct := range w.tokens {
		if _, err := w.h.LoadNetsuiteTokens(bg, keys.NetSuiteTokens, acct); !errors.Is(err, secrets.ErrDecrypt) {
			t.Errorf("LoadNetsuiteTokens(%s) with a retired key: %v, want secrets.ErrDecrypt", acct, err)
		}
	}
	for org := range w.google {
		if _, err := w.h.LoadGoogleServiceAccountKey(bg, keys.GoogleServiceAccount, org); !errors.Is(err, secrets.ErrDecrypt) {
			t.Errorf("LoadGoogleServiceAccountKey(%s) with a retired key: %v, want secrets.ErrDecrypt", org, err)
		}
	}
	for key := range w.plugin {
		if _, err := w.h.GetPluginSecret(bg, keys.PluginConfig, w.f.Plugin.ID, key); !errors.Is(err, secrets.ErrDecrypt) {
			t.Errorf("GetPluginSecret(%s) with a retired key: %v, want secrets.ErrDecrypt", key, err)
		}
	}
}

// stored is a row of a table with secrets as stored: its secret columns, and the rest.
type stored struct{ secret, rest string }

// storedSecrets returns every row of the tables with secret columns (the plaintext plugin
// settings included), by table and row id.
func storedSecrets(t *testing.T, h *compassdb.DB) map[string]stored {
	t.Helper()
	out := map[string]stored{}
	rows, err := h.WriteDB().QueryContext(bg, `
		SELECT 'netsuite_auth/' || id, access_token_encrypted || ' ' || refresh_token_encrypted,
		       concat_ws('|', account_id, expires_in, token_type, issued_at, created_at, updated_at) FROM netsuite_auth
		UNION ALL
		SELECT 'google_auth/' || id, service_account_key_encrypted,
		       concat_ws('|', organization_id, workspace_domain, shared_drive_id, shared_drive_name, connected_by, created_at, updated_at) FROM google_auth
		UNION ALL
		SELECT 'plugin_config/' || id, value, concat_ws('|', plugin_id, key, is_encrypted, updated_at) FROM plugin_config`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var v stored
		if err := rows.Scan(&k, &v.secret, &v.rest); err != nil {
			t.Fatal(err)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// noPlaintext fails if any text holds one of the markers.
func noPlaintext(t *testing.T, what string, text string, markers []string) {
	t.Helper()
	for _, m := range markers {
		if strings.Contains(text, m) {
			t.Errorf("%s holds the plaintext %q", what, m)
		}
	}
}

func TestGoogleServiceAccountKeyRoundTrip(t *testing.T) {
	t.Parallel()
	h, f := dbtest.OpenSeeded(t)
	box := keyBox(t, "google-v1", secrets.GoogleServiceAccount)
	key := serviceAccountKey("GOOGLE-PRIVATE-roundtrip-c0ffee")
	conn := compassdb.GoogleDriveConnection{
		OrganizationID: f.Organization.ID, ServiceAccountKey: key, WorkspaceDomain: "maple.example",
		SharedDriveID: ptr("drive-1"), SharedDriveName: ptr("Jobs"), ConnectedBy: f.User.ID,
	}
	row, err := h.ConnectGoogleDriveWithKey(bg, box, conn)
	if err != nil {
		t.Fatal(err)
	}
	if row.ID == "" || row.ID == f.GoogleAuth.ID || row.OrganizationID != f.Organization.ID || *row.SharedDriveName != "Jobs" || row.CreatedAt.IsZero() {
		t.Errorf("ConnectGoogleDriveWithKey = %+v", row)
	}
	if strings.Contains(row.ServiceAccountKeyEncrypted, "PRIVATE") {
		t.Error("the returned row holds the plaintext key")
	}
	if plain, err := box.Decrypt(row.ServiceAccountKeyEncrypted); err != nil || plain != key {
		t.Errorf("the stored value decrypts to a different key (%v)", err)
	}
	// The connection replaced the organization's previous one (the fixture's).
	rows, err := h.Reader().ListGoogleAuthsByOrganization(bg, f.Organization.ID)
	if err != nil || len(rows) != 1 || rows[0].ID != row.ID {
		t.Errorf("the organization's connections: %d rows, %v; want only the new one", len(rows), err)
	}
	got, err := h.LoadGoogleServiceAccountKey(bg, box, f.Organization.ID)
	if err != nil || got != key {
		t.Errorf("LoadGoogleServiceAccountKey: key differs, %v", err)
	}
	if _, err := h.LoadGoogleServiceAccountKey(bg, box, "org-none"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("an organization without a connection: %v, want ErrNotFound", err)
	}
	wrong := keyBox(t, "google-other", secrets.GoogleServiceAccount)
	if _, err := h.LoadGoogleServiceAccountKey(bg, wrong, f.Organization.ID); !errors.Is(err, secrets.ErrDecrypt) || !strings.Contains(err.Error(), row.ID) {
		t.Errorf("another key: %v, want secrets.ErrDecrypt naming row %s", err, row.ID)
	}

	// Boxes of another purpose, or none, are refused before anything is stored.
	before := storedSecrets(t, h)
	for name, b := range map[string]*secrets.Box{"NetSuite box": keyBox(t, "google-v1", secrets.NetSuiteTokens), "nil box": nil} {
		if _, err := h.ConnectGoogleDriveWithKey(bg, b, conn); !errors.Is(err, compassdb.ErrWrongPurpose) {
			t.Errorf("connect with a %s: %v, want ErrWrongPurpose", name, err)
		}
		if _, err := h.LoadGoogleServiceAccountKey(bg, b, f.Organization.ID); !errors.Is(err, compassdb.ErrWrongPurpose) {
			t.Errorf("load with a %s: %v, want ErrWrongPurpose", name, err)
		}
	}

	// Keys without what Google's client needs are refused (§3: type, private_key,
	// client_email), and the organization keeps its connection.
	bad := map[string]string{
		"not JSON":                  "GOOGLE-PRIVATE-bad-1 is not json",
		"truncated JSON":            key[:len(key)/2],
		"an array":                  `["GOOGLE-PRIVATE-bad-2"]`,
		"null":                      `null`,
		"no type":                   strings.Replace(key, `"type"`, `"kind"`, 1),
		"empty private_key":         `{"type": "service_account", "private_key": "", "client_email": "a@b.example"}`,
		"client_email not a string": `{"type": "service_account", "private_key": "GOOGLE-PRIVATE-bad-3", "client_email": 7}`,
		"blank type":                `{"type": "  ", "private_key": "GOOGLE-PRIVATE-bad-4", "client_email": "a@b.example"}`,
	}
	for name, text := range bad {
		c := conn
		c.ServiceAccountKey = text
		_, err := h.ConnectGoogleDriveWithKey(bg, box, c)
		if !errors.Is(err, compassdb.ErrInvalidServiceAccountKey) {
			t.Errorf("%s: %v, want ErrInvalidServiceAccountKey", name, err)
			continue
		}
		for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
			noPlaintext(t, name+" error "+format, fmt.Sprintf(format, err), []string{"GOOGLE-PRIVATE", "BEGIN PRIVATE KEY"})
		}
	}
	if after := storedSecrets(t, h); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a refused connection changed the stored secrets")
	}

	// Printing the connection never prints the key.
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{conn, &conn} {
			noPlaintext(t, "fmt "+format, fmt.Sprintf(format, v), []string{"GOOGLE-PRIVATE", "BEGIN PRIVATE KEY"})
		}
	}
	if s := fmt.Sprint(conn); !strings.Contains(s, f.Organization.ID) || !strings.Contains(s, "REDACTED") {
		t.Errorf("fmt.Sprint(conn) = %s, want the organization and REDACTED", s)
	}
}

func TestPluginSecretRoundTrip(t *testing.T) {
	t.Parallel()
	h, f := dbtest.OpenSeeded(t)
	box := keyBox(t, "plugin-v1", secrets.PluginConfig)
	const secret = "PLUGIN-SECRET-roundtrip-8d2e"
	row, err := h.SetPluginSecret(bg, box, f.Plugin.ID, "API_TOKEN", secret)
	if err != nil {
		t.Fatal(err)
	}
	if !row.IsEncrypted || row.Key != "API_TOKEN" || row.PluginID != f.Plugin.ID || strings.Contains(row.Value, secret) {
		t.Errorf("SetPluginSecret = %+v", row)
	}
	if got, err := h.GetPluginSecret(bg, box, f.Plugin.ID, "API_TOKEN"); err != nil || got != secret {
		t.Errorf("GetPluginSecret: value differs, %v", err)
	}
	// Setting it again replaces the value on the same row.
	again, err := h.SetPluginSecret(bg, box, f.Plugin.ID, "API_TOKEN", secret+"-2")
	if err != nil || again.ID != row.ID {
		t.Fatalf("second SetPluginSecret: row %s (first %s), %v", again.ID, row.ID, err)
	}
	if got, err := h.GetPluginSecret(bg, box, f.Plugin.ID, "API_TOKEN"); err != nil || got != secret+"-2" {
		t.Errorf("after the second set: value differs, %v", err)
	}
	// The empty string is a value like any other.
	if _, err := h.SetPluginSecret(bg, box, f.Plugin.ID, "EMPTY", ""); err != nil {
		t.Fatal(err)
	}
	if got, err := h.GetPluginSecret(bg, box, f.Plugin.ID, "EMPTY"); err != nil || got != "" {
		t.Errorf("empty secret: %q, %v", got, err)
	}

	// A plaintext setting is configuration, never returned as a secret.
	const plain = "PLAIN-SETTING-value-11aa"
	cfg, err := h.Writer().UpsertPluginConfig(bg, db.UpsertPluginConfigParams{
		ID: "cfg-plain", PluginID: f.Plugin.ID, Key: "region", Value: plain, IsEncrypted: false, UpdatedAt: dbtest.At(80),
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = h.GetPluginSecret(bg, box, f.Plugin.ID, "region")
	if !errors.Is(err, compassdb.ErrNotEncrypted) || !strings.Contains(err.Error(), "region") || !strings.Contains(err.Error(), cfg.ID) {
		t.Errorf("GetPluginSecret on a plaintext setting: %v, want ErrNotEncrypted naming the key and row", err)
	}
	noPlaintext(t, "ErrNotEncrypted", fmt.Sprintf("%+v", err), []string{plain})
	// SetPluginSecret turns it into a secret, on the same row.
	if s, err := h.SetPluginSecret(bg, box, f.Plugin.ID, "region", plain); err != nil || s.ID != cfg.ID || !s.IsEncrypted {
		t.Errorf("making the setting a secret: %+v, %v", s, err)
	}
	if got, err := h.GetPluginSecret(bg, box, f.Plugin.ID, "region"); err != nil || got != plain {
		t.Errorf("after making it a secret: %v", err)
	}

	if _, err := h.GetPluginSecret(bg, box, f.Plugin.ID, "MISSING"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("missing setting: %v, want ErrNotFound", err)
	}
	if _, err := h.GetPluginSecret(bg, box, "plugin-other", "API_TOKEN"); !errors.Is(err, compassdb.ErrNotFound) {
		t.Errorf("another plugin's setting: %v, want ErrNotFound", err)
	}
	if _, err := h.SetPluginSecret(bg, box, "plugin-missing", "API_TOKEN", secret); !errors.Is(err, compassdb.ErrForeignKeyViolation) {
		t.Errorf("unknown plugin: %v, want ErrForeignKeyViolation", err)
	}
	if _, err := h.GetPluginSecret(bg, keyBox(t, "plugin-other", secrets.PluginConfig), f.Plugin.ID, "API_TOKEN"); !errors.Is(err, secrets.ErrDecrypt) {
		t.Errorf("another key: %v, want secrets.ErrDecrypt", err)
	}
	if _, err := h.SetPluginSecret(bg, keyBox(t, "plugin-v1", secrets.NetSuiteTokens), f.Plugin.ID, "API_TOKEN", secret); !errors.Is(err, compassdb.ErrWrongPurpose) {
		t.Errorf("a NetSuite box: %v, want ErrWrongPurpose", err)
	}
	if got, err := h.GetPluginSecret(bg, box, f.Plugin.ID, "API_TOKEN"); err != nil || got != secret+"-2" {
		t.Errorf("the refused writes changed the secret: %v", err)
	}
}

// TestSecretColumnQueries tests the queries key rotation is made of.
func TestSecretColumnQueries(t *testing.T) {
	t.Parallel()
	h, f := dbtest.OpenSeeded(t)
	q := h.Writer()
	if _, err := q.CreatePluginConfig(bg, db.CreatePluginConfigParams{ID: "cfg-a", PluginID: f.Plugin.ID, Key: "A_KEY", Value: "ct-a", IsEncrypted: true, UpdatedAt: dbtest.At(90)}); err != nil {
		t.Fatal(err)
	}
	if _, err := q.CreatePluginConfig(bg, db.CreatePluginConfigParams{ID: "cfg-plain", PluginID: f.Plugin.ID, Key: "B_PLAIN", Value: "plain", IsEncrypted: false, UpdatedAt: dbtest.At(90)}); err != nil {
		t.Fatal(err)
	}
	enc, err := h.Reader().ListEncryptedPluginConfigs(bg)
	if err != nil {
		t.Fatal(err)
	}
	if ids := finIDs(enc, func(c db.PluginConfig) string { return c.ID }); fmt.Sprint(ids) != fmt.Sprint([]string{"cfg-a", f.PluginConfig.ID}) {
		t.Errorf("ListEncryptedPluginConfigs = %q, want the encrypted rows by key", ids)
	}
	if n, err := q.SetEncryptedPluginConfigValue(bg, db.SetEncryptedPluginConfigValueParams{ID: "cfg-plain", Value: "ct-x"}); err != nil || n != 0 {
		t.Errorf("SetEncryptedPluginConfigValue on a plaintext row: %d, %v; want 0", n, err)
	}
	if n, err := q.SetEncryptedPluginConfigValue(bg, db.SetEncryptedPluginConfigValueParams{ID: "cfg-a", Value: "ct-a2"}); err != nil || n != 1 {
		t.Errorf("SetEncryptedPluginConfigValue: %d, %v", n, err)
	}
	for id, want := range map[string]string{"cfg-a": "ct-a2", "cfg-plain": "plain"} {
		c, err := h.Reader().GetPluginConfig(bg, id)
		if err != nil || c.Value != want || !c.UpdatedAt.Equal(dbtest.At(90).Time) {
			t.Errorf("%s after the set: %q at %v, %v; want %q, updated_at unchanged", id, c.Value, c.UpdatedAt, err, want)
		}
	}

	if _, err := q.CreateOrganization(bg, like(f.Organization, func(p *db.CreateOrganizationParams) { p.ID, p.Slug = "org-2", "org-2" })); err != nil {
		t.Fatal(err)
	}
	if _, err := q.CreateGoogleAuth(bg, like(f.GoogleAuth, func(p *db.CreateGoogleAuthParams) {
		p.ID, p.OrganizationID, p.CreatedAt = "google-auth-0", "org-2", dbtest.At(1)
	})); err != nil {
		t.Fatal(err)
	}
	all, err := h.Reader().ListGoogleAuths(bg)
	if ids := finIDs(all, func(g db.GoogleAuth) string { return g.ID }); err != nil || fmt.Sprint(ids) != fmt.Sprint([]string{"google-auth-0", f.GoogleAuth.ID}) {
		t.Errorf("ListGoogleAuths = %q, %v; want both organizations' rows, oldest first", ids, err)
	}
	if n, err := q.SetGoogleServiceAccountKey(bg, db.SetGoogleServiceAccountKeyParams{ID: f.GoogleAuth.ID, ServiceAccountKeyEncrypted: "ct-sa2"}); err != nil || n != 1 {
		t.Errorf("SetGoogleServiceAccountKey: %d, %v", n, err)
	}
	g, err := h.Reader().GetGoogleAuth(bg, f.GoogleAuth.ID)
	if want := f.GoogleAuth; err != nil || g.ServiceAccountKeyEncrypted != "ct-sa2" || !g.UpdatedAt.Equal(want.UpdatedAt.Time) || g.WorkspaceDomain != want.WorkspaceDomain {
		t.Errorf("after SetGoogleServiceAccountKey: %+v, %v", g, err)
	}
	if n, err := q.SetGoogleServiceAccountKey(bg, db.SetGoogleServiceAccountKeyParams{ID: "google-none", ServiceAccountKeyEncrypted: "x"}); err != nil || n != 0 {
		t.Errorf("SetGoogleServiceAccountKey on no row: %d, %v", n, err)
	}

	if n, err := q.SetNetsuiteAuthCiphertexts(bg, db.SetNetsuiteAuthCiphertextsParams{ID: f.NetsuiteAuth.ID, AccessTokenEncrypted: "ct-a", RefreshTokenEncrypted: "ct-r"}); err != nil || n != 1 {
		t.Errorf("SetNetsuiteAuthCiphertexts: %d, %v", n, err)
	}
	a, err := h.Reader().GetNetsuiteAuth(bg, f.NetsuiteAuth.ID)
	if want := f.NetsuiteAuth; err != nil || a.AccessTokenEncrypted != "ct-a" || a.RefreshTokenEncrypted != "ct-r" ||
		!a.UpdatedAt.Equal(want.UpdatedAt.Time) || a.IssuedAt != want.IssuedAt || a.ExpiresIn != want.ExpiresIn {
		t.Errorf("after SetNetsuiteAuthCiphertexts: %+v, %v", a, err)
	}
}

func TestRotateSecrets(t *testing.T) {
	t.Parallel()
	h, f := dbtest.OpenSeeded(t)
	w := newSecretWorld(t, h, f)
	v1, v2, v3 := w.keys, keySet(t, "v2"), keySet(t, "v3")
	w.readsWith(t, v1)

	before := storedSecrets(t, h)
	counts, err := h.RotateSecrets(bg, v1, v2)
	if err != nil {
		t.Fatal(err)
	}
	if want := (compassdb.RotationCounts{NetsuiteAuth: 2, GoogleAuth: 2, PluginConfig: 2}); counts != want {
		t.Errorf("RotateSecrets counts = %+v, want %+v", counts, want)
	}
	w.readsWith(t, v2)
	w.failsWith(t, v1)
	after := storedSecrets(t, h)
	for k, old := range before {
		const plain = "plugin_config/plugin-config-content"
		switch {
		case k != plain && after[k].secret == old.secret:
			t.Errorf("%s: unchanged by the rotation", k)
		case k == plain && after[k].secret != old.secret:
			t.Errorf("the plaintext setting changed: %q, was %q", after[k].secret, old.secret)
		}
		// Only the ciphertexts change: updated_at and the other columns stay.
		if after[k].rest != old.rest {
			t.Errorf("%s: %q became %q", k, old.rest, after[k].rest)
		}
	}
	if len(after) != len(before) {
		t.Errorf("%d secret rows after the rotation, %d before", len(after), len(before))
	}

	t.Run("a value the old key cannot open changes nothing", func(t *testing.T) {
		// The last table's row fails, after both other tables were re-encrypted in the
		// transaction: all of it is rolled back.
		stray := keyBox(t, "plugin-stray", secrets.PluginConfig)
		row, err := h.SetPluginSecret(bg, stray, f.Plugin.ID, "ZZ_STRAY", "PLUGIN-SECRET-stray-00ff")
		if err != nil {
			t.Fatal(err)
		}
		before := storedSecrets(t, h)
		_, err = h.RotateSecrets(bg, v2, v3)
		var re *compassdb.RotationError
		if !errors.As(err, &re) || !errors.Is(err, secrets.ErrDecrypt) {
			t.Fatalf("RotateSecrets = %v, want a *RotationError wrapping secrets.ErrDecrypt", err)
		}
		if re.Table != "plugin_config" || re.RowID != row.ID || re.Column != "value" {
			t.Errorf("RotationError names %s %s %s, want plugin_config %s value", re.Table, re.RowID, re.Column, row.ID)
		}
		for _, format := range []string{"%v", "%+v", "%#v"} {
			noPlaintext(t, "rotation error "+format, fmt.Sprintf(format, err), append(w.markers, "PLUGIN-SECRET-stray"))
		}
		if after := storedSecrets(t, h); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Error("the failed rotation changed stored secrets")
		}
		w.readsWith(t, v2)
		w.failsWith(t, v3)
		if _, err := h.Writer().DeletePluginConfig(bg, row.ID); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("a malformed value in the first table changes nothing", func(t *testing.T) {
		if _, err := h.Writer().UpsertNetsuiteAuth(bg, db.UpsertNetsuiteAuthParams{
			ID: "ns-bad", AccountID: "ACCT-BAD", AccessTokenEncrypted: "not base64!", RefreshTokenEncrypted: "x",
			ExpiresIn: 1, TokenType: "Bearer", CreatedAt: dbtest.At(100), UpdatedAt: dbtest.At(100),
		}); err != nil {
			t.Fatal(err)
		}
		before := storedSecrets(t, h)
		_, err := h.RotateSecrets(bg, v2, v3)
		var re *compassdb.RotationError
		if !errors.As(err, &re) || !errors.Is(err, secrets.ErrMalformed) || re.Table != "netsuite_auth" || re.RowID != "ns-bad" || re.Column != "access_token_encrypted" {
			t.Fatalf("RotateSecrets = %#v (%v), want a RotationError for netsuite_auth ns-bad", re, err)
		}
		if after := storedSecrets(t, h); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Error("the failed rotation changed stored secrets")
		}
		if _, err := h.Writer().DeleteNetsuiteAuth(bg, "ns-bad"); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("keys that do not fit are refused before anything is read", func(t *testing.T) {
		before := storedSecrets(t, h)
		swapped := v3
		swapped.GoogleServiceAccount = keyBox(t, "google-v3", secrets.NetSuiteTokens)
		oneNil := v3
		oneNil.PluginConfig = nil
		for name, pair := range map[string][2]compassdb.SecretBoxes{
			"a new box of another purpose":  {v2, swapped},
			"an old box of another purpose": {swapped, v3},
			"only the new box of a pair":    {{NetSuiteTokens: v2.NetSuiteTokens, GoogleServiceAccount: v2.GoogleServiceAccount}, v3},
			"only the old box of a pair":    {v2, oneNil},
		} {
			if _, err := h.RotateSecrets(bg, pair[0], pair[1]); !errors.Is(err, compassdb.ErrWrongPurpose) {
				t.Errorf("%s: %v, want ErrWrongPurpose", name, err)
			}
		}
		// No keys for plugin settings while some exist: the first such row is named.
		noPlugin := func(k compassdb.SecretBoxes) compassdb.SecretBoxes { k.PluginConfig = nil; return k }
		_, err := h.RotateSecrets(bg, noPlugin(v2), noPlugin(v3))
		var re *compassdb.RotationError
		if !errors.As(err, &re) || re.Table != "plugin_config" {
			t.Errorf("no plugin keys with plugin secrets stored: %v, want a RotationError on plugin_config", err)
		}
		if after := storedSecrets(t, h); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Error("a refused rotation changed stored secrets")
		}
		w.readsWith(t, v2)
	})

	t.Run("a purpose without keys is skipped while it stores nothing", func(t *testing.T) {
		for key := range w.plugin {
			if _, err := h.Writer().DeletePluginConfig(bg, mustPluginConfigID(t, h, f.Plugin.ID, key)); err != nil {
				t.Fatal(err)
			}
		}
		w.plugin = map[string]string{}
		noPlugin := func(k compassdb.SecretBoxes) compassdb.SecretBoxes { k.PluginConfig = nil; return k }
		counts, err := h.RotateSecrets(bg, noPlugin(v2), noPlugin(v3))
		if want := (compassdb.RotationCounts{NetsuiteAuth: 2, GoogleAuth: 2}); err != nil || counts != want {
			t.Fatalf("RotateSecrets = %+v, %v; want %+v", counts, err, want)
		}
		w.readsWith(t, v3)
		w.failsWith(t, v2)
	})
}

func mustPluginConfigID(t *testing.T, h *compassdb.DB, pluginID, key string) string {
	t.Helper()
	c, err := h.Reader().GetPluginConfigByKey(bg, db.GetPluginConfigByKeyParams{PluginID: pluginID, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// TestPlaintextNeverReachesTheFile writes secrets through every path that stores them,
// rotates them, and reads the database file and its WAL as bytes: before a checkpoint
// (while the handle is open, so the writes are still in the WAL) and after Close. The
// ciphertexts are there — so the bytes searched are the right ones — and no plaintext is.
func TestPlaintextNeverReachesTheFile(t *testing.T) {
	t.Parallel()
	path := dbtest.Path(t)
	h, err := compassdb.Open(bg, path, compassdb.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	f, err := dbtest.Seed(bg, h.Writer())
	if err != nil {
		t.Fatal(err)
	}
	w := newSecretWorld(t, h, f)
	if _, err := h.RotateSecrets(bg, w.keys, keySet(t, "v2")); err != nil {
		t.Fatal(err)
	}
	var ciphertexts []string
	for k, v := range storedSecrets(t, h) {
		if k != "plugin_config/plugin-config-content" {
			ciphertexts = append(ciphertexts, strings.Fields(v.secret)...)
		}
	}

	scan := func(when string, wantWAL bool) {
		t.Helper()
		var all []byte
		for _, file := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
			data, err := os.ReadFile(file)
			if errors.Is(err, os.ErrNotExist) {
				if file == path+"-wal" && wantWAL {
					t.Fatalf("%s: no WAL file while the handle is open", when)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if file == path+"-wal" && wantWAL && len(data) == 0 {
				t.Fatalf("%s: the WAL is empty: the writes were checkpointed, the test would prove nothing", when)
			}
			for _, m := range w.markers {
				if bytes.Contains(data, []byte(m)) {
					t.Errorf("%s: %s holds the plaintext %q", when, filepath.Base(file), m)
				}
			}
			all = append(all, data...)
		}
		for _, c := range ciphertexts {
			if !bytes.Contains(all, []byte(c)) {
				t.Errorf("%s: a stored ciphertext is in neither the file nor the WAL: the scan reads the wrong bytes", when)
			}
		}
		if !bytes.Contains(all, []byte(pluginContent)) {
			t.Errorf("%s: the plaintext setting is not found either: the scan reads the wrong bytes", when)
		}
	}
	scan("before a checkpoint", true)
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	scan("after Close", false)
}

// TestSecretErrorsHoldNoPlaintext formats every error of the secret paths, with every
// verb, and looks for the plaintexts in the text.
func TestSecretErrorsHoldNoPlaintext(t *testing.T) {
	t.Parallel()
	h, f := dbtest.OpenSeeded(t)
	w := newSecretWorld(t, h, f)
	other := keySet(t, "other")
	const invalidText = "PLUGIN-SECRET-invalid-\xff"
	markers := append(w.markers, "PLUGIN-SECRET-invalid", "GOOGLE-PRIVATE-refused", "NS-ACCESS-refused")

	var errs []error
	collect := func(err error) {
		t.Helper()
		if err == nil {
			t.Error("a failure path returned no error")
			return
		}
		errs = append(errs, err)
	}
	for acct := range w.tokens {
		_, err := h.LoadNetsuiteTokens(bg, other.NetSuiteTokens, acct)
		collect(err)
	}
	for org := range w.google {
		_, err := h.LoadGoogleServiceAccountKey(bg, other.GoogleServiceAccount, org)
		collect(err)
	}
	for key := range w.plugin {
		_, err := h.GetPluginSecret(bg, other.PluginConfig, f.Plugin.ID, key)
		collect(err)
	}
	_, err := h.GetPluginSecret(bg, w.keys.PluginConfig, f.Plugin.ID, "content")
	collect(err)
	_, err = h.SetPluginSecret(bg, w.keys.PluginConfig, f.Plugin.ID, "BAD", invalidText)
	collect(err)
	_, err = h.SetPluginSecret(bg, w.keys.PluginConfig, "plugin-missing", "K", "PLUGIN-SECRET-invalid-fk")
	collect(err)
	_, err = h.StoreNetsuiteTokens(bg, w.keys.NetSuiteTokens, compassdb.NetsuiteTokens{AccountID: "ACCT-3", AccessToken: "NS-ACCESS-refused-\xfe", RefreshToken: "r"})
	collect(err)
	_, err = h.ConnectGoogleDriveWithKey(bg, w.keys.GoogleServiceAccount, compassdb.GoogleDriveConnection{
		OrganizationID: f.Organization.ID, ServiceAccountKey: `{"type": "service_account", "private_key": "GOOGLE-PRIVATE-refused", "client_email": `, ConnectedBy: f.User.ID,
	})
	collect(err)
	_, err = h.ConnectGoogleDriveWithKey(bg, w.keys.GoogleServiceAccount, compassdb.GoogleDriveConnection{
		OrganizationID: "org-missing", ServiceAccountKey: serviceAccountKey("GOOGLE-PRIVATE-refused"), ConnectedBy: f.User.ID,
	})
	collect(err)
	_, err = h.RotateSecrets(bg, other, w.keys)
	collect(err)

	for _, err := range errs {
		for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			noPlaintext(t, fmt.Sprintf("error %q as %s", err.Error(), format), fmt.Sprintf(format, err), markers)
		}
	}
	t.Logf("%d errors checked", len(errs))

	// The tokens value itself prints redacted.
	for _, tok := range w.tokens {
		for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
			noPlaintext(t, "NetsuiteTokens as "+format, fmt.Sprintf(format, tok), markers)
		}
	}
	if got := fmt.Sprint(w.tokens["ACCT-1"]); !strings.Contains(got, "ACCT-1") || !strings.Contains(got, "REDACTED") {
		t.Errorf("fmt.Sprint(tokens) = %s", got)
	}
}
