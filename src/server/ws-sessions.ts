import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Principal } from '../domain/auth/principal.js';

/** How often open sessions are checked against their keys (so on every replica). */
const CHECK_EVERY_MS = 2000;
/** A session ends after this long; clients reconnect (and authenticate again). */
const MAX_LIFETIME_MS = 60 * 60 * 1000;

export const REVOKED_CLOSE = { code: 4403, reason: 'Forbidden: the API key was revoked' };

/**
 * The open WebSocket sessions and the key each runs under. A session follows its key: every
 * operation is checked against the key's current state, and every replica closes the sessions
 * of a revoked key within seconds (each checks the shared database). Sessions are bounded in
 * time, too.
 */
export function wsSessions(options: {
  activeKeyIds(keyIds: string[]): Promise<Set<string>>;
  logger: Logger;
}) {
  const sessions = new Map<WebSocket, { principal: Principal; openedAt: number }>();
  const close = (socket: WebSocket) => socket.close(REVOKED_CLOSE.code, REVOKED_CLOSE.reason);

  async function sweep(): Promise<void> {
    if (sessions.size === 0) return;
    const keyIds = [...new Set([...sessions.values()].map((s) => s.principal.keyId))];
    const active = await options.activeKeyIds(keyIds);
    const now = Date.now();
    for (const [socket, session] of sessions) {
      if (!active.has(session.principal.keyId)) close(socket);
      else if (now - session.openedAt > MAX_LIFETIME_MS)
        socket.close(1001, 'Session lifetime reached; reconnect');
    }
  }
  const timer = setInterval(
    () =>
      void sweep().catch((error: unknown) =>
        options.logger.warn({ err: error }, 'checking WebSocket sessions failed; will retry'),
      ),
    CHECK_EVERY_MS,
  );
  timer.unref();

  return {
    open(socket: WebSocket, principal: Principal): void {
      sessions.set(socket, { principal, openedAt: Date.now() });
      socket.once('close', () => sessions.delete(socket));
    },

    /**
     * Whether the key may still run an operation; a revoked key's socket is closed. When the
     * database cannot say, the operation goes on and meets the same outage itself.
     */
    async mayRun(socket: WebSocket, principal: Principal): Promise<boolean> {
      const active = await options.activeKeyIds([principal.keyId]).catch(() => null);
      if (active === null || active.has(principal.keyId)) return true;
      close(socket);
      return false;
    },

    stop(): void {
      clearInterval(timer);
    },
  };
}
