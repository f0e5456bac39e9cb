package io.mcpplatform.server.mcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last events sent on a session's listening (GET) stream, so that a client reconnecting with
 * {@code Last-Event-ID} gets what it missed. Event ids are increasing decimal numbers per session. Bounded: the oldest
 * events fall out.
 */
final class EventLog {
    record Event(long id, String json) {
    }

    private final int capacity;
    private final Deque<Event> events = new ArrayDeque<>();
    private long lastId;

    EventLog(int capacity) {
        this.capacity = capacity;
    }

    /** Records an event and returns its id. */
    synchronized long append(String json) {
        long id = ++lastId;
        events.addLast(new Event(id, json));
        while (events.size() > capacity) {
            events.removeFirst();
        }
        return id;
    }

    /** The events after the given id, oldest first; nothing when the id is not one of ours. */
    synchronized List<Event> after(String lastEventId) {
        long after;
        try {
            after = Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            return List.of();
        }
        List<Event> result = new ArrayList<>();
        for (Event e : events) {
            if (e.id() > after) {
                result.add(e);
            }
        }
        return result;
    }
}
