import { type Role } from '@sme/kernel';
export interface GraphQLResult<T = any> {
    status: number;
    data: T;
    errors?: {
        message: string;
        path?: (string | number)[];
        extensions: Record<string, any>;
    }[];
    /** SQL statements the request cost (subgraph header, summed by the gateway). */
    sqlStatements: number;
    headers: Headers;
}
/** One function per endpoint: `query(document, variables, token)`. */
export declare function graphqlClient(url: string): <T = any>(document: string, variables?: Record<string, unknown>, token?: string | null) => Promise<GraphQLResult<T>>;
/** A signed token for a role (and region or institution), as `npm run tokens` prints them. */
export declare function tokenFor(role: Role, scope?: {
    region?: string;
    institutionId?: string;
    id?: string;
}, expiresIn?: string | number): Promise<string>;
/** The first error's code, for terse assertions. */
export declare const errorCode: (result: GraphQLResult) => any;
