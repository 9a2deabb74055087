package dev.poolse.sdk.realtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolse.client.PoolseJson;
import dev.poolse.client.events.TypingEvent;
import dev.poolse.client.model.Message;
import dev.poolse.sdk.Subscription;
import dev.poolse.sdk.realtime.ChannelState;
import dev.poolse.sdk.realtime.ConversationChannel;
import dev.poolse.sdk.realtime.JoinRefusedException;
import dev.poolse.sdk.realtime.PresenceSnapshot;
import dev.poolse.sdk.realtime.RealtimeSettings;
import dev.poolse.sdk.realtime.RealtimeStatus;
import dev.poolse.sdk.realtime.phoenix.Backoff;
import dev.poolse.sdk.realtime.phoenix.FakeTransport;
import dev.poolse.sdk.realtime.phoenix.VirtualScheduler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The realtime client on a virtual clock, a fake transport and listeners run inline. */
class RealtimeClientTest {
    private static final UUID CONV = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    private static final String TOPIC = "conversation:" + CONV;
    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final FakeTransport transport = new FakeTransport();
    private final FakeBackend backend = new FakeBackend();
    private final List<Throwable> socketErrors = new CopyOnWriteArrayList<>();
    private final DefaultPoolseRealtime rt = new DefaultPoolseRealtime(
            RealtimeSettings.builder().wsUrl(URI.create("ws://127.0.0.1:4000/")).onSocketError(socketErrors::add)
                    .typingInterval(Duration.ofSeconds(2)).build(),
            backend, scheduler, transport, Runnable::run, PoolseJson.newObjectMapper(),
            Backoff.stepped(Backoff.RECONNECT_STEPS_MS, 5000, 0, () -> 0), Backoff.rejoin(), () -> { });

    private FakeTransport.FakeConnection openAndJoin(ConversationChannel ch) {
        scheduler.runReady();
        FakeTransport.FakeConnection c = transport.last();
        c.open();
        c.replyOk("phx_join", "{}");
        scheduler.runReady();
        return c;
    }

    private static String push(String event, String payload) {
        return "[null,null,\"" + TOPIC + "\",\"" + event + "\"," + payload + "]";
    }

    /** A message:new payload with every property the spec marks required. */
    private static String messageJson(long seq) {
        return "{\"id\":\"" + new UUID(0, seq) + "\",\"tenant_id\":\"" + new UUID(9, 9) + "\",\"conversation_id\":\""
                + CONV + "\",\"sender_id\":null,\"sender_external_id\":null,\"type\":\"text\",\"body\":\"m" + seq
                + "\",\"reply_to_id\":null,\"thread_root_id\":null,\"mentions\":[],\"reactions\":{},\"edited_at\":null,"
                + "\"deleted_at\":null,\"sequence\":" + seq + ",\"inserted_at\":\"2026-11-28T10:00:00Z\","
                + "\"updated_at\":\"2026-11-28T10:00:00Z\"}";
    }

    @Test
    void staysIdleUntilFirstChannelRequest() {
        scheduler.runReady();
        assertThat(rt.status()).isEqualTo(RealtimeStatus.IDLE);
        assertThat(transport.connections()).isEmpty();
        rt.conversation(CONV);
        scheduler.runReady();
        assertThat(transport.connections()).hasSize(1);
    }

    @Test
    void socketUrlCarriesEncodedTokenAndVersion() {
        assertThat(DefaultPoolseRealtime.socketUri(URI.create("wss://h.example/"), "/socket", "a+b/c=").toString())
                .isEqualTo("wss://h.example/socket/websocket?token=a%2Bb%2Fc%3D&vsn=2.0.0");
    }

    @Test
    void everyConnectAttemptAsksTheBackendForAToken() {
        rt.conversation(CONV);
        var c = openAndJoin(null);
        assertThat(c.uri.getQuery()).contains("token=tok1");
        c.end(1006, "", null);
        scheduler.advance(Duration.ofMillis(10));
        assertThat(transport.last().uri.getQuery()).contains("token=tok2");
    }

