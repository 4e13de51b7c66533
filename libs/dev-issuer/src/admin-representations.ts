import { z } from 'zod';
import { isBase32Secret } from './totp';
import type { NewUser, StoredUser } from './users';

// Keycloak's UserRepresentation, the parts the identity service uses; unknown fields are ignored.
const credential = z.object({ type: z.string(), value: z.string().optional(), temporary: z.boolean().optional() });
const attributes = z.record(z.string(), z.array(z.string()));

export const newUserBody = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  username: z.string().min(1).optional(),
  email: z.email(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  enabled: z.boolean().optional(),
  emailVerified: z.boolean().optional(),
  credentials: z.array(credential).optional(),
  attributes: attributes.optional(),
  realmRoles: z.array(z.string()).optional(),
}).refine((body) => (body.credentials ?? []).every((c) => c.type !== 'otp' || (c.value !== undefined && isBase32Secret(c.value))), {
  path: ['credentials'],
  message: 'an otp credential needs a base32 secret as value',
});

export const userUpdateBody = z.object({
  email: z.email().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  enabled: z.boolean().optional(),
  emailVerified: z.boolean().optional(),
  attributes: attributes.optional(),
});

export const passwordBody = credential.extend({ type: z.literal('password'), value: z.string().min(1) });

export const roleList = z.array(z.object({ id: z.string().optional(), name: z.string().optional() }));

/**
 * A new user from Keycloak's representation. An `otp` credential with a base32 secret as `value` is
 * the user's authenticator (development only: Keycloak enrols OTP through the user's own setup).
 */
export function toNewUser(body: z.infer<typeof newUserBody>): NewUser {
  const password = body.credentials?.find((c) => c.type === 'password')?.value;
  return {
    id: body.id,
    username: body.username,
    email: body.email,
    firstName: body.firstName,
    lastName: body.lastName,
    enabled: body.enabled,
    emailVerified: body.emailVerified,
    attributes: body.attributes,
    roles: body.realmRoles,
    totpSecret: body.credentials?.find((c) => c.type === 'otp')?.value,
    password,
  };
}

export function userRepresentation(user: StoredUser) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    enabled: user.enabled,
    emailVerified: user.emailVerified,
    totp: user.totpSecret !== undefined,
    createdTimestamp: user.createdTimestamp,
    attributes: user.attributes,
    requiredActions: [],
  };
}

export function roleRepresentation(name: string) {
  return { id: name, name, composite: name === 'default-roles-homi', clientRole: false, containerId: 'homi' };
}
