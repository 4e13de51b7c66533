import { claimTestNamespace } from '../src/run-namespace';

/** Every jest project's global setup (jest.preset.js): the run's own NATS namespace (ADR 37). */
export default function globalSetup(): void {
  claimTestNamespace();
}
