/**
 * Three projects: unit specs beside the code, and the integration and end-to-end suites twice,
 * once on the embedded SQLite database and once on MySQL. tests/run-tests.js picks the projects
 * (the MySQL one only when a server answers, and always in CI).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@practice/(common|gateway)$': '<rootDir>/$1/src',
    '^@practice/(common|gateway)/(.*)$': '<rootDir>/$1/src/$2',
    '^@practice/(sites|volunteers|resources|tickets)$': '<rootDir>/subgraphs/$1/src',
    '^@practice/(sites|volunteers|resources|tickets)/(.*)$': '<rootDir>/subgraphs/$1/src/$2',
  },
  testEnvironment: 'node',
  setupFiles: ['reflect-metadata'],
};

const integration = [
  '<rootDir>/common/test/**/*.test.ts',
  '<rootDir>/subgraphs/*/test/**/*.test.ts',
  '<rootDir>/gateway/test/**/*.test.ts',
  '<rootDir>/tests/**/*.test.ts',
];

module.exports = {
  // Integration suites start real servers and databases; on a loaded machine 5 s is too tight.
  testTimeout: 30_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{common,gateway}/src/**/*.spec.ts', '<rootDir>/subgraphs/*/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'sqlite',
      testMatch: integration,
      testPathIgnorePatterns: ['\\.mysql\\.test\\.ts$'],
      setupFiles: [...shared.setupFiles, '<rootDir>/tests/setup/sqlite.js'],
    },
    {
      ...shared,
      displayName: 'mysql',
      testMatch: integration,
      testPathIgnorePatterns: ['/tests/e2e/', '/tests/repo/'],
      setupFiles: [...shared.setupFiles, '<rootDir>/tests/setup/mysql.js'],
    },
  ],
};
