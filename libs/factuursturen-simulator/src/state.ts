import { type AccountCredentials, type AccountState, isoDate, newAccount } from './store';

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  username?: string;
}

/** Everything the simulator holds, open to tests: records per account and every request answered. */
export class SimulatorState {
  readonly requests: RequestLogEntry[] = [];
  private readonly accounts = new Map<string, AccountState>();

  constructor(private readonly credentials: readonly AccountCredentials[]) {
    this.wipe();
  }

  /** The account's administration; throws for a username the simulator was not started with. */
  account(username: string): AccountState {
    const account = this.accounts.get(username);
    if (!account) throw new Error(`The simulator has no account ${username}`);
    return account;
  }

  /** The account the credentials open, or undefined when the username or key is wrong. */
  authenticate(username: string, apiKey: string): AccountState | undefined {
    const account = this.accounts.get(username);
    return account && account.apiKey === apiKey ? account : undefined;
  }

  /** Records a payment, as the institute or a bank import would in FactuurSturen's web application. */
  markPaid(username: string, invoicenr: string, amount?: number, on: Date = new Date()): void {
    const invoice = this.account(username).invoices.find((i) => i.invoicenr === invoicenr);
    if (!invoice) throw new Error(`No invoice ${invoicenr} for ${username}`);
    invoice.open = Math.max(0, Math.round((invoice.open - (amount ?? invoice.open)) * 100) / 100);
    invoice.paiddate = isoDate(on);
  }

  wipe(): void {
    this.accounts.clear();
    for (const c of this.credentials) this.accounts.set(c.username, newAccount(c));
    this.requests.length = 0;
  }
}
