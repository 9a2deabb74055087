package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolse.client.model.CallConnection;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.Device;
import dev.poolse.client.model.DeviceEnvironment;
import dev.poolse.client.model.DevicePlatform;
import dev.poolse.client.model.IceServersResponse;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.ApiException;
import dev.poolse.sdk.Poolse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Devices, ICE servers and call tokens through the SDK against the dev server, with and without an SFU. */
class CallResourcesIT {
    private static PoolseDevServer withSfu;
    private static PoolseDevServer withoutSfu;

    @BeforeAll
    static void start() {
        withSfu = PoolseDevServer.start(DevServerConfig.builder().sfuUrl("wss://sfu.example.test").build());
        withoutSfu = PoolseDevServer.start(DevServerConfig.defaults());
    }

    @AfterAll
    static void stop() {
        withSfu.close();
        withoutSfu.close();
    }

    @AfterEach
    void noSpecViolations() {
        assertThat(withSfu.specViolations()).isEmpty();
        assertThat(withoutSfu.specViolations()).isEmpty();
    }

    private static Poolse client(PoolseDevServer server, String externalId) {
        return Poolse.builder().apiUrl(server.apiUrl().toString()).tokenProvider(() -> server.mintToken(externalId))
                .baseBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
    }

    private static UUID conversation(Poolse chat, String... others) {
        return chat.conversations().create(new ConversationCreateRequest().type(ConversationType.GROUP)
                .memberExternalIds(List.of(others))).getId();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void aDeviceRegistersReRegistersAndUnregisters() {
        String token = "voip/" + UUID.randomUUID() + "+:x";
        try (Poolse alice = client(withSfu, unique("alice"))) {
            Device first = alice.devices().register(token, DevicePlatform.IOS, DeviceEnvironment.SANDBOX);
            Device again = alice.devices().register(token, DevicePlatform.IOS, DeviceEnvironment.SANDBOX);
            assertThat(again.getId()).isEqualTo(first.getId());
            alice.devices().unregister(token);
            Device fresh = alice.devices().register(token, DevicePlatform.IOS, DeviceEnvironment.SANDBOX);
            assertThat(fresh.getId()).isNotEqualTo(first.getId());
        }
    }

    @Test
    void iceServersComeWithTurnCredentialsForTheUser() {
        String ext = unique("alice");
        try (Poolse alice = client(withSfu, ext)) {
            IceServersResponse ice = alice.iceServers().get();
            assertThat(ice.getTtlSeconds()).isPositive();
            assertThat(ice.getIceServers()).anySatisfy(s ->
                    assertThat(s.getUsername()).endsWith(":" + withSfu.userId(ext)));
            assertThat(alice.iceServers().get()).isSameAs(ice);
        }
    }

    @Test
    void aMemberGetsAnSfuConnection() {
        try (Poolse alice = client(withSfu, unique("alice"))) {
            UUID conv = conversation(alice, unique("bob"));
            Optional<CallConnection> c = alice.callTokens().create(conv);
            assertThat(c).get().satisfies(conn -> {
                assertThat(conn.getUrl()).isEqualTo("wss://sfu.example.test");
                assertThat(conn.getRoom()).isEqualTo("conversation:" + conv);
            });
        }
    }

    @Test
    void aDeploymentWithoutAnSfuGivesAnEmptyResult() {
        try (Poolse alice = client(withoutSfu, unique("alice"))) {
            UUID conv = conversation(alice, unique("bob"));
            long before = withoutSfu.counters().requests();
            Optional<CallConnection> c = alice.callTokens().create(conv);
            long requests = withoutSfu.counters().requests() - before;
            System.out.println("call-token requests without an SFU: " + requests);
            assertThat(c).isEmpty();
            assertThat(requests).isEqualTo(1);
        }
    }

    @Test
    void aNonMemberIsRefused() {
        UUID conv;
        try (Poolse alice = client(withSfu, unique("alice"))) {
            conv = conversation(alice, unique("bob"));
        }
        try (Poolse eve = client(withSfu, unique("eve"))) {
            assertThatThrownBy(() -> eve.callTokens().create(conv))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        }
    }
}
