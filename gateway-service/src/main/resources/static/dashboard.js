// The operations dashboard: analytics and health for agents and admins, redrawn every few seconds.
// Charts are plain SVG built here (no chart library, nothing from a CDN); all text goes in as text nodes.
'use strict';

(() => {
  const { el, svg, call, Identity, AGENTS } = Switchboard;
  const $ = id => document.getElementById(id);
  const REFRESH_MS = 5000;
  const COLORS = { bars: '#9db4ef', line: '#c53030', kb: '#1f8a4c', llm: '#7b3fc4', escalation: '#b7791f',
    tech_support: '#2456d6', billing: '#7b3fc4', general: '#0f7c78' };

  const OUTCOME_COLORS = { applied: '#1f8a4c', allowed: '#9db4ef', confirmation_required: '#b7791f', refused: '#c53030',
    not_found: '#718096' };

  const identity = new Identity('switchboard.dashboard');
  let timer = null;

  const percent = v => (v === null || v === undefined ? '–' : `${Math.round(v * 1000) / 10}%`);
  const count = v => (v === null || v === undefined ? '–' : Number(v).toLocaleString());

  function setCard(metric, text) {
    document.querySelector(`.card[data-metric="${metric}"] .value`).textContent = text;
  }

  // ---- charts ----------------------------------------------------------------------------------------------------

  /** Messages per minute as bars and p95 response time as a line, over the last 60 minutes (gaps are zero). */
  function volumeChart(rows) {
    const W = 640; const H = 220; const L = 36; const R = 64; const T = 10; const B = 24;
    const now = Math.floor(Date.now() / 60_000);
    const byMinute = new Map(rows.map(r => [Math.floor(new Date(r.bucket).getTime() / 60_000), r]));
    const minutes = Array.from({ length: 60 }, (_, i) => now - 59 + i);
    const messages = minutes.map(m => Number((byMinute.get(m) || {}).messages || 0));
    const p95 = minutes.map(m => (byMinute.get(m) || {}).p95_ms);
    const maxMessages = Math.max(1, ...messages);
    const maxP95 = Math.max(1, ...p95.filter(v => v != null).map(Number));
    const x = i => L + (i * (W - L - R)) / 60;
    const barWidth = (W - L - R) / 60 - 1;
    const yLeft = v => H - B - (v / maxMessages) * (H - T - B);
    const yRight = v => H - B - (v / maxP95) * (H - T - B);
    const points = p95.map((v, i) => (v == null ? null : `${x(i) + barWidth / 2},${yRight(Number(v))}`)).filter(Boolean);
    return svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'messages and p95 per minute', 'data-chart': 'volume' },
      svg('line', { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: '#dde2ea' }),
      messages.map((v, i) => svg('rect', { x: x(i), y: yLeft(v), width: barWidth, height: H - B - yLeft(v), fill: COLORS.bars },
        svg('title', {}, `${new Date(minutes[i] * 60_000).toLocaleTimeString()}: ${v} messages`))),
      points.length > 1 ? svg('polyline', { points: points.join(' '), fill: 'none', stroke: COLORS.line, 'stroke-width': 2 }) : null,
      points.map(p => { const [cx, cy] = p.split(','); return svg('circle', { cx, cy, r: 2.5, fill: COLORS.line }); }),
      svg('text', { x: L - 6, y: T + 10, 'text-anchor': 'end' }, String(maxMessages)),
      svg('text', { x: L - 6, y: H - B, 'text-anchor': 'end' }, '0'),
      svg('text', { x: W - R + 6, y: T + 10 }, `${Math.round(maxP95)} ms`),
      [0, 15, 30, 45, 59].map(i => svg('text', { x: x(i), y: H - 6 },
        new Date(minutes[i] * 60_000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))));
  }

  /**
   * Up to eight rows (most frequent first) as horizontal bars with their count and share: `key` names the row's
   * data attribute, `name`, `color` and `title` read a row.
   */
  function countBars(rows, { chart, aria, label, key, name, color, title, empty = 'No classified messages yet.' }) {
    const top = rows.slice(0, 8);
    if (!top.length) return el('p', { class: 'hint' }, empty);
    const W = 640; const row = 26; const H = top.length * row + 8;
    const max = Math.max(...top.map(d => Number(d.count)));
    return svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': aria, 'data-chart': chart },
      top.map((d, i) => {
        const width = Math.max(2, ((W - label - 70) * Number(d.count)) / max);
        return svg('g', { [`data-${key}`]: d[key] },
          svg('text', { x: label - 8, y: i * row + 18, 'text-anchor': 'end' }, name(d)),
          svg('rect', { x: label, y: i * row + 5, width, height: row - 10, rx: 3, fill: color(d) },
            svg('title', {}, title(d))),
          svg('text', { x: label + width + 6, y: i * row + 18 }, `${count(d.count)} · ${percent(d.share)}`));
      }));
  }

  /** The most frequent intents, coloured by agent. */
  function intentChart(distribution) {
    return countBars(distribution, { chart: 'intents', aria: 'intent distribution', label: 210, key: 'intent',
      name: d => d.intent, color: d => COLORS[d.agent] || COLORS.bars,
      title: d => `${d.intent} (${AGENTS[d.agent] || d.agent}): ${d.count}` });
  }

  /** The languages messages were read as; those not in English got the language reply. */
  function languageChart(report) {
    const names = new Intl.DisplayNames(['en'], { type: 'language' });
    return countBars(report.languages || [], { chart: 'languages', aria: 'languages', label: 160, key: 'language',
      name: d => names.of(d.language) || d.language, color: d => (d.language === 'en' ? COLORS.bars : COLORS.escalation),
      title: d => `${d.language}: ${d.count}` });
  }

  /** account-service's actions by tool and outcome, most frequent first: refusals and unconfirmed quotes stand out. */
  function actionChart(report) {
    const total = Number(report.total) || 0;
    const rows = (report.actions || [])
      .map(a => ({ ...a, kind: `${a.action}:${a.outcome}`, share: total ? Number(a.count) / total : null }))
      .sort((a, b) => Number(b.count) - Number(a.count));
    return countBars(rows, { chart: 'actions', aria: 'account actions', label: 300, key: 'kind',
      name: d => `${d.action} · ${d.outcome.replaceAll('_', ' ')}`, color: d => OUTCOME_COLORS[d.outcome] || COLORS.bars,
      title: d => `${d.action}, ${d.outcome}: ${d.count}`, empty: 'No account actions yet.' });
  }

  /** Share of replies from the knowledge base and from the LLM fallback, and of conversations escalated. */
  function sourcesChart(overview) {
    const rows = [['Knowledge base (of replies)', overview.kbAnswerRate, COLORS.kb, 'kb'],
      ['LLM fallback (of replies)', overview.llmFallbackRate, COLORS.llm, 'llm'],
      ['Escalated to a person (of conversations)', overview.escalationRate, COLORS.escalation, 'escalation']];
    const W = 640; const row = 34; const label = 260;
    return svg('svg', { viewBox: `0 0 ${W} ${rows.length * row + 6}`, role: 'img', 'aria-label': 'answer sources', 'data-chart': 'sources' },
      rows.map(([name, value, color, key], i) => svg('g', { 'data-source': key },
        svg('text', { x: label - 8, y: i * row + 21, 'text-anchor': 'end' }, name),
        svg('rect', { x: label, y: i * row + 8, width: W - label - 70, height: 18, rx: 3, fill: '#eef1f6' }),
        svg('rect', { x: label, y: i * row + 8, width: (W - label - 70) * (value || 0), height: 18, rx: 3, fill: color }),
        svg('text', { x: W - 62, y: i * row + 21 }, percent(value)))));
  }

  /** CSAT (share of conversation ratings of 4 or 5) as a half gauge, with the number of ratings. */
  function csatChart(overview, satisfaction) {
    const W = 320; const H = 180; const cx = W / 2; const cy = 150; const r = 110;
    const value = overview.csat;
    const angle = Math.PI * (1 - (value || 0));
    const arc = (to, color) => svg('path', { d: `M ${cx - r} ${cy} A ${r} ${r} 0 0 1 ${cx + r * Math.cos(to)} ${cy - r * Math.sin(to)}`,
      fill: 'none', stroke: color, 'stroke-width': 22 });
    const overTime = satisfaction.overTime || [];
    const ratings = overTime.reduce((sum, b) => sum + Number(b.ratings), 0);
    const average = ratings ? overTime.reduce((sum, b) => sum + Number(b.avg_rating) * Number(b.ratings), 0) / ratings : null;
    return svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'customer satisfaction', 'data-chart': 'csat' },
      arc(0, '#eef1f6'),
      value ? arc(angle, COLORS.kb) : null,
      svg('text', { x: cx, y: cy - 20, 'text-anchor': 'middle', class: 'big' }, percent(value)),
      svg('text', { x: cx, y: cy + 2, 'text-anchor': 'middle' },
        `${count(overview.ratings)} ratings${average ? ` · average ${average.toFixed(1)} / 5` : ''}`));
  }

  /** The unanswered questions grouped by similarity, most asked first: what the knowledge base should cover next. */
  function gapsTable(report) {
    const gaps = report.gaps || [];
    if (!gaps.length) return el('p', { class: 'hint' }, 'No unanswered questions.');
    return el('table', { 'data-chart': 'gaps' },
      el('caption', { class: 'hint' },
        `${count(report.unanswered)} unanswered question${Number(report.unanswered) === 1 ? '' : 's'}`),
      el('thead', {}, el('tr', {}, el('th', {}, 'Asked'), el('th', {}, 'Question'), el('th', {}, 'Also asked as'))),
      el('tbody', {}, ...gaps.map(gap => el('tr', { 'data-count': gap.count },
        el('td', {}, count(gap.count)), el('td', {}, gap.question), el('td', {}, gap.examples.join(' · '))))));
  }

  // ---- health ----------------------------------------------------------------------------------------------------

  async function health() {
    const admin = identity.roles.includes('admin');
    let body;
    try {
      body = await call('GET', admin ? '/api/v1/health?detailed=true' : '/api/v1/health', null, identity.token);
    } catch (e) {
      body = { status: e.status === 503 ? 'DOWN' : 'unknown' };
    }
    const item = (name, status) => el('li', { 'data-service': name }, el('span', {}, name),
      el('span', { class: `status status-${status}` }, status));
    const items = [item('overall', body.status)];
    if (body.services) {
      Object.keys(body.services).sort().forEach(name => items.push(item(name, body.services[name].status)));
      if (body.kafka) items.push(item('kafka (reply listener)', body.kafka.replyListener));
      if (body.llm) items.push(item('llm', body.llm.mode || 'unknown'));
    }
    $('health').replaceChildren(...items);
    $('health-note').textContent = admin ? '' : 'Each service, Kafka and the LLM are shown to admins (sign in as admin).';
  }

  // ---- refresh ---------------------------------------------------------------------------------------------------

  async function refresh() {
    const token = identity.token;
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const [overview, metrics, intents, satisfaction, gaps, languages, actions] = await Promise.all([
      call('GET', '/api/v1/analytics/overview', null, token),
      call('GET', `/api/v1/analytics/metrics?interval=minute&from=${encodeURIComponent(hourAgo)}`, null, token),
      call('GET', '/api/v1/analytics/intents', null, token),
      call('GET', '/api/v1/analytics/satisfaction', null, token),
      call('GET', '/api/v1/analytics/knowledge-gaps?limit=10', null, token),
      call('GET', '/api/v1/analytics/languages', null, token),
      call('GET', '/api/v1/analytics/actions', null, token),
      health()]);
    setCard('conversations', count(overview.conversations));
    setCard('messages', count(overview.messages));
    setCard('replies', count(overview.replies));
    setCard('activeUsers', count(overview.activeUsers));
    setCard('p95', overview.replies ? `${Math.round(overview.responseTimeMs.p95)} ms` : '–');
    setCard('kbAnswerRate', percent(overview.kbAnswerRate));
    setCard('escalationRate', percent(overview.escalationRate));
    setCard('csat', percent(overview.csat));
    $('volume').replaceChildren(volumeChart(metrics));
    $('intents').replaceChildren(intentChart(intents.distribution || []));
    $('sources').replaceChildren(sourcesChart(overview));
    $('csat').replaceChildren(csatChart(overview, satisfaction));
    $('gaps').replaceChildren(gapsTable(gaps));
    $('languages').replaceChildren(languageChart(languages));
    $('actions').replaceChildren(actionChart(actions));
    $('updated').textContent = `Updated ${new Date().toLocaleTimeString()}`;
    $('updated').dataset.state = 'connected';
  }

  async function tick() {
    try {
      await refresh();
    } catch (e) {
      if (e.status === 401 || e.status === 403) {
        signedOut(e.status === 403 ? `${identity.name} may not see analytics: ${e.message}` : 'Please sign in again');
        return;
      }
      $('updated').textContent = `Refresh failed: ${e.message}`;
      $('updated').dataset.state = 'offline';
    }
    timer = setTimeout(tick, REFRESH_MS);
  }

  function signedIn() {
    $('signin').hidden = true;
    $('board').hidden = false;
    $('signout').hidden = false;
    $('who').textContent = `${identity.name} (${identity.roles.join(', ')})`;
    clearTimeout(timer);
    tick();
  }

  function signedOut(message) {
    clearTimeout(timer);
    identity.signOut();
    $('signin').hidden = false;
    $('board').hidden = true;
    $('signout').hidden = true;
    $('who').textContent = '';
    $('updated').textContent = 'Not signed in';
    $('updated').dataset.state = 'offline';
    $('signin-error').textContent = message || '';
  }

  $('signin').addEventListener('submit', async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      await identity.signIn(form.get('username').trim(), form.get('password'));
      $('signin-error').textContent = '';
      signedIn();
    } catch (e) {
      $('signin-error').textContent = e.message;
    }
  });
  $('signout').addEventListener('click', () => signedOut());

  if (identity.token) signedIn();
})();
