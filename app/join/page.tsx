import type { Metadata } from "next";
import { JoinForm } from "@/app/_components/JoinForm";
import { SiteHeader } from "@/app/_components/SiteHeader";

export const metadata: Metadata = { title: "Join a session · IRSA Classroom" };

export default function JoinPage() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-xl space-y-4 px-4 py-6">
        <h1 className="text-3xl font-black">Join a session</h1>
        <JoinForm />
      </main>
    </>
  );
}
