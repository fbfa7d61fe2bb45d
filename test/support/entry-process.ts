import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '../../src/infra/system/project-root.js';

/**
 * A compiled entry point run as its own process (no test framework needed here, so the
 * benchmarks use it too).
 */
export interface EntryProcess {
  child: ChildProcess;
  url: string;
  output: string[];
  /** Resolves with the exit code when the process exits. */
  exited: Promise<number | null>;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs a compiled entry point and waits until it serves: `main` is the production entry
 * (MONGODB_URI and PROVIDER_URL required), `demo` is what `npm start` runs.
 */
export async function startEntry(
  env: Record<string, string>,
  options: { entry?: 'main' | 'demo'; timeoutMs?: number } = {},
): Promise<EntryProcess> {
  const { entry = 'main', timeoutMs = 60_000 } = options;
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [join(projectRoot(), `dist/src/${entry}.js`)], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      MOCK_PORT: '0',
      // The demo's data and kept key in a directory of this start alone, unless asked.
      DEMO_DATA_DIR: mkdtempSync(join(tmpdir(), 'tgw-demo-')),
      ...env,
      PORT: port,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`gateway did not start:\n${output.join('\n')}`)),
      timeoutMs,
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (line.includes('GraphiQL:')) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${output.join('\n')}`));
    });
  });
  const url = `http://localhost:${port}`;
  return {
    child,
    url,
    output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
