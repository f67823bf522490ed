/**
 * The baseline of the live bench: a bare socket.io server with default options, nothing else. Students join
 * a room; `bench:fanout` sends one payload of the requested size to all of them (serialised once, as the
 * real server's `session:phase`); `bench:answer` is acked at once. Prints "PORT <n>"; stops on SIGTERM.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 16 * 1024 });
io.on("connection", (socket) => {
  socket.on("bench:join", (_payload: unknown, ack: (r: unknown) => void) => {
    void socket.join("students");
    ack({ ok: true });
  });
  socket.on("bench:answer", (_payload: unknown, ack: (r: unknown) => void) => ack({ ok: true, data: { acceptedAt: Date.now() } }));
  socket.on("bench:fanout", (payload: { index: number; bytes: number }, ack: (r: unknown) => void) => {
    const skeleton = JSON.stringify({ index: payload.index, serverNow: Date.now(), pad: "" });
    io.to("students").emit("bench:question", {
      index: payload.index,
      serverNow: Date.now(),
      pad: "x".repeat(Math.max(0, payload.bytes - skeleton.length)),
    });
    ack({ ok: true });
  });
});
httpServer.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`PORT ${(httpServer.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", () => {
  void io.close();
  process.exit(0);
});
