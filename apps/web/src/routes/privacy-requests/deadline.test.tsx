import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render';
import { daysLeft, deadlineTone, DaysLeft } from './deadline';
import { privacyRequest } from './fixtures';

describe('the days left of a privacy request', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('counts a begun day whole, and counts past the deadline as negative', () => {
    expect(daysLeft('2026-03-29T12:00:00Z', now)).toBe(28);
    expect(daysLeft('2026-03-01T13:00:00Z', now)).toBe(1);
    expect(daysLeft('2026-03-01T11:00:00Z', now)).toBe(-1);
    expect(daysLeft('2026-02-26T12:00:00Z', now)).toBe(-3);
  });

  it('is green from ten days, amber under ten, red under five and when overdue', () => {
    expect([10, 28].map((d) => deadlineTone(d, false))).toEqual(['success', 'success']);
    expect([9, 5].map((d) => deadlineTone(d, false))).toEqual(['warning', 'warning']);
    expect([4, 0, -2].map((d) => deadlineTone(d, false))).toEqual(['danger', 'danger', 'danger']);
    expect(deadlineTone(20, true)).toBe('danger');
  });

  it('says the days in words beside the colour, and the date once completed', async () => {
    renderInApp(
      <>
        <DaysLeft request={privacyRequest({}, 12)} />
        <DaysLeft request={privacyRequest({}, 3)} />
        <DaysLeft request={privacyRequest({ overdue: true }, -2)} />
        <DaysLeft request={privacyRequest({ status: 'completed', completedAt: '2026-03-02T10:00:00Z' })} />
      </>,
    );
    expect(await screen.findByText('nog 12 dagen')).toHaveClass('bg-emerald-50');
    expect(screen.getByText('nog 3 dagen')).toHaveClass('bg-red-50');
    expect(screen.getByText('2 dagen te laat')).toHaveClass('bg-red-50');
    expect(screen.getByText('afgehandeld op 2 maart 2026')).toBeInTheDocument();
  });
});
