/**
 * A version per tenant of its figures, bumped by every roll-up op that moved them (an
 * ingestion page that created, changed, deleted or restored tickets; a re-classification; a
 * rebuild). Figures computed at a version stay true until the next bump, on every replica:
 * this is both the freshness test of shared stats and the change signal of live ones.
 */
export interface DataVersions {
  /** The current versions (0 for a tenant never written). */
  current(tenantIds: readonly string[]): Promise<Map<string, number>>;
}
