import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as signUp } from "@/app/api/auth/signup/route";
import { GET as preview } from "@/app/api/bank/preview/route";
import { PUT as putDeck } from "@/app/api/decks/[id]/route";
import { POST as createDeck } from "@/app/api/decks/route";
import { GET as listScenarios, POST as postScenario } from "@/app/api/scenarios/route";
import type { ActivityPrompt, AppError, CustomScenarioDto, DeckDto, DeckInput } from "@/lib/contract";
import { jsonRequest, sessionCookieFrom, useTempDatabase } from "./helpers";

/** POST /api/scenarios (authoring), GET /api/scenarios, GET /api/bank/preview, and custom ids in decks. */

let db: Awaited<ReturnType<typeof useTempDatabase>>;
let alice: string;
let bob: string;

const bankFile = (stem: string) => readFileSync(path.join(process.cwd(), "content", "scenarios", "pitfalls", `${stem}.yaml`), "utf8");
const VALID = bankFile("20-sub-namespace-typo").replace("title: AccessDenied on AssumeRoleWithWebIdentity", "title: Our own namespace typo");
/** The broken world of a bank file without its Pitfall document. */
const worldOf = (yaml: string) => yaml.slice(0, yaml.indexOf("apiVersion: irsa.sim/v1\nkind: Pitfall")).replace(/---\s*$/, "");

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
async function signUpAs(email: string): Promise<string> {
  return sessionCookieFrom(await signUp(jsonRequest("POST", "/api/auth/signup", { email, name: email, password: "long-enough-pw" })));
}

beforeAll(async () => {
  db = await useTempDatabase();
  alice = await signUpAs("author-alice@example.org");
  bob = await signUpAs("author-bob@example.org");
});
afterAll(() => db.cleanup());

describe("authored scenarios", () => {
  let mine: CustomScenarioDto;

  it("refuse requests without the instructor cookie", async () => {
    const r = await Promise.all([
      postScenario(jsonRequest("POST", "/api/scenarios", { yaml: VALID })),
      listScenarios(jsonRequest("GET", "/api/scenarios")),
      preview(jsonRequest("GET", "/api/bank/preview?scenarioId=jwt/namespace-typo&kind=jwt-predict")),
    ]);
    expect(r.map((x) => x.status)).toEqual([401, 401, 401]);
  });

  it("a scenario the simulator accepts is saved and offered as custom:<id> with its kinds", async () => {
    const res = await postScenario(jsonRequest("POST", "/api/scenarios", { name: "typo.yaml", yaml: VALID }, { cookie: alice }));
    expect(res.status).toBe(201);
    mine = (await json<{ scenario: CustomScenarioDto }>(res)).scenario;
    expect(mine).toMatchObject({ title: "Our own namespace typo", failingStep: 6, errorCode: "AccessDenied", kinds: ["pitfall", "which-step", "flow-replay", "chain-fix"] });
    expect(mine.scenarioId).toBe(`custom:${mine.id}`);
    const list = await json<{ scenarios: CustomScenarioDto[] }>(await listScenarios(jsonRequest("GET", "/api/scenarios", undefined, { cookie: alice })));
    expect(list.scenarios.map((s) => s.id)).toEqual([mine.id]);
    const others = await json<{ scenarios: CustomScenarioDto[] }>(await listScenarios(jsonRequest("GET", "/api/scenarios", undefined, { cookie: bob })));
    expect(others.scenarios).toEqual([]);
  });

  it.each([
    ["YAML that does not parse", "kind: [unclosed", /yaml|parse|line/i],
    ["no Pitfall document", VALID.slice(0, VALID.indexOf("kind: Pitfall")).replace(/---\s*$/, ""), /Pitfall/],
    ["no Pitfall, and the break is outside the chain", worldOf(bankFile("27-clock-skew")), /no `apiVersion: irsa.sim\/v1, kind: Pitfall` document[\s\S]*it cannot be played as a chain fix: the break is outside the chain/],
    ["no choice fixes the flow", VALID.replace(/\n {4}- id: fix-sub[\s\S]*?(?=\n {4}- id: |\n---|$)/, ""), /choice/i],
  ])("%s: 422 with the simulator's objections, nothing saved", async (_, yaml, pattern) => {
    const res = await postScenario(jsonRequest("POST", "/api/scenarios", { yaml }, { cookie: alice }));
    expect(res.status).toBe(422);
    const { error } = await json<{ error: AppError }>(res);
    expect(error.code).toBe("INVALID_PAYLOAD");
    expect(error.issues?.length).toBeGreaterThan(0);
    expect(error.issues?.map((i) => i.message).join("\n")).toMatch(pattern);
    expect(await db.prisma.customScenario.count()).toBe(1);
  });

  it("a body over the cap is refused before it is read (413)", async () => {
    const res = await postScenario(jsonRequest("POST", "/api/scenarios", { yaml: "x".repeat(70_000) }, { cookie: alice }));
    expect(res.status).toBe(413);
    const tooLong = await postScenario(jsonRequest("POST", "/api/scenarios", { yaml: "x".repeat(55_000) }, { cookie: alice }));
    expect(tooLong.status).toBe(400);
  });

  it("preview returns only the prompt, for bank and own custom scenarios; someone else's custom is 404", async () => {
    const bank = await preview(jsonRequest("GET", "/api/bank/preview?scenarioId=pitfalls/17-audience-typo&kind=flow-replay", undefined, { cookie: alice }));
    expect(bank.status).toBe(200);
    const body = await json<Record<string, unknown>>(bank);
    expect(Object.keys(body)).toEqual(["prompt"]);
    expect((body.prompt as ActivityPrompt).kind).toBe("flow-replay");
    expect(JSON.stringify(body)).not.toMatch(/"status":"fail"|"correct"/);

    const own = await preview(jsonRequest("GET", `/api/bank/preview?scenarioId=${mine.scenarioId}&kind=pitfall`, undefined, { cookie: alice }));
    expect(own.status).toBe(200);
    expect((await json<{ prompt: ActivityPrompt }>(own)).prompt.title).toBe("Our own namespace typo");

    const stolen = await preview(jsonRequest("GET", `/api/bank/preview?scenarioId=${mine.scenarioId}&kind=pitfall`, undefined, { cookie: bob }));
    expect(stolen.status).toBe(404);
    const wrongKind = await preview(jsonRequest("GET", "/api/bank/preview?scenarioId=jwt/namespace-typo&kind=pitfall", undefined, { cookie: alice }));
    expect(wrongKind.status).toBe(404);
    const bad = await preview(jsonRequest("GET", "/api/bank/preview?scenarioId=x&kind=nope", undefined, { cookie: alice }));
    expect(bad.status).toBe(400);
  }, 30_000);

  it("a deck may use its author's custom scenarios only", async () => {
    const input = (scenarioId: string): DeckInput => ({
      title: "Custom",
      description: "",
      activities: [{ kind: "pitfall", scenarioId, config: {}, timeLimitSec: 30, pointsMultiplier: 1 }],
    });
    const ok = await createDeck(jsonRequest("POST", "/api/decks", input(mine.scenarioId), { cookie: alice }));
    expect(ok.status).toBe(201);
    const deck = (await json<{ deck: DeckDto }>(ok)).deck;
    const refused = await createDeck(jsonRequest("POST", "/api/decks", input(mine.scenarioId), { cookie: bob }));
    expect(refused.status).toBe(400);
    expect((await json<{ error: AppError }>(refused)).error.issues?.[0]?.path).toBe("activities.0.scenarioId");
    const unknown = await putDeck(jsonRequest("PUT", `/api/decks/${deck.id}`, input("custom:nope"), { cookie: alice }), { params: Promise.resolve({ id: deck.id }) });
    expect(unknown.status).toBe(400);
  });
});

