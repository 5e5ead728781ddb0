package secrets_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"

	"github.com/compass-eng/compassdb/secrets"
)

// The cross-implementation test checks this package against testdata/webcrypto.mjs, an
// independent WebCrypto implementation written like the TypeScript application. With node
// on PATH it runs the script in both directions; the committed testdata/vectors.json (made
// by the script, regenerate with `go test ./secrets/ -run TestWebCrypto -update`) is
// checked either way, so the test still proves compatibility where node is absent.

var update = flag.Bool("update", false, "regenerate testdata/vectors.json with node")

const vectorsFile = "testdata/vectors.json"

type crossPurpose struct {
	name string
	p    secrets.Purpose
}

// The cross-checked keys: both purposes the TypeScript application uses, plus ours, each
// with a hex secret and a non-ASCII one.
var (
	crossPurposes = []crossPurpose{
		{"NetSuiteTokens", secrets.NetSuiteTokens},
		{"GoogleServiceAccount", secrets.GoogleServiceAccount},
		{"PluginConfig", secrets.PluginConfig},
	}
	crossSecrets = []string{hexSecret, unicodeSecret}
)

// vector is one value encrypted by the WebCrypto script.
type vector struct {
	Purpose   string `json:"purpose"`
	Salt      string `json:"salt"`
	Secret    string `json:"secret"`
	Name      string `json:"name"`
	Plaintext string `json:"plaintext"`
	Stored    string `json:"stored"`
}

type nodeEncrypt struct {
	Secret    string `json:"secret"`
	Salt      string `json:"salt"`
	Plaintext string `json:"plaintext"`
}

type nodeDecrypt struct {
	Secret string `json:"secret"`
	Salt   string `json:"salt"`
	Stored string `json:"stored"`
}

type nodeResult struct {
	Encrypted []string `json:"encrypted"`
	Decrypted []struct {
		Plaintext *string `json:"plaintext"`
		Error     string  `json:"error"`
	} `json:"decrypted"`
}

func runNode(t *testing.T, node string, enc []nodeEncrypt, dec []nodeDecrypt) nodeResult {
	t.Helper()
	req, err := json.Marshal(map[string]any{"encrypt": enc, "decrypt": dec})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "testdata/webcrypto.mjs")
	cmd.Stdin = bytes.NewReader(req)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node testdata/webcrypto.mjs: %v\n%s", err, stderr.Bytes())
	}
	var res nodeResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("decoding the script's output: %v", err)
	}
	if len(res.Encrypted) != len(enc) || len(res.Decrypted) != len(dec) {
		t.Fatalf("script answered %d encryptions and %d decryptions, asked %d and %d",
			len(res.Encrypted), len(res.Decrypted), len(enc), len(dec))
	}
	return res
}

