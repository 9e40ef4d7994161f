import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCodeScenario } from './code-harness.js';

const todo = ['# TODO', '', '- [ ] Add a widget speed setting', '- [ ] Document the widget modes', ''].join(
  '\n',
);

describe('the Markdown backlog and the idle scan', () => {
  it('turns a TODO.md item into one issue that closing does not replace and ticking closes', async () => {
    const scenario = await startCodeScenario({
      env: { EXECUTION_ENABLE_BACKLOG_SOURCE: 'true', EXECUTION_BACKLOG_FILE_PATHS: 'TODO.md' },
    });
    const { model } = scenario.github;
    const todoPath = path.join(scenario.clone, 'TODO.md');
    writeFileSync(todoPath, todo);

    await scenario.settle();
    const created = model.listIssues();
    await scenario.settle();
    const speed = created.find((issue) => issue.title.includes('widget speed'));
    const docs = created.find((issue) => issue.title.includes('widget modes'));
    model.closeIssue(docs?.number ?? 0, 'maintainer');
    await scenario.settle();
    writeFileSync(
      todoPath,
      readFileSync(todoPath, 'utf8').replace('- [ ] Add a widget speed', '- [x] Add a widget speed'),
    );
    await scenario.settle();

    expect(created).toHaveLength(2);
    expect(model.listIssues()).toHaveLength(2);
    expect(speed?.labels.map((label) => label.name)).toContain('autocode');
    expect(readFileSync(todoPath, 'utf8')).toContain(`issue: [#${speed?.number}]`);
    expect(model.issue(speed?.number ?? 0).state).toBe('closed');
    expect(
      model
        .comments(speed?.number ?? 0)
        .map((comment) => comment.body)
        .join('\n'),
    ).toContain('ticked');
    expect(model.issue(docs?.number ?? 0).state).toBe('closed');
  });

  it('files at most the configured number of idle findings per cycle, each once', async () => {
    const scenario = await startCodeScenario({
      env: { EXECUTION_ENABLE_IDLE_SCANNER: 'true', EXECUTION_IDLE_SCANNER_MAX_ITEMS_PER_CYCLE: '2' },
    });
    mkdirSync(path.join(scenario.clone, 'lib'));
    writeFileSync(
      path.join(scenario.clone, 'lib', 'gears.js'),
      ['// TODO: handle worn gears', 'export const gears = 3;', '// FIXME: gear ratio rounds down', ''].join(
        '\n',
      ),
    );
    writeFileSync(
      path.join(scenario.clone, 'lib', 'belts.js'),
      ['// TODO: tension the belts', ''].join('\n'),
    );

    const counts: number[] = [];
    for (let cycle = 0; cycle < 3; cycle += 1) {
      await scenario.daemon.scanIdleOnce();
      await scenario.settle();
      counts.push(scenario.github.model.listIssues().length);
    }

    expect(counts).toEqual([2, 3, 3]);
    const titles = scenario.github.model.listIssues().map((issue) => issue.title);
    expect(new Set(titles).size).toBe(3);
  });
});
