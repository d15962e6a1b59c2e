// /admin for the PES operator (DESIGN §1): pipeline runs with their counts and coverage,
// the quarantine browser, upload of an extract into the inbox, and "run now". Off unless
// SINERGI_ADMIN_TOKEN is set; the token is entered once and kept as an HttpOnly,
// SameSite=Strict session cookie (an HMAC of the token, never the token itself), and each
// form carries a CSRF token. Uploads are size-limited and type-checked by name and content.
import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import multer from 'multer';
import { rows as readRows } from '../../core/duckdb.ts';
import { badRequest, HttpError, notFound } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import { formatOf } from '../../pipelines/ingest/read.ts';
import { fill, format, messages, resolveLang, type Lang } from '../i18n.ts';
import type { Renderer } from '../render.ts';
import { withQuery } from '../urls.ts';
import type { WarehouseReader } from '../warehouse.ts';
import { layoutContext } from './layout.ts';
import { summariseSources, type SourceSummary } from '../pages/sources.ts';

export interface AdminOptions {
  token: string;
  inbox: string;
  /** Folder of the run records (runs/<run_id>.json beside the warehouse). */
  runsDir: string;
  /** Start a run of the inbox; resolves when it ends. */
  runNow(): Promise<unknown>;
  uploadLimitBytes?: number;
}

export interface AdminView {
  authenticated: boolean;
  csrf: string;
  notice?: string;
  running: boolean;
  runs: { id: string; status: string; started: string; seconds: string; files: { name: string; status: string; read: string; loaded: string; quarantined: string; error: string }[]; coverage: { name: string; value: string }[]; error: string }[];
  quarantine: { file: string; line: string; column: string; value: string; reason: string }[];
  quarantineFiles: { name: string; selected: boolean }[];
  quarantineTotal: string;
  quarantinePage: { previous?: string; next?: string; label: string };
  uploadLimit: string;
  accepted: string;
  /** What each source brought (mart_sources, server/pages/sources.ts). */
  sources: SourceSummary[];
}

const SESSION_COOKIE = 'sinergi_admin';
const PAGE_SIZE = 50;
const ACCEPTED = '.csv, .csv.gz, .tsv, .jsonl, .jsonl.gz, .parquet, .xlsx';

