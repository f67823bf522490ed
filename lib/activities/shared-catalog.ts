import { createCatalog, type BankCatalog, type CatalogOptions } from "./catalog";

/**
 * One catalog per process, shared by the socket server and Next's route handlers. They run in the same Node
 * process but Next bundles its own copy of our modules, so a module-level variable would be created twice:
 * the promise is kept on `globalThis` under a registered symbol instead. Loading the bank runs every scenario
 * through the simulator once, so it is done at most once per process.
 */
const KEY = Symbol.for("irsa-classroom.shared-catalog");
const CUSTOM = Symbol.for("irsa-classroom.custom-scenarios");
type Resolver = NonNullable<CatalogOptions["resolveCustom"]>;
type Holder = { [KEY]?: Promise<BankCatalog>; [CUSTOM]?: Resolver };

/**
 * Where the shared catalog reads instructor-authored scenarios ("custom:<id>" → YAML). Set by whoever owns
 * the database (server/index.ts, the route handlers); looked up at each use, so the order of start-up does not matter.
 */
export function provideCustomScenarios(resolve: Resolver): void {
  (globalThis as Holder)[CUSTOM] = resolve;
}

export function getSharedCatalog(options: CatalogOptions = {}): Promise<BankCatalog> {
  const holder = globalThis as Holder;
  holder[KEY] ??= createCatalog({ resolveCustom: (id) => (holder[CUSTOM] ? holder[CUSTOM](id) : Promise.resolve(null)), ...options });
  return holder[KEY];
}

/** Title of a scenario for display (deck builder, reports); falls back to the id when it is not in the bank. */
export async function scenarioTitles(): Promise<(scenarioId: string) => string | undefined> {
  const catalog = await getSharedCatalog();
  const titles = new Map(catalog.list().map((e) => [e.scenarioId, e.title]));
  return (scenarioId) => titles.get(scenarioId);
}

/** A deck with each activity titled from the bank (lib/db only knows scenario ids). */
export async function withScenarioTitles<T extends { activities: { scenarioId: string; title: string }[] }>(deck: T): Promise<T> {
  const title = await scenarioTitles();
  return { ...deck, activities: deck.activities.map((a) => ({ ...a, title: title(a.scenarioId) ?? a.title })) };
}
