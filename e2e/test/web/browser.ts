import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Browser journeys: Debian's Chromium driven by playwright-core, axe on every page a journey
// visits, screenshots at phone and desktop width. Elements are found by role and accessible name,
// and waits are for what a person would see — never a sleep.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(__dirname, '../../screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

interface AxeTally {
  pages: number;
  serious: number;
  other: number;
}
/** What axe found over a whole run (every journey file adds to it; printed at the end of each). */
const tally: AxeTally = { pages: 0, serious: 0, other: 0 };

/** One person's browser: a fresh context (no cookies shared with other people), with what the page logs kept. */
export class Visit {
  readonly console: string[] = [];
  private shot = 0;

  private constructor(readonly context: BrowserContext, readonly page: Page, private readonly journey: string) {
    page.on('console', (message) => this.console.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => this.console.push(`pageerror: ${error.message}`));
  }

  static async open(browser: Browser, journey: string): Promise<Visit> {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    context.setDefaultTimeout(15_000);
    return new Visit(context, await context.newPage(), journey);
  }

  /**
   * axe on the page as it stands (WCAG 2.1 A and AA); a serious or critical violation fails the journey
   * at once, naming the rule and the elements.
   */
  async checkAccessibility(what: string): Promise<void> {
    // A colour in the middle of a transition (a button just enabled, a panel fading in) is neither
    // state's colour, and axe measures its contrast as it stands: wait for finite animations to end.
    await this.page.evaluate(() => {
      type Animation = { finished: Promise<unknown>; effect: { getTiming(): { iterations?: number } } | null };
      const { document } = globalThis as unknown as { document: { getAnimations(): Animation[] } };
      return Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)));
    });
    const result = await new AxeBuilder({ page: this.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    tally.pages++;
    tally.serious += serious.length;
    tally.other += result.violations.length - serious.length;
    if (serious.length > 0) {
      const detail = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
      throw new Error(`axe found serious or critical violations on ${what}:\n${detail}`);
    }
  }

  /** The page at phone and desktop width, as e2e/screenshots/<journey>/<n>-<name>-{phone,desktop}.png. */
  async screenshot(name: string): Promise<void> {
    const dir = path.join(SCREENSHOTS, this.journey);
    mkdirSync(dir, { recursive: true });
    const n = String(++this.shot).padStart(2, '0');
    await this.page.setViewportSize(PHONE);
    await this.page.screenshot({ path: path.join(dir, `${n}-${name}-phone.png`), fullPage: true });
    await this.page.setViewportSize(DESKTOP);
    await this.page.screenshot({ path: path.join(dir, `${n}-${name}-desktop.png`), fullPage: true });
  }

  /** axe, then screenshots: what every step of a journey does once the page shows what it should. */
  async record(name: string): Promise<void> {
    await this.checkAccessibility(`${this.journey}: ${name} (${this.page.url()})`);
    await this.screenshot(name);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

export function axeSummary(): string {
  return `axe: ${tally.pages} page states checked, ${tally.serious} serious/critical violations, ${tally.other} minor/moderate`;
}
