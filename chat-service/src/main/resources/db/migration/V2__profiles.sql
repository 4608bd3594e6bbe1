-- what a user told us about themselves; identity itself comes from the token
create table profiles (
    user_id           text primary key,
    display_name      text,
    preferred_channel text        not null default 'chat' check (preferred_channel in ('chat', 'email', 'sms', 'phone')),
    updated_at        timestamptz not null
);
