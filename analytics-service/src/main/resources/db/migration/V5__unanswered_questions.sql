-- The questions nothing in the knowledge base answered (a no_answer reply), for the knowledge-gap report: the
-- customer's text and its sentence embedding (float32 little-endian, as the reply carried it), keyed by the customer
-- and their message (ids are scoped per customer) so a redelivered reply changes nothing.
create table unanswered_questions (
    message_id  text        not null,
    user_id     text        not null,
    occurred_at timestamptz not null,
    question    text        not null,
    embedding   bytea       not null,
    primary key (user_id, message_id)
);
create index unanswered_questions_time on unanswered_questions (occurred_at);
