/**
 * Which objects a heap grew by between two V8 heap snapshots (node --heapsnapshot-signal): self size and count per
 * constructor name, largest growth first. For the live bench's memory per student.
 *
 *   npx tsx tests/bench/support/heap-diff.ts before.heapsnapshot after.heapsnapshot [N]
 */
import { readFileSync } from "node:fs";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

function byConstructor(file: string): Map<string, { size: number; count: number }> {
  const snap = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const types = snap.snapshot.meta.node_types[0];
  const out = new Map<string, { size: number; count: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!] ?? "?";
    const name = type === "object" || type === "closure" ? snap.strings[snap.nodes[i + nameAt]!] ?? "?" : `(${type})`;
    const key = type === "closure" ? `closure ${name}` : name;
    const entry = out.get(key) ?? { size: 0, count: 0 };
    entry.size += snap.nodes[i + sizeAt]!;
    entry.count++;
    out.set(key, entry);
  }
  return out;
}

const [beforeFile, afterFile, n] = process.argv.slice(2);
if (!beforeFile || !afterFile) throw new Error("usage: heap-diff.ts before.heapsnapshot after.heapsnapshot [students]");
const before = byConstructor(beforeFile);
const after = byConstructor(afterFile);
const students = Number(n ?? 1);
const rows = [...after.entries()]
  .map(([name, a]) => {
    const b = before.get(name) ?? { size: 0, count: 0 };
    return { name, bytes: a.size - b.size, count: a.count - b.count };
  })
  .sort((x, y) => y.bytes - x.bytes)
  .slice(0, 40);
const total = [...after.values()].reduce((t, v) => t + v.size, 0) - [...before.values()].reduce((t, v) => t + v.size, 0);
console.log(`heap growth ${(total / 1024 / 1024).toFixed(1)} MB, ${(total / 1024 / students).toFixed(1)} KB per student`);
for (const r of rows) {
  console.log(`${(r.bytes / 1024 / 1024).toFixed(2).padStart(8)} MB ${(r.bytes / students).toFixed(0).padStart(7)} B/student ${String(r.count).padStart(8)} objects  ${r.name.slice(0, 90)}`);
}
