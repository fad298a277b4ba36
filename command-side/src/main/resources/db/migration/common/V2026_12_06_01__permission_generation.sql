-- Every node keeps each role's permissions in memory (Permissions) and reloads them when an authentication reads a
-- generation it has not loaded. Whatever changes role or permission_role (permissions.update, a migration) adds one
-- to it in the same transaction.
create table permission_generation (
    generation bigint not null
);
insert into permission_generation (generation) values (1);
