import type { Metadata } from "next";
import { PlayScreen } from "./PlayScreen";
import { normalizeCode } from "@/app/_lib/join-code";

export const metadata: Metadata = { title: "Live session · IRSA Classroom" };

export default async function PlayPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <PlayScreen code={normalizeCode(decodeURIComponent(code)).slice(0, 12)} />;
}
