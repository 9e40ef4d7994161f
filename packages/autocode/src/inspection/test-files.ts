import type { DocumentationScope } from '../config/policy-settings.js';
import { matchesPathEntry, normalizeRepoPath } from '../policy/blocked-paths.js';

/** Directories whose files are tests, at any depth. */
const testDirectories = new Set(['tests', 'test', '__tests__', 'spec']);

/** Test file names by convention, matched against the lower-cased base name. */
const lowerCaseTestNames: readonly RegExp[] = [
  /^test_.+\.py$/,
  /.+_test\.py$/,
  /^conftest\.py$/,
  /.+_test\.go$/,
  /.+\.(?:test|spec)\.(?:js|jsx|ts|tsx|mjs|cjs|mts|cts)$/,
  /.+_spec\.rb$/,
  /.+_test\.rb$/,
];
/** JVM and .NET conventions rely on the capital `T`, so `Contest.java` stays a source file. */
const caseSensitiveTestNames: readonly RegExp[] = [/.Tests?\.(?:java|kt|cs)$/];

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * True for test code: files under a `tests/`, `test/`, `__tests__/` or `spec/` directory at any
 * depth, or named like a test (`test_x.py`, `x_test.go`, `x.test.ts`, `XTest.java`, ...).
 * Unlike the original, `latest.py` and `contest.py` are not tests.
 */
export function isTestFile(path: string): boolean {
  const segments = normalizeRepoPath(path).toLowerCase().split('/');
  return segments.slice(0, -1).some((segment) => testDirectories.has(segment)) || isTestFileName(path);
}

/** True when the file name alone says "test" (`test_x.py`, `x.spec.ts`, `XTest.java`), wherever it lives. */
export function isTestFileName(path: string): boolean {
  const name = baseName(normalizeRepoPath(path));
  return (
    lowerCaseTestNames.some((pattern) => pattern.test(name.toLowerCase())) ||
    caseSensitiveTestNames.some((pattern) => pattern.test(name))
  );
}

const manifestNames = new Set([
  'requirements.lock',
  'constraints.txt',
  'pyproject.toml',
  'poetry.lock',
  'pdm.lock',
  'uv.lock',
  'pipfile',
  'pipfile.lock',
  'setup.py',
  'setup.cfg',
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'cargo.toml',
  'cargo.lock',
  'go.mod',
  'go.sum',
  'gemfile',
  'gemfile.lock',
  'composer.json',
  'composer.lock',
  'mix.exs',
  'mix.lock',
  'pubspec.yaml',
  'pubspec.lock',
]);

/** True for dependency manifests and lock files (`package.json`, `requirements-dev.txt`, `go.sum`...). */
export function isDependencyManifest(path: string): boolean {
  const name = baseName(normalizeRepoPath(path)).toLowerCase();
  return manifestNames.has(name) || /^requirements.*\.txt$/.test(name);
}

/** Extensions of code; such a file is never documentation, wherever it lives. */
const codeExtensions = new Set([
  ...['.py', '.pyi', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.go', '.rs'],
  ...['.java', '.kt', '.kts', '.scala', '.groovy', '.gradle', '.rb', '.php', '.pl', '.lua', '.swift'],
  ...['.c', '.h', '.cc', '.cpp', '.hpp', '.cs', '.fs', '.ex', '.exs', '.erl', '.clj', '.dart'],
  ...['.sh', '.bash', '.zsh', '.fish', '.ps1', '.bat', '.cmd', '.sql', '.vue', '.svelte', '.r'],
]);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** Build files whose extension says "text" although they are code. */
const codeFileNames = new Set(['cmakelists.txt']);

/** True for source code by extension, and for dependency manifests (they change what runs). */
function isCodeLike(path: string): boolean {
  const name = baseName(path).toLowerCase();
  return codeExtensions.has(extensionOf(name)) || codeFileNames.has(name) || isDependencyManifest(path);
}

const skillDocuments = /^\.claude\/skills\/(?:.+\/)?(?:skill|readme)\.md$/;

/**
 * True when `path` is documentation under `scope` (spec §2.11): it matches a documentation path
 * entry (directory/prefix rule) or ends with a documentation extension, ignoring case. Code
 * (`docs/conf.py`, `docs/build.sh`) and manifests (`requirements.txt`) never count, wherever they live.
 */
export function isDocumentationPath(path: string, scope: DocumentationScope): boolean {
  const normalized = normalizeRepoPath(path).toLowerCase();
  if (normalized === '' || isCodeLike(normalized)) return false;
  if (scope.paths.some((entry) => matchesPathEntry(normalized, normalizeRepoPath(entry).toLowerCase()))) {
    return true;
  }
  if (skillDocuments.test(normalized)) return true;
  return scope.extensions.some((raw) => {
    const extension = raw.trim().toLowerCase();
    if (extension === '' || extension === '.') return false;
    return normalized.endsWith(extension.startsWith('.') ? extension : `.${extension}`);
  });
}

const envExamples = /^\.env\.(?:example|sample|template)$/;

/** True for `.env.example`, `.env.sample` and `.env.template` at any depth. */
export function isEnvExample(path: string): boolean {
  return envExamples.test(baseName(normalizeRepoPath(path)).toLowerCase());
}

/** Fixed documentation rule for budgets and test exemption: doc extensions, or `docs/`/`doc/` non-code files. */
export function isPlainDocumentation(path: string): boolean {
  return isDocumentationPath(path, { paths: ['docs/', 'doc/'], extensions: ['.md', '.mdx', '.rst', '.txt'] });
}

/**
 * True for files the size budget leaves out (spec §2.11): tests, Markdown, documentation
 * under `docs/` (not code there), env examples, and anything under a `fixtures/` or `examples/` directory.
 */
export function isSupportingFile(path: string): boolean {
  const normalized = normalizeRepoPath(path).toLowerCase();
  if (isTestFile(normalized) || isEnvExample(normalized)) return true;
  if (normalized.endsWith('.md')) return true;
  if (normalized.startsWith('docs/') && !isCodeLike(normalized)) return true;
  return normalized
    .split('/')
    .slice(0, -1)
    .some((segment) => segment === 'fixtures' || segment === 'examples');
}
