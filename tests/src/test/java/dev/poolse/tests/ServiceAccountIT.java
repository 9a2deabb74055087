package dev.poolse.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.poolse.client.model.Conversation;
import dev.poolse.client.model.ConversationCreateRequest;
import dev.poolse.client.model.ConversationType;
import dev.poolse.client.model.MessageCreateRequest;
import dev.poolse.devserver.DevServerConfig;
import dev.poolse.devserver.PoolseDevServer;
import dev.poolse.sdk.AuthException;
import dev.poolse.sdk.ConversationHandle;
import dev.poolse.sdk.Poolse;
import dev.poolse.sdk.TokenProvider;
import dev.poolse.sdk.admin.PoolseAdmin;
import dev.poolse.sdk.realtime.ConversationChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A backend service acting as one user through {@code PoolseAdmin.tokenProviderFor}: with tokens
 * that last five seconds, a minute of sends and a realtime listener receiving them surface no
 * {@link AuthException}, and the provider (a provision, then one mint per call) is asked about once
 * per token lifetime, because the token cache, not the provider, decides when a token is needed.
 * Each expiry costs one 401 and one repeat of the request with a fresh token (see
 * {@link TokenExpiryIT} for why a five-second token is used until the server refuses it).
 */
class ServiceAccountIT {

    private static final Duration TOKEN_TTL = Duration.ofSeconds(5);
    private static final Duration SEND_PERIOD = Duration.ofMillis(100);

    @Test
    void serviceAccountRunsAMinuteOfFiveSecondTokensWithoutAuthErrors() throws Exception {
        Duration run = Duration.ofSeconds(60L * Fixtures.scale());
        AtomicInteger providerCalls = new AtomicInteger();
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        Set<UUID> sent = ConcurrentHashMap.newKeySet();
        Set<UUID> received = ConcurrentHashMap.newKeySet();
        DevServerConfig config = DevServerConfig.builder().rateLimit(0).tokenTtl(TOKEN_TTL).build();
        try (PoolseDevServer server = PoolseDevServer.start(config);
                PoolseAdmin admin = PoolseAdmin.builder().apiUrl(server.apiUrl().toString())
                        .apiKey(server.apiKey()).build()) {
            TokenProvider serviceAccount = admin.tokenProviderFor("support-bot");
            try (Poolse bot = Poolse.builder()
                    .apiUrl(server.apiUrl().toString())
                    .tokenProvider(() -> {
                        providerCalls.incrementAndGet();
                        return serviceAccount.getToken();
                    })
                    .build()) {
                Conversation support = bot.conversations().create(new ConversationCreateRequest()
                        .type(ConversationType.GROUP).name("support").memberExternalIds(List.of("alice")));
                ConversationHandle conversation = bot.conversations().one(support.getId());
                ConversationChannel channel = bot.realtime().conversation(support.getId());
                channel.onMessage(m -> received.add(m.getId()));
                channel.joined().get(30, TimeUnit.SECONDS);

                ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
                AtomicLong step = new AtomicLong();
                long started = System.nanoTime();
                try {
                    driver.scheduleAtFixedRate(() -> {
                        long n = step.getAndIncrement();
                        try {
                            sent.add(conversation.messages().send(new MessageCreateRequest().body("bot " + n)).getId());
                        } catch (RuntimeException e) {
                            failures.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }, 0, SEND_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
                    await().atMost(run.plusSeconds(30)).pollInterval(Duration.ofMillis(200))
                            .until(() -> System.nanoTime() - started >= run.toNanos());
                } finally {
                    driver.shutdown();
                }
                boolean driverStopped = driver.awaitTermination(30, TimeUnit.SECONDS);
                // Held until the figures are printed, so a red run still says what it saw.
                ConditionTimeoutException notAllReceived = null;
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> received.containsAll(sent));
                } catch (ConditionTimeoutException e) {
                    notAllReceived = e;
                }

                long lifetimes = run.toSeconds() / TOKEN_TTL.toSeconds();
                long bound = lifetimes + 3;
                int authErrors = failures.getOrDefault(AuthException.class.getSimpleName(), new AtomicInteger()).get();
                long missing = sent.stream().filter(id -> !received.contains(id)).count();
                System.out.printf("service account: %d s run, %d s tokens, %d sends, %d received live, %d missing, "
                        + "%d provider calls (%d token lifetimes, bound %d), %d AuthException, failures %s%n",
                        run.toSeconds(), TOKEN_TTL.toSeconds(), sent.size(), received.size(), missing,
                        providerCalls.get(), lifetimes, bound, authErrors, failures);

                assertThat(driverStopped).as("driver stopped").isTrue();
                if (notAllReceived != null) {
                    throw notAllReceived;
                }
                assertThat(authErrors).as("AuthException surfaced").isZero();
                assertThat(failures).as("failed sends").isEmpty();
                assertThat(providerCalls.get()).as("provider calls")
                        .isGreaterThanOrEqualTo((int) lifetimes - 1)
                        .isLessThanOrEqualTo((int) bound);
            }
        }
    }
}
