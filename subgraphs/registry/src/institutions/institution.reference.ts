import type { Context } from '../context';

/**
 * Other subgraphs hand the gateway `{ id }` or `{ creditCode }` references; `_entities` resolves a whole batch
 * through the request's loaders, one statement per key kind.
 */
export const institutionReference = {
  Institution: {
    __resolveReference(reference: { id?: string; creditCode?: string }, ctx: Context) {
      if (reference.id) return ctx.loaders.institutionById.load(reference.id);
      if (reference.creditCode) return ctx.loaders.institutionByCreditCode.load(reference.creditCode);
      return null;
    },
  },
};
