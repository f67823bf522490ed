import type { Metadata } from "next";
import { HostHome } from "./HostHome";

export const metadata: Metadata = { title: "Instructor · IRSA Classroom" };

export default function HostPage() {
  return <HostHome />;
}
