import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import prettier from 'eslint-config-prettier/flat'
import jest from 'eslint-plugin-jest'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig([
  globalIgnores([
    'dist/',
    'coverage/',
    'node_modules/',
    '.stryker-tmp/',
    'reports/'
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs'] },
        tsconfigRootDir: import.meta.dirname
      }
    }
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked]
  },
  {
    // The bench's floor script: plain CommonJS, outside the TypeScript project.
    files: ['**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'commonjs',
      parserOptions: { projectService: false }
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['__tests__/**/*.ts', '__fixtures__/**/*.ts'],
    extends: [jest.configs['flat/recommended']],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      // Helpers named expect… assert; a test that calls only them has assertions.
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect*'] }],
      // A skipped or unfinished test is a check that cannot fail.
      'jest/no-disabled-tests': 'error',
      // A test that passes because it fails, or that returns before its assertions, is a check
      // that cannot fail either.
      'no-restricted-properties': [
        'error',
        ...['it', 'test', 'describe'].map((object) => ({
          object,
          property: 'failing',
          message: 'A test marked failing passes when it breaks.'
        }))
      ],
      'jest/no-test-return-statement': 'error',
      // A branch in a test is a check that runs only sometimes; tables and helpers hold the cases.
      'jest/no-conditional-in-test': 'error',
      'no-restricted-syntax': [
        'error',
        ...[
          'CallExpression[callee.name=/^(it|test)$/]',
          'CallExpression[callee.object.name=/^(it|test)$/]',
          'CallExpression[callee.callee.object.name=/^(it|test)$/]'
        ].map((test) => ({
          selector: `${test} > :function > BlockStatement > IfStatement ReturnStatement`,
          message: 'A test that returns early skips its assertions.'
        }))
      ]
    }
  },
  prettier
])
