import Link from "next/link";
import type { ReactNode } from "react";

export function SiteHeader({ right }: { right?: ReactNode }) {
  return (
    <header className="border-b-2 border-ink bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <Link href="/" className="flex min-h-12 items-center gap-2 text-lg font-black text-ink">
          <span aria-hidden="true">🎭</span> IRSA Classroom
        </Link>
        {right}
      </div>
    </header>
  );
}