func sortedNames() []string {
	names := make([]string, 0, len(plaintexts))
	for name := range plaintexts {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func TestWebCrypto(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if *update {
			t.Fatal("-update needs node on PATH")
		}
		t.Logf("mode: committed vectors only (node not on PATH: %v)", err)
	} else {
		t.Logf("mode: live cross-check with %s, plus committed vectors", node)
		t.Run("node encrypts, Go decrypts", func(t *testing.T) { nodeEncryptsGoDecrypts(t, node) })
		t.Run("Go encrypts, node decrypts", func(t *testing.T) { goEncryptsNodeDecrypts(t, node) })
	}
	t.Run("committed vectors", testVectors)
}

// nodeEncryptsGoDecrypts has the script encrypt every plaintext under every key and checks
// that Go decrypts each to the same string. With -update it writes the results as the
// committed vectors.
func nodeEncryptsGoDecrypts(t *testing.T, node string) {
	var enc []nodeEncrypt
	var vecs []vector
	for _, cp := range crossPurposes {
		for _, secret := range crossSecrets {
			for _, name := range sortedNames() {
				enc = append(enc, nodeEncrypt{secret, cp.p.Salt, plaintexts[name]})
				vecs = append(vecs, vector{Purpose: cp.name, Salt: cp.p.Salt, Secret: secret, Name: name, Plaintext: plaintexts[name]})
			}
		}
	}
	res := runNode(t, node, enc, nil)
	for i := range vecs {
		vecs[i].Stored = res.Encrypted[i]
	}
	checkVectors(t, vecs)
	t.Logf("Go decrypted %d values encrypted by WebCrypto", len(vecs))

	if *update {
		data, err := json.MarshalIndent(vecs, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(vectorsFile, append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %d vectors to %s", len(vecs), vectorsFile)
	}
}

// goEncryptsNodeDecrypts has Go encrypt every plaintext under every key and checks that the
// script decrypts each to the same string. It also checks that the script rejects a Go
// value with a flipped tag bit and one decrypted under another purpose's key, so a success
// above cannot come from a script that ignores the key or the tag.
func goEncryptsNodeDecrypts(t *testing.T, node string) {
	type want struct {
		what      string
		plaintext *string // nil: the script must fail
	}
	var dec []nodeDecrypt
	var wants []want
	for i, cp := range crossPurposes {
		for _, secret := range crossSecrets {
			b := box(t, secret, cp.p)
			for _, name := range sortedNames() {
				plain := plaintexts[name]
				stored, err := b.Encrypt(plain)
				if err != nil {
					t.Fatal(err)
				}
				dec = append(dec, nodeDecrypt{secret, cp.p.Salt, stored})
				wants = append(wants, want{cp.name + "/" + name, &plain})
			}
			stored, err := b.Encrypt("negative control")
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := base64.StdEncoding.DecodeString(stored)
			raw[len(raw)-1] ^= 0x01
			dec = append(dec, nodeDecrypt{secret, cp.p.Salt, base64.StdEncoding.EncodeToString(raw)})
			wants = append(wants, want{cp.name + "/tampered tag", nil})
			otherSalt := crossPurposes[(i+1)%len(crossPurposes)].p.Salt
			dec = append(dec, nodeDecrypt{secret, otherSalt, stored})
			wants = append(wants, want{cp.name + "/decrypted with salt " + otherSalt, nil})
		}
	}
	res := runNode(t, node, nil, dec)
	var ok, rejected int
	for i, w := range wants {
		got := res.Decrypted[i]
		switch {
		case w.plaintext == nil && got.Plaintext != nil:
			t.Errorf("%s: WebCrypto decrypted a value it should reject", w.what)
		case w.plaintext == nil:
			rejected++
		case got.Plaintext == nil:
			t.Errorf("%s: WebCrypto failed to decrypt a Go value: %s", w.what, got.Error)
		case *got.Plaintext != *w.plaintext:
			t.Errorf("%s: WebCrypto decrypted a Go value to %d bytes, want the %d-byte plaintext",
				w.what, len(*got.Plaintext), len(*w.plaintext))
		default:
			ok++
		}
	}
	t.Logf("WebCrypto decrypted %d values encrypted by Go and rejected %d tampered or wrong-key values", ok, rejected)
}

// testVectors decrypts the committed WebCrypto vectors.
func testVectors(t *testing.T) {
	data, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatal(err)
	}
	var vecs []vector
	if err := json.Unmarshal(data, &vecs); err != nil {
		t.Fatalf("%s: %v", vectorsFile, err)
	}
	// The vectors must cover every cross-checked key and plaintext.
	if want := len(crossPurposes) * len(crossSecrets) * len(plaintexts); len(vecs) != want {
		t.Fatalf("%s has %d vectors, want %d (regenerate with -update)", vectorsFile, len(vecs), want)
	}
	checkVectors(t, vecs)
	t.Logf("Go decrypted %d committed WebCrypto vectors", len(vecs))
}

func checkVectors(t *testing.T, vecs []vector) {
	t.Helper()
	for _, v := range vecs {
		b := box(t, v.Secret, secrets.Purpose{Salt: v.Salt})
		got, err := b.Decrypt(v.Stored)
		if err != nil {
			t.Errorf("%s/%s: Decrypt: %v", v.Purpose, v.Name, err)
			continue
		}
		if got != v.Plaintext {
			t.Errorf("%s/%s: Decrypt returned %d bytes, want the %d-byte plaintext", v.Purpose, v.Name, len(got), len(v.Plaintext))
		}
		// Decrypting under a different purpose's key must fail.
		for _, cp := range crossPurposes {
			if cp.p.Salt == v.Salt {
				continue
			}
			if _, err := box(t, v.Secret, cp.p).Decrypt(v.Stored); !errors.Is(err, secrets.ErrDecrypt) {
				t.Errorf("%s/%s under %s: error = %v, want ErrDecrypt", v.Purpose, v.Name, cp.name, err)
			}
		}
	}
}
