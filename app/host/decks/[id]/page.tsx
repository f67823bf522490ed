import type { Metadata } from "next";
import { DeckBuilder } from "./DeckBuilder";

export const metadata: Metadata = { title: "Deck builder · IRSA Classroom" };

export default async function DeckPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <DeckBuilder deckId={id} />;
}
