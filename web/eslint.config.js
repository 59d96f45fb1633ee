// ESLint for the browser app, its tests and tools (`npm run lint`, no warning allowed).
// TypeScript sources get typescript-eslint's type-checked rules through the project service
// (the same tsconfig as `tsc`); plain JavaScript (tests, tools, this file) gets the same rules
// without type information. React's hooks rules apply to the app.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  { ignores: ['dist/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `const { severe: _, ...rest } = x` leaves a field out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // useResource(load, deps) takes dependencies like useEffect: check them the same way.
      'react-hooks/exhaustive-deps': ['warn', { additionalHooks: '^useResource$' }],
      // Screens call their feature's typed API module (src/<feature>/api.ts), never the
      // request function or fetch themselves.
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Call the feature API module (src/<feature>/api.ts).' }],
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)app/api$', importNames: ['request'], message: 'Only src/<feature>/api.ts modules call request(); screens call them.' }] },
      ],
    },
  },
  {
    // The API modules: the only callers of request() (app/api.ts itself calls fetch).
    files: ['src/*/api.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/app/api.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // Browser tests: the callbacks given to page.evaluate run in the page.
    files: ['tests/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
]);
