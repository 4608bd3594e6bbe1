-- Every knowledge base version ever published, exactly as it was sent: the content is served byte for byte to
-- consumers, who check it against the checksum (SHA-256 of its UTF-8 bytes, lower-case hex).
create table kb_versions (
    id         bigserial   primary key,
    label      text        not null, -- the "version" string inside the document
    checksum   char(64)    not null,
    content    text        not null,
    created_by text        not null,
    created_at timestamptz not null,
    note       text
);
create index kb_versions_checksum on kb_versions (checksum);

-- Which version is active: one row, locked by every change, so changes (and their announcements) happen one at a time.
create table kb_active (
    singleton    boolean     primary key default true check (singleton),
    version_id   bigint      not null references kb_versions (id),
    activated_by text        not null,
    activated_at timestamptz not null
);

-- Who did what, when, and how it ended: published, activated, rolled_back, imported (the first start), reloaded;
-- done, refused (an invalid document, with the reason) or failed (e.g. the announcement could not be sent).
create table kb_audit (
    id           bigserial   primary key,
    at           timestamptz not null,
    actor        text        not null,
    action       text        not null,
    from_version bigint,
    to_version   bigint,
    outcome      text        not null,
    detail       text
);
create index kb_audit_at on kb_audit (at);
