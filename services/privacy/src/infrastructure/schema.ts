import { BigIntType, EntitySchema } from '@mikro-orm/postgresql';
import { noticeColumns, timestamptz } from '@homi/service-kit';
import { Notification } from '../domain/notification';
import { RegisteredOwner } from '../domain/owner';
import { PrivacyRequest } from '../domain/request';
import { OwnerTask } from '../domain/task';

export const RequestSchema = new EntitySchema<PrivacyRequest>({
  class: PrivacyRequest,
  tableName: 'requests',
  properties: {
    id: { type: 'string', primary: true },
    purpose: { type: 'string' },
    parentId: { type: 'string', nullable: true },
    ticketId: { type: 'string', nullable: true },
    type: { type: 'string' },
    subject: { type: 'json' },
    requester: { type: 'json' },
    status: { type: 'string' },
    receivedAt: timestamptz(),
    dueAt: timestamptz(),
    extension: { type: 'json', nullable: true },
    completedAt: timestamptz(true),
    exportExpiresAt: timestamptz(true),
    corrections: { type: 'json', nullable: true },
    commands: { type: 'integer' },
    remindedAt: timestamptz(true),
    escalatedAt: timestamptz(true),
  },
});

export const TaskSchema = new EntitySchema<OwnerTask>({
  class: OwnerTask,
  tableName: 'request_tasks',
  properties: {
    requestId: { type: 'string', primary: true },
    owner: { type: 'string', primary: true },
    status: { type: 'string' },
    attempts: { type: 'integer' },
    lastCommandedAt: timestamptz(),
    nextCommandAt: timestamptz(true),
    results: { type: 'json' },
    exportBytes: { type: new BigIntType('number'), nullable: true },
    error: { type: 'string', nullable: true },
    answeredAt: timestamptz(true),
  },
});

export const OwnerSchema = new EntitySchema<RegisteredOwner>({
  class: RegisteredOwner,
  tableName: 'owners',
  properties: {
    owner: { type: 'string', primary: true },
    version: { type: 'string' },
    declaration: { type: 'json' },
    firstSeenAt: timestamptz(),
    lastAnnouncedAt: timestamptz(),
  },
});

export const NotificationSchema = new EntitySchema<Notification>({
  class: Notification,
  tableName: 'notifications',
  properties: {
    id: { type: 'string', primary: true },
    userId: { type: 'string' },
    kind: { type: 'string' },
    requestId: { type: 'string' },
    data: { type: 'json' },
    createdAt: timestamptz(),
    ...noticeColumns,
  },
});

export const privacyEntities = [RequestSchema, TaskSchema, OwnerSchema, NotificationSchema];
