import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder up with a package.json that declares the workspaces. */
function findRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).workspaces) return dir;
  }
  throw new Error('repository root not found');
}

export const ROOT = findRoot();

export interface SubgraphEntry {
  name: string;
  /** Default local port; the gateway is 4000. */
  port: number;
  dir: string;
  /** The module (compiled) that exports the subgraph's definition, and the export's name. */
  definitionModule: string;
  definitionExport: string;
}

/** Every subgraph of the supergraph: start, compose and the tests all read this one list. */
export const SUBGRAPHS: SubgraphEntry[] = [
  { name: 'registry', port: 4001, dir: 'subgraphs/registry', definitionModule: 'subgraphs/registry/dist/src/server.js', definitionExport: 'registry' },
  { name: 'shanxi', port: 4002, dir: 'subgraphs/shanxi', definitionModule: 'subgraphs/shanxi/dist/src/server.js', definitionExport: 'shanxi' },
  { name: 'hebei', port: 4003, dir: 'subgraphs/hebei', definitionModule: 'subgraphs/hebei/dist/src/server.js', definitionExport: 'hebei' },
  { name: 'taiyuan', port: 4004, dir: 'subgraphs/taiyuan', definitionModule: 'subgraphs/taiyuan/dist/src/server.js', definitionExport: 'taiyuan' },
  { name: 'shandong', port: 4005, dir: 'subgraphs/shandong', definitionModule: 'subgraphs/shandong/dist/src/server.js', definitionExport: 'shandong' },
  { name: 'ningxia', port: 4006, dir: 'subgraphs/ningxia', definitionModule: 'subgraphs/ningxia/dist/src/server.js', definitionExport: 'ningxia' },
];

export const subgraphUrl = (entry: SubgraphEntry, host = '127.0.0.1') => `http://${host}:${entry.port}/graphql`;
export const absolute = (relative: string) => path.join(ROOT, relative);
