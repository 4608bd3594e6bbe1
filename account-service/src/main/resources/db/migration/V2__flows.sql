-- The guided flows (issue 20): where each conversation's flow stands, and the reply made to each flow turn, so a
-- redelivered turn is answered with the same reply and takes no action twice.

create table flow_conversations (
    conversation_id text primary key,
    user_id         text        not null,
    flow            text        not null,
    state           text        not null,
    ended           boolean     not null,
    updated_at      timestamptz not null
);

create table flow_turns (
    user_id         text        not null,
    message_id      text        not null,
    conversation_id text        not null,
    reply           text        not null,
    at              timestamptz not null,
    primary key (user_id, message_id)
);
