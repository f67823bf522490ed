import { errorResponse } from "./route";

/** The answers of app/api/decks/** when a deck cannot be read or written. */
export function deckNotFound(): Response {
  return errorResponse(404, "NOT_FOUND", "This deck does not exist, or it is not yours.");
}

export function demoDeckReadOnly(): Response {
  return errorResponse(
    403,
    "FORBIDDEN",
    "The demo deck is shared and read-only. Copy it to get your own version you can edit.",
  );
}