describe("authored scenarios as chain fixes", () => {
  const deck = (activities: DeckInput["activities"]): DeckInput => ({ title: "Chain fixes", description: "", activities });
  const act = (kind: DeckInput["activities"][number]["kind"], scenarioId: string, config: Record<string, unknown> = {}) => ({ kind, scenarioId, config, timeLimitSec: 60, pointsMultiplier: 1 as const });
  const save = async (scenarios: CustomScenarioDto[], yaml: string, name: string) => {
    const res = await postScenario(jsonRequest("POST", "/api/scenarios", { name, yaml }, { cookie: alice }));
    expect(res.status).toBe(201);
    const s = (await json<{ scenario: CustomScenarioDto }>(res)).scenario;
    scenarios.push(s);
    return s;
  };

  it("a broken world without a Pitfall is saved as a chain fix; the builder is offered it; a deck plays it; preview shows its fields", async () => {
    const scenarios: CustomScenarioDto[] = [];
    const world = await save(scenarios, worldOf(VALID), "namespace typo, no quiz");
    expect(world).toMatchObject({ title: "sub-namespace-typo", failingStep: 6, kinds: ["which-step", "flow-replay", "chain-fix"] });
    const listed = await json<{ scenarios: CustomScenarioDto[] }>(await listScenarios(jsonRequest("GET", "/api/scenarios", undefined, { cookie: alice })));
    expect(listed.scenarios.find((s) => s.id === world.id)?.kinds).toContain("chain-fix");

    const ok = await createDeck(jsonRequest("POST", "/api/decks", deck([act("chain-fix", world.scenarioId)]), { cookie: alice }));
    expect(ok.status).toBe(201);
    const shown = await preview(jsonRequest("GET", `/api/bank/preview?scenarioId=${world.scenarioId}&kind=chain-fix`, undefined, { cookie: alice }));
    expect(shown.status).toBe(200);
    const prompt = (await json<{ prompt: ActivityPrompt }>(shown)).prompt;
    expect(prompt.kind === "chain-fix" && prompt.fields.subValue).toBe("system:serviceaccount:payment:billing-svc");
  }, 30_000);

  it("a deck save refuses a scenario played as a chain fix it cannot be, with the simulator's reason, and config fields a kind does not take", async () => {
    const scenarios: CustomScenarioDto[] = [];
    const skew = await save(scenarios, bankFile("27-clock-skew"), "clock skew");
    expect(skew.kinds).toEqual(["pitfall", "which-step", "flow-replay"]);
    const res = await createDeck(
      jsonRequest("POST", "/api/decks", deck([act("pitfall", skew.scenarioId), act("chain-fix", skew.scenarioId), act("jwt-predict", "jwt/namespace-typo", { claims: { sub: "x" } })]), { cookie: alice }),
    );
    expect(res.status).toBe(400);
    const { error } = await json<{ error: AppError }>(res);
    expect(error.code).toBe("INVALID_PAYLOAD");
    expect(error.issues?.map((i) => i.path)).toEqual(["activities.1.kind", "activities.2.config.claims"]);
    expect(error.issues?.[0]?.message).toMatch(/cannot be played as chain-fix: the break is outside the chain: .*fails at step 8 \(InvalidSignatureException\)/);
    expect(error.issues?.[1]?.message).toMatch(/^config\.claims: jwt-predict activities take no options/);
    const decks = await db.prisma.deck.count({ where: { title: "Chain fixes" } });
    expect(decks).toBe(1); // only the deck of the test before
  }, 30_000);
});

