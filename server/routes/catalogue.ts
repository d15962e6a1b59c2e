// The data catalogue (/data), the Frictionless descriptors (/data/<dataset>/datapackage.json),
// the bundle of all datasets (/data/sinergi-datasets.zip) and the human page of the API (/api/v1).
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ZipArchive } from 'archiver';
import { Router, type Request } from 'express';
import { csvLine } from '../../core/csv.ts';
import { DATASETS, findDataset, publishedColumns, type Lang } from '../../core/datasets.ts';
import { rows as readRows } from '../../core/duckdb.ts';
import { notFound } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import { buildDatasetQuery, buildDatasetQueryParts } from '../../core/query.ts';
import { dataPackage, LICENCE, SOURCE } from '../datapackage.ts';
import { FORMATS, writeExport } from '../formats.ts';
import type { ContentContext, Renderer } from '../render.ts';
import type { WarehouseReader } from '../warehouse.ts';
import { fill, messages, resolveLang } from '../i18n.ts';
import { layoutContext } from './layout.ts';
import { fullDownloadName, notModified, streamExport } from './data.ts';
import { sendBuilt, type BuiltFile, type DownloadStore } from '../downloads.ts';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const langOf = (q: unknown): Lang => (q === 'en' ? 'en' : 'id');


/** The bundle: datapackage.json, the data dictionary and every dataset as CSV, into out. */
export async function writeBundle(connection: DuckDBConnection, lang: Lang, minCell: number, asOf: Date, out: Writable, signal?: AbortSignal): Promise<void> {
  const zip = new ZipArchive({ zlib: { level: 6 } });
  const done = pipeline(zip, out);
  done.catch(() => { /* awaited below; a client that left makes it fail before then */ });
  let entry: PassThrough | undefined;
  // The client left: stop the entry being written, so its writer does not wait for a drain.
  signal?.addEventListener('abort', () => { entry?.destroy(); zip.destroy(); }, { once: true });
  zip.append(JSON.stringify(dataPackage(DATASETS, (d) => `${d.name}.csv`, asOf, lang), null, 2), { name: 'datapackage.json' });
  const dictionary = [csvLine(['dataset', 'column', 'type', 'unit', 'description_id', 'description_en', 'persons'])];
  for (const d of DATASETS) for (const c of publishedColumns(d)) dictionary.push(csvLine([d.name, c.name, c.type, c.unit?.en ?? '', c.description.id, c.description.en, c.persons ? 'yes' : '']));
  zip.append(dictionary.join(''), { name: 'data_dictionary.csv' });
  // One dataset after the other: each CSV streams straight into the zip.
  for (const d of DATASETS) {
    if (signal?.aborted) return;
    entry = new PassThrough();
    zip.append(entry, { name: `${d.name}.csv` });
    const { sql, params } = buildDatasetQuery(d, {}, { minCell });
    const parts = await buildDatasetQueryParts(connection, d, {}, { minCell });
    await writeExport('csv', { connection, dataset: d, sql, params, parts, lang, signal }, entry);
  }
  await zip.finalize();
  await done;
}

export const bundleName = (lang: Lang) => `sinergi-datasets${lang === 'en' ? '-en' : ''}.zip`;

/** Build the bundle file for the current version on a connection of its own. */
export const buildBundle = (warehouse: WarehouseReader, lang: Lang, minCell: number) => (out: Writable) =>
  warehouse.withConnection(({ connection, asOf }) => writeBundle(connection, lang, minCell, asOf, out));

