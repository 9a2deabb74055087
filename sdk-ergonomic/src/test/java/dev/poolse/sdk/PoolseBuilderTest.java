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
}
