/**
 * The realtime server in a child process, for the SIGKILL test: `node --import tsx child-server.ts` with
 * DATABASE_URL set; prints "PORT <n>" once listening. Killed with SIGKILL, it gets no chance to flush anything.
 * With REDIS_URL set it shares live sessions with the other processes on that Redis (multi-process test);
 * TEST_LIMITS (JSON, Partial<RealtimeLimits>) replaces the test server's rate limits.
 */
import { createPrisma } from "@/lib/db/client";
import type { RealtimeLimits } from "@/server/realtime";
import { startTestServer } from "./harness";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const limits = process.env.TEST_LIMITS ? (JSON.parse(process.env.TEST_LIMITS) as Partial<RealtimeLimits>) : undefined;
const server = await startTestServer(createPrisma(url), { redisUrl: process.env.REDIS_URL || undefined, limits });
process.stdout.write(`PORT ${server.port}\n`);
