/** A friendly generated nickname, in the lab's vocabulary. Always within the 1–20 visible characters rule. */
const ADJECTIVES = ["Brave", "Calm", "Swift", "Clever", "Sunny", "Keen", "Bold", "Lucky", "Quiet", "Witty", "Happy", "Nimble"];
const NOUNS = ["Pod", "Node", "Role", "Token", "Kubelet", "Cluster", "Policy", "Webhook", "Signer", "Issuer", "Audience", "Secret"];

export function suggestNickname(random: () => number = Math.random): string {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length) % list.length] as T;
  const n = Math.floor(random() * 90) + 10;
  return `${pick(ADJECTIVES)} ${pick(NOUNS)} ${n}`.slice(0, 20);
}
