// Lint rules every project shares. Layering is enforced twice: Nx tags decide which projects may
// import which, and domain projects may not import IO packages or Node's IO modules.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettierRecommended from 'eslint-plugin-prettier/recommended';

const ioPackages = ['@kubernetes/*', '@nats-io/*', '@aws-sdk/*', '@opentelemetry/sdk-*', '@opentelemetry/exporter-*', 'express', 'pino'];
const nodeIoModules = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https'].flatMap((m) => [m, `node:${m}`]);

/** Folders of `type:domain` projects (pure logic; no IO). Keep in step with their project.json tags. */
const domainProjects = [
  'libs/api/src/**/*.ts',
  'libs/errors/src/**/*.ts',
  'libs/kube-values/src/**/*.ts',
  'libs/contracts/src/**/*.ts',
  'libs/volume-policy/src/**/*.ts',
  'libs/node-agent-config/src/**/*.ts',
  'libs/exposer/src/**/*.ts',
  'libs/data-movement/src/**/*.ts',
  'libs/storage-location/src/**/*.ts',
  'libs/backup/src/**/*.ts',
  'libs/resource-modifiers/src/**/*.ts',
  'libs/volume-history/src/**/*.ts',
];

/** Test code: specs, integration folders and the `src/testing` folders that support them. */
const testSupportFiles = ['**/*.spec.ts', '**/integration/**/*.ts', '**/src/testing/**/*.ts'];

/** Imports of test support (a `@ferry/<project>/testing` entry or a relative `testing` folder). */
const testingImportBan = {
  regex: '^(@ferry/[^/]+/testing|(\\.{1,2}/)+(.+/)?testing)(/.*)?$',
  message: 'Test support is for specs and integration tests: production code does not import a testing entry.',
};

/** Node's IO modules, banned in domain code. */
const domainIoBan = nodeIoModules.map((name) => ({ name, message: 'Domain code is pure: do IO in an adapter.' }));

/** Which layer may import which (Nx project tags). */
const layerConstraints = [
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: ioPackages },
  { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter'] },
  { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:service'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:domain', 'type:adapter', 'type:service', 'type:tool'] },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Name every export explicitly (no `export *`).' },
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object and a derived union type.' },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: layerConstraints,
        },
      ],
    },
  },
  {
    // Production code never imports test support: `@ferry/<project>/testing` entries and `testing` folders.
    files: ['**/*.ts'],
    ignores: testSupportFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [testingImportBan] }] },
  },
  {
    files: domainProjects,
    rules: { 'no-restricted-imports': ['error', { paths: domainIoBan }] },
  },
  {
    // Both bans in domain production code (a later block's options replace an earlier one's).
    files: domainProjects,
    ignores: testSupportFiles,
    rules: { 'no-restricted-imports': ['error', { paths: domainIoBan, patterns: [testingImportBan] }] },
  },
  {
    // Integration tests of every layer reach the real environment through the devenv tool.
    files: ['**/integration/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          depConstraints: layerConstraints.map(({ sourceTag, onlyDependOnLibsWithTags }) => ({
            sourceTag,
            onlyDependOnLibsWithTags: [...onlyDependOnLibsWithTags, 'type:tool'],
          })),
        },
      ],
    },
  },
  {
    // A test's describe block is long by nature; the function-length warning is for production code.
    files: ['**/*.spec.ts', '**/integration/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  // Formatting is Prettier's (.prettierrc.json); lint fails on unformatted code. Last, so it turns off clashing style rules.
  prettierRecommended,
);
