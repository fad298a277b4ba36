-- Gives the two history users 10 and 10,000 events, appending role grants (events no saga or lookup reacts to)
-- while the server is stopped, so that no cached aggregate misses them. psql variables: short, long.
with target(id, events) as (values (:'short', 10), (:'long', 10000)),
     missing as (
         select t.id, (select max(sequence_number) from domain_event_entry e where e.aggregate_identifier = t.id) as last,
                t.events - (select count(*) from domain_event_entry e where e.aggregate_identifier = t.id) as count
         from target t)
insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
                                payload_type, payload_revision, payload, meta_data, time_stamp)
select (select max(global_index) from domain_event_entry) + row_number() over (order by m.id, g),
       m.id, m.last + g, 'User', gen_random_uuid()::text, 'chat.lifecycle.events.user.UserRoleAdded', '1',
       convert_to('{"userId":"' || m.id || '","role":"user"}', 'UTF8'),
       convert_to('{"cause":"benchmark"}', 'UTF8'),
       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
from missing m cross join lateral generate_series(1, m.count) g;

-- The store's own sequence goes on after the indexes given here.
\o /dev/null
select setval('domain_event_global_index', (select max(global_index) from domain_event_entry));
\o