    @Test
    void hungTokenProviderTimesOutAndIsRetried() {
        backend.tokenHangs = true;
        rt.conversation(CONV);
        scheduler.runReady();
        assertThat(rt.status()).isEqualTo(RealtimeStatus.CONNECTING);
        scheduler.advance(RealtimeSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(rt.status()).isEqualTo(RealtimeStatus.RECONNECTING);
        assertThat(socketErrors).anySatisfy(e -> assertThat(e.getCause()).isInstanceOf(java.util.concurrent.TimeoutException.class));
        backend.tokenHangs = false;
        scheduler.advance(Duration.ofMillis(10));
        assertThat(transport.connections()).hasSize(1);
        assertThat(backend.tokenCalls).hasValue(2);
    }

    @Test
    void statusSequenceIsReportedToListeners() {
        List<RealtimeStatus> seen = new ArrayList<>();
        rt.onStatus(seen::add);
        rt.conversation(CONV);
        var c = openAndJoin(null);
        c.end(1006, "", null);
        scheduler.advance(Duration.ofMillis(10));
        transport.last().open();
        rt.disconnect();
        scheduler.runReady();
        assertThat(seen).containsExactly(RealtimeStatus.CONNECTING, RealtimeStatus.CONNECTED,
                RealtimeStatus.RECONNECTING, RealtimeStatus.CONNECTED, RealtimeStatus.CLOSED);
    }

    @Test
    void channelWithAStartingPointJoinsOnlyWhenItsFirstMessageListenerIsAdded() {
        ConversationChannel ch = rt.conversation(CONV, dev.poolse.sdk.realtime.ResumeFrom.sequence(2));
        scheduler.runReady();
        assertThat(transport.connections()).isEmpty();
        backend.post(1, 2, 3, 4);
        List<String> got = new ArrayList<>();
        ch.onMessage(m -> got.add(m.getBody()));
        scheduler.runReady();
        FakeTransport.FakeConnection c = transport.last();
        c.open();
        c.replyOk("phx_join", "{\"revision\":4}");
        scheduler.runReady();
        assertThat(got).containsExactly("m3", "m4");
        assertThat(backend.eventCalls).isEmpty();
    }

    @Test
    void anotherStartingPointForAnOpenChannelIsRefused() {
        rt.conversation(CONV);
        assertThatThrownBy(() -> rt.conversation(CONV, dev.poolse.sdk.realtime.ResumeFrom.sequence(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
        assertThat(rt.conversation(CONV, dev.poolse.sdk.realtime.ResumeFrom.firstJoin())).isSameAs(rt.conversation(CONV));
    }

    @Test
    void disconnectWhileConnectingOrReconnectingReportsClosedLast() {
        List<RealtimeStatus> seen = new ArrayList<>();
        rt.onStatus(seen::add);
        backend.tokenHangs = true;
        rt.conversation(CONV);
        scheduler.runReady();
        rt.disconnect();
        scheduler.advance(Duration.ofMinutes(1)); // the token wait's timeout fires into a closed socket
        assertThat(seen).containsExactly(RealtimeStatus.CONNECTING, RealtimeStatus.CLOSED);

        backend.tokenHangs = false;
        rt.connect();
        scheduler.runReady();
        var c = transport.last();
        c.open();
        c.end(1006, "", null);
        scheduler.runReady();
        rt.disconnect();
        scheduler.advance(Duration.ofMinutes(1));
        assertThat(seen).containsExactly(RealtimeStatus.CONNECTING, RealtimeStatus.CLOSED, RealtimeStatus.CONNECTING,
                RealtimeStatus.CONNECTED, RealtimeStatus.RECONNECTING, RealtimeStatus.CLOSED);
        assertThat(transport.connections()).hasSize(1);
    }

    @Test
    void joiningManyChannelsFetchesMissedMessagesAFewAtATime() {
        backend.parked = new ArrayList<>();
        int channels = 3 * CatchUpLimiter.DEFAULT_MAX_IN_FLIGHT;
        for (int i = 0; i < channels; i++) {
            rt.conversation(new UUID(7, i));
        }
        scheduler.runReady();
        FakeTransport.FakeConnection c = transport.last();
        c.open();
        scheduler.runReady();
        for (var join : c.sentFrames()) {
            if (join.get(3).asText().equals("phx_join")) {
                c.receive("[\"" + join.get(0).asText() + "\",\"" + join.get(1).asText() + "\",\""
                        + join.get(2).asText() + "\",\"phx_reply\",{\"status\":\"ok\",\"response\":{}}]");
            }
        }
        scheduler.runReady();
        assertThat(backend.calls).hasSize(CatchUpLimiter.DEFAULT_MAX_IN_FLIGHT);

        int fetched = 0;
        while (!backend.parked.isEmpty() && fetched < channels) { // bounded: one round per channel
            Runnable next = backend.parked.remove(0);
            next.run();
            scheduler.runReady();
            fetched++;
        }

        assertThat(fetched).isEqualTo(channels);
        assertThat(backend.calls).hasSize(channels);
    }

    @Test
    void sameIdGivesSameHandleAndOneJoin() {
        ConversationChannel a = rt.conversation(CONV);
        ConversationChannel b = rt.conversation(CONV);
        assertThat(a).isSameAs(b);
        var c = openAndJoin(a);
        assertThat(c.count("phx_join")).isEqualTo(1);
        assertThat(a.state()).isEqualTo(ChannelState.JOINED);
    }

    @Test
    void leaveDropsHandleAndSilencesListeners() {
        ConversationChannel a = rt.conversation(CONV);
        List<Message> got = new ArrayList<>();
        a.onMessage(got::add);
        var c = openAndJoin(a);
        rt.leave(CONV);
        scheduler.runReady();
        assertThat(c.count("phx_leave")).isEqualTo(1);
        c.receive(push("message:new", messageJson(1)));
        assertThat(got).isEmpty();
        assertThat(rt.conversation(CONV)).isNotSameAs(a);
    }

    @Test
    void leaveThenRequestAgainJoinsAFreshChannelWhileTheLeaveIsInFlight() {
        ConversationChannel first = rt.conversation(CONV);
        var c = openAndJoin(first);
        rt.leave(CONV);
        ConversationChannel second = rt.conversation(CONV);
        List<Message> got = new ArrayList<>();
        second.onMessage(got::add);
        scheduler.runReady();
        assertThat(c.count("phx_join")).isEqualTo(2);
        c.replyOk("phx_join", "{}");
        // The old join's leave reply and phx_close carry the old join_ref and must not end the new channel.
        c.replyOk("phx_leave", "{}");
        String oldJoinRef = c.sentFrames().get(0).get(0).asText();
        c.receive("[\"" + oldJoinRef + "\",\"" + oldJoinRef + "\",\"" + TOPIC + "\",\"phx_close\",{}]");
        scheduler.runReady();
        assertThat(second.state()).isEqualTo(ChannelState.JOINED);
        c.receive(push("message:new", messageJson(1)));
        scheduler.runReady();
        assertThat(got).hasSize(1);
    }

    @Test
    void typedListenersReceiveDecodedPayloads() {
        ConversationChannel ch = rt.conversation(CONV);
        List<Object> got = new ArrayList<>();
        ch.onMessage(got::add);
        ch.onTypingStart(got::add);
        var c = openAndJoin(ch);
        c.receive(push("message:new", messageJson(1)));
        UUID peer = UUID.randomUUID();
        c.receive(push("typing:start", "{\"user_id\":\"" + peer + "\",\"external_id\":\"bob\"}"));
        scheduler.runReady();
        assertThat(got).hasSize(2);
        assertThat(((Message) got.get(0)).getSequence()).isEqualTo(1L);
        assertThat(got.get(1)).isEqualTo(new TypingEvent(peer, "bob"));
    }

    @Test
    void eventsOfOneEngineTaskReachTheCallbackExecutorInOneHandOff() {
        java.util.concurrent.atomic.AtomicInteger handOffs = new java.util.concurrent.atomic.AtomicInteger();
        DefaultPoolseRealtime counted = new DefaultPoolseRealtime(
                RealtimeSettings.builder().wsUrl(URI.create("ws://127.0.0.1:4000/")).build(),
                backend, scheduler, transport, task -> {
                    handOffs.incrementAndGet();
                    task.run();
                }, PoolseJson.newObjectMapper(), Backoff.stepped(Backoff.RECONNECT_STEPS_MS, 5000, 0, () -> 0),
                Backoff.rejoin(), () -> { });
        ConversationChannel ch = counted.conversation(CONV);
        List<Object> got = new ArrayList<>();
        ch.onMessage(m -> got.add(m.getSequence()));
        ch.onTypingStart(t -> got.add(t.externalId()));
        var c = openAndJoin(ch);
        int before = handOffs.get();
        UUID peer = UUID.randomUUID();
        scheduler.execute(() -> {
            c.receive(push("message:new", messageJson(1)));
            c.receive(push("typing:start", "{\"user_id\":\"" + peer + "\",\"external_id\":\"bob\"}"));
            c.receive(push("message:new", messageJson(2)));
        });
        scheduler.runReady();
        assertThat(got).containsExactly(1L, "bob", 2L);
        assertThat(handOffs.get() - before).isEqualTo(1);
        counted.close();
    }

    @Test
    void messageLackingARequiredKeyIsSkippedAndReportedButANullBodyIsDelivered() {
        ConversationChannel ch = rt.conversation(CONV);
        List<Message> got = new ArrayList<>();
        ch.onMessage(got::add);
        var c = openAndJoin(ch);
        c.receive(push("message:new", messageJson(1).replace("\"body\":\"m1\",", "")));
        scheduler.runReady();
        assertThat(got).isEmpty();
        assertThat(socketErrors).singleElement().satisfies(e -> assertThat(e)
                .isInstanceOf(dev.poolse.sdk.realtime.RealtimeException.class)
                .hasMessageContaining("message:new").hasMessageContaining(TOPIC).hasMessageContaining("body"));

        // Required and nullable: present as null is a valid message (attachment-only, or deleted).
        c.receive(push("message:new", messageJson(1).replace("\"body\":\"m1\"", "\"body\":null")));
        scheduler.runReady();
        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.getSequence()).isEqualTo(1L);
            assertThat(m.getBody()).isNull();
        });
        assertThat(socketErrors).hasSize(1);
    }

    @Test
    void messageUpdateLackingARequiredKeyIsSkippedAndReported() {
        ConversationChannel ch = rt.conversation(CONV);
        List<Message> got = new ArrayList<>();
        ch.onMessageUpdated(got::add);
        var c = openAndJoin(ch);
        c.receive(push("message:updated", messageJson(1).replace(",\"edited_at\":null", "")));
        scheduler.runReady();
        assertThat(got).isEmpty();
        assertThat(socketErrors).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("message:updated", TOPIC, "edited_at"));
    }

