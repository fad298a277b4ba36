-- A direct message's read-only flag and its participants' archived flags follow the participants' status, which
-- user_view holds: they are derived when a room is read, so a status change writes nothing to the rooms' tables.
alter table room_view drop column ro;
alter table room_subscription drop column archived;
