-- account-service's actions (account.actions): one row per event. Its eventId is the id of account-service's audit
-- row, so an event its outbox published twice, or Kafka delivered twice, is the same row. No customer or actor ids:
-- the reports count actions by type and outcome.
create table account_actions (
    event_id    text primary key,
    occurred_at timestamptz not null,
    action      text        not null,
    outcome     text        not null,
    rule        text        not null,
    actor_role  text        not null
);
create index account_actions_occurred_at on account_actions (occurred_at);
