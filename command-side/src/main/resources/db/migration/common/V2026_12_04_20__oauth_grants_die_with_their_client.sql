-- Codes and token pairs exist only as long as their client: deleting an OAuth app deletes them in the same
-- statement, so they are refused from the moment the deletion commits, and no code or pair can be stored for a
-- client already deleted (an issue that raced the deletion fails with it). Those of apps deleted before go now.

delete from oauth_code where client_id not in (select client_id from oauth_app);
delete from oauth_token where client_id not in (select client_id from oauth_app);

alter table oauth_code add constraint oauth_code_client
    foreign key (client_id) references oauth_app (client_id) on delete cascade;
alter table oauth_token add constraint oauth_token_client
    foreign key (client_id) references oauth_app (client_id) on delete cascade;

create index oauth_code_by_client on oauth_code (client_id);
create index oauth_token_by_client on oauth_token (client_id);
