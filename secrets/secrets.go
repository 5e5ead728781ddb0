// Package secrets encrypts and decrypts secrets stored in the database in the format the
// TypeScript Compass application uses (src/lib/crypto.ts), so values written by either side
// decrypt on the other.
//
// The format:
//
//   - cipher: AES-256-GCM with a 12-byte random nonce per encryption, 128-bit tag, no
//     additional authenticated data;
//   - key: PBKDF2-HMAC-SHA-256 of the secret (the environment variable's string, its UTF-8
//     bytes as they are; a hex-looking secret is not hex-decoded) with the UTF-8 bytes of a
//     per-purpose constant salt, 100 000 iterations, 32 bytes;
//   - stored text: standard base64 with padding of nonce ‖ ciphertext ‖ tag.
//
// A Box holds the key derived for one secret and one Purpose. Deriving is deliberately slow
// (tens of milliseconds), so create a Box once and reuse it; a Box is safe for concurrent
// use. Errors never contain plaintexts, secrets or keys, and formatting a Box with the fmt
// package prints a redacted form.
//
// The package has no database code: callers read and write the TEXT columns themselves.
package secrets

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Parameters of the format; they must match the TypeScript application.
const (
	iterations = 100_000
	keyLen     = 32 // AES-256
	nonceLen   = 12
	tagLen     = 16
)

// Purpose selects the PBKDF2 salt. The same secret gives unrelated keys for different
// purposes, so a value encrypted for one purpose does not decrypt under another.
type Purpose struct {
	// Salt is the constant whose UTF-8 bytes are the PBKDF2 salt.
	Salt string
}

var (
	// NetSuiteTokens is for netsuite_auth.*_encrypted (the OAuth access and refresh
	// tokens). The TypeScript application takes its secret from the
	// NETSUITE_TOKEN_ENCRYPTION_KEY environment variable.
	NetSuiteTokens = Purpose{Salt: "compass-netsuite-tokens"}

	// GoogleServiceAccount is for google_auth.service_account_key_encrypted (the full
	// service-account JSON text). The TypeScript application takes its secret from the
	// GOOGLE_SERVICE_ACCOUNT_ENCRYPTION_KEY environment variable.
	GoogleServiceAccount = Purpose{Salt: "compass-google-service-account"}

	// PluginConfig is for plugin_config values with is_encrypted = 1. Unlike the two
	// purposes above, this salt is ours: the TypeScript application defines none and never
	// encrypts plugin_config values, so it cannot read values written with this purpose
	// until it adopts the same salt.
	PluginConfig = Purpose{Salt: "compass-plugin-config"}
)

// Error classes for errors.Is. The errors this package returns wrap one of them and never
// include the plaintext, the secret or the key.
var (
	// ErrMalformed means a stored value is not standard padded base64 or is shorter than
	// a nonce and a tag.
	ErrMalformed = errors.New("secrets: malformed stored value")
	// ErrDecrypt means authentication failed: the value was encrypted with another secret
	// or purpose, or it was altered.
	ErrDecrypt = errors.New("secrets: decryption failed (wrong key or tampered value)")
	// ErrNotUTF8 means a plaintext given to Encrypt is not valid UTF-8. The TypeScript
	// application decodes plaintexts as UTF-8, so it would not read such a value back
	// unchanged.
	ErrNotUTF8 = errors.New("secrets: plaintext is not valid UTF-8")
)

// Box encrypts and decrypts values for one secret and one Purpose. Create it with New.
type Box struct {
	salt string
	aead cipher.AEAD
}

