create table conversations (
    id            text primary key,
    user_id       text        not null,
    status        text        not null default 'open' check (status in ('open', 'escalated', 'closed')),
    agent         text,
    message_count integer     not null default 0,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
-- the conversation list: one user's, newest first, optionally by status
create index conversations_user_updated on conversations (user_id, updated_at desc, id);
create index conversations_status_updated on conversations (status, updated_at);

create table messages (
    id              text primary key,
    conversation_id text             not null references conversations (id) on delete cascade,
    role            text             not null check (role in ('user', 'assistant')),
    content         text             not null,
    agent           text,
    intent          text,
    source          text,
    confidence      double precision,
    refs            jsonb            not null default '[]',
    latency_ms      bigint,
    in_reply_to     text,
    created_at      timestamptz      not null,
    seq             bigserial        not null
);
-- a conversation's messages in order, and "the messages after this one" for reconnecting clients
create index messages_conversation_order on messages (conversation_id, created_at, seq);
