-- the language intent-service read each message as (IntentClassified.language, issue 18); earlier rows were all
-- read as English
alter table classifications add column language text not null default 'en';
