package dev.poolse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void quickShrinksCountsAndWindows() {
        BenchOptions quick = BenchOptions.parse("--quick");
        BenchOptions full = BenchOptions.parse();
        assertThat(quick.channels()).isLessThan(full.channels());
        assertThat(quick.window()).isLessThan(full.window());
        assertThat(full.channels()).isEqualTo(10_000);
        assertThat(full.clients()).isEqualTo(1_000);
    }

    @Test
    void onlySelectsFamilies() {
        BenchOptions options = BenchOptions.parse("--only=rest,caches");
        assertThat(options.runs("rest")).isTrue();
        assertThat(options.runs("caches")).isTrue();
        assertThat(options.runs("scale")).isFalse();
    }

    @Test
    void explicitCountsOverrideTheDefaults() {
        assertThat(BenchOptions.parse("--quick", "--channels=2500").channels()).isEqualTo(2500);
    }

    @Test
    void rejectsUnknownArgumentsAndFamilies() {
        assertThatThrownBy(() -> BenchOptions.parse("--fast")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchOptions.parse("--only=disk")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchOptions.parse("--clients=0")).isInstanceOf(IllegalArgumentException.class);
    }
}
