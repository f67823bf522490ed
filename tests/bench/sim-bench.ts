/**
 * `npm run bench:sim`: full nine-step traces per second on one core (RS256 signing + verification,
 * SigV4 and XML included). Prints figures; asserts nothing.
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { defaultWorld, traceFlow, tokenCacheStats, type World } from "../../lib/sim/index";
import { verifyCacheStats } from "../../lib/sim/jwt/token";
import { signingKeyCacheStats } from "../../lib/sim/sdk/sigv4";

const DURATION_MS = Number(process.env.BENCH_MS ?? 3000);

async function run(label: string, worlds: World[]): Promise<void> {
  for (let i = 0; i < 500; i++) await traceFlow(worlds[i % worlds.length] as World); // warm-up: key imports, JIT
  const h0 = tokenCacheStats.hits, m0 = tokenCacheStats.misses, vh0 = verifyCacheStats.hits, vm0 = verifyCacheStats.misses;
  let n = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  while (performance.now() - t0 < DURATION_MS) {
    for (let i = 0; i < 100; i++) await traceFlow(worlds[n++ % worlds.length] as World);
  }
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  console.log(`${label.padEnd(58)} ${String(Math.round(n / secs)).padStart(7)} traces/s wall, ${String(Math.round(n / cpuSecs)).padStart(7)} per CPU-second  (${n} traces, ${secs.toFixed(2)} s wall, ${cpuSecs.toFixed(2)} s CPU; signed-token cache ${tokenCacheStats.hits - h0} hits / ${tokenCacheStats.misses - m0} misses; verify cache ${verifyCacheStats.hits - vh0} / ${verifyCacheStats.misses - vm0})`);
}

async function main(): Promise<void> {
  console.log(`IRSA simulator benchmark — node ${process.version}, one thread, ${DURATION_MS} ms per case, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} CPUs`);
  console.log("traces/s wall = what this run got; per CPU-second = the same work per second of one core's CPU time (fair on a busy machine).");
  console.log("Cached (safe: same input, same output): imported fixture keys and each key's kid/JWK; signed tokens by");
  console.log("(key, claims) — RS256 (PKCS#1 v1.5) is deterministic; signature verdicts by (JWKS key, exact token text);");
  console.log("decoded token header/claims by token text; SigV4 signing keys by (secret, day, region, service), as SDKs do;");
  console.log("whole SigV4 results by every input field (method, host, path, query, headers, body, region, service, keys, date);");
  console.log("the form-encoded JWT by token text; trust-policy findings by (policy JSON, provider, issuer, namespace, SA, role).");
  console.log("Not cached: webhook mutation, credential chain, STS checks, trust/permission evaluation, XML, credentials.\n");
  await run("happy path, identical claims (a whole class, same scenario)", [defaultWorld()]);
  const students = Array.from({ length: 40 }, (_, i) => defaultWorld({ workload: { podAgeSeconds: i * 7 } }));
  await run("40 distinct worlds (distinct tokens, signed once each)", students);
  const failing = [
    defaultWorld({ kubernetes: { serviceAccounts: [{ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "billing-svc", namespace: "payments", annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/billing-dynamodb-reader", "eks.amazonaws.com/audience": "x" } } }] } }),
    defaultWorld({ token: { tamper: true, claims: { sub: "system:serviceaccount:payments:x" } } }),
    defaultWorld({ call: { action: "dynamodb:PutItem" } }),
  ];
  await run("mixed failures (audience, tamper, implicit deny)", failing);
  const sv0 = signingKeyCacheStats.misses;
  let fresh = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < DURATION_MS / 3) await traceFlow(defaultWorld({ now: new Date(Date.parse("2024-11-08T20:00:00Z") + ++fresh * 1000).toISOString() }));
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  console.log(`${"every trace a new token (caches defeated: RS256 sign + verify)".padEnd(58)} ${String(Math.round(fresh / secs)).padStart(7)} traces/s wall, ${String(Math.round(fresh / cpuSecs)).padStart(7)} per CPU-second  (${fresh} traces, ${secs.toFixed(2)} s wall, ${cpuSecs.toFixed(2)} s CPU; ${signingKeyCacheStats.misses - sv0} SigV4 key derivations)`);
}

void main();
