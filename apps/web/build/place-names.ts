// Writes the names of the catalogue's States (`place.<ISO3>`) and of the UN M49 regions
// (`region.<code>`) into every locale file, from CLDR as Node's full ICU carries it. Browsers ship
// region names for fewer languages (Chromium has none for Khmer, Burmese or Lao) and none for M49
// regions, so the names travel with the interface texts. English keeps the catalogue's UN names.
// Run after adding a State or a language: npm run places -w apps/web
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

type Messages = Record<string, unknown> & { place?: Record<string, string>; region?: Record<string, string> };

const here = (path: string) => new URL(path, import.meta.url);
const places = JSON.parse(readFileSync(here('../src/places.json'), 'utf8')) as { states: Record<string, string>; regions: Record<string, string> };
const english = JSON.parse(readFileSync(here('../src/locales/en.json'), 'utf8')) as Messages;
const catalogueNames: Record<string, string | undefined> = Object.fromEntries(
  [...readFileSync(here('../../../packages/db/src/seed/briefing-paper.ts'), 'utf8').matchAll(/iso3: '([A-Z]{3})',\s*name: (?:'([^']+)'|"([^"]+)"),\s*region:/g)].map((m): [string, string] => [m[1] ?? '', m[2] ?? m[3] ?? '']),
);

for (const file of readdirSync(here('../src/locales/'))) {
  const tag = file.replace(/\.json$/, '');
  const path = here(`../src/locales/${file}`);
  const messages = JSON.parse(readFileSync(path, 'utf8')) as Messages;
  const names = new Intl.DisplayNames([tag], { type: 'region', fallback: 'none' });
  messages.place = Object.fromEntries(
    Object.entries(places.states).map(([iso3, alpha2]) => [iso3, (tag === 'en' ? catalogueNames[iso3] : undefined) ?? names.of(alpha2) ?? '']),
  );
  messages.region = Object.fromEntries(
    Object.entries(places.regions).map(([name, code]) => [code, tag === 'en' ? name : (names.of(code) ?? english.region?.[code] ?? name)]),
  );
  for (const [key, value] of Object.entries({ ...messages.place, ...messages.region })) if (!value) throw new Error(`${tag}: no CLDR name for ${key}`);
  writeFileSync(path, `${JSON.stringify(messages, null, 2)}\n`);
}
console.log('place and region names written');
