-- Query-side read models, rebuilt from the events whenever needed. Each row remembers the aggregate sequence
-- number of the last event applied, so a replayed event that is already reflected changes nothing.

create table user_view (
    id             varchar(64)   primary key,
    username       varchar(255)  not null,
    name           varchar(255),
    email          varchar(320),
    email_verified boolean       not null,
    active         boolean       not null,
    type           varchar(32)   not null,
    roles          varchar(1024) not null, -- comma-separated, sorted
    federated      boolean       not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    last_login     timestamp with time zone,
    version        bigint        not null
);
create index user_view_by_username on user_view (username);
create index user_view_by_status on user_view (active, username);

-- Every real change of a user's active status, creation included: the audit trail behind users.statusHistory.
create table user_status_change (
    user_id            varchar(64)  not null,
    sequence_number    bigint       not null,
    changed_at         timestamp with time zone not null,
    active             boolean      not null,
    actor_id           varchar(64),
    actor_username     varchar(255),
    confirm_relinquish boolean      not null,
    cause              varchar(128) not null,
    primary key (user_id, sequence_number)
);
