-- Command-side lookup tables. A subscribing processor keeps them in step with the user events, in the same
-- transaction as the events, so set-based rules (unique username and email, last active admin) and request
-- authentication read committed truth, never an eventually consistent view.

create table user_account (
    id               varchar(64)  primary key,
    username         varchar(255) not null,
    username_key     varchar(255) not null unique, -- lower-cased: usernames are unique regardless of case
    name             varchar(255),
    email            varchar(320) unique,          -- lower-cased
    email_verified   boolean      not null,
    password_hash    varchar(100),
    active           boolean      not null,
    federated        boolean      not null,
    credential_epoch int          not null,
    created_at       timestamp with time zone not null,
    last_login       timestamp with time zone
);

create table user_role (
    user_id varchar(64) not null references user_account (id) on delete cascade,
    role    varchar(64) not null,
    primary key (user_id, role)
);
create index user_role_by_role on user_role (role);

-- Login tokens by hash (SHA-256, Base64). A token authenticates while its epoch is the user's current one.
create table login_token (
    hashed_token     varchar(64) primary key,
    token_id         varchar(64) not null,
    user_id          varchar(64) not null references user_account (id) on delete cascade,
    credential_epoch int         not null,
    issued_at        timestamp with time zone not null
);
create index login_token_by_user on login_token (user_id);

-- A single row that deactivations and deletions of admins lock, so the last-admin count is never read by two
-- of them at once.
create table admin_guard (
    id int primary key
);
insert into admin_guard (id) values (1);