const sizeText = (bytes: number, lang: Lang) => {
  const number = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${number.format(bytes / 1024 / 1024)} MB` : `${number.format(Math.max(1, Math.round(bytes / 1024)))} kB`;
};

export function catalogueRoutes(warehouse: WarehouseReader, minCell: number, renderer: Renderer, logger: Logger, downloads?: DownloadStore): Router {
  const router = Router();
  const page = (req: Request, lang: Lang, current: string, title: string, html: string) =>
    renderer.render('content', { ...layoutContext(lang, req, current, title, minCell), heading: title, html } as ContentContext);

  router.get('/data', async (req, res) => {
    const lang = resolveLang(req, res);
    const t = messages(lang).catalogue;
    const { counts, asOf, version } = await warehouse.withConnection(async ({ connection, asOf, version }) => {
      const counts = new Map<string, number>();
      for (const d of DATASETS) counts.set(d.name, (await readRows<{ n: number }>(connection, `SELECT count(*)::BIGINT AS n FROM ${d.table}`))[0].n);
      return { counts, asOf, version };
    });
    // Sizes of the full downloads already built for this version (they are built after each publish).
    const built = downloads?.built(version) ?? new Map<string, BuiltFile>();
    const size = (name: string) => { const file = built.get(name); return file ? ` <small class="size">(${sizeText(file.bytes, lang)})</small>` : ''; };
    const date = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(asOf);
    const number = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB');
    const privacy = fill(t.privacyText, { k1: minCell - 1 });
    const sections = DATASETS.map((d) => {
      const columns = publishedColumns(d).map((c) => `<tr><th scope="row"><code>${c.name}</code></th><td>${c.type}</td><td>${escape(c.unit?.[lang] ?? '')}</td><td>${escape(c.description[lang])}${c.persons ? ` <em>(${t.persons})</em>` : ''}</td></tr>`).join('');
      const links = FORMATS.map((f) => `<a href="/data/${d.name}.${f}">${f.toUpperCase()}</a>${size(fullDownloadName(d.name, f, false, lang))}`).join(' · ');
      return `<section id="${d.name}"><h2>${escape(d.title[lang])} <small><code>${d.name}</code></small></h2>
<p>${escape(d.description[lang])}</p>
<dl><dt>${t.grain}</dt><dd>${d.grain.map((g) => (t.grainNames as Record<string, string>)[g] ?? g).join(' × ')}</dd><dt>${t.rows}</dt><dd>${number.format(counts.get(d.name) ?? 0)}</dd>
<dt>${t.formats}</dt><dd>${links} · <a href="/data/${d.name}/datapackage.json">datapackage.json</a></dd>
<dt>${t.api}</dt><dd><a href="/api/v1/${d.name}?limit=10"><code>/api/v1/${d.name}?limit=10</code></a></dd></dl>
<details><summary>${t.columns}</summary><table><thead><tr><th scope="col">${t.column}</th><th scope="col">${t.type}</th><th scope="col">${t.unit}</th><th scope="col">${t.meaning}</th></tr></thead><tbody>${columns}</tbody></table></details></section>`;
    }).join('\n');
    res.type('html').send(page(req, lang, 'data', t.title, `<p>${t.asOf} ${escape(date)}</p>
<p><strong>${t.privacy}.</strong> ${escape(privacy)}</p>
<p><strong>${t.source}.</strong> ${escape(SOURCE[lang])}. <strong>${t.licence}.</strong> <a href="${LICENCE.path}">${LICENCE.title}</a>.</p>
<p><a href="/data/sinergi-datasets.zip">${t.bundle}</a>${size(bundleName(lang))} · <a href="/api/v1">API</a></p>
${sections}`));
  });

  router.get('/data/:dataset/datapackage.json', async (req, res) => {
    const dataset = findDataset(req.params.dataset);
    if (!dataset) throw notFound(`unknown dataset: "${req.params.dataset}"`);
    const { asOf } = await warehouse.snapshot();
    res.set('Access-Control-Allow-Origin', '*');
    res.json(dataPackage([dataset], (d) => `${req.protocol}://${req.get('host')}/data/${d.name}.csv`, asOf, langOf(req.query.lang)));
  });

  router.get('/data/sinergi-datasets.zip', async (req, res) => {
    const lang = langOf(req.query.lang);
    const { version, asOf } = await warehouse.snapshot();
    if (notModified(req, res, `"${version}-bundle"`, asOf)) return;
    const headers = { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="sinergi-datasets_${asOf.toISOString().slice(0, 10)}.zip"` };
    if (downloads) {
      const file = await downloads.get(version, bundleName(lang), buildBundle(warehouse, lang, minCell));
      res.set(headers);
      await sendBuilt(file, undefined, res);
      return;
    }
    const lease = await warehouse.lease();
    try {
      res.set(headers);
      await streamExport(req, res, logger, 'zip', lease, (out, signal) => writeBundle(lease.connection, lang, minCell, lease.asOf, out, signal));
    } finally {
      lease.release();
    }
  });

  router.get('/api/v1', (req, res) => {
    const lang = resolveLang(req, res);
    const t = messages(lang).catalogue;
    const intro = `${t.apiIntro} `;
    const items = DATASETS.map((d) => `<li><h2><code>GET /api/v1/${d.name}</code></h2><p>${escape(d.title[lang])}. ${t.filters}: ${d.filters.map((f) => `<code>${f}</code>`).join(', ')}.</p>
<p><a href="/api/v1/${d.name}?limit=5&amp;fields=period,region_code,${escape(d.columns[0].name)}"><code>/api/v1/${d.name}?limit=5&amp;fields=period,region_code,${escape(d.columns[0].name)}</code></a></p></li>`).join('');
    // The counsellor's desk (server/routes/match.ts): not a dataset, one job seeker's matches.
    const desk = `<li><h2><code>GET /api/v1/match?skills=…&amp;education=…&amp;region=…</code></h2><p>${escape(messages(lang).match.apiDoc)}</p>
<p><a href="/api/v1/match?skills=welding,technical%20drawing&amp;education=SMK&amp;region=32"><code>/api/v1/match?skills=welding,technical%20drawing&amp;education=SMK&amp;region=32</code></a></p></li>`;
    res.type('html').send(page(req, lang, '', 'Sinergi API', `<p>${escape(intro)}<a href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1).</p><ul>${items}${desk}</ul>`));
  });
  return router;
}
