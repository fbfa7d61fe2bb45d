import { createHash, randomBytes } from 'node:crypto';
import { forbidden } from '../errors.js';
import { UserErrorCode, type UserError } from '../user-error.js';
import { toPageRequest, type PageArgs, type PageRequest } from '../pagination/page-args.js';
import type { Page } from '../pagination/page.js';
import type { Principal } from './principal.js';

export interface ApiKeyRecord {
  id: string;
  name: string;
  tenantId: string | null;
  isAdmin: boolean;
  /** The key runs only the operations of the trusted-documents manifest (a first-party app's). */
  trustedDocumentsOnly: boolean;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Storage port for API keys; only hashes of secrets cross it. */
export interface ApiKeyStore {
  /** The key with this secret hash, revoked or not. */
  findByHash(secretHash: string): Promise<ApiKeyRecord | null>;
  findById(id: string): Promise<ApiKeyRecord | null>;
  /** Of these ids, the keys that exist and are not revoked. */
  findActiveIds(ids: string[]): Promise<Set<string>>;
  insert(
    key: Omit<ApiKeyRecord, 'id' | 'revokedAt'> & { secretHash: string },
  ): Promise<ApiKeyRecord>;
  /** Sets revokedAt when not yet revoked; returns the key as it is afterwards. */
  revoke(id: string, at: Date): Promise<ApiKeyRecord | null>;
  /** Creates or re-points the named admin key at a new secret hash. */
  upsertAdmin(name: string, secretHash: string, at: Date): Promise<ApiKeyRecord>;
  /** Newest first. */
  list(page: PageRequest, includeRevoked: boolean): Promise<Page<ApiKeyRecord>>;
}

/** Whether a tenant exists (TenantService): a tenant key names a known tenant. */
export interface TenantCheck {
  checkKnown(tenantId: string): Promise<UserError | null>;
}

export type CreateApiKeyResult =
  { ok: true; apiKey: ApiKeyRecord; secret: string } | { ok: false; error: UserError };

export type RevokeApiKeyResult =
  { ok: true; apiKey: ApiKeyRecord } | { ok: false; error: UserError };

export const BOOTSTRAP_ADMIN_KEY_NAME = 'bootstrap-admin';

/** Secrets are 256 random bits, so a plain SHA-256 is enough to store them safely. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateSecret(): string {
  return `tgw_${randomBytes(32).toString('base64url')}`;
}

/** Parses `Bearer <secret>`; anything else is treated as no usable credential. */
export function secretFromAuthorization(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * How long a secret found unknown is answered as unknown without asking the database, and
 * how many are remembered. Secrets are random, so one unknown now is unknown later (a new
 * key has a secret nobody presented before); revocation is unaffected (it only takes keys
 * away).
 */
const UNKNOWN_MEMORY = { ms: 30_000, max: 10_000 };
/**
 * Secrets that authenticated lately: a client address spent by a flood of bad keys still
 * lets these through to their lookup (people behind the attacker's NAT or proxy keep
 * working); they are still looked up, so revocation applies at once.
 */
const GOOD_MEMORY = { ms: 10 * 60_000, max: 10_000 };

/** A bounded map of hash to expiry, oldest first. */
function remember(memory: Map<string, number>, hash: string, until: number, max: number) {
  memory.delete(hash);
  memory.set(hash, until);
  while (memory.size > max) memory.delete(memory.keys().next().value!);
}

export class ApiKeyService {
  /** Hashes found unknown (or revoked), and hashes that authenticated, with when to forget them. */
  private readonly unknown = new Map<string, number>();
  private readonly revoked = new Map<string, number>();
  private readonly good = new Map<string, number>();

  constructor(
    private readonly store: ApiKeyStore,
    private readonly tenants: TenantCheck,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The key's principal, or null when the secret names no active key. */
  async authenticate(secret: string): Promise<Principal | null> {
    const hash = hashSecret(secret);
    const now = this.now().getTime();
    if ((this.unknown.get(hash) ?? 0) > now) return null;
    const key = await this.store.findByHash(hash);
    if (key === null || key.revokedAt !== null) {
      this.good.delete(hash);
      remember(this.unknown, hash, now + UNKNOWN_MEMORY.ms, UNKNOWN_MEMORY.max);
      if (key !== null) remember(this.revoked, hash, now + UNKNOWN_MEMORY.ms, UNKNOWN_MEMORY.max);
      return null;
    }
    remember(this.good, hash, now + GOOD_MEMORY.ms, GOOD_MEMORY.max);
    return {
      keyId: key.id,
      keyName: key.name,
      tenantId: key.tenantId,
      isAdmin: key.isAdmin,
      trustedDocumentsOnly: key.trustedDocumentsOnly,
    };
  }

  /**
   * Why a secret just refused was refused: its key was revoked, or no key has it. Says
   * nothing a caller holding the secret could not learn from the key's owner.
   */
  whyRefused(secret: string): 'revoked' | 'unknown' {
    return (this.revoked.get(hashSecret(secret)) ?? 0) > this.now().getTime()
      ? 'revoked'
      : 'unknown';
  }

  /** Whether the secret authenticated lately on this replica (see GOOD_MEMORY). */
  vouchedFor(secret: string): boolean {
    return (this.good.get(hashSecret(secret)) ?? 0) > this.now().getTime();
  }

  /** Of these keys, the ones still valid now (open sessions are re-checked with this). */
  activeKeyIds(keyIds: string[]): Promise<Set<string>> {
    return keyIds.length === 0 ? Promise.resolve(new Set()) : this.store.findActiveIds(keyIds);
  }

  /** Makes `secret` (or a new random one) the bootstrap admin key; returns the secret. */
  async ensureBootstrapAdmin(secret: string | undefined): Promise<string> {
    const effective = secret ?? generateSecret();
    const hash = hashSecret(effective);
    await this.store.upsertAdmin(BOOTSTRAP_ADMIN_KEY_NAME, hash, this.now());
    this.unknown.delete(hash);
    return effective;
  }

  async create(
    caller: Principal,
    input: {
      name: string;
      tenantId?: string | null | undefined;
      admin?: boolean | null | undefined;
      trustedDocumentsOnly?: boolean | null | undefined;
    },
  ): Promise<CreateApiKeyResult> {
    requireAdmin(caller);
    const name = input.name.trim();
    const admin = input.admin === true;
    const tenantId = input.tenantId ?? null;
    if (name.length === 0 || name.length > 100) {
      return invalid('name must be 1 to 100 characters', ['name']);
    }
    if (admin && tenantId !== null) {
      return invalid('an admin key is not bound to a tenant: omit tenantId', ['tenantId']);
    }
    if (!admin && tenantId === null) {
      return invalid('a tenant key needs tenantId (or pass admin: true)', ['tenantId']);
    }
    const unknown = tenantId === null ? null : await this.tenants.checkKnown(tenantId);
    if (unknown !== null) return { ok: false, error: unknown };
    const secret = generateSecret();
    const apiKey = await this.store.insert({
      name,
      tenantId,
      isAdmin: admin,
      trustedDocumentsOnly: input.trustedDocumentsOnly === true,
      createdAt: this.now(),
      secretHash: hashSecret(secret),
    });
    return { ok: true, apiKey, secret };
  }

  async revoke(caller: Principal, id: string | null): Promise<RevokeApiKeyResult> {
    requireAdmin(caller);
    const revoked = id === null ? null : await this.store.revoke(id, this.now());
    if (revoked === null) {
      const error = {
        code: UserErrorCode.NOT_FOUND,
        message: 'No API key has this id.',
        field: ['id'],
      };
      return { ok: false, error };
    }
    return { ok: true, apiKey: revoked };
  }

  /** Every key, newest first (admin keys only); secrets are never stored, so never listed. */
  list(
    caller: Principal,
    input: PageArgs & { includeRevoked?: boolean | null },
  ): Promise<Page<ApiKeyRecord>> {
    requireAdmin(caller);
    return this.store.list(toPageRequest(input), input.includeRevoked === true);
  }

  async findForCaller(caller: Principal, id: string): Promise<ApiKeyRecord | null> {
    if (!caller.isAdmin) return null;
    return this.store.findById(id);
  }
}

function requireAdmin(caller: Principal): void {
  if (!caller.isAdmin) throw forbidden('An admin API key is required.');
}

function invalid(message: string, field: string[]): CreateApiKeyResult {
  return { ok: false, error: { code: UserErrorCode.INVALID_INPUT, message, field } };
}
