-- One row per fact, keyed so that a redelivered or replayed event changes nothing. Every report is computed
-- from these rows for the asked range and interval, so late events land in the bucket of their own time and
-- percentiles are exact across any set of buckets (never averages of percentiles).
create table messages (
    message_id      text primary key,
    conversation_id text        not null,
    user_id         text        not null,
    channel         text        not null,
    occurred_at     timestamptz not null
);
create index messages_time on messages (occurred_at);

create table classifications (
    message_id   text primary key,
    occurred_at  timestamptz      not null,
    intent       text             not null,
    agent        text             not null,
    confidence   double precision not null,
    frustration  double precision not null
);
create index classifications_time on classifications (occurred_at);

create table fallbacks (
    message_id  text primary key,
    occurred_at timestamptz not null,
    reason      text        not null
);

-- the first reply to each customer message (a redelivered reply keeps the first)
create table replies (
    message_id      text primary key,
    reply_id        text             not null,
    conversation_id text             not null,
    user_id         text             not null,
    occurred_at     timestamptz      not null,
    agent           text             not null,
    intent          text             not null,
    source          text             not null,
    confidence      double precision not null,
    latency_ms      bigint           not null
);
create index replies_time on replies (occurred_at);

create table status_changes (
    event_id        text primary key,
    conversation_id text        not null,
    status          text        not null,
    occurred_at     timestamptz not null
);
create index status_changes_conversation on status_changes (conversation_id);

-- the latest feedback of each user on each conversation (kind conversation) or reply (kind reply)
create table feedback (
    kind            text        not null,
    subject_id      text        not null,
    user_id         text        not null,
    event_id        text        not null,
    conversation_id text        not null,
    rating          smallint,
    helpful         boolean,
    resolved        boolean,
    agent           text,
    intent          text,
    occurred_at     timestamptz not null,
    primary key (kind, subject_id, user_id)
);
create index feedback_time on feedback (occurred_at);
