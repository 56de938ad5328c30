import { DomainError, ErrorCode, EXPLORER_ROLES, badInput, type AuthUser, type Bilingual } from '@sme/kernel';
import { documentHash, type PersistedOperationManifest } from './persisted-operation-manifest';

/**
 * Persisted operations on the wire. A client names a manifest document by its hash instead of sending it, in
 * either of two forms:
 * - Apollo's, which Apollo Client's persisted-queries link sends:
 *   `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"<hex>"}}}`;
 * - GraphQL over HTTP's persisted documents: `{"documentId":"sha256:<hex>"}`.
 * Both work in a POST body, in each operation of a batch, and as GET parameters. The gateway puts the manifest's
 * document in `query` before Apollo sees the request; Apollo's own automatic persisted queries are off (see
 * server.ts), so the manifest is the only place a hash can come from.
 *
 * Modes (PERSISTED_OPERATIONS):
 * - `allow` (default): hashes and free-form documents both run;
 * - `require`: only manifest documents run, except for ANALYST and ADMIN callers exploring (free-form documents
 *   from anyone else: FORBIDDEN, reason PERSISTED_OPERATION_REQUIRED);
 * - `off`: the manifest is not loaded and a hash is refused (PERSISTED_QUERY_NOT_SUPPORTED).
 * A free-form document whose text is a manifest document counts as persisted: it is the same operation.
 */

export type PersistedOperationsMode = 'off' | 'allow' | 'require';

export const PERSISTED_OPERATIONS_MODES: readonly PersistedOperationsMode[] = ['off', 'allow', 'require'];

/** PERSISTED_OPERATIONS, `allow` when unset; any other value stops the gateway at startup. */
export function persistedOperationsModeFromEnv(env: NodeJS.ProcessEnv = process.env): PersistedOperationsMode {
  const raw = env.PERSISTED_OPERATIONS?.trim();
  if (!raw) return 'allow';
  if (!(PERSISTED_OPERATIONS_MODES as readonly string[]).includes(raw)) {
    throw new Error(`PERSISTED_OPERATIONS must be one of ${PERSISTED_OPERATIONS_MODES.join(', ')}, got "${raw}"`);
  }
  return raw as PersistedOperationsMode;
}

/** One operation as a client sent it: a POST body, one element of a batch, or a GET's parameters. */
export interface OperationRequest {
  query?: unknown;
  operationName?: unknown;
  extensions?: unknown;
  documentId?: unknown;
  [field: string]: unknown;
}

export type PersistedResolution = { operation: OperationRequest } | { error: DomainError };

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

function refusal(reason: string, text: Bilingual, details: Record<string, unknown>): { error: DomainError } {
  return { error: badInput(text, { reason, ...details }) };
}

/**
 * The operation to run: the request itself when it names no hash; else the manifest's document for the hash, or
 * (Apollo's registration form: a document with its hash) the document sent, once its hash is checked. Either
 * way the persisted-query fields are removed, since Apollo would refuse them. `details` (a batch position) go
 * into any refusal.
 */
export function resolvePersistedOperation(
  request: OperationRequest,
  mode: PersistedOperationsMode,
  manifest: PersistedOperationManifest,
  details: Record<string, unknown> = {},
): PersistedResolution {
  const extensions = isRecord(request.extensions) ? request.extensions : undefined;
  const persistedQuery = extensions?.persistedQuery;
  if (persistedQuery === undefined && request.documentId === undefined) return { operation: request };

  let hash: string | undefined;
  if (request.documentId !== undefined) {
    const match = typeof request.documentId === 'string' ? /^sha256:(.+)$/.exec(request.documentId) : null;
    if (persistedQuery !== undefined || !match || !HEX_SHA256.test(match[1])) {
      return refusal('INVALID_PERSISTED_QUERY', {
        zh: 'documentId 应为 “sha256:<64 位十六进制>”，且不能与 persistedQuery 扩展同时使用',
        en: 'documentId must be "sha256:<64 hex digits>", and not be sent with the persistedQuery extension',
      }, details);
    }
    hash = match[1].toLowerCase();
  } else {
    const pq = isRecord(persistedQuery) ? persistedQuery : {};
    if (pq.version !== 1 || typeof pq.sha256Hash !== 'string' || !HEX_SHA256.test(pq.sha256Hash)) {
      return refusal('INVALID_PERSISTED_QUERY', {
        zh: 'persistedQuery 扩展应为 {"version": 1, "sha256Hash": "<64 位十六进制>"}',
        en: 'The persistedQuery extension must be {"version": 1, "sha256Hash": "<64 hex digits>"}',
      }, details);
    }
    hash = pq.sha256Hash.toLowerCase();
  }

  const { documentId: _documentId, ...rest } = request;
  const operation: OperationRequest = rest;
  if (extensions) {
    const { persistedQuery: _persistedQuery, ...otherExtensions } = extensions;
    operation.extensions = otherExtensions;
  }

  if (typeof request.query === 'string' && request.query !== '') {
    if (documentHash(request.query) !== hash) {
      return refusal('PERSISTED_QUERY_HASH_MISMATCH', { zh: '所给哈希与查询文本的 sha256 不符', en: 'The hash sent is not the sha256 of the query sent' }, { ...details, hash });
    }
    return { operation };
  }
  if (mode === 'off') {
    return refusal('PERSISTED_QUERY_NOT_SUPPORTED', {
      zh: '本服务未启用持久化操作，请发送查询文本',
      en: 'Persisted operations are off on this server: send the query text',
    }, { ...details, hash });
  }
  const document = manifest.get(hash);
  if (document === undefined) {
    return refusal('PERSISTED_QUERY_NOT_FOUND', {
      zh: '未找到该哈希对应的持久化操作（清单中没有）',
      en: 'No persisted operation has this hash (it is not in the manifest)',
    }, { ...details, hash });
  }
  return { operation: { ...operation, query: document } };
}

/** Whether a document is one of the manifest's (sent by hash, or sent as the very same text). */
export const isPersisted = (query: string, manifest: PersistedOperationManifest): boolean => manifest.has(documentHash(query));

/** May this caller send free-form documents in `require` mode: the explorer's users only. */
export const mayExplore = (user: AuthUser | null): boolean => !!user && EXPLORER_ROLES.includes(user.role);

/** `require` mode's refusal of a free-form document sent by a caller who may not explore. */
export function persistedOperationRequired(details: Record<string, unknown> = {}): DomainError {
  return new DomainError(
    ErrorCode.FORBIDDEN,
    {
      zh: '本服务只执行已登记的持久化操作（按哈希发送）；分析人员或管理员可发送任意查询',
      en: 'This server runs registered persisted operations only (send their hash); ANALYST or ADMIN tokens may send any query',
    },
    { reason: 'PERSISTED_OPERATION_REQUIRED', ...details },
  );
}
