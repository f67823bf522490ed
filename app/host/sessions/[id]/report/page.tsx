import type { Metadata } from "next";
import { ReportView } from "./ReportView";

export const metadata: Metadata = { title: "Session report · IRSA Classroom" };

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ReportView sessionId={id} />;
}
