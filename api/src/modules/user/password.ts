/**
 * Password hashing with argon2id, a memory-hard function (DESIGN.md §6), shared by sign-up, sign-in
 * and the `user:create` command so that every stored hash is made and checked the same way. The
 * minimum-length rule lives with the callers, which know which field to name in their error.
 */
import { hash, verify } from '@node-rs/argon2';

/** Hashes a password with argon2id at the library's defaults; the result embeds salt and parameters. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * Whether a password matches a stored hash. A malformed hash counts as "no match" rather than an
 * error, so a damaged row cannot be told apart from a wrong password by a caller.
 */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
