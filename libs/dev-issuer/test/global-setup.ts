import { ensureDevIssuerBuilt } from '../src/build';

export default function globalSetup(): void {
  ensureDevIssuerBuilt();
}
