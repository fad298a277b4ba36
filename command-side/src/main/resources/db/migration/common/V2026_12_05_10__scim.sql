-- SCIM 2.0 provisioning (/scim/v2): the permission an identity provider's token needs (admins by default), and
-- the identifier the provider knows each user by, kept from UserExternalIdChanged.
insert into permission (id, updated_at) values ('manage-scim', current_timestamp);
insert into permission_role (permission_id, role) values ('manage-scim', 'admin');

alter table user_account add column external_id varchar(255);
create index user_account_by_external_id on user_account (external_id);
