import type { z } from "zod";
import { fail, type Ack, type AppError, type ClientToServerEvents } from "@/lib/contract";
import type { Logger } from "../rooms/room";
import type { TypedSocket } from "./context";

type EventName = keyof ClientToServerEvents;
/** The `T` of an event's `Ack<T>`. */
export type AckData<E extends EventName> = Parameters<ClientToServerEvents[E]>[1] extends (r: Ack<infer T>) => void ? T : never;

export const MAX_ISSUES = 10;

export function zodIssues(error: z.ZodError): NonNullable<AppError["issues"]> {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: issue.path.map(String).join(".") || "(payload)",
    message: issue.message,
  }));
}

/**
 * The one wrapper every client event goes through (STYLE.md §4): parse the payload with the event's zod schema,
 * hand typed input to the handler, ack the result. A bad payload is acked INVALID_PAYLOAD with the issues; a
 * missing or non-function ack is tolerated (the handler still runs); an unexpected exception is logged with its
 * context and acked INTERNAL — it never reaches the client as a stack trace and never takes the process down.
 */
export function onEvent<E extends EventName, S extends z.ZodType>(
  socket: TypedSocket,
  event: E,
  schema: S,
  handler: (input: z.output<S>) => Promise<Ack<AckData<E>>> | Ack<AckData<E>>,
  log: Logger,
): void {
  const listener = async (...args: unknown[]): Promise<void> => {
    const last = args[args.length - 1];
    const ack = typeof last === "function" ? (args.pop() as (r: unknown) => void) : null;
    let result: Ack<unknown>;
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      result = fail("INVALID_PAYLOAD", `The "${event}" payload is not valid.`, zodIssues(parsed.error));
    } else {
      try {
        result = await handler(parsed.data);
      } catch (error) {
        log.error(`handler of "${event}" threw`, { socketId: socket.id, data: socket.data, error });
        result = fail("INTERNAL", "Something went wrong on the server; please try again.");
      }
    }
    if (!ack) return;
    try {
      ack(result);
    } catch (error) {
      log.warn(`ack of "${event}" threw`, { socketId: socket.id, error });
    }
  };
  // socket.io's typed `on` cannot express "any arguments"; the listener validates them itself.
  (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(event, (...args) => {
    void listener(...args);
  });
}
