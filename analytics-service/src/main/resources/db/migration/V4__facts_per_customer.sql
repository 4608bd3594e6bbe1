-- Message ids are the customers' own and scoped per customer (../shared/DECISIONS.md): two customers may both send a
-- message "1", and each must be counted. Every fact keyed by a customer message is keyed by its customer too.
alter table classifications add column user_id text;
update classifications c set user_id = m.user_id from messages m where m.message_id = c.message_id;
alter table fallbacks add column user_id text;
update fallbacks f set user_id = m.user_id from messages m where m.message_id = f.message_id;
-- a classification or fallback whose message never arrived (not possible from the pipeline) keeps an empty owner
update classifications set user_id = '' where user_id is null;
update fallbacks set user_id = '' where user_id is null;
alter table classifications alter column user_id set not null;
alter table fallbacks alter column user_id set not null;

alter table messages drop constraint messages_pkey, add primary key (user_id, message_id);
alter table classifications drop constraint classifications_pkey, add primary key (user_id, message_id);
alter table fallbacks drop constraint fallbacks_pkey, add primary key (user_id, message_id);
alter table replies drop constraint replies_pkey, add primary key (user_id, message_id);
