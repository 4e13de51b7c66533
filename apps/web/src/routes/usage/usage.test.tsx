import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { usageKeys, type TenantUsage } from '../../api/usage';
import { membership, renderInApp, TENANT_ID } from '../../test/render';
import { lastDays, perDay, rows } from './usage-figures';
import { UsagePage } from './usage-page';

const usage = (from: string, to: string): TenantUsage => ({
  tenantId: TENANT_ID, from, to,
  counts: [
    { day: from, module: 'clients', actions: 2, requests: 10 },
    { day: from, module: 'agenda', actions: 1, requests: 4 },
    { day: to, module: 'clients', actions: 0, requests: 7 },
  ],
});

describe('usage figures', () => {
  it('counts every day of the period, days without use as 0', () => {
    const figures = usage('2026-01-01', '2026-01-03');
    expect(perDay(figures)).toEqual([
      { day: '2026-01-01', requests: 14, actions: 3 }, { day: '2026-01-02', requests: 0, actions: 0 }, { day: '2026-01-03', requests: 7, actions: 0 },
    ]);
    expect(perDay(figures, 'agenda').map((d) => d.requests)).toEqual([4, 0, 0]);
    expect(rows(figures).map((r) => `${r.day} ${r.module}`)).toEqual(['2026-01-03 clients', '2026-01-01 agenda', '2026-01-01 clients']);
    expect(lastDays(7, new Date('2026-03-02T10:00:00Z'))).toEqual({ from: '2026-02-24', to: '2026-03-02' });
  });

  it('shows a chart described in words and the table with totals', async () => {
    const { from, to } = lastDays(30);
    renderInApp(<UsagePage />, { tenant: membership({ reports: 'view' }), data: [[usageKeys.tenant(TENANT_ID, from, to), usage(from, to)]] });
    const chart = await screen.findByRole('img', { name: 'Verzoeken per dag' });
    expect(chart.querySelectorAll('rect')).toHaveLength(30);
    expect(chart.querySelector('desc')).toHaveTextContent(/^21 verzoeken van .+ tot en met .+; de meeste op .+ \(14\)\.$/);
    expect(screen.getByRole('table', { name: 'Verzoeken en handelingen per dag en onderdeel' })).toBeInTheDocument();
    const total = screen.getByRole('row', { name: /Totaal/ });
    expect(total).toHaveTextContent('Totaal213');
    expect(chart.outerHTML).not.toMatch(/style=/);
  });
});
