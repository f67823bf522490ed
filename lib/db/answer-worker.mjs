// Entry module of the answer writer's worker thread (started by lib/db/answer-writer.ts); see answer-worker-core.mjs.
import { parentPort, workerData } from "node:worker_threads";
import { serveCommits } from "./answer-worker-core.mjs";

if (!parentPort) throw new Error("answer-worker.mjs runs as a worker thread (lib/db/answer-writer.ts starts it).");
serveCommits(parentPort, workerData);
