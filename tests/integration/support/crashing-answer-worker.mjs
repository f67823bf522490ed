// A stand-in for lib/db/answer-worker.mjs (AnswerWriter option `workerUrl`): the real commit loop, except that a
// batch holding an answer with choiceId "crash" kills the thread in the middle of its transaction (after the
// INSERT and UPDATE ran, before COMMIT), and one with choiceId "crash-after-commit" kills it between COMMIT and the
// reply, as a crash would. Every other batch commits normally.
import { parentPort, workerData } from "node:worker_threads";
import { serveCommits } from "../../../lib/db/answer-worker-core.mjs";

const holds = (choiceId) => (statements) =>
  statements.some((s) => s.params.includes(JSON.stringify({ kind: "pitfall", choiceId })));
const beforeCommit = holds("crash");
const afterCommit = holds("crash-after-commit");

if (!parentPort) throw new Error("crashing-answer-worker.mjs runs as a worker thread.");
serveCommits(parentPort, workerData, {
  beforeCommit(statements) {
    if (beforeCommit(statements)) process.exit(3);
  },
  afterCommit(statements) {
    if (afterCommit(statements)) process.exit(4);
  },
});
