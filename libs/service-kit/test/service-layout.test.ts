import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The one layout of a service's src/ (ADR 45, after ../shared/CONVENTIONS.md): what every service
// has, what every data owner adds, and the few optional entries, each with one meaning. Tests beside
// the code (`*.test.ts`) may stand anywhere.
const SERVICES = path.join(__dirname, '../../../services');

/** Every service: its wiring, its config, its four layers. */
const EVERY_SERVICE = ['main.ts', 'config.ts', 'service.ts', 'application', 'domain', 'http', 'infrastructure'];
/** A data owner (a service that declares personal data to the privacy service) adds its declaration, retention and package entry. */
const DATA_OWNER = ['privacy.ts', 'retention.ts', 'index.ts'];
/** Present only where it has something to hold. */
const OPTIONAL: Record<string, string> = {
  subscribers: 'the durable consumers of a service that reads a stream',
  cli: 'entry points besides main.ts, each run as `npm run <name>` (composition roots like main.ts)',
  openapi: "the gateway's OpenAPI document of the whole API, built from its route table",
};

const services = readdirSync(SERVICES).filter((name) => statSync(path.join(SERVICES, name)).isDirectory());
const entries = (service: string) => readdirSync(path.join(SERVICES, service, 'src')).filter((name) => !name.endsWith('.test.ts'));
const isDataOwner = (service: string) => existsIn(service, 'privacy.ts');
const existsIn = (service: string, name: string) => entries(service).includes(name);

describe("every service's src/", () => {
  it.each(services)('%s has what every service has', (service) => {
    expect(EVERY_SERVICE.filter((name) => !existsIn(service, name))).toEqual([]);
  });

  it.each(services)('%s holds nothing outside the layout', (service) => {
    const allowed = new Set([...EVERY_SERVICE, ...(isDataOwner(service) ? DATA_OWNER : []), ...Object.keys(OPTIONAL)]);
    expect(entries(service).filter((name) => !allowed.has(name))).toEqual([]);
  });

  it.each(services.filter(isDataOwner))('%s, a data owner, has its declaration, retention and package entry', (service) => {
    expect(DATA_OWNER.filter((name) => !existsIn(service, name))).toEqual([]);
  });

  it.each(services)('%s has subscribers/ exactly when its service.ts starts a consumer from there', (service) => {
    // A data owner's privacy commands are consumed by privacy-kit (startService's `owner`), not in subscribers/.
    const wiring = readFileSync(path.join(SERVICES, service, 'src', 'service.ts'), 'utf8');
    expect(existsIn(service, 'subscribers')).toBe(/from '\.\/subscribers\//.test(wiring));
  });
});
