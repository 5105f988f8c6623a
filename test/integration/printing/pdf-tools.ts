import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian/Ubuntu package that provides each external tool these tests use. */
const PACKAGE_OF: Readonly<Record<string, string>> = {
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  zbarimg: 'zbar-tools',
  lp: 'cups-client',
  lpstat: 'cups-client',
  lpadmin: 'cups',
  cupsd: 'cups',
};

/** Throws a clear error (the test fails, never skips) when a required program is not installed. */
export function requireTools(...tools: string[]): void {
  const missing = tools.filter((tool) => {
    try {
      execFileSync('sh', ['-c', 'command -v "$1" || test -x "/usr/sbin/$1"', 'sh', tool], {
        stdio: 'ignore',
      });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((t) => PACKAGE_OF[t] ?? t))].join(' ');
    throw new Error(`missing programs: ${missing.join(', ')}. Install them: apt-get install -y ${packages}`);
  }
}

/** Text of a PDF as `pdftotext -layout` extracts it. */
export async function pdfText(pdf: Uint8Array | string): Promise<string> {
  return withFile(pdf, async (file) => (await run('pdftotext', ['-layout', file, '-'])).stdout);
}

/** Page size in points as `pdfinfo` reports it. */
export async function pdfPageSize(pdf: Uint8Array | string): Promise<{ width: number; height: number }> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(stdout);
    if (!m) throw new Error(`no page size in pdfinfo output: ${stdout}`);
    return { width: Number(m[1]), height: Number(m[2]) };
  });
}

/** Rasterises the PDF at 300 dpi (`pdftoppm -r 300 -png`) and decodes every barcode with `zbarimg --raw -q`. */
export async function decodeBarcodes(pdf: Uint8Array | string, pngOut?: string): Promise<string[]> {
  return withFile(pdf, async (file, dir) => {
    await run('pdftoppm', ['-r', '300', '-png', file, join(dir, 'page')]);
    const pngs = (await readdir(dir)).filter((f) => f.endsWith('.png')).sort();
    if (pngOut && pngs[0]) await run('cp', [join(dir, pngs[0]), pngOut]);
    const decoded: string[] = [];
    for (const png of pngs) {
      try {
        const { stdout } = await run('zbarimg', ['--raw', '-q', join(dir, png)]);
        decoded.push(...stdout.split('\n').filter((l) => l.length > 0));
      } catch (error) {
        // zbarimg exits 4 when the image holds no barcode.
        if ((error as { code?: number }).code !== 4) throw error;
      }
    }
    return decoded;
  });
}

async function withFile<T>(
  pdf: Uint8Array | string,
  use: (file: string, dir: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'refill-pdf-test-'));
  try {
    let file = pdf as string;
    if (typeof pdf !== 'string') {
      file = join(dir, 'in.pdf');
      await writeFile(file, pdf);
    }
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
