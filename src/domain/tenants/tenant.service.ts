import type { Principal } from '../auth/principal.js';
import { tenantScope, type TenantScope } from '../auth/tenant-scope.js';
import { DomainError, forbidden } from '../errors.js';
import { toPageRequest, type PageArgs } from '../pagination/page-args.js';
import type { Page } from '../pagination/page.js';
import { UserErrorCode, type UserError } from '../user-error.js';
import type { TenantRecord, TenantStore } from './ports.js';

/** What a tenant id may hold; the same rule for registration and for API keys. */
export const TENANT_ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_NAME_LENGTH = 100;

/**
 * Tenant ids that are not tenants but still name something: '*' names the sweeps over all
 * tenants, in the lists of runs and in the ingestion lock.
 */
export type PseudoTenants = readonly string[];

export type RegisterTenantResult =
  { ok: true; tenant: TenantRecord } | { ok: false; error: UserError };

function unknownTenant(tenantId: string): UserError {
  return {
    code: UserErrorCode.UNKNOWN_TENANT,
    message: `No tenant ${JSON.stringify(tenantId)} is known. Tenants become known when a sweep (startIngestion with allTenants) meets their tickets, or when an admin registers them (registerTenant).`,
    field: ['tenantId'],
  };
}

/**
 * The tenants the gateway knows, and the one gate every tenantId argument passes: the
 * isolation rule of tenantScope, then, for ids an admin names, that the tenant exists. A
 * tenant key's own tenant needs no look-up. Known tenants are never forgotten, so this
 * replica remembers them; an unknown id is looked up each time (another replica may have
 * registered it since).
 */
export class TenantService {
  private readonly known = new Set<string>();

  constructor(
    private readonly store: TenantStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The scope of a mutation: a refusal is a userError (FORBIDDEN, INVALID_INPUT, UNKNOWN_TENANT). */
  async scope(
    caller: Principal,
    requested: string | null | undefined,
    pseudo: PseudoTenants = [],
  ): Promise<TenantScope> {
    const scope = tenantScope(caller, requested);
    if (!scope.ok || !caller.isAdmin || pseudo.includes(scope.tenantId)) return scope;
    return (await this.exists(scope.tenantId))
      ? scope
      : { ok: false, error: unknownTenant(scope.tenantId) };
  }

  /** The scope of a read, thrown: FORBIDDEN, BAD_USER_INPUT or UNKNOWN_TENANT. */
  async scoped(
    caller: Principal,
    requested: string | null | undefined,
    pseudo: PseudoTenants = [],
  ): Promise<string> {
    const scope = await this.scope(caller, requested, pseudo);
    if (scope.ok) return scope.tenantId;
    const { code, message } = scope.error;
    if (code === UserErrorCode.FORBIDDEN) throw forbidden(message);
    const thrown = code === UserErrorCode.UNKNOWN_TENANT ? 'UNKNOWN_TENANT' : 'BAD_USER_INPUT';
    throw new DomainError(thrown, message);
  }

  /** A tenant id an admin names where no tenant key applies (a filter, a key to create). */
  async checkKnown(tenantId: string): Promise<UserError | null> {
    return (await this.exists(tenantId)) ? null : unknownTenant(tenantId);
  }

  async register(
    caller: Principal,
    input: { id: string; name?: string | null },
  ): Promise<RegisterTenantResult> {
    if (!caller.isAdmin) throw forbidden('An admin API key is required.');
    const id = input.id.trim();
    const name = input.name?.trim() || null;
    if (!TENANT_ID_PATTERN.test(id)) {
      return invalid('id may hold letters, digits, "_", "-" and "." (1 to 64)', ['id']);
    }
    if (name !== null && name.length > MAX_NAME_LENGTH) {
      return invalid(`name must be at most ${MAX_NAME_LENGTH} characters`, ['name']);
    }
    const tenant = await this.store.register(id, name, this.now());
    this.known.add(id);
    return { ok: true, tenant };
  }

  /** Tenants the deployment declares at start (the demo's bundled mock serves these). */
  async declare(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      await this.store.register(id, null, this.now());
      this.known.add(id);
    }
  }

  /** Null when the tenant is unknown or not the caller's: the two look the same. */
  async get(caller: Principal, id: string): Promise<TenantRecord | null> {
    if (!caller.isAdmin && caller.tenantId !== id) return null;
    return this.store.find(id);
  }

  /** Every known tenant for admin keys; a tenant key sees its own. */
  list(caller: Principal, args: PageArgs): Promise<Page<TenantRecord>> {
    const only = caller.isAdmin ? null : (caller.tenantId ?? '');
    return this.store.list(toPageRequest(args), only);
  }

  /** Every known tenant's id (work done per tenant, such as keeping its roll-ups). */
  ids(): Promise<string[]> {
    return this.store.ids();
  }

  /** A sweep met this tenant's tickets. */
  async recordSeen(tenantId: string): Promise<void> {
    if (this.known.has(tenantId)) return;
    await this.store.recordSeen(tenantId, this.now());
    this.known.add(tenantId);
  }

  adoptExisting(): Promise<number> {
    return this.store.adoptExisting(this.now());
  }

  private async exists(tenantId: string): Promise<boolean> {
    if (this.known.has(tenantId)) return true;
    const found = (await this.store.find(tenantId)) !== null;
    if (found) this.known.add(tenantId);
    return found;
  }
}

function invalid(message: string, field: string[]): RegisterTenantResult {
  return { ok: false, error: { code: UserErrorCode.INVALID_INPUT, message, field } };
}
