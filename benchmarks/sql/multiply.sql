-- Grows the store to at least 1,000,000 events for the replay: copies of every stored event under new aggregate
-- ids (the id inside the payload renamed too), after the originals. The query side's read-model processors are
-- placed at the head, so the replay alone reads the copies.
create temp table original as select * from domain_event_entry;
select ceil(1000000.0 / count(*))::int as copies from original \gset

insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
                                payload_type, payload_revision, payload, meta_data, time_stamp)
select (select max(global_index) from original) + row_number() over (order by k, o.global_index),
       o.aggregate_identifier || '~' || k, o.sequence_number, o.type, gen_random_uuid()::text, o.payload_type,
       o.payload_revision,
       convert_to(replace(convert_from(o.payload, 'UTF8'), o.aggregate_identifier, o.aggregate_identifier || '~' || k),
                  'UTF8'),
       o.meta_data, o.time_stamp
from original o cross join generate_series(1, :copies) k;

\o /dev/null
select setval('domain_event_global_index', (select max(global_index) from domain_event_entry));
\o

insert into token_entry (processor_name, segment, token, token_type, "timestamp", owner)
select p, 0, convert_to('{"index":' || (select max(global_index) from domain_event_entry) || ',"gaps":[]}', 'UTF8'),
       'org.axonframework.eventhandling.GapAwareTrackingToken',
       to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), null
from unnest(array['user-view', 'status-history', 'room-view']) p
on conflict do nothing;

select count(*) as events_in_store from domain_event_entry;
