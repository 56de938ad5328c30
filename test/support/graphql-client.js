"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.errorCode = void 0;
exports.graphqlClient = graphqlClient;
exports.tokenFor = tokenFor;
const kernel_1 = require("@sme/kernel");
/** One function per endpoint: `query(document, variables, token)`. */
function graphqlClient(url) {
    return async function query(document, variables, token) {
        const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify({ query: document, variables }),
        });
        const body = (await response.json());
        return { status: response.status, data: body.data, errors: body.errors, sqlStatements: Number(response.headers.get('x-sql-statements')), headers: response.headers };
    };
}
/** A signed token for a role (and region or institution), as `npm run tokens` prints them. */
function tokenFor(role, scope = {}, expiresIn = '1h') {
    const user = {
        id: scope.id ?? `test-${role.toLowerCase()}-${scope.region ?? scope.institutionId ?? 'all'}`,
        name: `测试 ${role}`,
        role,
        region: scope.region ?? null,
        institutionId: scope.institutionId ?? null,
        panel: null,
    };
    return (0, kernel_1.signToken)(user, expiresIn);
}
/** The first error's code, for terse assertions. */
const errorCode = (result) => result.errors?.[0]?.extensions.code;
exports.errorCode = errorCode;
//# sourceMappingURL=graphql-client.js.map