// Integrity of the curated reference data (DESIGN §3), checked against the ESCO
// publication of ISCO-08 and ESCO's skill collections in ../shared/samples/esco.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../core/config.ts';
import { EDUCATION_RANK } from '../core/methodology.ts';
import { loadReference, readCsvRows } from '../core/reference.ts';
import { normalizeText } from '../core/text.ts';

const reference = loadReference();
const ESCO_DIR = path.join(PROJECT_ROOT, '..', 'shared', 'samples', 'esco');
const escoRows = (file: string) => parse(fs.readFileSync(path.join(ESCO_DIR, file)), { columns: true, bom: true }) as Record<string, string>[];
const SKILL_GROUPS = ['digital', 'technical', 'construction', 'business', 'care', 'hospitality', 'agriculture', 'transport', 'creative', 'green', 'language', 'soft'];

describe('ISCO-08 / KBJI 2014', () => {
  it('has all four levels: 10 / 43 / 130 / 436', () => {
    const byLevel = [1, 2, 3, 4].map((level) => reference.isco.filter((g) => g.level === level).length);
    expect(byLevel).toEqual([10, 43, 130, 436]);
  });

  it('agrees code by code and level by level with the ESCO publication', () => {
    const esco = escoRows('ISCOGroups_en.csv').map((r) => ({ code: r.code, level: r.code.length }));
    const ours = reference.isco.map((g) => ({ code: g.code, level: g.level }));
    expect(ours.sort((a, b) => a.code.localeCompare(b.code))).toEqual(esco.sort((a, b) => a.code.localeCompare(b.code)));
  });

  it('has an Indonesian and an English title for every group, and every parent exists', () => {
    const codes = new Set(reference.isco.map((g) => g.code));
    for (const g of reference.isco) {
      expect(g.titleId.trim(), g.code).not.toBe('');
      expect(g.titleEn.trim(), g.code).not.toBe('');
      if (g.level > 1) expect(codes.has(g.code.slice(0, g.level - 1)), g.code).toBe(true);
    }
  });
});

