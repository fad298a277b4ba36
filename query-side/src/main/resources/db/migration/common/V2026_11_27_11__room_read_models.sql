-- Rooms and their members, rebuilt from the room events and the users' status events. Membership rows are the
-- source of usersCount and of a direct message's participants, so counts are recomputed, never incremented.

create table room_view (
    id          varchar(64)  primary key,
    type        varchar(1)   not null check (type in ('c', 'p', 'd')), -- channel, private group, direct message
    name        varchar(255),                                          -- null for direct messages
    creator_id  varchar(64),                                           -- null for direct messages
    read_only   boolean      not null, -- the room's own flag
    ro          boolean      not null, -- effective: a direct message is read-only while a participant is inactive
    users_count int          not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);
create index room_view_by_name on room_view (name);

create table room_subscription (
    room_id   varchar(64) not null,
    user_id   varchar(64) not null,
    joined_at timestamp with time zone not null,
    owner     boolean     not null,
    archived  boolean     not null, -- a direct message's, while the other participant is inactive
    primary key (room_id, user_id)
);
create index room_subscription_by_user on room_subscription (user_id, room_id);
