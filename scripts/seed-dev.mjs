// Seeds the demo institute of `npm start` the way a user would make it, through the public API:
// the owner signs up (accepting the current privacy statement), logs in and invites a staff
// colleague with clients:view and agenda:view; the colleague's invitation mail is read from the
// development mail catcher's JSON API, and the colleague signs up through it (accepting the
// statement), as a person following the link would.
// Two HOMi support users (realm role support) with an authenticator secret (TOTP) are made in the
// development issuer: they can ask the demo institute for access (issue 6), and co-approve
// each other's write requests.
// Repeating it is safe: a demo that still logs in and still has its membership is kept.
//
//   node scripts/seed-dev.mjs   (env: GATEWAY_URL, ISSUER_URL, ISSUER_BASE_URL, DEV_ISSUER_ADMIN_SECRET, DEMO_FILE, MAIL_CATCHER_URL)
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMain, messageOf, say } from './common.mjs';
import { newTotpSecret, totp } from './totp.mjs';

/** @typedef {{ email: string, password: string, name: string }} Person */
/** @typedef {Person & { totpSecret: string }} SupportUser a support user of the development issuer, with the base32 TOTP secret */
/**
 * What demo.json holds.
 * @typedef {object} Demo
 * @property {string} tenantId
 * @property {Person & { userId: string }} owner
 * @property {Person & { userId: string }} staff
 * @property {SupportUser[]} [support] missing in a demo.json written before support users existed
 */
/** Where the platform answers, and the issuer's admin secret. @typedef {{ gateway: string, issuer: string, issuerBase: string, adminSecret: string }} Endpoints */

const log = (/** @type {string} */ m) => say('seed', m);

/**
 * An HTTP call with an optional bearer token and a JSON or form body.
 * @param {string} method
 * @param {string} url
 * @param {{ token?: string, body?: unknown, form?: Record<string, string> }} [options]
 * @returns {Promise<{ status: number, body: any }>} body: the parsed JSON (its shape is the API's; checked through status), else the text
 */
async function call(method, url, { token, body, form } = {}) {
  /** @type {Record<string, string>} */
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: form ? new URLSearchParams(form) : body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}

/**
 * The access token of a password (and one-time code) login at the issuer, or undefined when it is refused.
 * @param {string} issuer
 * @param {string} email
 * @param {string} password
 * @param {string} [code]
 * @returns {Promise<string | undefined>}
 */
async function login(issuer, email, password, code) {
  const form = { client_id: 'homi-cli', grant_type: 'password', username: email, password, ...(code ? { totp: code } : {}) };
  const res = await call('POST', `${issuer}/protocol/openid-connect/token`, { form });
  return res.status === 200 ? res.body.access_token : undefined;
}

/**
 * @param {string} issuer
 * @param {string} adminSecret
 * @returns {Promise<string | undefined>}
 */
const adminToken = async (issuer, adminSecret) =>
  (await call('POST', `${issuer}/protocol/openid-connect/token`, { form: { grant_type: 'client_credentials', client_id: 'homi-admin', client_secret: adminSecret } })).body
    .access_token;

/**
 * Two support users that still log in with password and one-time code, made anew if not.
 * @param {Omit<Endpoints, 'gateway'>} endpoints
 * @param {SupportUser[]} [existing]
 * @returns {Promise<SupportUser[]>}
 */
async function ensureSupportUsers({ issuer, issuerBase, adminSecret }, existing = []) {
  const working = [];
  for (const user of existing) if (await login(issuer, user.email, user.password, totp(user.totpSecret))) working.push(user);
  if (working.length === 2) return working;
  const token = await adminToken(issuer, adminSecret);
  const made = [];
  for (const { firstName, lastName } of [
    { firstName: 'Sophie', lastName: 'Support' },
    { firstName: 'Stefan', lastName: 'Support' },
  ]) {
    const name = `${firstName} ${lastName}`;
    const user = {
      email: `${firstName.toLowerCase()}-${randomBytes(3).toString('hex')}@support.homi.test`,
      password: randomBytes(12).toString('base64url'),
      totpSecret: newTotpSecret(randomBytes(32)),
      name,
    };
    const created = await call('POST', `${issuerBase}/admin/realms/homi/users`, {
      token,
      body: {
        email: user.email, firstName, lastName, enabled: true, emailVerified: true, realmRoles: ['support'],
        credentials: [{ type: 'password', value: user.password, temporary: false }, { type: 'otp', value: user.totpSecret }],
      },
    });
    if (created.status !== 201) throw new Error(`creating a support user failed: ${created.status} ${JSON.stringify(created.body)}`);
    made.push(user);
  }
  log('made two support users (realm role support, TOTP)');
  return made;
}

/**
 * True when the saved demo still works: the owner logs in and is owner of the demo tenant.
 * @param {Pick<Endpoints, 'gateway' | 'issuer'>} endpoints
 * @param {Demo} demo
 * @returns {Promise<boolean>}
 */
async function stillWorks({ gateway, issuer }, demo) {
  const token = await login(issuer, demo.owner.email, demo.owner.password);
  if (!token) return false;
  const me = await call('GET', `${gateway}/api/v1/me`, { token });
  /** @type {{ tenantId: string, role: string }[] | undefined} */
  const memberships = me.body?.memberships;
  return me.status === 200 && Boolean(memberships?.some((m) => m.tenantId === demo.tenantId && m.role === 'owner'));
}

