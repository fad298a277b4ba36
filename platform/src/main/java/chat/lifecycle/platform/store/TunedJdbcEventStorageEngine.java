package chat.lifecycle.platform.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Axon's JDBC storage engine, changed where measurements showed it (docs/performance.md):
 * <ul>
 * <li>In a transaction on PostgreSQL, appended events join the writes the transaction queued
 * ({@link QueuedWritesJdbcTemplate}) and go to the database with its next query or its commit, not in a round trip
 * of their own. A second event at the same aggregate sequence number (another node appended first) then fails that
 * later statement, and is reported as Axon's conflict, as Axon reports it at once ({@link #conflict}); the command
 * gateway retries it. Axon's reads in that transaction first send the events it queued, so they see them.</li>
 * <li>The timestamp a tracked event's message carries is parsed by a parser of the form Axon writes (UTC,
 * {@code 2026-12-05T10:15:30.123Z}; up to nine digits of fraction read). Axon's own entry parses its text with a
 * general formatter each time it is asked, once for its gap check and once for the message: a fifth of a replay's
 * reading. The gap check still parses Axon's way; any other form of text goes to Axon's parser.</li>
 * </ul>
 */
public class TunedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final QueuedWritesJdbcTemplate jdbc;
    private final String append;

    public TunedJdbcEventStorageEngine(QueuedWritesJdbcTemplate jdbc, Builder builder) {
        super(builder);
        this.jdbc = jdbc;
        this.append = "insert into " + schema().domainEventTable() + " (" + schema().domainEventFields()
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (!jdbc.queuesWrites()) {
            super.appendEvents(events, serializer);
            return;
        }
        for (EventMessage<?> message : events) {
            // An event of no aggregate is stored as Axon stores it: as the only event of an aggregate of its own id.
            DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domain ? domain
                    : new GenericDomainEventMessage<>(null, message.getIdentifier(), 0L, message,
                            message::getTimestamp);
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
            jdbc.updateLaterTranslating(append, new Object[] {event.getIdentifier(), event.getAggregateIdentifier(),
                    event.getSequenceNumber(), event.getType(), DateTimeUtils.formatInstant(event.getTimestamp()),
                    payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                    metaData.getData()}, failure -> conflict(failure, event));
        }
    }

    /** Axon's conflict for a duplicate key in the event table, as its own append reports it; null for any other. */
    private RuntimeException conflict(SQLException failure, EventMessage<?> event) {
        ServerErrorMessage error = failure instanceof PSQLException postgres ? postgres.getServerErrorMessage() : null;
        if (error == null || !schema().domainEventTable().equals(error.getTable())) {
            return null;
        }
        try {
            handlePersistenceException(failure, event);
            return null;
        } catch (RuntimeException reported) {
            return reported;
        }
    }

    /** Every statement of Axon's gets its connection here: in a transaction, the events queued go first. */
    @Override
    protected Connection getConnection() {
        Connection connection = super.getConnection();
        jdbc.sendQueueHolding(append, connection);
        return connection;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> tracked = super.getTrackedEventData(resultSet, previousToken);
        if (!(tracked instanceof DomainEventData<?> event)) {
            return tracked;
        }
        Instant at = parse(resultSet.getString(schema().timestampColumn()));
        return new TrackedDomainEventData<>(tracked.trackingToken(), new ParsedOnce<>(event, at));
    }

    /** The instant the text names: at once in Axon's own form, through Axon's parser in any other. */
    static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || length > 20 && (text.charAt(19) != '.' || length == 21)) {
            return DateTimeUtils.parseInstant(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = length == 20 ? 0 : digits(text, 20, length - 1);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return DateTimeUtils.parseInstant(text);
        }
        for (int scale = length - 1 - 20; scale < 9 && length > 20; scale++) {
            nanos *= 10;
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The number the decimal digits from {@code from} to {@code to} spell, or -1 if one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An event's stored data with its timestamp parsed already. */
    private record ParsedOnce<T>(DomainEventData<T> event, Instant at) implements DomainEventData<T> {

        @Override
        public String getEventIdentifier() {
            return event.getEventIdentifier();
        }

        @Override
        public Instant getTimestamp() {
            return at;
        }

        @Override
        public SerializedObject<T> getMetaData() {
            return event.getMetaData();
        }

        @Override
        public SerializedObject<T> getPayload() {
            return event.getPayload();
        }

        @Override
        public String getType() {
            return event.getType();
        }

        @Override
        public String getAggregateIdentifier() {
            return event.getAggregateIdentifier();
        }

        @Override
        public long getSequenceNumber() {
            return event.getSequenceNumber();
        }
    }
}
