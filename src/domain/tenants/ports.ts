import type { PageRequest } from '../pagination/page-args.js';
import type { Page } from '../pagination/page.js';

/** How a tenant became known: an admin registered it, or a sweep met its tickets. */
export enum TenantOrigin {
  REGISTERED = 'REGISTERED',
  SEEN_BY_SWEEP = 'SEEN_BY_SWEEP',
}

export interface TenantRecord {
  id: string;
  name: string | null;
  origin: TenantOrigin;
  knownSince: Date;
}

/** Storage port for the tenants the gateway knows. */
export interface TenantStore {
  find(id: string): Promise<TenantRecord | null>;
  /** Oldest first; `only` keeps one tenant (a tenant key's view). */
  list(page: PageRequest, only: string | null): Promise<Page<TenantRecord>>;
  /** Creates the tenant, or names it when it exists (the name is kept when none is given). */
  register(id: string, name: string | null, at: Date): Promise<TenantRecord>;
  /** Every known tenant's id. */
  ids(): Promise<string[]>;
  /** Creates the tenant when it does not exist yet. */
  recordSeen(id: string, at: Date): Promise<void>;
  /**
   * Makes every tenant that tickets or API keys already name known: a database filled before
   * tenants were tracked keeps working. Returns how many were added.
   */
  adoptExisting(at: Date): Promise<number>;
}
