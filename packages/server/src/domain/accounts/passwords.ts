import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ParleyError } from '@parley/protocol';

/**
 * Passwords: hashing with scrypt at OWASP's parameters, verification in constant time, and the policy
 * a new password must meet. Hashes are stored as `scrypt$N$r$p$salt$hash` (base64url) so the cost can
 * change later without breaking the hashes already stored.
 */

/** OWASP's scrypt parameters (N = 2^17, r = 8, p = 1): about 128 MiB and a few hundred ms per hash. */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Node refuses scrypt above `maxmem` (32 MiB by default); 128·N·r is 128 MiB at these parameters. */
const MAXMEM = 256 * 1024 * 1024;
/** The largest N a stored hash may ask for (a corrupt row must not make verification allocate without bound). */
const MAX_N = 2 ** 20;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** The local part of an email is refused inside a password only from this length on ("al" is in too many words). */
const LOCAL_PART_MIN_LENGTH = 3;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: MAXMEM };
  // The async form runs on libuv's pool: a hash never blocks the event loop.
  return new Promise((resolve, reject) => {
    scrypt(normalise(password), salt, keyLength, options, (err, key) => (err === null ? resolve(key) : reject(err)));
  });
}

/** The same text typed on different systems (composed or decomposed accents) gives the same hash. */
function normalise(password: string): string {
  return password.normalize('NFKC');
}

/** A new hash of `password` with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, SCRYPT_PARAMS, KEY_BYTES);
  const { N, r, p } = SCRYPT_PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether `password` matches the stored hash; false (never a throw) for a hash it cannot read. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) return false;
  const key = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

function parseHash(stored: string): { N: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((s) => (/^\d{1,8}$/.test(s ?? '') ? Number(s) : NaN)) as [number, number, number];
  if (!(N > 1 && N <= MAX_N && (N & (N - 1)) === 0 && r >= 1 && r <= 32 && p >= 1 && p <= 16)) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 8 || key.length < 16 || key.length > 64) return null;
  return { N, r, p, salt, key };
}

let dummy: Promise<string> | undefined;

/**
 * A hash of nothing anyone knows, to verify against when the email is unknown: the answer then takes
 * as long as for a known email with a wrong password, so timing does not tell which emails exist.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}

let common: Promise<ReadonlySet<string>> | undefined;

/** The ~49k most common passwords, lower-cased; loaded on first use (it takes a moment to unpack). */
function commonPasswords(): Promise<ReadonlySet<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => {
    const list = dictionary['passwords-common'] as readonly string[];
    return new Set(list.map((w) => w.toLowerCase()));
  });
  return common;
}

/**
 * Why a new password is refused, or null when it is acceptable: its length (10–128 characters), the
 * common-password list, or the email's local part in it.
 */
export async function passwordProblem(password: string, email: string): Promise<string | null> {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `The password must have at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `The password must have at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = normalise(password).toLowerCase();
  if ((await commonPasswords()).has(lower)) return 'This password is among the most common ones; choose another';
  const local = email.trim().toLowerCase().split('@')[0] ?? '';
  if (local !== '' && (lower === local || (local.length >= LOCAL_PART_MIN_LENGTH && lower.includes(local)))) {
    return 'The password must not contain the email address';
  }
  return null;
}

/** Throws E_VALIDATION at `path` (default `/password`) when the password breaks the policy. */
export async function checkPassword(password: string, email: string, path = '/password'): Promise<void> {
  const problem = await passwordProblem(password, email);
  if (problem !== null) throw new ParleyError('E_VALIDATION', problem, { path });
}
