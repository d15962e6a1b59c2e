// Handlebars views: one layout (views/layout.hbs), partials for what every page shares
// (views/partials), a template per kind of page (views/pages). Templates are compiled once;
// every variable they receive is typed here. Handlebars escapes every {{value}}; only the
// chart SVG, which we draw ourselves, is inserted raw ({{{svg}}}).
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { translateReason, type Lang, type Messages } from './i18n.ts';
import type { PageBody } from './pages/page.ts';

export const VIEWS_DIR = path.join(import.meta.dirname, '../views');

export interface Option { value: string; label: string; selected: boolean }
export interface FilterField { name: string; label: string; options: Option[]; groups?: { label: string; options: Option[] }[]; /** The control's id when several share a name (f-<id>; f-<name> by default). */ id?: string }

/** Everything the layout and its partials read. */
export interface LayoutContext {
  lang: Lang;
  m: Messages;
  /** <title> text. */
  pageTitle: string;
  nav: { href: string; label: string; current: boolean }[];
  /** The same page in the other language. */
  otherLang: { href: string; label: string; lang: Lang };
  form?: { action: string; fields: FilterField[] };
  /** "Data as of …" and the months covered. */
  asOf: string;
  coverage: string;
  licence: { title: string; href: string };
  /** The withholding rule in one sentence (empty when withholding is off). */
  privacyNote: string;
  /** What the header's search box shows (the query on /search). */
  searchQuery?: string;
}

/** A dashboard page: the layout, what its figures are of (`scope`), and the page's body. */
export type PageContext = LayoutContext & { scope: string; body: PageBody };

export interface ErrorContext extends LayoutContext { status: number; heading: string; message: string }

export interface AdminContext extends LayoutContext { admin: import('./routes/admin.ts').AdminView }

/** match and match-print: the counsellor's desk (server/pages/match.ts). */
export interface MatchContext extends LayoutContext { match: import('./pages/match.ts').MatchView }

/** The data catalogue (/data): every dataset with its grain, row count, downloads and columns (server/routes/catalogue.ts). */
export interface CatalogueContext extends LayoutContext { catalogue: import('./routes/catalogue.ts').CatalogueView }

/** The API's human page (/api/v1): each dataset's endpoint with an example (server/routes/catalogue.ts). */
export interface ApiContext extends LayoutContext { api: import('./routes/catalogue.ts').ApiView }

/** Each template (views/pages/<name>.hbs) and the context it reads. */
export interface TemplateContexts {
  dashboard: PageContext;
  error: ErrorContext;
  admin: AdminContext;
  match: MatchContext;
  'match-print': MatchContext;
  catalogue: CatalogueContext;
  api: ApiContext;
}

export type Template = keyof TemplateContexts;
const TEMPLATES: Template[] = ['dashboard', 'error', 'admin', 'match', 'match-print', 'catalogue', 'api'];

/** A template rendered inside the layout, with the context its name calls for. */
export interface Renderer { render<T extends Template>(template: T, context: TemplateContexts[T]): string }

export function createRenderer(viewsDir = VIEWS_DIR): Renderer {
  const hbs = Handlebars.create();
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  // Display translation of stored codes: {{codeText table key}} is table[key] or the key itself.
  hbs.registerHelper('codeText', (table: Record<string, string> | undefined, key: string) => table?.[key] ?? key);
  hbs.registerHelper('reasonText', (lang: Lang, reason: string) => translateReason(String(reason ?? ''), lang));
  // Compiled here, not on first use (Handlebars' compile is lazy): the first page after a
  // start would otherwise pay for every template and partial (about 55 ms).
  const compile = (file: string) => hbs.template(new Function(`return ${hbs.precompile(fs.readFileSync(file, 'utf8'), { strict: false, preventIndent: true })}`)() as TemplateSpecification);
  const partials = path.join(viewsDir, 'partials');
  for (const file of fs.readdirSync(partials)) {
    if (file.endsWith('.hbs')) hbs.registerPartial(file.replace(/\.hbs$/, ''), compile(path.join(partials, file)));
  }
  const layout = compile(path.join(viewsDir, 'layout.hbs'));
  const pages = new Map<Template, HandlebarsTemplateDelegate>();
  for (const name of TEMPLATES) pages.set(name, compile(path.join(viewsDir, 'pages', `${name}.hbs`)));
  return {
    render(template, context) {
      const content = pages.get(template)!(context);
      return layout({ ...context, content });
    },
  };
}
