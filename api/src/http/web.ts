/**
 * The web app on the API's own origin and port. `npm run build:web` writes SvelteKit's Node
 * handler to web/build; when it is there it answers every path the API does not, and gets an
 * in-process GraphQL door (as an anonymous caller) for the share tags of its first HTML response.
 * Without a build, a short page says how to make one.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import express from 'express';
import type { RequestHandler } from 'express';

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web');

/** Where the built app's handler lives (overridable for tests of a stale build). */
export const WEB_HANDLER = path.join(WEB_DIR, 'build', 'handler.js');

/** Runs one GraphQL operation as an anonymous caller and returns the JSON result. */
export type AnonymousExecute = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<unknown>;

/** Builds the middleware that serves the web app (or the fallback page). */
export async function createWebHandler(options: {
  execute: AnonymousExecute;
  publicUrl?: string;
}): Promise<{ handler: RequestHandler; built: boolean }> {
  if (!existsSync(WEB_HANDLER)) {
    const fallback = express.static(WEB_DIR, { index: 'fallback.html' });
    return {
      built: false,
      handler: (req, res, next) => {
        if (req.method !== 'GET' || req.path !== '/') return next();
        return fallback(req, res, next);
      },
    };
  }
  globalThis.__stoop = { execute: options.execute, publicUrl: options.publicUrl };
  const mod = (await import(pathToFileURL(WEB_HANDLER).href)) as { handler: RequestHandler };
  return { built: true, handler: mod.handler };
}

declare global {
  var __stoop: { execute: AnonymousExecute; publicUrl?: string } | undefined;
}
