import { InvoiceCreated, InvoiceFailed, billingApi } from '@homi/contracts';
import { isAppError } from '@homi/service-kit';
import type { Invoice } from '../domain/invoice';
import { accountOf } from './account';
import type { Deps } from './deps';
import type { Repositories } from './ports';
import { ensureProviderClient, mayHaveBeenMade, PermanentFailure } from './provider-client';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Makes one pending invoice at the provider, inside the transaction that holds its row lock (so
 * no other worker works on it): when an earlier attempt may have sent it (its mark, ADR 67), look
 * it up by reference first and create it only when not found (ADR 13).
 * Every outcome is recorded on the row: created, failed for good, or pending with the error kind
 * and the time of the next attempt. Only unexpected errors (bugs, the database) are thrown.
 */
export async function issueInvoice(repos: Repositories, deps: Deps, invoice: Invoice): Promise<void> {
  const { events } = repos;
  const now = deps.clock();
  invoice.attempts += 1;
  invoice.updatedAt = now;
  const connection = await repos.connections.get(invoice.tenantId);
  try {
    if (!connection) throw new PermanentFailure(billingApi.BILLING_PROBLEMS.notConnected, 'No FactuurSturen account is connected');
    if (!connection.shareClientData) throw new PermanentFailure(billingApi.BILLING_PROBLEMS.sharingOff, 'Client-data sharing was switched off');
    const account = accountOf(deps, connection);
    const clientNumber = await ensureProviderClient(repos, deps, account, invoice.tenantId, invoice.clientId);
    const record = { tenantId: invoice.tenantId, kind: 'invoice', reference: invoice.id, clientId: invoice.clientId } as const;
    const existing = (await mayHaveBeenMade(deps, record)) ? await deps.provider.findInvoiceByReference(account, invoice.id) : undefined;
    const invoiceNumber = existing?.invoiceNumber
      ?? (await deps.provider.createInvoice(account, { reference: invoice.id, clientNumber, lines: invoice.lines, sendByEmail: invoice.sendByEmail }));
    await repos.providerCalls.end(record);
    Object.assign(invoice, {
      status: 'created', providerInvoiceNumber: invoiceNumber, invoiceDate: isoDay(now), lastError: null,
      openCents: existing?.openCents ?? invoice.inclTaxCents, pollAfter: new Date(now.getTime() + deps.timing.pollEveryMs),
    });
    events.publish(InvoiceCreated, { tenantId: invoice.tenantId, invoiceId: invoice.id, occurredAt: now.toISOString() });
  } catch (err) {
    if (err instanceof PermanentFailure) return fail(repos, invoice, err.type, now);
    if (!isAppError(err)) throw err;
    if (err.type === billingApi.BILLING_PROBLEMS.credentialsRejected && connection) {
      connection.status = 'rejected';
      connection.updatedAt = now;
    } else if (err.kind === 'invalid' || err.kind === 'not_found') {
      // The provider refused this invoice's data: sending it again would be refused again.
      return fail(repos, invoice, err.type, now);
    }
    invoice.lastError = err.type;
    invoice.nextAttemptAt = new Date(now.getTime() + retryDelay(deps, invoice.attempts, err.headers?.['Retry-After']));
  }
}

function fail({ events }: Pick<Repositories, 'events'>, invoice: Invoice, type: string, now: Date): void {
  Object.assign(invoice, { status: 'failed', lastError: type });
  events.publish(InvoiceFailed, { tenantId: invoice.tenantId, invoiceId: invoice.id, occurredAt: now.toISOString() });
}

/** Exponential backoff with jitter, at least what a 429's Retry-After asked for. */
export function retryDelay(deps: Pick<Deps, 'timing'>, attempts: number, retryAfterSeconds?: string): number {
  const step = Math.min(deps.timing.retryMaxMs, deps.timing.retryBaseMs * 2 ** Math.min(attempts - 1, 20));
  const jittered = Math.round(step / 2 + (Math.random() * step) / 2);
  return Math.max(jittered, Number(retryAfterSeconds ?? 0) * 1000);
}
