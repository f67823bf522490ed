import type { Metadata } from "next";
import { HostConsole } from "./HostConsole";

export const metadata: Metadata = { title: "Live console · IRSA Classroom" };

export default async function HostConsolePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <HostConsole sessionId={id} />;
}
