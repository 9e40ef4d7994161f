import { describe, expect, it } from 'vitest';
import type { InspectPatchInput } from './inspect-patch.js';
import { describeFindings, inspectPatch, isPermanentFinding } from './inspect-patch.js';
import { findingCodes } from './inspection-report.js';
import type { FileChange } from './test-builders.js';
import { aDiff, inspectionSettings, lines } from './test-builders.js';

function inspect(changes: readonly FileChange[], options: Partial<Omit<InspectPatchInput, 'diff'>> = {}) {
  return inspectPatch({
    diff: aDiff(changes),
    settings: options.settings ?? inspectionSettings(),
    requireTestChanges: options.requireTestChanges ?? false,
    ...(options.allowedPaths === undefined ? {} : { allowedPaths: options.allowedPaths }),
    ...(options.documentationOnly === undefined ? {} : { documentationOnly: options.documentationOnly }),
  });
}

const codes = (report: ReturnType<typeof inspect>) => report.findings.map((finding) => finding.code);
const privateKeyHeader = ['-----BEGIN', 'OPENSSH PRIVATE KEY-----'].join(' ');
const githubToken = `${'gh'}p_${'Qw3rTy7UiOp2AsDf9GhJkL4zXcVbN8mRwEvT'}`;

describe('inspectPatch', () => {
  it('accepts a new untracked test file for a bug fix', () => {
    const report = inspect(
      [{ path: 'tests/test_added.py', added: ['def test_added():', '    assert True'] }],
      {
        requireTestChanges: true,
      },
    );

    expect(report).toMatchObject({ allowed: true, findings: [], testFilesChanged: ['tests/test_added.py'] });
    expect(report.changedFiles.map((file) => file.path)).toEqual(['tests/test_added.py']);
    expect(report.addedLines).toBeGreaterThanOrEqual(2);
  });

  it('leaves supporting files out of the budget', () => {
    const report = inspect(
      [
        { path: 'app.py', removed: [], added: ['fix = True'] },
        { path: 'README.md', added: lines(121) },
        { path: '.env.example', added: ['API_URL=http://127.0.0.1'] },
        { path: 'tests/test_added.py', added: ['def test_fix():', '    assert fix'] },
      ],
      { requireTestChanges: true, settings: inspectionSettings({ maxChangedFiles: 1, maxAddedLines: 5 }) },
    );

    expect(report.allowed).toBe(true);
    expect(report.changedFiles.map((file) => file.path)).toEqual([
      '.env.example',
      'README.md',
      'app.py',
      'tests/test_added.py',
    ]);
    expect(report.budget).toEqual({ files: 1, addedLines: 1, deletedLines: 0 });
    expect(report.addedLines).toBe(125);
  });

  it('exempts a dependency bump with docs from the test requirement', () => {
    const report = inspect(
      [
        { path: 'requirements.txt', removed: ['requests==2.31.0'], added: ['requests==2.32.3'] },
        { path: 'docs/CHANGELOG.md', added: ['- bump requests'] },
      ],
      { requireTestChanges: true },
    );

    expect(report).toMatchObject({ allowed: true, testFilesChanged: [] });
  });

  it('requires a test change for a bug fix touching code only', () => {
    const report = inspect([{ path: 'app.py', removed: ['a'], added: ['b'] }], { requireTestChanges: true });

    expect(report.allowed).toBe(false);
    expect(codes(report)).toEqual(['missing_tests']);
  });

  it('does not take latest.py for the test a bug fix needs', () => {
    const report = inspect([{ path: 'latest.py', removed: ['a'], added: ['b'] }], {
      requireTestChanges: true,
    });

    expect(codes(report)).toEqual(['missing_tests']);
  });

  it('reports an empty change', () => {
    const report = inspect([]);

    expect(report).toMatchObject({ allowed: false, changedFiles: [], addedLines: 0, deletedLines: 0 });
    expect(report.findings).toEqual([
      { code: 'no_changes', message: 'the patch contains no change to commit' },
    ]);
  });

  it('treats the paths of a code plan as a hint only', () => {
    const report = inspect([{ path: 'src/market_analyzer.py', removed: ['a'], added: ['b'] }], {
      allowedPaths: ['src/services/'],
    });

    expect(report.allowed).toBe(true);
  });

  it('enforces the paths of a documentation plan', () => {
    const report = inspect([{ path: 'app.py', removed: ['a'], added: ['b'] }], {
      allowedPaths: ['README.md'],
    });

    expect(report.findings).toEqual([
      { code: 'out_of_scope', message: "changes outside the plan's paths (README.md): app.py" },
    ]);
  });

  it('lets supporting files and listed paths through a documentation plan', () => {
    const report = inspect(
      [
        { path: 'docs/guide.md', added: ['x'] },
        { path: 'config/app.yaml', removed: ['a: 1'], added: ['a: 2'] },
        { path: 'tests/test_docs.py', added: ['def test_docs():'] },
      ],
      { allowedPaths: ['docs/', 'config/app.yaml'] },
    );

    expect(report.allowed).toBe(true);
  });

  it('counts code under docs/ as out of a documentation plan', () => {
    const report = inspect([{ path: 'docs/conf.py', added: ['import os'] }], { allowedPaths: ['README.md'] });

    expect(codes(report)).toEqual(['out_of_scope']);
  });

  it('refuses code in a documentation-only task', () => {
    const report = inspect(
      [
        { path: 'README.md', removed: ['a'], added: ['b'] },
        { path: 'bot/dispatcher.py', removed: ['a'], added: ['b'] },
      ],
      { documentationOnly: true },
    );

    expect(report.findings).toEqual([
      {
        code: 'documentation_only',
        message: 'a documentation task may only change documentation, but it changes: bot/dispatcher.py',
      },
    ]);
  });

  it('treats a code file under docs/ as code in a documentation-only task', () => {
    const report = inspect([{ path: 'docs/build.sh', added: ['rm -rf /'] }], { documentationOnly: true });

    expect(codes(report)).toEqual(['documentation_only']);
  });

  it('follows the configured documentation extensions', () => {
    const settings = {
      ...inspectionSettings(),
      documentationScope: { paths: ['docs/'], extensions: ['.adoc'] },
    };

    const report = inspect([{ path: 'guide.adoc', added: ['= Guide'] }], {
      documentationOnly: true,
      settings,
    });

    expect(report.allowed).toBe(true);
  });

  it('refuses more budget files than allowed', () => {
    const changes = Array.from({ length: 9 }, (_, index) => ({ path: `src/m${index}.py`, added: ['x'] }));

    const report = inspect(changes);

    expect(report.findings).toEqual([
      {
        code: 'too_many_files',
        message: 'too many changed files: 9 > 8 (tests, docs, fixtures and examples do not count)',
      },
    ]);
  });

  it('refuses too many added and deleted lines', () => {
    const report = inspect([{ path: 'src/big.py', removed: lines(201), added: lines(401) }]);

    expect(codes(report)).toEqual(['too_many_added_lines', 'too_many_deleted_lines']);
    expect(report.findings[0]?.message).toContain('401 > 400');
  });

  it('counts binary files as files', () => {
    const changes = [
      { path: 'src/a.py', added: ['x'] },
      { path: 'assets/logo.png', binary: true },
    ];

    const report = inspect(changes, { settings: inspectionSettings({ maxChangedFiles: 1 }) });

    expect(report.budget).toEqual({ files: 2, addedLines: 1, deletedLines: 0 });
    expect(codes(report)).toEqual(['too_many_files']);
  });

  it('counts every file when all of them are supporting files', () => {
    const report = inspect([{ path: 'README.md', added: lines(10) }], {
      settings: inspectionSettings({ maxAddedLines: 5 }),
    });

    expect(report.budget).toEqual({ files: 1, addedLines: 10, deletedLines: 0 });
    expect(codes(report)).toEqual(['too_many_added_lines']);
  });

  it('refuses an untracked workflow file', () => {
    const report = inspect([{ path: '.github/workflows/ci.yml', added: ['on: push'] }]);

    expect(report.findings).toEqual([
      {
        code: 'blocked_path',
        message: 'the patch changes the blocked path `.github/workflows/ci.yml`; revert that change',
        path: '.github/workflows/ci.yml',
      },
    ]);
  });

  it.each(['.GitHub/Workflows/x.yml', '.env.local', 'config/.env.production'])(
    'refuses the blocked path %j',
    (path) => {
      expect(codes(inspect([{ path, added: ['x'] }]))).toEqual(['blocked_path']);
    },
  );

  it('refuses the deletion of a blocked file', () => {
    const report = inspect([{ path: 'deploy/prod.yaml', status: 'deleted', removed: ['replicas: 3'] }]);

    expect(report.findings[0]?.message).toContain('deletes the blocked path `deploy/prod.yaml`');
  });

  it('refuses a private key in an added line', () => {
    const report = inspect([{ path: 'src/keys.ts', added: ['export const key = `', privateKeyHeader] }]);

    expect(report.findings).toEqual([
      {
        code: 'secret',
        message:
          'line 2 of `src/keys.ts` adds what looks like a private key; remove it and read the value from the environment',
        path: 'src/keys.ts',
      },
    ]);
  });

  it("refuses a token in an untracked file's added lines without repeating it", () => {
    const report = inspect([
      { path: 'notes/scratch.txt', status: 'added', added: [`GITHUB_TOKEN=${githubToken}`] },
    ]);

    expect(codes(report)).toEqual(['secret']);
    expect(JSON.stringify(report.findings)).not.toContain(githubToken);
  });

  it.each(['/etc/passwd', '../../outside', 'C:\\Windows\\system32', '../.git/config', 'sub/../../..'])(
    'refuses a symlink to %j',
    (target) => {
      const report = inspect([{ path: 'link', mode: '120000', added: [target] }]);

      expect(report.findings).toMatchObject([{ code: 'symlink_outside', path: 'link' }]);
    },
  );

  it('accepts a symlink that stays inside the repository', () => {
    const report = inspect([{ path: 'docs/current', mode: '120000', added: ['../docs/v2'] }]);

    expect(report.allowed).toBe(true);
  });

  it('refuses a symlink whose target is missing from the diff', () => {
    const report = inspect([{ path: 'link', mode: '120000' }]);

    expect(report.findings[0]?.message).toContain('target is not in the diff');
  });

  it('refuses a submodule', () => {
    const report = inspect([{ path: 'vendor/lib', mode: '160000', added: ['Subproject commit abc'] }]);

    expect(codes(report)).toEqual(['submodule']);
  });

  it('refuses a patch that deletes a test file', () => {
    const report = inspect([
      { path: 'src/app.ts', removed: ['a'], added: ['b'] },
      { path: 'src/app.test.ts', status: 'deleted', removed: ["it('works', () => {"] },
    ]);

    expect(report.findings).toEqual([
      {
        code: 'tests_removed',
        message: 'the patch deletes the test file `src/app.test.ts`; fix the code, not the tests',
        path: 'src/app.test.ts',
      },
    ]);
  });

  it('refuses a patch that adds it.skip( even though it changes a test', () => {
    const report = inspect(
      [
        { path: 'src/app.ts', removed: ['a'], added: ['b'] },
        { path: 'src/app.test.ts', removed: ["it('works', () => {"], added: ["it.skip('works', () => {"] },
      ],
      { requireTestChanges: true },
    );

    expect(codes(report)).toEqual(['tests_removed', 'tests_removed']);
    expect(report.findings.map((finding) => finding.message)).toEqual([
      '`src/app.test.ts` loses tests (1 test declarations removed, 0 added)',
      '`src/app.test.ts` adds 1 skip or focus marker(s) (it.skip, .only, @pytest.mark.skip, ...)',
    ]);
  });

  it('reports the checks in their fixed order', () => {
    const report = inspect(
      [
        { path: 'infra/main.tf', added: [privateKeyHeader] },
        { path: 'link', mode: '120000', added: ['/etc/passwd'] },
        { path: 'vendor/lib', mode: '160000', added: ['Subproject commit abc'] },
        { path: 'src/app.py', added: lines(3) },
      ],
      {
        requireTestChanges: true,
        allowedPaths: ['docs/'],
        documentationOnly: true,
        settings: inspectionSettings({ maxChangedFiles: 1 }),
      },
    );

    expect(codes(report)).toEqual([
      'blocked_path',
      'secret',
      'symlink_outside',
      'submodule',
      'out_of_scope',
      'documentation_only',
      'too_many_files',
      'missing_tests',
    ]);
  });

  it('collapses many findings of one kind into ten plus a summary', () => {
    const changes = Array.from({ length: 13 }, (_, index) => ({
      path: `infra/m${String(index).padStart(2, '0')}.tf`,
      added: ['x'],
    }));

    const report = inspect(changes, { settings: inspectionSettings({ maxChangedFiles: 100 }) });

    expect(report.findings).toHaveLength(11);
    expect(report.findings[10]).toEqual({ code: 'blocked_path', message: '... and 3 more of the same kind' });
  });

  it('lists more than five out-of-scope files with a count', () => {
    const changes = Array.from({ length: 7 }, (_, index) => ({ path: `src/f${index}.py`, added: ['x'] }));

    const report = inspect(changes, { allowedPaths: ['README.md'] });

    expect(report.findings[0]?.message).toMatch(/src\/f4\.py and 2 more$/);
  });
});

describe('describeFindings', () => {
  it('gives one line per finding', () => {
    const report = inspect([{ path: 'app.py', removed: ['a'], added: ['b'] }], {
      requireTestChanges: true,
      allowedPaths: ['README.md'],
    });

    expect(describeFindings(report.findings)).toEqual([
      "changes outside the plan's paths (README.md): app.py",
      'a bug fix must add or update a test that covers it, and this patch changes no test file',
    ]);
  });
});

describe('isPermanentFinding', () => {
  it('treats every finding but an empty change as permanent', () => {
    const permanent = findingCodes.filter((code) => isPermanentFinding(code));

    expect(permanent).toEqual(findingCodes.filter((code) => code !== 'no_changes'));
  });
});
