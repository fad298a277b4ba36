-- Rebuilding read models (POST /api/v1/admin.replay): admins only by default.
insert into permission (id, updated_at) values ('run-replay', current_timestamp);
insert into permission_role (permission_id, role) values ('run-replay', 'admin');
