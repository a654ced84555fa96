/**
 * Tests run through SWC (legacy decorators, no decorator metadata: every type is explicit, exactly
 * as under tsx at run time). `graphql` is aliased to its CommonJS entry so that type-graphql (CJS)
 * and our ESM imports share one copy ("Cannot use GraphQLScalarType from another module or realm").
 * Files run one at a time against one migrated, seeded database prepared by the global setup.
 */
import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  plugins: [
    swc.vite({
      tsconfigFile: false,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: {
          legacyDecorator: true,
          decoratorMetadata: false,
          useDefineForClassFields: false,
        },
        keepClassNames: true,
        target: 'es2022',
      },
    }),
  ],
  oxc: false,
  esbuild: false,
  resolve: {
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/api/global-setup.ts'],
    setupFiles: ['tests/api/setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