    @Test
    void eventRecordLackingARequiredKeyIsSkippedAndReportedButANullValueIsDelivered() {
        ConversationChannel ch = rt.conversation(CONV);
        List<TypingEvent> got = new ArrayList<>();
        ch.onTypingStart(got::add);
        var c = openAndJoin(ch);
        UUID peer = UUID.randomUUID();
        c.receive(push("typing:start", "{\"user_id\":\"" + peer + "\"}"));
        scheduler.runReady();
        assertThat(got).isEmpty();
        assertThat(socketErrors).singleElement().satisfies(e -> assertThat(e)
                .isInstanceOf(dev.poolse.sdk.realtime.RealtimeException.class)
                .hasMessageContaining("typing:start").hasMessageContaining(TOPIC).hasMessageContaining("external_id"));

        c.receive(push("typing:start", "{\"user_id\":\"" + peer + "\",\"external_id\":null}"));
        scheduler.runReady();
        assertThat(got).containsExactly(new TypingEvent(peer, null));
        assertThat(socketErrors).hasSize(1);
    }

    @Test
    void throwingListenerDoesNotStopOthersAndIsReported() {
        ConversationChannel ch = rt.conversation(CONV);
        List<Message> got = new ArrayList<>();
        ch.onMessage(m -> {
            throw new IllegalStateException("boom");
        });
        ch.onMessage(got::add);
        var c = openAndJoin(ch);
        c.receive(push("message:new", messageJson(1)));
        scheduler.runReady();
        assertThat(got).hasSize(1);
        assertThat(socketErrors).anySatisfy(e -> assertThat(e.getCause()).hasMessage("boom"));
    }

