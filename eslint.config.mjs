// ESLint (flat config): the recommended JavaScript and typescript-eslint rules, without the purely stylistic ones
// (Prettier owns layout: .prettierrc). `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.tools/', 'coverage/', 'server/public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks what is left unused on purpose (a destructured field left out, a handler's first argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
  {
    // Workflow code reads the time only through the workflow's clock (workflows/engine/clock.ts): deterministic,
    // and visibly the workflow's time.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/engine/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use now()/nowIso()/today() of workflows/engine/clock.ts.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use nowMs() of workflows/engine/clock.ts.' },
      ],
    },
  },
  {
    // Tests read untyped JSON answers and build hostile input on purpose; a test's `let s = await …` that is read
    // again later is left alone (these are findings for the test's author, not errors of the product).
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-useless-assignment': 'off',
      'no-control-regex': 'off',
      // tests reach for Node modules inline (screenshots, temporary files) and read answers of unknown shape
      '@typescript-eslint/no-require-imports': 'off',
      'no-unsafe-optional-chaining': 'off',
    },
  },
  {
    // CommonJS configuration files (jest, dependency-cruiser).
    files: ['**/*.cjs', '**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Node scripts as ES modules (the test OIDC provider runs as a child process).
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
