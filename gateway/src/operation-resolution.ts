import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * A document without the operation the request names (an unknown `operationName`, or several operations and no
 * name) is the caller's mistake. Apollo Server refuses it with HTTP 400 when it executes a schema itself, but
 * with a gateway it hands the request to the gateway's executor, which throws and becomes HTTP 500. This
 * refuses it first, the way Apollo does without a gateway (the shared formatter then reports BAD_USER_INPUT with
 * `reason: OPERATION_RESOLUTION_FAILURE`).
 */
export function operationResolutionPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}".`
            : 'Must provide operation name if query contains multiple operations.';
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
        },
      };
    },
  };
}
