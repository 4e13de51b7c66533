import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '../../api/problem';
import { problemType, renderInApp } from '../../test/render';
import { emptyLine, InvoiceForm, lineValues, parseCents, parseQuantity } from './invoice-form';

const anna = { mode: 'fixed' as const, id: 'cli_anna00000001', name: 'Anna de Vries' };

describe('the invoice form', () => {
  it('sends amounts typed in euros as cents, quantities with a comma as numbers', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const user = userEvent.setup();
    renderInApp(<InvoiceForm client={anna} lines={[emptyLine('Pedicure op 5 mei 2026')]} onSubmit={onSubmit} onCancel={vi.fn()} />);
    expect(await screen.findByRole('textbox', { name: /^Klant/ })).toHaveValue('Anna de Vries');
    await user.type(screen.getByRole('textbox', { name: /^Prijs per stuk/ }), '45,00');
    await user.click(screen.getByRole('button', { name: 'Regel toevoegen' }));
    const second = screen.getByRole('group', { name: 'Regel 2' });
    await user.type(within(second).getByRole('textbox', { name: /^Omschrijving/ }), 'Voetcrème');
    await user.clear(within(second).getByRole('textbox', { name: /^Aantal/ }));
    await user.type(within(second).getByRole('textbox', { name: /^Aantal/ }), '1,5');
    await user.type(within(second).getByRole('textbox', { name: /^Prijs per stuk/ }), '-2,5');
    await user.selectOptions(within(second).getByRole('combobox', { name: /^Btw/ }), '9');
    // What the lines come to, counted as FactuurSturen counts: 45,00 + 1,5 × -2,50 = 41,25 excl.; 9,45 - 0,34 tax.
    expect(screen.getByText(/41,25 excl\. btw \+ €\s9,11 btw = €\s50,36/)).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'FactuurSturen mailt de factuur naar de klant' }));
    await user.click(screen.getByRole('button', { name: 'Factuur maken' }));

    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledOnce());
    expect(onSubmit).toHaveBeenCalledWith({
      clientId: anna.id,
      lines: [
        { description: 'Pedicure op 5 mei 2026', quantity: 1, unitPriceCents: 4500, taxRate: 21 },
        { description: 'Voetcrème', quantity: 1.5, unitPriceCents: -250, taxRate: 9 },
      ],
      sendByEmail: true,
    });
  });

  it('says beside each field what is missing or malformed, and sends nothing', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const user = userEvent.setup();
    renderInApp(<InvoiceForm client={anna} lines={[emptyLine()]} onSubmit={onSubmit} onCancel={vi.fn()} />);
    await user.type(await screen.findByRole('textbox', { name: /^Prijs per stuk/ }), '45,001');
    await user.click(screen.getByRole('button', { name: 'Factuur maken' }));

    expect(await screen.findByText('Vul dit in.')).toBeInTheDocument();
    expect(screen.getByText('Dit klopt niet; controleer wat je hebt ingevuld.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Omschrijving/ })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: /^Prijs per stuk/ })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: /^Aantal/ })).not.toHaveAttribute('aria-invalid');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("puts the API's field errors beside the line's fields, and a refusal of the whole invoice above the form", async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn()
      .mockRejectedValueOnce(new ApiProblem(400, { type: problemType('validation-failed'), errors: [{ path: 'lines.0.unitPriceCents', message: 'too big' }] }))
      .mockRejectedValueOnce(new ApiProblem(409, { type: problemType('invoicing-not-connected') }));
    renderInApp(<InvoiceForm client={anna} lines={[emptyLine('Pedicure')]} onSubmit={onSubmit} onCancel={vi.fn()} />);
    await user.type(await screen.findByRole('textbox', { name: /^Prijs per stuk/ }), '45');
    await user.click(screen.getByRole('button', { name: 'Factuur maken' }));
    expect(await screen.findByText('Dit werd niet geaccepteerd; controleer het veld.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^Prijs per stuk/ })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Factuur maken' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('FactuurSturen is nog niet gekoppeld');
    expect(alert).toHaveTextContent('Een eigenaar kan het FactuurSturen-account koppelen');
  });

  it('reads euros and quantities as a person types them, leaving the rest for the schema to refuse', () => {
    expect([parseCents('45'), parseCents('45,5'), parseCents('€ 45.05'), parseCents('-5,00'), parseCents(' ')]).toEqual([4500, 4550, 4505, -500, undefined]);
    expect([parseCents('45,001'), parseCents('veertig')]).toEqual(['45,001', 'veertig']);
    expect([parseQuantity('1'), parseQuantity('1,25'), parseQuantity('2.5'), parseQuantity('een')]).toEqual([1, 1.25, 2.5, 'een']);
    expect(lineValues({ description: 'Pedicure', quantity: 1.5, unitPriceCents: 4500, taxRate: 9 }, 'nl')).toEqual({ description: 'Pedicure', quantity: '1,5', unitPriceCents: '45,00', taxRate: '9' });
  });
});
