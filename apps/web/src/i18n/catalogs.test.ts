import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { nl } from './nl';

type Tree = { [key: string]: string | Tree };
const leaves = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`)));

describe('the catalogs', () => {
  it('have exactly the same keys in Dutch and English, none empty', () => {
    const dutch = leaves(nl);
    const english = leaves(en as Tree);
    expect(english.map(([k]) => k).sort()).toEqual(dutch.map(([k]) => k).sort());
    for (const [key, text] of [...dutch, ...english]) expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const english = new Map(leaves(en as Tree));
    for (const [key, text] of leaves(nl)) expect({ key, placeholders: placeholders(english.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(text) });
  });

  it('explain every problem type the gateway answers with', () => {
    const source = readFileSync(path.resolve(__dirname, '../../../../services/gateway/src/openapi/problem-types.ts'), 'utf8');
    const names = [...source.matchAll(/name: '([a-z-]+)'/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect({ name, known: name in nl.problems.types }).toEqual({ name, known: true });
  });
});
