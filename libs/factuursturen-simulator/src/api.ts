// The resources of FactuurSturen's API v1 for one authenticated account. Transport concerns (auth,
// rate limit, injected faults) are server.ts's.
import { invoicePdf } from './pdf';
import { type AccountState, type ClientRecord, isoDate, totals } from './store';
import { ValidationError, clientToWire, invoiceToWire, parseClientBody, parseInvoiceBody, productToWire } from './wire';

export interface ApiAnswer {
  status: number;
  body?: unknown;
  /** Plain-text answers (created numbers, error messages) and the PDF are not JSON. */
  contentType?: 'application/json' | 'text/plain' | 'application/pdf';
}

const json = (body: unknown, status = 200): ApiAnswer => ({ status, body, contentType: 'application/json' });
const plain = (status: number, text: string): ApiAnswer => ({ status, body: text, contentType: 'text/plain' });
const notFound = (what: string) => plain(404, `${what} not found`);

export function handleApi(account: AccountState, method: string, segments: string[], body: unknown, now: Date): ApiAnswer {
  const [resource, id, ...rest] = segments;
  if (rest.length > 0) return notFound('Resource');
  try {
    switch (resource) {
      case 'clients':
        return clients(account, method, id, body, now);
      case 'invoices':
        return invoices(account, method, id, body, now);
      case 'invoices_pdf': {
        if (method !== 'GET' || !id) return plain(405, 'Method not allowed');
        const invoice = account.invoices.find((i) => i.invoicenr === id);
        return invoice ? { status: 200, body: invoicePdf(invoice), contentType: 'application/pdf' } : notFound('Invoice');
      }
      case 'products':
        if (method !== 'GET' || id) return plain(405, 'Method not allowed');
        return json(account.products.map(productToWire));
      default:
        return notFound('Resource');
    }
  } catch (err) {
    if (err instanceof ValidationError) return plain(400, err.message);
    throw err;
  }
}

function findClient(account: AccountState, id: string): ClientRecord | undefined {
  return /^\d+$/.test(id) ? account.clients.find((c) => c.clientnr === Number(id)) : undefined;
}

function clients(account: AccountState, method: string, id: string | undefined, body: unknown, now: Date): ApiAnswer {
  if (id === undefined || id === '') {
    if (method === 'GET') return json(account.clients.map(clientToWire));
    if (method !== 'POST') return plain(405, 'Method not allowed');
    const changes = parseClientBody(body);
    if (!changes.contact && !changes.company) throw new ValidationError('A client needs a contact or a company name');
    const client: ClientRecord = {
      clientnr: account.nextClientnr++,
      contact: '', showcontact: true, company: '', address: '', zipcode: '', city: '', country: 'NL',
      phone: '', mobile: '', email: '', taxnumber: '', notes: '', active: true,
      ...changes,
      timestamp: now.toISOString(),
    };
    account.clients.push(client);
    return plain(201, String(client.clientnr));
  }
  const client = findClient(account, id);
  if (!client) return notFound('Client');
  switch (method) {
    case 'GET':
      return json({ client: clientToWire(client) });
    case 'PUT': {
      const changes = parseClientBody(body);
      const next = { ...client, ...changes };
      if (!next.contact && !next.company) throw new ValidationError('A client needs a contact or a company name');
      Object.assign(client, next, { timestamp: now.toISOString() });
      return json({ client: clientToWire(client) });
    }
    case 'DELETE': {
      const referring = account.invoices.filter((i) => i.clientnr === client.clientnr).length;
      if (referring > 0) return plain(400, `Client ${client.clientnr} cannot be deleted: ${referring} invoice(s) refer to this client`);
      account.clients = account.clients.filter((c) => c !== client);
      return plain(200, 'Client deleted');
    }
    default:
      return plain(405, 'Method not allowed');
  }
}

function invoices(account: AccountState, method: string, id: string | undefined, body: unknown, now: Date): ApiAnswer {
  if (id === undefined || id === '') {
    if (method === 'GET') return json(account.invoices.map(invoiceToWire));
    if (method !== 'POST') return plain(405, 'Method not allowed');
    const input = parseInvoiceBody(body);
    const client = account.clients.find((c) => c.clientnr === input.clientnr);
    if (!client) throw new ValidationError(`Client ${input.clientnr} does not exist`);
    if (input.sendmethod === 'email' && !client.email) throw new ValidationError(`Client ${client.clientnr} has no e-mail address to send the invoice to`);
    const seq = account.nextInvoiceSeq++;
    const invoicenr = `${now.getUTCFullYear()}${String(seq).padStart(4, '0')}`;
    const period = input.paymentperiod ?? 14;
    const sums = totals(input.lines);
    account.invoices.push({
      id: seq, invoicenr, invoicenr_full: `F${invoicenr}`, clientnr: client.clientnr,
      company: client.company, contact: client.contact, address: client.address, zipcode: client.zipcode,
      city: client.city, country: client.country, email: client.email,
      reference: input.reference, invoicenote: input.invoicenote, lines: input.lines,
      action: 'send', sendmethod: input.sendmethod, paymentperiod: period,
      sent: isoDate(now), duedate: isoDate(new Date(now.getTime() + period * 86_400_000)),
      ...sums, open: sums.totalintax, paiddate: null, collection: false,
    });
    return plain(201, invoicenr);
  }
  if (method !== 'GET') return plain(405, 'Method not allowed');
  const invoice = account.invoices.find((i) => i.invoicenr === id);
  return invoice ? json({ invoice: invoiceToWire(invoice) }) : notFound('Invoice');
}