    @Test
    void closedSubscriptionIsNotCalled() {
        ConversationChannel ch = rt.conversation(CONV);
        List<Message> got = new ArrayList<>();
        Subscription s = ch.onMessage(got::add);
        var c = openAndJoin(ch);
        s.close();
        s.close();
        c.receive(push("message:new", messageJson(1)));
        scheduler.runReady();
        assertThat(got).isEmpty();
    }

    @Test
    void presenceStateIsReplayedToLateSubscribers() {
        ConversationChannel ch = rt.conversation(CONV);
        var c = openAndJoin(ch);
        UUID u = UUID.randomUUID();
        c.receive(push("presence_state", "{\"" + u + "\":{\"metas\":[{\"phx_ref\":\"a\",\"online_at\":\"2026-11-28T10:00:00Z\"},"
                + "{\"phx_ref\":\"b\",\"online_at\":\"2026-11-28T10:01:00Z\"}]}}"));
        List<PresenceSnapshot> late = new ArrayList<>();
        ch.onPresenceState(late::add);
        scheduler.runReady();
        assertThat(late).singleElement().satisfies(s -> {
            assertThat(s.isOnline(u)).isTrue();
            assertThat(s.devices(u)).hasSize(2);
        });
    }

    @Test
    void userStaysOnlineWhileAnyDeviceRemains() {
        ConversationChannel ch = rt.conversation(CONV);
        var c = openAndJoin(ch);
        UUID u = UUID.randomUUID();
        c.receive(push("presence_state", "{\"" + u + "\":{\"metas\":[{\"phx_ref\":\"a\"},{\"phx_ref\":\"b\"}]}}"));
        c.receive(push("presence_diff", "{\"joins\":{},\"leaves\":{\"" + u + "\":{\"metas\":[{\"phx_ref\":\"a\"}]}}}"));
        assertThat(ch.presence().isOnline(u)).isTrue();
        assertThat(ch.presence().onlineUsers()).containsExactly(u);
        c.receive(push("presence_diff", "{\"joins\":{},\"leaves\":{\"" + u + "\":{\"metas\":[{\"phx_ref\":\"b\"}]}}}"));
        assertThat(ch.presence().isOnline(u)).isFalse();
    }

