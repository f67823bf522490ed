import {
  fail,
  ok,
  type Ack,
  type Answer,
  type Distribution,
  type HostCommand,
  type HostView,
  type LeaderboardRow,
  type MeUpdate,
  type ParticipantSummary,
  type ParticipantView,
  type PhaseUpdate,
  type PhaseView,
  type SessionInfo,
  type SubmitAnswerPayload,
} from "@/lib/contract";
import type { PreparedActivity } from "@/lib/activities/types";
import type { AnswerRecord } from "@/lib/db/answer-writer";
import type { StoredParticipant, StoredResponse, StoredSession } from "@/lib/db/sessions";
import {
  acceptAnswer,
  advance,
  autoCloseAt,
  currentActivityIndex,
  nicknameKey,
  rankStandings,
  scoreAnswer,
  streakAfterMissing,
  type MachineCommand,
  type Phase,
  type SessionState,
} from "@/lib/quiz";

/**
 * One live session in memory: its phase, participants, the open question's answers and the timer.
 * The room decides (with lib/quiz), the store persists (lib/db), the transport delivers (socket.io in
 * server/realtime.ts): the room never touches a socket or a SQL statement itself.
 */

/** How many leaderboard rows a phase view carries: every phone gets the same top rows, plus its own rank in `me`. */
export const LEADERBOARD_TOP = 10;
/** The instructor's dashboard is refreshed at most this often while answers and joins stream in. */
export const HOST_VIEW_THROTTLE_MS = 250;
/** Above this many participants the dashboard carries a page of them (and counts for everyone), not the whole list. */
export const HOST_PARTICIPANTS_MAX = 200;

export interface Clock {
  now(): number;
}

export interface Logger {
  error(message: string, context?: unknown): void;
  warn(message: string, context?: unknown): void;
  info(message: string, context?: unknown): void;
}

/** What the room needs from storage (implemented by lib/db/sessions.ts SessionRepository). */
export interface RoomStore {
  createParticipant(
    sessionId: string,
    nickname: string,
  ): Promise<{ ok: true; value: StoredParticipant } | { ok: false; code: "NICKNAME_TAKEN" | string; message: string }>;
  savePhase(sessionId: string, state: SessionState, opts?: { resetStreaksFor?: number }): Promise<void>;
  kickParticipant(sessionId: string, participantId: string): Promise<void>;
}

/** Commits an accepted answer; resolves once it is durable (lib/db/answer-writer.ts AnswerWriter). */
export interface AnswerSink {
  write(record: AnswerRecord): Promise<void>;
}

/** How the room reaches clients (implemented with socket.io rooms in server/realtime.ts). */
export interface RoomTransport {
  /** One participant's whole view, to every connection of theirs. */
  toParticipant(sessionId: string, participantId: string, view: ParticipantView): void;
  /**
   * Optional: the personal part of one participant's view, to every connection of theirs. With it, a reveal (and
   * a leaderboard, the podium, the end) is a small personal part per phone plus ONE shared payload; without it,
   * a whole view per phone.
   */
  toParticipantMe?(sessionId: string, participantId: string, update: MeUpdate): void;
  /** One shared payload to every participant of the session. */
  toAllParticipants(sessionId: string, update: PhaseUpdate): void;
  toHosts(sessionId: string, view: HostView): void;
  hasHosts(sessionId: string): boolean;
  kick(sessionId: string, participantId: string, message: string): void;
}

export interface RoomDeps {
  store: RoomStore;
  answers: AnswerSink;
  transport: RoomTransport;
  clock: Clock;
  log: Logger;
  joinUrl(code: string): string;
}

interface AnswerResult {
  answer: Answer;
  correct: boolean;
  points: number;
  streakBonus: number;
  /** From the check; not stored: a restored room runs the check again on the stored answer ({@link Room.restore}). */
  credit?: number;
  verdict?: string;
}

