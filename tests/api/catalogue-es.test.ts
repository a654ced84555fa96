/**
 * The Spanish catalogue is complete and current: every service the seed builds from Chicago's Open311
 * list, every group, question and choice has Spanish text, and nothing is translated that the
 * catalogue no longer has. Pure data: no database is touched.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/src/config.js';
import { QUESTIONS_ES, SERVICES_ES } from '../../api/src/seed/catalogue-es.js';
import { buildCatalogue, type OpenServiceCode } from '../../api/src/seed/catalogue.js';

const DATA_DIR = loadConfig().seedDataDir;
if (!DATA_DIR) throw new Error('No seed data folder: set STOOP_SEED_DATA or add ../shared/data');
const codes = JSON.parse(
  readFileSync(path.join(DATA_DIR, 'chicago_open311_service_codes.json'), 'utf8'),
) as OpenServiceCode[];
const catalogue = buildCatalogue(codes);

/**
 * Slugs whose Spanish name may equal the English one (a proper noun or a word both languages share).
 * None today; add a slug only with a comment saying why.
 */
const SAME_NAME_ALLOWED: ReadonlySet<string> = new Set<string>([]);

describe('Spanish catalogue', () => {
  it('names and describes every service, in words other than the English', () => {
    expect(catalogue.length).toBeGreaterThan(190);
    const missing = catalogue.filter((s) => !SERVICES_ES[s.slug]).map((s) => s.slug);
    expect(missing).toEqual([]);
    for (const service of catalogue) {
      const es = SERVICES_ES[service.slug]!;
      expect(es.name.trim(), service.slug).not.toBe('');
      expect(es.description.trim(), service.slug).not.toBe('');
      if (!SAME_NAME_ALLOWED.has(service.slug))
        expect(es.name, service.slug).not.toBe(service.name);
      expect(es.description, service.slug).not.toBe(service.description);
      // A description that only repeats the name says nothing.
      expect(es.description, service.slug).not.toBe(es.name);
    }
  });

  it('words every question and every choice', () => {
    for (const service of catalogue) {
      for (const question of service.attributes) {
        const where = `${service.slug}.${question.code}`;
        const es = QUESTIONS_ES[service.slug]?.[question.code];
        expect(es, where).toBeDefined();
        expect(es!.description.trim(), where).not.toBe('');
        const keys = question.values.map((v) => v.key).sort();
        expect(Object.keys(es!.values ?? {}).sort(), where).toEqual(keys);
        for (const key of keys) expect(es!.values![key]!.trim(), `${where}.${key}`).not.toBe('');
      }
    }
  });

  it('has no entries for services or questions the catalogue lacks', () => {
    const slugs = new Set(catalogue.map((s) => s.slug));
    expect(Object.keys(SERVICES_ES).filter((slug) => !slugs.has(slug))).toEqual([]);
    expect(Object.keys(QUESTIONS_ES).filter((slug) => !slugs.has(slug))).toEqual([]);
    for (const service of catalogue) {
      const codes = new Set(service.attributes.map((a) => a.code));
      const stale = Object.keys(QUESTIONS_ES[service.slug] ?? {}).filter((c) => !codes.has(c));
      expect(stale, service.slug).toEqual([]);
    }
    for (const slug of SAME_NAME_ALLOWED) expect(slugs.has(slug), slug).toBe(true);
  });

  it('reads as a resident would say it', () => {
    const bySlug = new Map(catalogue.map((s) => [s.slug, s]));
    expect(bySlug.get('pothole')?.name).toBe('Pothole in Street Complaint');
    expect(SERVICES_ES.pothole!.name.toLowerCase()).toContain('bache');
    expect(SERVICES_ES.alley_pothole!.name.toLowerCase()).toContain('callejón');
    expect(SERVICES_ES.street_light_out!.name.toLowerCase()).toContain('poste de luz');
    expect(SERVICES_ES.graffiti_removal!.name.toLowerCase()).toContain('grafiti');
    expect(SERVICES_ES.rats!.name.toLowerCase()).toContain('ratas');
    expect(SERVICES_ES.open_fire_hydrant!.name.toLowerCase()).toContain('hidrante');
    expect(SERVICES_ES.aircraft_noise!.description).toContain("O'Hare");
    expect(QUESTIONS_ES.stray_animal!.aggressive!.values).toEqual({ yes: 'Sí', no: 'No' });
    expect(QUESTIONS_ES.pothole!.depth!.description).toMatch(/^¿.+\?$/);
  });
});
