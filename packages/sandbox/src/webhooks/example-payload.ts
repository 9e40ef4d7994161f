import { createRequire } from 'node:module';

/** A webhook payload as JSON. */
export type WebhookPayload = Record<string, unknown>;

interface ExampleSet {
  readonly name: string;
  readonly examples: readonly WebhookPayload[];
}

/**
 * A deep copy of a real payload from `@octokit/webhooks-examples` for `eventName` (and `action`,
 * when given). Throws when the collection has no such example, naming the actions it does have.
 */
export function examplePayload(eventName: string, action?: string): WebhookPayload {
  // Node's module cache keeps the parsed collection for the process: it is read once.
  const require = createRequire(import.meta.url);
  const sets = require('@octokit/webhooks-examples') as readonly ExampleSet[];
  const examples = sets.find((set) => set.name === eventName)?.examples;
  if (examples === undefined) throw new Error(`@octokit/webhooks-examples has no "${eventName}" event.`);
  const found = action === undefined ? examples[0] : examples.find((example) => example['action'] === action);
  if (found === undefined) {
    const actions = [...new Set(examples.map((example) => String(example['action'])))].join(', ');
    throw new Error(
      `@octokit/webhooks-examples has no "${eventName}.${action}" example (it has: ${actions}).`,
    );
  }
  return structuredClone(found);
}

/** Whether the collection has an example for `eventName.action`. */
export function hasExamplePayload(eventName: string, action: string): boolean {
  try {
    examplePayload(eventName, action);
    return true;
  } catch {
    return false;
  }
}
