package secrets_test

import (
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/compass-eng/compassdb/secrets"
)

// Test secrets. hexSecret looks like `openssl rand -hex 32`, as .env.example suggests (it is
// used as text, not decoded); unicodeSecret checks that the secret's UTF-8 bytes are the
// PBKDF2 password.
const (
	hexSecret     = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90112233445566778899aabbccddeef"
	unicodeSecret = "correct horse 🐎 батарея staple"
	otherSecret   = "a-different-secret-for-the-wrong-key-tests"
)

// Deriving a key costs tens of milliseconds, so tests share one Box per (secret, purpose).
var (
	boxesMu sync.Mutex
	boxes   = map[[2]string]*secrets.Box{}
)

func box(tb testing.TB, secret string, p secrets.Purpose) *secrets.Box {
	tb.Helper()
	boxesMu.Lock()
	defer boxesMu.Unlock()
	id := [2]string{secret, p.Salt}
	if b, ok := boxes[id]; ok {
		return b
	}
	b, err := secrets.New(secret, p)
	if err != nil {
		tb.Fatalf("New: %v", err)
	}
	boxes[id] = b
	return b
}

// Plaintexts used by the round-trip and cross-implementation tests.
var plaintexts = map[string]string{
	"empty":           "",
	"oauth token":     "8c7a1d2e-access.tok3n_value/with+base64=chars",
	"non-ASCII":       "tökén ünïcode — 日本語のテキスト 🔐 ключ",
	"service account": serviceAccountJSON,
	"long":            strings.Repeat("0123456789abcdef", 64) + "tail", // several AES blocks, not block-aligned
}

// serviceAccountJSON is a fake Google service-account key file: multi-line JSON whose
// private_key holds escaped newlines.
const serviceAccountJSON = `{
  "type": "service_account",
  "project_id": "compass-test-project",
  "private_key_id": "0123456789abcdef0123456789abcdef01234567",
  "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakefakefake\nZm9vYmFyYmF6cXV4fakefakefakefakefakefakefakefakefakefakefakefake==\n-----END PRIVATE KEY-----\n",
  "client_email": "compass-sync@compass-test-project.iam.gserviceaccount.com",
  "client_id": "123456789012345678901",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token"
}
`

func TestRoundTrip(t *testing.T) {
	for _, p := range []secrets.Purpose{secrets.NetSuiteTokens, secrets.GoogleServiceAccount, secrets.PluginConfig} {
		b := box(t, hexSecret, p)
		for name, plain := range plaintexts {
			t.Run(p.Salt+"/"+name, func(t *testing.T) {
				stored, err := b.Encrypt(plain)
				if err != nil {
					t.Fatalf("Encrypt: %v", err)
				}
				raw, err := base64.StdEncoding.Strict().DecodeString(stored)
				if err != nil {
					t.Fatalf("stored value is not standard padded base64: %v", err)
				}
				if want := 12 + len(plain) + 16; len(raw) != want {
					t.Fatalf("stored value has %d bytes, want iv+plaintext+tag = %d", len(raw), want)
				}
				got, err := b.Decrypt(stored)
				if err != nil {
					t.Fatalf("Decrypt: %v", err)
				}
				if got != plain {
					t.Fatalf("Decrypt returned %d bytes, want the %d-byte plaintext", len(got), len(plain))
				}
			})
		}
	}
}

func TestRandomIV(t *testing.T) {
	b := box(t, hexSecret, secrets.NetSuiteTokens)
	seen := map[string]bool{}
	for range 20 {
		stored, err := b.Encrypt("same plaintext")
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := base64.StdEncoding.DecodeString(stored)
		iv := string(raw[:12])
		if seen[iv] {
			t.Fatalf("IV repeated: %x", iv)
		}
		seen[iv] = true
	}
}

