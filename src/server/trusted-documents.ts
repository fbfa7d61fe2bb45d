import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { ConfigError } from '../domain/errors.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const bareHash = (id: string) => id.replace(/^sha256:/, '');

/** APQ keys as Apollo's cache sees them. */
const APQ_PREFIX = 'apq:';
/** Operations clients registered by automatic persisted queries, kept besides the manifest. */
const REGISTERED_MAX = 1000;

/**
 * The trusted documents: a manifest of operations by SHA-256 (the client preset's
 * persisted-documents.json, TRUSTED_DOCUMENTS), so a first-party frontend sends an id
 * instead of a query, and a key marked trustedDocumentsOnly runs nothing else.
 */
export class TrustedDocuments {
  private readonly registered = new Map<string, string>();

  private constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  /** Reads the manifest; every id must be the SHA-256 of its document. None: an empty set. */
  static load(file: string | undefined): TrustedDocuments {
    if (file === undefined) return new TrustedDocuments(new Map());
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const byHash = new Map<string, string>();
    for (const [id, document] of Object.entries(manifest)) {
      const hash = bareHash(id);
      if (typeof document !== 'string' || sha256(document) !== hash)
        throw new ConfigError(
          `TRUSTED_DOCUMENTS (${file}): ${id} is not the SHA-256 of its document`,
        );
      byHash.set(hash, document);
    }
    return new TrustedDocuments(byHash);
  }

  get size(): number {
    return this.byHash.size;
  }

  /** The document with this id, `sha256:<hex>` (the client preset's) or the bare hex (APQ's). */
  document(id: string): string | undefined {
    return this.byHash.get(bareHash(id));
  }

  trusts(query: string): boolean {
    return this.byHash.has(sha256(query));
  }

  /**
   * Apollo's persisted-query cache: the manifest's documents first, then what clients
   * registered (bounded), so a manifest id works without registering it.
   */
  readonly apqCache = {
    get: async (key: string) =>
      this.byHash.get(key.slice(APQ_PREFIX.length)) ?? this.registered.get(key),
    set: async (key: string, value: string) => {
      this.registered.delete(key);
      this.registered.set(key, value);
      while (this.registered.size > REGISTERED_MAX)
        this.registered.delete(this.registered.keys().next().value!);
    },
    delete: async (key: string) => {
      this.registered.delete(key);
    },
  };
}

/** What a trustedDocumentsOnly key gets for any operation not in the manifest. */
export function untrustedDocument(): GraphQLError {
  return new GraphQLError(
    'This API key runs only trusted documents: send an operation of the manifest, by its id (extensions.persistedQuery.sha256Hash) or in full.',
    { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
  );
}

/** A WebSocket subscribe naming a document the manifest does not hold. */
export function unknownDocument(): GraphQLError {
  return new GraphQLError('No trusted document has this id.', {
    extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
  });
}
