/**
 * Vite for the web app. In development (`npm run dev:web`) the API runs on STOOP_API (default
 * http://127.0.0.1:4000) and Vite proxies the API's paths, WebSocket included.
 */
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const api = process.env.STOOP_API ?? 'http://127.0.0.1:4000';
const proxied = ['/graphql', '/media', '/export', '/open311', '/notifications'];

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: api, ws: p === '/graphql' }])),
  },
  build: { target: 'es2022', reportCompressedSize: true },
});
