import { describe, expect, it } from 'vitest';
import { normalizeText, splitList } from '../core/text.ts';

describe('normalizeText', () => {
  it.each([
    ['  Café  Crème ', 'cafe creme'],
    ['D-III', 'd iii'],
    ['Kota Adm. Jakarta Pusat', 'kota adm jakarta pusat'],
    ['C++ / C# / .NET', 'cpp csharp dotnet'],
    ['Node.js', 'node js'],
    ['abc#', 'abc'],
    ['PENGELASAN (SMAW)', 'pengelasan smaw'],
  ])('%s → %s', (input, expected) => expect(normalizeText(input)).toBe(expected));
});

describe('splitList', () => {
  it('splits on | and drops blanks', () => expect(splitList(' a | b ||c ')).toEqual(['a', 'b', 'c']));
});
