import type { LocalFiles } from './local-files.js';
import { numberedSnippet, renderFileBlock } from './matched-files.js';
import { extractTerms } from './search-terms.js';

// "Related existing docs/config" of a PR (spec §5.3.5 PR item 5): when a PR touches a workflow, an
// env template or a config file, the docs and config that mention the same settings are shown so
// the reviewer can ask for them to be kept in sync.

const workflowPath = /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;
const configName = /(^|\/)[^/]*(config|settings)[^/]*$/i;
const configExtension = /\.(json|ya?ml|toml|ini|cfg|conf|properties)$/i;
const docsPath = /(^|\/)readme[^/]*$|^docs\/.+\.(md|txt)$/i;
const maxTerms = 12;

// Words every workflow or config file shares; matching on them would relate everything to everything.
// biome-ignore format: a word list reads better packed than one word per line
const genericWords: ReadonlySet<string> = new Set([
  'name', 'push', 'pull_request', 'jobs', 'runs', 'runs-on', 'ubuntu', 'ubuntu-latest', 'latest', 'steps',
  'uses', 'with', 'env', 'actions', 'checkout', 'setup', 'node', 'python', 'version', 'versions', 'install',
  'build', 'test', 'tests', 'true', 'false', 'main', 'master', 'branches', 'branch', 'workflow', 'workflows',
  'github', 'yml', 'yaml', 'json', 'toml', 'config', 'configs', 'settings', 'default', 'value', 'values',
  'string', 'secrets', 'matrix', 'strategy', 'cache', 'npm', 'pnpm', 'yarn', 'pip', 'permissions',
  'contents', 'read', 'write', 'base', 'url', 'path', 'paths', 'file', 'files', 'type', 'enabled', 'enable',
  'disable', 'disabled', 'port', 'host', 'http', 'https', 'localhost', 'local', 'key', 'token', 'example',
  'sample', 'template', 'run', 'script', 'scripts', 'description', 'dependencies', 'devdependencies',
  'package', 'schedule', 'cron', 'types', 'inputs', 'outputs', 'timeout', 'minutes', 'dispatch',
  'workflow_dispatch', 'release', 'tags', 'echo', 'export', 'models', 'model', 'data', 'list',
]);

/** Whether a changed file can make docs or config stale: a workflow, env template or config file. */
function isSettingsFile(file: string): boolean {
  const name = file.split('/').pop() ?? file;
  return (
    workflowPath.test(file) ||
    name.toLowerCase().startsWith('.env') ||
    configName.test(file) ||
    configExtension.test(name)
  );
}

function isDocOrConfig(file: string): boolean {
  return docsPath.test(file) || isSettingsFile(file);
}

/** Setting-like terms of the changed settings files: identifier parts first, generic words removed. */
function settingsTerms(paths: readonly string[], contents: readonly string[]): string[] {
  const text = [...paths, ...contents].join('\n');
  const identifiers = text.match(/\b[A-Z][A-Z0-9_]{3,}\b/g) ?? [];
  // LLM_OLLAMA_BASE_URL and LLM_OLLAMA_MODELS are the same topic; their distinctive parts relate them.
  const parts = identifiers.flatMap((identifier) => [identifier, ...identifier.split('_')]);
  const ordered = [...parts, ...extractTerms(text, 60)].map((term) => term.toLowerCase());
  const terms: string[] = [];
  for (const term of ordered) {
    if (term.length < 4 || genericWords.has(term) || terms.includes(term)) continue;
    terms.push(term);
    if (terms.length >= maxTerms) break;
  }
  return terms;
}

/** Inputs of {@link relatedDocsSection}. */
export interface RelatedDocsInput {
  readonly local: LocalFiles;
  readonly changedFiles: readonly string[];
  readonly maxFiles: number;
  readonly maxFileChars: number;
}

/** The related docs/config section of a PR (null when nothing relevant is touched or found). */
export interface RelatedDocs {
  readonly section: string | null;
  readonly quoted: readonly string[];
}

/** Finds the docs and config files that mention the settings of the changed settings files. */
export async function relatedDocsSection(input: RelatedDocsInput): Promise<RelatedDocs> {
  const none: RelatedDocs = { section: null, quoted: [] };
  const changed = new Set(input.changedFiles);
  const triggers = input.changedFiles.filter(
    (file) => isSettingsFile(file) && input.local.files.includes(file),
  );
  if (triggers.length === 0) return none;
  const contents: string[] = [];
  for (const file of triggers) contents.push((await input.local.read(file)) ?? '');
  const terms = settingsTerms(triggers, contents);
  const limit = Math.min(2, input.maxFiles);
  if (terms.length === 0 || limit <= 0) return none;
  const hits: { path: string; terms: string[]; content: string }[] = [];
  for (const file of input.local.files) {
    if (changed.has(file) || !isDocOrConfig(file)) continue;
    const content = await input.local.read(file);
    if (content === null) continue;
    const lower = content.toLowerCase();
    const found = terms.filter((term) => lower.includes(term));
    if (found.length > 0) hits.push({ path: file, terms: found, content });
  }
  hits.sort((a, b) => b.terms.length - a.terms.length || (a.path < b.path ? -1 : 1));
  const shown = hits.slice(0, limit);
  const blocks = shown.map((hit) =>
    renderFileBlock(hit.path, hit.terms, numberedSnippet(hit.content, hit.terms, input.maxFileChars)),
  );
  if (blocks.length === 0) return none;
  const header = `Terms from the changed settings files: ${terms.join(', ')}`;
  return {
    section: ['## Related docs and config', header, ...blocks].join('\n\n'),
    quoted: shown.map((hit) => hit.path),
  };
}
