/**
 * One value per process, whatever copy of a module asks for it. Next bundles the route handlers into module graphs
 * of their own, beside the custom server's (tsx), so a module-level `let` would exist once per copy: the sign-in
 * limiters the server handed a Redis connection would not be the ones a route handler counts with. The value lives
 * on globalThis under `Symbol.for("irsa-classroom.<key>")`, made by `create` on first use unless the custom server
 * provided one first (the shared, Redis-backed kind when REDIS_URL is set: a route never opens a connection itself).
 */
export interface ProcessWide<T> {
  get(): T;
  provide(value: T): void;
}

export function processWide<T>(key: string, create: () => T): ProcessWide<T> {
  const symbol = Symbol.for(`irsa-classroom.${key}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return {
    get: () => (store[symbol] ??= create()),
    provide: (value) => {
      store[symbol] = value;
    },
  };
}
