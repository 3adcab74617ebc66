/**
 * The benchmark's child processes: the generated site served from a forked process (so the
 * server is never the measuring process), and commands timed from spawn to exit with their
 * peak RSS and CPU (GNU time when present, else /proc polling). Bench code only.
 */
import { fork, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerReply, ServerRequest } from './site-server.js';

/** The repository root: the bench's paths and child processes' working directory. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TIME = '/usr/bin/time';

export interface SiteServer {
  ready: Extract<ServerReply, { type: 'ready' }>;
  stats(): Promise<Extract<ServerReply, { type: 'stats' }>>;
  reset(): void;
  stop(): void;
}

export async function startServer(pages: number): Promise<SiteServer> {
  const child = fork(join(ROOT, 'tests/bench/site-server.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const send = (message: ServerRequest): void => {
    child.send(message);
  };
  const next = <T extends ServerReply['type']>(type: T): Promise<Extract<ServerReply, { type: T }>> =>
    new Promise((resolvePromise, reject) => {
      const onMessage = (reply: ServerReply): void => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolvePromise(reply as Extract<ServerReply, { type: T }>);
      };
      const onExit = (code: number | null): void => reject(new Error(`site server exited (${code})`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const readyPromise = next('ready');
  send({ type: 'start', pages });
  const ready = await readyPromise;
  return {
    ready,
    stats: () => {
      const promise = next('stats');
      send({ type: 'stats' });
      return promise;
    },
    reset: () => send({ type: 'reset' }),
    stop: () => {
      send({ type: 'stop' });
      child.disconnect();
    },
  };
}

export interface TimedRun {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
  peakRssMb?: number;
  /** User + system CPU of the child, from GNU time. */
  cpuMs?: number;
}

/** Runs a command, timing it from spawn to exit; peak RSS from GNU time when present. */
export function runTimed(command: string, args: string[], env: NodeJS.ProcessEnv, measureRss: boolean): Promise<TimedRun> {
  const useTime = measureRss && existsSync(TIME);
  const [cmd, argv] = useTime ? [TIME, ['-v', command, ...args]] : [command, args];
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let peakKb = 0;
    const poll = measureRss && !useTime ? setInterval(() => (peakKb = Math.max(peakKb, readHwmKb(child.pid))), 20) : undefined;
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (poll) clearInterval(poll);
      let stderr = Buffer.concat(err).toString();
      let peakRssMb: number | undefined = peakKb > 0 ? peakKb / 1024 : undefined;
      let cpuMs: number | undefined;
      if (useTime) {
        const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        if (match) peakRssMb = Number(match[1]) / 1024;
        const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
        const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
        if (user && system) cpuMs = (Number(user[1]) + Number(system[1])) * 1000;
        stderr = stderr.replace(/\n?(?:Command exited with non-zero status \d+\n)?\s*Command being timed:[\s\S]*$/, '');
      }
      resolvePromise({ ms, code, stdout: Buffer.concat(out).toString(), stderr, peakRssMb, cpuMs });
    });
  });
}

function readHwmKb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export function envWithoutCi(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.CI;
  delete env.FORCE_COLOR;
  return env;
}

