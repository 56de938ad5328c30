/** A new, empty database on the test server, for one test file. */
export declare function createTestDatabase(): Promise<string>;
/** Row count and content checksum of every table in a schema: compared before and after a refused request. */
export declare function schemaChecksums(databaseUrl: string, schema: string): Promise<Record<string, string>>;
