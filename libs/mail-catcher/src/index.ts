export * from './catcher';
export * from './client';
export type { CaughtMail, CaughtMailSummary } from './store';
