-- The customer's words of each flow turn, so the tool-calling agent sees the conversation so far (issue 20); null for
-- the turns kept before.
alter table flow_turns add column said text;
create index flow_turns_conversation on flow_turns (conversation_id, at);