export function adminRoutes(deps: { warehouse: WarehouseReader; renderer: Renderer; logger: Logger; minCell: number; options?: AdminOptions }): Router {
  const router = Router();
  const options = deps.options;
  const sign = (purpose: string) => signAdmin(options?.token ?? '', purpose);
  const authenticated = (req: Request) => isSignedIn(req, options!.token);
  let running: Promise<unknown> | null = null;

  router.use('/admin', (_req, _res, next) => {
    if (!options) throw notFound('the admin pages are off: set SINERGI_ADMIN_TOKEN to turn them on');
    next();
  });

  router.get('/admin', async (req, res) => {
    const lang = resolveLang(req, res);
    res.set({ 'Cache-Control': 'no-store', 'Content-Language': lang });
    if (!authenticated(req)) { res.status(401); return sendAdmin(req, res, lang, { authenticated: false }); }
    return sendAdmin(req, res, lang, { authenticated: true });
  });

  router.post('/admin/login', express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
    const token = typeof req.body?.token === 'string' ? req.body.token : '';
    if (!same(token, options!.token)) throw new HttpError(401, 'wrong admin token');
    // path /: the same staff session opens the counsellor's desk (/match) when SINERGI_MATCH_DESK=staff
    res.cookie(SESSION_COOKIE, sign('session'), { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 8 * 3600 * 1000 });
    res.redirect(303, '/admin');
  });

  router.post('/admin/logout', express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
    requireSession(req);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/admin');
  });

  const limit = options?.uploadLimitBytes ?? 512 * 1024 * 1024;
  const upload = multer({
    storage: multer.diskStorage({ destination: (_req, _file, cb) => { fs.mkdirSync(uploadDir(), { recursive: true }); cb(null, uploadDir()); } }),
    limits: { fileSize: limit, files: 1, fields: 5 },
  });
  const uploadDir = () => path.join(options!.inbox, '.uploading');

  router.post('/admin/upload', (req, _res, next) => { requireSession(req); next(); }, (req, res, next) => {
    upload.single('extract')(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) return next(badRequest(error.code === 'LIMIT_FILE_SIZE' ? `the file is larger than the upload limit (${Math.round(limit / 1024 / 1024)} MB)` : `upload refused: ${error.message}`, 'extract'));
      next(error);
    });
  }, async (req, res) => {
    try {
      requireCsrf(req);
    } catch (error) {
      // The file was stored before the form's token could be read: a refused upload leaves nothing.
      if (req.file) fs.rmSync(req.file.path, { force: true });
      throw error;
    }
    const file = req.file;
    if (!file) throw badRequest('choose an extract file to upload', 'extract');
    const name = safeName(file.originalname);
    try {
      checkType(file.path, name);
      fs.mkdirSync(options!.inbox, { recursive: true });
      fs.renameSync(file.path, path.join(options!.inbox, name));
    } finally {
      fs.rmSync(file.path, { force: true });
    }
    deps.logger.info({ file: name, bytes: file.size }, 'extract uploaded to the inbox');
    res.redirect(303, withQuery('/admin', { uploaded: name }));
  });

  router.post('/admin/run', express.urlencoded({ extended: false, limit: '4kb' }), (req, res) => {
    requireSession(req);
    requireCsrf(req);
    if (!running) {
      running = options!.runNow()
        .catch((error: unknown) => deps.logger.error({ err: error }, 'run started from admin failed'))
        .finally(() => { running = null; });
    }
    res.redirect(303, '/admin?started=1');
  });

  function requireSession(req: Request) {
    if (!authenticated(req)) throw new HttpError(401, 'sign in with the admin token first');
  }
  function requireCsrf(req: Request) {
    const token = typeof req.body?.csrf === 'string' ? req.body.csrf : '';
    if (!same(token, sign('csrf'))) throw new HttpError(403, 'the form has expired; reload the admin page and try again');
  }

  async function sendAdmin(req: Request, res: Response, lang: Lang, state: { authenticated: boolean }) {
    const m = messages(lang);
    const base = layoutContext(lang, req, 'admin', m.admin.title, deps.minCell);
    if (!state.authenticated) {
      res.type('html').send(deps.renderer.render('admin', { ...base, admin: emptyView(limit) } as never));
      return;
    }
    const view = await adminView(req, lang, limit);
    res.type('html').send(deps.renderer.render('admin', { ...base, admin: { ...view, csrf: sign('csrf'), running: running !== null } } as never));
  }

  async function adminView(req: Request, lang: Lang, limitBytes: number): Promise<AdminView> {
    const m = messages(lang);
    const f = format(lang);
    const query = req.query as Record<string, unknown>;
    // Digits only and at most 9 of them: "1e20" is a number to JavaScript but no page of ours.
    if (query.page !== undefined && !/^[1-9]\d{0,8}$/.test(String(query.page))) throw badRequest(`invalid page: "${String(query.page)}" (a whole number from 1)`, 'page');
    const page = query.page === undefined ? 1 : Number(query.page);
    const fileFilter = typeof query.file === 'string' && query.file !== '' ? query.file : null;
    const view = emptyView(limitBytes);
    view.authenticated = true;
    view.notice = typeof query.uploaded === 'string' ? fill(m.admin.uploaded, { file: query.uploaded }) : query.started ? m.admin.started : undefined;
    view.runs = readRuns(options!.runsDir, m.admin.unreadableRecord).slice(0, 20).map((r) => ({
      id: r.run_id, status: r.status, error: r.error ?? '',
      started: r.run_id.slice(0, 15).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3 $4:$5:$6 UTC'),
      seconds: f.decimal((r.steps ?? []).reduce((s, x) => s + x.seconds, 0), 1),
      files: (r.files ?? []).map((x) => ({ name: x.file, status: x.status, read: f.integer(x.rows_read), loaded: f.integer(x.rows_loaded), quarantined: f.integer(x.rows_quarantined), error: x.error ?? '' })),
      coverage: Object.entries(r.coverage ?? {}).map(([name, value]) => ({ name: (m.admin.coverageNames as Record<string, string>)[name] ?? name, value: value === null ? m.common.missing : name.endsWith('_share') ? f.percent(value, 1) : f.integer(value) })),
    }));
    try {
      await deps.warehouse.withConnection(async ({ connection }) => {
      const files = await readRows<{ file_name: string }>(connection, 'SELECT DISTINCT file_name FROM quarantine ORDER BY file_name');
      view.quarantineFiles = files.map((x) => ({ name: x.file_name, selected: x.file_name === fileFilter }));
      const total = (await readRows<{ n: number }>(connection, 'SELECT count(*)::BIGINT AS n FROM quarantine WHERE $file IS NULL OR file_name = $file', { file: fileFilter }))[0].n;
      const rows = await readRows<{ file_name: string; line: number | null; column_name: string | null; value: string | null; reason: string }>(connection,
        `SELECT file_name, line, column_name, value, reason FROM quarantine WHERE $file IS NULL OR file_name = $file
         ORDER BY run_id DESC, file_name, line LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`, { file: fileFilter });
      view.quarantine = rows.map((r) => ({ file: r.file_name, line: r.line === null ? '' : f.integer(r.line), column: r.column_name ?? '', value: r.value ?? '', reason: r.reason }));
      view.quarantineTotal = f.integer(total);
      view.sources = await summariseSources(connection, f);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      view.quarantinePage = {
        label: fill(m.admin.pageOf, { page, pages }),
        previous: page > 1 ? withQuery('/admin', { file: fileFilter ?? undefined, page: page - 1 }) : undefined,
        next: page < pages ? withQuery('/admin', { file: fileFilter ?? undefined, page: page + 1 }) : undefined,
      };
      });
    } catch (error) {
      if (!(error instanceof HttpError && error.status === 503)) throw error;
    }
    return view;
  }

  return router;
}

