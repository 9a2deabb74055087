package dev.poolse.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolse.sdk.internal.http.SharedResources;
import org.junit.jupiter.api.Test;

class PoolseBuilderTest {
    @Test
    void missingTokenProviderFailsFast() {
        assertThatThrownBy(() -> Poolse.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tokenProvider");
    }

    @Test
    void malformedUrlsFailFast() {
        assertThatThrownBy(() -> Poolse.builder().tokenProvider(() -> "t").apiUrl("ftp://x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiUrl");
        assertThatThrownBy(() -> Poolse.builder().tokenProvider(() -> "t").apiUrl("not a url").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Poolse.builder().tokenProvider(() -> "t").wsUrl("http://x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wsUrl");
    }

    @Test
    void defaultsAndTrailingSlashTrimmed() {
        try (Poolse a = Poolse.builder().tokenProvider(() -> "t").build();
                Poolse b = Poolse.builder().tokenProvider(() -> "t").apiUrl("http://127.0.0.1:4000/").build()) {
            assertThat(a.apiUrl()).isEqualTo(Poolse.DEFAULT_API_URL).isEqualTo("https://api.poolse.dev");
            assertThat(b.apiUrl()).isEqualTo("http://127.0.0.1:4000");
        }
    }

    @Test
    void sharedResourcesAreReferenceCountedAcrossInstances() {
        int before = SharedResources.references();
        Poolse a = Poolse.builder().tokenProvider(() -> "t").build();
        Poolse b = Poolse.builder().tokenProvider(() -> "t").build();
        assertThat(SharedResources.references()).isEqualTo(before + 2);
        a.close();
        a.close();
        assertThat(SharedResources.references()).isEqualTo(before + 1);
        b.close();
        assertThat(SharedResources.references()).isEqualTo(before);
    }

    @Test
    void realtimeIsUnavailableAfterClose() {
        Poolse chat = Poolse.builder().tokenProvider(() -> "t").build();
        chat.close();
        assertThatThrownBy(chat::realtime).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatThrownBy(() -> Poolse.builder().maxRetries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestOptions.defaults().withTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageQuery.newest(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RestRequest.get("v1/me")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messageQueryAcceptsOnlyTheSpecRangeOneToHundred() {
        assertThat(MessageQuery.newest(1).limit()).isEqualTo(1);
        assertThat(MessageQuery.newest(100).limit()).isEqualTo(100);
        assertThatThrownBy(() -> MessageQuery.newest(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageQuery.newest(101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 100, got: 101");
    }

    @Test
    void replyQueryAcceptsOnlyTheSpecRangeOneToFiveHundred() {
        assertThat(ReplyQuery.oldest(1).limit()).isEqualTo(1);
        assertThat(ReplyQuery.oldest(500).limit()).isEqualTo(500);
        assertThatThrownBy(() -> ReplyQuery.oldest(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplyQuery.oldest(501)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 500, got: 501");
    }

    @Test
    void bothTokenProvidersAreRefused() {
        assertThatThrownBy(() -> Poolse.builder().tokenProvider(() -> "t")
                .asyncTokenProvider(() -> java.util.concurrent.CompletableFuture.completedFuture("t")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    }

    @Test
    void apiUrlEndingInV1IsRefusedWithTheReason() {
        for (String url : new String[] {"https://api.poolse.dev/v1", "https://api.poolse.dev/v1/", "http://h:4000/V1"}) {
            assertThatThrownBy(() -> Poolse.builder().tokenProvider(() -> "t").apiUrl(url).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the SDK adds /v1 to every path");
        }
    }

    @Test
    void restQueryWithANullValueLeavesTheParameterOut() {
        RestRequest r = RestRequest.get("/v1/things").query("before", null).query("limit", 10);
        assertThat(r.queryParams()).containsExactly(java.util.Map.entry("limit", "10"));
    }
}
