// Shared by the chat and the dashboard: safe DOM building, the token, and calls to the public API.
// Server text only ever becomes text nodes (never innerHTML), so a reply cannot inject markup.
'use strict';

const Switchboard = (() => {
  /** el('p', {class: 'x', 'data-id': id}, 'text', child, ...): attributes are set as attributes, strings as text. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    for (const child of children.flat()) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** A random UUID, also where crypto.randomUUID is missing (plain http on another host than localhost). */
  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  class ApiError extends Error {
    constructor(status, detail) {
      super(detail || `HTTP ${status}`);
      this.status = status;
    }
  }

  /** The signed-in identity of one page, kept for the tab's life so a reload keeps it (and its history). */
  class Identity {
    constructor(storageKey) {
      this.key = storageKey;
      const saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
      this.current = saved && saved.expiresAt > Date.now() + 30_000 ? saved : null;
    }
    /** The token while it has at least 30 s left, else null. */
    get token() { return this.current && this.current.expiresAt > Date.now() + 30_000 ? this.current.access_token : null; }
    get roles() { return (this.current && this.current.roles) || []; }
    get name() { return this.current && (this.current.username || this.current.userId); }
    async signIn(username, password) {
      const body = username ? { username, password } : {};
      const issued = await call('POST', '/api/v1/auth/token', body, null);
      this.current = { ...issued, username: username || 'guest', expiresAt: Date.now() + issued.expires_in * 1000 };
      sessionStorage.setItem(this.key, JSON.stringify(this.current));
      return this.current;
    }
    signOut() {
      this.current = null;
      sessionStorage.removeItem(this.key);
    }
  }

  async function call(method, path, body, token) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined && body !== null) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(path, { method, headers, body: body == null ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
    if (!response.ok) throw new ApiError(response.status, (parsed && (parsed.detail || parsed.title)) || text);
    return parsed;
  }

  const AGENTS = { tech_support: 'Tech support', billing: 'Billing', general: 'General' };
  const SOURCES = {
    knowledge_base: 'Knowledge base', llm: 'AI', fallback: 'Fallback', escalation: 'Human handoff', guardrail: 'Guardrail',
    clarification: 'Clarifying question', no_answer: 'No answer',
  };

  function time(value) {
    const date = new Date(value);
    return isNaN(date) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  return { el, svg, uuid, call, Identity, ApiError, AGENTS, SOURCES, time };
})();