func TestNewRejectsEmpty(t *testing.T) {
	if _, err := secrets.New("", secrets.NetSuiteTokens); err == nil {
		t.Error("New with an empty secret succeeded")
	}
	if _, err := secrets.New(hexSecret, secrets.Purpose{}); err == nil {
		t.Error("New with an empty salt succeeded")
	}
}

func TestWrongKey(t *testing.T) {
	stored, err := box(t, hexSecret, secrets.NetSuiteTokens).Encrypt("token")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string]*secrets.Box{
		"other secret":  box(t, otherSecret, secrets.NetSuiteTokens),
		"other purpose": box(t, hexSecret, secrets.GoogleServiceAccount),
	} {
		if _, err := b.Decrypt(stored); !errors.Is(err, secrets.ErrDecrypt) {
			t.Errorf("%s: Decrypt error = %v, want ErrDecrypt", name, err)
		}
	}
}

func TestTampered(t *testing.T) {
	b := box(t, hexSecret, secrets.NetSuiteTokens)
	stored, err := b.Encrypt("a token worth protecting")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := base64.StdEncoding.DecodeString(stored)
	parts := map[string]int{"iv": 0, "ciphertext": 12, "tag": len(raw) - 1}
	for part, i := range parts {
		bad := append([]byte(nil), raw...)
		bad[i] ^= 0x01
		if _, err := b.Decrypt(base64.StdEncoding.EncodeToString(bad)); !errors.Is(err, secrets.ErrDecrypt) {
			t.Errorf("flipped a bit in the %s: error = %v, want ErrDecrypt", part, err)
		}
	}
	// A truncated tag that still leaves 28 bytes, and an appended byte, do not authenticate.
	for name, bad := range map[string][]byte{"truncated": raw[:len(raw)-1], "extended": append(raw[:len(raw):len(raw)], 0)} {
		if _, err := b.Decrypt(base64.StdEncoding.EncodeToString(bad)); !errors.Is(err, secrets.ErrDecrypt) {
			t.Errorf("%s: error = %v, want ErrDecrypt", name, err)
		}
	}
}

func TestMalformed(t *testing.T) {
	b := box(t, hexSecret, secrets.NetSuiteTokens)
	good, err := b.Encrypt("token")
	if err != nil {
		t.Fatal(err)
	}
	for name, stored := range map[string]string{
		"empty":           "",
		"not base64":      "this is not base64!",
		"URL alphabet":    strings.NewReplacer("+", "-", "/", "_").Replace(good) + "-_",
		"missing padding": strings.TrimRight(base64.StdEncoding.EncodeToString(make([]byte, 40)), "="),
		"27 bytes":        base64.StdEncoding.EncodeToString(make([]byte, 27)),
		"iv only":         base64.StdEncoding.EncodeToString(make([]byte, 12)),
	} {
		if _, err := b.Decrypt(stored); !errors.Is(err, secrets.ErrMalformed) {
			t.Errorf("%s: error = %v, want ErrMalformed", name, err)
		}
	}
	// 28 bytes (iv and tag, empty ciphertext) is long enough to try, and fails to authenticate.
	if _, err := b.Decrypt(base64.StdEncoding.EncodeToString(make([]byte, 28))); !errors.Is(err, secrets.ErrDecrypt) {
		t.Errorf("28 zero bytes: error = %v, want ErrDecrypt", err)
	}
}

func TestEncryptRejectsInvalidUTF8(t *testing.T) {
	if _, err := box(t, hexSecret, secrets.NetSuiteTokens).Encrypt("ok\xffnot"); !errors.Is(err, secrets.ErrNotUTF8) {
		t.Errorf("error = %v, want ErrNotUTF8", err)
	}
}

func TestZeroBox(t *testing.T) {
	var b secrets.Box
	if _, err := b.Encrypt("x"); err == nil {
		t.Error("Encrypt on a zero Box succeeded")
	}
	var nilBox *secrets.Box
	if _, err := nilBox.Decrypt("x"); err == nil {
		t.Error("Decrypt on a nil Box succeeded")
	}
}

