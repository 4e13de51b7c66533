export * from './database';
export * from './infra';
export * from './nats-server';
export * from './tokens';
export * from './service-process';
export * from './unzip';
export * from './owned-database';
export * from './settled';
