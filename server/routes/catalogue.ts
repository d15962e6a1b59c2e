// The data catalogue (/data), the Frictionless descriptors (/data/<dataset>/datapackage.json),
// the bundle of all datasets (/data/sinergi-datasets.zip) and the human page of the API (/api/v1).
import fs from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipArchive } from 'archiver';
import { Router } from 'express';
import { csvLine } from '../../core/csv.ts';
import { DATASETS, findDataset, publishedColumns, type Lang } from '../../core/datasets.ts';
import { rows as readRows } from '../../core/duckdb.ts';
import { notFound } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import { prepareDatasetQuery } from '../../core/query.ts';
import { dataPackage, LICENCE, SOURCE } from '../datapackage.ts';
import { FORMATS, writeExport } from '../formats.ts';
import type { Renderer } from '../render.ts';
import type { Snapshot, WarehouseReader } from '../warehouse.ts';
import { fill, messages, resolveLang } from '../i18n.ts';
import { layoutContext } from './layout.ts';
import { buildFullDownload, fullDownloadName, notModified, streamExport, type DataDeps } from './data.ts';
import { sendBuilt, type BuiltFile, type DownloadStore } from '../downloads.ts';

const langOf = (q: unknown): Lang => (q === 'en' ? 'en' : 'id');


/**
 * The bundle: datapackage.json, the data dictionary and every dataset as CSV, into out.
 * With csvFiles (dataset name → its full CSV download, already built) each CSV is that
 * file, the same bytes; otherwise it is written here from the warehouse.
 */
export async function writeBundle(warehouse: WarehouseReader, snapshot: Snapshot, lang: Lang, minCell: number, out: Writable, signal?: AbortSignal, csvFiles?: Map<string, string>): Promise<void> {
  const { connection, asOf } = snapshot;
  const dims = await warehouse.dimensions.get(snapshot.version, connection);
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
    const built = csvFiles?.get(d.name);
    if (built) {
      zip.append(fs.createReadStream(built), { name: `${d.name}.csv` });
      continue;
    }
    entry = new PassThrough();
    zip.append(entry, { name: `${d.name}.csv` });
    await writeExport('csv', { connection, ...prepareDatasetQuery(d, {}, { minCell, dims }), lang, signal }, entry);
  }
  await zip.finalize();
  await done;
}

export const bundleName = (lang: Lang) => `sinergi-datasets${lang === 'en' ? '-en' : ''}.zip`;

/**
 * The bundle file of a data version in the download store: the full CSVs first (each built
 * once, or already there: they are the bundle's CSVs byte for byte), then the zip of those
 * files, so a dataset is not written twice. The CSVs take their own build turns before the
 * bundle takes one, so two bundles building at once cannot hold every turn while they wait.
 */
export async function getBundle(downloads: DownloadStore, deps: DataDeps, version: string, lang: Lang): Promise<BuiltFile> {
  const csvFiles = new Map<string, string>();
  for (const d of DATASETS) {
    const built = await downloads.get(version, fullDownloadName(d.name, 'csv', false, lang), buildFullDownload(deps, d, 'csv', lang, false), { gzip: true });
    csvFiles.set(d.name, built.file);
  }
  return downloads.get(version, bundleName(lang), (out) =>
    deps.warehouse.withConnection((snapshot) => writeBundle(deps.warehouse, snapshot, lang, deps.minCell, out, undefined, csvFiles)));
}

