import { ensureStaticModel } from './model-store.js';

/** `npm run model`: prepares the classifier's model ahead of time (images, CI caches). */
const files = await ensureStaticModel(undefined, (line) => console.log(line));
console.log(`classifier model ready: ${files.dir} (${files.meta.model})`);
