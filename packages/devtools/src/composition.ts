import fs from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { composeServices, type CompositionResult } from '@apollo/composition';
import { parse, Source } from 'graphql';
import { SUBGRAPHS, absolute, subgraphUrl } from './subgraph-list';

export const SUPERGRAPH_FILE = absolute('supergraph.graphql');

const run = promisify(execFile);

/** One subgraph's SDL as composition takes it. */
export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

/** Each subgraph's SDL, printed by its own process. */
export async function subgraphSdls(): Promise<SubgraphSdl[]> {
  return Promise.all(
    SUBGRAPHS.map(async (s) => {
      const { stdout } = await run(process.execPath, [absolute('packages/devtools/dist/src/print-sdl.js'), absolute(s.definitionModule), s.definitionExport], { maxBuffer: 32 * 1024 * 1024 });
      return { name: s.name, url: subgraphUrl(s, 'localhost'), sdl: stdout };
    }),
  );
}

/**
 * Composes SDLs already in hand with @apollo/composition. Each SDL is parsed as a source named after its
 * subgraph, so an error's nodes say which subgraph they come from.
 */
export function composeSubgraphSdls(services: readonly SubgraphSdl[]): CompositionResult {
  return composeServices(services.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(new Source(s.sdl, s.name)) })));
}

/** Composes the supergraph with @apollo/composition; errors name the subgraph and the conflict. */
export async function composeSupergraph(): Promise<{ supergraphSdl?: string; errors: string[] }> {
  const result = composeSubgraphSdls(await subgraphSdls());
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl, errors: [] };
}

export const committedSupergraph = () => (fs.existsSync(SUPERGRAPH_FILE) ? fs.readFileSync(SUPERGRAPH_FILE, 'utf8') : '');
