import { readdir, readFile, readlink } from 'node:fs/promises';

/** What /proc says about one process at one moment (Linux only). */
export interface ProcSample {
  rssBytes: number;
  fds: number;
  sockets: number;
}

/** RSS from /proc/<pid>/status; open descriptors and sockets from /proc/<pid>/fd. Undefined when gone. */
export async function sampleProc(pid: number): Promise<ProcSample | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
    const fds = await readdir(`/proc/${pid}/fd`);
    const targets = await Promise.all(fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')));
    return {
      rssBytes: rssKb * 1024,
      fds: fds.length,
      sockets: targets.filter((target) => target.startsWith('socket:')).length,
    };
  } catch {
    return undefined;
  }
}
