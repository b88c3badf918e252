// What the server sends besides the page: the front end (xterm.js and its fit add-on from their packages, the
// page's own script and style from web/), and images from the workshop's folder, found by real path so that
// `..`, symlinks pointing out and encoded slashes never reach a file outside it.
import { realpathSync, statSync } from 'node:fs';
import { extname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServedFile {
  path: string;
  type: string;
}

/** A file of an installed package. */
const packaged = (specifier: string) => fileURLToPath(import.meta.resolve(specifier));
/** web/ at the package root: this module sits one level below it in src/ and in dist/ (bundled or not). */
const web = (name: string) => fileURLToPath(new URL(`../../web/${name}`, import.meta.url));

/** The front end, under `/-/`. Resolved once, when the server starts. */
export function frontEndAssets(): ReadonlyMap<string, ServedFile> {
  const js = 'text/javascript; charset=utf-8';
  const css = 'text/css; charset=utf-8';
  return new Map([
    ['xterm.js', { path: packaged('@xterm/xterm/lib/xterm.js'), type: js }],
    ['xterm.css', { path: packaged('@xterm/xterm/css/xterm.css'), type: css }],
    ['addon-fit.js', { path: packaged('@xterm/addon-fit/lib/addon-fit.js'), type: js }],
    ['app.js', { path: web('app.js'), type: js }],
    ['app.css', { path: web('app.css'), type: css }],
  ]);
}

/** Images only: a workshop's folder may hold scripts and pages, which must never run in the learner's page. */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * The image that URL path `pathname` (still percent-encoded) names inside `root` (a real path), or undefined:
 * not an image, not a file, outside `root` after following symlinks, or an encoded `/`, `\` or NUL.
 */
export function workshopImage(root: string, pathname: string): ServedFile | undefined {
  if (/%(2f|5c|00)/i.test(pathname)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const type = IMAGE_TYPES[extname(decoded).toLowerCase()];
  if (!type || decoded.includes('\\')) return undefined;
  try {
    const real = realpathSync(`${root}${sep}${decoded}`);
    if (!real.startsWith(root + sep) || !statSync(real).isFile()) return undefined;
    return { path: real, type };
  } catch {
    return undefined;
  }
}
