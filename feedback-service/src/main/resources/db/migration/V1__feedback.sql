-- What feedback-service knows of conversations and replies, projected from chat.inbound and chat.replies:
-- enough to check who owns a conversation and which agent and intent a rated reply had.
create table conversations (
    id         text primary key,
    user_id    text        not null,
    created_at timestamptz not null
);

create table replies (
    id              text primary key,
    conversation_id text        not null,
    message_id      text        not null,
    agent           text        not null,
    intent          text        not null,
    source          text        not null,
    created_at      timestamptz not null
);
create index replies_conversation on replies (conversation_id);

-- One rating of a conversation per user; a second one replaces the first.
create table conversation_feedback (
    conversation_id text        not null,
    user_id         text        not null,
    rating          smallint    not null check (rating between 1 and 5),
    resolved        boolean,
    comment         text,
    agent           text,
    intent          text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (conversation_id, user_id)
);
create index conversation_feedback_updated on conversation_feedback (updated_at);

-- One thumbs up/down per reply per user; a second one replaces the first.
create table reply_ratings (
    reply_id        text        not null,
    user_id         text        not null,
    conversation_id text        not null,
    helpful         boolean     not null,
    reason          text,
    agent           text        not null,
    intent          text        not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    primary key (reply_id, user_id)
);
create index reply_ratings_updated on reply_ratings (updated_at);
