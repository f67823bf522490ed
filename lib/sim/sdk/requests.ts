/** The service request the SDK sends in steps 8–9: the DynamoDB key. */
import type { DynamoKey, DynamoKeyValue, World } from "../world";

/** A DynamoDB AttributeValue for a key attribute (keys are S, N or B). */
export type AttributeValue = { S: string } | { N: string } | { B: string };

/** The key the course material uses: GetItem on table `Users` with key `{ id: 42 }`. */
export const DEFAULT_DYNAMODB_KEY: Readonly<DynamoKey> = { id: 42 };

/** `{ id: 42 }` → `{ id: { N: "42" } }`; strings become S; typed AttributeValues pass through. */
export function toDynamoKey(key: DynamoKey): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, v] of Object.entries(key)) out[name] = toAttributeValue(v);
  return out;
}

const toAttributeValue = (v: DynamoKeyValue): AttributeValue =>
  typeof v === "number" ? { N: String(v) } : typeof v === "string" ? { S: v } : { ...v };

/** The key a world's call uses. */
export const callKey = (world: World): DynamoKey => world.call.key ?? DEFAULT_DYNAMODB_KEY;
