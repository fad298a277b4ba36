/**
 * The published language of the user lifecycle: the events the command side records and the queries the query
 * side answers. Every event is an immutable record named in the past tense; who acted, and why, travels in the
 * message metadata ({@link chat.lifecycle.events.Audit}). Downstream services need this jar alone.
 */
package chat.lifecycle.events;