/** What a participant sees of their own result at the reveal. */
function lastResultOf(r: AnswerResult): NonNullable<ParticipantView["me"]["lastResult"]> {
  return {
    correct: r.correct,
    points: r.points,
    streakBonus: r.streakBonus,
    // Only partial credit is worth saying; all-or-nothing results keep their old shape.
    ...(r.credit !== undefined && r.credit > 0 && r.credit < 1 ? { credit: r.credit } : {}),
    ...(r.verdict === undefined ? {} : { verdict: r.verdict }),
  };
}

interface Member {
  id: string;
  nickname: string;
  score: number;
  streak: number;
  kicked: boolean;
  correct: number;
  answered: number;
  results: Map<number, AnswerResult>;
  /** Open socket connections of this participant (phones, tabs). */
  connections: number;
}

/** The answers of the activity the phase is about. */
interface ActivityTally {
  index: number;
  /** Participants with an accepted answer, including those whose commit is still in flight. */
  reserved: Set<string>;
  distribution: Distribution;
  committed: number;
  correct: number;
}

export type JoinOutcome = { ok: true; participantId: string } | { ok: false; code: import("@/lib/contract").ErrorCode; message: string };

export class Room {
  readonly sessionId: string;
  readonly code: string;
  readonly instructorId: string;
  private state: SessionState;
  private readonly members = new Map<string, Member>();
  private readonly nicknameKeys = new Set<string>();
  private tally: ActivityTally | null = null;
  private readonly pending = new Set<Promise<unknown>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private hostTimer: ReturnType<typeof setTimeout> | null = null;
  private lastHostSent = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private ranking: { rows: LeaderboardRow[]; rankOf: Map<string, number> } | null = null;
  private disposed = false;

  private constructor(
    private readonly session: StoredSession,
    private readonly activities: PreparedActivity[],
    private readonly deps: RoomDeps,
  ) {
    this.sessionId = session.id;
    this.code = session.code;
    this.instructorId = session.instructorId;
    this.state = session.state;
  }

  /**
   * Rebuilds a room from what the database holds, each stored answer's result with its detail (credit, the
   * simulator's verdict) checked again; arms the timer of an open question (even one already due).
   */
  static async restore(
    data: { session: StoredSession; participants: StoredParticipant[]; responses: StoredResponse[] },
    activities: PreparedActivity[],
    deps: RoomDeps,
  ): Promise<Room> {
    const room = new Room(data.session, activities, deps);
    for (const p of data.participants) {
      room.members.set(p.id, {
        id: p.id,
        nickname: p.nickname,
        score: p.score,
        streak: p.streak,
        kicked: p.kicked,
        correct: 0,
        answered: 0,
        results: new Map(),
        connections: 0,
      });
      room.nicknameKeys.add(nicknameKey(p.nickname));
    }
    const index = currentActivityIndex(room.state.phase);
    if (index !== null) room.tally = room.newTally(index);
    for (const r of data.responses) {
      const m = room.members.get(r.participantId);
      if (!m) continue;
      m.results.set(r.activityIndex, { answer: r.answer, correct: r.correct, points: r.points, streakBonus: r.streakBonus });
      m.answered++;
      if (r.correct) m.correct++;
      if (room.tally && r.activityIndex === room.tally.index) room.countInTally(m.id, r.activityIndex, r.answer, r.correct);
    }
    await room.recheckStored(data.responses);
    room.armTimer(autoCloseAt(room.state.phase));
    return room;
  }

