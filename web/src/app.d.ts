// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Locals {
      lang: 'en' | 'es';
    }
  }
  /** Set by the api process before it mounts the built app (api/src/http/web.ts). */
  var __stoop:
    | {
        /** Runs a GraphQL operation in-process as an anonymous caller (public data only). */
        execute(query: string, variables: Record<string, unknown>): Promise<unknown>;
        /** Public URL of the site, for absolute links in share tags. */
        publicUrl?: string;
      }
    | undefined;
}

export {};
