/**
 * Why work on a privacy request may cross tenants (the unit of work's `acrossTenants` reason): a
 * request belongs to its data subject, and a user's request spans every institute they are in.
 */
export const REQUEST_WORK = 'a privacy request is its data subject\'s, not one tenant\'s';

