import { describe, expect, it } from 'vitest';
import { plainTextBlocks } from './plain-text-blocks';

describe('plainTextBlocks', () => {
  it('joins wrapped lines, and knows headings and list items with their continuation lines', () => {
    const text = 'Titel\n\n1. Wie wij zijn\nHOMi levert software\nvoor salons.\n\n2. Gegevens\n- Uw account: naam,\n  e-mailadres.\n- Uw instituut.\nWachtwoorden bewaren wij niet.';
    expect(plainTextBlocks(text)).toEqual([
      { kind: 'paragraph', text: 'Titel' },
      { kind: 'heading', text: '1. Wie wij zijn' },
      { kind: 'paragraph', text: 'HOMi levert software voor salons.' },
      { kind: 'heading', text: '2. Gegevens' },
      { kind: 'list', items: ['Uw account: naam, e-mailadres.', 'Uw instituut.'] },
      { kind: 'paragraph', text: 'Wachtwoorden bewaren wij niet.' },
    ]);
  });
});