    @Test
    void ownJoinDiffBeforeStateIsFoldedIntoTheState() {
        ConversationChannel ch = rt.conversation(CONV);
        List<PresenceSnapshot> states = new ArrayList<>();
        List<Object> diffs = new ArrayList<>();
        ch.onPresenceState(states::add);
        ch.onPresenceDiff(diffs::add);
        var c = openAndJoin(ch);
        UUID me = UUID.randomUUID();
        UUID peer = UUID.randomUUID();
        c.receive(push("presence_diff", "{\"joins\":{\"" + me + "\":{\"metas\":[{\"phx_ref\":\"m\"}]}},\"leaves\":{}}"));
        assertThat(ch.presence().isEmpty()).isTrue();
        c.receive(push("presence_state", "{\"" + peer + "\":{\"metas\":[{\"phx_ref\":\"p\"}]}}"));
        scheduler.runReady();
        assertThat(ch.presence().onlineKeys()).containsExactlyInAnyOrder(me.toString(), peer.toString());
        assertThat(states).hasSize(1);
        assertThat(diffs).isEmpty();
    }

    @Test
    void presenceIsReconciledWithTheFreshStateAfterReconnect() {
        ConversationChannel ch = rt.conversation(CONV);
        var c = openAndJoin(ch);
        UUID gone = UUID.randomUUID();
        UUID stays = UUID.randomUUID();
        c.receive(push("presence_state", "{\"" + gone + "\":{\"metas\":[{\"phx_ref\":\"g\"}]},\""
                + stays + "\":{\"metas\":[{\"phx_ref\":\"s1\"},{\"phx_ref\":\"s2\"}]}}"));
        c.end(1006, "", null);
        scheduler.advance(Duration.ofMillis(10));
        var c2 = transport.last();
        c2.open();
        c2.replyOk("phx_join", "{}");
        // A diff of the new join before its state waits for the state.
        c2.receive(push("presence_diff", "{\"joins\":{},\"leaves\":{\"" + stays + "\":{\"metas\":[{\"phx_ref\":\"s2\"}]}}}"));
        assertThat(ch.presence().devices(stays)).hasSize(2);
        c2.receive(push("presence_state", "{\"" + stays + "\":{\"metas\":[{\"phx_ref\":\"s1\"},{\"phx_ref\":\"s2\"}]}}"));
        assertThat(ch.presence().isOnline(gone)).isFalse();
        assertThat(ch.presence().devices(stays)).hasSize(1);
    }

