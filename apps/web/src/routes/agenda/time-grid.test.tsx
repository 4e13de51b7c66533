import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AppointmentListItem as Appointment } from '../../api/appointments';
import { membership, renderInApp, TENANT_ID } from '../../test/render';
import { TimeGrid } from './time-grid';
import { daysFrom } from './zoned-time';

const early: Appointment = {
  id: 'apt_early0000001', client: { id: 'cli_anna00000001', name: 'Anna de Vries', email: null, phone: null, masked: false },
  // Tuesday 5 May 2026, 07:15–07:45 in Amsterdam: before the usual first hour, so the grid starts at 07:00.
  startsAt: '2026-05-05T05:15:00.000Z', endsAt: '2026-05-05T05:45:00.000Z', treatment: 'Intake', treatmentId: null, staffId: null, status: 'booked', hasNotes: false,
  createdAt: '2026-05-01T10:00:00.000Z', updatedAt: '2026-05-01T10:00:00.000Z',
};

describe('the time grid', () => {
  it('marks today, links each day to its day view and each appointment to its page, and widens the hours to what is booked', async () => {
    renderInApp(
      <TimeGrid days={daysFrom('2026-05-04', 7)} appointments={[early]} today="2026-05-06" now={new Date('2026-05-06T10:00:00Z')} />,
      { tenant: membership({ agenda: 'view' }) },
    );
    const today = await screen.findByRole('link', { name: 'woensdag 6 mei (vandaag)' });
    expect(today).toHaveAttribute('aria-current', 'date');
    expect(today).toHaveAttribute('href', `/t/${TENANT_ID}/agenda?view=day&date=2026-05-06`);
    expect(screen.getByRole('link', { name: 'dinsdag 5 mei, 07:15–07:45, Anna de Vries, Intake' })).toHaveAttribute('href', `/t/${TENANT_ID}/agenda/${early.id}`);
    expect(screen.getByText('Het rooster toont de uren van 07:00 tot 20:00.')).toBeInTheDocument();
  });

  it('books at the half hour clicked, for an editor', async () => {
    const onPickSlot = vi.fn();
    const { container } = renderInApp(
      <TimeGrid days={['2026-05-05']} appointments={[]} today="2026-05-06" now={new Date('2026-05-06T10:00:00Z')} onPickSlot={onPickSlot} />,
      { tenant: membership({ agenda: 'edit' }) },
    );
    await screen.findByText('Het rooster toont de uren van 08:00 tot 20:00.');
    // The half hours are for the mouse; the keyboard books with "Nieuwe afspraak".
    const slots = container.querySelectorAll('.cursor-pointer');
    expect(slots).toHaveLength(24);
    fireEvent.click(slots[5]!);
    expect(onPickSlot).toHaveBeenCalledWith('2026-05-05', 10 * 60 + 30);
  });
});
