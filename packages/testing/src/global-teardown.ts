import fs from 'node:fs';
import { dropTemplateDatabase } from './template-database';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__SME_TEST_PG__ as
    | { database?: { stop(): Promise<void> }; dataDir?: string; serverUrl: string; template?: string; pool?: { close(): Promise<void> } }
    | undefined;
  if (!state) return;
  await state.pool?.close(); // before the server: its processes hold connections
  if (state.database) {
    await state.database.stop();
    if (state.dataDir) fs.rmSync(state.dataDir, { recursive: true, force: true });
  } else if (state.template) {
    // a server the run did not start keeps its test databases as before, but not the run's template
    await dropTemplateDatabase(state.serverUrl, state.template);
  }
}
