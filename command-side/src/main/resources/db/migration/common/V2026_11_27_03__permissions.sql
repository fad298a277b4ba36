-- Roles and the permissions granted to them, with Rocket.Chat's defaults for the permissions this server checks.

create table role (
    id          varchar(64)  primary key,
    scope       varchar(32)  not null,
    description varchar(255) not null,
    protected   boolean      not null
);
insert into role (id, scope, description, protected) values
    ('admin', 'Users', 'Admin', true),
    ('moderator', 'Subscriptions', 'Moderator', true),
    ('leader', 'Subscriptions', 'Leader', true),
    ('owner', 'Subscriptions', 'Owner', true),
    ('user', 'Users', '', true),
    ('bot', 'Users', '', true),
    ('app', 'Users', '', true),
    ('guest', 'Users', '', true),
    ('anonymous', 'Users', '', true),
    ('livechat-agent', 'Users', 'Livechat Agent', true),
    ('livechat-manager', 'Users', 'Livechat Manager', true),
    ('livechat-monitor', 'Users', 'Livechat Monitor', true),
    ('auditor', 'Users', '', true),
    ('auditor-log', 'Users', '', true);

create table permission (
    id         varchar(128) primary key,
    updated_at timestamp with time zone not null
);

create table permission_role (
    permission_id varchar(128) not null references permission (id) on delete cascade,
    role          varchar(64)  not null references role (id) on delete cascade,
    primary key (permission_id, role)
);

insert into permission (id, updated_at) values
    ('edit-other-user-active-status', current_timestamp),
    ('manage-moderation-actions', current_timestamp),
    ('create-user', current_timestamp),
    ('view-full-other-user-info', current_timestamp),
    ('access-permissions', current_timestamp),
    ('manage-oauth-apps', current_timestamp),
    ('delete-user', current_timestamp),
    ('assign-roles', current_timestamp),
    ('view-user-administration', current_timestamp),
    ('view-d-room', current_timestamp);

insert into permission_role (permission_id, role) values
    ('edit-other-user-active-status', 'admin'),
    ('manage-moderation-actions', 'admin'),
    ('create-user', 'admin'),
    ('view-full-other-user-info', 'admin'),
    ('access-permissions', 'admin'),
    ('manage-oauth-apps', 'admin'),
    ('delete-user', 'admin'),
    ('assign-roles', 'admin'),
    ('view-user-administration', 'admin'),
    ('view-d-room', 'admin'),
    ('view-d-room', 'user'),
    ('view-d-room', 'bot'),
    ('view-d-room', 'app'),
    ('view-d-room', 'guest');
