-- Reading the HTTP event feed (GET /api/v1/events) shows every user's history: admins only by default.
insert into permission (id, updated_at) values ('view-events', current_timestamp);
insert into permission_role (permission_id, role) values ('view-events', 'admin');
