import { ChildProcess, spawn } from 'node:child_process';

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * The services of a supergraph, each in its own process as in production: started in order, each
 * waited for until its /readyz answers, stopped together. One that stops on its own stops them all.
 */
export class ProcessGroup {
  private readonly children: ChildProcess[] = [];
  private stopping = false;

  constructor(
    private readonly root: string,
    private readonly onUnexpectedExit: (name: string, how: string) => void,
  ) {}

  launch(name: string, script: string, env: NodeJS.ProcessEnv, args: string[] = []): ChildProcess {
    const child = spawn(process.execPath, [script, ...args], { cwd: this.root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code, signal) => {
      if (!this.stopping) this.onUnexpectedExit(name, signal ?? `exit ${code}`);
    });
    this.children.push(child);
    return child;
  }

  async waitReady(name: string, url: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.stopping) throw new Error(`${name} did not start`);
      try {
        const response = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(1000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${name} was not ready at ${url} within ${timeoutMs / 1000}s`);
  }

  /** Asks every process to stop and waits for them, at most 15 s. */
  async stopAll(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const child of this.children) if (!exited(child)) child.kill('SIGTERM');
    const deadline = Date.now() + 15_000;
    while (!this.children.every(exited) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
