import { GraphQLError } from 'graphql';

/**
 * The stable error codes of the public API (SPEC §2 Errors). Clients switch on `extensions.code`;
 * the message is for people and carries Chinese and English.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INVALID_CREDIT_CODE: 'INVALID_CREDIT_CODE',
  NOT_FOUND: 'NOT_FOUND',
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  DEADLINE_PASSED: 'DEADLINE_PASSED',
  REENTRY_BANNED: 'REENTRY_BANNED',
  CONFLICT: 'CONFLICT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A bilingual text: every message a person reads is given in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

export const bilingual = (text: Bilingual): string => `${text.zh} / ${text.en}`;

/**
 * A refusal. It is a GraphQLError so that it keeps its code wherever graphql-js reports it
 * (resolvers, scalar parsing, validation), and `formatError` can find it again in a wrapped error.
 */
export class DomainError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, text: Bilingual, details: Record<string, unknown> = {}) {
    super(bilingual(text), { extensions: { code, messageZh: text.zh, messageEn: text.en, ...details } });
    this.code = code;
    this.name = 'DomainError';
  }
}

export const badInput = (text: Bilingual, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, text, details);

export const notFound = (what: Bilingual, key: string) =>
  new DomainError(
    ErrorCode.NOT_FOUND,
    { zh: `未找到${what.zh}：${key}`, en: `${what.en} not found: ${key}` },
    { key },
  );

export const conflict = (text: Bilingual, details: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.CONFLICT, text, details);

export const unauthenticated = (reason: Bilingual) => new DomainError(ErrorCode.UNAUTHENTICATED, reason);

export const forbidden = (reason: Bilingual) => new DomainError(ErrorCode.FORBIDDEN, reason);

/** Walks an error's `originalError` chain to the DomainError that caused it, if any. */
export function findDomainError(error: unknown): DomainError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    if (current instanceof DomainError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}
