import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Certificates made by openssl for a test (ADR 39): files `<name>.crt` and `<name>.key` in `dir`. */
export interface TestCertificates {
  dir: string;
  file(name: string): string;
  /** A CA: key and self-signed certificate. */
  authority(name: string): void;
  /** A server certificate for `hosts` (DNS names; IPs when they start with a digit), signed by CA `ca`. */
  server(name: string, ca: string, hosts: string[]): void;
}

export function testCertificates(dir: string): TestCertificates {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  return {
    dir,
    file,
    authority(name) {
      openssl('req', '-x509', ...ec, '-days', '1', '-subj', `/CN=${name}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.crt`));
    },
    server(name, ca, hosts) {
      const san = hosts.map((h) => (/^\d/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
      writeFileSync(file(`${name}.ext`), `subjectAltName=${san}\nextendedKeyUsage=serverAuth\n`);
      openssl('req', ...ec, '-subj', `/CN=${name}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`));
      openssl('x509', '-req', '-in', file(`${name}.csr`), '-CA', file(`${ca}.crt`), '-CAkey', file(`${ca}.key`),
        '-CAcreateserial', '-days', '1', '-extfile', file(`${name}.ext`), '-out', file(`${name}.crt`));
    },
  };
}
