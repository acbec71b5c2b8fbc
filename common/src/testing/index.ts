export * from './graphql-client';
export * from './test-database';
export * from './test-server';
export * from './tcp-proxy';
