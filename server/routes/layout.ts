// The layout every page shares (views/layout.hbs): the menu, the other language's link,
// the data's date and months, licence and the withholding rule.
import type { Request } from 'express';
import { LICENCE } from '../datapackage.ts';
import { fill, format, messages, type Lang } from '../i18n.ts';
import type { LayoutContext } from '../render.ts';
import { withQuery } from '../urls.ts';

const NAV = ['overview', 'skills', 'gaps', 'regions', 'occupations', 'apprenticeships', 'matching', 'training', 'seekers', 'data', 'methodology'] as const;
const NAV_PATHS: Record<(typeof NAV)[number], string> = { overview: '/', skills: '/skills', gaps: '/gaps', regions: '/regions', occupations: '/occupations', apprenticeships: '/apprenticeships', matching: '/matching', training: '/training', seekers: '/seekers', data: '/data', methodology: '/methodology' };

/** The parts of the layout every page (and the error page) shares. */
export function layoutContext(lang: Lang, req: Request, current: string, title: string, minCell: number, data?: { asOf: Date; periods: string[] }): LayoutContext {
  const m = messages(lang);
  const f = format(lang);
  const other: Lang = lang === 'id' ? 'en' : 'id';
  const query = { ...(req.query as Record<string, string>), lang: other };
  return {
    lang, m, pageTitle: title,
    nav: NAV.map((key) => ({ href: NAV_PATHS[key], label: m.nav[key], current: key === current })),
    otherLang: { href: withQuery(req.path, query), label: m.common.otherLanguage, lang: other },
    asOf: data ? f.date(data.asOf) : '',
    coverage: data?.periods.length ? fill(m.common.coverage, { from: f.month(data.periods[0]), to: f.month(data.periods.at(-1)!) }) : '',
    licence: { title: LICENCE.title, href: LICENCE.path },
    privacyNote: minCell > 1 ? fill(m.common.privacyNote, { k: minCell }) : '',
  };
}
