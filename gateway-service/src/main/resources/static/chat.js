// The chat page: a guest token or a demo user's, one WebSocket, the conversation on screen.
// Every message on screen is keyed by its id, so what arrives twice (a reply frame and the same reply fetched after
// a reconnect) is shown once; what was missed while the socket was down is fetched from chat-service.
'use strict';

(() => {
  const { el, svg, uuid, call, Identity, AGENTS, SOURCES, time } = Switchboard;
  const $ = id => document.getElementById(id);
  const CONVERSATION_KEY = 'switchboard.chat.conversation';
  const CATCH_UP_EVERY_MS = 1500;
  const GIVE_UP_AFTER_MS = 60_000;

  const identity = new Identity('switchboard.chat');
  const state = {
    conversationId: null,
    shown: new Map(),        // message id -> its node
    lastStoredId: null,      // the newest message id chat-service is known (or believed) to have
    pending: new Map(),      // user message id -> when it was sent, until its reply is on screen
    unanswered: new Map(),   // user message id -> its frame, to send again when the gateway says it is busy or after a drop
    streams: new Map(),      // user message id -> {node, parts} while an LLM reply streams
    placeholders: new Map(), // user message id -> its timeout placeholder's node, until the real reply replaces it
    outbox: [],              // frames written while the socket was down or still catching up
    sending: false,          // the open socket has caught up and sent the outbox: frames may go straight out
    socket: null,
    connections: 0,
    attempt: 0,
    held: false,             // debug: keep the connection down until released
    loseNextFrame: false,    // debug: drop the next message's frame on the way
    catchUpTimer: null,
    replies: 0,
    chunks: 0,               // chunk frames received, and the streamed text a reply last replaced (for tests)
    lastStreamed: null,
  };

  // ---- identity --------------------------------------------------------------------------------------------------

  async function ensureToken() {
    if (!identity.token) await identity.signIn();
    $('who').textContent = identity.name && identity.name !== 'guest' ? identity.name : 'Guest';
  }

  function savedConversation() {
    const saved = JSON.parse(sessionStorage.getItem(CONVERSATION_KEY) || 'null');
    return saved && identity.current && saved.userId === identity.current.userId ? saved.id : null;
  }

  function rememberConversation(id) {
    state.conversationId = id;
    sessionStorage.setItem(CONVERSATION_KEY, JSON.stringify({ id, userId: identity.current.userId }));
  }

  // ---- the socket ------------------------------------------------------------------------------------------------

  function connect() {
    if (state.socket && state.socket.readyState <= WebSocket.OPEN) return;
    setConnection('connecting', 'Connecting…');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/api/v1/chat/ws?access_token=${encodeURIComponent(identity.token)}`);
    state.socket = socket;
    state.sending = false;
    socket.onopen = () => {
      state.connections += 1;
      state.attempt = 0;
      setConnection('connected', 'Connected');
      // whatever was answered while we were away is in chat-service: show it before sending what waited, or the
      // waiting message's reply could arrive first and the missed ones would land after it, out of the server's order
      const caughtUp = state.connections > 1 ? catchUp() : Promise.resolve();
      caughtUp.finally(() => {
        requeueUnanswered();
        flushOutbox(socket);
      });
    };
    socket.onmessage = event => onFrame(JSON.parse(event.data));
    socket.onclose = () => {
      if (state.socket !== socket) return;           // replaced on purpose (sign-in)
      state.socket = null;
      setConnection('offline', 'Reconnecting…');
      reconnectLater();
    };
  }

  function reconnectLater() {
    // doubling, half of it at random: after a gateway restart its clients must not all come back in the same second
    const backoff = Math.min(10_000, 500 * 2 ** state.attempt);
    const delay = backoff / 2 + Math.random() * backoff / 2;
    state.attempt += 1;
    setTimeout(async () => {
      if (state.held) return;                        // release() reconnects
      if (!identity.token) {                         // the token expired
        if (identity.current && identity.current.username !== 'guest') {
          setConnection('offline', 'Session expired: sign in again');
          $('account').open = true;
          return;
        }
        await identity.signIn().catch(() => {});     // a guest simply becomes a new guest
        reset();
        loadConversations();
      }
      connect();
    }, delay);
  }

  // A message sent on a connection that then dropped, and neither answered nor refused since (nor found by the catch-up),
  // may never have reached the gateway (in flight when it went down): it is sent again, with its id, which makes a
  // second sending safe (the gateway answers a known id with its first reply). Oldest first, as typed.
  function requeueUnanswered() {
    const queued = new Set(state.outbox.map(frame => frame.id));
    const again = [...state.unanswered.values()].filter(m => m.conversationId && !queued.has(m.id));
    state.outbox.unshift(...again);
  }

  function flushOutbox(socket) {
    if (state.socket !== socket || socket.readyState !== WebSocket.OPEN) return;  // gone meanwhile: the next open sends them
    state.outbox.splice(0).forEach(frame => socket.send(JSON.stringify(frame)));
    state.sending = true;
  }

  function setConnection(stateName, text) {
    const node = $('connection');
    node.dataset.state = stateName;
    node.textContent = text;
  }

  function sendFrame(frame) {
    if (state.loseNextFrame) state.loseNextFrame = false;
    else if (state.sending && state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(frame));
    else state.outbox.push(frame);
  }

  // ---- frames ----------------------------------------------------------------------------------------------------

  function onFrame(frame) {
    if (frame.type === 'chunk') onChunk(frame);
    else if (frame.type === 'reply') {
      showReply({ ...frame, role: 'assistant', inReplyTo: frame.messageId });
      state.lastStoredId = frame.id;               // chat-service stores it too; if not yet, catchUp reads it all
      refreshConversationsSoon();
    } else if (frame.type === 'error') onError(frame);
  }

  function onChunk(frame) {
    state.chunks += 1;
    confirm(frame.messageId);
    let stream = state.streams.get(frame.messageId);
    if (!stream) {
      const content = el('div', { class: 'content' });
      const node = el('article', { class: 'msg assistant streaming', 'data-reply-to': frame.messageId },
        el('div', { class: 'meta' }, el('span', { class: 'source source-llm' }, SOURCES.llm)), content);
      stream = { node, content, parts: [] };
      state.streams.set(frame.messageId, stream);
      insert(node, frame.messageId);
    }
    stream.parts[frame.sequence] = frame.delta;      // by sequence: a repeated chunk replaces itself
    stream.content.textContent = stream.parts.join('');
    updateTyping();
    scrollToEnd();
  }

  function onError(frame) {
    // busy (503) or this connection over its rate (429, after a reconnect sent every unanswered message at once)
    const again = (frame.status === 503 || frame.status === 429) && frame.retryAfter
        && state.unanswered.get(frame.messageId);
    if (again && Date.now() - state.pending.get(frame.messageId) < GIVE_UP_AFTER_MS) {
      // not refused: the gateway says when to try again, so the customer need not
      setTimeout(() => sendFrame(again), frame.retryAfter * 1000);
      return;
    }
    if (frame.messageId) {
      state.pending.delete(frame.messageId);
      state.unanswered.delete(frame.messageId);
    }
    const target = frame.messageId && state.shown.get(frame.messageId);
    const notice = el('p', { class: 'notice error', role: 'alert' }, `Not sent: ${frame.detail || 'error ' + frame.status}`);
    if (target) target.append(notice); else insert(notice);
    updateTyping();
  }

  // ---- messages on screen ----------------------------------------------------------------------------------------

  function showMessage(message) {
    if (message.role === 'assistant') return showReply(message);
    if (state.shown.has(message.id)) {
      state.shown.get(message.id).classList.remove('unconfirmed');
      return;
    }
    const node = el('article', { class: 'msg user', 'data-id': message.id },
      el('div', { class: 'content' }, message.content),
      el('div', { class: 'meta' }, el('time', {}, time(message.timestamp))));
    state.shown.set(message.id, node);
    insert(node);
    return node;
  }

  function confirm(messageId) {
    const user = messageId && state.shown.get(messageId);
    if (user) user.classList.remove('unconfirmed');
  }

  function showReply(reply) {
    state.pending.delete(reply.inReplyTo);
    state.unanswered.delete(reply.inReplyTo);
    confirm(reply.inReplyTo);
    const stream = state.streams.get(reply.inReplyTo);
    state.streams.delete(reply.inReplyTo);
    if (stream) state.lastStreamed = stream.content.textContent;
    if (!state.shown.has(reply.id)) {
      const node = replyNode(reply);
      state.shown.set(reply.id, node);
      // the gateway's "taking longer" placeholder gives way to the real answer when it comes (frame or history)
      const placeholder = !reply.placeholder && state.placeholders.get(reply.inReplyTo);
      if (stream) stream.node.replaceWith(node);
      else if (placeholder) placeholder.replaceWith(node);
      else insert(node, reply.inReplyTo);
      if (reply.placeholder) state.placeholders.set(reply.inReplyTo, node);
      else state.placeholders.delete(reply.inReplyTo);
      if (!placeholder) state.replies += 1;
      $('rate').hidden = false;
    } else if (stream) {
      stream.node.remove();
    }
    if (reply.conversationId && !state.conversationId) rememberConversation(reply.conversationId);
    updateTyping();
    scrollToEnd();
  }

  function replyNode(reply) {
    const references = (reply.references || []).filter(r => r && (r.title || r.id));
    // quick replies (a clarifying question's topics, a flow's options): a click sends the label with its id as choice
    const suggestions = (reply.suggestions || []).filter(s => s && s.id && s.label);
    const thanks = el('span', { class: 'thanks', role: 'status' });
    const up = el('button', { type: 'button', class: 'thumb up', 'aria-pressed': 'false', title: 'Helpful',
      'aria-label': 'Helpful' }, thumb());
    const down = el('button', { type: 'button', class: 'thumb down', 'aria-pressed': 'false', title: 'Not helpful',
      'aria-label': 'Not helpful' }, thumb());
    const rate = helpful => async () => {
      try {
        await call('POST', '/api/v1/feedback/rating', { messageId: reply.id, helpful }, identity.token);
        up.setAttribute('aria-pressed', String(helpful));
        down.setAttribute('aria-pressed', String(!helpful));
        thanks.textContent = 'Thanks for the feedback';
      } catch (e) {
        thanks.textContent = `Could not record that: ${e.message}`;
      }
    };
    up.addEventListener('click', rate(true));
    down.addEventListener('click', rate(false));
    return el('article', { class: 'msg assistant', 'data-id': reply.id, 'data-reply-to': reply.inReplyTo,
      'data-agent': reply.agent, 'data-source': reply.source },
    el('div', { class: 'meta' },
      el('span', { class: `badge agent-${reply.agent}` }, AGENTS[reply.agent] || reply.agent || 'Assistant'),
      el('span', { class: `source source-${reply.source}` }, SOURCES[reply.source] || reply.source),
      el('time', {}, time(reply.timestamp))),
    el('div', { class: 'content' }, reply.content),
    references.length ? el('details', { class: 'refs' },
      el('summary', {}, `${references.length} cited article${references.length > 1 ? 's' : ''}`),
      el('ul', {}, references.map(r => el('li', { 'data-article': r.id },
        el('strong', {}, r.title || r.id), r.snippet ? ` — ${r.snippet}` : '')))) : null,
    suggestions.length ? el('div', { class: 'suggestions', role: 'group', 'aria-label': 'Pick one' },
      suggestions.map(s => {
        const button = el('button', { type: 'button', class: 'suggestion', 'data-choice': s.id }, s.label);
        button.addEventListener('click', () => send(s.label, s.id));
        return button;
      })) : null,
    el('div', { class: 'actions' }, up, down, thanks));
  }

  /** A thumb drawn as SVG: emoji need a colour font that many machines lack. Down is the same, turned by CSS. */
  function thumb() {
    return svg('svg', { viewBox: '0 0 24 24', width: 16, height: 16, 'aria-hidden': 'true' },
      svg('path', { d: 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 '
        + '7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z' }));
  }

  /**
   * A reply goes after the message it answers (and that message's earlier replies); anything else from the server
   * goes before the messages of ours it has not acknowledged yet, so the order on screen stays the server's.
   */
  function insert(node, inReplyTo) {
    $('welcome').hidden = true;
    const list = $('messages');
    let after = inReplyTo && state.shown.get(inReplyTo);
    if (after) {
      while (after.nextElementSibling && after.nextElementSibling.dataset.replyTo === inReplyTo) after = after.nextElementSibling;
      after.after(node);
    } else {
      list.insertBefore(node, list.querySelector('.msg.unconfirmed'));
    }
  }

  function scrollToEnd() {
    const list = $('messages');
    list.scrollTop = list.scrollHeight;
  }

  function updateTyping() {
    $('typing').hidden = ![...state.pending.keys()].some(id => !state.streams.has(id));
  }

  // ---- sending ---------------------------------------------------------------------------------------------------

  // a conversation is started before its first message, so the page can read it back even before the first reply
  // (after a dropped connection, say); the gateway names it, bound to this customer
  let starting = null;
  function startConversation() {
    starting = starting || call('POST', '/api/v1/chat/conversations', null, identity.token)
      .then(started => { if (!state.conversationId) rememberConversation(started.conversationId); })
      // offline: the message goes without one, and its reply names the conversation it started
      .catch(() => {})
      .finally(() => { starting = null; });
    return starting;
  }

  async function send(content, choice) {
    const message = { id: uuid(), content, role: 'user', timestamp: new Date().toISOString() };
    if (choice) message.choice = choice;
    const node = showMessage(message);
    node.classList.add('unconfirmed');
    $('messages').append(node);                    // ours, just typed: last, whatever is unacknowledged
    state.pending.set(message.id, Date.now());
    state.unanswered.set(message.id, message);
    updateTyping();
    scrollToEnd();
    // shown at once; sent once the conversation has its id (messages typed meanwhile wait for the same start, in
    // order)
    if (!state.conversationId) await startConversation();
    message.conversationId = state.conversationId;
    sendFrame(message);
  }

  // ---- catching up after a reconnect -----------------------------------------------------------------------------

  async function catchUp() {
    clearTimeout(state.catchUpTimer);
    if (!state.conversationId) return;
    const base = `/api/v1/chat/conversations/${encodeURIComponent(state.conversationId)}/messages`;
    let messages;
    try {
      messages = await call('GET', state.lastStoredId ? `${base}?after=${encodeURIComponent(state.lastStoredId)}` : base,
        null, identity.token);
    } catch (e) {
      if (e.status === 400) {
        // the last id we saw is not stored (yet): read the whole conversation; ids keep it free of repeats
        messages = await call('GET', base, null, identity.token).catch(() => []);
      } else {
        messages = [];                             // 404: not stored yet; try again below while replies are due
      }
    }
    messages.forEach(m => {
      showMessage(m);
      state.lastStoredId = m.id;
    });
    // a reply to a message sent just before the drop may not be stored yet: look again until it is
    const oldest = Math.min(...state.pending.values());
    if (state.pending.size && Date.now() - oldest < GIVE_UP_AFTER_MS) {
      state.catchUpTimer = setTimeout(catchUp, CATCH_UP_EVERY_MS);
    }
  }

  // ---- conversations ---------------------------------------------------------------------------------------------

  let refreshTimer = null;
  function refreshConversationsSoon() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(loadConversations, 700);
  }

  async function loadConversations() {
    let page;
    try {
      page = await call('GET', '/api/v1/chat/conversations?page=0&size=20', null, identity.token);
    } catch (e) {
      return;
    }
    const list = $('conversations');
    list.replaceChildren(...page.content.map(c => el('li', {},
      el('button', { type: 'button', class: c.id === state.conversationId ? 'current' : null, 'data-id': c.id,
        onclick: () => openConversation(c.id) },
      el('span', { class: 'title' }, `${AGENTS[c.agent] || 'New'} · ${c.messageCount} messages`),
      el('span', { class: 'when' }, `${c.status} · ${new Date(c.updatedAt).toLocaleString()}`)))));
    $('conversations-empty').hidden = page.content.length > 0;
  }

  function reset() {
    clearTimeout(state.catchUpTimer);
    state.shown.clear();
    state.pending.clear();
    state.streams.clear();
    state.lastStoredId = null;
    state.conversationId = null;
    state.replies = 0;
    sessionStorage.removeItem(CONVERSATION_KEY);
    $('messages').replaceChildren($('welcome'));
    $('welcome').hidden = false;
    $('rate').hidden = true;
    $('rate-result').textContent = '';
    updateTyping();
  }

  async function openConversation(id) {
    reset();
    rememberConversation(id);
    closeDrawer();
    try {
      const conversation = await call('GET', `/api/v1/chat/conversations/${encodeURIComponent(id)}`, null, identity.token);
      conversation.messages.forEach(m => {
        showMessage(m);
        state.lastStoredId = m.id;
      });
    } catch (e) {
      if (e.status === 404) reset(); // not ours any more (a new guest), or never stored
    }
    loadConversations();
    scrollToEnd();
  }

  // ---- the conversation rating -----------------------------------------------------------------------------------

  function stars() {
    $('stars').replaceChildren(...[1, 2, 3, 4, 5].map(n => el('button', { type: 'button', class: 'star',
      'data-rating': n, 'aria-label': `${n} of 5`, title: `${n} of 5`,
      onclick: async () => {
        try {
          await call('POST', '/api/v1/feedback', { conversationId: state.conversationId, rating: n, resolved: n >= 4 },
            identity.token);
          $('stars').querySelectorAll('.star').forEach(s => s.classList.toggle('on', Number(s.dataset.rating) <= n));
          $('rate-result').textContent = `Thanks — you rated this conversation ${n}/5`;
        } catch (e) {
          $('rate-result').textContent = `Could not record that: ${e.message}`;
        }
      } }, '★')));
  }

  // ---- page wiring -----------------------------------------------------------------------------------------------

  function closeDrawer() {
    $('history').classList.remove('open');
    $('toggle-history').setAttribute('aria-expanded', 'false');
  }

  function wire() {
    $('composer').addEventListener('submit', event => {
      event.preventDefault();
      const content = $('input').value.trim();
      if (!content) return;
      $('input').value = '';
      send(content);
    });
    $('input').addEventListener('keydown', event => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        $('composer').requestSubmit();
      }
    });
    $('new-conversation').addEventListener('click', () => { reset(); closeDrawer(); loadConversations(); });
    $('toggle-history').addEventListener('click', () => {
      const open = $('history').classList.toggle('open');
      $('toggle-history').setAttribute('aria-expanded', String(open));
    });
    $('signin').addEventListener('submit', async event => {
      event.preventDefault();
      const form = new FormData(event.target);
      try {
        await switchIdentity(form.get('username').trim(), form.get('password'));
        $('signin-error').textContent = '';
        $('account').open = false;
      } catch (e) {
        $('signin-error').textContent = e.message;
      }
    });
    $('guest').addEventListener('click', async () => {
      await switchIdentity(null, null);
      $('account').open = false;
    });
    stars();
  }

  async function switchIdentity(username, password) {
    await identity.signIn(username, password);
    reset();
    const old = state.socket;
    state.socket = null;
    if (old) old.close(1000, 'signed in as someone else');
    await ensureToken();
    connect();
    loadConversations();
  }

  // A handle for tests and for trying a dropped connection by hand: drop() closes the socket as a network drop
  // would (the page reconnects by itself); hold() drops it and keeps it down until release().
  window.switchboardDebug = {
    drop() { if (state.socket) state.socket.close(4000, 'dropped'); },
    hold() { state.held = true; this.drop(); },
    release() { state.held = false; connect(); },
    loseNextFrame() { state.loseNextFrame = true; },
    connections: () => state.connections,
    token: () => identity.token,
    conversationId: () => state.conversationId,
    chunks: () => state.chunks,
    lastStreamed: () => state.lastStreamed,
  };

  async function start() {
    wire();
    await ensureToken();
    const saved = savedConversation();
    if (saved) await openConversation(saved); else loadConversations();
    connect();
  }

  start().catch(e => setConnection('offline', `Cannot start: ${e.message}`));
})();
