/**
 * Where photo bytes live. The service only sees {@link MediaStorage}, so the local directory used
 * by a small install can be swapped for S3 (or anything with put/get/delete) without touching the
 * upload rules.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A flat key → bytes store. Keys are file-name-like (`<uuid>.jpg`, `<uuid>.thumb.webp`). */
export interface MediaStorage {
  /** Stores the bytes under the key, replacing any previous value; readers never see half a file. */
  put(key: string, body: Buffer): Promise<void>;
  /** The bytes under the key, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the key; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`Invalid media storage key: ${key}`);
  return key;
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/**
 * {@link MediaStorage} in one local directory. Writes go to a temporary file in the same
 * directory and are renamed into place, so a crash never leaves a truncated photo under its key.
 */
export class FileMediaStorage implements MediaStorage {
  constructor(private readonly rootDir: string) {}

  async put(key: string, body: Buffer): Promise<void> {
    const target = join(this.rootDir, checkKey(key));
    await mkdir(this.rootDir, { recursive: true });
    const temporary = join(this.rootDir, `.tmp-${randomUUID()}`);
    try {
      await writeFile(temporary, body, { flag: 'wx' });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(join(this.rootDir, checkKey(key)));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(join(this.rootDir, checkKey(key)));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
