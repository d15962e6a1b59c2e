// The front page until the dashboards arrive: what the warehouse holds and a download
// link for each dataset, in the language asked (?lang=en; Bahasa Indonesia by default).
import { Router } from 'express';
import { DATASETS, type Lang } from '../../core/datasets.ts';
import type { WarehouseReader } from '../warehouse.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function homeRoutes(warehouse: WarehouseReader): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const lang: Lang = req.query.lang === 'en' ? 'en' : 'id';
    const { asOf } = await warehouse.acquire();
    const date = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(asOf);
    const items = DATASETS.map((d) => `<li><h2>${escape(d.title[lang])}</h2><p>${escape(d.description[lang])}</p>
      <p><a href="/data/${d.name}.csv">${d.name}.csv</a></p></li>`).join('\n');
    const text = lang === 'id'
      ? { title: 'Sinergi — intelijen permintaan keterampilan', asOf: 'Data per', other: 'English', otherHref: '?lang=en', datasets: 'Dataset agregat' }
      : { title: 'Sinergi — skills-demand intelligence', asOf: 'Data as of', other: 'Bahasa Indonesia', otherHref: '?lang=id', datasets: 'Aggregated datasets' };
    res.type('html').send(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(text.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}h1{font-size:1.6rem}h2{font-size:1.1rem;margin:0}li{margin:0 0 1.2rem}ul{list-style:none;padding:0}a{color:#0b57d0}</style>
</head><body><header><h1>${escape(text.title)}</h1><p>${escape(text.asOf)} ${escape(date)} · <a href="${text.otherHref}" lang="${lang === 'id' ? 'en' : 'id'}">${escape(text.other)}</a></p></header>
<main><h2>${escape(text.datasets)}</h2><ul>${items}</ul></main></body></html>`);
  });
  return router;
}