func TestRotate(t *testing.T) {
	from := box(t, hexSecret, secrets.NetSuiteTokens)
	to := box(t, otherSecret, secrets.NetSuiteTokens)
	plain := plaintexts["non-ASCII"]
	stored, err := from.Encrypt(plain)
	if err != nil {
		t.Fatal(err)
	}
	rotated, err := secrets.Rotate(from, to, stored)
	if err != nil {
		t.Fatalf("Rotate: %v", err)
	}
	if got, err := to.Decrypt(rotated); err != nil || got != plain {
		t.Fatalf("new key: Decrypt(rotated) = %q, %v; want the plaintext", got, err)
	}
	if _, err := from.Decrypt(rotated); !errors.Is(err, secrets.ErrDecrypt) {
		t.Errorf("old key: Decrypt(rotated) error = %v, want ErrDecrypt", err)
	}
	// Rotating an already rotated value fails with ErrDecrypt, and a malformed one with
	// ErrMalformed; neither returns a value.
	if out, err := secrets.Rotate(from, to, rotated); !errors.Is(err, secrets.ErrDecrypt) || out != "" {
		t.Errorf("rotating twice: %q, %v; want \"\", ErrDecrypt", out, err)
	}
	if out, err := secrets.Rotate(from, to, "%%%"); !errors.Is(err, secrets.ErrMalformed) || out != "" {
		t.Errorf("rotating garbage: %q, %v; want \"\", ErrMalformed", out, err)
	}
}

// derivedKey derives the key independently of the package, to look for it in output.
func derivedKey(t *testing.T, secret string, p secrets.Purpose) []byte {
	t.Helper()
	key, err := pbkdf2.Key(sha256.New, secret, []byte(p.Salt), 100_000, 32)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// leakForms are the ways key bytes or a secret could show up in text.
func leakForms(secret string, key []byte) map[string]string {
	return map[string]string{
		"secret":            secret,
		"key raw":           string(key),
		"key hex":           hex.EncodeToString(key),
		"key HEX":           strings.ToUpper(hex.EncodeToString(key)),
		"key base64":        base64.StdEncoding.EncodeToString(key),
		"key %v":            strings.Trim(fmt.Sprint(key), "[]"),
		"key %#v":           strings.TrimSuffix(strings.TrimPrefix(fmt.Sprintf("%#v", key), "[]byte{"), "}"),
		"key first 8 bytes": strings.Trim(fmt.Sprint(key[:8]), "[]"),
	}
}

func checkNoLeak(t *testing.T, what, text string, forms map[string]string) {
	t.Helper()
	for form, s := range forms {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("%s contains the %s: %q", what, form, text)
		}
	}
}

func TestErrorsDoNotLeak(t *testing.T) {
	const plain = "super-secret-plaintext-token-value"
	b := box(t, hexSecret, secrets.NetSuiteTokens)
	other := box(t, otherSecret, secrets.NetSuiteTokens)
	forms := leakForms(hexSecret, derivedKey(t, hexSecret, secrets.NetSuiteTokens))
	forms["plaintext"] = plain
	forms["other secret"] = otherSecret

	stored, err := b.Encrypt(plain)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := base64.StdEncoding.DecodeString(stored)
	raw[len(raw)-1] ^= 0x80
	tampered := base64.StdEncoding.EncodeToString(raw)

	var errs []error
	add := func(_ string, err error) { errs = append(errs, err) }
	add(b.Decrypt(plain))       // the plaintext given as a stored value: not base64
	add(b.Decrypt(hexSecret))   // the secret given as a stored value: decodes, fails to authenticate
	add(b.Decrypt(plain + "=")) // bad padding at the end of the plaintext
	add(b.Decrypt(tampered))
	add(other.Decrypt(stored))
	add(b.Encrypt(plain + "\xff"))
	add(secrets.Rotate(other, b, stored))
	add(secrets.Rotate(b, other, tampered))
	_, err = secrets.New("", secrets.NetSuiteTokens)
	errs = append(errs, err)
	_, err = secrets.New(hexSecret, secrets.Purpose{})
	errs = append(errs, err)

	for i, err := range errs {
		if err == nil {
			t.Fatalf("case %d: no error", i)
		}
		for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			checkNoLeak(t, fmt.Sprintf("error %d", i), text, forms)
		}
	}
}

