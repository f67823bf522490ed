import Link from "next/link";
import { JoinCodeBox } from "./_components/JoinCodeBox";
import { SiteHeader } from "./_components/SiteHeader";

export default function Home() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-xl space-y-8 px-4 py-8">
        <section aria-labelledby="join-heading" className="space-y-3">
          <h1 id="join-heading" className="text-3xl font-black">
            Join a live session
          </h1>
          <p className="text-lg text-muted">Type the code shown on the classroom screen.</p>
          <JoinCodeBox />
        </section>
        <section aria-labelledby="more-heading" className="space-y-3 border-t-2 border-slate-300 pt-6">
          <h2 id="more-heading" className="text-xl font-bold">
            Not in class right now?
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2">
            <li>
              <Link href="/lab" className="btn btn-secondary w-full text-lg">
                <span aria-hidden="true">🔑</span> Explore the lab
              </Link>
            </li>
            <li>
              <Link href="/host" className="btn btn-secondary w-full text-lg">
                <span aria-hidden="true">🎓</span> I teach
              </Link>
            </li>
          </ul>
          <p className="text-base text-muted">
            Learn how a pod&apos;s 📛 ServiceAccount token becomes AWS credentials through the 🔑 OIDC Provider and an 🎭
            IAM Role — step by step, at your own pace.
          </p>
        </section>
      </main>
    </>
  );
}
