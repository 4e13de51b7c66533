export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failed attempts that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one trial call may pass. */
  cooldownMs: number;
  now: () => number;
}

/**
 * Closed → (threshold consecutive failures) → open → (cool-down) → half-open: one trial call; its
 * success closes the circuit, its failure opens it for another cool-down. While open, callers fail
 * fast instead of piling requests and timeouts onto a provider that is down.
 */
export class CircuitBreaker {
  private current: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  get state(): CircuitState {
    return this.current;
  }

  /** Whether a call may go out now; in half-open state only one at a time. */
  allow(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') {
      if (this.options.now() - this.openedAt < this.options.cooldownMs) return false;
      this.current = 'half_open';
    }
    if (this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  /** The provider answered (whatever it answered: a 4xx is an answer, not an outage). */
  succeeded(): void {
    this.current = 'closed';
    this.failures = 0;
    this.trialInFlight = false;
  }

  /** The provider failed to answer: 5xx, timeout, connection error. */
  failed(): void {
    this.trialInFlight = false;
    if (this.current === 'half_open' || ++this.failures >= this.options.failureThreshold) {
      this.current = 'open';
      this.openedAt = this.options.now();
      this.failures = 0;
    }
  }

  /** Retry-After remaining on an open circuit, for the caller's error. */
  retryAfterMs(): number {
    return Math.max(0, this.openedAt + this.options.cooldownMs - this.options.now());
  }
}
