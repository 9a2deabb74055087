package dev.poolse.sdk.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolse.client.PoolseJson;
import dev.poolse.client.events.EventCatalog;
import dev.poolse.client.events.PresenceState;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.PresenceSnapshot;
import dev.poolse.sdk.realtime.RealtimeSettings;
import dev.poolse.sdk.realtime.UserChannel;
import dev.poolse.sdk.realtime.phoenix.Backoff;
import dev.poolse.sdk.realtime.phoenix.FakeTransport;
import dev.poolse.sdk.realtime.phoenix.VirtualScheduler;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every server event of the generated catalogue reaches a typed listener with the catalogue's
 * payload type: an event added to the AsyncAPI document fails this test until the SDK exposes it.
 */
class EventCatalogCoverageTest {
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final FakeTransport transport = new FakeTransport();
    private final DefaultPoolseRealtime rt = new DefaultPoolseRealtime(
            RealtimeSettings.builder().wsUrl(URI.create("ws://127.0.0.1:1")).onSocketError(e -> { }).build(),
            new FakeBackend(), scheduler, transport, Runnable::run, PoolseJson.newObjectMapper(),
            Backoff.rejoin(), Backoff.rejoin(), () -> { });

    /** Registers every listener, sends one frame per catalogue event, returns what each listener got. */
    private Map<String, List<Object>> deliverEach(String topic, Map<String, Class<?>> catalogue,
            Map<String, Function<Consumer<Object>, ?>> listeners) {
        scheduler.runReady();
        FakeTransport.FakeConnection c = transport.last();
        c.open();
        c.replyOk("phx_join", "{}");
        scheduler.runReady();
        assertThat(listeners.keySet()).containsExactlyInAnyOrderElementsOf(catalogue.keySet());
        Map<String, List<Object>> got = new LinkedHashMap<>();
        listeners.forEach((event, register) -> {
            List<Object> list = new ArrayList<>();
            got.put(event, list);
            register.apply(list::add);
        });
        scheduler.runReady();
        List<String> events = new ArrayList<>(catalogue.keySet());
        // The presence state first: diffs before it are (correctly) folded into it, not dispatched.
        events.sort((a, b) -> Boolean.compare(!a.equals(EventCatalog.ConversationTopic.PRESENCE_STATE),
                !b.equals(EventCatalog.ConversationTopic.PRESENCE_STATE)));
        for (String event : events) {
            c.receive("[null,null,\"" + topic + "\",\"" + event + "\"," + minimalPayload(catalogue.get(event)) + "]");
            scheduler.runReady();
        }
        return got;
    }

    /**
     * The smallest payload the SDK accepts for a type: every key its spec marks required, each
     * null. Also proves that the required keys of every catalogue payload type are known.
     */
    private static String minimalPayload(Class<?> type) {
        if (type == PresenceState.class) {
            return "{}"; // a bare map keyed by user id, read by the presence tracker
        }
        StringBuilder out = new StringBuilder("{");
        for (String key : RequiredKeys.of(type)) {
            out.append(out.length() > 1 ? "," : "").append('"').append(key).append("\":null");
        }
        return out.append('}').toString();
    }

    private static void assertEachDeliveredOnceAs(Map<String, List<Object>> got, Map<String, Class<?>> catalogue) {
        catalogue.forEach((event, type) -> {
            // The presence state is exposed as the SDK's snapshot with per-user online status.
            Class<?> expected = type == PresenceState.class ? PresenceSnapshot.class : type;
            assertThat(got.get(event)).as(event).singleElement().isInstanceOf(expected);
        });
    }

    @Test
    void everyConversationEventHasATypedListener() {
        UUID id = UUID.randomUUID();
        ConversationChannel ch = rt.conversation(id);
        Map<String, Function<Consumer<Object>, ?>> listeners = new LinkedHashMap<>();
        listeners.put(EventCatalog.ConversationTopic.MESSAGE_NEW, l -> ch.onMessage(l::accept));
        listeners.put(EventCatalog.ConversationTopic.MESSAGE_UPDATED, l -> ch.onMessageUpdated(l::accept));
        listeners.put(EventCatalog.ConversationTopic.MESSAGE_DELETED, l -> ch.onMessageDeleted(l::accept));
        listeners.put(EventCatalog.ConversationTopic.REACTION_ADDED, l -> ch.onReactionAdded(l::accept));
        listeners.put(EventCatalog.ConversationTopic.REACTION_REMOVED, l -> ch.onReactionRemoved(l::accept));
        listeners.put(EventCatalog.ConversationTopic.MEMBER_READ, l -> ch.onMemberRead(l::accept));
        listeners.put(EventCatalog.ConversationTopic.TYPING_START, l -> ch.onTypingStart(l::accept));
        listeners.put(EventCatalog.ConversationTopic.TYPING_STOP, l -> ch.onTypingStop(l::accept));
        listeners.put(EventCatalog.ConversationTopic.PRESENCE_STATE, l -> ch.onPresenceState(l::accept));
        listeners.put(EventCatalog.ConversationTopic.PRESENCE_DIFF, l -> ch.onPresenceDiff(l::accept));
        Map<String, Class<?>> catalogue = EventCatalog.ConversationTopic.SERVER_EVENTS;
        assertEachDeliveredOnceAs(deliverEach("conversation:" + id, catalogue, listeners), catalogue);
    }

    @Test
    void everyUserEventHasATypedListener() {
        UUID id = UUID.randomUUID();
        UserChannel ch = rt.user(id);
        Map<String, Function<Consumer<Object>, ?>> listeners = new LinkedHashMap<>();
        listeners.put(EventCatalog.UserTopic.MENTION_NEW, l -> ch.onMention(l::accept));
        listeners.put(EventCatalog.UserTopic.CONVERSATION_CREATED, l -> ch.onConversationCreated(l::accept));
        listeners.put(EventCatalog.UserTopic.CONVERSATION_UPDATED, l -> ch.onConversationUpdated(l::accept));
        // The call:* events are not user-channel listeners: the calls client consumes them.
        Map<String, Class<?>> catalogue = new LinkedHashMap<>(EventCatalog.UserTopic.SERVER_EVENTS);
        catalogue.keySet().removeIf(event -> event.startsWith("call:"));
        assertEachDeliveredOnceAs(deliverEach("user:" + id, catalogue, listeners), catalogue);
    }
}
