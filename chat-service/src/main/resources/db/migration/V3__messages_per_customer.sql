-- Message ids are scoped per customer: two customers' messages may share an id, so a message is (user_id, id).
alter table messages add column user_id text;
update messages m set user_id = c.user_id from conversations c where c.id = m.conversation_id;
alter table messages alter column user_id set not null;
alter table messages drop constraint messages_pkey;
alter table messages add primary key (user_id, id);

-- A customer message keeps one reply: copies that redeliveries stored before this rule are removed (the first stays)
delete from messages later using messages earlier
where later.role = 'assistant' and earlier.role = 'assistant' and later.user_id = earlier.user_id
  and later.in_reply_to = earlier.in_reply_to and later.seq > earlier.seq;
update conversations c set message_count = (select count(*) from messages m where m.conversation_id = c.id);
create unique index messages_one_reply on messages (user_id, in_reply_to) where role = 'assistant';
