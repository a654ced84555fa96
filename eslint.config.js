// One flat config for the repository. The layering rule of STYLE.md is enforced here:
// http → resolver → service → repository → SQL, one direction.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './web/svelte.config.js';

const noTypeorm = {
  name: 'typeorm',
  message: 'Resolvers and HTTP code never touch TypeORM: call a service.',
};
const repositories = {
  group: ['**/*.repository.js', '**/*.entity.js'],
  message: 'Only services and repositories use repositories and entities.',
};

export default defineConfig([
  globalIgnores([
    'node_modules/',
    '.stoop/',
    'dist/',
    'coverage/',
    'tmp/',
    'schema/',
    'web/build/',
    'web/.svelte-kit/',
    'web/**/*.generated.ts',
    'docs/',
  ]),
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      curly: ['error', 'multi-line'],
      'object-shorthand': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: [
      'api/src/**/*.resolver.ts',
      'api/src/http/**/*.ts',
      'api/src/graphql/**/*.ts',
      'api/src/open311/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [noTypeorm], patterns: [{ ...repositories, allowTypeImports: true }] },
      ],
    },
  },
  {
    files: ['api/src/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'type-graphql', message: 'Services never import type-graphql.' },
            { name: 'express', message: 'Services never import express.' },
            { name: 'ws', message: 'Services never import ws.' },
          ],
          patterns: [
            {
              group: ['**/*.resolver.js', '**/*.type.js', '**/*.inputs.js'],
              message: 'Services do not know the GraphQL shape.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['api/src/**/*.repository.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'graphql', message: 'Repositories never throw GraphQL errors.' }],
          patterns: [
            {
              group: ['**/*.service.js', '**/*.resolver.js', '**/lib/errors.js'],
              message: 'Repositories sit below services.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/api/src/**'], message: 'Migrations are raw SQL.' }] },
      ],
    },
  },
  {
    files: [
      'api/src/cli/**/*.ts',
      'api/src/graphql/emit-schema.ts',
      'bench/**/*.ts',
      'tests/**/*.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...svelte.configs.recommended,
  {
    files: ['web/**/*.svelte', 'web/**/*.svelte.ts', 'web/**/*.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
    rules: {
      // SvelteKit's own links are plain hrefs; resolve() is for base paths, which Stoop does not use.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', 'web/codegen.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['scripts/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
  prettier,
  ...svelte.configs.prettier,
]);
