/** Where the page keeps the operator's ADMIN_TOKEN: per tab, gone when the tab closes. */
export const adminTokenStorageKey = 'patchloop-admin-token';

/** The page's inline stylesheet: readable tables, no external fonts or assets. */
export const dashboardStyles = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2330; background: #f7f8fa; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
section { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: .5rem 1rem 1rem; margin-bottom: 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eef0f4; vertical-align: top; }
th { font-weight: 600; color: #4a5262; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
#queues th:not(:first-child) { text-align: right; }
.meta { color: #5b6475; }
.empty { color: #7a8293; font-style: italic; }
.status-running { color: #0b63c5; } .status-done { color: #1a7f37; }
.status-dead_letter { color: #c62828; } .status-retry_waiting { color: #b26a00; }
.level-error { color: #c62828; } .level-warn { color: #b26a00; }
.error { color: #c62828; white-space: pre-wrap; word-break: break-word; }
#admin-token-form[hidden] { display: none; }
#dashboard-message:empty { display: none; }
#dashboard-message { padding: .5rem; background: #fff4e5; border: 1px solid #f0c36d; border-radius: 4px; }
button { cursor: pointer; }
`;

/**
 * The page's only script: a Retry button POSTs to the dashboard retry route (sending the stored
 * ADMIN_TOKEN when there is one) and reloads on success; a 401 reveals the token field.
 */
export const dashboardScript = `
(() => {
  const key = ${JSON.stringify(adminTokenStorageKey)};
  const message = document.getElementById('dashboard-message');
  const form = document.getElementById('admin-token-form');
  const input = document.getElementById('admin-token');
  const say = (text) => { message.textContent = text; };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(key, input.value.trim());
    form.hidden = true;
    say('Token saved for this tab; click Retry again.');
  });
  for (const button of document.querySelectorAll('button[data-retry-task]')) {
    button.addEventListener('click', async () => {
      const id = button.dataset.retryTask;
      const token = sessionStorage.getItem(key);
      const headers = token ? { authorization: 'Bearer ' + token } : {};
      button.disabled = true;
      try {
        const response = await fetch('/dashboard/tasks/' + id + '/retry', { method: 'POST', headers });
        if (response.ok) { location.reload(); return; }
        const body = await response.json().catch(() => ({}));
        if (response.status === 401) form.hidden = false;
        say('Retry of task ' + id + ' failed (' + response.status + '): ' + (body.message || 'no details'));
      } catch (error) {
        say('Retry of task ' + id + ' failed: ' + error);
      }
      button.disabled = false;
    });
  }
})();
`;