// New derives the key for secret and p and returns a Box that holds it. It fails if secret
// or p.Salt is empty. The secret is used as it is (its UTF-8 bytes are the PBKDF2
// password); it is not trimmed or decoded.
func New(secret string, p Purpose) (*Box, error) {
	if secret == "" {
		return nil, errors.New("secrets: empty secret")
	}
	if p.Salt == "" {
		return nil, errors.New("secrets: purpose has an empty salt")
	}
	key, err := pbkdf2.Key(sha256.New, secret, []byte(p.Salt), iterations, keyLen)
	if err != nil {
		return nil, fmt.Errorf("secrets: deriving key: %w", err)
	}
	defer clear(key) // the cipher keeps its own expanded copy
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secrets: creating cipher: %w", err)
	}
	// Seal draws a random 12-byte nonce and returns nonce ‖ ciphertext ‖ 16-byte tag, and
	// Open takes that layout: exactly the TypeScript packing before base64.
	aead, err := cipher.NewGCMWithRandomNonce(block)
	if err != nil {
		return nil, fmt.Errorf("secrets: creating GCM: %w", err)
	}
	return &Box{salt: p.Salt, aead: aead}, nil
}

// Purpose returns the purpose the Box was made for (the zero Purpose for a Box not made
// by New), so that code storing a column can refuse a Box meant for another one: a value
// encrypted with the wrong purpose's salt would not decrypt where it is read.
func (b *Box) Purpose() Purpose {
	if b == nil {
		return Purpose{}
	}
	return Purpose{Salt: b.salt}
}

var errNoKey = errors.New("secrets: Box was not created with New")

// Encrypt encrypts plaintext with a fresh random nonce and returns the text to store.
// Encrypting the same plaintext twice gives different results. plaintext must be valid
// UTF-8 (ErrNotUTF8 otherwise); the empty string is allowed.
func (b *Box) Encrypt(plaintext string) (string, error) {
	if b == nil || b.aead == nil {
		return "", errNoKey
	}
	if !utf8.ValidString(plaintext) {
		return "", ErrNotUTF8
	}
	sealed := b.aead.Seal(nil, nil, []byte(plaintext), nil)
	return base64.StdEncoding.EncodeToString(sealed), nil
}

// Decrypt returns the plaintext of a stored value. It returns an error wrapping
// ErrMalformed if stored is not standard padded base64 (line breaks are skipped, as
// encoding/base64 does) or is too short, and one wrapping ErrDecrypt if the value does not
// authenticate under this Box's key.
func (b *Box) Decrypt(stored string) (string, error) {
	if b == nil || b.aead == nil {
		return "", errNoKey
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(stored)
	if err != nil {
		// A CorruptInputError only holds an offset, never input bytes.
		return "", fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if len(raw) < nonceLen+tagLen {
		return "", fmt.Errorf("%w: %d bytes, need at least %d", ErrMalformed, len(raw), nonceLen+tagLen)
	}
	plain, err := b.aead.Open(nil, nil, raw, nil)
	if err != nil {
		return "", ErrDecrypt
	}
	return string(plain), nil
}

// Rotate re-encrypts a stored value: it decrypts stored with from and encrypts the
// plaintext with to. The error says which step failed and wraps the step's error, so
// errors.Is(err, ErrDecrypt) reports a value that from cannot decrypt (for instance one
// already rotated, which a resumable rotation can check with to.Decrypt).
func Rotate(from, to *Box, stored string) (string, error) {
	plain, err := from.Decrypt(stored)
	if err != nil {
		return "", fmt.Errorf("secrets: rotate: decrypting with the old key: %w", err)
	}
	out, err := to.Encrypt(plain)
	if err != nil {
		return "", fmt.Errorf("secrets: rotate: encrypting with the new key: %w", err)
	}
	return out, nil
}

// The fmt methods have value receivers so that a Box value, not only a *Box, prints
// redacted.

// String returns a redacted description of the Box: its salt, never its key.
func (b Box) String() string {
	return fmt.Sprintf("secrets.Box{Salt: %q, key: REDACTED}", b.salt)
}

// GoString is String, so %#v does not print the fields either.
func (b Box) GoString() string { return b.String() }

// Format prints the redacted String for every verb (%v, %+v, %#v, %s, %q, %x, ...), so no
// verb reaches the fields of a Box or of a pointer to one.
func (b Box) Format(f fmt.State, _ rune) { io.WriteString(f, b.String()) }