  /**
   * The detail of a stored answer's result is not a column: the activity's checker, the same pure function the live
   * path ran, runs again on the stored answer. It gives what the phone was shown: checks are deterministic (the
   * simulator takes its clock from the world and its randomness from a fixed-seed PRNG; choice and error-code orders
   * are seeded by the scenario id), and each activity was prepared from the session's snapshot of its spec. A check
   * that disagrees with its row (the bank changed between two versions of the server) leaves the row's result as it
   * is, without detail: the stored correctness and points stay the truth.
   */
  private async recheckStored(responses: readonly StoredResponse[]): Promise<void> {
    // One summary line per activity, not one per answer: a changed bank would otherwise log students × questions.
    const disagreed = new Map<number, number>();
    const failed = new Map<number, { count: number; error: unknown }>();
    for (const r of responses) {
      const result = this.members.get(r.participantId)?.results.get(r.activityIndex);
      const activity = this.activities[r.activityIndex];
      if (!result || !activity) continue;
      try {
        const check = await activity.check(r.answer);
        const agrees =
          check.correct === r.correct &&
          (r.pickedStep === undefined || (check.pickedStep ?? null) === r.pickedStep) &&
          (r.correctStep === undefined || (check.correctStep ?? null) === r.correctStep);
        if (!agrees) {
          disagreed.set(r.activityIndex, (disagreed.get(r.activityIndex) ?? 0) + 1);
          continue;
        }
        result.credit = check.credit;
        if (check.verdict !== undefined) result.verdict = check.verdict;
      } catch (error) {
        const f = failed.get(r.activityIndex);
        if (f) f.count++;
        else failed.set(r.activityIndex, { count: 1, error });
      }
    }
    for (const [activityIndex, answers] of disagreed) {
      this.deps.log.warn("stored answers whose check no longer agrees with their rows; their results are shown without detail", {
        sessionId: this.sessionId,
        activityIndex,
        answers,
      });
    }
    for (const [activityIndex, { count, error }] of failed) {
      this.deps.log.warn("stored answers that could not be checked again; their results are shown without detail", {
        sessionId: this.sessionId,
        activityIndex,
        answers: count,
        error,
      });
    }
  }

  // ---------- queries ----------

  get phase(): Phase {
    return this.state.phase;
  }

  hasParticipant(id: string): boolean {
    return this.members.has(id);
  }

  isKicked(id: string): boolean {
    return this.members.get(id)?.kicked ?? false;
  }

  info(): SessionInfo {
    return {
      sessionId: this.sessionId,
      code: this.code,
      deckTitle: this.session.deckTitle,
      activityCount: this.activities.length,
      scoring: this.session.scoring,
      lobbyLocked: this.state.lobbyLocked,
      allowLateJoin: this.state.allowLateJoin,
    };
  }

  /** What every phone sees of the phase: never the correct answer before the reveal. */
  phaseView(): PhaseView {
    const phase = this.state.phase;
    switch (phase.type) {
      case "lobby":
        return { type: "lobby" };
      case "question": {
        const a = this.activity(phase.activityIndex);
        return {
          type: "question",
          activityIndex: phase.activityIndex,
          openedAt: phase.openedAt,
          deadline: phase.deadline,
          prompt: a.prompt,
          timeLimitSec: Math.round((phase.deadline - phase.openedAt) / 1000),
          points: a.spec.pointsMultiplier,
        };
      }
      case "reveal": {
        const a = this.activity(phase.activityIndex);
        return {
          type: "reveal",
          activityIndex: phase.activityIndex,
          prompt: a.prompt,
          reveal: a.reveal,
          distribution: { ...(this.tally?.distribution ?? {}) },
          ...(a.spec.kind === "flow-replay" ? { replayStep: phase.replayStep ?? 0 } : {}),
        };
      }
      case "leaderboard":
        return { type: "leaderboard", activityIndex: phase.activityIndex, leaderboard: this.top() };
      case "podium":
        return { type: "podium", leaderboard: this.top() };
      case "ended":
        return { type: "ended", leaderboard: this.top() };
    }
  }

  participantView(participantId: string, phaseView: PhaseView = this.phaseView(), info: SessionInfo = this.info()): ParticipantView | null {
    const m = this.members.get(participantId);
    if (!m) return null;
    const phase = this.state.phase;
    const index = currentActivityIndex(phase);
    const result = index === null ? undefined : m.results.get(index);
    // Rank and result are shown from the reveal on; during a question they would only distract (and a
    // "result" before the reveal would leak correctness).
    const showsResult = phase.type === "reveal" || phase.type === "leaderboard";
    const showsRank = phase.type !== "lobby" && phase.type !== "question";
    return {
      session: info,
      me: {
        participantId: m.id,
        nickname: m.nickname,
        score: m.score,
        streak: m.streak,
        rank: showsRank ? (this.rankings().rankOf.get(m.id) ?? null) : null,
        answered: phase.type === "question" || showsResult ? (result?.answer ?? null) : null,
        lastResult: showsResult && result ? lastResultOf(result) : null,
      },
      phase: phaseView,
      serverNow: this.deps.clock.now(),
    };
  }

