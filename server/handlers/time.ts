import { ok, timeSyncSchema } from "@/lib/contract";
import type { HandlerContext, TypedSocket } from "./context";
import { onEvent } from "./validate";

/**
 * `time:sync`: the client sends its clock, the server answers with its own. With the round trip the client
 * estimates its offset (NTP-style: offset ≈ serverNow − (clientSentAt + rtt/2)) and shows every deadline in
 * server time. Anyone may call it.
 */
export function registerTimeHandlers(socket: TypedSocket, ctx: HandlerContext): void {
  onEvent(socket, "time:sync", timeSyncSchema, ({ clientSentAt }) => ok({ clientSentAt, serverNow: ctx.clock.now() }), ctx.log);
}
