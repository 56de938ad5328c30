import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The peer: Hive Gateway (`@graphql-hive/gateway`, MIT) serving the same committed supergraph.graphql on the
 * same subgraphs, as one process like ours (`--fork 1`). Only the subgraph URLs are rewritten, to where the
 * benchmark runs them (ours takes them as SUBGRAPH_URLS). Set as ours is: the caller's token goes on to every
 * subgraph, and in-flight request deduplication is off (Hive's HTTP transport has it on by default; Apollo
 * Gateway has none), so both send every fetch.
 */
export function hiveGatewayFiles(supergraphSdl: string, subgraphUrls: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-bench-hive-'));
  const rewritten = supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) =>
    subgraphUrls[name] ? `@join__graph(name: "${name}", url: "${subgraphUrls[name]}")` : whole,
  );
  const supergraphPath = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(supergraphPath, rewritten);
  const configPath = path.join(dir, 'gateway.config.mjs');
  fs.writeFileSync(
    configPath,
    `export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? undefined }),
  },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  logging: 'error',
};
`,
  );
  return { dir, supergraphPath, configPath, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The CLI's script and arguments for `port`; it is ready when `/readiness` answers 200. */
export function hiveGatewayCommand(files: ReturnType<typeof hiveGatewayFiles>, port: number) {
  const packageDir = path.dirname(require.resolve('@graphql-hive/gateway/package.json'));
  const script = path.join(packageDir, (require('@graphql-hive/gateway/package.json') as { bin: Record<string, string> }).bin['hive-gateway']);
  return { script, args: ['supergraph', files.supergraphPath, '--config-path', files.configPath, '--port', String(port), '--host', '127.0.0.1', '--fork', '1', '--polling', '1h', '--disable-websockets'] };
}