  hostView(): HostView {
    const phase = this.state.phase;
    const index = currentActivityIndex(phase);
    const tally = this.tally && this.tally.index === index ? this.tally : null;
    // One pass for the counts; summaries only for the participants the view carries. At 5,000 students the
    // whole list was ~620 KB per dashboard refresh (4 a second while answers stream in), most of the server's
    // CPU outside the answers themselves; a page of HOST_PARTICIPANTS_MAX keeps it a few KB.
    const paged = this.members.size > HOST_PARTICIPANTS_MAX;
    const waitingFirst = phase.type === "question";
    const first: ParticipantSummary[] = [];
    const rest: ParticipantSummary[] = [];
    let joined = 0;
    let online = 0;
    let answeredCurrent = 0;
    for (const m of this.members.values()) {
      if (m.kicked) continue;
      joined++;
      const connected = m.connections > 0;
      const answered = index !== null && m.results.has(index);
      if (connected) online++;
      if (answered) answeredCurrent++;
      const list = paged && waitingFirst && answered ? rest : first;
      if (!paged || list.length < HOST_PARTICIPANTS_MAX) {
        list.push({ participantId: m.id, nickname: m.nickname, connected, score: m.score, answeredCurrent: answered });
      }
    }
    const participants = paged ? [...first, ...rest].slice(0, HOST_PARTICIPANTS_MAX) : first;
    return {
      session: this.info(),
      phase: this.phaseView(),
      participants,
      counts: { joined, online, answeredCurrent },
      participantsOmitted: joined - participants.length,
      progress: tally
        ? {
            // Counted once committed, so the count, the distribution and the share always agree.
            answered: tally.committed,
            total: joined,
            distribution: { ...tally.distribution },
            correctShare: tally.committed > 0 ? tally.correct / tally.committed : null,
          }
        : null,
      answerKey: index === null ? null : this.activity(index).reveal,
      activities: this.activities.map((a, i) => ({
        index: i,
        kind: a.spec.kind,
        title: a.title,
        timeLimitSec: a.spec.timeLimitSec,
        points: a.spec.pointsMultiplier,
      })),
      joinUrl: this.deps.joinUrl(this.code),
      serverNow: this.deps.clock.now(),
    };
  }

  // ---------- participants ----------

  /**
   * A new participant (the nickname is already normalised). Refused when the session ended, the lobby is locked,
   * the game started and late joining is off, or the nickname is taken (case-insensitively).
   */
  async join(nickname: string): Promise<JoinOutcome> {
    const phase = this.state.phase;
    if (phase.type === "ended") return { ok: false, code: "SESSION_ENDED", message: "This session has ended." };
    if (this.state.lobbyLocked) return { ok: false, code: "LOBBY_LOCKED", message: "The instructor has locked this session." };
    if (phase.type !== "lobby" && !this.state.allowLateJoin) {
      return { ok: false, code: "LOBBY_LOCKED", message: "This session has started and does not accept late joiners." };
    }
    const key = nicknameKey(nickname);
    if (this.nicknameKeys.has(key)) return { ok: false, code: "NICKNAME_TAKEN", message: "That nickname is taken; pick another." };
    this.nicknameKeys.add(key); // reserved while the insert runs, so two phones cannot take it at once
    try {
      const created = await this.deps.store.createParticipant(this.sessionId, nickname);
      if (!created.ok) {
        this.nicknameKeys.delete(key);
        return { ok: false, code: "NICKNAME_TAKEN", message: created.message };
      }
      const p = created.value;
      this.members.set(p.id, {
        id: p.id,
        nickname: p.nickname,
        score: 0,
        streak: 0,
        kicked: false,
        correct: 0,
        answered: 0,
        results: new Map(),
        connections: 0,
      });
      this.ranking = null;
      this.hostChanged();
      return { ok: true, participantId: p.id };
    } catch (error) {
      this.nicknameKeys.delete(key);
      throw error;
    }
  }

