/**
 * Runs the built CLI as an outside judge would: a child process with a cleaned environment,
 * its wall time, and its peak resident memory. Peak RSS comes from /usr/bin/time (the
 * kernel's own rusage for the child) when present, else from polling /proc/<pid>/status
 * VmHWM. A child that outlives the hang bound is killed with its whole process group,
 * so nothing is ever left running.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../helpers/run-cli.js';

export interface JudgedRun {
  code: number | null;
  /** Set when the hang bound killed the child. */
  killed: boolean;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident set in MiB, or null when it could not be measured. */
  peakRssMb: number | null;
}

const TIME = '/usr/bin/time';

function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (['CI', 'GITHUB_ACTIONS', 'GITLAB_CI', 'FORCE_COLOR', 'NO_COLOR', 'NODE_OPTIONS', 'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'].includes(key)) continue;
    if (key.startsWith('VITEST')) continue;
    env[key] = value;
  }
  return env;
}

function vmHwmKb(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export function runJudged(args: string[], options: { hangMs?: number; cwd?: string; bin?: string } = {}): Promise<JudgedRun> {
  const useTime = existsSync(TIME);
  const dir = mkdtempSync(join(tmpdir(), 'policy-lint-hostile-'));
  const timeFile = join(dir, 'rusage');
  const command = useTime ? TIME : process.execPath;
  const bin = options.bin ?? BIN;
  const argv = useTime ? ['-f', '%M', '-o', timeFile, process.execPath, bin, ...args] : [bin, ...args];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: options.cwd ?? ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let killed = false;
    let polledKb: number | null = null;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const poll = useTime ? undefined : setInterval(() => {
      const kb = child.pid ? vmHwmKb(child.pid) : null;
      if (kb !== null) polledKb = Math.max(polledKb ?? 0, kb);
    }, 20);
    const hang = setTimeout(() => {
      killed = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.hangMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(hang);
      if (poll) clearInterval(poll);
      rmSync(dir, { recursive: true, force: true });
      reject(error);
    });
    child.on('close', (code) => {
      const ms = performance.now() - started;
      clearTimeout(hang);
      if (poll) clearInterval(poll);
      let peakKb = polledKb;
      if (useTime) {
        try {
          const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
          const kb = Number(lines[lines.length - 1]);
          peakKb = Number.isFinite(kb) && kb > 0 ? kb : null;
        } catch {
          peakKb = null;
        }
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, killed, stdout, stderr, ms: Math.round(ms), peakRssMb: peakKb === null ? null : Math.round(peakKb / 1024) });
    });
  });
}

/** At most `limit` calls of the returned function run at once; the rest wait in call order. */
export function limiter(limit: number): <R>(work: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await work();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
