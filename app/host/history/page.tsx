import type { Metadata } from "next";
import { HistoryView } from "./HistoryView";

export const metadata: Metadata = { title: "Session history · IRSA Classroom" };

export default function HistoryPage() {
  return <HistoryView />;
}
