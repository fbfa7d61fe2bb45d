import { ensureStaticModel } from '../../src/infra/classification/model-store.js';

/** The classifier's model, built once per checkout (about 20 s the first time, then instant). */
export async function setup(): Promise<void> {
  await ensureStaticModel(undefined, (line) => console.log(line));
}
