import { getConfig } from "@/lib/config";

/**
 * The token signing key of this process: AUTH_SECRET, or the key generated in DATA_DIR on first start.
 * Loaded lazily, once per process (route handlers and the socket server share the same key file).
 */
export function getAuthSecret(): Uint8Array {
  return getConfig().authSecret;
}
