import type { Metadata } from "next";
import { Presenter } from "./Presenter";

export const metadata: Metadata = { title: "Projector · IRSA Classroom" };

export default async function PresentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Presenter sessionId={id} />;
}
