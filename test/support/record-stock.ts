/**
 * Records made ahead in batches: what must cross the event stream before it can be used (an institution a
 * subgraph has to learn, a recommendation the province has to receive) costs one wait per batch rather than
 * one per record. Each record is handed out once; when the stock runs out, `make` is asked for one more.
 */
export function recordStock<T>(make: (count: number) => Promise<T[]>) {
  const stock: T[] = [];
  return {
    /** Makes `count` records now. */
    async fill(count: number): Promise<void> {
      if (count > 0) stock.push(...(await make(count)));
    },
    /** A record no one has taken before. */
    async take(): Promise<T> {
      if (stock.length === 0) await this.fill(1);
      return stock.shift()!;
    },
  };
}
