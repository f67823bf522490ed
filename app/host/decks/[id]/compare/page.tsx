import type { Metadata } from "next";
import { CompareView } from "./CompareView";

export const metadata: Metadata = { title: "Compare classes · IRSA Classroom" };

export default async function ComparePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <CompareView deckId={id} />;
}
