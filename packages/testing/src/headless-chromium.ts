import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { extract } from 'tar-fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Headless Chromium for end-to-end tests of the gateway's pages, from the npm registry alone: CI is a clean
 * machine that runs `npm ci && npm test`, where a test tool's own browser download (`npx playwright install`,
 * `npm install puppeteer`) cannot reach its host and no system Chromium is installed.
 *
 * `@sparticuz/chromium` ships a headless Chromium for Linux x64 inside the npm package, brotli-compressed, with
 * the few shared libraries it needs beyond glibc (NSS, NSPR, expat: `al2023.tar.br`) and a font. They are
 * unpacked once per version into the temporary directory (into a fresh folder renamed into place when complete,
 * so an interrupted or concurrent unpack never leaves a half-written browser behind), and the browser runs with
 * those libraries first on its library path: it starts on a machine that has none of them. playwright-core drives
 * it (no browser download of its own).
 *
 * Elsewhere (another platform or architecture) `/usr/bin/chromium` is used when present; `CHROMIUM_PATH` names any
 * other binary.
 */

/**
 * As root with no display, no GPU, no sandbox; nothing of Chromium's own that talks to the network (component
 * updates, sync, field trials, QUIC probes), since a closed network refuses it many times a second.
 */
const LAUNCH_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface ChromiumBinary {
  executablePath: string;
  /** The browser process's environment: the unpacked libraries and fonts, where they come from the package. */
  env: Record<string, string>;
  /** Where it came from, for a test's report. */
  source: string;
}

/** The package's files: its entry point is `build/cjs/index.cjs`, the compressed browser is in `bin/`. */
function sparticuzPackage(): { dir: string; version: string } | null {
  let entry: string;
  try {
    entry = require.resolve('@sparticuz/chromium');
  } catch {
    return null;
  }
  const dir = path.resolve(path.dirname(entry), '..', '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string };
  return { dir, version };
}

const unbrotli = (file: string) => [fs.createReadStream(file), createBrotliDecompress()] as const;

/** Unpacks the package's browser, libraries and font into `target` (a fresh folder, to be renamed `final`). */
async function unpack(bin: string, target: string, final: string): Promise<void> {
  await pipeline(...unbrotli(path.join(bin, 'chromium.br')), fs.createWriteStream(path.join(target, 'chromium'), { mode: 0o755 }));
  await pipeline(...unbrotli(path.join(bin, 'al2023.tar.br')), extract(target)); // lib/libnss3.so, …
  await pipeline(...unbrotli(path.join(bin, 'fonts.tar.br')), extract(path.join(target, 'fonts')));
  // the package's fonts.conf names the serverless folders it unpacks into; this one names ours and the system's
  fs.writeFileSync(
    path.join(target, 'fonts.conf'),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>/usr/share/fonts</dir>\n  <dir>${path.join(final, 'fonts')}</dir>\n  <cachedir>${path.join(final, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
  );
}

async function sparticuzChromium(): Promise<ChromiumBinary | null> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const pkg = sparticuzPackage();
  if (!pkg) return null;
  const dir = path.join(os.tmpdir(), `sme-chromium-${pkg.version}`);
  if (!fs.existsSync(path.join(dir, 'chromium'))) {
    const partial = fs.mkdtempSync(`${dir}.partial-`);
    try {
      await unpack(path.join(pkg.dir, 'bin'), partial, dir);
      fs.chmodSync(partial, 0o755); // mkdtemp's folder is private; other users of the machine run the same browser
      fs.renameSync(partial, dir);
    } catch (error) {
      fs.rmSync(partial, { recursive: true, force: true });
      // another process may have renamed its complete copy into place first: use that one
      if (!fs.existsSync(path.join(dir, 'chromium'))) throw error;
    }
  }
  const libraries = path.join(dir, 'lib');
  return {
    executablePath: path.join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [libraries, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_PATH: dir,
    },
    source: `@sparticuz/chromium ${pkg.version}`,
  };
}

/** The browser binary to drive: CHROMIUM_PATH, else the npm package's, else Debian's `/usr/bin/chromium`. */
export async function chromiumBinary(): Promise<ChromiumBinary> {
  if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, env: {}, source: `CHROMIUM_PATH (${process.env.CHROMIUM_PATH})` };
  const packaged = await sparticuzChromium();
  if (packaged) return packaged;
  if (fs.existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', env: {}, source: '/usr/bin/chromium' };
  throw new Error(
    `no Chromium for ${process.platform}-${process.arch}: @sparticuz/chromium ships Linux x64 only; install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH`,
  );
}

export interface HeadlessChromium {
  browser: Browser;
  source: string;
  close(): Promise<void>;
}

/** One headless browser (a test file launches one and opens its pages in it); playwright gives it a fresh profile. */
export async function launchHeadlessChromium(): Promise<HeadlessChromium> {
  const binary = await chromiumBinary();
  const browser = await chromium.launch({
    executablePath: binary.executablePath,
    headless: true,
    args: LAUNCH_FLAGS,
    env: { ...(process.env as Record<string, string>), ...binary.env },
  });
  return { browser, source: binary.source, close: () => browser.close() };
}