const sizeText = (bytes: number, lang: Lang) => {
  const number = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${number.format(bytes / 1024 / 1024)} MB` : `${number.format(Math.max(1, Math.round(bytes / 1024)))} kB`;
};

/** What views/pages/catalogue.hbs shows: the catalogue's header and each dataset's section. */
export interface CatalogueView {
  title: string;
  asOf: string;
  privacy: string;
  source: string;
  licence: { title: string; href: string };
  bundle: { href: string; size?: string };
  datasets: {
    name: string; title: string; description: string; grain: string; rows: string;
    downloads: { format: string; href: string; size?: string }[];
    datapackage: string; api: string;
    columns: { name: string; label: string; type: string; unit: string; description: string; persons: boolean }[];
  }[];
}

/** What views/pages/api.hbs shows: each dataset's endpoint, its filters and an example. */
export interface ApiView { intro: string; endpoints: { name: string; title: string; filters: readonly string[]; example: string }[]; desk: { doc: string; example: string } }

const sizeOf = (built: Map<string, BuiltFile>, name: string, lang: Lang) => { const file = built.get(name); return file ? sizeText(file.bytes, lang) : undefined; };

function catalogueView(lang: Lang, minCell: number, asOf: Date, counts: Map<string, number>, built: Map<string, BuiltFile>): CatalogueView {
  const t = messages(lang).catalogue;
  const number = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB');
  return {
    title: t.title,
    asOf: new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Jakarta' }).format(asOf),
    privacy: fill(t.privacyText, { k1: minCell - 1 }),
    source: SOURCE[lang],
    licence: { title: LICENCE.title, href: LICENCE.path },
    bundle: { href: '/data/sinergi-datasets.zip', size: sizeOf(built, bundleName(lang), lang) },
    datasets: DATASETS.map((d) => ({
      name: d.name, title: d.title[lang], description: d.description[lang],
      grain: d.grain.map((g) => (t.grainNames as Record<string, string>)[g] ?? g).join(' × '),
      rows: number.format(counts.get(d.name) ?? 0),
      downloads: FORMATS.map((f) => ({ format: f.toUpperCase(), href: `/data/${d.name}.${f}`, size: sizeOf(built, fullDownloadName(d.name, f, false, lang), lang) })),
      datapackage: `/data/${d.name}/datapackage.json`,
      api: `/api/v1/${d.name}?limit=10`,
      columns: publishedColumns(d).map((c) => ({ name: c.name, label: c.label[lang], type: c.type, unit: c.unit?.[lang] ?? '', description: c.description[lang], persons: c.persons ?? false })),
    })),
  };
}

function apiView(lang: Lang): ApiView {
  const m = messages(lang);
  return {
    intro: m.catalogue.apiIntro,
    endpoints: DATASETS.map((d) => ({ name: d.name, title: d.title[lang], filters: d.filters, example: `/api/v1/${d.name}?limit=5&fields=period,region_code,${d.columns[0].name}` })),
    // The counsellor's desk (server/routes/match.ts): not a dataset, one job seeker's matches.
    desk: { doc: m.match.apiDoc, example: '/api/v1/match?skills=welding,technical%20drawing&education=SMK&region=32' },
  };
}

export function catalogueRoutes(warehouse: WarehouseReader, minCell: number, renderer: Renderer, logger: Logger, downloads?: DownloadStore): Router {
  const router = Router();

  router.get('/data', async (req, res) => {
    const lang = resolveLang(req, res);
    const { counts, asOf, version } = await warehouse.withConnection(async ({ connection, asOf, version }) => {
      const counts = new Map<string, number>();
      for (const d of DATASETS) counts.set(d.name, (await readRows<{ n: number }>(connection, `SELECT count(*)::BIGINT AS n FROM ${d.table}`))[0].n);
      return { counts, asOf, version };
    });
    // Sizes of the full downloads already built for this version (they are built after each publish).
    const built = downloads?.built(version) ?? new Map<string, BuiltFile>();
    const catalogue = catalogueView(lang, minCell, asOf, counts, built);
    res.type('html').send(renderer.render('catalogue', { ...layoutContext(lang, req, 'data', catalogue.title, minCell), catalogue }));
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
      const file = await getBundle(downloads, { warehouse, minCell, logger, downloads }, version, lang);
      res.set(headers);
      await sendBuilt(file, undefined, res);
      return;
    }
    const lease = await warehouse.lease();
    try {
      res.set(headers);
      await streamExport(req, res, logger, 'zip', lease, (out, signal) => writeBundle(warehouse, lease, lang, minCell, out, signal));
    } finally {
      lease.release();
    }
  });

  router.get('/api/v1', (req, res) => {
    const lang = resolveLang(req, res);
    res.type('html').send(renderer.render('api', { ...layoutContext(lang, req, '', 'Sinergi API', minCell), api: apiView(lang) }));
  });
  return router;
}
