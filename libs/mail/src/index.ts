export * from './config';
export * from './mail-sender';
export * from './mailer';
export * from './render';
export * from './smtp-mail-sender';
export * from './templates';
export * from './notice-queue';
