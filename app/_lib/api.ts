import type { AppError } from "@/lib/contract";

/**
 * Same-origin JSON fetch for app/api/**. Expected failures come back as values (STYLE.md §5):
 * `{ ok: false, error }` with the server's AppError, or a NETWORK/INTERNAL one when there was no usable reply.
 */
export type ApiResult<T> = { ok: true; data: T; status: number } | { ok: false; error: AppError; status: number };

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      cache: "no-store",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    return {
      ok: false,
      status: 0,
      error: { code: "INTERNAL", message: "Could not reach the server. Check your connection and try again." },
    };
  }
  let json: unknown = null;
  const text = await res.text();
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (res.ok) return { ok: true, data: json as T, status: res.status };
  const error = (json as { error?: AppError } | null)?.error;
  if (error && typeof error.code === "string") return { ok: false, error, status: res.status };
  return {
    ok: false,
    status: res.status,
    error: {
      code: res.status === 401 ? "UNAUTHORIZED" : res.status === 404 ? "NOT_FOUND" : "INTERNAL",
      message: res.status === 404 ? "Not found." : `The server answered ${res.status}. Please try again.`,
    },
  };
}

/**
 * Route handlers may answer a bare value or wrap it (`{ decks: [...] }`); accept both so the pages do not
 * break on a harmless shape choice.
 */
export function unwrap<T>(json: unknown, key: string): T {
  if (json && typeof json === "object" && !Array.isArray(json) && key in json) {
    return (json as Record<string, unknown>)[key] as T;
  }
  return json as T;
}
