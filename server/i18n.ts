// The page language and everything that depends on it: messages from
// views/messages/<lang>.json (Bahasa Indonesia first), and number, percent, date and month
// formats from the locale. `?lang=en` switches and is remembered in a cookie.
import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import { columnLabels, type AnyColumnName, type Lang } from '../core/datasets.ts';

export type { Lang };
export const MESSAGES_DIR = path.join(import.meta.dirname, '../views/messages');

type MessageFile = typeof import('../views/messages/id.json');
/**
 * The message tree; both files have exactly the same keys (tests/i18n.test.ts). `columns`
 * holds every dataset column's label from its declaration (core/datasets.ts), and the few
 * headings of the files' own that name no dataset column (skill, occupation, programme).
 */
export type Messages = Omit<MessageFile, 'columns'> & { columns: MessageFile['columns'] & Record<AnyColumnName, string> };

const loaded = new Map<Lang, Messages>();

export function messages(lang: Lang): Messages {
  let m = loaded.get(lang);
  if (!m) {
    const file = JSON.parse(fs.readFileSync(path.join(MESSAGES_DIR, `${lang}.json`), 'utf8')) as MessageFile;
    m = { ...file, columns: { ...columnLabels(lang), ...file.columns } };
    loaded.set(lang, m);
  }
  return m;
}

/** Replace {name} placeholders of a message. */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}

export const LANG_COOKIE = 'sinergi_lang';

/** ?lang= first (and remembered), then the cookie, then Bahasa Indonesia. A bad value is ignored like a missing one. */
export function resolveLang(req: Request, res: Response): Lang {
  const asked = req.query.lang;
  if (asked === 'id' || asked === 'en') {
    res.cookie(LANG_COOKIE, asked, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax', httpOnly: true, path: '/' });
    return asked;
  }
  const cookie = /(?:^|;\s*)sinergi_lang=(id|en)\b/.exec(req.headers.cookie ?? '');
  return (cookie?.[1] as Lang | undefined) ?? 'id';
}

export interface Format {
  lang: Lang;
  locale: string;
  integer(v: number | null | undefined): string;
  decimal(v: number | null | undefined, digits?: number): string;
  percent(v: number | null | undefined, digits?: number): string;
  signedPercent(v: number | null | undefined): string;
  /** A compact number for axes (12 rb / 12K). */
  compact(v: number): string;
  date(d: Date): string;
  /** "Maret 2025" / "March 2025" from "2025-03". */
  month(period: string): string;
  /** "Mar 25" for axes. */
  monthShort(d: Date): string;
}

const formats = new Map<Lang, Format>();

export function format(lang: Lang): Format {
  const existing = formats.get(lang);
  if (existing) return existing;
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  const missing = messages(lang).common.missing;
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimals = [0, 1, 2, 3].map((d) => new Intl.NumberFormat(locale, { minimumFractionDigits: d, maximumFractionDigits: d }));
  const percents = [0, 1, 2].map((d) => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d }));
  const signed = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Asia/Jakarta' });
  const month = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const monthShort = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const known = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
  const f: Format = {
    lang, locale,
    integer: (v) => (known(v) ? integer.format(v) : missing),
    decimal: (v, digits = 2) => (known(v) ? decimals[digits].format(v) : missing),
    percent: (v, digits = 1) => (known(v) ? percents[digits].format(v) : missing),
    signedPercent: (v) => (known(v) ? signed.format(v) : missing),
    compact: (v) => compact.format(v),
    date: (d) => date.format(d),
    month: (period) => month.format(new Date(`${period}-01T00:00:00Z`)),
    monthShort: (d) => monthShort.format(d),
  };
  formats.set(lang, f);
  return f;
}

/**
 * An error message of core/ or the routes in the page language: the message is matched
 * against the patterns below and rebuilt from messages.errorText (the English templates
 * give back the message unchanged); the parts it quotes (parameter names, values, codes)
 * stay as written. An unknown message is returned as it is.
 */
const ERROR_PATTERNS: [RegExp, keyof Messages['errorText']['patterns']][] = [
  [/^invalid (\w+) code: "(.*)"$/s, 'invalidCode'],
  [/^invalid (\w+): "(.*)" \((.*)\)$/s, 'invalid'],
  [/^unknown parameter "(.*)" \(known: (.*)\)$/s, 'unknownParameter'],
  [/^(\w+) must be given once, with a value$/, 'givenOnce'],
  [/^sort must be given once, with column names$/, 'sortOnce'],
  [/^unknown (region|occupation|parent|skill|dataset): "(.*)"$/s, 'unknownCode'],
  [/^no data for period (\S+) \(data covers (\S+) to (\S+)\)$/, 'noPeriod'],
  [/^the warehouse holds no months of data yet$/, 'noMonths'],
  [/^not found: (.*)$/s, 'notFound'],
  [/^give either period or from\/to, not both$/, 'periodOrRange'],
  [/^from \((\S+)\) is after to \((\S+)\)$/, 'fromAfterTo'],
  [/^filter "(.*)" is not available for dataset (\S+) \(available: (.*)\)$/s, 'notAvailable'],
  [/^cannot sort by "(.*)" \(columns: (.*)\)$/s, 'cannotSort'],
  [/^the server is busy \((.*)\); try again in (\d+) seconds$/s, 'busy'],
];

/** The reasons core/filters.ts gives (in English), by their key in messages.errorText.reasons. */
const REASONS = new Map<string, keyof Messages['errorText']['reasons']>(Object.entries(messages('en').errorText.reasons).map(([key, text]) => [text, key as keyof Messages['errorText']['reasons']]));

export function translateError(message: string, lang: Lang): string {
  const t = messages(lang).errorText;
  for (const [pattern, key] of ERROR_PATTERNS) {
    const match = pattern.exec(message);
    if (!match) continue;
    const [, a = '', b = '', c = ''] = match;
    const reason = c && REASONS.has(c) ? t.reasons[REASONS.get(c)!] : c;
    return fill(t.patterns[key], { a, b, c: reason });
  }
  return message;
}

/**
 * A quarantine reason (stored in English, as a code the pipeline writes) in the page
 * language, for display only: the longest stored wording the reason starts with is
 * replaced by its translation, the rest (a line number, a date) kept.
 */
export function translateReason(reason: string, lang: Lang): string {
  const en = messages('en').adminText.reasons as Record<string, string>;
  const t = messages(lang).adminText.reasons as Record<string, string>;
  const key = Object.keys(en).filter((k) => reason.startsWith(en[k])).sort((a, b) => en[b].length - en[a].length)[0];
  return key ? t[key] + reason.slice(en[key].length) : reason;
}
