package dev.poolse.devserver.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The durable events of one conversation, for replay after a reconnect: each takes the next
 * revision (1, 2, 3, … with no gap) and the newest {@code retention} are kept. Guarded by the
 * {@link RealtimeHub}'s monitor.
 */
final class EventLog {

  /** One kept event: its revision, name and the payload it was broadcast with. */
  record Entry(long revision, String event, ObjectNode payload) {
  }

  /** The requested revision is older than what is kept. */
  static final class ExpiredException extends Exception {
    private static final long serialVersionUID = 1L;

    ExpiredException(long after, long oldestKept) {
      super("Events after revision " + after + " are no longer kept; reload the conversation", null,
          false, false);
    }
  }

  private final int retention;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long head;

  EventLog(int retention) {
    if (retention < 1) {
      throw new IllegalArgumentException("retention must be at least 1, was " + retention);
    }
    this.retention = retention;
  }

  /** {@return the newest revision, 0 before the first event} */
  long head() {
    return head;
  }

  /**
   * Appends an event: stamps the next revision into its payload.
   *
   * @param event the event name
   * @param payload the payload, changed in place to carry {@code revision}
   * @return the revision it took
   */
  long append(String event, ObjectNode payload) {
    long revision = ++head;
    payload.put("revision", revision);
    entries.addLast(new Entry(revision, event, payload));
    if (entries.size() > retention) {
      entries.removeFirst();
    }
    return revision;
  }

  /**
   * The events after a revision, oldest first.
   *
   * @param after only revisions strictly above this one
   * @param limit at most this many
   * @return the page
   * @throws ExpiredException when events right after {@code after} are no longer kept, or {@code after}
   *     is above the newest revision
   */
  List<Entry> after(long after, int limit) throws ExpiredException {
    List<Entry> out = new ArrayList<>(Math.min(limit, entries.size()));
    if (after > head) {
      // A position this log never reached (e.g. the server's state was reset): not replayable.
      throw new ExpiredException(after, head + 1);
    }
    if (after == head) {
      return out;
    }
    Entry oldest = entries.peekFirst();
    if (oldest == null || oldest.revision() > after + 1) {
      throw new ExpiredException(after, oldest == null ? head + 1 : oldest.revision());
    }
    // Revisions are dense, so the first wanted entry sits at a known offset from the oldest.
    long skip = after + 1 - oldest.revision();
    Iterator<Entry> it = entries.iterator();
    for (long i = 0; i < skip; i++) {
      it.next();
    }
    while (it.hasNext() && out.size() < limit) {
      out.add(it.next());
    }
    return out;
  }
}
