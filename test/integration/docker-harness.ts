// A real Docker engine as a test bed for localcluster's network layer: a registry-free busybox image, node
// containers named exactly as kind and k3d name theirs, and a cleanup list that runs even when a test fails.
import { execa } from 'execa';
import { mkdtemp, mkdir, copyFile, symlink, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const BUSYBOX_CANDIDATES = ['/bin/busybox', '/usr/bin/busybox'];

/** Why the integration suite cannot run here, or undefined when a Docker engine answers. */
export async function dockerUnavailableReason(): Promise<string | undefined> {
  const info = await execa('docker', ['info', '--format', '{{.ServerVersion}}'], { reject: false, timeout: 15_000 });
  if (info.failed || !info.stdout.trim()) {
    return `no Docker engine answers (docker info: ${(info.stderr || info.shortMessage || '').split('\n')[0]})`;
  }
  if (!staticBusybox()) {
    return 'busybox-static is not installed (a statically linked busybox builds the test image without a registry)';
  }
  return undefined;
}

/** The first busybox that needs no shared libraries: the image holds nothing but that one file. */
function staticBusybox(): string | undefined {
  return BUSYBOX_CANDIDATES.find((path) => existsSync(path) && !hasInterpreter(readFileSync(path)));
}

/** Whether a 64-bit little-endian ELF file names a dynamic loader (a PT_INTERP program header). */
function hasInterpreter(elf: Buffer): boolean {
  if (elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1) return true; // not one we can vouch for
  const offset = Number(elf.readBigUInt64LE(0x20));
  const size = elf.readUInt16LE(0x36);
  const count = elf.readUInt16LE(0x38);
  for (let i = 0; i < count; i++) if (elf.readUInt32LE(offset + i * size) === 3) return true;
  return false;
}

/** A short random suffix so that parallel or leftover runs never collide. */
export function uniqueSuffix(): string {
  return randomBytes(3).toString('hex');
}

export async function docker(args: string[]): Promise<string> {
  const result = await execa('docker', args, { timeout: 60_000 });
  return result.stdout;
}

/** Everything a test created, removed in reverse order; failures while cleaning are collected, not thrown. */
export class Cleanup {
  private readonly actions: Array<{ what: string; run: () => Promise<unknown> }> = [];

  add(what: string, run: () => Promise<unknown>): void {
    this.actions.push({ what, run });
  }

  async runAll(): Promise<string[]> {
    const problems: string[] = [];
    for (const action of this.actions.reverse()) {
      try {
        await action.run();
      } catch (error) {
        problems.push(`${action.what}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    this.actions.length = 0;
    return problems;
  }
}

/** Builds a ~2 MB image from the host's static busybox with `docker import` (no pull, no registry). */
export async function buildBusyboxImage(tag: string, cleanup: Cleanup): Promise<void> {
  const busybox = staticBusybox();
  if (!busybox) throw new Error('no statically linked busybox found');
  const work = await mkdtemp(join(tmpdir(), 'stepdown-image-'));
  try {
    const rootfs = join(work, 'rootfs');
    for (const dir of ['bin', 'etc', 'proc', 'sys', 'dev', 'tmp']) await mkdir(join(rootfs, dir), { recursive: true });
    await copyFile(busybox, join(rootfs, 'bin', 'busybox'));
    for (const applet of ['sh', 'ip', 'sleep', 'ping', 'cat']) await symlink('busybox', join(rootfs, 'bin', applet));
    const tarball = join(work, 'rootfs.tar');
    await execa('tar', ['-C', rootfs, '-cf', tarball, '.']);
    await docker(['import', '-c', 'CMD ["/bin/sh"]', '-c', 'ENV PATH=/bin', tarball, tag]);
    cleanup.add(`image ${tag}`, () => docker(['rmi', '-f', tag]));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Starts a long-sleeping container on `network` that may change its own routes (NET_ADMIN). */
export async function startNode(name: string, network: string, image: string, cleanup: Cleanup): Promise<void> {
  cleanup.add(`container ${name}`, () => docker(['rm', '-f', name]));
  await docker(['run', '-d', '--name', name, '--network', network, '--cap-add', 'NET_ADMIN', image, 'sleep', '3600']);
}

/** The IPv4 address of `container` on `network`. */
export async function nodeAddress(container: string, network: string): Promise<string> {
  const format = `{{(index .NetworkSettings.Networks ${JSON.stringify(network)}).IPAddress}}`;
  return (await docker(['inspect', '-f', format, container])).trim();
}

export interface Route {
  destination: string;
  via?: string;
}

/** The routing table inside `container`, parsed leniently (busybox and iproute2 print it differently). */
export async function routesIn(container: string): Promise<Route[]> {
  const text = await docker(['exec', container, 'ip', 'route']);
  return parseRoutes(text);
}

export function parseRoutes(text: string): Route[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((words) => words[0])
    .map((words) => {
      const viaIndex = words.indexOf('via');
      return { destination: words[0], via: viaIndex >= 0 ? words[viaIndex + 1] : undefined };
    });
}

/** A /24 in 192.168.0.0/16 that no Docker network uses yet, so tests never clash with a real `kind` network. */
export async function freeSubnet(): Promise<string> {
  const ids = (await docker(['network', 'ls', '-q'])).split('\n').filter(Boolean);
  const used = new Set<string>();
  if (ids.length) {
    const subnets = await docker(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Subnet}} {{end}}', ...ids]);
    for (const subnet of subnets.split(/\s+/)) if (subnet) used.add(subnet);
  }
  for (let attempt = 0; attempt < 200; attempt++) {
    const third = 160 + Math.floor(Math.random() * 90);
    const candidate = `192.168.${third}.0/24`;
    if (!used.has(candidate)) return candidate;
  }
  throw new Error('no free 192.168.x.0/24 subnet for the test network');
}