  connected(participantId: string): void {
    const m = this.members.get(participantId);
    if (!m) return;
    m.connections++;
    this.hostChanged();
  }

  disconnected(participantId: string): void {
    const m = this.members.get(participantId);
    if (!m) return;
    m.connections = Math.max(0, m.connections - 1);
    this.hostChanged();
  }

  // ---------- answers ----------

  /**
   * Accepts or refuses an answer (lib/quiz acceptAnswer), checks it with the activity's checker, scores it and
   * resolves only once the answer and the new score are committed. The slot is reserved synchronously, so a
   * second answer racing the first is refused, and a closing question waits for the answers it accepted.
   */
  submitAnswer(participantId: string, payload: SubmitAnswerPayload): Promise<Ack<{ acceptedAt: number }>> | Ack<{ acceptedAt: number }> {
    const now = this.deps.clock.now();
    const m = this.members.get(participantId);
    if (!m) return fail("FORBIDDEN", "You are not a participant of this session.");
    const index = payload.activityIndex;
    const tally = this.tally;
    const alreadyAnswered = m.results.has(index) || (tally !== null && tally.index === index && tally.reserved.has(m.id));
    const verdict = acceptAnswer(this.state.phase, index, { kicked: m.kicked, alreadyAnswered }, now);
    if (!verdict.ok) return fail(verdict.code, verdict.message);
    const activity = this.activity(index);
    if (payload.answer.kind !== activity.spec.kind) {
      return fail("INVALID_PAYLOAD", `This question expects a "${activity.spec.kind}" answer.`, [
        { path: "answer.kind", message: `expected "${activity.spec.kind}"` },
      ]);
    }
    if (!tally || tally.index !== index) return fail("INTERNAL", "The open question has no tally.");
    tally.reserved.add(m.id);
    this.hostChanged();

    const task = (async (): Promise<Ack<{ acceptedAt: number }>> => {
      try {
        const check = await activity.check(payload.answer);
        const score = scoreAnswer({
          mode: this.session.scoring,
          correct: check.correct,
          credit: check.credit,
          timeTakenMs: verdict.timeTakenMs,
          timeLimitMs: verdict.timeLimitMs,
          multiplier: activity.spec.pointsMultiplier,
          streakBefore: m.streak,
        });
        await this.deps.answers.write({
          sessionId: this.sessionId,
          participantId: m.id,
          activityIndex: index,
          answer: payload.answer,
          correct: check.correct,
          points: score.points,
          streakBonus: score.streakBonus,
          timeTakenMs: verdict.timeTakenMs,
          pickedStep: check.pickedStep ?? null,
          correctStep: check.correctStep ?? null,
          scoreAfter: m.score + score.total,
          streakAfter: score.streak,
        });
        // Committed: now the room may count it.
        m.score += score.total;
        m.streak = score.streak;
        m.answered++;
        if (check.correct) m.correct++;
        m.results.set(index, {
          answer: payload.answer,
          correct: check.correct,
          points: score.points,
          streakBonus: score.streakBonus,
          credit: check.credit,
          ...(check.verdict === undefined ? {} : { verdict: check.verdict }),
        });
        this.countInTally(m.id, index, payload.answer, check.correct);
        this.ranking = null;
        this.hostChanged();
        return ok({ acceptedAt: now });
      } catch (error) {
        tally.reserved.delete(m.id);
        this.hostChanged();
        this.deps.log.error("answer could not be committed", { sessionId: this.sessionId, participantId: m.id, error });
        return fail("INTERNAL", "Your answer could not be saved; please send it again.");
      }
    })();
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
    return task;
  }

  // ---------- the instructor's commands and the timer ----------

