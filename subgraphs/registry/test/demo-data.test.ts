import { checkCreditCode, provinceOf } from '@sme/kernel';
import { openDatabase, migrate } from '@sme/kernel';
import { createTestDatabase } from '@sme/testing';
import { registry } from '../src/server';
import { loadDemoData } from '../src/demo-data';

describe('demo data', () => {
  it('loads real-looking institutions with valid credit codes in all five jurisdictions, once', async () => {
    const orm = await openDatabase({ schema: 'registry', entities: registry.entities, migrations: registry.migrations, url: await createTestDatabase() });
    try {
      await migrate(orm);
      expect(await loadDemoData(orm.em.fork())).toBe(24);
      expect(await loadDemoData(orm.em.fork())).toBe(0); // a second start keeps what is there
      const rows: { credit_code: string; region_code: string }[] = await orm.em.fork().execute('select credit_code, region_code from registry.institutions');
      for (const row of rows) expect(checkCreditCode(row.credit_code)).toEqual({ valid: true, warnings: [] });
      const provinces = new Set(rows.map((r) => provinceOf(r.region_code)));
      expect(provinces).toEqual(new Set(['140000', '130000', '370000', '640000']));
      expect(rows.filter((r) => r.region_code.startsWith('1401')).length).toBeGreaterThanOrEqual(4); // Taiyuan
      const facts = await orm.em.fork().execute('select count(*)::int as n from registry.annual_facts');
      expect(facts[0].n).toBe(24 * 3);
    } finally {
      await orm.close(true);
    }
  });
});
