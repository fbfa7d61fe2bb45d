import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';
import { projectRoot } from '../infra/system/project-root.js';

/**
 * The embedded MongoDB-compatible engine (mongo-java-server, memory backend, oplog on) for
 * development and tests, where a real MongoDB cannot be installed. Its jars come from Maven
 * Central through `embedded-mongo/pom.xml` and are cached in `.cache/embedded-mongo` with the
 * compiled launcher; a stamp of the pom and launcher source decides when to rebuild.
 */
export class EmbeddedEngineError extends Error {}

export interface EmbeddedMongo {
  uri: string;
  port: number;
  /** The engine's process id. */
  pid: number;
  /** Stops the engine; its data (memory backend) is gone. */
  stop(): Promise<void>;
  /** Called once if the engine exits without stop() (killed, crashed). */
  onUnexpectedExit(listener: (code: number | null) => void): void;
}

const SOURCE_DIR = 'src/dev/embedded-mongo';
const CACHE_DIR = '.cache/embedded-mongo';
const LAUNCHER_CLASS = 'EmbeddedMongoServer';
const FIX_HINT =
  'Install a JDK 17+ and Maven (for example `apt-get install openjdk-17-jdk-headless maven`), ' +
  'or set MONGODB_URI to a running MongoDB 6+.';

function commandWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().slice(-2000);
    throw new EmbeddedEngineError(
      `Building the embedded MongoDB engine failed: ${command} ${args.join(' ')}\n${output}\n${FIX_HINT}`,
    );
  }
}

function sourceStamp(sourceDir: string): string {
  const hash = createHash('sha256');
  for (const file of ['pom.xml', `${LAUNCHER_CLASS}.java`]) {
    hash.update(readFileSync(join(sourceDir, file)));
  }
  return hash.digest('hex');
}

/** Fetches the jars and compiles the launcher unless the cache is current. Returns the classpath. */
export function ensureEmbeddedEngineBuilt(root = projectRoot()): string {
  const sourceDir = join(root, SOURCE_DIR);
  const cacheDir = join(root, CACHE_DIR);
  const classpath = `${join(cacheDir, 'classes')}:${join(cacheDir, 'lib', '*')}`;
  const stamp = sourceStamp(sourceDir);
  const stampFile = join(cacheDir, 'stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return classpath;

  for (const [command, args] of [
    ['java', ['-version']],
    ['javac', ['-version']],
    ['mvn', ['-v']],
  ] as const) {
    if (!commandWorks(command, [...args])) {
      throw new EmbeddedEngineError(
        `The embedded MongoDB engine needs \`${command}\`, which is not available. ${FIX_HINT}`,
      );
    }
  }
  // Build beside the cache and swap it in, so a concurrent starter never sees half a build.
  const staging = `${cacheDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'classes'), { recursive: true });
  run(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      join(sourceDir, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${join(staging, 'lib')}`,
    ],
    root,
  );
  run(
    'javac',
    [
      '-d',
      join(staging, 'classes'),
      '-cp',
      join(staging, 'lib', '*'),
      join(sourceDir, `${LAUNCHER_CLASS}.java`),
    ],
    root,
  );
  writeFileSync(join(staging, 'stamp'), stamp);
  rmSync(cacheDir, { recursive: true, force: true });
  renameSync(staging, cacheDir);
  return classpath;
}

function waitForReadyLine(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const stdout = child.stdout;
    if (stdout === null) return reject(new EmbeddedEngineError('Engine has no stdout'));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const lines = createInterface({ input: stdout });
    const timer = setTimeout(() => {
      fail(new EmbeddedEngineError(`Embedded MongoDB engine did not start in ${timeoutMs} ms`));
    }, timeoutMs);
    const onExit = (code: number | null) =>
      fail(new EmbeddedEngineError(`Embedded MongoDB engine exited (${code}): ${stderr.trim()}`));
    function fail(error: Error) {
      clearTimeout(timer);
      lines.close();
      child.off('exit', onExit);
      child.kill('SIGKILL');
      reject(error);
    }
    child.once('exit', onExit);
    lines.on('line', (line) => {
      const match = /^READY (\d+)$/.exec(line.trim());
      if (match === null) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.close();
      resolve(Number(match[1]));
    });
  });
}

/**
 * Waits for the handshake. mongo-java-server answers the legacy name of `hello`
 * (`isMaster`, still accepted by MongoDB 6+), not `hello` itself.
 */
async function assertAnswersHello(uri: string): Promise<void> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    await connection.asPromise();
    const reply = await connection.db!.admin().command({ isMaster: 1 });
    if (reply.ok !== 1)
      throw new EmbeddedEngineError(`Engine answered hello with ${JSON.stringify(reply)}`);
  } finally {
    await connection.close();
  }
}

export interface StartEmbeddedMongoOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Keep the data in this H2 file (it survives restarts); in memory when unset. */
  file?: string;
  host?: string;
  startTimeoutMs?: number;
  /** The engine's largest heap (a JVM size such as "14g"); the JVM's default (a quarter of memory) when unset. */
  maxHeap?: string;
}

/** Starts the engine, waits until it answers `hello`, and returns its URI. */
export async function startEmbeddedMongo(
  options: StartEmbeddedMongoOptions = {},
): Promise<EmbeddedMongo> {
  const host = options.host ?? '127.0.0.1';
  const classpath = ensureEmbeddedEngineBuilt();
  // stdin stays a pipe: the launcher exits when it closes, so it dies with this process.
  const args = [
    host,
    String(options.port ?? 0),
    ...(options.file === undefined ? [] : [options.file]),
  ];
  const heap = options.maxHeap === undefined ? [] : [`-Xmx${options.maxHeap}`];
  const child = spawn('java', ['-Xss4m', ...heap, '-cp', classpath, LAUNCHER_CLASS, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const port = await waitForReadyLine(child, options.startTimeoutMs ?? 30_000);
  const uri = `mongodb://${host}:${port}/`;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let stopping = false;
  const stop = async () => {
    stopping = true;
    child.stdin?.end();
    child.kill('SIGTERM');
    await exited;
  };
  const onUnexpectedExit = (listener: (code: number | null) => void) =>
    child.once('exit', (code) => {
      if (!stopping) listener(code);
    });
  try {
    await assertAnswersHello(uri);
  } catch (error) {
    await stop();
    throw error;
  }
  return { uri, port, pid: child.pid!, stop, onUnexpectedExit };
}
