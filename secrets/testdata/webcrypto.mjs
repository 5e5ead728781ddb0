// Independent implementation of the Compass secrets format with WebCrypto, written the way
// the TypeScript application does it (src/lib/crypto.ts): PBKDF2-SHA-256 (100 000
// iterations) from the raw secret string to an AES-GCM 256 key, a random 12-byte iv, and
// btoa(iv ‖ ciphertext) where WebCrypto's ciphertext already ends with the 16-byte tag.
//
// The Go tests run it. It reads one JSON request on stdin:
//   {"encrypt": [{"secret", "salt", "plaintext"}], "decrypt": [{"secret", "salt", "stored"}]}
// and writes one JSON response on stdout, in request order:
//   {"encrypted": ["<stored>"], "decrypted": [{"plaintext": "..."} | {"error": "..."}]}

const subtle = globalThis.crypto?.subtle;
if (!subtle) {
  process.stderr.write("webcrypto.mjs: globalThis.crypto.subtle is not available\n");
  process.exit(2);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const keys = new Map(); // one derivation per (secret, salt), as the app caches per process

function getKey(secret, salt) {
  const id = JSON.stringify([secret, salt]);
  if (!keys.has(id)) {
    keys.set(id, (async () => {
      const material = await subtle.importKey("raw", encoder.encode(secret), "PBKDF2", false, ["deriveKey"]);
      return subtle.deriveKey(
        { name: "PBKDF2", salt: encoder.encode(salt), iterations: 100000, hash: "SHA-256" },
        material,
        { name: "AES-GCM", length: 256 },
        false,
        ["encrypt", "decrypt"],
      );
    })());
  }
  return keys.get(id);
}

async function encrypt(secret, salt, plaintext) {
  const key = await getKey(secret, salt);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(plaintext));
  const combined = new Uint8Array(iv.length + ciphertext.byteLength);
  combined.set(iv, 0);
  combined.set(new Uint8Array(ciphertext), iv.length);
  // The app spreads the bytes into String.fromCharCode; a loop builds the same binary
  // string without the argument-count limit on long values.
  let binary = "";
  for (const b of combined) binary += String.fromCharCode(b);
  return btoa(binary);
}

async function decrypt(secret, salt, stored) {
  const key = await getKey(secret, salt);
  const combined = Uint8Array.from(atob(stored), (c) => c.charCodeAt(0));
  const iv = combined.slice(0, 12);
  const data = combined.slice(12);
  const plaintext = await subtle.decrypt({ name: "AES-GCM", iv }, key, data);
  return decoder.decode(plaintext);
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);

// Start every key derivation at once; they run on libuv's thread pool.
await Promise.all([...(request.encrypt ?? []), ...(request.decrypt ?? [])].map((r) => getKey(r.secret, r.salt)));

const encrypted = [];
for (const { secret, salt, plaintext } of request.encrypt ?? []) {
  encrypted.push(await encrypt(secret, salt, plaintext));
}
const decrypted = [];
for (const { secret, salt, stored } of request.decrypt ?? []) {
  try {
    decrypted.push({ plaintext: await decrypt(secret, salt, stored) });
  } catch (e) {
    decrypted.push({ error: String(e?.name ?? e) });
  }
}
process.stdout.write(JSON.stringify({ encrypted, decrypted }) + "\n");
