import 'reflect-metadata';

export * from './auth/principal';
export * from './auth/tokens';
export * from './config/env';
export * from './config/service-config';
export * from './db/data-source';
export * from './db/statement-counter';
export * from './errors/errors';
export * from './graphql/pagination';
export * from './graphql/subgraph-schema';
export * from './graphql/validation';
export * from './ids/ids';
export * from './loaders/loaders';
export * from './server/context';
export * from './server/format-error';
export * from './server/http-server';
export * from './server/logger';
export * from './server/subgraph';
