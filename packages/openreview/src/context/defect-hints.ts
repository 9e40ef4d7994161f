// Defect-locator hints (spec §5.3.5 item 4): for bug reports the model is pushed to name candidate
// modules and root-cause hypotheses instead of only asking the reporter for logs.

const bugWords =
  /\b(bugs?|errors?|crash(es|ed|ing)?|exceptions?|fail(s|ed|ing|ure)?|broken|traceback|freez(e|es|ing)|hangs?|white ?screen|black ?screen|blank ?screen)\b|报错|错误|崩溃|闪退|异常|失败|白屏|黑屏|卡死|无响应/i;
const uiWords =
  /\b(ui|gui|windows?|screens?|buttons?|panels?|dialogs?|desktop|settings|notifications?|tray|pages?|render(s|ing)?)\b|界面|窗口|设置|按钮|页面|弹窗|托盘|通知/i;

/** Whether the text reports a defect (bug, error, crash, white/black screen, Chinese equivalents). */
function reportsDefect(text: string): boolean {
  return bugWords.test(text);
}

/**
 * The defect-locator section, or null when the text has no bug words. `candidates` are the best
 * matched paths (at most three are shown).
 */
export function defectLocatorHints(text: string, candidates: readonly string[]): string | null {
  if (!reportsDefect(text)) return null;
  const lines = [
    '## Defect-locator hints',
    '- This reads like a defect report. Do not only ask for logs: name the candidate modules and give concrete root-cause hypotheses from the code below, then say which log or reproduction step would confirm each one.',
  ];
  if (uiWords.test(text)) {
    lines.push(
      '- It looks like a desktop/UI problem: check the window, settings and notification views, their state initialisation and rendering paths, and what happens when a setting is missing or invalid.',
    );
  }
  const top = candidates.slice(0, 3);
  if (top.length > 0) {
    lines.push('- Candidate paths:', ...top.map((path) => `  - ${path}`));
  } else {
    lines.push(
      '- No candidate file was found in the local repository; say so explicitly and name the modules to inspect.',
    );
  }
  return lines.join('\n');
}
