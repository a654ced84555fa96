// SvelteKit for Stoop's web app. The api process mounts the built handler (web/build/handler.js)
// behind its own routes, so the app, /graphql and the WebSocket share one origin and one port.
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ out: 'build', precompress: true }),
    files: { assets: 'assets' },
    alias: { $gql: 'src/lib/graphql' },
    version: { pollInterval: 0 },
  },
};

export default config;
