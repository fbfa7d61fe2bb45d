/**
 * Opaque global ids: base64url of `<Type>:<id>`. Clients must treat them as opaque; the
 * server decodes them and checks the type, so an id of one type never fetches another.
 */
export type GlobalIdType = 'Ticket' | 'IngestionRun' | 'ApiKey';

export function toGlobalId(type: GlobalIdType, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: GlobalIdType; id: string } | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(globalId)) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^(Ticket|IngestionRun|ApiKey):(.+)$/.exec(decoded);
  if (match === null) return null;
  return { type: match[1] as GlobalIdType, id: match[2]! };
}

/** The local id when `globalId` is an id of `type`, else null. */
export function localIdOf(type: GlobalIdType, globalId: string): string | null {
  const parsed = fromGlobalId(globalId);
  return parsed !== null && parsed.type === type ? parsed.id : null;
}
