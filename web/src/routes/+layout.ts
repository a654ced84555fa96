// The app renders in the browser; the server sends the shell with language and share tags
// (hooks.server.ts). Pages load their data through Apollo Client.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
