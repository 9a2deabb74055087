package dev.poolse.sdk.realtime.internal;

import dev.poolse.client.model.Message;
import dev.poolse.sdk.realtime.RealtimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link MessageFeed.Sink} that records what the feed delivers: message bodies and the text the
 * test's dispatches add, in delivery order, and reported errors. Replayed events decode from the
 * payloads {@link FakeBackend} writes: a message:new by its {@code sequence}, any other event as
 * {@code "<event> <label>"}.
 */
final class RecordingSink implements MessageFeed.Sink {
    final List<String> out = new ArrayList<>();
    final List<RealtimeException> errors = new ArrayList<>();

    @Override
    public void message(Message m) {
        out.add(m.getBody());
    }

    @Override
    public void event(Runnable dispatch) {
        dispatch.run();
    }

    @Override
    public void error(RealtimeException e) {
        errors.add(e);
    }

    @Override
    public Object decodeReplayed(String event, Object payload) {
        Map<?, ?> p = (Map<?, ?>) payload;
        if (event.equals("message:new")) {
            long seq = ((Number) p.get("sequence")).longValue();
            return FakeBackend.message(seq).revision(((Number) p.get("revision")).longValue());
        }
        return (Runnable) () -> out.add(event + " " + p.get("label"));
    }
}
