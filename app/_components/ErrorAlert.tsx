/** An error said to the user: announced by screen readers (role="alert") and marked with ✗ and words, not colour alone. */
export function ErrorAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="alert-error">
      <span aria-hidden="true">✗ </span>
      {message}
    </p>
  );
}
