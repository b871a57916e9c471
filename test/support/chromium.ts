// Finds (or installs, with Debian's apt) a real Chromium and drives it headless, so tests can
// see an HTML report the way a browser parses and paints it: a DOM dump and a decoded screenshot.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';

const binaryNames = ['chromium', 'chromium-browser'];

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function locate(): string | undefined {
  const chosen = process.env.HOOKLINE_CHROMIUM;
  if (chosen) {
    if (!existsSync(chosen)) throw new Error(`HOOKLINE_CHROMIUM is set to ${chosen}, which does not exist; point it at a Chromium or Chrome binary or unset it`);
    return chosen;
  }
  for (const name of binaryNames) {
    const found = onPath(name) ?? (existsSync(`/usr/bin/${name}`) ? `/usr/bin/${name}` : undefined);
    if (found) return found;
  }
  return undefined;
}

function apt(args: string[]): void {
  // Wait for other apt users instead of failing on the dpkg lock; never prompt.
  execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 20 * 60_000,
  });
}

function stderrOf(err: unknown): string {
  const e = err as { stderr?: Buffer | string; message?: string };
  return `${e.stderr?.toString().trim() || e.message || String(err)}`;
}

function install(): void {
  if (process.getuid?.() !== 0) {
    throw new Error('Chromium is not installed and this test is not running as root, so it cannot install it: run `apt-get install -y chromium` (Debian), put a `chromium` binary on PATH, or set HOOKLINE_CHROMIUM to a Chromium or Chrome binary');
  }
  try {
    apt(['install', '-y', '--no-install-recommends', 'chromium']);
  } catch (first) {
    // A fresh image has no package lists yet; fetch them once and retry.
    try {
      apt(['update']);
      apt(['install', '-y', '--no-install-recommends', 'chromium']);
    } catch (second) {
      throw new Error(`could not install Chromium with apt-get (first attempt: ${stderrOf(first)}; after apt-get update: ${stderrOf(second)}); install the Debian package 'chromium' by hand or set HOOKLINE_CHROMIUM to a Chromium or Chrome binary`);
    }
  }
}

let cached: string | undefined;

/** Path of a Chromium binary ($HOOKLINE_CHROMIUM, else on PATH), installing Debian's `chromium` package on first use if needed. */
export function chromiumPath(): string {
  if (cached) return cached;
  let found = locate();
  if (!found) {
    install();
    found = locate();
    if (!found) throw new Error(`apt-get installed 'chromium' but none of ${binaryNames.join(', ')} is on PATH or in /usr/bin`);
  }
  cached = found;
  return found;
}

/** Runs headless Chromium on a local HTML file with a throwaway profile; returns its stdout. */
function runHeadless(htmlFile: string, extraArgs: string[]): string {
  const profile = mkdtempSync(join(tmpdir(), 'hookline-chromium-'));
  try {
    return execFileSync(chromiumPath(), [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--hide-scrollbars', `--user-data-dir=${profile}`,
      ...extraArgs, pathToFileURL(htmlFile).href,
    ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    throw new Error(`headless Chromium failed on ${htmlFile}: ${stderrOf(err)}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The document as Chromium parsed it (after any script ran), serialised back to HTML. */
export function dumpDom(htmlFile: string): string {
  return runHeadless(htmlFile, ['--dump-dom']);
}

/** A decoded screenshot: 8-bit RGBA, row after row. */
export interface Screenshot {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** The value Paeth prediction picks among left, up and up-left (PNG spec, filter type 4). */
function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const [dl, du, dul] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
  return dl <= du && dl <= dul ? left : du <= dul ? up : upLeft;
}

/** Decodes the 8-bit, non-interlaced RGB or RGBA PNGs Chromium writes; rejects anything else. */
export function decodePng(png: Buffer, name = 'PNG'): Screenshot {
  if (png.subarray(0, 8).toString('latin1') !== '\x89PNG\r\n\x1a\n') throw new Error(`${name} is not a PNG file (bad signature)`);
  let width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colourType, interlace] = [data[8], data[9], data[12]];
      if (depth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0) {
        throw new Error(`${name}: only 8-bit non-interlaced RGB/RGBA is supported (depth ${depth}, colour type ${colourType}, interlace ${interlace})`);
      }
      channels = colourType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!channels) throw new Error(`${name} has no IHDR chunk`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? rows[y * stride + x - channels] : 0;
      const up = y > 0 ? rows[(y - 1) * stride + x] : 0;
      const upLeft = x >= channels && y > 0 ? rows[(y - 1) * stride + x - channels] : 0;
      const predicted = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predicted === undefined) throw new Error(`${name}: unknown PNG filter type ${filter} on row ${y}`);
      rows[y * stride + x] = (line[x] + predicted) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: rows };
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) rgba.set([rows[p * 3], rows[p * 3 + 1], rows[p * 3 + 2], 255], p * 4);
  return { width, height, rgba };
}

/** Paints the page into a PNG of width x height pixels and returns it decoded. */
export function screenshot(htmlFile: string, pngFile: string, width = 1280, height = 900): Screenshot {
  runHeadless(htmlFile, [`--screenshot=${pngFile}`, `--window-size=${width},${height}`]);
  if (!existsSync(pngFile)) throw new Error(`headless Chromium exited without writing the screenshot ${pngFile}`);
  return decodePng(readFileSync(pngFile), pngFile);
}
