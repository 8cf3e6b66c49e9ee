import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Response } from 'express';
import Handlebars from 'handlebars';
import { ROLE_LABELS, type Principal } from './auth/principal';
import { formatInstant } from './format';
import { svCount, svInteger } from '../domain/text';

/**
 * Server-rendered pages: Handlebars views from server/views, compiled once, every value escaped.
 * `_name.hbs` are partials; `layout.hbs` wraps every page (skip link, header, navigation, lang="sv").
 */
const hbs = Handlebars.create();
const VIEWS_DIR = path.join(__dirname, 'views');

hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
/** `{{tid at}}`: an instant as Stockholm local time ("2026-12-02 02:53"), never the UTC ISO string a record holds. */
hbs.registerHelper('tid', (iso: unknown) => (typeof iso === 'string' ? formatInstant(iso) : ''));
/** `{{tal n}}`: "20 000"; `{{antal n "ärende" "ärenden"}}`: "1 ärende", "2 ärenden" (sv-SE grouping, singular for one). */
hbs.registerHelper('tal', (n: unknown) => (typeof n === 'number' ? svInteger(n) : (n ?? '')));
hbs.registerHelper('antal', (n: unknown, singular: unknown, plural: unknown) => (typeof n === 'number' ? svCount(n, String(singular), String(plural)) : ''));
hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));

const compiled = new Map<string, Handlebars.TemplateDelegate>();
for (const file of readdirSync(VIEWS_DIR)) {
  if (!file.endsWith('.hbs')) continue;
  const name = file.slice(0, -4);
  const template = hbs.compile(readFileSync(path.join(VIEWS_DIR, file), 'utf8'), { strict: false });
  if (name.startsWith('_')) hbs.registerPartial(name.slice(1), template);
  else compiled.set(name, template);
}

export function renderView(name: string, data: Record<string, unknown>): string {
  const template = compiled.get(name);
  if (!template) throw new Error(`Okänd vy: ${name}`);
  return template(data);
}

export type NavKey = 'mina' | 'arenden' | 'ny' | 'sammantraden' | 'moten' | 'planering' | 'skr' | 'earkiv' | 'none';

export interface PageData extends Record<string, unknown> {
  title: string;
  nav?: NavKey;
}

/** Renders a page inside the layout, with the signed-in user and the CSRF token from the request. */
export function renderPage(res: Response, view: string, data: PageData, status = 200): void {
  const principal = res.locals.principal as Principal | undefined;
  const kommunName = res.locals.kommunName as ((k: string) => string | undefined) | undefined;
  const shared = {
    ...data,
    csrfToken: res.locals.csrfToken,
    user: principal
      ? {
          name: principal.name,
          roleLabel: ROLE_LABELS[principal.role],
          kommun: principal.kommunkod ? (kommunName?.(principal.kommunkod) ?? principal.kommunkod) : 'Alla kommuner',
          canRegister: principal.role === 'namndsekreterare' || principal.role === 'handlaggare',
          canArchive: principal.role === 'namndsekreterare',
          isSkr: principal.role === 'skr_admin',
        }
      : undefined,
    nav: { [data.nav ?? 'none']: true },
  };
  const body = renderView(view, shared);
  // Pages hold personal and case data: never stored by the browser or a proxy (shared computers, back after sign-out).
  res
    .status(status)
    .type('html')
    .set('Cache-Control', 'no-store')
    .send(renderView('layout', { ...shared, body }));
}
