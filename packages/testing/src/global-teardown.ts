import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__SME_TEST_PG__ as { database: { stop(): Promise<void> }; dataDir: string } | undefined;
  if (!state) return;
  await state.database.stop();
  fs.rmSync(state.dataDir, { recursive: true, force: true });
}
