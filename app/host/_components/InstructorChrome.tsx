import Link from "next/link";

/** The instructor's way back from a report page: the session history and the decks. */
export function InstructorNav() {
  return (
    <nav aria-label="Instructor" className="flex gap-1">
      {/* 44 px tall hit areas (the header row is 48 px already), a little padding either side. */}
      <Link href="/host/history" className="link inline-flex min-h-11 items-center px-1">
        History
      </Link>
      <Link href="/host" className="link inline-flex min-h-11 items-center px-1">
        Decks
      </Link>
    </nav>
  );
}

/** A failed load, as an alert; a 401 (signed out) also offers the way to sign in. */
export function LoadError({ message, status }: { message: string; status: number }) {
  return (
    <div role="alert" className="alert-error space-y-2">
      <p>
        <span aria-hidden="true">✗ </span>
        {message}
      </p>
      {status === 401 ? (
        <Link href="/host" className="link">
          Sign in
        </Link>
      ) : null}
    </div>
  );
}
