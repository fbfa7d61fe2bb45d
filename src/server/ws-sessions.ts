import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Principal } from '../domain/auth/principal.js';

/** How often open sessions are checked against their keys (so on every replica). */
const CHECK_EVERY_MS = 2000;
/** A session ends after this long; clients reconnect (and authenticate again). */
const MAX_LIFETIME_MS = 60 * 60 * 1000;

export const REVOKED_CLOSE = { code: 4403, reason: 'Forbidden: the API key was revoked' };

/**
 * What one key may hold open on one replica: each socket and each live subscription costs
 * memory and, for live stats, work on every change, long after the one charge it paid.
 */
export const WS_LIMITS = { socketsPerKey: 16, subscriptionsPerKey: 64 } as const;
/** In the private range: graphql-ws's own 44xx codes mean other things (4429: init flood). */
export const TOO_MANY_SOCKETS_CLOSE = {
  code: 4029,
  reason: `Too many sockets for this API key (at most ${WS_LIMITS.socketsPerKey} per replica)`,
};

interface Session {
  principal: Principal;
  openedAt: number;
  /** Ids of the subscriptions running on the socket. */
  subscriptions: Set<string>;
}

/**
 * The open WebSocket sessions and the key each runs under. A session follows its key: every
 * operation is checked against the key's current state, and every replica closes the sessions
 * of a revoked key within seconds (each checks the shared database). Sessions are bounded in
 * time, and per key in number (WS_LIMITS), with the subscriptions they run.
 */
export function wsSessions(options: {
  activeKeyIds(keyIds: string[]): Promise<Set<string>>;
  logger: Logger;
}) {
  const sessions = new Map<WebSocket, Session>();
  /** Per key: its sockets and their subscriptions. */
  const held = new Map<string, { sockets: number; subscriptions: number }>();
  const heldBy = (keyId: string) => held.get(keyId) ?? { sockets: 0, subscriptions: 0 };
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
    /** Opens the key's session on the socket, or false when the key holds too many. */
    open(socket: WebSocket, principal: Principal): boolean {
      const { keyId } = principal;
      const count = heldBy(keyId);
      if (count.sockets >= WS_LIMITS.socketsPerKey) return false;
      held.set(keyId, { ...count, sockets: count.sockets + 1 });
      const session: Session = { principal, openedAt: Date.now(), subscriptions: new Set() };
      sessions.set(socket, session);
      socket.once('close', () => {
        sessions.delete(socket);
        const left = heldBy(keyId);
        const after = {
          sockets: left.sockets - 1,
          subscriptions: left.subscriptions - session.subscriptions.size,
        };
        if (after.sockets > 0) held.set(keyId, after);
        else held.delete(keyId);
      });
      return true;
    },

    /** Counts a subscription of the socket's key in, or false when the key runs too many. */
    startSubscription(socket: WebSocket, id: string): boolean {
      const session = sessions.get(socket);
      if (session === undefined) return true;
      const count = heldBy(session.principal.keyId);
      if (count.subscriptions >= WS_LIMITS.subscriptionsPerKey) return false;
      if (!session.subscriptions.has(id)) {
        session.subscriptions.add(id);
        held.set(session.principal.keyId, { ...count, subscriptions: count.subscriptions + 1 });
      }
      return true;
    },

    endSubscription(socket: WebSocket, id: string): void {
      const session = sessions.get(socket);
      if (session === undefined || !session.subscriptions.delete(id)) return;
      const count = heldBy(session.principal.keyId);
      held.set(session.principal.keyId, { ...count, subscriptions: count.subscriptions - 1 });
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
