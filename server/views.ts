import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

/** Server-rendered pages: Handlebars views from server/views, compiled once, every value escaped. */
const hbs = Handlebars.create();
const VIEWS_DIR = path.join(__dirname, 'views');

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