describe('KBLI 2020 sections', () => {
  it('are A to U with both titles', () => {
    expect(reference.kbliSections.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRSTU');
    for (const s of reference.kbliSections) expect(s.titleId && s.titleEn, s.code).toBeTruthy();
  });
});

describe('education levels', () => {
  it('cover the DESIGN §4 order plus unknown, and no spelling means two levels', () => {
    expect(reference.educationLevels.map((l) => l.code).sort()).toEqual([...Object.keys(EDUCATION_RANK), 'unknown'].sort());
    const seen = new Map<string, string>();
    for (const level of reference.educationLevels) {
      for (const name of [level.code, ...level.aliases]) {
        const key = normalizeText(name);
        expect(seen.get(key) ?? level.code, `${name} → ${seen.get(key)} and ${level.code}`).toBe(level.code);
        seen.set(key, level.code);
      }
    }
  });
});

describe('region aliases', () => {
  it('point at existing provinces and regencies', () => {
    const codes = new Set([...reference.provinces.map((p) => p.code), ...reference.regencies.map((r) => r.code)]);
    for (const a of reference.regionAliases) expect(codes.has(a.code), `${a.alias} → ${a.code}`).toBe(true);
  });
});

describe('skills taxonomy', () => {
  it('has at least 400 skills with unique ids, both labels and a known group', () => {
    expect(reference.skills.length).toBeGreaterThanOrEqual(400);
    const ids = reference.skills.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of reference.skills) {
      expect(s.id, s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(s.labelId && s.labelEn, s.id).toBeTruthy();
      expect(SKILL_GROUPS, s.id).toContain(s.group);
    }
  });

  it('keeps each group in its own file', () => {
    for (const file of fs.readdirSync(path.join(PROJECT_ROOT, 'data', 'reference', 'skills'))) {
      const group = path.basename(file, '.csv');
      for (const row of readCsvRows(path.join(PROJECT_ROOT, 'data', 'reference', 'skills', file))) expect(row.group, row.id).toBe(group);
    }
  });

  it('has no label or alias that points to two skills', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const s of reference.skills) {
      for (const name of new Set([s.labelId, s.labelEn, ...s.aliases].map(normalizeText))) {
        const other = owner.get(name);
        if (other && other !== s.id) clashes.push(`"${name}": ${other} and ${s.id}`);
        owner.set(name, s.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('marks the soft skills transversal and has aliases in both languages', () => {
    const soft = reference.skills.filter((s) => s.group === 'soft');
    expect(soft.length).toBeGreaterThan(20);
    expect(soft.every((s) => s.transversal)).toBe(true);
    const names = (id: string) => {
      const skill = reference.skills.find((s) => s.id === id);
      return skill ? [skill.labelId, skill.labelEn, ...skill.aliases].map(normalizeText) : [];
    };
    expect(names('welding')).toEqual(expect.arrayContaining(['las', 'pengelasan', 'welding']));
    expect(names('welding-smaw')).toContain('smaw');
  });

  it('gives only well-formed ESCO URIs that exist in ESCO\'s skill collections', () => {
    const known = new Set(
      ['transversalSkillsCollection_en.csv', 'ictSkillsCollection_en.csv', 'languageSkillsCollection_en.csv'].flatMap((f) => escoRows(f).map((r) => r.conceptUri)),
    );
    const withUri = reference.skills.filter((s) => s.escoUri);
    expect(withUri.length).toBeGreaterThan(20);
    for (const s of withUri) {
      expect(s.escoUri, s.id).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(known.has(s.escoUri!), `${s.id} ${s.escoUri}`).toBe(true);
    }
  });
});

describe('job title dictionary', () => {
  it('has at least 800 titles in both languages, unique, each coded to an existing unit group', () => {
    const unitGroups = new Set(reference.isco.filter((g) => g.level === 4).map((g) => g.code));
    expect(reference.jobTitles.length).toBeGreaterThanOrEqual(800);
    expect(reference.jobTitles.filter((t) => t.lang === 'id').length).toBeGreaterThan(300);
    expect(reference.jobTitles.filter((t) => t.lang === 'en').length).toBeGreaterThan(300);
    const titles = reference.jobTitles.map((t) => normalizeText(t.title));
    expect(titles.length - new Set(titles).size).toBe(0);
    for (const t of reference.jobTitles) expect(unitGroups.has(t.iscoCode), `${t.title} → ${t.iscoCode}`).toBe(true);
  });
});

describe('occupation skill profiles and training programmes', () => {
  const skillIds = new Set(reference.skills.map((s) => s.id));
  const iscoCodes = new Set(reference.isco.map((g) => g.code));

  it('profile every ISCO sub-major group with existing skills', () => {
    for (const p of reference.occupationSkills) {
      expect(iscoCodes.has(p.iscoCode), p.iscoCode).toBe(true);
      expect(skillIds.has(p.skillId), `${p.iscoCode} ${p.skillId}`).toBe(true);
      expect(['core', 'optional']).toContain(p.importance);
    }
    const profiled = new Set(reference.occupationSkills.map((p) => p.iscoCode));
    const subMajors = reference.isco.filter((g) => g.level === 2 && !g.code.startsWith('0'));
    expect(subMajors.filter((g) => !profiled.has(g.code)).map((g) => g.code)).toEqual([]);
  });

  it('has at least 40 programmes with hours and existing skills', () => {
    expect(reference.trainingProgrammes.length).toBeGreaterThanOrEqual(40);
    expect(new Set(reference.trainingProgrammes.map((p) => p.id)).size).toBe(reference.trainingProgrammes.length);
    for (const p of reference.trainingProgrammes) {
      expect(p.hours, p.id).toBeGreaterThan(0);
      expect(p.nameId && p.nameEn && p.vocation, p.id).toBeTruthy();
      expect(p.skills.length, p.id).toBeGreaterThan(0);
      for (const s of p.skills) expect(skillIds.has(s), `${p.id} ${s}`).toBe(true);
    }
  });
});