func TestFormatRedacts(t *testing.T) {
	b := box(t, hexSecret, secrets.GoogleServiceAccount)
	forms := leakForms(hexSecret, derivedKey(t, hexSecret, secrets.GoogleServiceAccount))

	type exported struct {
		Box    *secrets.Box
		ByVal  secrets.Box
		Slice  []*secrets.Box
		Mapped map[string]*secrets.Box
	}
	type unexported struct {
		box   *secrets.Box
		byVal secrets.Box
	}
	values := map[string]any{
		"*Box":                       b,
		"Box":                        *b,
		"struct with exported Box":   exported{Box: b, ByVal: *b, Slice: []*secrets.Box{b}, Mapped: map[string]*secrets.Box{"k": b}},
		"struct with unexported Box": unexported{box: b, byVal: *b},
		"pointer to struct":          &unexported{box: b, byVal: *b},
	}
	verbs := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"}
	for name, v := range values {
		for _, verb := range verbs {
			out := fmt.Sprintf(verb, v)
			checkNoLeak(t, name+" printed with "+verb, out, forms)
		}
	}
	for _, text := range []string{b.String(), b.GoString(), fmt.Sprint(b), fmt.Sprintf("%#v", *b)} {
		if !strings.Contains(text, "REDACTED") || !strings.Contains(text, secrets.GoogleServiceAccount.Salt) {
			t.Errorf("redacted form %q should name the salt and say REDACTED", text)
		}
	}
}

func FuzzDecrypt(f *testing.F) {
	b := box(f, hexSecret, secrets.NetSuiteTokens)
	good, err := b.Encrypt("fuzz seed")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		good,
		good[:len(good)-4],
		good + "AAAA",
		strings.Replace(good, good[20:21], "+", 1),
		good[:10] + "\n" + good[10:],
		"",
		"=",
		"====",
		"AAAA",
		base64.StdEncoding.EncodeToString(make([]byte, 27)),
		base64.StdEncoding.EncodeToString(make([]byte, 28)),
		"not base64 at all",
		"\x00\xff",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, stored string) {
		plain, err := b.Decrypt(stored)
		switch {
		case err == nil:
			// Only a value this Box encrypted authenticates; it must re-encrypt cleanly.
			if _, err := b.Encrypt(plain); err != nil {
				t.Errorf("Decrypt succeeded but re-encrypting failed: %v", err)
			}
		case errors.Is(err, secrets.ErrMalformed), errors.Is(err, secrets.ErrDecrypt):
			if plain != "" {
				t.Errorf("Decrypt returned %q with error %v", plain, err)
			}
		default:
			t.Errorf("Decrypt error %v is neither ErrMalformed nor ErrDecrypt", err)
		}
	})
}

func TestPurpose(t *testing.T) {
	for _, p := range []secrets.Purpose{secrets.NetSuiteTokens, secrets.GoogleServiceAccount, secrets.PluginConfig} {
		if got := box(t, hexSecret, p).Purpose(); got != p {
			t.Errorf("Purpose() = %+v, want %+v", got, p)
		}
	}
	var nilBox *secrets.Box
	if got := nilBox.Purpose(); got != (secrets.Purpose{}) {
		t.Errorf("nil Box: Purpose() = %+v, want the zero Purpose", got)
	}
	if got := new(secrets.Box).Purpose(); got != (secrets.Purpose{}) {
		t.Errorf("zero Box: Purpose() = %+v, want the zero Purpose", got)
	}
}
