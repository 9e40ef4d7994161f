/** The default ceiling of a whole prompt (system part included), in characters (weakness 22). */
export const defaultPromptBudget = 60_000;

/** Inputs of {@link fitPromptBudget}. */
export interface FitPromptBudgetInput<K extends string> {
  /** The parts that may be cut, by name. */
  readonly parts: Readonly<Record<K, string>>;
  /** Which parts to cut first; parts not listed are never cut. */
  readonly trimOrder: readonly K[];
  /** Renders the full prompt text from (possibly cut) parts. */
  readonly render: (parts: Readonly<Record<K, string>>) => string;
  readonly budget: number;
}

/** The rendered prompt and which parts had to be cut. */
export interface FittedPrompt<K extends string> {
  readonly text: string;
  readonly trimmed: readonly K[];
}

/**
 * Renders a prompt and, when it exceeds the budget, cuts the listed parts in order (each down to
 * nothing at worst) with a visible note, so the model knows context is missing rather than absent.
 */
export function fitPromptBudget<K extends string>(input: FitPromptBudgetInput<K>): FittedPrompt<K> {
  const parts: Record<K, string> = { ...input.parts };
  const trimmed: K[] = [];
  let text = input.render(parts);
  for (const name of input.trimOrder) {
    const overflow = text.length - input.budget;
    if (overflow <= 0) break;
    const original = parts[name];
    if (original.length === 0) continue;
    parts[name] = cutWithNote(original, overflow);
    trimmed.push(name);
    text = input.render(parts);
  }
  return { text, trimmed };
}

/** Cuts `overflow` characters (plus room for the note) off the end of a part, at a line break when one is near. */
function cutWithNote(text: string, overflow: number): string {
  const noteFor = (removed: number) => `[... ${removed} characters cut to fit the prompt budget]`;
  // The note's own length depends on the number it prints; reserve for the widest case.
  const keep = text.length - overflow - noteFor(text.length).length - 1;
  if (keep <= 0) return noteFor(text.length);
  const lineBreak = text.lastIndexOf('\n', keep);
  const end = lineBreak > keep / 2 ? lineBreak : keep;
  return `${text.slice(0, end).trimEnd()}\n${noteFor(text.length - end)}`;
}
