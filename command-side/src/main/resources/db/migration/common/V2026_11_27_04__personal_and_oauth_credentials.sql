-- Personal access tokens are login tokens with a name; OAuth apps, codes and token pairs get lookups of their own.
-- Every credential row carries the credential epoch it was issued in: it authenticates only while that epoch is
-- its user's current one and the user is active (see login_token).

alter table login_token add column kind varchar(16) default 'login' not null;
alter table login_token add column name varchar(255);
alter table login_token add column last_token_part varchar(8);

create table oauth_app (
    id                  varchar(64)   primary key,
    name                varchar(255)  not null,
    client_id           varchar(64)   not null unique,
    hashed_client_secret varchar(64)  not null,
    redirect_uris       varchar(4000) not null, -- comma-separated
    active              boolean       not null,
    created_at          timestamp with time zone not null,
    created_by_id       varchar(64),
    created_by_username varchar(255)
);

create table oauth_code (
    hashed_code      varchar(64)   primary key,
    code_id          varchar(64)   not null,
    user_id          varchar(64)   not null references user_account (id) on delete cascade,
    client_id        varchar(64)   not null,
    redirect_uri     varchar(2000) not null,
    expires_at       timestamp with time zone not null,
    credential_epoch int           not null
);
create index oauth_code_by_user on oauth_code (user_id);

-- One row per access/refresh pair.
create table oauth_token (
    token_id             varchar(64) primary key,
    user_id              varchar(64) not null references user_account (id) on delete cascade,
    client_id            varchar(64) not null,
    hashed_access_token  varchar(64) not null unique,
    access_expires_at    timestamp with time zone not null,
    hashed_refresh_token varchar(64) not null unique,
    refresh_expires_at   timestamp with time zone not null,
    credential_epoch     int         not null,
    issued_at            timestamp with time zone not null
);
create index oauth_token_by_user on oauth_token (user_id);

insert into permission (id, updated_at) values ('create-personal-access-tokens', current_timestamp);
insert into permission_role (permission_id, role) values
    ('create-personal-access-tokens', 'admin'),
    ('create-personal-access-tokens', 'user');
