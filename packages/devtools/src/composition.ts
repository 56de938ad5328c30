import fs from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS, absolute, subgraphUrl } from './subgraph-list';

export const SUPERGRAPH_FILE = absolute('supergraph.graphql');

const run = promisify(execFile);

/** Each subgraph's SDL, printed by its own process. */
export async function subgraphSdls(): Promise<{ name: string; url: string; sdl: string }[]> {
  return Promise.all(
    SUBGRAPHS.map(async (s) => {
      const { stdout } = await run(process.execPath, [absolute('packages/devtools/dist/src/print-sdl.js'), absolute(s.definitionModule), s.definitionExport], { maxBuffer: 32 * 1024 * 1024 });
      return { name: s.name, url: subgraphUrl(s, 'localhost'), sdl: stdout };
    }),
  );
}

/** Composes the supergraph with @apollo/composition; errors name the subgraph and the conflict. */
export async function composeSupergraph(): Promise<{ supergraphSdl?: string; errors: string[] }> {
  const services = await subgraphSdls();
  const result = composeServices(services.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl, errors: [] };
}

export const committedSupergraph = () => (fs.existsSync(SUPERGRAPH_FILE) ? fs.readFileSync(SUPERGRAPH_FILE, 'utf8') : '');