/**
 * The token of the newest invitation mailed to `email`, from the catcher's JSON API (ADR 26).
 * @param {string} catcher the mail catcher's base URL
 * @param {string} email
 * @param {number} since ms: mails received before are older invitations
 * @returns {Promise<string>}
 */
async function invitationToken(catcher, email, since) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const list = await call('GET', `${catcher}/api/messages?to=${encodeURIComponent(email)}`);
    /** @type {{ id: string, receivedAt: string }[]} */
    const items = list.status === 200 ? list.body.items : [];
    const mail = items.find((m) => Date.parse(m.receivedAt) >= since);
    if (mail) {
      const token = /#token=([A-Za-z0-9_-]{43})/.exec((await call('GET', `${catcher}/api/messages/${mail.id}`)).body.text)?.[1];
      if (!token) throw new Error('the invitation mail holds no token');
      return token;
    }
    if (Date.now() > deadline) throw new Error(`no invitation mail reached the mail catcher (${list.status})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Makes (or keeps) the demo institute and support users, and writes them to `demoFile`.
 * @param {Endpoints & { demoFile: string, catcher: string }} options
 * @returns {Promise<Demo & { support: SupportUser[] }>}
 */
export async function seedDev({ gateway, issuer, issuerBase, adminSecret, demoFile, catcher }) {
  if (existsSync(demoFile)) {
    /** @type {Demo} */
    const demo = JSON.parse(readFileSync(demoFile, 'utf8'));
    if (await stillWorks({ gateway, issuer }, demo)) {
      log(`demo institute ${demo.tenantId} is there`);
      const support = await ensureSupportUsers({ issuer, issuerBase, adminSecret }, demo.support);
      if (support !== demo.support) writeFileSync(demoFile, JSON.stringify({ ...demo, support }, null, 2) + '\n', { mode: 0o600 });
      return { ...demo, support };
    }
    log('the saved demo no longer logs in (databases reset?): making it again');
  }
  const suffix = randomBytes(3).toString('hex');
  const owner = { email: `owner-${suffix}@demo.homi.test`, password: randomBytes(12).toString('base64url'), name: 'Olga Owner' };
  const staff = { email: `staff-${suffix}@demo.homi.test`, password: randomBytes(12).toString('base64url'), name: 'Sam Staff' };
  const statement = await call('GET', `${gateway}/api/v1/privacy-statement`);
  if (statement.status !== 200) throw new Error(`no privacy statement (${statement.status})`);
  const signup = await call('POST', `${gateway}/api/v1/signup`, {
    body: { ...owner, institute: { name: 'Demo Salon' }, acceptedPrivacyStatementVersion: statement.body.version },
  });
  if (signup.status !== 201) throw new Error(`sign-up failed: ${signup.status} ${JSON.stringify(signup.body)}`);
  const { tenantId } = signup.body;
  const ownerToken = await login(issuer, owner.email, owner.password);
  const since = Date.now();
  const invited = await call('POST', `${gateway}/api/v1/tenants/${tenantId}/members`, {
    token: ownerToken,
    body: { email: staff.email, name: staff.name, role: 'staff', permissions: { clients: 'view', agenda: 'view' } },
  });
  if (invited.status !== 202) throw new Error(`inviting the colleague failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  // What the colleague does with the mail: follow the link and sign up, accepting the statement.
  const joined = await call('POST', `${gateway}/api/v1/invitation-signups`, {
    body: { token: await invitationToken(catcher, staff.email, since), name: staff.name, password: staff.password, acceptedPrivacyStatementVersion: statement.body.version },
  });
  if (joined.status !== 201) throw new Error(`the colleague's sign-up through the invitation failed: ${joined.status} ${JSON.stringify(joined.body)}`);
  const support = await ensureSupportUsers({ issuer, issuerBase, adminSecret });
  const demo = { tenantId, owner: { ...owner, userId: signup.body.userId }, staff: { ...staff, userId: joined.body.userId }, support };
  mkdirSync(path.dirname(demoFile), { recursive: true });
  writeFileSync(demoFile, JSON.stringify(demo, null, 2) + '\n', { mode: 0o600 });
  log(`signed up the demo institute ${tenantId} with an owner and a staff colleague`);
  return demo;
}

if (isMain(import.meta)) {
  const env = process.env;
  const adminSecret = env.DEV_ISSUER_ADMIN_SECRET;
  if (!adminSecret) {
    log('DEV_ISSUER_ADMIN_SECRET is not set: the support users are made with the development issuer\'s admin secret (npm start passes it)');
    process.exit(1);
  }
  seedDev({
    gateway: env.GATEWAY_URL ?? 'http://127.0.0.1:3000',
    issuer: env.ISSUER_URL ?? 'http://localhost:3001/realms/homi',
    issuerBase: env.ISSUER_BASE_URL ?? 'http://localhost:3001',
    adminSecret,
    demoFile: env.DEMO_FILE ?? path.join(process.cwd(), '.homi', 'start', 'demo.json'),
    catcher: env.MAIL_CATCHER_URL ?? 'http://127.0.0.1:3003',
  }).then(
    () => process.exit(0),
    (err) => {
      log(messageOf(err));
      process.exit(1);
    },
  );
}