  /** Runs a command after the ones before it (one transition at a time). */
  command(command: HostCommand): Promise<Ack<HostView>> {
    return this.serialize(() => this.apply(command));
  }

  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(command: MachineCommand): Promise<Ack<HostView>> {
    if (this.disposed) return fail("INTERNAL", "This session is being unloaded; try again.");
    if (command.type === "kick" && !this.members.has(command.participantId)) {
      return fail("NOT_FOUND", "No such participant in this session.");
    }
    if (command.type === "replayStep") {
      const index = currentActivityIndex(this.state.phase);
      if (index !== null && this.activity(index).spec.kind !== "flow-replay") {
        return fail("CONFLICT", "Only a flow-replay activity has a replay to step through.");
      }
    }
    const now = this.deps.clock.now();
    const step = advance(this.state, command, now);
    if (!step.ok) return fail(step.code, step.message);

    const before = this.state;
    // Switch first, synchronously: from here on, answers for a closing question are refused.
    this.state = step.state;
    const leftQuestion = before.phase.type === "question" && step.state.phase.type !== "question";
    const closedIndex = before.phase.type === "question" ? before.phase.activityIndex : null;
    const phaseChanged = step.effects.some((e) => e.type === "phase-changed");

    try {
      // Answers accepted before the switch finish (and are counted) before the close is persisted and shown.
      if (leftQuestion || (before.phase.type === "question" && phaseChanged)) await this.settlePending();
      const questionClosed = closedIndex !== null && !(step.state.phase.type === "question" && step.state.phase.activityIndex === closedIndex);
      const multiplier = closedIndex !== null ? this.activity(closedIndex).spec.pointsMultiplier : 1;
      const resetStreaksFor = questionClosed && streakAfterMissing(1, multiplier) === 0 ? (closedIndex ?? undefined) : undefined;

      for (const effect of step.effects) {
        if (effect.type === "kick") await this.deps.store.kickParticipant(this.sessionId, effect.participantId);
      }
      await this.deps.store.savePhase(this.sessionId, this.state, resetStreaksFor === undefined ? {} : { resetStreaksFor });

      if (resetStreaksFor !== undefined) {
        for (const m of this.members.values()) if (!m.results.has(resetStreaksFor)) m.streak = 0;
      }
      for (const effect of step.effects) {
        switch (effect.type) {
          case "timer":
            this.armTimer(effect.at);
            break;
          case "kick":
            this.kick(effect.participantId);
            break;
          case "phase-changed":
          case "settings-changed":
            break;
        }
      }
      const opened = step.state.phase.type === "question" ? step.state.phase.activityIndex : null;
      if (opened !== null && this.tally?.index !== opened) this.tally = this.newTally(opened);
      this.ranking = null;
      if (phaseChanged) this.broadcast(before.phase);
      else if (step.effects.some((e) => e.type === "settings-changed")) this.broadcastShared();
      this.sendHostViewNow();
      if (this.state.phase.type === "ended") this.armTimer(null);
      return ok(this.hostView());
    } catch (error) {
      this.state = before;
      this.armTimer(autoCloseAt(before.phase));
      this.deps.log.error("transition could not be saved", { sessionId: this.sessionId, command: command.type, error });
      return fail("INTERNAL", "The session could not be updated; try again.");
    }
  }

