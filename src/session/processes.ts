// What the kernel knows about the shell's terminal session, read from /proc (Linux). Used to signal the
// foreground job (interrupt, timeout) and to make sure nothing started in the session outlives it.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

interface ProcStat {
  state: string;
  session: number;
  /** Foreground process group of the process's controlling terminal. */
  tpgid: number;
}

function readStat(pid: number | string): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid pgrp session tty_nr tpgid …" — comm may hold spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '', session: Number(fields[3]), tpgid: Number(fields[5]) };
}

/** The process group in the foreground of the shell's terminal, or undefined where /proc cannot say. */
export function foregroundGroup(shellPid: number): number | undefined {
  const stat = readStat(shellPid);
  return stat && stat.tpgid > 0 ? stat.tpgid : undefined;
}

/**
 * Every live (not zombie) process started in the shell's terminal session: those whose session is `sid` (the
 * shell leads its session, so sid = its pid), those with a descriptor whose /proc link reads `tty`
 * (`setsid cmd &` leaves the session, not the terminal), and those whose environment holds `marker`
 * (`NAME=value`: what left both, `setsid -f cmd </dev/null >/dev/null 2>&1`). Only `stepdown` itself is left
 * out.
 */
export function sessionProcesses(sid: number, tty?: string, marker?: string): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of names) {
    if (name.charCodeAt(0) > 0x39 || Number(name) === process.pid) continue; // not a pid, or us
    const stat = readStat(name);
    if (!stat || stat.state === 'Z') continue;
    if (
      stat.session === sid ||
      (tty !== undefined && holds(name, tty)) ||
      (marker !== undefined && inherits(name, marker))
    ) {
      pids.push(Number(name));
    }
  }
  return pids;
}

/** The terminal device of the process's stdin (e.g. /dev/pts/3), if /proc can say. */
export function terminalOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/fd/0`);
  } catch {
    return undefined;
  }
}

/** The program the process runs (/proc/PID/exe), if /proc can say. */
export function executableOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
}

/** Whether the process's environment (as it started) has `marker` among its NAME=value entries. */
function inherits(pid: string, marker: string): boolean {
  let environ: string;
  try {
    environ = readFileSync(`/proc/${pid}/environ`, 'latin1');
  } catch {
    return false; // gone, or not ours to look at
  }
  return environ.startsWith(`${marker}\0`) || environ.includes(`\0${marker}\0`);
}

function holds(pid: string, tty: string): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false; // gone, or not ours to look at
  }
  for (const fd of fds) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`) === tty) return true;
    } catch {
      // closed meanwhile
    }
  }
  return false;
}

/** Sends a signal, ignoring processes that are already gone. A negative pid means a process group. */
export function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** Stopped by a signal (SIGSTOP, SIGTSTP …), not traced; false where /proc cannot say. */
export function isStopped(pid: number): boolean {
  return readStat(pid)?.state === 'T';
}

/** Running or stopped, not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  const stat = readStat(pid);
  if (stat) return stat.state !== 'Z';
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
