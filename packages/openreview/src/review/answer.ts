/** What the answer pipeline (classify → prompt → coding CLI → format) produced for one item. */
export type Answer =
  /** A formatted body to post (the marker is added when posting). */
  | { readonly kind: 'reply'; readonly body: string }
  /** Nothing to say, on purpose (e.g. an unanswerable issue on a follow-up); not an error. */
  | { readonly kind: 'no_reply'; readonly reason: string }
  /** The CLI failed or answered nothing usable; the task is retried per the queue rules. */
  | { readonly kind: 'failed'; readonly reason: string }
  /** The head or base could not be prepared locally; maintainers get a notice and it is retried later. */
  | { readonly kind: 'blocked'; readonly reason: string };
