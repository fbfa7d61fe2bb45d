/**
 * A version per tenant of its ticket data, bumped by every write that can change its
 * figures (an ingestion page that created, changed, deleted or restored tickets; a
 * re-classification). Figures computed at a version stay true until the next bump, on
 * every replica: this is both the freshness test of shared stats and the change signal of
 * live ones.
 */
export interface DataVersions {
  bump(tenantIds: Iterable<string>): Promise<void>;
  /** The current versions (0 for a tenant never written). */
  current(tenantIds: readonly string[]): Promise<Map<string, number>>;
}