  private async settlePending(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private armTimer(at: number | null): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (at === null || this.disposed) return;
    const delay = Math.max(0, at - this.deps.clock.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.serialize(() => this.apply({ type: "deadline" })).then((r) => {
        // A stale timer (time was added) is refused by the machine: re-arm for the new deadline.
        if (!r.ok && this.state.phase.type === "question") this.armTimer(autoCloseAt(this.state.phase));
      });
    }, delay);
    this.timer.unref?.();
  }

  private kick(participantId: string): void {
    const m = this.members.get(participantId);
    if (!m) return;
    m.kicked = true;
    this.ranking = null;
    this.deps.transport.kick(this.sessionId, participantId, "The instructor removed you from this session.");
  }

  // ---------- fan-out ----------

  /**
   * Tells every client about a transition. A question opening or getting more time is one shared payload
   * (`session:phase`, serialised once by socket.io for every phone: the moment 5,000 phones wait for);
   * phases with a per-person part (result, rank) send each connected participant their own `session:view`.
   */
  private broadcast(from: Phase): void {
    const to = this.state.phase;
    const info = this.info();
    const phaseView = this.phaseView();
    // A replay step changes nothing personal (the result was sent with the reveal): one shared payload too.
    const replayStepped = to.type === "reveal" && from.type === "reveal" && from.activityIndex === to.activityIndex;
    if (to.type === "question" || (to.type === "lobby" && from.type === "lobby") || replayStepped) {
      this.broadcastShared(info, phaseView);
      return;
    }
    // At 5,000 phones a whole reveal view each (prompt + reveal, ~6 KB) was 30 MB serialised per reveal, a second
    // of fan-out and most of the server's memory growth. The personal parts go first, on each phone's own
    // connection, then the shared part: a phone applies them in that order (socket.io keeps per-connection order).
    const transport = this.deps.transport;
    const serverNow = this.deps.clock.now();
    for (const m of this.members.values()) {
      if (m.kicked || m.connections === 0) continue;
      const view = this.participantView(m.id, phaseView, info);
      if (!view) continue;
      if (transport.toParticipantMe) transport.toParticipantMe(this.sessionId, m.id, { me: view.me, serverNow });
      else transport.toParticipant(this.sessionId, m.id, view);
    }
    if (transport.toParticipantMe) this.broadcastShared(info, phaseView);
  }

  private broadcastShared(info: SessionInfo = this.info(), phaseView: PhaseView = this.phaseView()): void {
    this.deps.transport.toAllParticipants(this.sessionId, { session: info, phase: phaseView, serverNow: this.deps.clock.now() });
  }

  /** Marks the dashboard stale; it is sent at most every HOST_VIEW_THROTTLE_MS. */
  private hostChanged(): void {
    if (this.hostTimer || this.disposed) return;
    if (!this.deps.transport.hasHosts(this.sessionId)) return;
    const wait = Math.max(0, this.lastHostSent + HOST_VIEW_THROTTLE_MS - this.deps.clock.now());
    this.hostTimer = setTimeout(() => {
      this.hostTimer = null;
      this.sendHostViewNow();
    }, wait);
    this.hostTimer.unref?.();
  }

  private sendHostViewNow(): void {
    if (this.hostTimer) clearTimeout(this.hostTimer);
    this.hostTimer = null;
    if (!this.deps.transport.hasHosts(this.sessionId)) return;
    this.lastHostSent = this.deps.clock.now();
    this.deps.transport.toHosts(this.sessionId, this.hostView());
  }

  // ---------- helpers ----------

  private activity(index: number): PreparedActivity {
    const a = this.activities[index];
    if (!a) throw new Error(`activity ${index} is not in session ${this.sessionId}`);
    return a;
  }

  private newTally(index: number): ActivityTally {
    return { index, reserved: new Set(), distribution: {}, committed: 0, correct: 0 };
  }

  private countInTally(participantId: string, index: number, answer: Answer, correct: boolean): void {
    const tally = this.tally;
    if (!tally || tally.index !== index) return;
    tally.reserved.add(participantId);
    const key = this.activity(index).distributionKey(answer);
    tally.distribution[key] = (tally.distribution[key] ?? 0) + 1;
    tally.committed++;
    if (correct) tally.correct++;
  }

  private rankings(): { rows: LeaderboardRow[]; rankOf: Map<string, number> } {
    if (!this.ranking) {
      const rows = rankStandings(
        [...this.members.values()]
          .filter((m) => !m.kicked)
          .map((m) => ({ participantId: m.id, nickname: m.nickname, score: m.score, correct: m.correct, answered: m.answered })),
      );
      this.ranking = { rows, rankOf: new Map(rows.map((r) => [r.participantId, r.rank])) };
    }
    return this.ranking;
  }

  private top(): LeaderboardRow[] {
    return this.rankings().rows.slice(0, LEADERBOARD_TOP);
  }

  /** Every accepted answer of the open question has been committed (graceful shutdown waits for this). */
  async drain(): Promise<void> {
    await this.settlePending();
  }

  /** Stops the timers; the room can be loaded again from the database. */
  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.hostTimer) clearTimeout(this.hostTimer);
    this.timer = null;
    this.hostTimer = null;
  }
}
