export * from './catcher';
export * from './client';
export type { CaughtMail, CaughtMailSummary, MailStats } from './store';
