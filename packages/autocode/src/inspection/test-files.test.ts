import { describe, expect, it } from 'vitest';
import { defaultDocumentationScope } from './test-builders.js';
import {
  isDependencyManifest,
  isDocumentationPath,
  isEnvExample,
  isSupportingFile,
  isTestFile,
  isTestFileName,
} from './test-files.js';

describe('isTestFile', () => {
  it.each([
    'tests/test_app.py',
    'tests/helpers.py',
    'pkg/tests/helpers.py',
    'test/unit.js',
    'src/test/java/com/x/Thing.java',
    'src/__tests__/thing.ts',
    'spec/models/user_spec.rb',
    'test_parser.py',
    'pkg/test_parser.py',
    'parser_test.py',
    'conftest.py',
    'server_test.go',
    'app.test.js',
    'app.test.jsx',
    'src/app.test.ts',
    'src/app.test.tsx',
    'lib/app.test.mjs',
    'lib/app.test.cjs',
    'src/app.spec.ts',
    'src/app.spec.js',
    'src/main/java/com/x/ThingTest.java',
    'ThingTests.cs',
    'user_spec.rb',
    'SRC/APP.TEST.TS',
  ])('counts %j as a test file', (path) => {
    expect(isTestFile(path)).toBe(true);
  });

  it.each([
    'latest.py',
    'contest.py',
    'src/contest.java',
    'src/Contest.java',
    'src/testing.ts',
    'src/attest.go',
    'src/latest_test_data.json',
    'tests',
    'docs/testing.md',
    'src/spec.ts',
  ])('does not count %j as a test file', (path) => {
    expect(isTestFile(path)).toBe(false);
  });
});

describe('isTestFileName', () => {
  it('judges the name only, not the directory', () => {
    expect([isTestFileName('tests/helpers.py'), isTestFileName('src/app.test.ts')]).toEqual([false, true]);
  });
});

describe('isDependencyManifest', () => {
  it.each([
    'requirements.txt',
    'requirements-dev.txt',
    'services/api/requirements.lock',
    'constraints.txt',
    'pyproject.toml',
    'poetry.lock',
    'Pipfile',
    'Pipfile.lock',
    'setup.py',
    'package.json',
    'web/package-lock.json',
    'pnpm-lock.yaml',
    'yarn.lock',
    'Cargo.toml',
    'Cargo.lock',
    'go.mod',
    'go.sum',
    'Gemfile.lock',
    'composer.json',
    'mix.exs',
    'pubspec.yaml',
  ])('recognises %j as a dependency manifest', (path) => {
    expect(isDependencyManifest(path)).toBe(true);
  });

  it.each(['src/package.ts', 'notes.txt', 'go.mod.bak'])('does not take %j for a manifest', (path) => {
    expect(isDependencyManifest(path)).toBe(false);
  });
});

describe('isDocumentationPath', () => {
  it.each([
    'docs/guide.md',
    'docs/img/flow.png',
    'doc/api.rst',
    'README.md',
    'readme.md',
    'CHANGELOG.md',
    'AGENTS.md',
    'src/notes.txt',
    'guide.mdx',
    '.github/pull_request_template.md',
    '.github/instructions/review.instructions.md',
    '.claude/skills/release/SKILL.md',
  ])('treats %j as documentation', (path) => {
    expect(isDocumentationPath(path, defaultDocumentationScope)).toBe(true);
  });

  it.each([
    'docs/conf.py',
    'docs/build.sh',
    'docs/site/app.ts',
    'docs/plugin.js',
    'doc/tool.go',
    'docs/lib.rs',
    'docs/Tool.java',
    'docs/task.rb',
    'src/app.py',
    'requirements.txt',
    'docs/requirements.txt',
    'CMakeLists.txt',
    '.github/workflows/docs.yml',
  ])('does not treat the code file %j as documentation', (path) => {
    expect(isDocumentationPath(path, defaultDocumentationScope)).toBe(false);
  });

  it('accepts configured extensions with or without the leading dot', () => {
    const scope = { paths: [], extensions: ['.adoc', 'org'] };

    expect([
      isDocumentationPath('guide.adoc', scope),
      isDocumentationPath('notes.org', scope),
      isDocumentationPath('README.md', scope),
    ]).toEqual([true, true, false]);
  });
});

describe('isEnvExample', () => {
  it.each([
    ['.env.example', true],
    ['config/.env.sample', true],
    ['.env.template', true],
    ['.env', false],
    ['.env.local', false],
  ])('says %j is an env example: %s', (path, expected) => {
    expect(isEnvExample(path)).toBe(expected);
  });
});

describe('isSupportingFile', () => {
  it.each([
    'tests/test_app.py',
    'src/app.test.ts',
    'README.md',
    'src/NOTES.MD',
    'docs/guide.rst',
    'docs/img/flow.png',
    '.env.example',
    'fixtures/payload.json',
    'tests/fixtures/payload.json',
    'pkg/examples/demo.py',
  ])('leaves %j out of the budget', (path) => {
    expect(isSupportingFile(path)).toBe(true);
  });

  it.each(['src/app.py', 'docs/conf.py', 'docs/build.sh', 'package.json', 'notes.txt', 'fixtures'])(
    'counts %j in the budget',
    (path) => {
      expect(isSupportingFile(path)).toBe(false);
    },
  );
});
