import type { Metadata } from "next";
import { JoinForm } from "@/app/_components/JoinForm";
import { SiteHeader } from "@/app/_components/SiteHeader";
import { normalizeCode } from "@/app/_lib/join-code";

export const metadata: Metadata = { title: "Join a session · IRSA Classroom" };

/** The QR code's target: the code is prefilled, the student only picks a nickname. */
export default async function JoinWithCodePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const normalized = normalizeCode(decodeURIComponent(code)).slice(0, 12);
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-xl space-y-4 px-4 py-6">
        <h1 className="text-3xl font-black">Join session</h1>
        <JoinForm initialCode={normalized} />
      </main>
    </>
  );
}
