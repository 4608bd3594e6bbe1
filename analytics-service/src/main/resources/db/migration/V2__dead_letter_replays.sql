-- every dead letter replayed from here, once: a second replay of the same record sends nothing
create table dead_letter_replays (
    topic          text        not null,
    partition_no   integer     not null,
    record_offset  bigint      not null,
    replayed_to    text        not null,
    replayed_by    text        not null,
    replayed_at    timestamptz not null,
    primary key (topic, partition_no, record_offset)
);
