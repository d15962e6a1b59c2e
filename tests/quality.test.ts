// Regression floors for normalisation quality; the figures themselves are printed by
// `npm run bench` (and `sinergi quality`). Labelled sets: tests/fixtures.
import { describe, expect, it } from 'vitest';
import { loadReference } from '../core/reference.ts';
import { measureQuality } from '../pipelines/quality.ts';

const report = measureQuality(loadReference());

describe('normalisation quality on labelled data', () => {
  it('scores at least 200 labelled descriptions, half Indonesian, half English', () => {
    expect(report.skills.all.descriptions).toBeGreaterThanOrEqual(200);
    expect(report.skills.tunedIndonesian.descriptions).toBe(report.skills.heldOutEnglish.descriptions);
  });

  it('extracts skills with precision ≥ 0.90 and recall ≥ 0.80 over the whole set', () => {
    expect(report.skills.all.precision).toBeGreaterThanOrEqual(0.9);
    expect(report.skills.all.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('does not fall below what it reaches on the held-out English half (precision 0.86, recall 0.72)', () => {
    expect(report.skills.heldOutEnglish.precision).toBeGreaterThanOrEqual(0.86);
    expect(report.skills.heldOutEnglish.recall).toBeGreaterThanOrEqual(0.72);
  });

  it('codes at least 85 % of at least 300 labelled titles right at two digits', () => {
    expect(report.titles.titles).toBeGreaterThanOrEqual(300);
    expect(report.titles.rightAt2Digits).toBeGreaterThanOrEqual(0.85);
  });
});
