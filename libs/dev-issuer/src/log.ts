/** One JSON line per event on stdout. Callers pass ids and outcomes only: never passwords, tokens or bodies. */
export type Log = (event: string, fields?: Record<string, string | number | boolean | undefined>) => void;

export const jsonLineLog: Log = (event, fields = {}) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), service: 'dev-issuer', event, ...fields })}\n`);
};

export const silentLog: Log = () => undefined;
