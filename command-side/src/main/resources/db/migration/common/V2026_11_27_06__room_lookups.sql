-- Command-side room lookups, kept in the room events' transaction: the last-owner rule and the deactivation
-- saga's hand-over plan read them, joined with user_account for who is active.

create table room_lookup (
    id         varchar(64)  primary key,
    type       varchar(1)   not null, -- c public channel, p private group, d direct message
    name       varchar(255),
    name_key   varchar(255) unique,   -- lower-cased channel/group name; null for DMs
    creator_id varchar(64),
    read_only  boolean      not null,
    created_at timestamp with time zone not null
);

create table room_member (
    room_id   varchar(64) not null references room_lookup (id) on delete cascade,
    user_id   varchar(64) not null,
    joined_at timestamp with time zone not null,
    join_sequence bigint  not null, -- the room's event sequence: orders joins that share a timestamp
    owner     boolean     not null,
    primary key (room_id, user_id)
);
create index room_member_by_user on room_member (user_id);

insert into permission (id, updated_at) values
    ('create-c', current_timestamp),
    ('create-p', current_timestamp),
    ('create-d', current_timestamp),
    ('view-c-room', current_timestamp),
    ('add-user-to-joined-room', current_timestamp),
    ('add-user-to-any-c-room', current_timestamp),
    ('add-user-to-any-p-room', current_timestamp),
    ('set-owner', current_timestamp),
    ('delete-c', current_timestamp),
    ('delete-p', current_timestamp),
    ('view-room-administration', current_timestamp);

insert into permission_role (permission_id, role) values
    ('create-c', 'admin'), ('create-c', 'user'), ('create-c', 'bot'), ('create-c', 'app'),
    ('create-p', 'admin'), ('create-p', 'user'), ('create-p', 'bot'), ('create-p', 'app'),
    ('create-d', 'admin'), ('create-d', 'user'), ('create-d', 'bot'), ('create-d', 'app'),
    ('create-d', 'livechat-agent'),
    ('view-c-room', 'admin'), ('view-c-room', 'user'), ('view-c-room', 'bot'), ('view-c-room', 'app'),
    ('view-c-room', 'anonymous'),
    ('add-user-to-joined-room', 'admin'), ('add-user-to-joined-room', 'owner'),
    ('add-user-to-joined-room', 'moderator'),
    ('add-user-to-any-c-room', 'admin'),
    ('add-user-to-any-p-room', 'admin'),
    ('set-owner', 'admin'), ('set-owner', 'owner'),
    ('delete-c', 'admin'), ('delete-c', 'owner'),
    ('delete-p', 'admin'), ('delete-p', 'owner'),
    ('view-room-administration', 'admin');
