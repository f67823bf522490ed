import type { Metadata } from "next";
import { MyResults } from "./MyResults";

export const metadata: Metadata = { title: "My results · IRSA Classroom" };

export default async function MyResultsPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <MyResults sessionId={sessionId} />;
}
