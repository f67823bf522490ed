import { z } from "zod";
import { getSharedCatalog } from "@/lib/activities/shared-catalog";
import { errorResponse, requireInstructor } from "@/lib/auth/route";
import { getPrisma } from "@/lib/db/client";
import { isReportOwner, loadReport } from "@/lib/db/reports";
import { ActivityLabeler } from "@/lib/reports/labels";
import type { ReportRows, SessionReport } from "@/lib/reports/types";

/**
 * What the report routes share: the labeler (one per process, on globalThis because Next bundles each route
 * into its own module graph), the cache of ended reports, id validation, and download headers.
 *
 * The labeler names activities from the process's shared scenario bank (lib/activities/shared-catalog). A
 * scenario missing from the bank, or a bank that fails to load, gives raw ids as labels: the report still opens.
 */
const LABELER = Symbol.for("irsa-classroom.report-labeler");
type WithLabeler = typeof globalThis & { [LABELER]?: ActivityLabeler };

export function getReportLabeler(): ActivityLabeler {
  const g = globalThis as WithLabeler;
  g[LABELER] ??= new ActivityLabeler(getSharedCatalog());
  return g[LABELER];
}

type Loaded = { rows: ReportRows; report: SessionReport };
type Owner = { instructorId: string } | { participantId: string };

/** How many ended sessions' reports stay computed in memory (a 2,000 × 20 session is tens of MB). */
const CACHED_REPORTS = 3;
const CACHE = Symbol.for("irsa-classroom.report-cache");
type WithCache = typeof globalThis & { [CACHE]?: Map<string, Promise<Loaded | null>> };

function cache(): Map<string, Promise<Loaded | null>> {
  const g = globalThis as WithCache;
  g[CACHE] ??= new Map();
  return g[CACHE];
}

/**
 * The report of a session for `owner`, or null (missing or not theirs). An ended session never changes, so its
 * report is computed once and kept (the last few): when a class of 2,000 opens their results at the end, the
 * database is read once, not 2,000 times. A live session is always read afresh.
 */
export async function reportFor(sessionId: string, owner: Owner): Promise<Loaded | null> {
  const reports = cache();
  let pending = reports.get(sessionId);
  if (pending) {
    reports.delete(sessionId);
    reports.set(sessionId, pending); // most recently used last
  } else {
    // Loaded for the session as a whole; ownership is checked below, per caller.
    pending = loadReport(getPrisma(), getReportLabeler(), sessionId, { anyOwner: true });
    reports.set(sessionId, pending);
    while (reports.size > CACHED_REPORTS) reports.delete(reports.keys().next().value!);
  }
  let loaded: Loaded | null;
  try {
    loaded = await pending;
  } catch (error) {
    reports.delete(sessionId);
    throw error;
  }
  if (!loaded || loaded.report.session.status !== "ended") reports.delete(sessionId);
  return loaded && isReportOwner(loaded.rows, owner) ? loaded : null;
}

/** Drop a session's report from memory (it was deleted). */
export function forgetReport(sessionId: string): void {
  cache().delete(sessionId);
}

export const idSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export type SessionContext = { params: Promise<{ sessionId: string }> };

export function sessionNotFound(): Response {
  return errorResponse(404, "NOT_FOUND", "No such session among yours. It may have been deleted.");
}

type Refused = { ok: false; response: Response };

/** The preamble of an instructor's session route: signed in (401 otherwise) and a well-formed session id (404 otherwise). */
export async function instructorSession(req: Request, params: SessionContext["params"]): Promise<{ ok: true; instructorId: string; sessionId: string } | Refused> {
  const auth = await requireInstructor(req);
  if (!auth.ok) return auth;
  const id = idSchema.safeParse((await params).sessionId);
  if (!id.success) return { ok: false, response: sessionNotFound() };
  return { ok: true, instructorId: auth.instructorId, sessionId: id.data };
}

/**
 * {@link instructorSession}, then the session's report, loaded for its own instructor only: anyone else gets
 * the same 404 as for a missing session (a session id reveals nothing).
 */
export async function instructorReport(req: Request, params: SessionContext["params"]): Promise<({ ok: true } & Loaded) | Refused> {
  const session = await instructorSession(req, params);
  if (!session.ok) return session;
  const loaded = await reportFor(session.sessionId, { instructorId: session.instructorId });
  if (!loaded) return { ok: false, response: sessionNotFound() };
  return { ok: true, ...loaded };
}

export const NO_STORE = { "cache-control": "private, no-store" } as const;

/** "IRSA pitfalls — week 3" → "irsa-pitfalls-week-3" for file names. */
function slug(text: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return s || "session";
}

/** e.g. irsa-pitfalls-week-3_2026-11-02_ABCDEF_leaderboard.csv */
export function downloadName(session: { deckTitle: string; createdAt: Date; code: string }, what: string): string {
  return `${slug(session.deckTitle)}_${session.createdAt.toISOString().slice(0, 10)}_${session.code}_${what}`;
}

/** RFC 4180 §3 registers text/csv; "header=present" says the first record names the fields. */
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8; header=present";

/** A file download (RFC 6266 Content-Disposition; the name is ASCII already). */
export function download(body: string, filename: string, contentType: string): Response {
  return new Response(body, {
    headers: {
      ...NO_STORE,
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "x-content-type-options": "nosniff",
    },
  });
}
