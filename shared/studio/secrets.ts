/** @module Provider API keys at rest: AES-256-GCM with a key only the functions hold (Vault is not in PGlite; this works on both). */

const encoder = new TextEncoder();

/** The encryption key: SHA-256 of STUDIO_SECRETS_KEY, or of the service-role key when that is unset. */
async function keyFrom(env: Record<string, string | undefined>): Promise<CryptoKey> {
  const secret = env.STUDIO_SECRETS_KEY ?? env.SUPABASE_SERVICE_ROLE_KEY;
  if (!secret) throw new Error("Set STUDIO_SECRETS_KEY (or SUPABASE_SERVICE_ROLE_KEY) to store provider keys.");
  const raw = await crypto.subtle.digest("SHA-256", encoder.encode(secret));
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** base64(iv ‖ ciphertext) of `plain`. */
export async function encryptSecret(env: Record<string, string | undefined>, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await keyFrom(env), encoder.encode(plain)));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64(out);
}

export async function decryptSecret(env: Record<string, string | undefined>, sealed: string): Promise<string> {
  const bytes = fromBase64(sealed);
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12) }, await keyFrom(env), bytes.slice(12));
  return new TextDecoder().decode(plain);
}
