/**
 * The scale data's only source of chance: a seeded PRNG (sfc32, seeded from a cyrb128 hash of the seed and a label
 * and then the record's numbers), so the same seed gives the same rows, ids included. Each area and each record
 * draws from its own stream (`prng(seed, 'shanxi.members', memberIndex)`): a change to one area's draws never
 * shifts another's, and record n is the same whatever the total.
 */

/** cyrb128: four 32-bit words from a string (public domain hash, good enough to seed a PRNG). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** murmur3's finaliser: spreads a number's bits over a word. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const HEX = '0123456789abcdef';
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => HEX[i >>> 4] + HEX[i & 15]);

/** One stream. A plain object with its state; the methods are the draws. */
export class Prng {
  constructor(private a: number, private b: number, private c: number, private d: number) {
    for (let i = 0; i < 12; i++) this.u32(); // let the state mix before the first draw
  }

  /** sfc32 */
  u32(): number {
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the entries, by weight (weights need not sum to 1). */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /** k distinct items, in the order drawn. */
  sample<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < k && pool.length > 0; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }

  /** Lower-case hex, `length` digits (built with join: a flat string, not a rope of one-character pieces). */
  hex(length: number): string {
    const bytes: string[] = [];
    for (let digits = 0; digits < length; digits += 8) {
      const w = this.u32();
      bytes.push(HEX_BYTES[w >>> 24], HEX_BYTES[(w >>> 16) & 255], HEX_BYTES[(w >>> 8) & 255], HEX_BYTES[w & 255]);
    }
    const out = bytes.join('');
    return out.length === length ? out : out.slice(0, length);
  }

  /** A version-4-shaped UUID made of the stream's bits (never crypto-random: the same seed gives the same id). */
  uuid(): string {
    const h = this.hex(32);
    const variant = HEX[8 + (parseInt(h[16], 16) & 3)];
    return [h.slice(0, 8), h.slice(8, 12), `4${h.slice(13, 16)}`, `${variant}${h.slice(17, 20)}`, h.slice(20, 32)].join('-');
  }
}

const labelHashes = new Map<string, [number, number, number, number]>();

/**
 * A stream for `seed`, a label and the record's keys (`prng(seed, 'hebei.appointments', 42)`). The seed and label
 * are hashed once; numbers are mixed in arithmetically, strings (ids) hashed.
 */
export function prng(seed: string, label: string, ...keys: (string | number)[]): Prng {
  const base = `${seed}\u0000${label}`;
  let words = labelHashes.get(base);
  if (!words) {
    words = cyrb128(base);
    labelHashes.set(base, words);
  }
  let [a, b, c, d] = words;
  for (const key of keys) {
    if (typeof key === 'number') {
      const lo = key >>> 0;
      const hi = Math.floor(key / 4294967296) >>> 0;
      a = mix(a ^ lo);
      b = mix(b ^ Math.imul(lo, 0x9e3779b1) ^ hi);
      c = mix(c ^ a);
      d = mix(d ^ b ^ 0x632be5ab);
    } else {
      const [x, y, z, w] = cyrb128(key);
      a = mix(a ^ x);
      b = mix(b ^ y);
      c = mix(c ^ z);
      d = mix(d ^ w);
    }
  }
  return new Prng(a, b, c, d);
}