    @Test
    void sendTypingIsThrottledPerInterval() {
        ConversationChannel ch = rt.conversation(CONV);
        var c = openAndJoin(ch);
        for (int i = 0; i < 10; i++) {
            ch.sendTyping();
        }
        scheduler.runReady();
        assertThat(c.count("typing")).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(1999));
        ch.sendTyping();
        scheduler.runReady();
        assertThat(c.count("typing")).isEqualTo(1);
        scheduler.advance(Duration.ofMillis(1));
        ch.sendTyping();
        scheduler.runReady();
        assertThat(c.count("typing")).isEqualTo(2);
    }

    @Test
    void refusedJoinIsReportedToChannelAndSocketErrorListeners() {
        ConversationChannel ch = rt.conversation(CONV);
        List<Throwable> channelErrors = new ArrayList<>();
        ch.onError(channelErrors::add);
        scheduler.runReady();
        var c = transport.last();
        c.open();
        c.reply("phx_join", "error", "{\"reason\":\"forbidden\"}");
        scheduler.runReady();
        assertThat(channelErrors).singleElement().isInstanceOfSatisfying(JoinRefusedException.class,
                e -> assertThat(e.reason()).isEqualTo("forbidden"));
        assertThat(socketErrors).anySatisfy(e -> assertThat(e).isInstanceOf(JoinRefusedException.class));
        assertThat(ch.state()).isEqualTo(ChannelState.ERRORED);
    }

    @Test
    void serverChannelErrorIsReportedOnceThenTheChannelRejoinsAndCatchesUp() {
        ConversationChannel ch = rt.conversation(CONV);
        List<Throwable> channelErrors = new ArrayList<>();
        ch.onError(channelErrors::add);
        List<Long> got = new ArrayList<>();
        ch.onMessage(m -> got.add(m.getSequence()));
        var c = openAndJoin(ch);
        c.receive(push("message:new", messageJson(1)));
        int fetchesBefore = backend.calls.size();
        backend.post(1, 2);
        String joinRef = c.last("phx_join").get(0).asText();
        c.receive("[\"" + joinRef + "\",\"" + joinRef + "\",\"" + TOPIC + "\",\"phx_error\",{}]");
        scheduler.runReady();

        assertThat(ch.state()).isEqualTo(ChannelState.ERRORED);
        assertThat(channelErrors).singleElement().satisfies(e -> assertThat(e).isExactlyInstanceOf(
                dev.poolse.sdk.realtime.RealtimeException.class).hasMessageContaining(TOPIC)
                .hasMessageContaining("server reported a channel error"));
        assertThat(socketErrors).singleElement().isSameAs(channelErrors.get(0));

        // The rejoin backoff, then the rejoin's catch-up fetch delivers what was missed.
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(c.count("phx_join")).isEqualTo(2);
        c.replyOk("phx_join", "{}");
        scheduler.runReady();
        assertThat(ch.state()).isEqualTo(ChannelState.JOINED);
        assertThat(backend.calls.size()).isGreaterThan(fetchesBefore);
        assertThat(got).containsExactly(1L, 2L);
        assertThat(channelErrors).hasSize(1);
        assertThat(socketErrors).hasSize(1);
    }

    @Test
    void socketDropIsNotReportedAsAChannelError() {
        ConversationChannel ch = rt.conversation(CONV);
        List<Throwable> channelErrors = new ArrayList<>();
        ch.onError(channelErrors::add);
        var c = openAndJoin(ch);
        c.end(1006, "", null);
        scheduler.advance(Duration.ofMillis(10));
        var c2 = transport.last();
        c2.open();
        c2.replyOk("phx_join", "{}");
        scheduler.runReady();
        assertThat(ch.state()).isEqualTo(ChannelState.JOINED);
        assertThat(channelErrors).isEmpty();
        assertThat(socketErrors).noneMatch(e -> String.valueOf(e.getMessage()).contains("channel error"));
    }

    @Test
    void joinedCompletesOnceTheServerAcceptsTheFirstJoin() {
        ConversationChannel ch = rt.conversation(CONV);
        var joined = ch.joined();
        scheduler.runReady();
        assertThat(joined).isNotDone();
        openAndJoin(ch);
        assertThat(joined).isCompleted();
    }

    @Test
    void joinedFailsWithTheRefusalOfTheFirstJoin() {
        ConversationChannel ch = rt.conversation(CONV);
        scheduler.runReady();
        var c = transport.last();
        c.open();
        c.reply("phx_join", "error", "{\"reason\":\"forbidden\"}");
        scheduler.runReady();
        assertThat(ch.joined()).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(JoinRefusedException.class);
    }

    @Test
    void joinedFailsWhenTheChannelIsLeftBeforeItJoins() {
        ConversationChannel ch = rt.conversation(CONV);
        var joined = ch.joined();
        rt.leave(CONV);
        scheduler.runReady();
        assertThat(joined).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(dev.poolse.sdk.realtime.RealtimeException.class);
    }

    @Test
    void serverCloseEndsHandleSoNextRequestJoinsAfresh() {
        ConversationChannel ch = rt.conversation(CONV);
        var c = openAndJoin(ch);
        String joinRef = c.last("phx_join").get(0).asText();
        c.receive("[\"" + joinRef + "\",\"" + joinRef + "\",\"" + TOPIC + "\",\"phx_close\",{}]");
        scheduler.runReady();
        assertThat(ch.state()).isEqualTo(ChannelState.CLOSED);
        ConversationChannel again = rt.conversation(CONV);
        assertThat(again).isNotSameAs(ch);
        scheduler.runReady();
        assertThat(c.count("phx_join")).isEqualTo(2);
    }

    @Test
    void missedMessagesAreFetchedAfterReconnectAndDeliveredOnceInOrder() {
        ConversationChannel ch = rt.conversation(CONV);
        List<Long> got = new ArrayList<>();
        ch.onMessage(m -> got.add(m.getSequence()));
        var c = openAndJoin(ch);
        c.receive(push("message:new", messageJson(1)));
        backend.post(1, 2, 3);
        c.end(1006, "", null);
        scheduler.advance(Duration.ofMillis(10));
        var c2 = transport.last();
        c2.open();
        c2.replyOk("phx_join", "{}");
        c2.receive(push("message:new", messageJson(3)));
        c2.receive(push("message:new", messageJson(4)));
        scheduler.runReady();
        assertThat(got).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void closeIsIdempotentAndReleasesResourcesOnce() {
        int[] released = {0};
        DefaultPoolseRealtime client = new DefaultPoolseRealtime(
                RealtimeSettings.builder().wsUrl(URI.create("ws://127.0.0.1:4000")).build(), backend, scheduler,
                transport, Runnable::run, PoolseJson.newObjectMapper(), Backoff.rejoin(), Backoff.rejoin(),
                () -> released[0]++);
        Thread closer = new Thread(() -> {
            client.close();
            client.close();
        });
        closer.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            scheduler.runReady();
            return !closer.isAlive();
        });
        assertThat(released[0]).isEqualTo(1);
        assertThat(transport.connections()).isEmpty();
    }

    @Test
    void closeLeavesNoTimersAndNoCallbacks() {
        ConversationChannel ch = rt.conversation(CONV);
        List<Object> got = new ArrayList<>();
        ch.onMessage(got::add);
        rt.onStatus(got::add);
        var c = openAndJoin(ch);
        got.clear();
        // close() waits for the engine thread, which is the test thread here: close from another one.
        Thread closer = new Thread(rt::close);
        closer.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            scheduler.runReady();
            return !closer.isAlive();
        });
        c.receive(push("message:new", messageJson(1)));
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(got).containsExactly(RealtimeStatus.CLOSED);
        assertThat(scheduler.pendingTimers()).isZero();
        assertThat(rt.status()).isEqualTo(RealtimeStatus.CLOSED);
        assertThatThrownBy(() -> rt.conversation(CONV)).isInstanceOf(IllegalStateException.class);
    }
}