function emptyView(limitBytes: number): AdminView {
  return {
    authenticated: false, csrf: '', running: false, runs: [], quarantine: [], quarantineFiles: [], quarantineTotal: '0',
    quarantinePage: { label: '' }, uploadLimit: `${Math.round(limitBytes / 1024 / 1024)} MB`, accepted: ACCEPTED, sources: [],
  };
}

interface RunRecord { run_id: string; status: string; error?: string; steps?: { seconds: number }[]; files?: { file: string; status: string; rows_read: number; rows_loaded: number; rows_quarantined: number; error: string | null }[]; coverage?: Record<string, number | null> }

/** The run records, newest first; a record that cannot be read (cut short, damaged) is listed as such. */
export function readRuns(dir: string, unreadable = 'the run record cannot be read'): RunRecord[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().reverse().map((f) => {
    try {
      const record = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as RunRecord;
      if (typeof record?.run_id !== 'string' || typeof record.status !== 'string') throw new Error('run_id or status missing');
      return record;
    } catch (error) {
      return { run_id: f.replace(/\.json$/, ''), status: 'unreadable', error: `${unreadable} (runs/${f}: ${(error as Error).message})` };
    }
  });
}

const signAdmin = (token: string, purpose: string) => createHmac('sha256', token).update(purpose).digest('base64url');

/** Signed in as staff: the admin session cookie, or the admin token as a bearer token (also for /match). */
export function isSignedIn(req: Request, token: string): boolean {
  const cookie = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([\\w-]+)`).exec(req.headers.cookie ?? '')?.[1];
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  return (cookie !== undefined && same(cookie, signAdmin(token, 'session'))) || (bearer !== undefined && same(bearer, token));
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The uploaded file's own name without any folder part or unusual characters. */
export function safeName(original: string): string {
  const base = path.basename(original.replace(/\\/g, '/')).replace(/[^\w.-]+/g, '_').replace(/^\.+/, '');
  if (!base) throw badRequest('the file has no usable name', 'extract');
  return base;
}

/** The extension must be one the pipeline reads, and the first bytes must fit it. */
export function checkType(file: string, name: string): void {
  const kind = formatOf(name);
  if (!kind || name.toLowerCase().endsWith('.json') || name.toLowerCase().endsWith('.txt')) throw badRequest(`"${name}" is not an extract type Sinergi reads (${ACCEPTED})`, 'extract');
  const head = Buffer.alloc(4096);
  const fd = fs.openSync(file, 'r');
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const bytes = head.subarray(0, n);
  if (n === 0) throw badRequest(`"${name}" is empty`, 'extract');
  const gz = name.toLowerCase().endsWith('.gz');
  const ok = gz ? bytes[0] === 0x1f && bytes[1] === 0x8b
    : kind === 'xlsx' ? bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
      : kind === 'parquet' ? bytes.subarray(0, 4).toString('latin1') === 'PAR1'
        : !bytes.includes(0);
  if (!ok) throw badRequest(`"${name}" does not contain what its name says (${kind}${gz ? ', gzip' : ''})`, 'extract');
}
