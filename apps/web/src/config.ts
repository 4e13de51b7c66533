/** What the gateway tells the browser at /config.json, so one build serves every environment. */
export interface RuntimeConfig {
  issuer: string;
  clientId: string;
}

const isHttpUrl = (value: unknown): value is string => typeof value === 'string' && /^https?:\/\/[^\s]+$/.test(value);

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const res = await fetch('/config.json', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`/config.json answered ${res.status}`);
  const body = (await res.json()) as Partial<RuntimeConfig>;
  if (!isHttpUrl(body.issuer) || typeof body.clientId !== 'string' || !body.clientId) throw new Error('/config.json is incomplete');
  return { issuer: body.issuer, clientId: body.clientId };
}
