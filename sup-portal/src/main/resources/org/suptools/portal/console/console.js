// The SUP portal console. Every value from the portal goes into the page as text (textContent, text nodes,
// property values), never as markup: a package name or log line with HTML in it shows as the text it is.
// The admin token stays in this tab's sessionStorage and goes with each request in the Authorization header.
'use strict';

(function () {
  const TOKEN_KEY = 'sup-console-token';
  const REFRESH_MILLIS = 1000;
  let refreshTimer = null;
  let generation = 0;

  // --- building the page, as text only ---------------------------------------------------------------

  // el('td', {className: 'x'}, 'text', otherNode): properties are set as properties, children strings as text.
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([name, value]) => {
      if (name === 'dataset') {
        Object.entries(value).forEach(([k, v]) => { node.dataset[k] = String(v); });
      } else if (name === 'onclick' || name === 'onsubmit' || name === 'onchange') {
        node.addEventListener(name.substring(2), value);
      } else if (name === 'href') {
        // Only the console's own routes: a value from the portal never becomes a link elsewhere.
        node.setAttribute('href', '#/' + String(value).split('/').map(encodeURIComponent).join('/'));
      } else {
        node[name] = value;
      }
    });
    children.flat().forEach((child) => {
      if (child === null || child === undefined) {
        return;
      }
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  function text(value) {
    return value === null || value === undefined ? '' : String(value);
  }

  function when(instant) {
    if (!instant) {
      return '';
    }
    return String(instant).replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  }

  function badge(value) {
    return el('span', {className: 'badge ' + text(value).replace(/[^A-Za-z0-9_-]+/g, '-')}, text(value));
  }

  function table(headers, rows, id) {
    return el('table', id ? {id} : {},
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
      el('tbody', {}, rows));
  }

  function facts(pairs) {
    const list = el('dl', {className: 'facts'});
    pairs.forEach(([name, value]) => {
      list.appendChild(el('dt', {}, name));
      list.appendChild(el('dd', {}, value instanceof Node ? value : text(value)));
    });
    return list;
  }

  function status(message) {
    document.getElementById('status').textContent = message;
  }

  // --- the API -----------------------------------------------------------------------------------------

  class Refused extends Error {}

  async function api(method, path, body, contentType) {
    const headers = {'Authorization': 'Bearer ' + (sessionStorage.getItem(TOKEN_KEY) || '')};
    const init = {method, headers, cache: 'no-store', credentials: 'omit'};
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
      init.body = contentType ? body : JSON.stringify(body);
    }
    const response = await fetch('api/' + path, init);
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      showLogin('The admin token was refused. Sign in again.');
      throw new Refused('signed out');
    }
    if (response.status === 204) {
      return null;
    }
    const reply = await response.json();
    if (!response.ok) {
      throw new Error(reply.error || ('HTTP ' + response.status));
    }
    return reply;
  }

  // --- signing in -------------------------------------------------------------------------------------

  function showLogin(message) {
    stopRefresh();
    document.getElementById('nav').hidden = true;
    document.getElementById('view').hidden = true;
    document.getElementById('login').hidden = false;
    document.getElementById('login-error').textContent = message || '';
    document.getElementById('token').focus();
  }

  async function signIn(event) {
    event.preventDefault();
    const field = document.getElementById('token');
    sessionStorage.setItem(TOKEN_KEY, field.value.trim());
    field.value = '';
    try {
      await api('GET', 'session');
    } catch (e) {
      if (!(e instanceof Refused)) {
        showLogin('The portal cannot be reached: ' + e.message);
      }
      return;
    }
    document.getElementById('login').hidden = true;
    document.getElementById('nav').hidden = false;
    document.getElementById('view').hidden = false;
    if (!location.hash || location.hash === '#') {
      location.hash = '#/campaigns';
    } else {
      route();
    }
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin('Signed out.');
  }

  // --- routing and refreshing ---------------------------------------------------------------------------

  function stopRefresh() {
    if (refreshTimer !== null) {
      clearTimeout(refreshTimer);
      refreshTimer = null;
    }
    generation++;
  }

  // Renders the page now and, when live, again every second while it stays the current page.
  async function show(render, live) {
    stopRefresh();
    const mine = generation;
    const view = document.getElementById('view');
    const tick = async () => {
      try {
        const content = await render();
        if (mine !== generation) {
          return;
        }
        // Replaced only when something changed, so a reader's selection and the elements stay put.
        const fresh = el('div', {className: 'page'}, content);
        if (!view.firstChild || !fresh.isEqualNode(view.firstChild)) {
          view.replaceChildren(fresh);
        }
        status(live ? 'live: updated ' + new Date().toLocaleTimeString() : 'loaded ' + new Date().toLocaleTimeString());
      } catch (e) {
        if (e instanceof Refused || mine !== generation) {
          return;
        }
        status('error: ' + e.message);
      }
      if (live && mine === generation) {
        refreshTimer = setTimeout(tick, REFRESH_MILLIS);
      }
    };
    await tick();
  }

  function route() {
    if (!sessionStorage.getItem(TOKEN_KEY)) {
      showLogin('');
      return;
    }
    const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    document.querySelectorAll('nav a').forEach((a) => {
      a.classList.toggle('current', a.getAttribute('href') === '#/' + parts[0]);
    });
    if (parts[0] === 'things' && parts.length === 2) {
      show(() => thingPage(parts[1]), true);
    } else if (parts[0] === 'things') {
      show(thingsPage, true);
    } else if (parts[0] === 'files') {
      show(filesPage, false);
    } else if (parts[0] === 'campaigns' && parts.length === 2) {
      show(() => campaignPage(parts[1]), true);
    } else {
      show(campaignsPage, false);
    }
  }

  // --- things -------------------------------------------------------------------------------------------

  function agentStateText(state) {
    if (!state) {
      return '';
    }
    return [state.state, state.window, state.reason ? '(' + state.reason + ')' : null].filter(Boolean).join(' ');
  }

  function confirmationText(last) {
    if (!last) {
      return '';
    }
    return [last.status, last.name && last.version ? last.name + ' ' + last.version : last.name,
      last.errorCode !== 0 ? 'code ' + last.errorCode : null].filter(Boolean).join(' · ');
  }

  async function thingsPage() {
    const things = await api('GET', 'things');
    const rows = things.map((t) => el('tr', {dataset: {thing: t.key}},
      el('td', {}, el('a', {href: 'things/' + t.key}, t.key)),
      el('td', {className: 'mono'}, t.appId),
      el('td', {}, badge(t.connection)),
      el('td', {}, t.installed.map((p) => p.name + ' ' + p.version).join(', ')),
      el('td', {}, agentStateText(t.agentState)),
      el('td', {className: 'wrap'}, confirmationText(t.lastConfirmation))));
    return [el('h2', {}, 'Things (' + things.length + ')'),
      table(['Thing key', 'App id', 'Connection', 'Installed packages', 'Agent state (sup.update.state)',
        'Last confirmation'], rows, 'things')];
  }

  async function thingPage(key) {
    const t = await api('GET', 'things/' + encodeURIComponent(key));
    const installed = t.installed.map((p) => el('tr', {},
      el('td', {}, p.name), el('td', {}, p.version), el('td', {}, when(p.on)), el('td', {className: 'mono'}, p.mailboxId)));
    const last = t.lastConfirmation;
    const log = el('ol', {className: 'log', id: 'log'}, t.log.map((line) => el('li',
      {className: 'level-' + text(line.level)}, el('span', {className: 'when'}, when(line.ts || line.receivedOn)),
      line.msg)));
    const attributes = Object.entries(t.attributes).map(([name, a]) => el('tr', {},
      el('td', {className: 'mono'}, name), el('td', {className: 'wrap mono'}, a.value), el('td', {}, when(a.receivedOn))));
    return [
      el('h2', {}, 'Thing ' + t.key),
      facts([['Thing key', t.key], ['App id', t.appId], ['Created', when(t.createdOn)],
        ['Connection', badge(t.connection)],
        ['Agent state', agentStateText(t.agentState) + (t.agentState ? ' since ' + when(t.agentState.on) : '')],
        ['Agent\'s campaign', t.agentState ? text(t.agentState.campaignId) : '']]),
      el('h3', {}, 'Installed packages'),
      table(['Package', 'Version', 'Installed', 'Mailbox message'], installed, 'installed'),
      el('h3', {}, 'Last confirmation.json'),
      last ? facts([['Status', badge(last.status)], ['Package', text(last.name) + ' ' + text(last.version)],
        ['Error code', String(last.errorCode)], ['Message', text(last.errorMessage)],
        ['Completed', when(last.completedOn)], ['Campaign', text(last.campaignId)], ['Mailbox message', last.mailboxId],
        ['Reported by', last.by]])
        : el('p', {className: 'hint'}, 'No install reported yet.'),
      el('h3', {}, 'Log (' + t.log.length + ' of ' + t.logLines + ' lines, log.publish)'),
      log,
      el('h3', {}, 'Attributes'),
      table(['Key', 'Value', 'Received'], attributes, 'attributes')];
  }

  // --- Developer Files ------------------------------------------------------------------------------------

  async function filesPage() {
    const files = await api('GET', 'files');
    const rows = files.map((f) => el('tr', {dataset: {file: f.name}},
      el('td', {className: 'mono'}, f.name),
      el('td', {}, f.sup ? text(f.packageName) : '(not a .sup)'),
      el('td', {}, text(f.version)),
      el('td', {className: 'mono wrap'}, f.signers ? (f.signers.length ? f.signers.join('\n') : 'unsigned') : ''),
      el('td', {}, String(f.size)),
      el('td', {}, when(f.uploadedOn)),
      el('td', {className: 'error'}, text(f.problem))));
    const chooser = el('input', {type: 'file', id: 'upload-file', accept: '.sup'});
    const result = el('p', {id: 'upload-result', role: 'status'});
    const form = el('form', {className: 'panel', id: 'upload-form', onsubmit: async (event) => {
      event.preventDefault();
      const file = chooser.files[0];
      if (!file) {
        result.textContent = 'Choose a .sup file first.';
        return;
      }
      result.textContent = 'uploading ' + file.name + ' ...';
      try {
        const stored = await api('POST', 'files?name=' + encodeURIComponent(file.name), file, 'application/octet-stream');
        result.textContent = 'uploaded ' + stored.name + ' (' + stored.size + ' bytes)';
        route();
      } catch (e) {
        result.textContent = 'refused: ' + e.message;
        result.className = 'error';
      }
    }}, el('label', {htmlFor: 'upload-file'}, 'Upload a .sup '), chooser,
    el('button', {type: 'submit', id: 'upload-button', className: 'primary'}, 'Upload'));
    return [el('h2', {}, 'Developer Files (' + files.length + ')'), form, result,
      table(['File', 'Package', 'Version', 'Signers (key ids)', 'Bytes', 'Uploaded', 'Problem'], rows, 'files')];
  }

  // --- campaigns -----------------------------------------------------------------------------------------

  async function campaignsPage() {
    const [campaigns, files, things] = await Promise.all([api('GET', 'campaigns'), api('GET', 'files'),
      api('GET', 'things')]);
    const rows = campaigns.map((c) => el('tr', {dataset: {campaign: c.id}},
      el('td', {}, el('a', {href: 'campaigns/' + c.id}, c.id)), el('td', {}, c.name), el('td', {className: 'mono'}, c.fileName),
      el('td', {}, badge(c.state)), el('td', {}, c.succeeded + ' / ' + c.failed + ' / ' + c.memberCount),
      el('td', {}, when(c.createdOn)), el('td', {}, when(c.startedOn))));
    // Only a .sup the portal could read can be chosen: the same rule as campaign create.
    const choices = files.filter((f) => f.sup && !f.problem);
    const select = el('select', {id: 'campaign-file', required: true},
      choices.map((f) => el('option', {value: f.name}, f.name + ' (' + f.packageName + ' ' + f.version + ')')));
    const thingBoxes = things.map((t) => el('label', {},
      el('input', {type: 'checkbox', name: 'thing', value: t.key}), ' ' + t.key));
    const approvals = ['download', 'execution'].map((stage) => el('label', {},
      el('input', {type: 'checkbox', name: 'approval', value: stage}), ' hold ' + stage + ' for approval'));
    const name = el('input', {type: 'text', id: 'campaign-name', required: true, value: 'rollout'});
    const timeout = el('input', {type: 'number', id: 'campaign-timeout', min: 1, value: 1200});
    const result = el('p', {id: 'create-result', className: 'error', role: 'alert'});
    const form = el('form', {className: 'panel', id: 'create-form', onsubmit: async (event) => {
      event.preventDefault();
      const chosen = [...form.querySelectorAll('input[name=thing]:checked')].map((box) => box.value);
      const held = [...form.querySelectorAll('input[name=approval]:checked')].map((box) => box.value);
      try {
        const created = await api('POST', 'campaigns', {name: name.value, file: select.value, things: chosen,
          timeout: Number(timeout.value), approval: held});
        location.hash = '#/campaigns/' + encodeURIComponent(created.id);
      } catch (e) {
        if (!(e instanceof Refused)) {
          result.textContent = 'refused: ' + e.message;
        }
      }
    }},
    el('h3', {}, 'New campaign'),
    el('div', {}, el('label', {htmlFor: 'campaign-name'}, 'Name '), name,
      el('label', {htmlFor: 'campaign-file'}, ' .sup '), select,
      el('label', {htmlFor: 'campaign-timeout'}, ' Timeout (s) '), timeout),
    el('div', {id: 'campaign-things'}, el('strong', {}, 'Things: '), thingBoxes),
    el('div', {}, approvals),
    el('button', {type: 'submit', id: 'create-campaign', className: 'primary'}, 'Create campaign'));
    return [el('h2', {}, 'Campaigns (' + campaigns.length + ')'),
      table(['Id', 'Name', '.sup', 'State', 'Success / failure / members', 'Created', 'Started'], rows, 'campaigns'),
      form, result];
  }

  function action(label, id, className, path, body) {
    return el('button', {type: 'button', id, className, onclick: async (event) => {
      event.target.disabled = true;
      try {
        await api('POST', path, body);
        status(label + ': done');
      } catch (e) {
        if (!(e instanceof Refused)) {
          document.getElementById('action-error').textContent = label + ' refused: ' + e.message;
        }
      }
      route();
    }}, label);
  }

  async function campaignPage(id) {
    const c = await api('GET', 'campaigns/' + encodeURIComponent(id));
    const total = c.members.length;
    const busy = c.members.filter((m) => m.status === 'In Progress').length;
    const ready = c.members.filter((m) => m.status === 'Ready').length;
    const offered = c.waitingForAcceptance || 0;
    const done = c.succeeded + c.failed;
    const bar = el('div', {className: 'bar', id: 'bar', title: done + ' of ' + total + ' completed'});
    [['success', c.succeeded], ['failure', c.failed], ['busy', busy]].forEach(([kind, count]) => {
      const part = el('div', {className: kind});
      part.style.width = (total ? (100 * count / total) : 0) + '%';
      bar.appendChild(part);
    });
    const base = 'campaigns/' + encodeURIComponent(c.id) + '/';
    const actions = el('div', {className: 'actions'});
    if (c.state === 'Draft') {
      actions.appendChild(action('Start', 'start', 'primary', base + 'start'));
    }
    if (c.state === 'Running') {
      actions.appendChild(action('Approve download', 'approve-download', '', base + 'approve', {type: 'download'}));
      actions.appendChild(action('Approve execution', 'approve-execution', '', base + 'approve', {type: 'execution'}));
    }
    if (c.state === 'Draft' || c.state === 'Running') {
      actions.appendChild(action('Cancel', 'cancel', 'danger', base + 'cancel'));
    }
    const rows = c.members.map((m) => el('tr', {dataset: {thing: m.thingKey}},
      el('td', {}, el('a', {href: 'things/' + m.thingKey}, m.thingKey)),
      el('td', {className: 'member-status'}, badge(m.status)),
      el('td', {className: 'member-result'}, m.result ? badge(m.result) : ''),
      el('td', {className: 'member-code'}, m.errorCode === undefined || m.errorCode === null ? '' : String(m.errorCode)),
      el('td', {className: 'member-message wrap'}, text(m.errorMessage)),
      el('td', {}, when(m.startedOn)),
      el('td', {}, when(m.completedOn)),
      el('td', {className: 'member-progress wrap'}, text(m.progress)),
      el('td', {className: 'wrap'}, agentStateText(m.agentState))));
    return [
      el('h2', {}, 'Campaign ' + c.id + ': ' + c.name),
      facts([['State', badge(c.state)], ['.sup', c.fileName], ['Timeout', c.timeout + ' s'],
        ['Created', when(c.createdOn)], ['Started', when(c.startedOn)], ['Completed', when(c.completedOn)],
        ['Cancelled', when(c.cancelledOn)]]),
      el('div', {className: 'counts', id: 'counts'},
        el('div', {}, 'members ', el('span', {id: 'count-total'}, String(total))),
        el('div', {}, 'ready ', el('span', {id: 'count-ready'}, String(ready))),
        el('div', {}, 'waiting for acceptance ', el('span', {id: 'count-offered'}, String(offered))),
        el('div', {}, 'in progress ', el('span', {id: 'count-busy'}, String(busy))),
        el('div', {}, 'success ', el('span', {id: 'count-success'}, String(c.succeeded))),
        el('div', {}, 'failure ', el('span', {id: 'count-failure'}, String(c.failed)))),
      bar,
      actions,
      el('p', {id: 'action-error', className: 'error', role: 'alert'}),
      table(['Thing', 'Status', 'Result', 'Code', 'Message', 'Started', 'Completed', 'Progress (mailbox.update)',
        'Agent state'], rows, 'members')];
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('login-form').addEventListener('submit', signIn);
    document.getElementById('sign-out').addEventListener('click', signOut);
    window.addEventListener('hashchange', route);
    if (sessionStorage.getItem(TOKEN_KEY)) {
      document.getElementById('nav').hidden = false;
      document.getElementById('view').hidden = false;
      route();
    } else {
      showLogin('');
    }
  });
}());
